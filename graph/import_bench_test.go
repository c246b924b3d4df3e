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
// store of each kind (a bolt store is then built whole), and into a bolt
// store that holds a bigger graph already (then it loads in batches);
// bytes are those of the N-Quads file.
func BenchmarkLoadFile(b *testing.B) {
	dir := b.TempDir()
	file, n := benchFile(b, dir, "synth.nq", 100000, 1)
	bigger, _ := benchFile(b, dir, "bigger.nq", 110000, 2)
	fi, _ := os.Stat(file)
	kinds := storetest.Kinds()
	for _, k := range kinds {
		if k.Name != graph.Bolt {
			continue
		}
		kinds = append(kinds, storetest.Kind{Name: "bolt, in batches", Open: func(tb testing.TB) *graph.Store {
			st := k.Open(tb)
			if _, err := st.LoadFile(context.Background(), bigger, graph.LoadOptions{}); err != nil {
				tb.Fatal(err)
			}
			return st
		}})
	}
	for _, k := range kinds {
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

// benchFile writes a synthetic graph to dir/name and returns its path and
// its number of quads.
func benchFile(b *testing.B, dir, name string, quads int, seed uint64) (string, int) {
	b.Helper()
	file := filepath.Join(dir, name)
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	n, err := synth.Write(w, synth.Config{Quads: quads, Seed: seed})
	if err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return file, n
}
