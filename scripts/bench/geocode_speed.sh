#!/bin/sh
# Speed of `quartier geocode` (issue 12, "Must show"): a register of 1,000,000 records against
# 500,000 house coordinates in under 2 s, release build, the whole command (read both files, index,
# match, write the geocoded register, the unmatched records and the summary).
# Usage: scripts/bench/geocode_speed.sh [RECORDS] [HOUSES] [RUNS]
# Prints the machine's load, then per run wall, CPU, peak RSS (/usr/bin/time -v), then the match rate.
set -eu
RECORDS=${1:-1000000}
HOUSES=${2:-500000}
RUNS=${3:-3}
cd "$(dirname "$0")/../.."
swift build -c release --product quartier >/dev/null
BIN=$(swift build -c release --show-bin-path)/quartier
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 scripts/bench/gen_addresses.py --houses "$HOUSES" --records "$RECORDS" --seed 42 --out "$DIR"
echo "house coordinates: $(($(wc -l < "$DIR/hauskoordinaten.csv") - 1)) rows, $(du -h "$DIR/hauskoordinaten.csv" | cut -f1)"
echo "register: $(($(wc -l < "$DIR/register.csv") - 1)) records, $(du -h "$DIR/register.csv" | cut -f1)"
echo "load before: $(uptime)"
run=1
while [ "$run" -le "$RUNS" ]; do
    /usr/bin/time -v "$BIN" geocode --addresses "$DIR/hauskoordinaten.csv" --street strasse --number hnr --suffix zus \
        --x x --y y "$DIR/register.csv" --record-street strasse --record-number hausnummer --record-suffix zusatz \
        --out "$DIR/geocoded.csv" --unmatched "$DIR/unmatched.csv" --summary "$DIR/summary.json" 2> "$DIR/time.txt"
    wall=$(grep "Elapsed (wall clock)" "$DIR/time.txt" | sed 's/.*: //')
    user=$(grep "User time" "$DIR/time.txt" | sed 's/.*: //')
    sys=$(grep "System time" "$DIR/time.txt" | sed 's/.*: //')
    rss=$(grep "Maximum resident" "$DIR/time.txt" | sed 's/.*: //')
    echo "run $run: wall $wall, user $user s, sys $sys s, peak RSS $((rss / 1024)) MiB"
    run=$((run + 1))
done
echo "load after: $(uptime)"
grep "^geocode:" "$DIR/time.txt"
python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print('match rate', s['match_rate'], '| records', s['records'], '= matched', s['matched'], '+ unmatched', s['unmatched'])" "$DIR/summary.json"
