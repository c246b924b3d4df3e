#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (FUZZTIME, default 30s), on top
# of its checked-in corpus under testdata/fuzz. A failure leaves the input
# that broke it in that folder, to be checked in with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-30s}
targets=(
  "./graph/curated FuzzParse"
  "./graph/nquads FuzzParseLine"
  "./graph FuzzLoadFile"
  "./extract/timex FuzzTag"
  "./extract FuzzExtract"
  "./extract/sentences FuzzSplit"
)
for t in "${targets[@]}"; do
  set -- $t
  echo "fuzz $2 in $1 for $fuzztime"
  go test -run '^$' -fuzz "^$2\$" -fuzztime "$fuzztime" "$1"
done
