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

// TestLoadFileBoltBuildsOrBatches loads files into one bolt store in both
// of LoadFile's ways: into a store holding no more quads than the file, it
// builds the store anew and swaps the new file in; into a bigger store, it
// adds the file in batches. Each time the store must hold what a memory
// store holds after the same loads, and survive a reopen.
func TestLoadFileBoltBuildsOrBatches(t *testing.T) {
	lines := synthLines(t, 8000)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "kg.db")
	st := mustOpen(t, graph.Config{Kind: graph.Bolt, Path: dir})
	mem := mustOpen(t, graph.Config{Kind: graph.Memory})
	file := filepath.Join(dir, "indexes.bolt")
	for _, step := range []struct {
		name    string
		lines   []string
		rebuilt bool
	}{
		{"into the new store", lines[:5000], true},
		{"fewer quads than the store holds", lines[4000:7000], false},
		{"as many quads as the store holds, and some new", lines, true},
		{"nothing new, in a smaller file", lines[:100], false},
	} {
		path := writeFile(t, "part.nq", step.lines)
		before, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		wantRes, err := mem.LoadFile(ctx, path, graph.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := st.LoadFile(ctx, path, graph.LoadOptions{Batch: 1000})
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if res.Added != wantRes.Added {
			t.Errorf("%s: added %d quads, the memory store %d", step.name, res.Added, wantRes.Added)
		}
		after, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		if rebuilt := !os.SameFile(before, after); rebuilt != step.rebuilt {
			t.Errorf("%s: store file replaced: %v, want %v", step.name, rebuilt, step.rebuilt)
		}
		if _, err := os.Stat(file + ".build"); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%s: the build left its file behind: %v", step.name, err)
		}
		if got, want := quadSet(t, st), quadSet(t, mem); !slices.Equal(got, want) {
			t.Fatalf("%s: bolt store differs from memory store:\n%s", step.name, diff(want, got))
		}
	}
	want := quadSet(t, mem)
	st.Close()
	st = mustOpen(t, graph.Config{Kind: graph.Bolt, Path: dir})
	if got := quadSet(t, st); !slices.Equal(got, want) {
		t.Fatalf("reopened bolt store differs from memory store:\n%s", diff(want, got))
	}
}

// TestLoadFileBoltBuildStopped stops a build part way: the store must be
// left empty, and the next load must build it whole.
func TestLoadFileBoltBuildStopped(t *testing.T) {
	lines := synthLines(t, 8000)
	path := writeFile(t, "all.nq", lines)
	dir := filepath.Join(t.TempDir(), "kg.db")
	st := mustOpen(t, graph.Config{Kind: graph.Bolt, Path: dir})
	ctx, cancel := context.WithCancel(context.Background())
	_, err := st.LoadFile(ctx, path, graph.LoadOptions{Batch: 1000, Progress: func(done, _ int64) {
		if done >= 3000 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped load: %v, want context.Canceled", err)
	}
	if n, _ := st.Size(context.Background()); n != 0 {
		t.Fatalf("a stopped build left %d quads", n)
	}
	res, err := st.LoadFile(context.Background(), path, graph.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Size(context.Background()); n != res.Added || n < 7000 {
		t.Fatalf("the store holds %d quads after a full load that added %d", n, res.Added)
	}
}

// TestOpenRemovesStaleBuild opens a store beside the file of a build that
// was killed: the file goes, the store is untouched.
func TestOpenRemovesStaleBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kg.db")
	st := mustOpen(t, graph.Config{Kind: graph.Bolt, Path: dir})
	buildSeeds(t, st)
	want := quadSet(t, st)
	st.Close()
	stale := filepath.Join(dir, "indexes.bolt.build")
	if err := os.WriteFile(stale, []byte("half a build"), 0o644); err != nil {
		t.Fatal(err)
	}
	st = mustOpen(t, graph.Config{Kind: graph.Bolt, Path: dir})
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("stale build file: %v", err)
	}
	if got := quadSet(t, st); !slices.Equal(got, want) {
		t.Fatalf("store changed:\n%s", diff(want, got))
	}
}

// TestLoadFileRebuildKeepsValues rebuilds a bolt store the seed documents
// were built into, typed dates and language-tagged names among them: the
// rebuilt store must hold the same values, not just as many.
func TestLoadFileRebuildKeepsValues(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "kg.db")
	st := mustOpen(t, graph.Config{Kind: graph.Bolt, Path: dir})
	mem := mustOpen(t, graph.Config{Kind: graph.Memory})
	buildSeeds(t, st)
	buildSeeds(t, mem)
	before, err := os.Stat(filepath.Join(dir, "indexes.bolt"))
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "synth.nq", synthLines(t, 3000))
	for _, s := range []*graph.Store{st, mem} {
		if _, err := s.LoadFile(ctx, path, graph.LoadOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	after, err := os.Stat(filepath.Join(dir, "indexes.bolt"))
	if err != nil {
		t.Fatal(err)
	}
	if os.SameFile(before, after) {
		t.Fatal("the load did not rebuild the store")
	}
	if got, want := quadSet(t, st), quadSet(t, mem); !slices.Equal(got, want) {
		t.Fatalf("rebuilt store differs:\n%s", diff(want, got))
	}
}
