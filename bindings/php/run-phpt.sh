#!/bin/sh
# Runs the extension's .phpt files in DIR/tests against MODULE, with no
# PAVE_VECTORS (they must find their vectors from where they are), and fails
# unless every one passed: run-tests.php exits 0 on SKIPs, so its summary is
# read. PHPT_ARGS adds run-tests.php options (-m: each test under valgrind).
# usage: run-phpt.sh RUN_TESTS_PHP MODULE DIR LABEL
set -u
run_tests=$1 module=$2 dir=$3 label=$4
log=$(mktemp)
(cd "$dir" && env -u PAVE_VECTORS NO_INTERACTION=1 "${PHP:-php}" "$run_tests" -n -q --show-diff ${PHPT_ARGS:-} \
  -d extension="$module" tests) > "$log" 2>&1
grep -E '^(PASS|FAIL|SKIP|BORK)' "$log"
passed=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$log")
total=$(ls "$dir"/tests/*.phpt | wc -l)
echo "$label: ${passed:-0} passed, $((total - ${passed:-0})) failed"
if [ "${passed:-0}" -ne "$total" ]; then
  cat "$log" >&2; rm -f "$log"
  echo "ERROR: $label: not every .phpt passed (skips count as failures)" >&2
  exit 1
fi
rm -f "$log"
