#!/usr/bin/env bash
# The other targets: each built as shipped (LTO, no std, no panic path) and
# running the C contract suite there; the tested artifacts with the header
# land in build/dist/<triple>/ as an install would lay them out.
#
#   clippy             clippy -D warnings for every triple below
#   aarch64            aarch64-unknown-linux-gnu: Debian's rustc-web with its arm64 std;
#                      qemu-aarch64 -cpu max, shared + static, on the SHA2 path and on the
#                      portable one (tests/cross/hide_hwcap_sha2.c hides the instructions)
#   aarch64-cargo-test the Rust suite (unit, integration, doc tests) under qemu
#   windows            x86_64-pc-windows-gnu, build-std: pave_token.dll, .dll.a, .def, .a; wine
#   musl               x86_64-unknown-linux-musl, build-std: the static library, musl-gcc -static
#   i686               i686-unknown-linux-gnu, build-std: shared + static, through the cross ld.so
#   macos              x86_64/aarch64-apple-darwin, build-std: the static library compiles
#
# ../shared/PLATFORM-NOTES.md has the facts behind each line.
# usage: cross.sh STEP...      (run by `make test-cross`, which checks the tools)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
major=$(sed -n 's/^version = "\([0-9]*\)\..*/\1/p' Cargo.toml | head -n 1)
out=$top/build/cross
target=target/cross
vectors=tests/vectors
check=scripts/check-library.sh
cflags=(-std=c11 -Wall -Wextra -Werror -O2 -g -I"$top/include")
capi=(--profile capi --no-default-features --features capi --lib)
soname=(-C link-arg=-Wl,-soname,libpave_token.so.$major)
triples=(aarch64-unknown-linux-gnu x86_64-pc-windows-gnu x86_64-unknown-linux-musl i686-unknown-linux-gnu
  x86_64-apple-darwin aarch64-apple-darwin)
a64_run=(qemu-aarch64 -cpu max)

cross_cargo() {
  RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc \
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    CARGO_TARGET_I686_UNKNOWN_LINUX_GNU_LINKER=i686-linux-gnu-gcc \
    /usr/bin/cargo "$@"
}
lib_of() { echo "$target/$1/capi"; }

