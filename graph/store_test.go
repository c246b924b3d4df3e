package graph_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/build"
	kgnq "github.com/kgraph/kg/graph/nquads"
	"github.com/kgraph/kg/graph/storetest"
	"github.com/kgraph/kg/graph/vocab"
	"github.com/kgraph/kg/seeds"
)

// stores lists every store kind kg offers, each opened fresh for a test.
var stores = storetest.Kinds()

func mustOpen(t *testing.T, cfg graph.Config) *graph.Store {
	t.Helper()
	st, err := graph.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func buildSeeds(t *testing.T, st *graph.Store) *build.Report {
	t.Helper()
	rep, err := build.Run(context.Background(), st, seeds.FS, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Failed() {
		t.Fatalf("%s: %v", r.File, r.Err)
	}
	return rep
}

func TestEveryKindIsOffered(t *testing.T) {
	var got []string
	for _, s := range stores {
		got = append(got, s.Name)
	}
	// CockroachDB speaks PostgreSQL's protocol and shares Cayley's SQL
	// store; its cluster cannot be started here, so it is tested through
	// the PostgreSQL case.
	got = append(got, graph.Cockroach)
	sort.Strings(got)
	if strings.Join(got, ",") != strings.Join(graph.Kinds(), ",") {
		t.Fatalf("tests cover %v, graph offers %v", got, graph.Kinds())
	}
}

func TestOpenUnknownKind(t *testing.T) {
	_, err := graph.Open(graph.Config{Kind: "leveldb"})
	if err == nil || !strings.Contains(err.Error(), `unknown store "leveldb"`) {
		t.Fatalf("got %v", err)
	}
}

func TestSeedLoadsIdempotently(t *testing.T) {
	for _, s := range stores {
		t.Run(s.Name, func(t *testing.T) {
			st := s.Open(t)
			first := buildSeeds(t, st)
			if first.Added() < 200 {
				t.Fatalf("first build added %d quads, want the whole seed graph", first.Added())
			}
			n, err := st.Size(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if n != first.Added() {
				t.Fatalf("store holds %d quads, build reported %d", n, first.Added())
			}
			second := buildSeeds(t, st)
			if second.Added() != 0 {
				t.Fatalf("second build added %d quads, want 0", second.Added())
			}
			if n2, _ := st.Size(context.Background()); n2 != n {
				t.Fatalf("store grew from %d to %d quads on rebuild", n, n2)
			}
		})
	}
}

func TestBoltStorePersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kg.db")
	st, err := graph.Open(graph.Config{Kind: graph.Bolt, Path: path})
	if err != nil {
		t.Fatal(err)
	}
	rep := buildSeeds(t, st)
	st.Close()
	st = mustOpen(t, graph.Config{Kind: graph.Bolt, Path: path})
	if n, _ := st.Size(context.Background()); n != rep.Added() {
		t.Fatalf("reopened store holds %d quads, want %d", n, rep.Added())
	}
}

// quadSet renders quads in N-Quads form with full IRIs, for comparison.
func quadSet(t *testing.T, st *graph.Store) []string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := st.Export(context.Background(), &buf, "nquads"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	sort.Strings(lines)
	return lines
}

func TestExportReimportEveryReadableFormat(t *testing.T) {
	src := mustOpen(t, graph.Config{Kind: graph.Memory})
	buildSeeds(t, src)
	want := quadSet(t, src)
	tested := 0
	for _, f := range quad.Formats() {
		if f.Reader == nil || f.Writer == nil {
			continue
		}
		tested++
		t.Run(f.Name, func(t *testing.T) {
			var buf bytes.Buffer
			n, err := src.Export(context.Background(), &buf, f.Name)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(want) {
				t.Fatalf("exported %d quads, want %d", n, len(want))
			}
			r := f.Reader(&buf)
			quads, err := graph.ReadAll("export."+f.Name, r)
			r.Close()
			if err != nil {
				t.Fatal(err)
			}
			dst := mustOpen(t, graph.Config{Kind: graph.Memory})
			if _, err := dst.Load(context.Background(), "export."+f.Name, quads); err != nil {
				t.Fatal(err)
			}
			got := quadSet(t, dst)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("round trip through %s changed the graph:\n%s", f.Name, diff(want, got))
			}
		})
	}
	if tested < 3 {
		t.Fatalf("only %d formats can be read back; want nquads, jsonld and json at least", tested)
	}
}

func diff(want, got []string) string {
	w := map[string]bool{}
	for _, s := range want {
		w[s] = true
	}
	g := map[string]bool{}
	for _, s := range got {
		g[s] = true
	}
	var b strings.Builder
	for _, s := range want {
		if !g[s] {
			b.WriteString("- " + s + "\n")
		}
	}
	for _, s := range got {
		if !w[s] {
			b.WriteString("+ " + s + "\n")
		}
	}
	return b.String()
}

// TestExportPassesRapper checks the N-Quads export with an independent
// parser, Debian's raptor2-utils (installed by .ci/run).
func TestExportPassesRapper(t *testing.T) {
	rapper, err := exec.LookPath("rapper")
	if err != nil {
		t.Fatal("rapper not found: install raptor2-utils (bash .ci/run does)")
	}
	for _, s := range stores {
		t.Run(s.Name, func(t *testing.T) {
			st := s.Open(t)
			buildSeeds(t, st)
			file := filepath.Join(t.TempDir(), "kg.nq")
			f, err := os.Create(file)
			if err != nil {
				t.Fatal(err)
			}
			n, err := st.Export(context.Background(), f, "nquads")
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(rapper, "-i", "nquads", "-c", file).CombinedOutput()
			if err != nil {
				t.Fatalf("rapper rejects the export: %v\n%s", err, out)
			}
			if want := "returned " + strconv.Itoa(n) + " triples"; !strings.Contains(string(out), want) {
				t.Fatalf("rapper read a different count (want %q):\n%s", want, out)
			}
		})
	}
}

func TestExportTypesDates(t *testing.T) {
	st := mustOpen(t, graph.Config{Kind: graph.Bolt, Path: filepath.Join(t.TempDir(), "kg.db")})
	buildSeeds(t, st)
	got := strings.Join(quadSet(t, st), "\n")
	m := vocab.Minter{}
	for _, want := range []string{
		quad.Quad{Subject: m.Entity("United Nations Commission on Narcotic Drugs"), Predicate: vocab.FoundingDate,
			Object: quad.TypedString{Value: "1997", Type: vocab.GYear}, Label: m.Sentence("sco-unodc-2019-07-10.txt", 10)}.NQuad(),
		`"2019-03"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>`,
		`"2011-06-14"^^<http://www.w3.org/2001/XMLSchema#date>`,
		`"12"^^<http://www.w3.org/2001/XMLSchema#integer>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("export lacks %s", want)
		}
	}
	if strings.Contains(got, "^^<xsd:") {
		t.Errorf("export has a short datatype IRI")
	}
}

func TestBoltInUseFailsFast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kg.db")
	st := mustOpen(t, graph.Config{Kind: graph.Bolt, Path: path})
	buildSeeds(t, st)
	_, err := graph.Open(graph.Config{Kind: graph.Bolt, Path: path})
	if err == nil || !strings.Contains(err.Error(), "another process") {
		t.Fatalf("second open: %v, want a clear in-use error", err)
	}
}

func TestLoadIsAllOrNothing(t *testing.T) {
	for _, s := range stores {
		t.Run(s.Name, func(t *testing.T) {
			st := s.Open(t)
			good := quad.MakeIRI("http://ex.org/a", "http://ex.org/p", "http://ex.org/b", "")
			bad := quad.Quad{Subject: quad.IRI("http://ex.org/a"), Predicate: quad.IRI("http://ex.org/p")}
			if _, err := st.Load(context.Background(), "mixed.nq", []quad.Quad{good, bad}); err == nil {
				t.Fatal("a batch with an invalid quad loaded")
			}
			if n, _ := st.Size(context.Background()); n != 0 {
				t.Fatalf("store holds %d quads after a failed load", n)
			}
		})
	}
}

// TestEachWithPredicate reads every name in the seed graph back, on every
// store kind, with the values Cayley itself reads.
func TestEachWithPredicate(t *testing.T) {
	var want []string
	for _, s := range stores {
		t.Run(s.Name, func(t *testing.T) {
			st := s.Open(t)
			buildSeeds(t, st)
			var got []string
			for _, p := range []quad.IRI{vocab.Name, vocab.FoundingDate, vocab.Index} {
				err := st.EachWithPredicate(context.Background(), p, func(sub, obj quad.Value) error {
					got = append(got, sub.String()+" "+obj.String())
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			sort.Strings(got)
			got = slicesCompact(got)
			if len(got) < 30 || !strings.Contains(strings.Join(got, "\n"), `<https://kg.example.org/id/vienna> "Vienna"`) {
				t.Fatalf("got %d values: %v", len(got), got)
			}
			if want == nil {
				want = got
			} else if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("%s reads other values than %s:\n%s", s.Name, stores[0].Name, diff(want, got))
			}
		})
	}
}

