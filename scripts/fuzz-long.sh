#!/usr/bin/env bash
# The long fuzzing runs (issue 10, section 6), on demand: builds the libFuzzer targets of fuzz/
# (scripts/fuzz-build.sh) and runs each for RUNS inputs (default 1,000,000) from its committed
# corpus, one process at a time, then prints a table: target, inputs run, seconds, result.
#
#   scripts/fuzz-long.sh                      # every target, a million inputs each
#   RUNS=10000000 scripts/fuzz-long.sh json_input envelope
#
# New inputs go to build/fuzz/work/<name>/ (never into the repository). A crash leaves
# build/fuzz/crash-* and the run's log in build/fuzz/logs/<name>.log: minimise it
# (<target> -minimize_crash=1 <file>), fix the bug, and commit the file to fuzz/corpus/<name>/ so
# that ./test replays it from then on.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${FUZZ_OUT:-$root/build/fuzz}"
runs="${RUNS:-1000000}"
export FUZZ_OUT="$out"

"$root/scripts/fuzz-build.sh" "$@" || exit 1
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for f in "$root"/fuzz/*_fuzz.cpp; do
    n="$(basename "$f" _fuzz.cpp)"
    targets+=("$n")
  done
fi

mkdir -p "$out/logs"
failed=0
printf '| %-16s | %12s | %8s | %-30s |\n' target inputs seconds result
for t in "${targets[@]}"; do
  mkdir -p "$out/work/$t"
  log="$out/logs/$t.log"
  start=$(date +%s)
  (cd "$out" && "$out/${t}_fuzz" -runs="$runs" -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
     -print_final_stats=1 "$out/work/$t" "$root/fuzz/corpus/$t") >"$log" 2>&1
  rc=$?
  seconds=$(( $(date +%s) - start ))
  done_runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  if [[ $rc -eq 0 ]]; then
    result="no crash"
  else
    result="FAILED (exit $rc, see $log)"
    failed=1
  fi
  printf '| %-16s | %12s | %8s | %-30s |\n' "$t" "${done_runs:-?}" "$seconds" "$result"
done
exit $failed
