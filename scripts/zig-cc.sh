#!/bin/sh
# cargo's linker for a native shipped to glibc Linux: zig cc (through maturin,
# as maturin links the wheel) for $PAVE_ZIG_TARGET, e.g. aarch64-linux-gnu.2.17,
# so the library needs no glibc symbol newer than 2.17 (manylinux2014).
set -eu
venv=$("$(dirname "$0")/zig-venv.sh")
export CARGO_ZIGBUILD_ZIG_COMMAND="$venv/bin/python3" CARGO_ZIGBUILD_ZIG_COMMAND_ARGS='-m ziglang'
exec "$venv/bin/maturin" zig cc -- -g -fno-sanitize=all -target "${PAVE_ZIG_TARGET:?set by make: TRIPLE.2.17}" "$@"
