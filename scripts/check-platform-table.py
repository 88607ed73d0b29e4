#!/usr/bin/env python3
"""README.md's table of packages per platform names the steps that test them:
it must name every step make test-platforms runs (the arguments) and no other,
so the table cannot claim a test that does not exist nor leave one out."""
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(TOP, "README.md"), encoding="utf-8") as f:
    readme = f.read()
section = re.search(r"^### Every package on every platform\n(.*?)(?=^#|\Z)", readme, re.M | re.S)
if not section:
    sys.exit("ERROR: check-platform-table: README.md has no '### Every package on every platform' section")
rows = [line for line in section.group(1).splitlines() if line.startswith("| ") and not line.startswith("| package")]
named = set(re.findall(r"`platform-([a-z0-9-]+)`", "\n".join(rows)))
steps = set(sys.argv[1:])
errors = [f"the table names platform-{s}, which make test-platforms does not run" for s in sorted(named - steps)]
errors += [f"make test-platforms runs platform-{s}, which the table does not name" for s in sorted(steps - named)]
for e in errors:
    print(f"ERROR: check-platform-table: {e}", file=sys.stderr)
if errors:
    sys.exit(1)
print(f"check-platform-table: 1 passed, 0 failed ({len(rows)} packages; the {len(steps)} steps are the table's)")
