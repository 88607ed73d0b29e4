#!/usr/bin/env bash
# The pavetoken module as a release holds it, required by a program in
# another folder through a replace directive, with no module proxy; linked
# through pkg-config against the installed library: shared by default,
# static with -tags pavetoken_static. Each signs the worked example.
# usage: test.sh MODULE SCRATCH PREFIX TOKENS_TSV     (run by `make test`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$1 dir=$2 prefix=$3 vectors=$4
rm -rf "$dir" && mkdir -p "$dir/consumer"
sed "s|@PAVETOKEN@|$module|" "$here/go.mod.in" > "$dir/consumer/go.mod"
cp "$here/main.go" "$dir/consumer/"
cd "$dir/consumer"
export GOPROXY=off GOFLAGS=-mod=mod CGO_ENABLED=1 PKG_CONFIG_PATH=$prefix/lib/pkgconfig
go mod tidy && go vet . && go build -o app . && go build -tags pavetoken_static -o app_static .
LD_LIBRARY_PATH=$prefix/lib ./app "$vectors"
LD_LIBRARY_PATH=$prefix/lib ldd app | grep -q "libpave_token.so.[0-9]* => $prefix/lib/"
env -u LD_LIBRARY_PATH ./app_static "$vectors" && ! ldd app_static | grep -q pave_token
echo "go-package: 2 passed, 0 failed (a module outside the repository with a replace directive: pkg-config shared, and static)"
