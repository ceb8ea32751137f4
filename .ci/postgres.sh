#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster as the non-root `postgres` user on a free local port
# and print its URL (postgresql+psycopg://...). Used by .ci/run and for local storage tests:
#   export SOTK_TEST_PG_URL=$(bash .ci/postgres.sh start)   ...   bash .ci/postgres.sh stop
# The cluster lives in $SOTK_PG_DIR (default /tmp/sotk-pg); `stop` ends it and removes it.
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
DIR=${SOTK_PG_DIR:-/tmp/sotk-pg}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
start)
  if [ -f "$DIR/url" ] && as_pg "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    cat "$DIR/url"; exit 0
  fi
  rm -rf "$DIR"; mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_pg "$PGBIN/initdb" -D "$DIR/data" -U sotk --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
  as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60" start >/dev/null \
    || { cat "$DIR/server.log" >&2; exit 1; }
  as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U sotk sotk_test
  echo "postgresql+psycopg://sotk@127.0.0.1:$PORT/sotk_test" | as_pg tee "$DIR/url" >/dev/null
  cat "$DIR/url"
  ;;
stop)
  if [ -d "$DIR/data" ]; then as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$DIR"
  ;;
*) echo "usage: $0 start|stop" >&2; exit 1 ;;
esac
