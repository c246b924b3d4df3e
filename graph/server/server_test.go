package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/build"
	"github.com/kgraph/kg/graph/server"
	"github.com/kgraph/kg/graph/storetest"
	"github.com/kgraph/kg/seeds"
)

// start serves the seed graph from a fresh memory store.
func start(t *testing.T, cfg server.Config) (*httptest.Server, *server.Server) {
	t.Helper()
	st, err := graph.Open(graph.Config{Kind: graph.Memory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := build.Run(context.Background(), st, seeds.FS, build.Options{}); err != nil {
		t.Fatal(err)
	}
	return serve(t, st, cfg)
}

// serve serves st over real HTTP until the test ends.
func serve(t *testing.T, st *graph.Store, cfg server.Config) (*httptest.Server, *server.Server) {
	t.Helper()
	srv, err := server.New(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetReady()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, srv
}

func do(t *testing.T, method, url, body string, header ...string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

func jsonError(t *testing.T, body string) string {
	t.Helper()
	var e struct{ Error string }
	if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error == "" {
		t.Fatalf("want a JSON error, got %q", body)
	}
	return e.Error
}

func TestHealth(t *testing.T) {
	st, err := graph.Open(graph.Config{Kind: graph.Memory})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := server.New(st, server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	if code, _, body := do(t, "GET", ts.URL+"/health", ""); code != http.StatusServiceUnavailable {
		t.Fatalf("before load: %d %s", code, body)
	}
	build.Run(context.Background(), st, seeds.FS, build.Options{})
	srv.SetReady()
	code, _, body := do(t, "GET", ts.URL+"/health", "")
	if code != http.StatusOK || !strings.Contains(body, `"quads"`) {
		t.Fatalf("after load: %d %s", code, body)
	}
}

func TestUIIndexAndAssets(t *testing.T) {
	ts, _ := start(t, server.Config{})
	code, hdr, index := do(t, "GET", ts.URL+"/", "")
	if code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") {
		t.Fatalf("index: %d %s", code, hdr.Get("Content-Type"))
	}
	if !strings.Contains(index, "Cayley") {
		t.Fatalf("index is not Cayley's UI: %.200s", index)
	}
	assets := regexp.MustCompile(`(?:src|href)="(/static/[^"]+)"`).FindAllStringSubmatch(index, -1)
	if len(assets) < 3 {
		t.Fatalf("index names %d static assets, want its scripts and styles", len(assets))
	}
	for _, a := range assets {
		code, _, body := do(t, "GET", ts.URL+a[1], "")
		if code != http.StatusOK || len(body) == 0 {
			t.Errorf("%s: %d, %d bytes", a[1], code, len(body))
		}
	}
}

func TestQuery(t *testing.T) {
	ts, _ := start(t, server.Config{MaxResults: 50})
	const names = `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://schema.org/City>").Out("<http://schema.org/name>").All()`
	tests := []struct {
		name   string
		method string
		query  string
		body   string
		code   int
		want   string
	}{
		{"gizmo post", "POST", "?lang=gizmo", names, 200, `"id": "Astana"`},
		{"gizmo get", "GET", "?lang=gizmo&qu=" + urlq(names), "", 200, `"id": "Bishkek"`},
		{"mql", "POST", "?lang=mql", `[{"id": null, "<http://schema.org/name>": "Vienna"}]`, 200, `"id": "<https://kg.example.org/id/vienna>"`},
		{"graphql", "POST", "?lang=graphql", `{ nodes(<http://schema.org/name>: "Astana") { id } }`, 200, `"id": "https://kg.example.org/id/astana"`},
		{"no language", "POST", "", names, 400, "query language"},
		{"unknown language", "POST", "?lang=sparql", names, 400, "unknown query language"},
		{"empty query", "POST", "?lang=gizmo", " ", 400, "empty"},
		{"syntax error", "POST", "?lang=gizmo", "g.V(.All()", 400, ""},
		{"limit over max", "POST", "?lang=gizmo&limit=51", names, 400, "maximum of 50"},
		{"bad limit", "POST", "?lang=gizmo&limit=x", names, 400, "whole number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, body := do(t, tt.method, ts.URL+"/api/v2/query"+tt.query, tt.body)
			if code != tt.code {
				t.Fatalf("status %d, want %d: %s", code, tt.code, body)
			}
			if code != 200 {
				jsonError(t, body)
			}
			if !strings.Contains(body, tt.want) {
				t.Fatalf("answer lacks %s:\n%s", tt.want, body)
			}
		})
	}
}

func urlq(s string) string {
	r := strings.NewReplacer(" ", "%20", `"`, "%22", "<", "%3C", ">", "%3E", "#", "%23", "/", "%2F", ":", "%3A")
	return r.Replace(s)
}

func TestQueryLimit(t *testing.T) {
	ts, _ := start(t, server.Config{})
	count := func(q string) int {
		code, _, body := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo"+q, "g.V().All()")
		if code != 200 {
			t.Fatalf("%d %s", code, body)
		}
		var r struct{ Result []any }
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatal(err)
		}
		return len(r.Result)
	}
	if n := count(""); n != server.DefaultLimit {
		t.Errorf("default: %d results, want %d", n, server.DefaultLimit)
	}
	if n := count("&limit=3"); n != 3 {
		t.Errorf("limit=3: %d results", n)
	}
	if n := count("&limit=1000"); n <= server.DefaultLimit {
		t.Errorf("limit=1000: %d results, want all nodes (more than %d)", n, server.DefaultLimit)
	}
}

func TestQueryTimeout(t *testing.T) {
	ts, _ := start(t, server.Config{QueryTimeout: 300 * time.Millisecond})
	code, _, body := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", "while (true) {}")
	if code != http.StatusGatewayTimeout {
		t.Fatalf("status %d, want 504: %s", code, body)
	}
	if msg := jsonError(t, body); !strings.Contains(msg, "time limit") {
		t.Fatalf("error %q", msg)
	}
}

func TestWritesRefusedWhenReadOnly(t *testing.T) {
	ts, _ := start(t, server.Config{})
	const nq = `<http://ex.org/a> <http://ex.org/b> <http://ex.org/c> .` + "\n"
	for _, path := range []string{"/api/v2/write", "/api/v2/delete", "/api/v2/node/delete"} {
		code, _, body := do(t, "POST", ts.URL+path, nq)
		if code != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", path, code)
		}
		if msg := jsonError(t, body); !strings.Contains(msg, "read-only") {
			t.Errorf("%s: error %q", path, msg)
		}
	}
	code, _, body := do(t, "GET", ts.URL+"/api/v2/read?sub=%3Chttp://ex.org/a%3E", "")
	if code != 200 || strings.Contains(body, "ex.org/c") {
		t.Fatalf("the refused write reached the store: %d %s", code, body)
	}
}

const token = "s3cret-token"

var auth = []string{"Authorization", "Bearer " + token}

func TestWritesWhenWritable(t *testing.T) {
	ts, _ := start(t, server.Config{Writable: true, WriteToken: token})
	const nq = `<http://ex.org/a> <http://ex.org/b> <http://ex.org/c> .` + "\n"
	code, _, body := do(t, "POST", ts.URL+"/api/v2/write", nq, auth...)
	if code != 200 || !strings.Contains(body, `"count":1`) {
		t.Fatalf("write: %d %s", code, body)
	}
	code, _, body = do(t, "GET", ts.URL+"/api/v2/read?sub=%3Chttp://ex.org/a%3E", "")
	if code != 200 || !strings.Contains(body, "<http://ex.org/c>") {
		t.Fatalf("read back: %d %s", code, body)
	}
}

func TestExportEndpoint(t *testing.T) {
	ts, _ := start(t, server.Config{})
	tests := []struct {
		format, ctype, file, has string
	}{
		{"", "application/n-quads", "kg.nq", "<http://schema.org/name> \"Vienna\""},
		{"nquads", "application/n-quads", "kg.nq", "<http://schema.org/name> \"Vienna\""},
		{"jsonld", "application/ld+json", "kg.jsonld", `"@value":"Vienna"`},
		{"graphml", "", "kg.graphml", "<graphml"},
		{"dot", "", "kg.gv", "digraph"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			code, hdr, body := do(t, "GET", ts.URL+"/api/export?format="+tt.format, "")
			if code != 200 {
				t.Fatalf("%d %s", code, body)
			}
			if tt.ctype != "" && hdr.Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type %q, want %q", hdr.Get("Content-Type"), tt.ctype)
			}
			if cd := hdr.Get("Content-Disposition"); !strings.Contains(cd, `attachment; filename="`+tt.file+`"`) {
				t.Errorf("Content-Disposition %q", cd)
			}
			if !strings.Contains(body, tt.has) {
				t.Errorf("body lacks %s", tt.has)
			}
		})
	}
	code, _, body := do(t, "GET", ts.URL+"/api/export?format=xlsx", "")
	if code != 400 || !strings.Contains(jsonError(t, body), "unknown export format") {
		t.Fatalf("bad format: %d %s", code, body)
	}
}

