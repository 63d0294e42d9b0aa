#!/bin/sh
# A local PostgreSQL cluster: `deploy/pg_cluster.sh start` prints its SQLAlchemy URL; `stop` stops it.
# Used by `make test` (a throwaway cluster, wiped on start and on stop) and by `make deploy-local`
# (JILIN_PG_KEEP=1: the data survives a stop and is reused by the next start).
# Debian's postgresql package (installed by `make system-deps` as root). initdb refuses to run as root,
# so as root the cluster runs as the `postgres` user the package creates.
set -eu
DIR=${JILIN_PG_DIR:-/tmp/jilin-test-pg}
PORT=${JILIN_PG_PORT:-55432}
DB=${JILIN_PG_DB:-jilin_test}
KEEP=${JILIN_PG_KEEP:-0}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-}" in
  start)
    [ -n "$BIN" ] || { echo "PostgreSQL not installed (apt-get install postgresql)" >&2; exit 1; }
    if [ -f "$DIR/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DIR" stop -m immediate >/dev/null 2>&1 || true; fi
    fresh=1
    if [ "$KEEP" = "1" ] && [ -f "$DIR/PG_VERSION" ]; then fresh=0; fi
    if [ "$fresh" = "1" ]; then
      rm -rf "$DIR"; mkdir -p "$DIR"
      [ "$(id -u)" = "0" ] && chown postgres "$DIR"
      as_owner "$BIN/initdb" -D "$DIR" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_owner "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" start >/dev/null
    if [ "$fresh" = "1" ]; then as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"; fi
    echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/$DB"
    ;;
  stop)
    [ -n "$BIN" ] && [ -d "$DIR" ] && as_owner "$BIN/pg_ctl" -D "$DIR" stop -m fast >/dev/null 2>&1 || true
    [ "$KEEP" = "1" ] || rm -rf "$DIR"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
