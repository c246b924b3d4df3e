package graph_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/synth"
)

// synthLines returns a synthetic graph as N-Quads lines.
func synthLines(t *testing.T, quads int) []string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := synth.Write(&buf, synth.Config{Quads: quads, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
}

func writeFile(t *testing.T, name string, lines []string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	data := []byte(strings.Join(lines, "\n") + "\n")
	if strings.HasSuffix(name, ".gz") {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(data)
		zw.Close()
		data = buf.Bytes()
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadFile(t *testing.T) {
	// Over 1 MiB, so that the check runs in parallel pieces.
	lines := synthLines(t, 8000)
	lines = append([]string{"# a comment", ""}, lines...)
	distinct := map[string]bool{}
	for _, l := range lines[2:] {
		distinct[l] = true
	}
	for _, k := range stores {
		t.Run(k.Name, func(t *testing.T) {
			for _, name := range []string{"graph.nq", "graph.nq.gz"} {
				st := k.Open(t)
				path := writeFile(t, name, lines)
				var lastDone, lastTotal int64
				res, err := st.LoadFile(context.Background(), path, graph.LoadOptions{
					Batch:    1000,
					Progress: func(done, total int64) { lastDone, lastTotal = done, total },
				})
				if err != nil {
					t.Fatal(err)
				}
				if res.Read != int64(len(lines)-2) || res.Added != int64(len(distinct)) {
					t.Fatalf("%s: read %d, added %d; want %d and %d", name, res.Read, res.Added, len(lines)-2, len(distinct))
				}
				if lastDone != res.Read || lastTotal != res.Read {
					t.Fatalf("%s: progress ended at %d/%d", name, lastDone, lastTotal)
				}
				again, err := st.LoadFile(context.Background(), path, graph.LoadOptions{})
				if err != nil || again.Added != 0 {
					t.Fatalf("%s: second load added %d (%v), want 0", name, again.Added, err)
				}
				if n, _ := st.Size(context.Background()); n != int64(len(distinct)) {
					t.Fatalf("%s: store holds %d quads, want %d", name, n, len(distinct))
				}
			}
		})
	}
}

func TestLoadFileBadLineLoadsNothing(t *testing.T) {
	lines := synthLines(t, 8000)
	tests := []struct {
		name string
		line int // 1-based line to break
		bad  string
	}{
		{"early", 3, `<http://ex.org/a> <http://ex.org/b> .`},
		{"late, in the second piece", len(lines) - 10, `<http://ex.org/a> <http://ex.org/b> "unterminated .`},
		{"middle", len(lines) / 2, `not a quad at all`},
	}
	for _, k := range stores {
		for _, tt := range tests {
			t.Run(k.Name+"/"+tt.name, func(t *testing.T) {
				broken := append([]string(nil), lines...)
				broken[tt.line-1] = tt.bad
				path := writeFile(t, "broken.nq", broken)
				st := k.Open(t)
				_, err := st.LoadFile(context.Background(), path, graph.LoadOptions{Batch: 500})
				var le *graph.LineError
				if !errors.As(err, &le) {
					t.Fatalf("got %v, want a line error", err)
				}
				if le.Line != tt.line || le.File != path {
					t.Fatalf("error at %s:%d, want line %d: %v", le.File, le.Line, tt.line, err)
				}
				if !strings.HasPrefix(err.Error(), path+":") {
					t.Fatalf("error %q does not start with file:line", err)
				}
				if n, _ := st.Size(context.Background()); n != 0 {
					t.Fatalf("a rejected file loaded %d quads", n)
				}
			})
		}
	}
}

// TestLoadFileSkipBad loads a file with bad lines, a long one among them,
// in the mode that skips them: every bad line is reported once, in order,
// with its number, and every good line loads.
func TestLoadFileSkipBad(t *testing.T) {
	lines := synthLines(t, 8000)
	broken := append([]string(nil), lines...)
	badAt := []int{1, 3, len(lines) / 2, len(lines) - 1, len(lines)}
	for _, n := range badAt {
		broken[n-1] = `<http://ex.org/a> <http://ex.org/b> "unterminated .`
	}
	broken[badAt[2]-1] = `<http://ex.org/a> <http://ex.org/b> "` + strings.Repeat("x", 2<<20) + `" .`
	good := map[string]bool{}
	for i, l := range broken {
		if !slices.Contains(badAt, i+1) {
			good[l] = true
		}
	}
	for _, name := range []string{"broken.nq", "broken.nq.gz"} {
		for _, k := range stores {
			t.Run(k.Name+"/"+name, func(t *testing.T) {
				path := writeFile(t, name, broken)
				st := k.Open(t)
				var got []int
				res, err := st.LoadFile(context.Background(), path, graph.LoadOptions{
					Batch: 700,
					SkipBad: func(le *graph.LineError) {
						if le.File != path || le.Err == nil {
							t.Errorf("report %v", le)
						}
						got = append(got, le.Line)
					},
				})
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, badAt) || res.Skipped != int64(len(badAt)) {
					t.Fatalf("skipped lines %v (%d), want %v", got, res.Skipped, badAt)
				}
				if n, _ := st.Size(context.Background()); n != int64(len(good)) || res.Read != int64(len(lines)-len(badAt)) {
					t.Fatalf("store holds %d quads, read %d; want %d and %d", n, res.Read, len(good), len(lines)-len(badAt))
				}
			})
		}
	}
}

func TestLoadFileRejectsOtherFormats(t *testing.T) {
	st := mustOpen(t, graph.Config{Kind: graph.Memory})
	path := writeFile(t, "graph.ttl", []string{"<a> <b> <c> ."})
	if _, err := st.LoadFile(context.Background(), path, graph.LoadOptions{}); err == nil || !strings.Contains(err.Error(), "not an N-Quads file") {
		t.Fatalf("got %v", err)
	}
	if _, err := st.LoadFile(context.Background(), filepath.Join(t.TempDir(), "missing.nq"), graph.LoadOptions{}); err == nil || !strings.Contains(err.Error(), "missing.nq") {
		t.Fatalf("got %v", err)
	}
}

func TestLoadFileLongLine(t *testing.T) {
	st := mustOpen(t, graph.Config{Kind: graph.Memory})
	long := `<http://ex.org/a> <http://ex.org/b> "` + strings.Repeat("x", 2<<20) + `" .`
	path := writeFile(t, "long.nq", []string{`<http://ex.org/a> <http://ex.org/b> "ok" .`, long})
	_, err := st.LoadFile(context.Background(), path, graph.LoadOptions{})
	var le *graph.LineError
	if !errors.As(err, &le) || le.Line != 2 {
		t.Fatalf("got %v, want a line error at line 2", err)
	}
}

func TestLoadFileIsStrict(t *testing.T) {
	st := mustOpen(t, graph.Config{Kind: graph.Memory})
	for _, tt := range []struct{ name, line, msg string }{
		{"relative IRI", `<a> <http://ex.org/p> <http://ex.org/o> .`, "relative"},
		{"missing dot", `<http://ex.org/s> <http://ex.org/p> <http://ex.org/o>`, ""},
		{"literal subject", `"s" <http://ex.org/p> <http://ex.org/o> .`, ""},
	} {
		path := writeFile(t, "bad.nq", []string{`<http://ex.org/s> <http://ex.org/p> "fine" .`, tt.line})
		_, err := st.LoadFile(context.Background(), path, graph.LoadOptions{})
		var le *graph.LineError
		if !errors.As(err, &le) || le.Line != 2 || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: got %v, want an error at line 2 saying %q", tt.name, err, tt.msg)
		}
	}
	// An escaped IRI is stored unescaped, as RDF requires.
	path := writeFile(t, "escaped.nq", []string{`<http://ex.org/\u0053> <http://ex.org/p> "v" .`})
	if _, err := st.LoadFile(context.Background(), path, graph.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	st.Export(context.Background(), &buf, "nquads")
	if !strings.Contains(buf.String(), "<http://ex.org/S>") {
		t.Fatalf("escaped IRI not stored unescaped:\n%s", buf.String())
	}
}
