package build_test

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/extract/sentences"
	"github.com/kgraph/kg/graph/build"
)

// genDocs writes n documents made by recombining the sentences of the
// development corpus and the seed, with the people's names replaced by
// made-up ones, each with a sidecar. It returns the bytes written.
func genDocs(tb testing.TB, dir string, n int) int64 {
	tb.Helper()
	files, _ := filepath.Glob("../../../shared/corpus/dev/*.txt")
	files = append(files, "../../seeds/sco-unodc-2019-07-10.txt")
	var sents []string
	names := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		text := string(b)
		for _, s := range sentences.Split(text)[1:] {
			sents = append(sents, s.Text)
		}
		for _, m := range extract.Extract(extract.Input{Name: filepath.Base(f), Text: text}).Mentions {
			if m.Class == extract.ClassPerson && strings.Contains(m.Text, " ") {
				names[m.Text] = true
			}
		}
	}
	if len(sents) == 0 {
		tb.Skip("no corpus to generate documents from")
	}
	var people []string
	for p := range names {
		people = append(people, p)
	}
	first := []string{"Anna", "Boris", "Chen", "Dilnoza", "Erik", "Farida", "Gulnara", "Hiroshi", "Ivan", "Jamila", "Karim", "Lena"}
	last := []string{"Abenov", "Berg", "Castillo", "Dzhaparov", "Eriksen", "Fang", "Gupta", "Haddad", "Ismailov", "Jansen", "Kovacs", "Larsen"}
	r := rand.New(rand.NewSource(1))
	var total int64
	for i := 0; i < n; i++ {
		var b strings.Builder
		k := 4 + r.Intn(6)
		for j := 0; j < k; j++ {
			s := sents[r.Intn(len(sents))]
			for _, p := range people {
				if strings.Contains(s, p) {
					s = strings.ReplaceAll(s, p, first[r.Intn(len(first))]+" "+last[r.Intn(len(last))])
				}
			}
			b.WriteString(s)
			b.WriteString("\n\n")
		}
		name := fmt.Sprintf("gen%05d", i)
		if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
		meta := fmt.Sprintf(`{"title": "Generated %d", "date": "20%02d-%02d-%02d"}`, i, 10+r.Intn(14), 1+r.Intn(12), 1+r.Intn(28))
		if err := os.WriteFile(filepath.Join(dir, name+".meta.json"), []byte(meta), 0o644); err != nil {
			tb.Fatal(err)
		}
		total += int64(b.Len())
	}
	return total
}

// BenchmarkBuildDocs10k builds a memory store from 10,000 generated
// documents with kg build --docs's code path: extraction on all cores,
// resolution across documents, one transaction per document.
func BenchmarkBuildDocs10k(b *testing.B) {
	dir := b.TempDir()
	size := genDocs(b, dir, 10000)
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st := memStore(b)
		start := time.Now()
		rep, err := build.RunDocs(context.Background(), st, os.DirFS(dir), build.DocsOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if f := rep.Failed(); len(f) > 0 {
			b.Fatalf("%d failed: %v", len(f), f[0].Err)
		}
		el := time.Since(start)
		b.ReportMetric(float64(len(rep.Results))/el.Seconds(), "docs/s")
		b.ReportMetric(float64(rep.Added()), "quads")
		b.Logf("%d documents, %.1f MB, %d quads in %v on %d cores", len(rep.Results), float64(size)/1e6, rep.Added(), el, runtime.GOMAXPROCS(0))
	}
}

// TestGeneratedDocs builds a few hundred generated documents: the
// generator works and nothing fails (the 10,000 run is the benchmark).
func TestGeneratedDocs(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := t.TempDir()
	genDocs(t, dir, 200)
	st := memStore(t)
	rep, err := build.RunDocs(context.Background(), st, os.DirFS(dir), build.DocsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if f := rep.Failed(); len(f) > 0 || len(rep.Results) != 200 {
		t.Fatalf("%d results, %d failed", len(rep.Results), len(f))
	}
}
