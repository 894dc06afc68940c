#!/usr/bin/env bash
# Quartier against the point-in-polygon peers of ../shared/peers (GEOS C, GEOS C sorted, DuckDB,
# GeoPandas, PostGIS) on the same gen_city.py files, in one run, release build, end to end.
#
#   Benchmarks/compare-peers.sh [SIZES] [RUNS]          e.g. Benchmarks/compare-peers.sh M,L 3
#
# Environment: PEERS (default geos-c,geos-c-sorted,duckdb,geopandas,postgis-join; add quartier-de to
# also time Quartier on the same persons as a German export: `;`, decimal commas, Windows-1252, CRLF,
# quoted fields with line breaks, written by Benchmarks/german_points.py), SEED (42),
# DATA (/tmp/quartier-peers/data: cities are generated there when missing), OUT (a fresh folder
# under /tmp/quartier-peers), THREADS (Quartier's, default all cores).
# Needs (Debian 12, see ../shared/peers/README.md): libgeos-dev libsqlite3-dev, for the peers
# postgresql-15 postgresql-15-postgis-3 gdal-bin time, and pip geopandas pyogrio pandas shapely scipy
# "duckdb==1.5.5" "duckdb-extension-spatial==1.5.5".
# Prints the per-size table: wall time (median), each peer's time as a ratio to Quartier's, phases
# (load/index/join/write as each tool reports them in its PHASES line), CPU, peak RSS, the machine's
# other load, and whether each per-area table equals the GEOS C peer's.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PEERS_DIR="${PEERS_DIR:-$ROOT/../shared/peers}"
SIZES="${1:-M,L}"
RUNS="${2:-3}"
PEERS="${PEERS:-geos-c,geos-c-sorted,duckdb,geopandas,postgis-join}"
SEED="${SEED:-42}"
BASE=/tmp/quartier-peers
DATA="${DATA:-$BASE/data}"
OUT="${OUT:-$BASE/run-$(date -u +%Y%m%dT%H%M%S)}"
mkdir -p "$DATA" "$OUT" "$BASE/bin"

echo "== building Quartier (release, Swift runtime linked statically: ~15 ms less start-up) and the GEOS C peer" >&2
(cd "$ROOT" && swift build -c release --product quartier --static-swift-stdlib --scratch-path "$ROOT/.build-static" >&2)
QUARTIER="$ROOT/.build-static/release/quartier"
make -s -C "$PEERS_DIR" BIN="$BASE/bin" >&2
export PEER_GEOS="$BASE/bin/peer_geos"

for size in ${SIZES//,/ }; do
    if [ ! -f "$DATA/city_${size}_points.csv" ]; then
        echo "== generating city $size (seed $SEED) into $DATA" >&2
        rm -f "$DATA/city_${size}_points_de.csv"
        python3 "$PEERS_DIR/gen_city.py" "$size" --seed "$SEED" --out "$DATA" --no-geojson >&2
    fi
done

STARTED_PG=0
if [[ "$PEERS" == *postgis* ]]; then
    export PGBASE="${PGBASE:-/tmp/research/perf/pg}"
    if ! "$PEERS_DIR/pg_local.sh" status >/dev/null 2>&1; then
        "$PEERS_DIR/pg_local.sh" start >&2
        STARTED_PG=1
    fi
fi
stop_pg() { if [ "$STARTED_PG" = 1 ]; then "$PEERS_DIR/pg_local.sh" stop >&2 || true; fi; }
trap stop_pg EXIT

echo "== measuring into $OUT (quartier: $QUARTIER; peers: $PEERS)" >&2
python3 "$ROOT/Benchmarks/compare_peers.py" --quartier "$QUARTIER" --peers-dir "$PEERS_DIR" --data "$DATA" \
    --out "$OUT" --sizes "$SIZES" --runs "$RUNS" --peers "$PEERS" --threads "${THREADS:-0}" | tee "$OUT/table.md"
echo "(command: Benchmarks/compare-peers.sh $SIZES $RUNS with PEERS=$PEERS SEED=$SEED; results in $OUT)"
