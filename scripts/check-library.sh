#!/usr/bin/env bash
# One check of a built library or of a program linked with it, for every
# target: the exports are exactly the functions include/pave_token.h
# declares, no panic machinery is left (the C library must be provably
# panic-free), text + data stays within the budget, the soname is right.
#
# usage: check-library.sh [--tools PREFIX] [--exports elf|pe] [--def FILE]
#                         [--budget] [--soname NAME] LABEL FILE...
# PREFIX is the binutils prefix (aarch64-linux-gnu-, x86_64-w64-mingw32-, ...).
# Every FILE is checked for panic symbols; the other checks read the first.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tools='' exports='' def='' budget='' soname=''
while [ $# -gt 0 ]; do
  case $1 in
    --tools) tools=$2; shift 2 ;;
    --exports) exports=$2; shift 2 ;;
    --def) def=$2; shift 2 ;;
    --budget) budget=65536; shift ;;
    --soname) soname=$2; shift 2 ;;
    *) break ;;
  esac
done
label=$1; shift
file=$1
fail() { echo "ERROR: $label: $*" >&2; exit 1; }
said=()

for f in "$@"; do
  if "${tools}nm" "$f" 2>/dev/null | grep -E 'rust_begin_unwind|panicking|panic_fmt|panic_bounds_check' >&2; then
    fail "a panic path survived in $f (symbols above)"
  fi
done
said+=("no panic symbol")

# The functions the header declares, one a line, sorted.
declared=$(sed -n 's/^[a-z].*[ *]\(pave_[a-z_]*\)(.*/\1/p' "$top/include/pave_token.h" | sort)
[ -n "$declared" ] || fail "found no function in include/pave_token.h"
same_as_header() { # $1: what, $2: the names found
  [ "$2" = "$declared" ] || fail "$1 differ from the header's functions: $(diff <(echo "$declared") <(echo "$2") | grep '^[<>]' | tr '\n' ' ')"
}
case $exports in
  '') ;;
  elf) same_as_header exports "$("${tools}nm" -D --defined-only "$file" | awk '{print $3}' | sort)" ;;
  pe) same_as_header exports "$("${tools}objdump" -p "$file" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' | awk '$1 == "[" {print $3}' | sort)" ;;
  *) fail "unknown export format $exports" ;;
esac
[ -z "$exports" ] || said+=("exports exactly the header's $(echo "$declared" | wc -l) functions")
if [ -n "$def" ]; then
  same_as_header "$def's functions" "$(sed -n 's/^ *\(pave_[a-z_]*\).*/\1/p' "$def" | sort)"
  said+=("$(basename "$def") lists the same")
fi
if [ -n "$budget" ]; then
  loaded=$("${tools}size" "$file" | awk 'NR == 2 { print $1 + $2 }')
  [ "$loaded" -le "$budget" ] || fail "$loaded bytes of text + data, over the $budget-byte budget"
  said+=("$loaded bytes text + data, budget $budget; file $(wc -c < "$file") bytes")
fi
if [ -n "$soname" ]; then
  found=$("${tools}readelf" -d "$file" | sed -n 's/.*soname: \[\(.*\)\]/\1/p')
  [ "$found" = "$soname" ] || fail "soname '$found', expected $soname"
  said+=("soname $soname")
fi
(IFS=';'; echo "$label: 1 passed, 0 failed (${said[*]/#/ })" | sed 's/( /(/')
