package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/server"
	"github.com/kgraph/kg/graph/vocab"
)

// seedServer serves the seed graph as kg serve does, from a memory store.
func seedServer(t *testing.T) *httptest.Server {
	t.Helper()
	st, err := graph.Open(graph.Config{Kind: graph.Memory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := buildSeeds(context.Background(), st, vocab.Minter{}, io.Discard); err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(st, server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	mountQueries(srv, st, server.DefaultQueryTimeout)
	srv.SetReady()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

// readmeExample is a curl command from the README and the output it shows.
type readmeExample struct {
	line   int
	url    string
	body   string
	output string
}

var (
	reFence = regexp.MustCompile("(?ms)^```(\\w*)\\n(.*?)^```")
	reCurl  = regexp.MustCompile(`curl -s '(http://127\.0\.0\.1:64210)(/api/[^']+)'`)
)

// readmeExamples finds each sh block with a curl to the API that is
// followed by a json block.
func readmeExamples(t *testing.T, text string) []readmeExample {
	var out []readmeExample
	blocks := reFence.FindAllStringSubmatchIndex(text, -1)
	for i, b := range blocks {
		lang, code := text[b[2]:b[3]], text[b[4]:b[5]]
		m := reCurl.FindStringSubmatch(code)
		if lang != "sh" || m == nil || i+1 == len(blocks) {
			continue
		}
		next := blocks[i+1]
		if text[next[2]:next[3]] != "json" {
			continue
		}
		ex := readmeExample{
			line:   strings.Count(text[:b[0]], "\n") + 1,
			url:    m[2],
			output: text[next[4]:next[5]],
		}
		if j := strings.Index(code, "<<'EOF'\n"); j >= 0 {
			rest := code[j+len("<<'EOF'\n"):]
			ex.body = rest[:strings.Index(rest, "\nEOF")]
		}
		out = append(out, ex)
	}
	return out
}

// normalise sorts every array so that answers compare whatever the order.
func normalise(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalise(x)
		}
		return v
	case []any:
		keys := make([]string, len(v))
		for i, x := range v {
			v[i] = normalise(x)
			b, _ := json.Marshal(v[i])
			keys[i] = string(b)
		}
		sort.Sort(byKey{v, keys})
		return v
	}
	return v
}

type byKey struct {
	v    []any
	keys []string
}

func (b byKey) Len() int           { return len(b.v) }
func (b byKey) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b byKey) Swap(i, j int) {
	b.v[i], b.v[j] = b.v[j], b.v[i]
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
}

func canonical(t *testing.T, where, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", where, err, s)
	}
	b, _ := json.MarshalIndent(normalise(v), "", "  ")
	return string(b)
}

// TestReadmeExamples runs every curl example in the README against a test
// server and checks it answers what the README shows.
func TestReadmeExamples(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := readmeExamples(t, string(b))
	if len(examples) < 5 {
		t.Fatalf("found %d README examples with shown output, want at least 5", len(examples))
	}
	ts := seedServer(t)
	for _, ex := range examples {
		method := "GET"
		if ex.body != "" {
			method = "POST"
		}
		req, _ := http.NewRequest(method, ts.URL+ex.url, strings.NewReader(ex.body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		where := "README.md:" + strconv.Itoa(ex.line)
		want := canonical(t, where+" (shown)", ex.output)
		have := canonical(t, where+" (served)", string(got))
		if want != have {
			t.Errorf("%s: %s answers\n%s\nbut the README shows\n%s", where, ex.url, have, want)
		}
	}
}

// TestReadmeVisualizeQuery checks the README's picture query tags a source
// and a target in every result, as the UI's Visualize view needs.
func TestReadmeVisualizeQuery(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i := strings.Index(text, "### A picture in the web UI")
	if i < 0 {
		t.Fatal("README has no Visualize example")
	}
	m := reFence.FindStringSubmatch(text[i:])
	if m == nil || m[1] != "js" {
		t.Fatal("the Visualize section has no js block")
	}
	ts := seedServer(t)
	resp, err := http.Post(ts.URL+"/api/v2/query?lang=gizmo", "text/plain", strings.NewReader(m[2]))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct{ Result []map[string]any }
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	if len(r.Result) < 10 {
		t.Fatalf("%d edges, want a picture", len(r.Result))
	}
	for _, e := range r.Result {
		if e["source"] == nil || e["target"] == nil {
			t.Fatalf("result without source and target: %v", e)
		}
	}
}
