#!/usr/bin/env bash
# Quartier vs PySAL (mapclassify, libpysal, esda), side by side in one run, release build:
#   Fisher-Jenks k = 5 on the 32,844 recombined IMD 2019 LSOA scores,
#   queen neighbours of the 32,844 English LSOAs (EPSG:27700),
#   global Moran's I with 999 permutations on them.
# Both tools read the same GeoJSON (written once by scripts/bench_spatial_prepare.py; reading is not timed:
# Quartier reports its phases with --timings, the Python side times the calls). Each time is the best of REPEATS runs.
# Usage: bash scripts/bench-spatial.sh [REPEATS]   (needs: pip install mapclassify libpysal esda geopandas)
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${1:-3}
DIR=${BENCH_DIR:-/tmp/quartier-bench}
DATA="$DIR/lsoa_england_27700.geojson"
mkdir -p "$DIR"
swift build -c release --product quartier >/dev/null 2>&1
Q="$(swift build -c release --show-bin-path)/quartier"
[ -f "$DATA" ] || python3 scripts/bench_spatial_prepare.py "$DATA"

phase() { # phase NAME COMMAND...: best time of the phase over REPEATS runs
    local name=$1; shift
    local best=""
    for _ in $(seq "$REPEATS"); do
        local t
        t=$("$@" --timings 2>&1 >/dev/null | awk -v p="timing $name:" 'index($0, p) == 1 { print $(NF-1) }')
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
    done
    echo "$best"
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m); Quartier $($Q --version), release build"
q_fj=$(phase classify "$Q" classify "$DATA" --id lsoa11_code --field imd_score --method fisher-jenks --k 5)
q_queen=$(phase neighbours "$Q" neighbours "$DATA" --id lsoa11_code --rule queen)
q_moran=$(phase moran "$Q" moran "$DATA" --id lsoa11_code --field imd_score --permutations 999)
q_bins=$("$Q" classify "$DATA" --id lsoa11_code --field imd_score --method fisher-jenks --k 5 --json | python3 -c 'import json,sys; print(",".join(repr(b) for b in json.load(sys.stdin)["bins"]))')
q_pairs=$("$Q" neighbours "$DATA" --id lsoa11_code --rule queen | awk '/neighbour pairs/ { sub(",", "", $3); print $3 * 2 }')
q_moran_json=$("$Q" moran "$DATA" --id lsoa11_code --field imd_score --permutations 999 --json)
q_I=$(echo "$q_moran_json" | python3 -c 'import json,sys; print(repr(json.load(sys.stdin)["I"]))')
q_p=$(echo "$q_moran_json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["p_sim"])')

py=$(python3 scripts/bench_spatial_pysal.py "$DATA" "$REPEATS" "$q_bins")
echo "$py" | grep '^#' || true
p_fj=$(echo "$py" | awk '$1 == "fisher_jenks" { print $2 }'); p_bins=$(echo "$py" | awk '$1 == "fisher_jenks" { print $3 }')
p_queen=$(echo "$py" | awk '$1 == "queen" { print $2 }'); p_pairs=$(echo "$py" | awk '$1 == "queen" { print $3 }')
p_sdcm=$(echo "$py" | awk '$1 == "sdcm" { print $2 }'); q_sdcm=$(echo "$py" | awk '$1 == "sdcm" { print $3 }')
p_moran=$(echo "$py" | awk '$1 == "moran" { print $2 }'); p_I=$(echo "$py" | awk '$1 == "moran" { print $3 }'); p_p=$(echo "$py" | awk '$1 == "moran" { print $4 }')

python3 - "$q_fj" "$p_fj" "$q_queen" "$p_queen" "$q_moran" "$p_moran" "$q_bins" "$p_bins" "$q_pairs" "$p_pairs" "$q_I" "$p_I" "$q_p" "$p_p" "$q_sdcm" "$p_sdcm" <<'PY'
import sys
a = sys.argv[1:]
qf, pf, qq, pq, qm, pm = map(float, a[:6])
qb = [float(x) for x in a[6].split(",")]; pb = [float(x) for x in a[7].split(",")]
same_bins = len(qb) == len(pb) and all(abs(x - y) <= 1e-9 * max(1, abs(y)) for x, y in zip(qb, pb))
rows = [
    ("Fisher-Jenks k=5, 32,844 IMD scores", qf, pf, "bins equal" if same_bins else
     f"bins differ (mapclassify sums in float32); within-class SS {float(a[14]):.6f} (Quartier) vs {float(a[15]):.6f} (mapclassify)"),
    ("queen neighbours, 32,844 LSOAs", qq, pq, "nonzero equal" if a[8] == a[9] else f"nonzero {a[8]} vs {a[9]}"),
    ("Moran's I, 999 permutations", qm, pm, f"I {float(a[10]):.12f} vs {float(a[11]):.12f}; p_sim {a[12]} vs {a[13]}"),
]
print("| task | Quartier (s) | PySAL (s) | PySAL / Quartier | same result |")
print("|---|---:|---:|---:|---|")
for name, q, p, same in rows:
    print(f"| {name} | {q:.4f} | {p:.4f} | {p / q:.1f}x | {same} |")
PY
