#!/usr/bin/env python3
"""Every tool `make test` (and `make demo`, `make bench`) calls is in
mk/tools.tsv, the list .ci/run installs from, or in mk/tools-base.txt, what a
fresh machine has; and every mk/tools.tsv entry is still used.

Read from a dry run, `make -n -B test demo bench NEED_ALL=1 NEED_LOG=FILE`:
every command Make would run (recursive makes included, every tool taken as
present so no suite is skipped), each `need` tool list (NEED_LOG), and the
shell scripts of the repository those commands run. A word there is a tool
when it is a command on this machine's PATH or a path under /usr/: so a
tool installed here by hand, and named nowhere, fails the check. Headers in
mk/tools.tsv are used when a tracked C file includes them. Python and PHP
programs are not read (their tools are their interpreters')."""
import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRACKED = subprocess.run(["git", "ls-files"], cwd=TOP, capture_output=True, text=True, check=True).stdout.split()
SCRIPTS = {p for p in TRACKED if p.endswith(".sh")}


def words(text):
    """The words of a shell line that may be commands: comments and quoted text
    go (their command substitutions stay)."""
    text = re.sub(r"^\s*#.*", "", text)
    text = re.sub(r"'[^']*'", " ", text)
    text = re.sub(r'"((?:[^"\\]|\\.)*)"', lambda m: " ; ".join(re.findall(r"\$\(([^)]*)\)", m.group(1))), text)
    return re.findall(r"[A-Za-z0-9_./+-]+", text)


def script_named(word):
    """The tracked shell script a word names (relative to some folder), if any."""
    rel = word[len(TOP) + 1:] if word.startswith(TOP + "/") else word.removeprefix("./")
    return next((p for p in SCRIPTS if p == rel or p.endswith("/" + rel)), None) if rel.endswith(".sh") else None


def main():
    listed = {}
    with open(os.path.join(TOP, "mk/tools.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                listed[line.split()[0]] = line.split()[1]
    with open(os.path.join(TOP, "mk/tools-base.txt"), encoding="utf-8") as f:
        base = [w for line in f if not line.startswith("#") for w in line.split()]

    with tempfile.NamedTemporaryFile("r", suffix=".txt") as log:
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "CI")}
        run = subprocess.run(["make", "-n", "-B", "--no-print-directory", "test", "demo", "bench",
                              "NEED_ALL=1", f"NEED_LOG={log.name}"],
                             cwd=TOP, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            sys.stderr.write(run.stderr[-3000:])
            sys.exit("ERROR: check-tools: the dry run of make test failed")
        needed = set(log.read().split())

    used = {}  # tool -> where it was seen
    for t in needed:
        used[t] = "a need list"
    texts = [("make -n", line) for line in run.stdout.replace("\\\n", " ").splitlines()]
    read = set()
    while texts:
        where, text = texts.pop()
        for w in words(text):
            script = script_named(w)
            if script and script not in read:
                read.add(script)
                with open(os.path.join(TOP, script), encoding="utf-8") as f:
                    texts += [(script, line) for line in f]
            elif (w.startswith("/usr/") and os.path.isfile(w) or w in listed) or ("/" not in w and shutil.which(w)):
                used.setdefault(w, f"{where}: {text.strip()[:100]}")
        for sub in re.findall(r"\bcargo\s+(?:\+\S+\s+)?([a-z][a-z-]*)", text):
            if f"cargo-{sub}" in listed:  # cargo runs cargo-NAME for a subcommand it lacks
                used.setdefault(f"cargo-{sub}", where)
    for path in TRACKED:
        if path.endswith((".c", ".h")):
            with open(os.path.join(TOP, path), encoding="utf-8", errors="replace") as f:
                included = set(re.findall(r"^#include <([^>]+)>", f.read(), re.M))
            for t in listed:
                if t.startswith("/usr/include/") and re.sub(r"^/usr/include/(x86_64-linux-gnu/)?", "", t) in included:
                    used.setdefault(t, path)

    def known(tool):
        return tool in listed or any(fnmatch.fnmatch(tool, b) for b in base)

    # A path under a tool's folder (a file of an installed package) is that package's.
    unknown = sorted(t for t in used if not known(t) and not any(t.startswith(k.rstrip("/") + "/") for k in listed))
    unused = sorted(t for t in listed if t not in used)
    for t in unknown:
        print(f"ERROR: check-tools: '{t}' is used but is in neither mk/tools.tsv nor mk/tools-base.txt ({used[t]})",
              file=sys.stderr)
    for t in unused:
        print(f"ERROR: check-tools: mk/tools.tsv lists '{t}', which no recipe or script uses", file=sys.stderr)
    if unknown or unused:
        sys.exit(1)
    print(f"check-tools: 1 passed, 0 failed ({len(used)} tools in {len(run.stdout.splitlines())} dry-run lines and"
          f" {len(read)} scripts; {len(set(used) & set(listed))} of them from mk/tools.tsv, the rest mk/tools-base.txt's)")


if __name__ == "__main__":
    main()
