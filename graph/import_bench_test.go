package graph_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/storetest"
	"github.com/kgraph/kg/graph/synth"
)

// BenchmarkLoadFile loads a synthetic graph of 100,000 quads into a fresh
// store of each kind; bytes are those of the N-Quads file.
func BenchmarkLoadFile(b *testing.B) {
	file := filepath.Join(b.TempDir(), "synth.nq")
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	n, err := synth.Write(w, synth.Config{Quads: 100000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	w.Flush()
	f.Close()
	fi, _ := os.Stat(file)
	for _, k := range storetest.Kinds() {
		b.Run(k.Name, func(b *testing.B) {
			b.SetBytes(fi.Size())
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := k.Open(b)
				b.StartTimer()
				res, err := st.LoadFile(context.Background(), file, graph.LoadOptions{})
				if err != nil {
					b.Fatal(err)
				}
				if res.Read != int64(n) {
					b.Fatalf("read %d quads, want %d", res.Read, n)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}
