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
#   node-arm64    the npm tarball with linux-arm64 beside linux-x64, installed for arm64 by the
#                 host's npm (the tree's Node has none), the binding's suites on the tree's Node
#   jvm-arm64     the jar with linux-aarch64 beside linux-x86_64, the Java suite on the tree's JRE
#   php-arm64     the PHP extension built with the tree's phpize for aarch64, its .phpt files run
#                 by the tree's php; the FFI wrapper's suite there over the aarch64 C library
#
# README.md's table of packages per platform names these steps; scripts/check-platform-table.py
# checks that it names every one and no other.
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
  if readelf -d "$out/go-arm64-static.test" | grep -q 'pave_token'; then
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
  cp "$win/bin/pave_token.dll" "$dir/" # beside the program (README.md)
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

# node_suite LABEL LOG COMMAND...: a node:test file run as a plain script, its TAP counted.
node_suite() {
  local label=$1 log=$2; shift 2
  local status=0
  timeout -s KILL 900 "$@" > "$log" 2>&1 || status=$?
  local passed failed; passed=$(sed -n 's/^# pass //p' "$log"); failed=$(sed -n 's/^# fail //p' "$log")
  if [ $status -ne 0 ] || [ "${failed:-1}" != 0 ] || [ "${passed:-0}" = 0 ]; then
    cat "$log" >&2; echo "ERROR: $label failed (exit $status)" >&2; exit 1
  fi
  echo "$label: $passed passed, $failed failed"
}

