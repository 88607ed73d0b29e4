#!/usr/bin/env bash
# A suite cannot run because tools are missing: under CI=true that is a
# failure; otherwise a loud notice, and `make test` lists it again at the end.
# usage: skip.sh WHAT TOOL...   (called by mk/common.mk's `need`)
what=$1; shift
if [ "${CI:-}" = true ]; then
  echo "ERROR: $what cannot be skipped under CI=true: not installed: $* (mk/tools.tsv names the packages; .ci/run installs them)" >&2
  exit 1
fi
echo
echo "!!!!!! SKIPPED $what: not installed: $* (mk/tools.tsv names the packages; CI=true makes this a failure) !!!!!!"
echo
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$top/build" && echo "$what" >> "$top/build/skipped.txt"
