#!/usr/bin/env bash
# Side-by-side bulk load: stock `cayley load` against `kg load`, on the same
# generated N-Quads file, into bolt and into PostgreSQL. Prints time, rate
# and peak RSS of each. Run from the repository root:
#
#   bash graph/synth/bench/load.sh [QUADS]        # default 1000000
#
# ROUNDS=3 repeats the bolt pair, alternating the tools, for a machine
# whose speed wanders; STORES=bolt skips PostgreSQL (its stock load takes
# several minutes). After the bolt loads, stock cayley dumps the store kg
# wrote and the script checks that it holds the same quads as the store
# cayley wrote itself.
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
  for _ in $(seq "$ROUNDS"); do
    rm -rf "$WORK/bolt-stock" "$WORK/bolt-kg"
    run "stock cayley load, bolt" "$WORK/cayley" load -d bolt -a "$WORK/bolt-stock" --init -i "$FILE"
    run "kg load, bolt" "$WORK/kg" load -q --db "$WORK/bolt-kg" "$FILE"
  done
  # kg writes Cayley's key-value layout itself (graph/boltkv): stock
  # cayley must read back what its own loader wrote.
  "$WORK/cayley" dump -d bolt -a "$WORK/bolt-stock" -o "$WORK/dump-stock.nq" 2>/dev/null
  "$WORK/cayley" dump -d bolt -a "$WORK/bolt-kg" -o "$WORK/dump-kg.nq" 2>/dev/null
  if cmp -s <(sort "$WORK/dump-stock.nq") <(sort "$WORK/dump-kg.nq"); then
    echo "stock cayley dumps the same $(wc -l <"$WORK/dump-kg.nq") quads from both bolt stores"
  else
    echo "stock cayley dumps different quads from the two bolt stores" >&2
    exit 1
  fi
fi
if [[ " $STORES " == *" postgres "* ]]; then
  run "stock cayley load, PostgreSQL" "$WORK/cayley" load -d postgres -a "$(pgdb stock)" --init -i "$FILE"
  run "kg load, PostgreSQL" "$WORK/kg" load -q --store postgres --db "$(pgdb kgload)" "$FILE"
fi
