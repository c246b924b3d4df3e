// Command synthgen writes a synthetic knowledge graph as N-Quads, for the
// load and query benchmarks (see BENCHMARKS.md).
//
//	go run ./graph/synth/synthgen -quads 1000000 -seed 1 > /tmp/kg-1m.nq
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/kgraph/kg/graph/synth"
)

func main() {
	n := flag.Int("quads", 1000000, "how many quads to write (at least)")
	seed := flag.Uint64("seed", 1, "seed; the same seed gives the same graph")
	flag.Parse()
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	wrote, err := synth.Write(w, synth.Config{Quads: *n, Seed: *seed})
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthgen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "synthgen: wrote %d quads\n", wrote)
}
