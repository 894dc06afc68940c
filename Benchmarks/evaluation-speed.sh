#!/usr/bin/env bash
# Times `quartier evaluate` on a synthetic panel (issue 17: 10,000 areas x 15 years x 10 indicators,
# every estimator except placebo runs: 2 x 2 DiD, two-way FE, Callaway & Sant'Anna with both
# comparisons and the event study, Mahalanobis matching, comparable areas, balance), whole command
# including reading the 150,000-row panel CSV and writing the outputs. Release build, median of RUNS.
#   Benchmarks/evaluation-speed.sh [AREAS] [YEARS] [INDICATORS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
AREAS=${1:-10000}
YEARS=${2:-2010-2024}
INDICATORS=${3:-10}
RUNS=${4:-3}
DIR=${BENCH_DIR:-/tmp/quartier-bench-evaluation}
# QUARTIER_SCRATCH=.build-release uses another build folder (a release build beside a debug one in use).
SCRATCH=(${QUARTIER_SCRATCH:+--scratch-path "$QUARTIER_SCRATCH"})
swift build -c release --product quartier "${SCRATCH[@]}" >/dev/null
Q=$(swift build -c release --show-bin-path "${SCRATCH[@]}")/quartier
rm -rf "$DIR"
"$Q" synth evaluation --areas "$AREAS" --years "$YEARS" --indicators "$INDICATORS" --out "$DIR" >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
times=()
for i in $(seq "$RUNS"); do
  start=$(date +%s.%N)
  "$Q" evaluate "$DIR/evaluation.toml" --out "$DIR/out" >/dev/null 2>&1
  end=$(date +%s.%N)
  times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }')")
done
echo "evaluate: $AREAS areas x $YEARS x $INDICATORS indicators: median $(printf '%s\n' "${times[@]}" | median) s wall (runs: ${times[*]}; load $(cut -d' ' -f1 /proc/loadavg))"
