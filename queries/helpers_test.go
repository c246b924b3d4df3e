package queries_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/build"
	"github.com/kgraph/kg/graph/server"
	"github.com/kgraph/kg/graph/vocab"
	"github.com/kgraph/kg/queries"
	"github.com/kgraph/kg/seeds"
)

// seedStore builds the bundled seed graph into a memory store.
func seedStore(tb testing.TB) *graph.Store {
	tb.Helper()
	st, err := graph.Open(graph.Config{Kind: graph.Memory})
	if err != nil {
		tb.Fatal(err)
	}
	rep, err := build.Run(context.Background(), st, seeds.FS, build.Options{Minter: vocab.Minter{}})
	if err != nil {
		tb.Fatal(err)
	}
	if f := rep.Failed(); len(f) > 0 {
		tb.Fatalf("seed build failed: %v", f[0].Err)
	}
	return st
}

// serve mounts the named queries on a kg server over st, as kg serve
// does, and serves it over real HTTP.
func serve(tb testing.TB, st *graph.Store) *httptest.Server {
	tb.Helper()
	srv, err := server.New(st, server.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	h := queries.Handler(queries.New(st), queries.Limits{})
	srv.Handle("/api/queries", h)
	srv.Handle("/api/queries/", h)
	srv.SetReady()
	ts := httptest.NewServer(srv)
	tb.Cleanup(ts.Close)
	return ts
}

// serveHandler serves h over real HTTP and returns its address.
func serveHandler(tb testing.TB, h http.Handler) string {
	tb.Helper()
	ts := httptest.NewServer(h)
	tb.Cleanup(ts.Close)
	return ts.URL
}

var (
	seedOnce sync.Once
	seedTS   *httptest.Server
	seedSt   *graph.Store
)

// seedServer is one server over the seed graph, shared by the tests (they
// only read it).
func seedServer(tb testing.TB) string {
	seedOnce.Do(func() {
		seedSt = seedStore(tb)
		srv, err := server.New(seedSt, server.Config{})
		if err != nil {
			tb.Fatal(err)
		}
		h := queries.Handler(queries.New(seedSt), queries.Limits{})
		srv.Handle("/api/queries", h)
		srv.Handle("/api/queries/", h)
		srv.SetReady()
		seedTS = httptest.NewServer(srv)
	})
	return seedTS.URL
}

// answer is a decoded HTTP answer.
type answer struct {
	Code    int
	Query   string            `json:"query"`
	Params  map[string]string `json:"params"`
	Results json.RawMessage   `json:"results"`
	Error   string            `json:"error"`
	Body    string
}

// get asks base for /api/queries/NAME with params.
func get(tb testing.TB, base, name string, params url.Values) answer {
	tb.Helper()
	u := base + "/api/queries/" + name
	if len(params) > 0 {
		u += "?" + params.Encode()
	}
	resp, err := http.Get(u)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	a := answer{Code: resp.StatusCode, Body: string(b)}
	if err := json.Unmarshal(b, &a); err != nil {
		tb.Fatalf("GET %s: %d, not JSON: %s", u, resp.StatusCode, b)
	}
	return a
}

// vals makes url.Values from key, value pairs.
func vals(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}
