#!/usr/bin/env bash
# Runs each fuzz target for SECONDS from its committed seeds (fuzz/seeds/),
# keeping what it finds in OUT, never in the source tree.
# usage: fuzz.sh BIN_DIR OUT SECONDS LABEL TARGET...
set -uo pipefail
bin=$1 out=$2 seconds=$3 label=$4; shift 4
top=$(cd "$(dirname "$0")/.." && pwd)
for t in "$@"; do
  mkdir -p "$out/corpus/$t"
  "$bin/$t" "$out/corpus/$t" "$top/fuzz/seeds/$t" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$out/" > "$out/$t.log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log")
  stats=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW)' "$out/$t.log" | tail -n 1 | grep -oE 'cov: [0-9]+|exec/s: [0-9]+' | tr '\n' ' ')
  if [ $status -ne 0 ]; then
    tail -n 40 "$out/$t.log" >&2
    echo "ERROR: fuzz target $t ($label) failed; the input is in $out/" >&2
    exit 1
  fi
  echo "fuzz[$label/$t]: 1 passed, 0 failed ($runs runs in $seconds s; $stats)"
done