# build TRIPLE [CARGO FLAGS...] -- [RUSTC FLAGS...]: the library, as shipped.
build() {
  local triple=$1 start log=$out/$1.log; shift
  local flags=() rustc=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do flags+=("$1"); shift; done
  [ $# -gt 0 ] && shift && rustc=("$@")
  mkdir -p "$out"; start=$(date +%s)
  cross_cargo rustc "${flags[@]}" --target "$triple" "${capi[@]}" --target-dir "$target" -- "${rustc[@]}" \
    --print native-static-libs > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
  echo "$triple: library built in $(( $(date +%s) - start )) s"
}

# suite LABEL COMMAND...: the C contract suite, announced.
suite() { echo "C contract suite, $1:"; shift; "$@" "$vectors"; }

# dist TRIPLE "LIB FILES" ["BIN FILES"]: with the .pc files an install writes
# (from the same templates; the native libraries are what rustc reported for
# the target) and, for a versioned .so, the link name beside it.
dist() {
  local d=$top/build/dist/$1 native version
  rm -rf "$d" && mkdir -p "$d/lib/pkgconfig" "$d/include"
  cp $2 "$d/lib/" && cp include/pave_token.h "$d/include/"
  if [ -n "${3:-}" ]; then mkdir -p "$d/bin" && cp $3 "$d/bin/"; fi
  [ -f "$d/lib/libpave_token.so.$major" ] && ln -s "libpave_token.so.$major" "$d/lib/libpave_token.so"
  native=$(sed -n 's/.*native-static-libs: //p' "$out/$1.log" | tail -n 1)
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
  for pc in pave_token pave_token-static; do
    sed -e "s|@PREFIX@|$d|" -e 's|@LIBDIR@|${prefix}/lib|' -e 's|@INCLUDEDIR@|${prefix}/include|' \
      -e "s|@VERSION@|$version|" -e "s|@NATIVE_LIBS@|$native|" "$pc.pc.in" > "$d/lib/pkgconfig/$pc.pc"
  done
  echo "$1: artifacts in $d: $(cd "$d" && find . -type f | sort | tr '\n' ' ')"
}

# Under the HWCAP shim the portable path must run, and the shim must say it hid SHA2.
shim_suite() {
  local label=$1 log=$2; shift 2
  echo "C contract suite, $label:"
  local status=0; "$@" "$vectors" 2> "$log" || status=$?
  cat "$log"; [ $status -eq 0 ] && grep -q 'hid SHA2 [1-9]' "$log"
}

step_clippy() {
  for t in "${triples[@]}"; do
    PATH=/usr/bin:$PATH cross_cargo clippy -q -Zbuild-std=core --target "$t" "${capi[@]}" --target-dir "$target-clippy" \
      -- -D warnings || { echo "ERROR: clippy found problems for $t" >&2; exit 1; }
  done
  echo "cross-clippy: ${#triples[@]} passed, 0 failed (clippy -D warnings on each target)"
}

step_aarch64() {
  local lib o=$out/aarch64 cc=aarch64-linux-gnu-gcc; lib=$(lib_of aarch64-unknown-linux-gnu)
  build aarch64-unknown-linux-gnu --crate-type cdylib --crate-type staticlib -- "${soname[@]}"
  mkdir -p "$o" && cp "$lib/libpave_token.so" "$o/libpave_token.so.$major"
  $check --tools aarch64-linux-gnu- --exports elf --budget --soname "libpave_token.so.$major" \
    "aarch64 libpave_token.so" "$lib/libpave_token.so"
  $cc "${cflags[@]}" tests/c/test_pave.c -L"$o" -l:"libpave_token.so.$major" -lpthread -o "$o/test_shared"
  $cc "${cflags[@]}" tests/c/test_pave.c "$lib/libpave_token.a" -lpthread -o "$o/test_static"
  $cc "${cflags[@]}" -fPIC -shared tests/cross/hide_hwcap_sha2.c -ldl -o "$o/hide_hwcap_sha2.so"
  $cc "${cflags[@]}" -DWRAP tests/c/test_pave.c tests/cross/hide_hwcap_sha2.c "$lib/libpave_token.a" \
    -Wl,--wrap=getauxval -lpthread -o "$o/test_static_portable"
  $check --tools aarch64-linux-gnu- "aarch64 static link" "$o/test_static"
  suite "aarch64, shared, SHA2 path" "${a64_run[@]}" -E LD_LIBRARY_PATH="$o" "$o/test_shared"
  suite "aarch64, static, SHA2 path" "${a64_run[@]}" "$o/test_static"
  shim_suite "aarch64, shared, portable path" "$o/shim-shared.txt" \
    "${a64_run[@]}" -E LD_LIBRARY_PATH="$o" -E LD_PRELOAD="$o/hide_hwcap_sha2.so" "$o/test_shared"
  shim_suite "aarch64, static, portable path" "$o/shim-static.txt" "${a64_run[@]}" "$o/test_static_portable"
  dist aarch64-unknown-linux-gnu "$o/libpave_token.so.$major $lib/libpave_token.a"
}

step_aarch64-cargo-test() {
  local start; start=$(date +%s)
  CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="${a64_run[*]}" \
    cross_cargo test -q --target aarch64-unknown-linux-gnu --target-dir "$target" --release --features capi
  echo "aarch64 cargo test: done in $(( $(date +%s) - start )) s"
}

step_windows() {
  local lib o=$out/windows cc=x86_64-w64-mingw32-gcc imports; lib=$(lib_of x86_64-pc-windows-gnu)
  local wine_run=(env WINEPREFIX="$out/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" /usr/lib/wine/wine64)
  build x86_64-pc-windows-gnu -Zbuild-std=core --crate-type cdylib --crate-type staticlib \
    -- -C link-arg=-Wl,--output-def,"$top/$lib/pave_token.def"
  $check --tools x86_64-w64-mingw32- --exports pe --def "$lib/pave_token.def" --budget pave_token.dll "$lib/pave_token.dll"
  imports=$(x86_64-w64-mingw32-objdump -p "$lib/pave_token.dll" | sed -n 's/.*DLL Name: //p' | sort | tr '\n' ' ')
  [ "$imports" = "KERNEL32.dll msvcrt.dll " ] || { echo "ERROR: pave_token.dll imports $imports" >&2; exit 1; }
  mkdir -p "$o" && cp "$lib/pave_token.dll" "$o/"
  $cc "${cflags[@]}" tests/c/test_pave.c "$lib/libpave_token.dll.a" -static -lpthread -o "$o/test_shared.exe"
  $cc "${cflags[@]}" tests/c/test_pave.c "$lib/libpave_token.a" -lkernel32 -static -lpthread -o "$o/test_static.exe"
  $check --tools x86_64-w64-mingw32- "Windows static link" "$o/test_static.exe"
  [ -d "$out/wineprefix" ] || "${wine_run[@]}" wineboot --init > /dev/null 2>&1 || true
  suite "Windows, pave_token.dll" "${wine_run[@]}" "$o/test_shared.exe"
  suite "Windows, static" "${wine_run[@]}" "$o/test_static.exe"
  dist x86_64-pc-windows-gnu "$lib/libpave_token.dll.a $lib/pave_token.def $lib/libpave_token.a" "$lib/pave_token.dll"
}

step_musl() {
  local lib o=$out/musl; lib=$(lib_of x86_64-unknown-linux-musl)
  build x86_64-unknown-linux-musl -Zbuild-std=core --crate-type staticlib
  mkdir -p "$o"
  musl-gcc "${cflags[@]}" tests/c/test_pave.c "$lib/libpave_token.a" -static -lpthread -o "$o/test_static"
  $check "musl static link" "$o/test_static"
  suite "musl, static" "$o/test_static"
  dist x86_64-unknown-linux-musl "$lib/libpave_token.a"
}

step_i686() {
  local lib o=$out/i686 cc=i686-linux-gnu-gcc; lib=$(lib_of i686-unknown-linux-gnu)
  local run=(/usr/i686-linux-gnu/lib/ld-linux.so.2 --library-path "/usr/i686-linux-gnu/lib:$o")
  build i686-unknown-linux-gnu -Zbuild-std=core --crate-type cdylib --crate-type staticlib -- "${soname[@]}"
  mkdir -p "$o" && cp "$lib/libpave_token.so" "$o/libpave_token.so.$major"
  $check --tools i686-linux-gnu- --exports elf --budget --soname "libpave_token.so.$major" "i686 libpave_token.so" "$lib/libpave_token.so"
  $cc "${cflags[@]}" tests/c/test_pave.c -L"$o" -l:"libpave_token.so.$major" -lpthread -o "$o/test_shared"
  $cc "${cflags[@]}" tests/c/test_pave.c "$lib/libpave_token.a" -lpthread -o "$o/test_static"
  $check --tools i686-linux-gnu- "i686 static link" "$o/test_static"
  suite "i686, shared" "${run[@]}" "$o/test_shared"
  suite "i686, static" "${run[@]}" "$o/test_static"
  dist i686-unknown-linux-gnu "$o/libpave_token.so.$major $lib/libpave_token.a"
}

step_macos() {
  build x86_64-apple-darwin -Zbuild-std=core --crate-type staticlib
  build aarch64-apple-darwin -Zbuild-std=core --crate-type staticlib
  echo "macOS (x86_64, aarch64): 2 passed, 0 failed (the static library compiles; not linked or run here)"
}

for step in "$@"; do
  declare -F "step_$step" > /dev/null || { echo "cross.sh: unknown step $step" >&2; exit 2; }
  "step_$step"
done
