#!/usr/bin/env bash
# Times `quartier run` on a synthetic monitoring (issue: 1,000 areas, 1,000,000 persons x 5 years,
# 10 indicators): a full run, a run with nothing changed, and a run after one indicator's
# definition changed. Whole commands, release build, median of RUNS runs each.
#   Benchmarks/monitoring-run.sh [AREAS] [PERSONS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
AREAS=${1:-1000}
PERSONS=${2:-1000000}
RUNS=${3:-3}
DIR=${BENCH_DIR:-/tmp/quartier-bench-monitoring}
swift build -c release --product quartier >/dev/null
Q=$(swift build -c release --show-bin-path)/quartier
rm -rf "$DIR"
"$Q" synth monitoring --areas "$AREAS" --persons "$PERSONS" --years 2019-2023 --out "$DIR" >/dev/null
SPEC="$DIR/monitoring.toml"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_it() { # prints wall seconds of one command
  local start end
  start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

full=(); same=(); changed=()
for i in $(seq "$RUNS"); do
  full+=("$(time_it "$Q" run "$SPEC" --full)")
  same+=("$(time_it "$Q" run "$SPEC")")
  # Change one indicator's definition back and forth: one term per year is recomputed.
  if grep -q 'filter = "alter >= 80"' "$SPEC"; then
    sed -i 's/filter = "alter >= 80"/filter = "alter >= 85"/' "$SPEC"
  else
    sed -i 's/filter = "alter >= 85"/filter = "alter >= 80"/' "$SPEC"
  fi
  changed+=("$(time_it "$Q" run "$SPEC")")
done
printf 'monitoring run, %s areas, %s persons x 5 years, 10 indicators, %s runs (median wall seconds)\n' "$AREAS" "$PERSONS" "$RUNS"
printf '  full run (--full):            %.2f s\n' "$(printf '%s\n' "${full[@]}" | median)"
printf '  nothing changed:              %.2f s\n' "$(printf '%s\n' "${same[@]}" | median)"
printf '  one indicator redefined:      %.2f s\n' "$(printf '%s\n' "${changed[@]}" | median)"
printf '  load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
