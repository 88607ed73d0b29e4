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
for f in package/prebuilds/linux-x64/pave_token.node package/prebuilds/linux-arm64/pave_token.node package/index.d.ts \
  package/index.mjs package/LICENSE-MIT package/install.js package/rust/lib.rs package/Cargo.toml package/crate/src/lib.rs; do
  grep -qx "$f" "$2/contents.txt" || { echo "ERROR: the npm package lacks $f" >&2; exit 1; }
done
if grep -E 'package/(test|bench|consumer|target|crate/tests|crate/benches)' "$2/contents.txt"; then
  echo "ERROR: the npm package ships more than the package" >&2; exit 1
fi
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
npm init -y > /dev/null
npm install --no-audit --no-fund --silent "$tarball" typescript@5 > /dev/null
cp "$here"/check.cjs "$here"/check.mjs "$here"/user.mts "$here"/../test/*.test.js .
node check.cjs && node check.mjs && npx tsc --strict --noEmit --module nodenext --moduleResolution nodenext user.mts
echo "node-package: 3 passed, 0 failed (npm pack, install of the tarball: require, import, tsc --strict)"
# The source build install.js falls back on where no prebuilt fits, forced here: it builds
# the addon with cargo from the package alone, outside the checkout; without cargo it
# says what it needs.
src=$2/source-build && rm -rf "$src" && mkdir -p "$src" && cd "$src" && npm init -y > /dev/null
PAVE_TOKEN_BUILD_FROM_SOURCE=1 CARGO_HOME=${CARGO_HOME:-$HOME/.cargo} npm install --no-audit --no-fund --foreground-scripts \
  "$tarball" > build.log 2>&1 || { cat build.log >&2; echo "ERROR: the source build of the npm package failed" >&2; exit 1; }
[ -f node_modules/pave-token/build/pave_token.node ] || { echo "ERROR: install.js built no addon" >&2; exit 1; }
cp "$here"/check.cjs . && node check.cjs
nocargo=$2/no-cargo && rm -rf "$nocargo" && mkdir -p "$nocargo" && cd "$nocargo" && npm init -y > /dev/null
if PAVE_TOKEN_BUILD_FROM_SOURCE=1 CARGO=/nonexistent/cargo npm install --no-audit --no-fund --foreground-scripts \
  "$tarball" > install.log 2>&1; then echo "ERROR: npm install without cargo succeeded" >&2; exit 1; fi
grep -q "building it from source needs Rust's cargo" install.log || { cat install.log >&2; echo "ERROR: no clear message without cargo" >&2; exit 1; }
echo "node-source-build: 2 passed, 0 failed (install.js built the addon from the package's sources with cargo; without cargo it says what it needs)"
cd "$dir"
echo "The whole Node suite against the installed package:"
PAVE_TOKEN_PACKAGE=pave-token PAVE_TOP=$top node --expose-gc --test pave_token.test.js hostile.test.js
