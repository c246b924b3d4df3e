package checks_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/build"
	"github.com/kgraph/kg/graph/server"
	"github.com/kgraph/kg/graph/vocab"
	"github.com/kgraph/kg/queries"
	"github.com/kgraph/kg/queries/checks"
	"github.com/kgraph/kg/seeds"
)

// seedServer serves the named queries over the seed graph.
func seedServer(t *testing.T) string {
	t.Helper()
	st, err := graph.Open(graph.Config{Kind: graph.Memory})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(context.Background(), st, seeds.FS, build.Options{Minter: vocab.Minter{}}); err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(st, server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	srv.Handle("/api/queries/", queries.Handler(queries.New(st), queries.Limits{}))
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL
}

func writeFile(t *testing.T, checksJSON string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "checks.json")
	body := `{"documents": ["sco-unodc-2019-07-10.txt"], "checks": [` + checksJSON + `]}`
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRules runs one check per rule of CHECKS-FORMAT.md, each once as it
// should pass and once as it should fail, and checks the verdicts and that
// a failure says what was expected and what came.
func TestRules(t *testing.T) {
	base := seedServer(t)
	for _, c := range []struct {
		name  string
		check string
		pass  bool
		says  string // in the failure, when it fails
	}{
		{"same_as", `{"query": "entity", "params": {"name": "UNODC"}, "expect": {"same_as": "UN Office on Drugs and Crime"}}`, true, ""},
		{"same_as differs", `{"query": "entity", "params": {"name": "UNODC"}, "expect": {"same_as": "SCO"}}`, false, "resolves to"},
		{"types", `{"query": "entity", "params": {"name": "Vienna"}, "expect": {"types": ["Place", "City"]}}`, true, ""},
		{"types missing", `{"query": "entity", "params": {"name": "Vienna"}, "expect": {"types": ["Organization"]}}`, false, "types"},
		{"role, title folded", `{"query": "roles", "params": {"entity": "Vladimir Norov"}, "expect": {"contains": {"person": "Vladimir Norov", "title": "secretary general", "organization": "SCO"}}}`, true, ""},
		{"role, other organisation", `{"query": "roles", "params": {"entity": "Vladimir Norov"}, "expect": {"contains": {"person": "Vladimir Norov", "organization": "UNODC"}}}`, false, "organization"},
		{"event with some participants", `{"query": "events", "params": {"entity": "Vladimir Norov"}, "expect": {"contains": {"start": "2019-07-10", "place": "Vienna", "participants": ["Vladimir Norov", "Yury Fedotov"]}}}`, true, ""},
		{"participant missing", `{"query": "events", "params": {"entity": "Vladimir Norov"}, "expect": {"contains": {"participants": ["Vladimir Norov", "Bishkek"]}}}`, false, "Bishkek"},
		{"date exact", `{"query": "events", "params": {"entity": "Bishkek"}, "expect": {"contains": {"start": "2019-06-13", "end": "2019-06-14"}}}`, true, ""},
		{"date less precise", `{"query": "events", "params": {"entity": "Bishkek"}, "expect": {"contains": {"start": "2019-06"}}}`, false, `want "2019-06", got "2019-06-13"`},
		{"agreement", `{"query": "agreements", "params": {"entity": "UNODC"}, "expect": {"contains": {"date": "2011-06-14", "place": "Astana", "parties": ["SCO Secretariat", "UNODC"]}}}`, true, ""},
		{"null date", `{"query": "agreements", "params": {"entity": "SCO"}, "expect": {"contains": {"name": "SCO Anti-Drug Strategy for 2018-2023", "date": null}}}`, true, ""},
		{"null expected, date given", `{"query": "agreements", "params": {"entity": "UNODC"}, "expect": {"contains": {"date": null}}}`, false, "want null"},
		{"name resolving to nothing", `{"query": "events", "params": {"entity": "Vladimir Norov"}, "expect": {"contains": {"place": "Atlantis"}}}`, false, "resolves to nothing"},
		{"no results", `{"query": "events", "params": {"entity": "Atlantis"}, "expect": {"contains": {"start": "2019"}}}`, false, "no results"},
		{"unknown query", `{"query": "who", "params": {}, "expect": {"types": ["Person"]}}`, false, "HTTP 404"},
		{"unknown expectation", `{"query": "entity", "params": {"name": "SCO"}, "expect": {"same_as": "SCO", "smells_like": "SCO"}}`, false, "smells_like"},
		{"nothing expected", `{"query": "entity", "params": {"name": "SCO"}, "expect": {}}`, false, "expects nothing"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := checks.Load(writeFile(t, `{"id": "x", `+strings.TrimPrefix(c.check, "{")))
			if err != nil {
				t.Fatal(err)
			}
			s := (&checks.Evaluator{BaseURL: base}).Evaluate(context.Background(), f)
			if s.Total != 1 || s.Results[0].Pass != c.pass {
				t.Fatalf("pass = %v (%s), want %v", s.Results[0].Pass, s.Results[0].Why, c.pass)
			}
			if !c.pass && !strings.Contains(s.Results[0].Why, c.says) {
				t.Errorf("failure says %q, want it to say %q", s.Results[0].Why, c.says)
			}
		})
	}
}

// recorder is a testing.TB that records what Run reports.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Logf(string, ...any) {}
func (r *recorder) Helper()             {}

func TestRunReports(t *testing.T) {
	base := seedServer(t)
	p := writeFile(t, `
		{"id": "good", "query": "entity", "params": {"name": "SCO"}, "expect": {"types": ["Organization"]}},
		{"id": "bad-date", "query": "events", "params": {"entity": "Norov"}, "expect": {"contains": {"start": "2019-07-11"}}}`)
	rec := &recorder{TB: t}
	s := checks.Run(rec, base, p)
	if s.Passed != 1 || s.Total != 2 || s.Ratio() != 0.5 {
		t.Errorf("score %d/%d, want 1/2", s.Passed, s.Total)
	}
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "bad-date") || !strings.Contains(rec.errors[0], `want "2019-07-11", got "2019-07-10"`) {
		t.Errorf("reported %q, want the failed check's id, expectation and answer", rec.errors)
	}
}

func TestLoadRejects(t *testing.T) {
	for _, body := range []string{
		`{"id": "a", "query": "entity", "expect": {}}, {"id": "a", "query": "entity", "expect": {}}`,
		`{"query": "entity", "expect": {}}`,
	} {
		if _, err := checks.Load(writeFile(t, body)); err == nil {
			t.Errorf("Load accepted %s", body)
		}
	}
	if _, err := checks.Load(filepath.Join(t.TempDir(), "none.json")); err == nil {
		t.Error("Load accepted a missing file")
	}
}
