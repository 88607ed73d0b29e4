#!/usr/bin/env bash
# Every package on the platforms it can be run on here: built for the target
# on this x86-64 machine and tested with the target's own runtime, under
# qemu-aarch64 in a Debian arm64 tree (scripts/arm64-tree.sh) or under wine.
# The C libraries they link come from scripts/cross.sh (build/dist/<triple>/).
#
#   go-arm64      the Go package's tests as linux/arm64 test binaries: shared and pavetoken_static
#   go-windows    the same as windows/amd64 binaries under wine64: through pave_token.dll and static
#   python-arm64  the abi3 wheel for manylinux_2_17_aarch64, installed by pip in a venv of the
#                 tree's CPython; the binding's suite there
#   node-arm64    the npm tarball with linux-arm64 beside linux-x64, installed with the tree's
#                 npm-less Node by unpacking it, the binding's suites there
#   jvm-arm64     the jar with linux-aarch64 beside linux-x86_64, the Java suite on the tree's JRE
#   php-arm64     the PHP extension built with the tree's phpize for aarch64, its .phpt files run
#                 by the tree's php
#
# README.md's platform table says the same per package; scripts/platform-table.py checks it
# against the steps here.
# usage: platforms.sh STEP...
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=$top/build/platforms
a64=$top/build/dist/aarch64-unknown-linux-gnu
win=$top/build/dist/x86_64-pc-windows-gnu
vectors=$top/tests/vectors
a64_run=(qemu-aarch64 -cpu max)
wine_run=(env WINEPREFIX="$top/build/cross/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" /usr/lib/wine/wine64)
mkdir -p "$out"

need_dist() {
  [ -f "$1/include/pave_token.h" ] || { echo "platforms.sh: $1 is missing: run scripts/cross.sh first (make test-cross)" >&2; exit 1; }
}
tree() { "$top/scripts/arm64-tree.sh"; }
took() { echo "$1: done in $(( $(date +%s) - $2 )) s"; }

# go_suite LABEL LOG COMMAND...: a Go test binary, its verdict counted.
go_suite() {
  local label=$1 log=$2; shift 2
  local status=0
  timeout -s KILL 600 "$@" -test.v -test.count=1 > "$log" 2>&1 || status=$?
  local passed failed; passed=$(grep -c -- '^--- PASS' "$log" || true); failed=$(grep -c -- '^--- FAIL' "$log" || true)
  if [ $status -ne 0 ] || [ "$failed" -ne 0 ] || ! grep -q '^PASS$' "$log"; then
    cat "$log" >&2; echo "ERROR: $label failed (exit $status)" >&2; exit 1
  fi
  echo "$label: $passed passed, $failed failed"
}

# go_build GOOS GOARCH CC DIST OUT [TAGS]: a test binary of the package, linked as README.md says.
go_build() {
  (cd bindings/go/pavetoken && CGO_ENABLED=1 GOOS=$1 GOARCH=$2 CC=$3 PKG_CONFIG_LIBDIR=$4/lib/pkgconfig \
    go test -c -o "$5" ${6:+-tags "$6"} .)
}

step_go-arm64() {
  local start; start=$(date +%s); need_dist "$a64"
  go_build linux arm64 aarch64-linux-gnu-gcc "$a64" "$out/go-arm64.test"
  go_build linux arm64 aarch64-linux-gnu-gcc "$a64" "$out/go-arm64-static.test" pavetoken_static
  if aarch64-linux-gnu-readelf -d "$out/go-arm64-static.test" | grep -q 'pave_token'; then
    echo "ERROR: the pavetoken_static binary needs libpave_token.so" >&2; exit 1
  fi
  go_suite "go linux-arm64, shared" "$out/go-arm64.log" \
    env PAVE_VECTORS="$vectors" "${a64_run[@]}" -E LD_LIBRARY_PATH="$a64/lib" "$out/go-arm64.test"
  go_suite "go linux-arm64, static" "$out/go-arm64-static.log" \
    env PAVE_VECTORS="$vectors" "${a64_run[@]}" "$out/go-arm64-static.test"
  took go-arm64 "$start"
}

step_go-windows() {
  local start; start=$(date +%s); need_dist "$win"
  local dir=$out/go-windows; rm -rf "$dir" && mkdir -p "$dir"
  go_build windows amd64 x86_64-w64-mingw32-gcc "$win" "$dir/pavetoken.test.exe"
  go_build windows amd64 x86_64-w64-mingw32-gcc "$win" "$dir/pavetoken-static.test.exe" pavetoken_static
  cp "$win/bin/pave_token.dll" "$dir/" # beside the program, as README.md says
  if x86_64-w64-mingw32-objdump -p "$dir/pavetoken-static.test.exe" | grep -qi 'DLL Name: pave_token'; then
    echo "ERROR: the pavetoken_static binary imports pave_token.dll" >&2; exit 1
  fi
  [ -d "$top/build/cross/wineprefix" ] || "${wine_run[@]}" wineboot --init > /dev/null 2>&1 || true
  go_suite "go windows-amd64, pave_token.dll" "$dir/shared.log" \
    env PAVE_VECTORS="$vectors" "${wine_run[@]}" "$dir/pavetoken.test.exe"
  rm "$dir/pave_token.dll"
  go_suite "go windows-amd64, static" "$dir/static.log" \
    env PAVE_VECTORS="$vectors" "${wine_run[@]}" "$dir/pavetoken-static.test.exe"
  took go-windows "$start"
}

# The tree's CPython, Node, java and php under qemu (no binfmt here: none of them can start
# another aarch64 program, ../shared/PLATFORM-NOTES.md).
a64_python() { local t; t=$(tree); "${a64_run[@]}" -L "$t" "$t/usr/bin/python3.11" "$@"; }

step_python-arm64() {
  local start t venv dir=$out/python-arm64 wheel; start=$(date +%s); t=$(tree)
  bindings/python/wheel.sh "$dir" aarch64
  wheel=$(ls "$dir"/dist/*-abi3-*manylinux_2_17_aarch64*.whl)
  venv=$dir/venv && rm -rf "$venv"
  a64_python -m venv --without-pip "$venv"
  # pip from the tree's own wheel of it (ensurepip would start a second aarch64 program).
  "${a64_run[@]}" -L "$t" -E PYTHONPATH="$(ls "$t"/usr/share/python-wheels/pip-*.whl)" "$venv/bin/python3" \
    -m pip install -q --no-index --disable-pip-version-check "$wheel"
  local tag; tag=$("${a64_run[@]}" -L "$t" "$venv/bin/python3" -c \
    'import importlib.metadata as m; print(m.distribution("pave-token").read_text("WHEEL"))' | sed -n 's/^Tag: //p')
  case $tag in *manylinux_2_17_aarch64*) ;; *) false ;; esac || { echo "ERROR: pip installed the wheel as $tag" >&2; exit 1; }
  (cd "$dir" && "${a64_run[@]}" -L "$t" "$venv/bin/python3" "$top/bindings/python/consumer/check.py" "$vectors/tokens.tsv")
  (cd bindings/python && "${a64_run[@]}" -L "$t" -E PAVE_TOKEN_HEADER="$a64/include/pave_token.h" \
    "$venv/bin/python3" test_pave_token.py)
  took python-arm64 "$start"
}

for step in "$@"; do
  declare -F "step_$step" > /dev/null || { echo "platforms.sh: unknown step $step" >&2; exit 2; }
  "step_$step"
done
