#!/usr/bin/env bash
# Side-by-side bulk load: stock `cayley load` against `kg load`, on the same
# generated N-Quads file, into bolt and into PostgreSQL. Prints time, rate
# and peak RSS of each. Run from the repository root:
#
#   bash graph/synth/bench/load.sh [QUADS]        # default 1000000
#
# Bolt is measured in up to three cases, each a pair (stock, then kg):
#   new      a new store, which kg builds whole (graph/boltkv Builder);
#   smaller  a store that holds the file's first 1,000 lines (loaded
#            first, not timed): fewer quads than the file, so kg builds
#            the store anew with the file added;
#   bigger   (only with BIGGER=1) a store that holds another synthetic
#            graph of more quads than the file (loaded once by each tool,
#            not timed, and copied for each round): kg adds the file in
#            batches, one transaction each.
# ROUNDS=3 repeats the bolt pairs, for a machine whose speed wanders;
# STORES=bolt skips PostgreSQL (its stock load takes several minutes).
# After the bolt loads, stock cayley dumps the stores kg wrote and the
# script checks that they hold the same quads as cayley's own.
#
# It builds cayley from the module cache in a scratch module (the binary is
# not kept in the repo), starts a throwaway PostgreSQL with .ci/postgres.sh,
# and needs /usr/bin/time (Debian package time).
set -euo pipefail
N=${1:-1000000}
ROUNDS=${ROUNDS:-1}
STORES=${STORES:-bolt postgres}
WORK=${KG_BENCH_DIR:-/tmp/kg-bench}
CAYLEY_VERSION=$(go list -m -f '{{.Version}}' github.com/cayleygraph/cayley)
mkdir -p "$WORK"
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null

if [ ! -x "$WORK/cayley" ]; then
  echo "building cayley $CAYLEY_VERSION ..." >&2
  mkdir -p "$WORK/cayley-build"
  (cd "$WORK/cayley-build" && { [ -f go.mod ] || go mod init cayley-build >/dev/null 2>&1; } &&
    GOFLAGS=-mod=mod go get "github.com/cayleygraph/cayley/cmd/cayley@$CAYLEY_VERSION" >/dev/null 2>&1 &&
    go build -o "$WORK/cayley" github.com/cayleygraph/cayley/cmd/cayley)
fi
go build -o "$WORK/kg" ./cmd/kg
FILE="$WORK/synth-$N.nq"
[ -f "$FILE" ] || go run ./graph/synth/synthgen -quads "$N" -seed 1 > "$FILE"

if [[ " $STORES " == *" postgres "* ]]; then
  PG=$(bash .ci/postgres.sh start)
  trap 'bash .ci/postgres.sh stop' EXIT
fi
pgdb() { # a fresh database, printed as its URL
  psql "$PG" -qc "DROP DATABASE IF EXISTS $1" >/dev/null 2>&1
  psql "$PG" -qc "CREATE DATABASE $1" >/dev/null
  echo "${PG/\/postgres\?/\/$1?}"
}

run() { # label command...
  local label=$1; shift
  /usr/bin/time -o "$WORK/time.log" -f 'TIME %e RSS %M' "$@" >/dev/null 2>"$WORK/err.log" ||
    { echo "$label failed:" >&2; tail -5 "$WORK/err.log" >&2; return 1; }
  local t rss
  t=$(awk '/^TIME/ {print $2}' "$WORK/time.log")
  rss=$(awk '/^TIME/ {print $4}' "$WORK/time.log")
  printf '| %s | %6.1f s | %8.0f quads/s | %5.0f MB |\n' "$label" "$t" "$(echo "$N / $t" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

echo "| $N quads | time | rate | peak RSS |"
echo "|---|---|---|---|"
if [[ " $STORES " == *" bolt "* ]]; then
  head -n 1000 "$FILE" > "$WORK/first-1000.nq"
  if [ "${BIGGER:-}" = 1 ]; then
    BIG="$WORK/synth-$((N + 1000))-seed2.nq"
    [ -f "$BIG" ] || go run ./graph/synth/synthgen -quads "$((N + 1000))" -seed 2 > "$BIG"
    rm -rf "$WORK"/bolt-{stock,kg}-bigger-0
    "$WORK/cayley" load -d bolt -a "$WORK/bolt-stock-bigger-0" --init -i "$BIG" 2>/dev/null
    "$WORK/kg" load -q --db "$WORK/bolt-kg-bigger-0" "$BIG" >/dev/null
  fi
  for _ in $(seq "$ROUNDS"); do
    rm -rf "$WORK"/bolt-{stock,kg,stock-smaller,kg-smaller,stock-bigger,kg-bigger}
    run "stock cayley load, new bolt store" "$WORK/cayley" load -d bolt -a "$WORK/bolt-stock" --init -i "$FILE"
    run "kg load, new bolt store" "$WORK/kg" load -q --db "$WORK/bolt-kg" "$FILE"
    "$WORK/cayley" load -d bolt -a "$WORK/bolt-stock-smaller" --init -i "$WORK/first-1000.nq" 2>/dev/null
    "$WORK/kg" load -q --db "$WORK/bolt-kg-smaller" "$WORK/first-1000.nq" >/dev/null
    run "stock cayley load, bolt store of 1,000 quads" "$WORK/cayley" load -d bolt -a "$WORK/bolt-stock-smaller" -i "$FILE"
    run "kg load, bolt store of 1,000 quads" "$WORK/kg" load -q --db "$WORK/bolt-kg-smaller" "$FILE"
    if [ "${BIGGER:-}" = 1 ]; then
      cp -a "$WORK/bolt-stock-bigger-0" "$WORK/bolt-stock-bigger"
      cp -a "$WORK/bolt-kg-bigger-0" "$WORK/bolt-kg-bigger"
      run "stock cayley load, bolt store of $((N + 1000)) quads" "$WORK/cayley" load -d bolt -a "$WORK/bolt-stock-bigger" -i "$FILE"
      run "kg load, bolt store of $((N + 1000)) quads" "$WORK/kg" load -q --db "$WORK/bolt-kg-bigger" "$FILE"
    fi
  done
  # kg writes Cayley's key-value layout itself (graph/boltkv): stock
  # cayley must read back what its own loader wrote.
  dump() { "$WORK/cayley" dump -d bolt -a "$WORK/$1" -o "$WORK/dump-$1.nq" >/dev/null 2>&1; sort -o "$WORK/dump-$1.nq" "$WORK/dump-$1.nq"; }
  pairs="bolt-stock:bolt-kg bolt-stock-smaller:bolt-kg-smaller"
  [ "${BIGGER:-}" = 1 ] && pairs="$pairs bolt-stock-bigger:bolt-kg-bigger"
  for pair in $pairs; do
    stock=${pair%%:*} kg=${pair##*:}
    dump "$stock"
    dump "$kg"
    if cmp -s "$WORK/dump-$stock.nq" "$WORK/dump-$kg.nq"; then
      echo "stock cayley dumps the same $(wc -l <"$WORK/dump-$kg.nq") quads from $kg as from $stock"
    else
      echo "stock cayley dumps different quads from $kg and from $stock" >&2
      exit 1
    fi
    rm -f "$WORK/dump-$stock.nq" "$WORK/dump-$kg.nq"
  done
fi
if [[ " $STORES " == *" postgres "* ]]; then
  run "stock cayley load, PostgreSQL" "$WORK/cayley" load -d postgres -a "$(pgdb stock)" --init -i "$FILE"
  run "kg load, PostgreSQL" "$WORK/kg" load -q --store postgres --db "$(pgdb kgload)" "$FILE"
fi
