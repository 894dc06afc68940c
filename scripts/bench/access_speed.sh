#!/bin/sh
# Speed of `quartier access` (issue 14, "Must show"): 1,000,000 persons, 1,000 offers, a network of
# about 100,000 edges, end to end (read areas, persons, offers and the GeoPackage network; build the
# graph; snap; one bounded Dijkstra per offer; E2SFCA and spatial availability; per-area results
# through the publication rules; write), release build; against the same job end to end in Python
# (scripts/bench/access_peer_python.py in the venv of scripts/install-deps.sh: geopandas/pyogrio reading,
# geopandas.sjoin, scipy cKDTree snapping, scipy.sparse.csgraph.dijkstra with `limit`, PySAL `access`
# E2SFCA and numpy spatial availability per person), on the same input files, runs interleaved (quartier,
# peer, quartier, peer, ...), best of RUNS each; the total and per-stage ratios are from the best runs.
# The peer's per-area E2SFCA and spatial availability are checked against quartier's (rules off).
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
[ -x "$VENV" ] || { echo "no $VENV: bash scripts/install-deps.sh installs the peer's libraries"; exit 1; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
"$BIN" synth city --areas 1000 --persons "$PERSONS" --seed 42 --out "$DIR/city" >/dev/null
python3 scripts/bench/gen_access_inputs.py --persons "$DIR/city/city_persons.csv" --edges "$EDGES" --offers "$OFFERS" --out "$DIR"
ogr2ogr -f GPKG "$DIR/roads.gpkg" "$DIR/roads.geojson" -nln roads
ARGS="access --areas $DIR/city/city_areas.gpkg --id poly_id --report-by quartier_id --persons $DIR/city/city_persons.csv
  --offers $DIR/offers.csv --network $DIR/roads.gpkg --oneway-field oneway --class-field class --class-speed primary=4.8
  --snap-limit 200 --catchment 10 --method 2sfca --method sa --decay steps:5=1,10=0.5"
PEER="scripts/bench/access_peer_python.py --areas $DIR/city/city_areas.gpkg --id poly_id --report-by quartier_id
  --persons $DIR/city/city_persons.csv --offers $DIR/offers.csv --network $DIR/roads.gpkg --oneway-field oneway
  --class-field class --class-speed primary=4.8 --snap-limit 200 --catchment 10 --steps 5=1,10=0.5"
seconds() { awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }'; }
echo "load before: $(uptime)"
best=""; peerbest=""
run=1
while [ "$run" -le "$RUNS" ]; do
    /usr/bin/time -v "$BIN" $ARGS --timings --out "$DIR/out.csv" 2> "$DIR/time.txt"
    secs=$(grep "Elapsed (wall clock)" "$DIR/time.txt" | sed 's/.*: //' | seconds)
    echo "quartier run $run: wall $secs s, user $(grep "User time" "$DIR/time.txt" | sed 's/.*: //') s, sys $(grep "System time" "$DIR/time.txt" | sed 's/.*: //') s, peak RSS $(($(grep "Maximum resident" "$DIR/time.txt" | sed 's/.*: //') / 1024)) MiB"
    if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; cp "$DIR/time.txt" "$DIR/best.txt"; fi
    /usr/bin/time -v "$VENV" $PEER --out "$DIR/peer.csv" > "$DIR/peer.txt" 2> "$DIR/peertime.txt"
    psecs=$(grep "Elapsed (wall clock)" "$DIR/peertime.txt" | sed 's/.*: //' | seconds)
    echo "peer run $run: wall $psecs s (process, with Python start and imports), user $(grep "User time" "$DIR/peertime.txt" | sed 's/.*: //') s, sys $(grep "System time" "$DIR/peertime.txt" | sed 's/.*: //') s, stages $(grep PEER_TOTAL "$DIR/peer.txt" | cut -d' ' -f2) s, peak RSS $(($(grep "Maximum resident" "$DIR/peertime.txt" | sed 's/.*: //') / 1024)) MiB"
    if [ -z "$peerbest" ] || [ "$(echo "$psecs < $peerbest" | bc)" = 1 ]; then peerbest=$psecs; cp "$DIR/peer.txt" "$DIR/peerbest.txt"; fi
    run=$((run + 1))
done
echo "load after: $(uptime)"
grep "^access:" "$DIR/best.txt"
grep "^peer:" "$DIR/peerbest.txt"
t() { grep "^timing $1:" "$DIR/best.txt" | sed 's/.*: //; s/ s//'; }
p() { grep "^PEER_STAGE $1 " "$DIR/peerbest.txt" | cut -d' ' -f3; }
ratio() { echo "scale=1; $2 / $1" | bc; }
printf '%-28s %10s %10s %7s\n' stage quartier peer ratio
row() { printf '%-28s %10.3f %10.3f %7s\n' "$1" "$2" "$3" "$(ratio "$2" "$3")"; }
q=$(echo "$(t areas) + $(t "offers and persons")" | bc); row "read areas, persons, offers" "$q" "$(p read)"
row "locate" "$(t locate)" "$(p locate)"
row "network read and graph" "$(t network)" "$(p network)"
row "snap" "$(t snap)" "$(p snap)"
q=$(t "paths and methods"); pp=$(echo "$(p paths) + $(p methods)" | bc); row "paths, catchments, methods" "$q" "$pp"
row "  of which PySAL E2SFCA + SA" "$q" "$(p methods)"
row "per-area results, write" "$(t write)" "$(p areas)"
row "total (process wall)" "$best" "$peerbest"
# The same job: per-area E2SFCA and spatial availability of the peer against quartier's (rules off).
"$BIN" $ARGS --min-population 0 --small-count 0 --extreme-share-minimum 0 --out "$DIR/cmp.csv" 2>/dev/null
"$VENV" $PEER --out "$DIR/peer.csv" --check "$DIR/cmp.csv" | grep "^CHECK"
echo "quartier best wall $best s; peer best wall $peerbest s; ratio $(ratio "$best" "$peerbest")"
