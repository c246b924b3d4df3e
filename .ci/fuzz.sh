#!/usr/bin/env bash
# Runs each fuzz target for a bounded number of executions, on top of its
# checked-in corpus under testdata/fuzz. A failure leaves the input that
# broke it in that folder, to be checked in with the fix.
#
# The bound is a count, not a duration: with a duration, Go 1.26's fuzzing
# coordinator can report "context deadline exceeded" as a failure when the
# time runs out while a worker is busy, with no failing input
# (https://go.dev/issue/75804, fixed in Go 1.27). Each count is about 20 s
# of fuzzing on the 2-core development machine. FUZZTIME=5m (or =1000000x)
# runs every target for that long instead.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(
  "./graph/curated FuzzParse 200000x"
  "./graph/nquads FuzzParseLine 250000x"
  "./graph FuzzLoadFile 15000x"
  "./extract/timex FuzzTag 250000x"
  "./extract FuzzExtract 50000x"
  "./extract/sentences FuzzSplit 700000x"
)
for t in "${targets[@]}"; do
  set -- $t
  n=${FUZZTIME:-$3}
  echo "fuzz $2 in $1 for $n"
  go test -run '^$' -fuzz "^$2\$" -fuzztime "$n" "$1"
done
