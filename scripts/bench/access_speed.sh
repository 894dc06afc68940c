#!/bin/sh
# Speed of `quartier access` (issue 14, "Must show"): 1,000,000 persons, 1,000 offers, a network of
# about 100,000 edges, end to end (read areas, persons, offers and the GeoPackage network; build the
# graph; snap; one bounded Dijkstra per offer; E2SFCA and spatial availability; per-area results
# through the publication rules; write), release build; then PySAL `access` (the venv of
# scripts/install-deps.sh) on the same costs (quartier's --internal-detail), E2SFCA only, as a ratio
# measured in the same run. PySAL gets the cost list for free: its time excludes reading the
# network, snapping and shortest paths.
# Usage: scripts/bench/access_speed.sh [PERSONS] [EDGES] [OFFERS] [RUNS]
set -eu
PERSONS=${1:-1000000}
EDGES=${2:-100000}
OFFERS=${3:-1000}
RUNS=${4:-3}
cd "$(dirname "$0")/../.."
swift build -c release --product quartier >/dev/null
BIN=$(swift build -c release --show-bin-path)/quartier
VENV=.build-access-venv/bin/python
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
"$BIN" synth city --areas 1000 --persons "$PERSONS" --seed 42 --out "$DIR/city" >/dev/null
python3 scripts/bench/gen_access_inputs.py --persons "$DIR/city/city_persons.csv" --edges "$EDGES" --offers "$OFFERS" --out "$DIR"
ogr2ogr -f GPKG "$DIR/roads.gpkg" "$DIR/roads.geojson" -nln roads
ARGS="access --areas $DIR/city/city_areas.gpkg --id poly_id --report-by quartier_id --persons $DIR/city/city_persons.csv
  --offers $DIR/offers.csv --network $DIR/roads.gpkg --oneway-field oneway --class-field class --class-speed primary=4.8
  --snap-limit 200 --catchment 10 --method 2sfca --method sa --decay steps:5=1,10=0.5"
echo "load before: $(uptime)"
run=1
best=""
while [ "$run" -le "$RUNS" ]; do
    /usr/bin/time -v "$BIN" $ARGS --timings --out "$DIR/out.csv" 2> "$DIR/time.txt"
    wall=$(grep "Elapsed (wall clock)" "$DIR/time.txt" | sed 's/.*: //')
    secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    user=$(grep "User time" "$DIR/time.txt" | sed 's/.*: //')
    rss=$(grep "Maximum resident" "$DIR/time.txt" | sed 's/.*: //')
    echo "quartier run $run: wall $secs s, user $user s, peak RSS $((rss / 1024)) MiB"
    if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; fi
    run=$((run + 1))
done
grep "^access:" "$DIR/time.txt"
grep "^timing" "$DIR/time.txt"
echo "load after: $(uptime)"
# The same costs for PySAL (person-level detail, unsuppressed table), then PySAL's time and the check.
"$BIN" $ARGS --min-population 0 --small-count 0 --extreme-share-minimum 0 --internal-detail "$DIR/detail" --out "$DIR/cmp.csv" 2>/dev/null
echo "cost pairs: $(($(wc -l < "$DIR/detail/costs.csv") - 1))"
if [ -x "$VENV" ]; then
    "$VENV" scripts/reference/access_pysal_compare.py --out "$DIR/cmp.csv" --detail "$DIR/detail" --offers "$DIR/offers.csv" \
        --catchment 10 --steps 5=1,10=0.5 --id quartier_id --timing | tee "$DIR/pysal.txt"
    pysal=$(grep PYSAL_SECONDS "$DIR/pysal.txt" | cut -d' ' -f2)
    echo "quartier best wall $best s (end to end); PySAL access E2SFCA on the given costs $pysal s; ratio $(echo "scale=1; $pysal / $best" | bc)"
else
    echo "no $VENV: bash scripts/install-deps.sh installs PySAL access for the ratio"
fi
