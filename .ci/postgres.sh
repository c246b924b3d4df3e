#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server for the tests: its own data
# directory, port 54329 on 127.0.0.1 only, trust authentication. Prints the
# connection URL on start. Installs Debian's postgresql if it is missing.
#   .ci/postgres.sh start   # then: export KG_TEST_POSTGRES=<printed URL>
#   .ci/postgres.sh stop
set -euo pipefail
PORT=${KG_PG_PORT:-54329}
DIR=${KG_PG_DIR:-/tmp/kg-pg-$PORT}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)

case "${1:-}" in
start)
  if [ -z "$bin" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  fi
  run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  if [ ! -f "$DIR/PG_VERSION" ]; then
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    run "$bin/initdb -D $DIR -A trust -U postgres --no-sync" >/dev/null
  fi
  # Already running (a second start in one session): reuse it.
  if ! run "$bin/pg_ctl -D $DIR status" >/dev/null 2>&1; then
  run "$bin/pg_ctl -D $DIR -l $DIR/server.log -w -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off' start" >/dev/null
  fi
  echo "postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"
  ;;
stop)
  run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  [ -n "$bin" ] && [ -f "$DIR/postmaster.pid" ] && run "$bin/pg_ctl -D $DIR -m fast stop" >/dev/null || true
  ;;
*)
  echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