step_node-arm64() {
  local start t dir=$out/node-arm64 tarball; start=$(date +%s); t=$(tree)
  tarball=$(ls "${PAVE_NODE_PACKAGE:?set by make: the npm tarball (bindings/node package)}")
  rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
  # The tree's Node has no npm: the host's installs the tarball for linux-arm64.
  npm init -y > /dev/null
  npm install --no-audit --no-fund --silent --os=linux --cpu=arm64 "$tarball" > /dev/null
  cp "$top"/bindings/node/consumer/check.cjs "$top"/bindings/node/consumer/check.mjs "$top"/bindings/node/test/*.test.js .
  local node=("${a64_run[@]}" -L "$t" -E PAVE_TOKEN_PACKAGE=pave-token -E PAVE_TOP="$top" "$t/usr/bin/node")
  "${node[@]}" -p 'process.arch + " " + require("pave-token").token("u", "k", "t", "s")' | grep -qx "arm64 $(
    python3 -c 'import hmac, sys; print(hmac.new(b"s", b"u:k@t", "sha256").hexdigest())')" \
    || { echo "ERROR: the arm64 Node did not sign with the linux-arm64 addon" >&2; exit 1; }
  "${node[@]}" check.cjs && "${node[@]}" check.mjs
  node_suite "node linux-arm64, pave_token.test.js" "$dir/suite.log" "${node[@]}" --expose-gc pave_token.test.js
  node_suite "node linux-arm64, hostile.test.js" "$dir/hostile.log" "${node[@]}" --expose-gc hostile.test.js
  cd "$top"
  took node-arm64 "$start"
}

step_jvm-arm64() {
  local start t dir=$out/jvm-arm64 jar; start=$(date +%s); t=$(tree)
  jar=${PAVE_JAR:?set by make: the jar (bindings/jvm package)}
  local java=("${a64_run[@]}" -L "$t" "$t/usr/lib/jvm/java-17-openjdk-arm64/bin/java")
  rm -rf "$dir" && mkdir -p "$dir/test" "$dir/hello"
  javac --release 8 -encoding UTF-8 -cp "$jar" -d "$dir/hello" bindings/jvm/consumer/Hello.java
  javac --release 8 -encoding UTF-8 -cp /usr/share/java/junit4.jar:"$jar" -d "$dir/test" bindings/jvm/test/pave/token/PaveTokenTest.java
  (cd "$dir" && "${java[@]}" -cp "$jar:hello" Hello) | grep -q 'API-Token: 891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e' \
    || { echo "ERROR: the jar on the arm64 JRE did not sign the worked example" >&2; exit 1; }
  echo "jvm linux-aarch64: the jar alone signs the worked example"
  local status=0
  (cd "$dir" && PAVE_TOP=$top timeout -s KILL 900 "${java[@]}" -Xcheck:jni \
    -cp "$dir/test:$jar:/usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar" pave.token.PaveTokenTest) \
    > "$dir/test.log" 2>&1 || status=$?
  if [ $status -ne 0 ] || grep -q 'WARNING in native method' "$dir/test.log"; then
    cat "$dir/test.log" >&2; echo "ERROR: the Java suite failed on linux-aarch64" >&2; exit 1
  fi
  echo "jvm linux-aarch64 (-Xcheck:jni): $(grep '^jvm:' "$dir/test.log" | sed 's/^jvm: //')"
  took jvm-arm64 "$start"
}

step_php-arm64() {
  local start t dir=$out/php-arm64; start=$(date +%s); t=$(tree); need_dist "$a64"
  rm -rf "$dir" && mkdir -p "$dir/bin" "$dir/ext"
  # The tree's php under qemu, for run-tests.php (run by the host's php) to start per test.
  printf '#!/bin/sh\nexec %s -L %s -E LD_LIBRARY_PATH=%s %s "$@"\n' "${a64_run[*]}" "$t" "$a64/lib" "$t/usr/bin/php8.2" \
    > "$dir/bin/php" && chmod +x "$dir/bin/php"
  # phpize and php-config of the tree, pointed into it.
  sed "s|^prefix='/usr'|prefix='$t/usr'|" "$t/usr/bin/phpize8.2" > "$dir/bin/phpize"
  sed -e "s|^prefix=\"/usr\"|prefix=\"$t/usr\"|" -e "s|^php_binary=.*|php_binary=\"$dir/bin/php\"|" \
    "$t/usr/bin/php-config8.2" > "$dir/bin/php-config" && chmod +x "$dir/bin/phpize" "$dir/bin/php-config"
  cp -r bindings/php/ext/. "$dir/ext/"
  mkdir -p "$dir/ext/tests/vectors" && cp "$vectors"/*.tsv "$dir/ext/tests/vectors/" # where the PECL archive has them
  (cd "$dir/ext" && "$dir/bin/phpize" && ./configure -q --host=aarch64-linux-gnu CC=aarch64-linux-gnu-gcc \
    --with-php-config="$dir/bin/php-config" --with-pave-token="$a64" && make -s EXTRA_CFLAGS=-Werror) \
    > "$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; exit 1; }
  local module=$dir/ext/modules/pave_token.so
  readelf -h "$module" | grep -q 'Machine: *AArch64' || { echo "ERROR: $module is not for aarch64" >&2; exit 1; }
  "$dir/bin/php" -n -d extension="$module" -r 'echo pave_token("u", "k", "t", "s"), "\n";' \
    | grep -qx "$(python3 -c 'import hmac; print(hmac.new(b"s", b"u:k@t", "sha256").hexdigest())')" \
    || { echo "ERROR: the arm64 php did not sign with the extension" >&2; exit 1; }
  TEST_PHP_EXECUTABLE=$dir/bin/php bindings/php/run-phpt.sh "$dir/ext/run-tests.php" "$module" "$dir/ext" "php-ext linux-arm64"
  # The FFI wrapper: PHP only, over the aarch64 C library (the tree's ffi module, loaded by name).
  PAVE_TOKEN_LIB=$a64/lib/libpave_token.so.0 PAVE_VECTORS=$vectors \
    "$dir/bin/php" -n -d memory_limit=-1 -d extension=ffi -d ffi.enable=1 bindings/php/ffi/tests/ffi_test.php | sed -n 's/^php-ffi: /php-ffi linux-arm64: /p'
  took php-arm64 "$start"
}

for step in "$@"; do
  declare -F "step_$step" > /dev/null || { echo "platforms.sh: unknown step $step" >&2; exit 2; }
  "step_$step"
done
