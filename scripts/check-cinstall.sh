#!/usr/bin/env bash
# cargo-c installs what `make install` installs: the no-std, panic-free
# library exporting the header's functions with soname libpave_token.so.MAJOR
# (the same files, sizes within 1 KiB), the committed header, a .pc file
# through which a C program links and signs the worked example.
# usage: check-cinstall.sh DESTDIR STAGE MAJOR VERSION   (after cargo cinstall --prefix=/usr)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dest=$1 stage=$2 major=$3 version=$4
lib=$dest/usr/lib
fail() { echo "ERROR: cargo cinstall: $*" >&2; exit 1; }
"$top/scripts/check-library.sh" --exports elf --soname "libpave_token.so.$major" cinstall-library "$lib/libpave_token.so"
cmp -s "$dest/usr/include/pave_token.h" "$top/include/pave_token.h" || fail "another header"
[ -f "$lib/libpave_token.a" ] && [ -f "$lib/pkgconfig/pave_token.pc" ] || fail ".a or .pc missing"
files=$(cd "$lib" && ls libpave_token.*) staged=$(cd "$stage/lib" && ls libpave_token.*)
[ "$files" = "$staged" ] || fail "installs $files, make install $staged"
size=$(stat -c %s "$lib/libpave_token.so.$version") made=$(stat -c %s "$stage/lib/libpave_token.so.$version")
[ $(( size > made ? size - made : made - size )) -le 1024 ] || fail "the library is $size bytes, make install's $made"
cd "$dest" && ${CC:-cc} -std=c11 -Wall -Wextra -Werror "$top/tests/install/app.c" \
  $(PKG_CONFIG_PATH=$lib/pkgconfig pkg-config --define-variable=prefix="$dest/usr" --cflags --libs pave_token) \
  -Wl,-rpath,"$lib" -o app && ./app
echo "cinstall: 1 passed, 0 failed (the committed header, .a and .pc; the same files as make install," \
  "$size vs $made bytes; a C program linked through its .pc signs the worked example)"
