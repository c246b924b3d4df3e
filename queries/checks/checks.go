// Package checks runs check files (../shared/corpus/CHECKS-FORMAT.md)
// against a running kg server: each check is a named query asked over HTTP
// with the answer a built graph must give. It is ordinary code, not a test
// file, so that the tests of any package can point it at a server.
package checks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
)

// File is a check file.
type File struct {
	// Documents are the documents the graph under test is built from.
	Documents []string `json:"documents"`
	Checks    []Check  `json:"checks"`
}

// Check is one question and what its answer must hold.
type Check struct {
	ID     string            `json:"id"`
	Query  string            `json:"query"`
	Params map[string]string `json:"params"`
	Expect Expect            `json:"expect"`
}

// Expect is what a check's answer must hold; see CHECKS-FORMAT.md.
type Expect struct {
	// SameAs is a name that must resolve to the same entity as
	// params.name.
	SameAs string `json:"same_as,omitempty"`
	// Types must all be among the first result's types.
	Types []string `json:"types,omitempty"`
	// Contains are fields some one result must match.
	Contains map[string]any `json:"contains,omitempty"`
	// Unknown are expectations this checker does not know; a check with
	// any fails rather than passing on what it understood.
	Unknown []string `json:"-"`
}

// UnmarshalJSON reads an expectation, noting keys it does not know.
func (x *Expect) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	type plain Expect // without this method, so as not to recurse
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*x = Expect(p)
	for k := range raw {
		switch k {
		case "same_as", "types", "contains":
		default:
			x.Unknown = append(x.Unknown, k)
		}
	}
	sort.Strings(x.Unknown)
	return nil
}

// Result is the outcome of one check.
type Result struct {
	ID   string
	Pass bool
	// Why says, for a failed check, what was expected and what came.
	Why string
}

// Score is the outcome of a check file.
type Score struct {
	Results []Result
	Passed  int
	Total   int
}

// Ratio is checks passed over checks, 0 for no checks.
func (s Score) Ratio() float64 {
	if s.Total == 0 {
		return 0
	}
	return float64(s.Passed) / float64(s.Total)
}

// Failed returns the failed checks.
func (s Score) Failed() []Result {
	var out []Result
	for _, r := range s.Results {
		if !r.Pass {
			out = append(out, r)
		}
	}
	return out
}

// Load reads a check file.
func Load(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read check file: %w", err)
	}
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("read check file %s: %w", path, err)
	}
	seen := map[string]bool{}
	for i, c := range f.Checks {
		if c.ID == "" || c.Query == "" {
			return nil, fmt.Errorf("check file %s: check %d lacks an id or a query", path, i+1)
		}
		if seen[c.ID] {
			return nil, fmt.Errorf("check file %s: check id %q is used twice", path, c.ID)
		}
		seen[c.ID] = true
	}
	return &f, nil
}

// Evaluator asks a server the checks' questions. It caches name lookups,
// so one Evaluator serves one goroutine.
type Evaluator struct {
	// BaseURL is the server's address, such as http://127.0.0.1:64210.
	BaseURL string
	// Client defaults to a client with a 30 s timeout.
	Client *http.Client

	names map[string]nameResult
}

type nameResult struct {
	id  string
	err error
}

// Evaluate runs every check of f.
func (e *Evaluator) Evaluate(ctx context.Context, f *File) Score {
	var s Score
	for _, c := range f.Checks {
		r := Result{ID: c.ID, Pass: true}
		if err := e.check(ctx, c); err != nil {
			r.Pass, r.Why = false, err.Error()
		} else {
			s.Passed++
		}
		s.Results = append(s.Results, r)
		s.Total++
	}
	return s
}

// Run evaluates the check file at checkFile against the server at baseURL,
// reports each failed check on t with what was expected and what came, and
// returns the score. It fails t on any failed check; a caller that accepts
// less than all can use Evaluator instead.
func Run(t testing.TB, baseURL, checkFile string) Score {
	t.Helper()
	f, err := Load(checkFile)
	if err != nil {
		t.Fatal(err)
	}
	e := &Evaluator{BaseURL: baseURL}
	s := e.Evaluate(context.Background(), f)
	for _, r := range s.Failed() {
		t.Errorf("check %s: %s", r.ID, r.Why)
	}
	t.Logf("%s: %d of %d checks passed (%.1f%%)", checkFile, s.Passed, s.Total, 100*s.Ratio())
	return s
}

