#!/bin/sh
# Side-by-side timing of the index methods: Quartier (release build, compute only, median of repeated
# runs inside one process) against the same computation in pandas/numpy, on the same inputs, in one run.
#   scripts/bench-methods.sh            (needs python3 with pandas: pip install pandas)
# Prints each timing and the ratio pandas/Quartier (> 1: Quartier faster).
set -eu
cd "$(dirname "$0")/.."
REPEAT_IMD=${REPEAT_IMD:-50}
REPEAT_MSS=${REPEAT_MSS:-500}
OUT=$(mktemp -d)
swift build -c release --product quartier >/dev/null
Q=.build/release/quartier

ms() { sed -n 's/^timing: compute \([0-9.]*\) ms.*/\1/p'; }
q_imd=$($Q index --spec Data/uk-imd-2019/imd2019.toml --out "$OUT/imd.csv" --repeat "$REPEAT_IMD" --timing | ms)
q_mss=$($Q index --spec Data/berlin-mss-2021/mss2021.toml --out "$OUT/mss.csv" --repeat "$REPEAT_MSS" --timing | ms)
py=$(python3 scripts/bench/methods_pandas.py Data "$REPEAT_IMD" "$REPEAT_MSS" "$OUT/imd.csv" "$OUT/mss.csv")
p_imd=$(echo "$py" | sed -n 's/^pandas imd ms=//p')
p_mss=$(echo "$py" | sed -n 's/^pandas mss ms=//p')
echo "IMD 2019 recombination, 32,844 LSOAs (7 transforms, score, rank, decile), median of $REPEAT_IMD:"
echo "  quartier ${q_imd} ms   pandas ${p_imd} ms   ratio pandas/quartier $(python3 -c "print(f'{$p_imd/$q_imd:.2f}')")"
echo "MSS 2021, 542 PLR (6 z, 2 sums, 2 indices, ranks, classes), median of $REPEAT_MSS:"
echo "  quartier ${q_mss} ms   pandas ${p_mss} ms   ratio pandas/quartier $(python3 -c "print(f'{$p_mss/$q_mss:.2f}')")"
echo "$py" | grep '^check' || true
rm -rf "$OUT"
