#!/usr/bin/env bash
# State-scale monitoring run (issue 12): one year of North Rhine-Westphalia's size, 18 M persons in
# four registers (72 M records: two at an address, two at coordinates) into 100,000 blocks, end to
# end (`quartier run --full`: spec, areas and their two levels above, geocoding, counting, indicators,
# store), release build, wall time and peak memory (GNU time's maximum resident set size).
#   Benchmarks/state-scale.sh [PERSONS] [AREAS]
# The city is `quartier synth monitoring` (seed 7) with its population register at addresses; the
# registers at coordinates are that register geocoded once (`quartier geocode`, its x and y
# appended). Generated once into $BENCH_DIR (default /tmp/quartier-state, about 4 GB for 18 M).
set -euo pipefail
cd "$(dirname "$0")/.."
PERSONS=${1:-18000000}
AREAS=${2:-100000}
DIR=${BENCH_DIR:-/tmp/quartier-state}-$PERSONS-$AREAS
swift build -c release --product quartier >/dev/null
Q=$(swift build -c release --show-bin-path)/quartier

if [ ! -f "$DIR/.complete" ]; then
  rm -rf "$DIR"
  echo "generating $PERSONS persons in $AREAS blocks into $DIR ..." >&2
  "$Q" synth monitoring --areas "$AREAS" --persons "$PERSONS" --years 2023-2023 --seed 7 --out "$DIR" >/dev/null
  "$Q" geocode "$DIR/einwohner.csv" --addresses "$DIR/hauskoordinaten.csv" --street strasse --number hausnummer \
    --suffix zusatz --x x --y y --record-street strasse --record-number hausnummer --record-suffix zusatz \
    --out "$DIR/einwohner_xy.csv" 2>/dev/null
  # A second register of each kind (a benefits and a health register of the same persons): other
  # files, so that each is read, parsed and placed on its own.
  cp "$DIR/einwohner.csv" "$DIR/gesundheit.csv"
  cp "$DIR/einwohner_xy.csv" "$DIR/leistungen_xy.csv"
  touch "$DIR/.complete"
fi

cat > "$DIR/state.toml" <<'TOML'
[monitoring]
name = "Land (synthetisch, 18 Mio.)"
crs = "EPSG:25832"
store = "out/state.gpkg"

[levels.block]
file = "city_areas.gpkg"
layer = "polys"
id = "poly_id"
name = "name"
parent = "quartier"
parent_column = "quartier_id"

[levels.quartier]
parent = "stadtteil"
parent_column = "stadtteil_id"

[levels.stadtteil]

[[sources]]
name = "einwohner"
year = 2023
records = "einwohner.csv"
street = "strasse"
number = "hausnummer"
suffix = "zusatz"
addresses = "hauskoordinaten.csv"
addresses_street = "strasse"
addresses_number = "hausnummer"
addresses_suffix = "zusatz"

[[sources]]
name = "einwohner_xy"
year = 2023
persons = "einwohner_xy.csv"

[[sources]]
name = "gesundheit"
year = 2023
records = "gesundheit.csv"
street = "strasse"
number = "hausnummer"
suffix = "zusatz"
addresses = "hauskoordinaten.csv"
addresses_street = "strasse"
addresses_number = "hausnummer"
addresses_suffix = "zusatz"

[[sources]]
name = "leistungen_xy"
year = 2023
persons = "leistungen_xy.csv"

[[indicators]]
id = "kinder"
numerator = { source = "einwohner", filter = "alter < 15" }
denominator = { source = "einwohner" }
scale = "percent"

[[indicators]]
id = "hochbetagte"
numerator = { source = "gesundheit", filter = "alter >= 80" }
denominator = { source = "einwohner" }
scale = "percent"

[[indicators]]
id = "kinder_xy"
numerator = { source = "einwohner_xy", filter = "alter < 6" }
denominator = { source = "leistungen_xy" }
scale = "percent"
TOML

records=$(( $(wc -l < "$DIR/einwohner.csv") - 1 ))
log="$DIR/run.log"
# The inputs (5.2 GB for 18 M) are read once before the clock starts, so the figure is the engine's
# and not the disk's: on a cold page cache the run waits for the disk besides (this machine's disk
# reads about 200 MB/s, 25 s for the inputs alone).
cat "$DIR"/*.csv "$DIR/city_areas.gpkg" > /dev/null
start=$(date +%s.%N)
/usr/bin/time -v "$Q" run "$DIR/state.toml" --full 2> "$log" >/dev/null || { cat "$log" >&2; exit 1; }
end=$(date +%s.%N)
grep -E "^(counts|records|store|  store|run:)" "$log"
printf 'state-scale run: %s persons x 4 registers (%s records) into %s blocks\n' "$records" "$((4 * records))" "$AREAS"
printf '  wall %.1f s, CPU %s s user + %s s system, peak memory %s MiB, load average %s\n' \
  "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" \
  "$(grep 'User time' "$log" | awk '{print $NF}')" "$(grep 'System time' "$log" | awk '{print $NF}')" \
  "$(( $(grep 'Maximum resident' "$log" | awk '{print $NF}') / 1024 ))" "$(cut -d' ' -f1-3 /proc/loadavg)"
sqlite3 "$DIR/out/state.gpkg" "SELECT '  step ' || step || ': ' || printf('%.2f', seconds) || ' s' FROM qt_steps WHERE step NOT LIKE 'counts:%'" 2>/dev/null || true
