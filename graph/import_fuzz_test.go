package graph_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgraph/kg/graph"
)

// FuzzLoadFile feeds whole files to the N-Quads import path, strict and
// skipping, into a memory store. A strict load either loads every quad or,
// with a *LineError naming a line of the file, nothing; a skipping load
// never fails on content, and what it loads plus what it skips accounts
// for every line that is not blank or a comment. The seed corpus is in
// testdata/fuzz/FuzzLoadFile.
func FuzzLoadFile(f *testing.F) {
	f.Add("<http://ex.org/s> <http://ex.org/p> \"o\" .\n# comment\n\n_:b <http://ex.org/p> <http://ex.org/o> <http://ex.org/g> .\n")
	f.Add("<http://ex.org/s> <http://ex.org/p> \"o .\n<http://ex.org/s> <http://ex.org/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .")
	f.Fuzz(func(t *testing.T, data string) {
		path := filepath.Join(t.TempDir(), "f.nq")
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(data, "\n") + 1
		ctx := context.Background()

		st := mustOpen(t, graph.Config{Kind: graph.Memory})
		res, err := st.LoadFile(ctx, path, graph.LoadOptions{Batch: 2})
		n, _ := st.Size(ctx)
		if err != nil {
			var le *graph.LineError
			if !errors.As(err, &le) || le.File != path || le.Line < 1 || le.Line > lines {
				t.Fatalf("error %v is not a line error within the file's %d lines", err, lines)
			}
			if n != 0 {
				t.Fatalf("a rejected file loaded %d quads", n)
			}
		} else if n != res.Added || res.Added > res.Read {
			t.Fatalf("read %d, added %d, store holds %d", res.Read, res.Added, n)
		}

		st2 := mustOpen(t, graph.Config{Kind: graph.Memory})
		var skipped int64
		res2, err := st2.LoadFile(ctx, path, graph.LoadOptions{Batch: 2, SkipBad: func(le *graph.LineError) {
			if le.Line < 1 || le.Line > lines {
				t.Errorf("skipped line %d of %d", le.Line, lines)
			}
			skipped++
		}})
		if err != nil {
			t.Fatalf("a skipping load failed: %v", err)
		}
		if skipped != res2.Skipped || res2.Read+skipped > int64(lines) {
			t.Fatalf("read %d and skipped %d (reported %d) of %d lines", res2.Read, res2.Skipped, skipped, lines)
		}
		if err == nil && res.Read != res2.Read && skipped == 0 {
			t.Fatalf("strict read %d, skipping read %d with nothing skipped", res.Read, res2.Read)
		}
	})
}
