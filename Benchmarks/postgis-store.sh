#!/usr/bin/env bash
# Times writing a monitoring's store into PostgreSQL/PostGIS and into the GeoPackage (issue 18: 1,000
# areas x 10 indicators x 10 years under 2 s): the store write of `quartier run --full` as the run logs
# it ("store: written … in N s": building the tables, COPY or INSERT, indexes, commit), median of RUNS
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
store_seconds() { "$@" 2>&1 >/dev/null | sed -n 's/^store: written .* in \([0-9.]*\) s$/\1/p'; }

gpkg=(); pg=()
for i in $(seq "$RUNS"); do
  gpkg+=("$(store_seconds "$Q" run "$SPEC" --full)")
  pg+=("$(store_seconds "$Q" run "$SPEC" --full --store "$URL")")
done
rows=$(psql -d "$DB" -Atc "SELECT (SELECT count(*) FROM bench_store.counts) || ' counts, ' || (SELECT count(*) FROM bench_store.indicators) || ' indicator rows, ' || (SELECT count(*) FROM bench_store.dynamics) || ' changes'")
g=$(printf '%s\n' "${gpkg[@]}" | median); p=$(printf '%s\n' "${pg[@]}" | median)
printf 'store write, %s areas, 10 indicators, 10 years (%s), %s runs (median seconds)\n' "$AREAS" "$rows" "$RUNS"
printf '  GeoPackage:        %.2f s\n' "$g"
printf '  PostgreSQL/PostGIS: %.2f s\n' "$p"
printf '  ratio PostGIS / GeoPackage: %.2f\n' "$(awk -v a="$p" -v b="$g" 'BEGIN { print a / b }')"
printf '  load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
psql -d "$DB" -qc "DROP SCHEMA bench_store CASCADE"