func slicesCompact(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// TestQuadsOf reads the quads of every entity of the seed graph, both
// ways, after Cayley has deleted some of them: they must be the quads the
// export shows, as Cayley's own iterators give them, with the values
// Cayley's own lookup gives; and a node with more quads than the limit is
// refused. On bolt, QuadsOf and ValuesOf read the file itself.
func TestQuadsOf(t *testing.T) {
	ctx := context.Background()
	for _, s := range stores {
		t.Run(s.Name, func(t *testing.T) {
			st := s.Open(t)
			buildSeeds(t, st)
			all := quadSet(t, st)
			// Cayley's deletions mark the quad in the log and leave the
			// node; the reader must skip them.
			del := cgraph.NewTransaction()
			deleted := 0
			for i, l := range all {
				if i%5 != 0 {
					continue
				}
				q, ok, err := kgnq.ParseLine(l)
				if err != nil || !ok {
					t.Fatalf("%q: %v", l, err)
				}
				if _, ok := q.Object.(quad.IRI); !ok {
					continue // a literal may be stored as another Go type
				}
				del.RemoveQuad(q)
				deleted++
			}
			if err := st.QuadWriter.ApplyTransaction(del); err != nil {
				t.Fatal(err)
			}
			live := quadSet(t, st)
			if len(live) != len(all)-deleted {
				t.Fatalf("%d quads left after deleting %d of %d", len(live), deleted, len(all))
			}
			count := map[string]int{} // direction and entity: live quads
			for _, l := range live {
				q, _, _ := kgnq.ParseLine(l)
				for _, d := range []quad.Direction{quad.Subject, quad.Object} {
					if iri, ok := q.Get(d).(quad.IRI); ok {
						count[d.String()+" "+string(iri)]++
					}
				}
			}
			most := 0
			for k, n := range count {
				dirName, iri, _ := strings.Cut(k, " ")
				d := quad.Subject
				if dirName == quad.Object.String() {
					d = quad.Object
				}
				ref, err := st.QuadStore.ValueOf(quad.IRI(iri))
				if err != nil || ref == nil {
					t.Fatalf("%s: %v %v", k, ref, err)
				}
				got, ok, err := st.QuadsOf(ctx, d, ref, 1000000)
				if err != nil || !ok {
					t.Fatalf("%s: %v %v", k, ok, err)
				}
				if g, w := refStrings(got), refStrings(cayleyQuadsOf(t, st, d, ref)); !slices.Equal(g, w) {
					t.Fatalf("%s: QuadsOf gives %v, Cayley %v", k, g, w)
				}
				if len(got) != n {
					t.Fatalf("%s: %d quads, the export shows %d", k, len(got), n)
				}
				for _, q := range got {
					vals, err := st.ValuesOf(ctx, q[:])
					if err != nil {
						t.Fatal(err)
					}
					want, err := cgraph.ValuesOf(ctx, st.QuadStore, q[:])
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(vals, want) || vals[0] == nil || vals[1] == nil || vals[2] == nil {
						t.Fatalf("%s: values %v, Cayley's %v", k, vals, want)
					}
				}
				if n > 1 {
					most = max(most, n)
					if qs, ok, err := st.QuadsOf(ctx, d, ref, n-1); err != nil || ok || qs != nil {
						t.Fatalf("%s has %d quads; with a limit of %d: %d quads, %v, %v", k, n, n-1, len(qs), ok, err)
					}
					if qs, ok, err := st.QuadsOf(ctx, d, ref, n); err != nil || !ok || len(qs) != n {
						t.Fatalf("%s has %d quads; with that limit: %d quads, %v, %v", k, n, len(qs), ok, err)
					}
				}
			}
			if most < 10 {
				t.Fatalf("the busiest entity has %d quads one way", most)
			}
		})
	}
}

// refStrings prints quads given as node references, sorted.
func refStrings(qs [][4]cgraph.Ref) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = fmt.Sprintf("%#v", q)
	}
	sort.Strings(out)
	return out
}

// cayleyQuadsOf lists the quads of a node through Cayley's iterators.
func cayleyQuadsOf(t *testing.T, st *graph.Store, d quad.Direction, ref cgraph.Ref) [][4]cgraph.Ref {
	t.Helper()
	var out [][4]cgraph.Ref
	it := st.QuadStore.QuadIterator(d, ref).Iterate()
	defer it.Close()
	for it.Next(context.Background()) {
		var q [4]cgraph.Ref
		for i, dir := range quad.Directions {
			r, err := st.QuadStore.QuadDirection(it.Result(), dir)
			if err != nil {
				t.Fatal(err)
			}
			q[i] = r
		}
		out = append(out, q)
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
