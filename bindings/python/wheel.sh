#!/usr/bin/env bash
# The abi3 wheel: the C extension with libpave_token.a linked in, built from
# a copy of this folder, tagged manylinux_2_17 once readelf shows it needs
# nothing newer than GLIBC 2.17 and only libc (and auditwheel, from PyPI,
# agrees), with no path of the checkout inside.
# usage: wheel.sh OUT PREFIX      (PREFIX: an installed libpave_token; run by make)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$1 prefix=$2
rm -rf "$out" && mkdir -p "$out/src" "$out/check"
cp -r "$here/pyproject.toml" "$here/setup.py" "$here/README.md" "$here/src" "$out/src/"
python3 -m venv "$out/build-venv" && "$out/build-venv/bin/pip" install -q wheel auditwheel
# LDSHARED: the building Python's own link line may carry a runpath to its
# libdir (pyenv's does), which an abi3 extension needs no part of.
(cd "$out/src" && CFLAGS=-Werror LDSHARED="${CC:-cc} -shared" PAVE_TOKEN_PREFIX=$prefix \
  "$out/build-venv/bin/pip" wheel -q --no-deps -w "$out/dist" .)
built=$(ls "$out"/dist/*-linux_x86_64.whl)
(cd "$out/check" && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall()' "$built")
so=$out/check/pave_token/_native.abi3.so
newest=$(readelf -V "$so" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)
[ "$(printf '%s\n2.17\n' "$newest" | sort -V | tail -n 1)" = 2.17 ] || { echo "ERROR: the extension needs GLIBC $newest, newer than manylinux_2_17" >&2; exit 1; }
! grep -aq "$top/" "$so" || { echo "ERROR: $so names $top" >&2; exit 1; }
needed=$(readelf -d "$so" | grep -E 'NEEDED|RPATH|RUNPATH' | grep -v 'libc.so.6' || true)
[ -z "$needed" ] || { echo "ERROR: the wheel's extension needs more than libc: $needed" >&2; exit 1; }
(cd "$out/dist" && "$out/build-venv/bin/python" -m wheel tags --platform-tag manylinux_2_17_x86_64 --remove "$(basename "$built")" > /dev/null)
wheel=$(ls "$out"/dist/*-manylinux_2_17_x86_64.whl)
"$out/build-venv/bin/auditwheel" show "$wheel" > "$out/auditwheel.txt" 2>&1
tr -s '\n ' '  ' < "$out/auditwheel.txt" | grep -q 'is consistent with the following platform tag: "manylinux_2_17_x86_64"' \
  || { cat "$out/auditwheel.txt" >&2; echo "ERROR: auditwheel does not find the wheel manylinux_2_17_x86_64" >&2; exit 1; }
echo "python-wheel: $(basename "$wheel") ($(stat -c %s "$wheel") bytes; auditwheel: manylinux_2_17_x86_64)"
