package queries_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/server"
	"github.com/kgraph/kg/graph/vocab"
	"github.com/kgraph/kg/queries"
)

func TestCatalogue(t *testing.T) {
	resp, err := http.Get(seedServer(t) + "/api/queries")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var cat []struct {
		Name        string
		Description string
		Params      []struct {
			Name        string
			Required    bool
			Description string
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&cat); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, q := range cat {
		names = append(names, q.Name)
		if q.Description == "" || len(q.Params) == 0 {
			t.Errorf("%s: no description or params", q.Name)
		}
		for _, p := range q.Params {
			if p.Description == "" {
				t.Errorf("%s: param %s has no description", q.Name, p.Name)
			}
		}
	}
	if got, want := strings.Join(names, ","), "agreements,entity,events,evidence,path,relations,roles,timeline"; got != want {
		t.Errorf("catalogue %s, want %s", got, want)
	}
}

func TestErrors(t *testing.T) {
	base := seedServer(t)
	for _, c := range []struct {
		name   string
		query  string
		params url.Values
		code   int
		says   string
	}{
		{"unknown query", "who", vals("name", "SCO"), 404, `no query named "who"`},
		{"missing param", "entity", nil, 400, `"name" is missing`},
		{"empty param", "entity", vals("name", " "), 400, `"name" is empty`},
		{"missing from", "path", vals("to", "SCO"), 400, `"from" is missing`},
		{"unknown param", "entity", vals("name", "SCO", "nmae", "x"), 400, `"nmae" is unknown`},
		{"limit zero", "events", vals("limit", "0"), 400, `"limit"`},
		{"limit too big", "events", vals("limit", "10001"), 400, `"limit"`},
		{"limit not a number", "events", vals("limit", "ten"), 400, `"limit"`},
		{"negative offset", "events", vals("offset", "-1"), 400, `"offset"`},
		{"max too big", "path", vals("from", "SCO", "to", "UN", "max", "7"), 400, `"max"`},
		{"max zero", "path", vals("from", "SCO", "to", "UN", "max", "0"), 400, `"max"`},
		{"predicate missing", "evidence", vals("subject", "SCO"), 400, `"predicate" is missing`},
		{"repeated param", "entity", url.Values{"name": {"SCO", "UN"}}, 400, "more than once"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := get(t, base, c.query, c.params)
			if a.Code != c.code || !strings.Contains(a.Error, c.says) {
				t.Errorf("%s %v: %d %s, want %d saying %s", c.query, c.params.Encode(), a.Code, a.Body, c.code, c.says)
			}
		})
	}
	// Other methods and paths are JSON errors too.
	req, _ := http.NewRequest(http.MethodPost, base+"/api/queries/entity?name=SCO", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("POST: %d %s, want 405 JSON", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if a := get(t, base, "entity/more", nil); a.Code != 404 || a.Error == "" {
		t.Errorf("/api/queries/entity/more: %d %s, want 404 with an error", a.Code, a.Body)
	}
}

// TestEmptyIsList checks that an answer with nothing in it is [], never
// null, for every query.
func TestEmptyIsList(t *testing.T) {
	base := seedServer(t)
	for _, c := range []struct {
		query  string
		params url.Values
	}{
		{"entity", vals("name", "nobody")},
		{"relations", vals("entity", "nobody")},
		{"roles", vals("entity", "nobody")},
		{"events", vals("entity", "nobody")},
		{"agreements", vals("entity", "nobody")},
		{"timeline", vals("entity", "nobody")},
		{"path", vals("from", "nobody", "to", "SCO")},
		{"evidence", vals("subject", "nobody", "predicate", "name")},
	} {
		a := get(t, base, c.query, c.params)
		if a.Code != 200 || string(a.Results) != "[]" || a.Query != c.query {
			t.Errorf("%s %v: %d %s, want 200 with results []", c.query, c.params.Encode(), a.Code, a.Body)
		}
	}
}

// injections are parameter values that would change a query's meaning if
// they were pasted into query text (Gizmo is JavaScript; N-Quads and
// SPARQL use <>, quotes and newlines). None names anything in the seed
// graph.
var injections = []string{
	`nobody"`,
	`nobody")`,
	`SCO").All(); g.V().All() //`,
	`g.V().All()`,
	`g.V("x").In().All()`,
	`'); graph.V().All(); ('`,
	"SCO\n.All()",
	"UNODC\n<https://kg.example.org/id/x> <http://schema.org/name> \"x\" .",
	`<https://kg.example.org/id/shanghai-cooperation-organisation> .`,
	`> <http://schema.org/name> "x" .`,
	`"SCO"^^<http://www.w3.org/2001/XMLSchema#string>`,
	`\u0022) || true`,
	`*`,
	`.*`,
}

// TestInjection checks that no parameter value changes what a query
// means: a value is only ever a name to look up or a literal to compare
// with, so values that are code or query syntax name nothing, and the
// graph is unchanged after.
func TestInjection(t *testing.T) {
	st := seedStore(t)
	base := serve(t, st).URL
	before, err := st.Size(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range injections {
		for _, c := range []struct {
			query string
			param []string
		}{
			{"entity", []string{"name"}},
			{"relations", []string{"entity"}},
			{"roles", []string{"entity"}},
			{"events", []string{"entity"}},
			{"agreements", []string{"entity"}},
			{"timeline", []string{"entity"}},
			{"path", []string{"from", "to"}},
			{"evidence", []string{"subject", "predicate", "object"}},
		} {
			for _, p := range c.param {
				params := map[string][]string{"from": {"SCO"}, "to": {"UNODC"}, "subject": {"SCO"}, "predicate": {"name"}, "object": {"SCO"}}
				params[p] = []string{v}
				q := url.Values{}
				for _, k := range c.param {
					q[k] = params[k]
				}
				a := get(t, base, c.query, q)
				if a.Code != 200 || string(a.Results) != "[]" {
					t.Errorf("%s %s=%q: %d %s, want 200 and []", c.query, p, v, a.Code, a.Body)
				}
			}
		}
	}
	// Punctuation around a real name is tolerated, never interpreted:
	// the answer is the name's answer.
	for _, v := range []string{`SCO"`, `SCO")`, `"SCO"`, `<SCO>`, "SCO\n", `'SCO'`} {
		for _, q := range []string{"entity", "roles", "events", "agreements", "timeline"} {
			key := "entity"
			if q == "entity" {
				key = "name"
			}
			got, want := get(t, base, q, vals(key, v)), get(t, base, q, vals(key, "SCO"))
			if got.Code != 200 || string(got.Results) != string(want.Results) || string(want.Results) == "[]" {
				t.Errorf("%s %s=%q: %s, want the answer for SCO: %s", q, key, v, got.Body, want.Body)
			}
		}
	}
	after, err := st.Size(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("the graph changed from %d to %d quads", before, after)
	}
}

// TestHostileNames checks the other way round: entities whose names are
// code or query syntax are found by exactly those names, as data.
func TestHostileNames(t *testing.T) {
	st := seedStore(t)
	m := vocab.Minter{}
	names := []string{
		`Evil "Org")`,
		`g.V().All()`,
		"Line\nBreak Ltd",
		`<script>alert(1)</script> Foundation`,
	}
	var qs []quad.Quad
	for _, n := range names {
		e := quad.IRI(string(m.Entity(n)) + "-hostile")
		qs = append(qs,
			quad.Quad{Subject: e, Predicate: vocab.Type, Object: vocab.Organization},
			quad.Quad{Subject: e, Predicate: vocab.Name, Object: quad.String(n)},
			quad.Quad{Subject: e, Predicate: vocab.FoundingDate, Object: quad.TypedString{Value: "2001", Type: vocab.GYear}},
		)
	}
	if _, err := st.Load(context.Background(), "hostile", qs); err != nil {
		t.Fatal(err)
	}
	base := serve(t, st).URL
	for _, n := range names {
		a := get(t, base, "entity", vals("name", n))
		var rs []queries.Entity
		if err := json.Unmarshal(a.Results, &rs); err != nil || len(rs) != 1 || rs[0].Name != n {
			t.Errorf("entity name=%q: %d %s, want just that entity", n, a.Code, a.Body)
		}
		a = get(t, base, "evidence", vals("subject", n, "predicate", "foundingDate", "object", "2001"))
		if a.Code != 200 || string(a.Results) != "[]" {
			// Loaded without a provenance label: no evidence, and no error.
			t.Errorf("evidence subject=%q: %d %s, want []", n, a.Code, a.Body)
		}
		a = get(t, base, "timeline", vals("entity", n))
		var facts []queries.Fact
		if err := json.Unmarshal(a.Results, &facts); err != nil || len(facts) != 1 || facts[0].Date != "2001" {
			t.Errorf("timeline entity=%q: %s, want its founding", n, a.Body)
		}
	}
}

// TestIndexRebuilt checks that the name index follows the store: an
// entity loaded after the first query is found by the next.
func TestIndexRebuilt(t *testing.T) {
	st := seedStore(t)
	base := serve(t, st).URL
	if a := get(t, base, "entity", vals("name", "OSCE")); string(a.Results) != "[]" {
		t.Fatalf("OSCE before loading: %s", a.Body)
	}
	e := vocab.Minter{}.Entity("Organization for Security and Co-operation in Europe")
	_, err := st.Load(context.Background(), "osce", []quad.Quad{
		{Subject: e, Predicate: vocab.Name, Object: quad.String("Organization for Security and Co-operation in Europe")},
		{Subject: e, Predicate: vocab.AlternateName, Object: quad.String("OSCE")},
	})
	if err != nil {
		t.Fatal(err)
	}
	a := get(t, base, "entity", vals("name", "osce"))
	if !strings.Contains(string(a.Results), string(e)) {
		t.Errorf("OSCE after loading: %s", a.Body)
	}
}

// TestCancelled checks that a query stops when its context ends: at once
// for a context already cancelled, and never long past its deadline over a
// graph with a great many connections.
func TestCancelled(t *testing.T) {
	st := seedStore(t)
	e := queries.New(st)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	st.RLock()
	_, err := e.Run(ctx, "events", nil)
	st.RUnlock()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled events: %v, want context.Canceled", err)
	}

	// A dense graph: 60 hubs each linked to the same 60 nodes gives a
	// number of 6-hop connections far beyond what runs in the deadline.
	var qs []quad.Quad
	for i := 0; i < 60; i++ {
		for j := 0; j < 60; j++ {
			qs = append(qs, quad.Quad{
				Subject:   quad.IRI(fmt.Sprintf("urn:hub:%d", i)),
				Predicate: vocab.About,
				Object:    quad.IRI(fmt.Sprintf("urn:leaf:%d", j)),
			})
		}
	}
	if _, err := st.Load(context.Background(), "dense", qs); err != nil {
		t.Fatal(err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	st.RLock()
	_, err = e.Run(ctx, "path", map[string]string{"from": "urn:hub:0", "to": "urn:leaf:0", "max": "6", "limit": "10000"})
	st.RUnlock()
	// Either it answers within the deadline (the search bounds how much of
	// the graph it reads) or it stops with the deadline's error.
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("path over the dense graph: %v, want an answer or context.DeadlineExceeded", err)
	}
	if err == nil && time.Since(start) > 50*time.Millisecond {
		t.Fatalf("path answered after %v, past its 50ms deadline", time.Since(start))
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the query stopped %v after its 50ms deadline", d)
	}
}

// TestTimeout checks that a query out of time answers 504.
func TestTimeout(t *testing.T) {
	st := seedStore(t)
	srv, err := server.New(st, server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	srv.Handle("/api/queries/", queries.Handler(queries.New(st), queries.Limits{Timeout: time.Nanosecond}))
	ts := serveHandler(t, srv)
	a := get(t, ts, "events", nil)
	if a.Code != http.StatusGatewayTimeout || !strings.Contains(a.Error, "ran out of time") {
		t.Errorf("events with a 1ns timeout: %d %s, want 504", a.Code, a.Body)
	}
}

// TestMaxResults checks that a server's result cap bounds the named
// queries' limit too.
func TestMaxResults(t *testing.T) {
	st := seedStore(t)
	srv, err := server.New(st, server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	srv.Handle("/api/queries/", queries.Handler(queries.New(st), queries.Limits{MaxResults: 3}))
	ts := serveHandler(t, srv)
	if a := get(t, ts, "agreements", url.Values{"limit": {"4"}}); a.Code != http.StatusBadRequest || !strings.Contains(a.Error, "at most 3 results") {
		t.Errorf("limit 4 with a cap of 3: %d %s, want 400", a.Code, a.Body)
	}
	if a := get(t, ts, "agreements", url.Values{"limit": {"3"}}); a.Code != http.StatusOK {
		t.Errorf("limit 3 with a cap of 3: %d %s, want 200", a.Code, a.Body)
	}
}

// TestConcurrent asks queries from several clients while the store is
// written to, as kg serve --writable allows: under -race this checks the
// index rebuild and the store's read lock.
func TestConcurrent(t *testing.T) {
	st := seedStore(t)
	base := serve(t, st).URL
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 20; i++ {
			e := quad.IRI(fmt.Sprintf("urn:org:%d", i))
			st.Load(context.Background(), "more", []quad.Quad{
				{Subject: e, Predicate: vocab.Name, Object: quad.String(fmt.Sprintf("Org %d", i))},
				{Subject: e, Predicate: vocab.ParentOrg, Object: vocab.Minter{}.Entity("United Nations")},
			})
		}
	}()
	errs := make(chan string, 64)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 15; i++ {
				for _, q := range []string{"/entity?name=UNODC", "/path?from=Norov&to=Org%200", "/relations?entity=UN"} {
					resp, err := http.Get(base + "/api/queries" + q)
					if err != nil {
						errs <- err.Error()
						return
					}
					resp.Body.Close()
					if resp.StatusCode != 200 {
						errs <- fmt.Sprintf("%s: %d", q, resp.StatusCode)
					}
				}
			}
		}()
	}
	wg.Wait()
	<-done
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	a := get(t, base, "entity", vals("name", "org 19"))
	if !strings.Contains(string(a.Results), "urn:org:19") {
		t.Errorf("org 19 not found after the writes: %s", a.Body)
	}
}
