#!/bin/sh
# Regenerates ext/pave_token_arginfo.h from ext/pave_token.stub.php with PHP's
# own gen_stub.php, offline: Debian's php-parser package stands in for the
# PHP-Parser copy gen_stub.php would download. Usage: gen_arginfo.sh [OUT_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/ext}
gen=$(ls /usr/lib/php/*/build/gen_stub.php 2>/dev/null | head -n 1)
[ -n "$gen" ] || { echo "gen_stub.php not found (install php-dev)" >&2; exit 1; }
[ -d /usr/share/php/PhpParser ] || { echo "PhpParser not found (install php-parser)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's/.*\$version = "\(.*\)";.*/\1/p' "$gen" | head -n 1)
mkdir -p "$work/PHP-Parser-$version/lib"
ln -s /usr/share/php/PhpParser "$work/PHP-Parser-$version/lib/PhpParser"
cp "$gen" "$work/gen_stub.php"
cp "$here/ext/pave_token.stub.php" "$work/"
php "$work/gen_stub.php" -f "$work/pave_token.stub.php" >/dev/null
cp "$work/pave_token_arginfo.h" "$out/pave_token_arginfo.h"
