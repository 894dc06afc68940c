#!/usr/bin/env bash
# Times writing a monitoring's store into PostgreSQL/PostGIS and into the GeoPackage (issue 18: 1,000
# areas x 10 indicators x 10 years under 2 s): the store write of `quartier run --full` as the run logs
# it ("store: written … in N s": COPY or INSERT of the tables, indexes, commit), median of RUNS
# runs each, release build, and the ratio PostGIS / GeoPackage. Needs a server: eval "$(bash
# scripts/postgres-test-server.sh start)" (PGHOST, PGPORT, PGUSER, QUARTIER_TEST_PGDATABASE).
#   Benchmarks/postgis-store.sh [AREAS] [PERSONS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
AREAS=${1:-1000}
PERSONS=${2:-100000}
RUNS=${3:-3}
DB=${QUARTIER_TEST_PGDATABASE:?start the test server first: eval "\$(bash scripts/postgres-test-server.sh start)"}
DIR=${BENCH_DIR:-/tmp/quartier-bench-postgis}
swift build -c release --product quartier >/dev/null
Q=$(swift build -c release --show-bin-path)/quartier
rm -rf "$DIR"
"$Q" synth monitoring --areas "$AREAS" --persons "$PERSONS" --years 2014-2023 --out "$DIR" >/dev/null
SPEC="$DIR/monitoring.toml"
URL="postgresql:///$DB?schema=bench_store"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
store_seconds() { sed -n 's/^store: written .* in \([0-9.]*\) s$/\1/p' "$1"; }
client_cpu() { sed -n 's/^  store client CPU: \([0-9.]*\) s user, \([0-9.]*\) s system.*$/\1/p' "$1"; }
gate_seconds() { sed -n 's/^store: published tables through the publication gate in \([0-9.]*\) s$/\1/p' "$1"; }

gpkg=(); pg=(); gate=(); cpu=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq "$RUNS"); do
  "$Q" run "$SPEC" --full 2>"$DIR/gpkg.log" >/dev/null
  gpkg+=("$(store_seconds "$DIR/gpkg.log")")
  "$Q" run "$SPEC" --full --store "$URL" 2>"$DIR/pg.log" >/dev/null
  pg+=("$(store_seconds "$DIR/pg.log")")
  gate+=("$(gate_seconds "$DIR/pg.log")")
  cpu+=("$(client_cpu "$DIR/pg.log")")
done
rows=$(psql -d "$DB" -Atc "SELECT (SELECT count(*) FROM bench_store.counts) || ' counts, ' || (SELECT count(*) FROM bench_store.indicators) || ' indicator rows, ' || (SELECT count(*) FROM bench_store.dynamics) || ' changes'")
g=$(printf '%s\n' "${gpkg[@]}" | median); p=$(printf '%s\n' "${pg[@]}" | median)
printf 'store write, %s areas, 10 indicators, 10 years (%s), %s runs (median seconds)\n' "$AREAS" "$rows" "$RUNS"
printf '  GeoPackage:        %.2f s\n' "$g"
printf '  PostgreSQL/PostGIS: %.2f s\n' "$p"
printf '  ratio PostGIS / GeoPackage: %.2f\n' "$(awk -v a="$p" -v b="$g" 'BEGIN { print a / b }')"
printf '  (PostGIS only, before the write: the published tables through the publication gate %.2f s)\n' "$(printf '%s\n' "${gate[@]}" | median)"
printf '  PostGIS, the client process (encoding, key order) during the write: %.2f s user CPU (median)\n' "$(printf '%s\n' "${cpu[@]}" | median)"
printf '  every run: GeoPackage %s s; PostGIS %s s; laps of the last PostGIS run:\n' "${gpkg[*]}" "${pg[*]}"
sed -n 's/^  store \(.*\)$/    \1/p' "$DIR/pg.log"
printf '  load average: %s before, %s after\n' "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
PGOPTIONS="-c client_min_messages=warning" psql -d "$DB" -qc "DROP SCHEMA bench_store CASCADE"
