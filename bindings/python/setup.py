"""The compiled part of the wheel: pave_token._native, against CPython's
limited API (one cp38-abi3 wheel for every CPython >= 3.8), with the static
libpave_token.a linked in.

PAVE_TOKEN_PREFIX names an installed libpave_token (`make install
PREFIX=...`; the repository's `make` uses its staged install); without it,
pkg-config's pave_token-static is asked."""
import os
import shlex
import subprocess

from setuptools import Extension, setup

prefix = os.environ.get("PAVE_TOKEN_PREFIX")
if prefix:
    include_dirs = [os.path.join(prefix, "include")]
    with open(os.path.join(prefix, "lib", "pkgconfig", "pave_token-static.pc")) as pc:
        libs = next(line for line in pc if line.startswith("Libs:")).split()[1:]
    extra_link_args = [arg.replace("${libdir}", os.path.join(prefix, "lib")) for arg in libs]
else:
    cflags = subprocess.check_output(["pkg-config", "--cflags", "pave_token-static"], text=True)
    include_dirs = [flag[2:] for flag in shlex.split(cflags) if flag.startswith("-I")]
    extra_link_args = shlex.split(subprocess.check_output(["pkg-config", "--libs", "pave_token-static"], text=True))

setup(
    ext_modules=[
        Extension(
            "pave_token._native",
            sources=["src/pave_token/_native.c"],
            include_dirs=include_dirs,
            # No debug info: the wheel carries no paths of the machine that built it.
            extra_link_args=extra_link_args + ["-Wl,--strip-debug"],
            # -Werror is the builder's to add (CFLAGS=-Werror; the repository's build does).
            extra_compile_args=["-std=c11", "-Wall", "-Wextra", "-g0"],
            define_macros=[("Py_LIMITED_API", "0x03080000")],
            py_limited_api=True,
        )
    ],
    options={"bdist_wheel": {"py_limited_api": "cp38"}},
)
