#!/usr/bin/env bash
# The npm package as published, installed from its tarball into a fresh
# folder and used there with no environment variable: require(), import, a
# TypeScript user under tsc --strict, then the binding's whole suite.
# usage: test.sh TARBALL SCRATCH     (run by `make test`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
tarball=$1 dir=$2/consumer
tar tzf "$tarball" | sort > "$2/contents.txt"
for f in package/prebuilds/linux-x64/pave_token.node package/prebuilds/linux-arm64/pave_token.node package/index.d.ts package/index.mjs package/LICENSE-MIT; do
  grep -qx "$f" "$2/contents.txt" || { echo "ERROR: the npm package lacks $f" >&2; exit 1; }
done
if grep -E 'package/(test|bench|src|rust|consumer|target|Cargo)' "$2/contents.txt"; then echo "ERROR: the npm package ships more than the package" >&2; exit 1; fi
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
npm init -y > /dev/null
npm install --no-audit --no-fund --silent "$tarball" typescript@5 > /dev/null
cp "$here"/check.cjs "$here"/check.mjs "$here"/user.mts "$here"/../test/*.test.js .
node check.cjs && node check.mjs && npx tsc --strict --noEmit --module nodenext --moduleResolution nodenext user.mts
echo "node-package: 3 passed, 0 failed (npm pack, install of the tarball: require, import, tsc --strict)"
echo "The whole Node suite against the installed package:"
PAVE_TOKEN_PACKAGE=pave-token PAVE_TOP=$top node --expose-gc --test pave_token.test.js hostile.test.js
