#!/usr/bin/env bash
# `make install` into a scratch prefix, the prefix moved, and programs built
# outside the repository against it: pkg-config (shared, and static through
# pave_token-static.pc, with --define-variable), CMake's find_package (shared
# and static targets, from the moved prefix) when cmake is given, a Rust
# program depending on the crate without default features; then uninstall.
# usage: test-install.sh SCRATCH [cmake]     (run by `make test-install`)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$1 with_cmake=${2:-}
: "${CC:=cc}" "${CARGO:=cargo}"
cflags=(-std=c11 -Wall -Wextra -Werror -O2)
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
make -C "$top" --no-print-directory install PREFIX="$dir/prefix" DESTDIR= > /dev/null
mv prefix moved

export PKG_CONFIG_PATH=$dir/moved/lib/pkgconfig
pc=(pkg-config --define-variable=prefix="$dir/moved")
$CC "${cflags[@]}" "$top/tests/install/app.c" $("${pc[@]}" --cflags --libs pave_token) -Wl,-rpath,"$dir/moved/lib" -o app_pkgconfig
./app_pkgconfig
$CC "${cflags[@]}" "$top/tests/install/app.c" $("${pc[@]}" --cflags --libs pave_token-static) -o app_pkgconfig_static
./app_pkgconfig_static && ! ldd app_pkgconfig_static | grep -q pave_token
echo "install-pkgconfig: 2 passed, 0 failed (shared and static, moved prefix)"

if [ "$with_cmake" = cmake ]; then
  { cmake -S "$top/tests/install" -B cmake-build -DCMAKE_PREFIX_PATH="$dir/moved" -DCMAKE_C_FLAGS="-Wall -Wextra -Werror" &&
    cmake --build cmake-build; } > cmake.log 2>&1 || { cat cmake.log >&2; exit 1; }
  ./cmake-build/app_shared && ./cmake-build/app_static && ! ldd cmake-build/app_static | grep -q pave_token
  echo "install-cmake: 2 passed, 0 failed (find_package(pave_token CONFIG): pave_token::pave_token, pave_token::pave_token_static)"
fi

mkdir -p dependent/src && sed "s|@REPO@|$top|" "$top/tests/install/Cargo.toml.in" > dependent/Cargo.toml
cp "$top/tests/install/dependent_src/main.rs" dependent/src/
(cd dependent && CARGO_TARGET_DIR=$top/target/dependent $CARGO run -q)
echo "install-rust-dependent: 1 passed, 0 failed (default-features = false)"

mv moved prefix
make -C "$top" --no-print-directory uninstall PREFIX="$dir/prefix" DESTDIR= > /dev/null
left=$(find prefix -type f -o -type l)
[ -z "$left" ] || { echo "ERROR: uninstall left $left" >&2; exit 1; }
echo "uninstall: 1 passed, 0 failed (nothing left)"