func TestUnknownAPIPath(t *testing.T) {
	ts, _ := start(t, server.Config{})
	code, _, body := do(t, "GET", ts.URL+"/api/v9/nothing", "")
	if code != 404 {
		t.Fatalf("%d %s", code, body)
	}
	jsonError(t, body)
}

// TestConcurrentWritesAndQueries runs writes and queries at once on every
// store (the memory store's maps die on unguarded concurrent access), and
// checks every write is then seen.
func TestConcurrentWritesAndQueries(t *testing.T) {
	for _, k := range storetest.Kinds() {
		t.Run(k.Name, func(t *testing.T) {
			st := k.Open(t)
			if _, err := build.Run(context.Background(), st, seeds.FS, build.Options{}); err != nil {
				t.Fatal(err)
			}
			ts, _ := serve(t, st, server.Config{Writable: true, WriteToken: token})

			const writers, writes, readers = 3, 20, 3
			errs := make(chan error, writers+readers)
			for w := 0; w < writers; w++ {
				go func() {
					for i := 0; i < writes; i++ {
						nq := fmt.Sprintf("<http://ex.org/s%d-%d> <http://ex.org/p> \"v\" .\n", w, i)
						req, _ := http.NewRequest("POST", ts.URL+"/api/v2/write", strings.NewReader(nq))
						req.Header.Set("Authorization", "Bearer "+token)
						resp, err := http.DefaultClient.Do(req)
						if err != nil {
							errs <- err
							return
						}
						resp.Body.Close()
						if resp.StatusCode != http.StatusOK {
							errs <- fmt.Errorf("write: %s", resp.Status)
							return
						}
					}
					errs <- nil
				}()
			}
			for r := 0; r < readers; r++ {
				go func() {
					for i := 0; i < writes; i++ {
						resp, err := http.Post(ts.URL+"/api/v2/query?lang=gizmo", "text/plain", strings.NewReader(`g.V().Out("<http://ex.org/p>").All()`))
						if err != nil {
							errs <- err
							return
						}
						resp.Body.Close()
						if resp.StatusCode != http.StatusOK {
							errs <- fmt.Errorf("query: %s", resp.Status)
							return
						}
					}
					errs <- nil
				}()
			}
			for i := 0; i < writers+readers; i++ {
				if err := <-errs; err != nil {
					t.Fatal(err)
				}
			}
			code, _, body := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo&limit=1000", `g.V().Has("<http://ex.org/p>", "v").All()`)
			if code != 200 || strings.Count(body, `"id"`) != writers*writes {
				t.Fatalf("want the %d written subjects: %d %s", writers*writes, code, body)
			}
		})
	}
}

