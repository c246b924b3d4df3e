package server_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad/nquads"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/memlimit"
	"github.com/kgraph/kg/graph/server"
	"github.com/kgraph/kg/graph/synth"
)

// startSynth serves a synthetic graph big enough for cross products to
// run for minutes.
func startSynth(t *testing.T, cfg server.Config) *httptest.Server {
	t.Helper()
	st, err := graph.Open(graph.Config{Kind: graph.Memory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var buf bytes.Buffer
	if _, err := synth.Write(&buf, synth.Config{Quads: 20000, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	qs, err := graph.ReadAll("synth.nq", nquads.NewReader(&buf, false))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Load(context.Background(), "synth", qs); err != nil {
		t.Fatal(err)
	}
	ts, _ := serve(t, st, cfg)
	return ts
}

// settle collects garbage and returns the goroutine count and live heap,
// once the goroutine count stops falling.
func settle() (int, uint64) {
	http.DefaultClient.CloseIdleConnections()
	n := runtime.NumGoroutine()
	for i := 0; i < 50; i++ {
		time.Sleep(20 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m >= n && i > 5 {
			break
		}
		n = m
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return n, ms.HeapAlloc
}

// TestRunawayQueries sends queries that would run or grow without end, in
// every served language, and checks each is stopped with a JSON error and
// leaves no goroutine or memory behind.
func TestRunawayQueries(t *testing.T) {
	runtime.GC()
	budget := memlimit.Heap() + 256<<20
	ts := startSynth(t, server.Config{QueryTimeout: 3 * time.Second, MaxMemory: budget})
	// As kg serve does: collect harder near the budget.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(int64(budget)))
	// Warm up the server's own goroutines and pools before the baseline.
	do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", `g.V().Limit(1).All()`)
	baseG, baseHeap := settle()

	const (
		rdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
		timeout = "time limit"
		memory  = "memory went over its budget"
	)
	for _, tc := range []struct {
		name, lang, query string
		// want holds the statuses and messages accepted: a cross product
		// may run out of time or of memory first.
		want map[int]string
		// over is how far past the budget the heap may go, as a share
		// of it: one allocation cannot be stopped halfway, and doubling
		// a string allocates as much as the heap holds.
		over float64
	}{
		{"endless loop", "gizmo", `while (true) {}`, map[int]string{504: timeout}, 0},
		{"array bomb", "gizmo", `var a = [], s = "x".repeat(100000); while (true) { a.push(s + a.length) }`, map[int]string{503: memory}, 0},
		{"string doubling", "gizmo", `var s = "x"; while (true) { s = s + s + "y" }`, map[int]string{503: memory, 504: timeout}, 1.5},
		{"nested traversals", "gizmo",
			`g.V().ForEach(function(a) { g.V().ForEach(function(b) { g.V().ForEach(function(c) {}) }) })`,
			map[int]string{504: timeout, 503: memory}, 0},
		{"cross product path", "gizmo",
			`g.V().Out().In().Out().In().Out().In().Out().In().Count()`,
			map[int]string{504: timeout, 503: memory}, 0},
		{"graphql cross product", "graphql",
			`{ nodes { id ` + rdfType + ` { id ` + rdfType + ` @rev { id ` + rdfType + ` { id ` + rdfType + ` @rev { id } } } } } }`,
			map[int]string{504: timeout, 503: memory}, 0},
		// A join that finds nothing: what has a type that something else
		// has, whose type is shared by an organisation that is a person?
		// Cayley's iterators would search it to the end.
		{"mql join", "mql",
			`[{"id": null, "` + rdfType + `": {"!` + rdfType + `": {"` + rdfType + `": {"!` + rdfType + `": {"@a:` + rdfType + `": "<http://schema.org/Organization>", "@b:` + rdfType + `": "<http://schema.org/Person>"}}}}}]`,
			map[int]string{504: timeout}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Let the last query's goroutines unwind, so that its memory
			// is not charged to this one.
			settle()
			peak := make(chan uint64)
			stop := make(chan struct{})
			go func() {
				var max uint64
				tick := time.NewTicker(5 * time.Millisecond)
				defer tick.Stop()
				for {
					select {
					case <-stop:
						peak <- max
						return
					case <-tick.C:
						max = maxOf(max, memlimit.Heap())
					}
				}
			}()
			start := time.Now()
			code, _, body := do(t, "POST", ts.URL+"/api/v2/query?lang="+tc.lang, tc.query)
			took := time.Since(start)
			close(stop)
			if p := <-peak; p > budget+uint64(float64(budget)*max(tc.over, 0.25)) {
				t.Errorf("the heap reached %s, over the %s budget", memlimit.Size(p), memlimit.Size(budget))
			}
			want, ok := tc.want[code]
			if !ok {
				t.Fatalf("status %d after %v, want one of %v: %.300s", code, took, tc.want, body)
			}
			if msg := jsonError(t, body); !strings.Contains(msg, want) {
				t.Fatalf("error %q, want it to mention %q", msg, want)
			}
			// Stopped promptly: the timeout plus a collection and the
			// time to unwind.
			if took > 10*time.Second {
				t.Errorf("stopped after %v", took)
			}
			t.Logf("%d after %v, heap now %s", code, took.Round(time.Millisecond), memlimit.Size(memlimit.Heap()))
		})
	}

	g, h := settle()
	t.Logf("goroutines %d -> %d, heap %s -> %s (budget %s)", baseG, g, memlimit.Size(baseHeap), memlimit.Size(h), memlimit.Size(budget))
	if g > baseG+2 {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after the queries, %d before:\n%s", g, baseG, buf[:runtime.Stack(buf, true)])
	}
	if h > baseHeap+32<<20 {
		t.Errorf("heap %s after the queries, %s before: a stopped query kept its memory", memlimit.Size(h), memlimit.Size(baseHeap))
	}
	// The server still answers.
	if code, _, body := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", `g.V().Limit(2).All()`); code != 200 {
		t.Fatalf("after the runaways: %d %s", code, body)
	}
}

func maxOf(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

// TestGraphQLResultCap checks that a GraphQL answer, which Cayley does not
// limit, is refused when it holds more objects than the server returns.
func TestGraphQLResultCap(t *testing.T) {
	ts, _ := start(t, server.Config{MaxResults: 5})
	code, _, body := do(t, "POST", ts.URL+"/api/v2/query?lang=graphql", `{ nodes { id } }`)
	if code != http.StatusBadRequest || !strings.Contains(jsonError(t, body), "more than 5") {
		t.Fatalf("all nodes with a cap of 5: %d %s", code, body)
	}
	code, _, body = do(t, "POST", ts.URL+"/api/v2/query?lang=graphql", `{ nodes(first: 5) { id } }`)
	if code != http.StatusOK || strings.Count(body, `"id"`) != 5 {
		t.Fatalf("first: 5 with a cap of 5: %d %s", code, body)
	}
}
