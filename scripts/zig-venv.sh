#!/usr/bin/env bash
# The venv with maturin and zig (PyPI) that links every shipped Rust native
# (the wheel's extension, the Node addon, the JNI library) against glibc 2.17,
# made once in build/zig-venv. Prints its path.
set -euo pipefail
venv=$(cd "$(dirname "$0")/.." && pwd)/build/zig-venv
if [ ! -x "$venv/bin/maturin" ]; then
  rm -rf "$venv" && python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check 'maturin>=1.16,<2' auditwheel 'ziglang<0.14' >&2
fi
echo "$venv"
