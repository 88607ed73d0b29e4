#!/usr/bin/env bash
# The abi3 wheel and the sdist, built by maturin from this folder (the PyO3
# crate over the pave-token crate): the wheel is tagged manylinux_2_17 once
# readelf shows it needs nothing newer than GLIBC 2.17 and no library beyond
# the manylinux set (and auditwheel, from PyPI, agrees), with no path of the
# checkout inside.
# For aarch64 the wheel alone is built, by Debian's rustc-web and its arm64 std
# (no sdist: it is the same for every platform).
# usage: RUSTFLAGS=... wheel.sh OUT [x86_64|aarch64]   (run by make and scripts/platforms.sh;
#        OUT/dist gets the wheel and the sdist)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
cpu=${2:-"x86_64"}
rm -rf "$out/dist" "$out/check" && mkdir -p "$out/dist" "$out/check"
venv=$("$top/scripts/zig-venv.sh")
# The Makefile's RUSTFLAGS remap the checkout and the registry in panic locations.
export RUSTFLAGS=${RUSTFLAGS:?set by make: the path remapping (mk/common.mk RUST_REMAP)}
export CARGO_TARGET_DIR=$out/target
# maturin runs zig as `python -m ziglang`, with the first python on PATH.
export PATH=$venv/bin:$PATH
build=(build -q --release --zig --compatibility manylinux2014 --out "$out/dist")
if [ "$cpu" = aarch64 ]; then
  # rustup has no aarch64 std here; Debian's compiler has (../shared/PLATFORM-NOTES.md).
  export PATH=$venv/bin:/usr/bin:$PATH RUSTC=/usr/bin/rustc
  build+=(--target aarch64-unknown-linux-gnu)
fi
(cd "$here" && "$venv/bin/maturin" "${build[@]}" \
  && if [ "$cpu" = "x86_64" ]; then "$venv/bin/maturin" sdist --out "$out/dist"; fi) > "$out/maturin.log" 2>&1 \
  || { cat "$out/maturin.log" >&2; exit 1; }
wheel=$(ls "$out"/dist/*-abi3-*manylinux_2_17_"$cpu"*.whl)
(cd "$out/check" && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall()' "$wheel")
so=$(ls "$out"/check/pave_token/_native*.so)
"$top/scripts/check-native.sh" "the wheel's extension" "$cpu" "$so"
"$venv/bin/auditwheel" show "$wheel" > "$out/auditwheel.txt" 2>&1
tr -s '\n ' '  ' < "$out/auditwheel.txt" | grep -q "consistent with the following platform tag: \"manylinux_2_17_$cpu\"" \
  || { cat "$out/auditwheel.txt" >&2; echo "ERROR: auditwheel does not find the wheel manylinux_2_17_$cpu" >&2; exit 1; }
if [ "$cpu" != "x86_64" ]; then
  echo "python-wheel: $(basename "$wheel") ($(stat -c %s "$wheel") bytes; auditwheel: manylinux_2_17_$cpu)"
  exit 0
fi
sdist=$(ls "$out"/dist/pave_token-*.tar.gz)
# Self-contained: the crate it depends on is inside, named by a relative path.
! tar xzf "$sdist" -O | grep -aq "$top" || { echo "ERROR: the sdist names $top" >&2; exit 1; }
tar tzf "$sdist" > "$out/sdist.txt"
grep -q '^pave_token-[^/]*/src/lib.rs$' "$out/sdist.txt" || { echo "ERROR: the sdist lacks the pave-token crate" >&2; exit 1; }
echo "python-wheel: $(basename "$wheel") ($(stat -c %s "$wheel") bytes; auditwheel: manylinux_2_17_x86_64); sdist $(basename "$sdist")"
