#!/usr/bin/env bash
# A throw-away PostgreSQL 15 + PostGIS server for the QuartierPostGIS tests, on a local socket and a
# loopback port, owned by an unprivileged user, in a temporary folder.
#
#   eval "$(bash scripts/postgres-test-server.sh start)"   # prints the exports for the tests
#   bash scripts/postgres-test-server.sh stop "$QUARTIER_TEST_PGDATA"
#
# As root (CI), initdb and the server run as the Debian `postgres` user (runuser); otherwise as the
# calling user. Authentication: trust on the socket for the test superuser; scram-sha-256 on
# 127.0.0.1 (the wrong-password test connects there).
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
PORT="${QUARTIER_TEST_PGPORT:-54329}"
case "${1:-}" in
start)
    [ -x "$BIN/initdb" ] || { echo "postgresql-15 is not installed ($BIN/initdb)" >&2; exit 1; }
    DIR=$(mktemp -d /tmp/quartier-pg.XXXXXX)
    RUN=()
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
        chown postgres "$DIR"
        RUN=(runuser -u postgres --)
    fi
    SUPER=$([ "$(id -u)" -eq 0 ] && echo postgres || id -un)
    "${RUN[@]}" "$BIN/initdb" -D "$DIR/data" -U "$SUPER" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
        || { cat "$DIR/initdb.log" >&2; exit 1; }
    "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40" start >/dev/null \
        || { cat "$DIR/server.log" >&2; exit 1; }
    "${RUN[@]}" "$BIN/createdb" -h "$DIR" -p "$PORT" -U "$SUPER" quartier_test 2>/dev/null \
        || psql -h "$DIR" -p "$PORT" -U "$SUPER" -d postgres -qc "CREATE DATABASE quartier_test" >/dev/null
    psql -h "$DIR" -p "$PORT" -U "$SUPER" -d quartier_test -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
    echo "export QUARTIER_TEST_PGDATA='$DIR' PGHOST='$DIR' PGPORT='$PORT' PGUSER='$SUPER' QUARTIER_TEST_PGDATABASE=quartier_test"
    ;;
stop)
    DIR="${2:?the folder printed by start}"
    RUN=()
    [ "$(id -u)" -eq 0 ] && RUN=(runuser -u postgres --)
    "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
*) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
