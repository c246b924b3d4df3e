package webui_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/kgraph/kg/graph/server"
	"github.com/kgraph/kg/graph/webui"
)

func TestBundleRewritten(t *testing.T) {
	for _, base := range []string{"", "/kg"} {
		ts, _ := start(t, server.Config{BasePath: base})
		code, _, index := get(t, "GET", ts.URL+base+"/", "")
		if code != 200 || !strings.Contains(index, `src="`+base+`/static/js/main.`) {
			t.Fatalf("base %q: index %d:\n%s", base, code, index)
		}
		// Every script and stylesheet the page names: no outside address
		// left, the API address is the page's own.
		for _, part := range strings.Split(index, `"`) {
			if !strings.HasPrefix(part, base+"/static/") {
				continue
			}
			code, _, body := get(t, "GET", ts.URL+part, "")
			if code != 200 {
				t.Fatalf("%s: %d", part, code)
			}
			for _, bad := range []string{"localhost:64210", "cdn.jsdelivr.net", "fonts.googleapis.com"} {
				if strings.Contains(body, bad) {
					t.Errorf("%s still has %s", part, bad)
				}
			}
			if strings.Contains(part, "/main.") && strings.HasSuffix(part, ".js") && !strings.Contains(body, `window.location.origin+"`+base+`"`) {
				t.Errorf("%s: the server address is not the page's origin", part)
			}
		}
	}
}

func TestBasePath(t *testing.T) {
	ts, _ := start(t, server.Config{BasePath: "/kg/"})
	if code, _, _ := get(t, "GET", ts.URL+"/health", ""); code != http.StatusNotFound {
		t.Errorf("/health outside the base path: %d", code)
	}
	if code, _, body := get(t, "GET", ts.URL+"/kg/health", ""); code != 200 {
		t.Errorf("/kg/health: %d %s", code, body)
	}
	if code, h, _ := get(t, "GET", ts.URL+"/kg", ""); code != http.StatusMovedPermanently || h.Get("Location") != "/kg/" {
		t.Errorf("/kg: %d to %q", code, h.Get("Location"))
	}
	if code, _, body := get(t, "POST", ts.URL+"/kg/api/v2/query?lang=gizmo", `g.V().Has("<http://schema.org/name>", "Vienna").All()`); code != 200 || !strings.Contains(body, "vienna") {
		t.Errorf("query under /kg: %d %s", code, body)
	}
	if _, err := webui.CleanBasePath("kg"); err == nil {
		t.Error("a base path without a leading slash was accepted")
	}
}

func TestVendorGzip(t *testing.T) {
	ts, _ := start(t, server.Config{})
	u := ts.URL + "/vendor/monaco-editor/min/vs/loader.js"
	code, h, body := get(t, "GET", u, "", "Accept-Encoding", "gzip")
	if code != 200 || h.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(body, "\x1f\x8b") {
		t.Errorf("gzip: %d %q", code, h.Get("Content-Encoding"))
	}
	code, h, body = get(t, "GET", u, "")
	if code != 200 || h.Get("Content-Encoding") != "" || !strings.Contains(body, "define") {
		t.Errorf("plain: %d %q %.40q", code, h.Get("Content-Encoding"), body)
	}
	if code, _, _ := get(t, "GET", ts.URL+"/vendor/material-icons/material-icons.woff2", ""); code != 200 {
		t.Errorf("font: %d", code)
	}
	if code, _, _ := get(t, "GET", ts.URL+"/vendor/nothing.js", ""); code != 404 {
		t.Errorf("missing vendor file: %d", code)
	}
}

func TestExamples(t *testing.T) {
	ts, _ := start(t, server.Config{})
	code, _, body := get(t, "GET", ts.URL+"/api/examples", "")
	var got struct{ Examples []webui.Example }
	if code != 200 || json.Unmarshal([]byte(body), &got) != nil || len(got.Examples) != len(webui.Examples) {
		t.Fatalf("/api/examples: %d %s", code, body)
	}
	want := map[string][]string{
		"neighbourhood": {"Vladimir Norov", "Shanghai Cooperation Organisation"},
		"who-met-whom":  {"Vladimir Norov", "Yury Fedotov"},
		"agreements":    {"Memorandum of Understanding between the SCO Secretariat and UNODC", "Astana"},
		"events":        {"62nd session of the United Nations Commission on Narcotic Drugs", "Bishkek Summit"},
	}
	for _, e := range got.Examples {
		// Each runs as the UI runs it (JSON-LD) and gives named links.
		code, _, res := get(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", e.Query, "Accept", "application/ld+json")
		if code != 200 {
			t.Errorf("%s: %d %s", e.ID, code, res)
			continue
		}
		var r struct {
			Result []struct{ Source, Target map[string]string }
		}
		if err := json.Unmarshal([]byte(res), &r); err != nil || len(r.Result) == 0 {
			t.Errorf("%s: %v %s", e.ID, err, res)
			continue
		}
		for _, l := range r.Result {
			if strings.Contains(l.Source["@id"], "://") || strings.Contains(l.Target["@id"], "://") {
				t.Errorf("%s: an IRI as a label: %v", e.ID, l)
			}
		}
		for _, w := range want[e.ID] {
			if !strings.Contains(res, w) {
				t.Errorf("%s lacks %q: %s", e.ID, w, res)
			}
		}
	}
	code, _, page := get(t, "GET", ts.URL+"/explore", "")
	if code != 200 || !strings.Contains(page, "LAST_QUERY") || !strings.Contains(page, "Who met whom") {
		t.Errorf("/explore: %d", code)
	}
}

func TestShape(t *testing.T) {
	ts, _ := start(t, server.Config{})
	q := `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://schema.org/Person>").Tag("person").Out("<http://schema.org/worksFor>").Tag("org").All()`
	code, _, body := get(t, "POST", ts.URL+"/api/v1/shape/gizmo", q)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	var s webui.Shape
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		t.Fatal(err)
	}
	// Two quad patterns: ?person type Person, ?person worksFor ?org.
	if len(s.Links) != 2 {
		t.Errorf("want 2 links, got %s", body)
	}
	byTag := map[string]webui.ShapeNode{}
	for _, n := range s.Nodes {
		for _, tag := range n.Tags {
			byTag[tag] = n
		}
	}
	person, org := byTag["person"], byTag["org"]
	found := false
	for _, l := range s.Links {
		if l.Source == person.ID && l.Target == org.ID && s.Nodes[l.LinkNode].IsLinkNode &&
			strings.Join(s.Nodes[l.LinkNode].Values, "") == "<http://schema.org/worksFor>" {
			found = true
		}
	}
	if !found {
		t.Errorf("no person -worksFor-> org link: %s", body)
	}
	for _, c := range []struct {
		path, query string
		code        int
	}{
		{"/api/v1/shape/gizmo", `g.Emit(1)`, http.StatusUnprocessableEntity},
		{"/api/v1/shape/gizmo", `g.V(`, http.StatusBadRequest},
		{"/api/v1/shape/gizmo", ``, http.StatusBadRequest},
		{"/api/v1/shape/gizmo", `g.V("<nothing-here>").Out().All()`, http.StatusUnprocessableEntity},
		{"/api/v1/shape/graphql", `{x}`, http.StatusBadRequest},
	} {
		code, _, body := get(t, "POST", ts.URL+c.path, c.query)
		var e struct{ Error string }
		if code != c.code || json.Unmarshal([]byte(body), &e) != nil || e.Error == "" {
			t.Errorf("%s %q: %d %s, want %d and a JSON error", c.path, c.query, code, body, c.code)
		}
	}
}
