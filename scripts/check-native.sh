#!/usr/bin/env bash
# A shipped Linux native (the wheel's extension, the Node addon, the JNI
# library): no glibc symbol newer than 2.17, no RPATH/RUNPATH, no library
# beyond libc and its loader (libm, libgcc_s, libpthread, libdl), for the
# machine ARCH (x86_64 | aarch64, or a triple starting with it), and no path
# of the checkout inside.
# usage: check-native.sh LABEL ARCH FILE
set -euo pipefail
label=$1 cpu=${2%%-*} file=$3
top=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "ERROR: $label ($file): $*" >&2; exit 1; }
machine=$(readelf -h "$file" | sed -n 's/^ *Machine: *//p')
case $cpu in
  "x86_64") [ "$machine" = "Advanced Micro Devices X86-64" ] || fail "is for $machine, not $cpu" ;;
  "aarch64") [ "$machine" = "AArch64" ] || fail "is for $machine, not $cpu" ;;
  *) fail "unknown machine $cpu" ;;
esac
newest=$(readelf -V "$file" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)
[ "$(printf '%s\n2.17\n' "$newest" | sort -V | tail -n 1)" = 2.17 ] || fail "needs GLIBC $newest, newer than 2.17"
extra=$(readelf -d "$file" | grep -E 'NEEDED|RPATH|RUNPATH' \
  | grep -vE '\[(libc|libm|libgcc_s|libpthread|libdl|ld-linux-(x86-64|aarch64))\.so\.[0-9]+\]' || true)
[ -z "$extra" ] || fail "needs more than libc: $extra"
! grep -aq "$top/" "$file" || fail "names $top: $(strings -a "$file" | grep "$top/" | head -3)"
echo "$label: $cpu, GLIBC ≤ ${newest:-none}, needs $(readelf -d "$file" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | paste -sd ' ')"