func TestWriteToken(t *testing.T) {
	if _, err := server.New(nil, server.Config{Writable: true}); err == nil {
		t.Fatal("a writable server started without a write token")
	}
	ts, _ := start(t, server.Config{Writable: true, WriteToken: token})
	const nq = `<http://ex.org/a> <http://ex.org/b> "t" .` + "\n"
	for _, tt := range []struct {
		name   string
		header []string
		code   int
	}{
		{"no token", nil, http.StatusUnauthorized},
		{"not bearer", []string{"Authorization", "Basic " + token}, http.StatusUnauthorized},
		{"wrong token", []string{"Authorization", "Bearer nope"}, http.StatusForbidden},
		{"token", auth, http.StatusOK},
	} {
		code, _, body := do(t, "POST", ts.URL+"/api/v2/write", nq, tt.header...)
		if code != tt.code {
			t.Errorf("%s: %d, want %d: %s", tt.name, code, tt.code, body)
		}
		if code != 200 {
			jsonError(t, body)
		}
	}
}

func TestDelete(t *testing.T) {
	ts, _ := start(t, server.Config{Writable: true, WriteToken: token})
	const have = `<http://ex.org/a> <http://ex.org/b> "d" .` + "\n"
	const missing = `<http://ex.org/a> <http://ex.org/b> "never written" .` + "\n"
	if code, _, body := do(t, "POST", ts.URL+"/api/v2/write", have, auth...); code != 200 {
		t.Fatalf("write: %d %s", code, body)
	}
	code, _, body := do(t, "POST", ts.URL+"/api/v2/delete", have+missing, auth...)
	if code != http.StatusNotFound || !strings.Contains(jsonError(t, body), "never written") {
		t.Fatalf("delete of a missing quad: %d %s", code, body)
	}
	// All or none: the quad that was there is still there.
	if _, _, body := do(t, "GET", ts.URL+"/api/v2/read?sub=%3Chttp://ex.org/a%3E", ""); !strings.Contains(body, `"d"`) {
		t.Fatalf("a failed delete removed something: %s", body)
	}
	if code, _, body := do(t, "POST", ts.URL+"/api/v2/delete", "not a quad\n", auth...); code != http.StatusBadRequest {
		t.Fatalf("bad line: %d %s", code, body)
	}
	code, _, body = do(t, "POST", ts.URL+"/api/v2/delete", have, auth...)
	if code != 200 || !strings.Contains(body, `"count": 1`) {
		t.Fatalf("delete: %d %s", code, body)
	}
	if _, _, body := do(t, "GET", ts.URL+"/api/v2/read?sub=%3Chttp://ex.org/a%3E", ""); strings.Contains(body, `"d"`) {
		t.Fatalf("deleted quad still there: %s", body)
	}
}

