#!/bin/sh
# A throwaway PostgreSQL cluster for the store tests: `tests/pg_cluster.sh start` prints the URL to export
# as JILIN_TEST_POSTGRES_URL; `tests/pg_cluster.sh stop` stops it and deletes its files.
# Debian's postgresql package (installed by `make system-deps` as root). initdb refuses to run as root,
# so as root the cluster runs as the `postgres` user the package creates.
set -eu
DIR=${JILIN_PG_DIR:-/tmp/jilin-test-pg}
PORT=${JILIN_PG_PORT:-55432}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-}" in
  start)
    [ -n "$BIN" ] || { echo "PostgreSQL not installed (apt-get install postgresql)" >&2; exit 1; }
    if [ -f "$DIR/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DIR" stop -m immediate >/dev/null 2>&1 || true; fi
    rm -rf "$DIR"; mkdir -p "$DIR"
    [ "$(id -u)" = "0" ] && chown postgres "$DIR"
    as_owner "$BIN/initdb" -D "$DIR" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    as_owner "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres jilin_test
    echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/jilin_test"
    ;;
  stop)
    [ -n "$BIN" ] && [ -d "$DIR" ] && as_owner "$BIN/pg_ctl" -D "$DIR" stop -m fast >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