func (e *Evaluator) check(ctx context.Context, c Check) error {
	ex := c.Expect
	if len(ex.Unknown) > 0 {
		return fmt.Errorf("unknown expectation %s (want same_as, types or contains)", strings.Join(ex.Unknown, ", "))
	}
	if ex.SameAs == "" && len(ex.Types) == 0 && ex.Contains == nil {
		return errors.New("the check expects nothing (want same_as, types or contains)")
	}
	results, err := e.ask(ctx, c.Query, c.Params)
	if err != nil {
		return err
	}
	if ex.SameAs != "" {
		name, ok := c.Params["name"]
		if !ok {
			return errors.New("same_as needs params.name")
		}
		got, err := e.resolve(ctx, name)
		if err != nil {
			return fmt.Errorf("same_as: %w", err)
		}
		want, err := e.resolve(ctx, ex.SameAs)
		if err != nil {
			return fmt.Errorf("same_as: %w", err)
		}
		if got != want {
			return fmt.Errorf("same_as: %q resolves to %s, but %q to %s", name, got, ex.SameAs, want)
		}
	}
	if len(ex.Types) > 0 {
		if len(results) == 0 {
			return fmt.Errorf("types: want %v, got no results", ex.Types)
		}
		first, _ := results[0].(map[string]any)
		have := map[string]bool{}
		list, _ := first["types"].([]any)
		for _, t := range list {
			if s, ok := t.(string); ok {
				have[s] = true
			}
		}
		for _, t := range ex.Types {
			if !have[t] {
				return fmt.Errorf("types: want %v among the first result's types, got %v", ex.Types, list)
			}
		}
	}
	if ex.Contains != nil {
		var why []string
		for i, r := range results {
			obj, ok := r.(map[string]any)
			if !ok {
				continue
			}
			err := e.matchObject(ctx, ex.Contains, obj)
			if err == nil {
				return nil
			}
			if i < 5 {
				why = append(why, fmt.Sprintf("result %d: %v", i+1, err))
			}
		}
		want, _ := json.Marshal(ex.Contains)
		if len(results) == 0 {
			return fmt.Errorf("contains: want a result with %s, got no results", want)
		}
		return fmt.Errorf("contains: want a result with %s, got %d results, none matching (%s)", want, len(results), strings.Join(why, "; "))
	}
	return nil
}

// nameFields are the fields whose expected values are names, resolved with
// entity?name= and compared by id.
var nameFields = map[string]bool{
	"person": true, "organization": true, "place": true, "location": true,
	"participants": true, "organizers": true, "parties": true, "partOf": true,
	"subject": true, "object": true, "node": true,
}

func (e *Evaluator) matchObject(ctx context.Context, want, got map[string]any) error {
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		g, ok := got[k]
		if !ok {
			return fmt.Errorf("no field %q", k)
		}
		if err := e.matchField(ctx, k, want[k], g); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	return nil
}

func (e *Evaluator) matchField(ctx context.Context, key string, want, got any) error {
	if nameFields[key] || isNodeValue(got) || isNodeList(got) {
		return e.matchNames(ctx, want, got)
	}
	switch w := want.(type) {
	case nil:
		if got != nil {
			return fmt.Errorf("want null, got %s", show(got))
		}
		return nil
	case string:
		g, ok := got.(string)
		if !ok {
			return fmt.Errorf("want %q, got %s", w, show(got))
		}
		if key == "title" {
			if foldTitle(w) != foldTitle(g) {
				return fmt.Errorf("want %q, got %q", w, g)
			}
			return nil
		}
		if w != g {
			return fmt.Errorf("want %q, got %q", w, g)
		}
		return nil
	case float64:
		g, ok := got.(float64)
		if !ok || math.Abs(g-w) > 1e-9 {
			return fmt.Errorf("want %v, got %s", w, show(got))
		}
		return nil
	case bool:
		if g, ok := got.(bool); !ok || g != w {
			return fmt.Errorf("want %v, got %s", w, show(got))
		}
		return nil
	case []any:
		gl, ok := got.([]any)
		if !ok {
			return fmt.Errorf("want a list, got %s", show(got))
		}
		// Every listed value must be in the answer's list; more is fine.
		for _, wi := range w {
			found := false
			for _, gi := range gl {
				if e.matchField(ctx, key, wi, gi) == nil {
					found = true
					break
				}
			}
			if !found {
				return fmt.Errorf("want %s in the list, got %s", show(wi), show(got))
			}
		}
		return nil
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Errorf("want an object, got %s", show(got))
		}
		return e.matchObject(ctx, w, g)
	}
	return fmt.Errorf("cannot compare with %s", show(want))
}

