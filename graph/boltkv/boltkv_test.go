package boltkv_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	"go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"

	"github.com/kgraph/kg/graph/boltkv"
	"github.com/kgraph/kg/graph/synth"
)

// store is a Cayley key-value store on a bolt file, with the bolt handle
// Write needs.
type store struct {
	db *bbolt.DB
	qs graph.QuadStore
}

func open(t *testing.T) store {
	t.Helper()
	db, err := bbolt.Open(filepath.Join(t.TempDir(), "indexes.bolt"), 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	h := hbolt.New(db)
	if err := ckv.Init(h, nil); err != nil {
		t.Fatal(err)
	}
	qs, err := ckv.New(h, graph.Options{ckv.OptNoBloom: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { qs.Close() })
	return store{db, qs}
}

// step is one write to both stores: a batch of quads to add, by Cayley's
// writer in one store and by Write in the other, or a change both stores
// get from Cayley.
type step struct {
	add    []quad.Quad
	cayley []graph.Delta // applied by Cayley to both stores
	want   int64         // quads Write should add
}

func cayleyAdd(qs []quad.Quad) []graph.Delta {
	out := make([]graph.Delta, len(qs))
	for i, q := range qs {
		out[i] = graph.Delta{Quad: q, Action: graph.Add}
	}
	return out
}

func cayleyDel(qs []quad.Quad) []graph.Delta {
	out := make([]graph.Delta, len(qs))
	for i, q := range qs {
		out[i] = graph.Delta{Quad: q, Action: graph.Delete}
	}
	return out
}

func iri(s string) quad.IRI { return quad.IRI("http://example.org/" + s) }

// mixed has one quad of every kind of value kg writes.
var mixed = []quad.Quad{
	quad.Make(iri("sco"), iri("name"), quad.String("Shanghai Cooperation Organisation"), nil),
	quad.Make(iri("sco"), iri("label"), quad.LangString{Value: "ШОС", Lang: "ru"}, iri("doc/1")),
	quad.Make(iri("sco"), iri("founded"), quad.Time(time.Date(2001, 6, 15, 0, 0, 0, 0, time.UTC)), iri("doc/1")),
	quad.Make(iri("sco"), iri("members"), quad.Int(8), iri("doc/1")),
	quad.Make(iri("sco"), iri("share"), quad.Float(0.4), nil),
	quad.Make(iri("sco"), iri("active"), quad.Bool(true), nil),
	quad.Make(quad.BNode("e1"), iri("about"), iri("sco"), iri("doc/2")),
	quad.Make(iri("sco"), iri("code"), quad.TypedString{Value: "SCO", Type: "http://example.org/code"}, nil),
	quad.Make(iri("sco"), iri("self"), iri("sco"), nil),
}

func synthQuads(t *testing.T, n int, seed uint64) []quad.Quad {
	t.Helper()
	var buf bytes.Buffer
	if _, err := synth.Write(&buf, synth.Config{Quads: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	r := nquads.NewReader(&buf, false)
	var out []quad.Quad
	seen := map[quad.Quad]bool{}
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if !seen[q] { // the generator repeats some quads
			seen[q] = true
			out = append(out, q)
		}
	}
}

func TestSameBytes(t *testing.T) {
	big := synthQuads(t, 8500, 7)[:8000]
	tests := []struct {
		name  string
		steps []step
		// dupRefs: Cayley counts a reference for every quad in a batch,
		// even one it skips as already there; Write counts the quads it
		// adds. Only reference counts may then differ.
		dupRefs bool
	}{
		{name: "every kind of value", steps: []step{{add: mixed, want: int64(len(mixed))}}},
		{name: "synthetic, in batches sharing nodes", steps: []step{
			{add: big[:3000], want: 3000}, {add: big[3000:6000], want: 3000}, {add: big[6000:], want: 2000},
		}},
		{name: "after and before Cayley's writer", steps: []step{
			{cayley: cayleyAdd(big[:2000])}, {add: big[2000:4000], want: 2000}, {cayley: cayleyAdd(big[4000:5500])},
			{add: big[5500:], want: 2500},
		}},
		{name: "quads already there", dupRefs: true, steps: []step{
			{add: big[:3000], want: 3000}, {add: big[1500:4500], want: 1500}, {add: big[:4500], want: 0},
		}},
		{name: "quads twice in a batch", dupRefs: true, steps: []step{
			{add: append(append([]quad.Quad{}, mixed...), mixed...), want: int64(len(mixed))},
		}},
		{name: "deleted by Cayley, then added again", dupRefs: true, steps: []step{
			{add: mixed, want: int64(len(mixed))}, {cayley: cayleyDel(mixed[:4])}, {add: mixed, want: 4},
		}},
		{name: "a node deleted with its last quad, then named again", steps: []step{
			{add: mixed[:2], want: 2}, {cayley: cayleyDel(mixed[1:2])}, {cayley: cayleyDel(mixed[:1])},
			{add: mixed, want: int64(len(mixed))},
		}},
		{name: "empty batch", steps: []step{{add: nil, want: 0}}},
	}
	// Write looks values up itself, or uses what Resolve found in a
	// read-only transaction after the last batch committed, or before it
	// committed (then adding the last batch's new values from memory).
	modes := []string{"looked up by Write", "resolved after the last commit", "resolved before the last commit"}
	for _, tc := range tests {
		for _, mode := range modes {
			t.Run(tc.name+"/"+mode, func(t *testing.T) {
				ref, got := open(t), open(t)
				runSteps(t, mode, ref, got, tc.steps)
				want, have := dump(t, ref.db), dump(t, got.db)
				for k := range union(want, have) {
					if tc.dupRefs && k[0] == 'n' {
						continue
					}
					if want[k] != have[k] {
						t.Errorf("%s: Write left %q, Cayley %q", printable(k), have[k], want[k])
					}
				}
				checkRefs(t, got)
				checkQuads(t, ref.qs, got.qs)
			})
		}
	}
}

// runSteps applies steps to ref with Cayley's writer and to got with
// Write, resolving values as mode says.
func runSteps(t *testing.T, mode string, ref, got store, steps []step) {
	ctx := context.Background()
	batches := make([]*boltkv.Batch, len(steps))
	for i, s := range steps {
		if s.cayley == nil {
			batches[i] = boltkv.Prepare(s.add)
		}
	}
	nextAdd := func(i int) *boltkv.Batch {
		for _, b := range batches[i+1:] {
			if b != nil {
				return b
			}
		}
		return nil
	}
	var prev *boltkv.Batch
	for i, s := range steps {
		if s.cayley != nil {
			for _, st := range []store{ref, got} {
				if err := st.qs.ApplyDeltas(s.cayley, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
					t.Fatalf("step %d: Cayley: %v", i, err)
				}
			}
			continue
		}
		if err := ref.qs.ApplyDeltas(cayleyAdd(s.add), graph.IgnoreOpts{IgnoreDup: true}); err != nil {
			t.Fatalf("step %d: Cayley: %v", i, err)
		}
		b := batches[i]
		if mode == "resolved after the last commit" || (mode == "resolved before the last commit" && prev == nil) {
			if err := b.Resolve(ctx, got.db, prev); err != nil {
				t.Fatal(err)
			}
		}
		var n int64
		err := got.db.Update(func(tx *bbolt.Tx) (err error) {
			if n, err = boltkv.Write(tx, b); err != nil {
				return err
			}
			if next := nextAdd(i); next != nil && mode == "resolved before the last commit" {
				done := make(chan error)
				go func() { done <- next.Resolve(ctx, got.db, b) }()
				return <-done
			}
			return nil
		})
		if err != nil {
			t.Fatalf("step %d: Write: %v", i, err)
		}
		if n != s.want {
			t.Errorf("step %d: Write added %d quads, want %d", i, n, s.want)
		}
		prev = b
	}
}

// dump lists every key of a bolt file as "bucket/key" with its value, the
// timestamps in log entries zeroed.
func dump(t *testing.T, db *bbolt.DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := db.View(func(tx *bbolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bbolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				if string(name) == "log" {
					var p cproto.Primitive
					if err := proto.Unmarshal(v, &p); err != nil {
						return err
					}
					p.Timestamp = 0
					v, _ = proto.Marshal(&p)
				}
				out[string(name)+"/"+string(k)] = string(v)
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func union(a, b map[string]string) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func printable(k string) string { return fmt.Sprintf("%q", k) }

// checkRefs checks that each node's reference count is the number of
// directions of live quads that name it, the count Cayley relies on to
// delete a node with its last quad.
func checkRefs(t *testing.T, st store) {
	t.Helper()
	ctx := context.Background()
	want := map[refs.ValueHash]uint64{}
	it := st.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := st.qs.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range quad.Directions {
			if v := q.Get(d); v != nil {
				want[refs.HashOf(v)]++
			}
		}
	}
	have := map[refs.ValueHash]uint64{}
	err := st.db.View(func(tx *bbolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bbolt.Bucket) error {
			if name[0] != 'n' || len(name) != 3 {
				return nil
			}
			return b.ForEach(func(k, v []byte) error {
				c, _ := binary.Uvarint(v)
				have[refs.ValueHash(k)] = c
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for h := range want {
		if have[h] != want[h] {
			t.Errorf("node %x: %d references, want %d", h[:4], have[h], want[h])
		}
	}
	for h := range have {
		if _, ok := want[h]; !ok {
			t.Errorf("node %x: %d references, but no quad names it", h[:4], have[h])
		}
	}
}

// checkQuads checks that Cayley reads the same quads from both stores.
func checkQuads(t *testing.T, ref, got graph.QuadStore) {
	t.Helper()
	a, b := readAll(t, ref), readAll(t, got)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("Cayley reads %d quads written by Write, %d by itself; they differ", len(b), len(a))
	}
	sa, _ := ref.Stats(context.Background(), false)
	sb, _ := got.Stats(context.Background(), false)
	if sa.Quads != sb.Quads {
		t.Errorf("store size %v, Cayley's own %v", sb.Quads, sa.Quads)
	}
}

func readAll(t *testing.T, qs graph.QuadStore) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	it := qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q.String())
	}
	sort.Strings(out)
	return out
}

func TestNotCayley(t *testing.T) {
	db, err := bbolt.Open(filepath.Join(t.TempDir(), "x.bolt"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error {
		_, err := boltkv.Write(tx, boltkv.Prepare(mixed))
		return err
	})
	if !errors.Is(err, boltkv.ErrNotCayley) {
		t.Fatalf("Write to an empty bolt file: %v, want ErrNotCayley", err)
	}
}

func TestBuild(t *testing.T) {
	big := synthQuads(t, 8500, 7)[:8000]
	tests := []struct {
		name    string
		quads   []quad.Quad
		want    int64
		dupRefs bool // as in TestSameBytes
	}{
		{name: "every kind of value", quads: mixed, want: int64(len(mixed))},
		{name: "synthetic", quads: big, want: int64(len(big))},
		{name: "quads repeated", quads: append(append([]quad.Quad{}, big[:3000]...), big[1000:2000]...), want: 3000, dupRefs: true},
		{name: "nothing", quads: nil, want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ref, got := open(t), open(t)
			if err := ref.qs.ApplyDeltas(cayleyAdd(tc.quads), graph.IgnoreOpts{IgnoreDup: true}); err != nil {
				t.Fatal(err)
			}
			b := boltkv.NewBuilder()
			for _, q := range tc.quads {
				if err := b.Add(q); err != nil {
					t.Fatal(err)
				}
			}
			n, err := b.Build(context.Background(), got.db)
			if err != nil {
				t.Fatal(err)
			}
			if n != tc.want {
				t.Errorf("Build wrote %d quads, want %d", n, tc.want)
			}
			want, have := dump(t, ref.db), dump(t, got.db)
			for k := range union(want, have) {
				if tc.dupRefs && k[0] == 'n' {
					continue
				}
				if want[k] != have[k] {
					t.Errorf("%s: Build left %q, Cayley %q", printable(k), have[k], want[k])
				}
			}
			checkRefs(t, got)
			checkQuads(t, ref.qs, got.qs)
		})
	}
}

func TestBuildRefuses(t *testing.T) {
	b := boltkv.NewBuilder()
	for _, q := range mixed {
		if err := b.Add(q); err != nil {
			t.Fatal(err)
		}
	}
	st := open(t)
	if err := st.qs.ApplyDeltas(cayleyAdd(mixed[:1]), graph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(context.Background(), st.db); !errors.Is(err, boltkv.ErrNotEmpty) {
		t.Errorf("Build into a store with a quad: %v, want ErrNotEmpty", err)
	}
	db, err := bbolt.Open(filepath.Join(t.TempDir(), "x.bolt"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := b.Build(context.Background(), db); !errors.Is(err, boltkv.ErrNotCayley) {
		t.Errorf("Build into an empty bolt file: %v, want ErrNotCayley", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.Build(ctx, open(t).db); !errors.Is(err, context.Canceled) {
		t.Errorf("Build with a cancelled context: %v, want context.Canceled", err)
	}
}