func TestBodyLimit(t *testing.T) {
	ts, _ := start(t, server.Config{Writable: true, WriteToken: token, MaxBody: 1000})
	big := "g.V().All()" + strings.Repeat(" ", 2000)
	for _, path := range []string{"/api/v2/query?lang=gizmo", "/api/v2/query?lang=graphql", "/api/v2/write", "/api/v1/shape/gizmo", "/api/queries/entity?name=x"} {
		code, _, body := do(t, "POST", ts.URL+path, big, auth...)
		if code != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: %d, want 413: %s", path, code, body)
			continue
		}
		jsonError(t, body)
	}
	// Under the limit, the same query runs.
	if code, _, body := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", "g.V().Limit(1).All()"); code != 200 {
		t.Fatalf("small query: %d %s", code, body)
	}
}

func TestConcurrencyLimit(t *testing.T) {
	ts, _ := start(t, server.Config{MaxConcurrent: 1, QueryTimeout: 2 * time.Second})
	// A slow query takes the only slot; a request while it runs gets a
	// quick 503. If the slow query itself arrives second (a busy machine),
	// it is the one refused, and the test tries again.
	for attempt := 1; ; attempt++ {
		slow := make(chan int, 1)
		go func() {
			code, _, _ := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", "while (true) {}")
			slow <- code
		}()
		time.Sleep(300 * time.Millisecond)
		code, _, body := do(t, "GET", ts.URL+"/api/v2/formats", "")
		if code != http.StatusServiceUnavailable {
			if c := <-slow; c == http.StatusServiceUnavailable && attempt < 5 {
				continue
			}
			t.Fatalf("request while a slow query runs: %d %s", code, body)
		}
		if msg := jsonError(t, body); !strings.Contains(msg, "requests already") {
			t.Fatalf("503 says %q", msg)
		}
		if code, _, body := do(t, "GET", ts.URL+"/health", ""); code != 200 {
			t.Fatalf("health is exempt: %d %s", code, body)
		}
		if c := <-slow; c != http.StatusGatewayTimeout {
			t.Fatalf("slow query: %d, want 504", c)
		}
		break
	}
	if code, _, _ := do(t, "GET", ts.URL+"/api/v2/formats", ""); code != 200 {
		t.Fatalf("after the slow query ended: %d", code)
	}
}

func TestCORS(t *testing.T) {
	ts, _ := start(t, server.Config{CORSOrigins: []string{"https://allowed.example"}})
	_, hdr, _ := do(t, "GET", ts.URL+"/api/v2/formats", "", "Origin", "https://allowed.example")
	if hdr.Get("Access-Control-Allow-Origin") != "https://allowed.example" || hdr.Get("Access-Control-Allow-Credentials") != "" {
		t.Fatalf("allowed origin: %v", hdr)
	}
	_, hdr, _ = do(t, "GET", ts.URL+"/api/v2/formats", "", "Origin", "https://evil.example")
	if hdr.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("other origin allowed: %v", hdr)
	}
}
