#!/usr/bin/env bash
# The pave-token crate inside the npm package (crate/), for install.js's
# source build: what `cargo package` makes of it (a normalized Cargo.toml, no
# workspace), cut to what a build needs (no tests, benches, dev-dependencies
# or profiles), and the addon's Cargo.toml pointed at it.
# usage: stage-crate.sh PACKAGE_DIR     (run by make package)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
dir=$1 work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$top" && CARGO_TARGET_DIR=$work/target cargo package -q -p pave-token --no-verify --allow-dirty 2> "$work/log") \
  || { cat "$work/log" >&2; exit 1; }
tar xzf "$work"/target/package/pave-token-*.crate -C "$work"
crate=$(ls -d "$work"/pave-token-*/)
rm -rf "$dir/crate" && mkdir -p "$dir/crate"
cp -r "$crate/src" "$crate/build.rs" "$crate/LICENSE-MIT" "$crate/LICENSE-APACHE" "$dir/crate/"
python3 - "$crate/Cargo.toml" "$dir/crate/Cargo.toml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
drop = re.compile(r"^\[\[?(test|bench|example|dev-dependencies|profile)[]\s.]")
kept, keep = [], True
for line in text.splitlines(keepends=True):
    if line.startswith("["):
        keep = not drop.match(line)
    if keep:
        kept.append(line)
open(sys.argv[2], "w", encoding="utf-8").write("".join(kept))
PY
grep -q 'path = "../.."' "$dir/Cargo.toml" || { echo "ERROR: the addon's Cargo.toml names no ../.. crate" >&2; exit 1; }
sed -i 's|path = "\.\./\.\."|path = "crate"|' "$dir/Cargo.toml"