// matchNames compares expected names with the nodes of an answer: want is
// a name or a list of names, got a node or a list of nodes; every wanted
// name must resolve to the id of one of the nodes.
func (e *Evaluator) matchNames(ctx context.Context, want, got any) error {
	var names []string
	switch w := want.(type) {
	case string:
		names = []string{w}
	case []any:
		for _, x := range w {
			s, ok := x.(string)
			if !ok {
				return fmt.Errorf("want names, got %s in the check", show(x))
			}
			names = append(names, s)
		}
	case nil:
		if got != nil {
			return fmt.Errorf("want null, got %s", show(got))
		}
		return nil
	default:
		return fmt.Errorf("want a name or list of names in the check, got %s", show(want))
	}
	ids := map[string]bool{}
	switch g := got.(type) {
	case map[string]any:
		if id, ok := g["id"].(string); ok {
			ids[id] = true
		}
	case []any:
		for _, x := range g {
			if m, ok := x.(map[string]any); ok {
				if id, ok := m["id"].(string); ok {
					ids[id] = true
				}
			}
		}
	}
	for _, n := range names {
		id, err := e.resolve(ctx, n)
		if err != nil {
			return err
		}
		if !ids[id] {
			return fmt.Errorf("want %q (%s), got %s", n, id, show(got))
		}
	}
	return nil
}

func isNodeValue(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	_, hasID := m["id"]
	return hasID
}

func isNodeList(v any) bool {
	l, ok := v.([]any)
	return ok && len(l) > 0 && isNodeValue(l[0])
}

// foldTitle folds case, hyphens and spacing: "Secretary General" and
// "secretary-general" compare equal.
func foldTitle(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == '-' || r == '\u2010' || r == '\u2013' || unicode.IsSpace(r)
	}), " ")
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 300 {
		return string(b[:300]) + "..."
	}
	return string(b)
}

// resolve returns the id of the first result of entity?name=NAME.
func (e *Evaluator) resolve(ctx context.Context, name string) (string, error) {
	if r, ok := e.names[name]; ok {
		return r.id, r.err
	}
	results, err := e.ask(ctx, "entity", map[string]string{"name": name})
	var id string
	if err == nil {
		if len(results) == 0 {
			err = fmt.Errorf("%q resolves to nothing (entity?name= gave no results)", name)
		} else if m, ok := results[0].(map[string]any); ok {
			id, _ = m["id"].(string)
		}
		if err == nil && id == "" {
			err = fmt.Errorf("%q: the first entity result has no id", name)
		}
	}
	if e.names == nil {
		e.names = map[string]nameResult{}
	}
	e.names[name] = nameResult{id, err}
	return id, err
}

// ask runs a named query over HTTP and returns its results.
func (e *Evaluator) ask(ctx context.Context, query string, params map[string]string) ([]any, error) {
	q := url.Values{}
	for k, v := range params {
		q.Set(k, v)
	}
	u := strings.TrimSuffix(e.BaseURL, "/") + "/api/queries/" + url.PathEscape(query)
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("ask %s: %w", query, err)
	}
	client := e.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("ask %s: %w", query, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("ask %s: read answer: %w", query, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("ask %s %v: HTTP %d: %s", query, params, resp.StatusCode, strings.TrimSpace(string(body)))
	}
	var ans struct {
		Results []any `json:"results"`
	}
	if err := json.Unmarshal(body, &ans); err != nil {
		return nil, fmt.Errorf("ask %s: answer is not JSON: %w", query, err)
	}
	if ans.Results == nil {
		return nil, fmt.Errorf("ask %s: answer has no results list", query)
	}
	return ans.Results, nil
}
