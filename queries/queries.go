// Package queries is the catalogue of named queries: the questions users
// ask most (who is this, what events, which agreements, how are two things
// connected, where was it said), each a parameterised query over the
// knowledge graph built with Cayley's Go path API. Parameter values are
// only ever node values or lookup keys in those paths, never query text, so
// no value can change what a query means.
//
// The HTTP contract is ../shared/spec/named-queries.md; Handler serves it
// and kg ask runs the same queries from the command line.
package queries

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/kgraph/kg/graph"
)

// Limits of the limit, offset and max parameters.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
	DefaultHops  = 4
	MaxHops      = 6
)

// Param describes one parameter of a query.
type Param struct {
	Name        string `json:"name"`
	Required    bool   `json:"required"`
	Description string `json:"description"`
}

// Query describes one named query, as the catalogue lists it.
type Query struct {
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Params      []Param `json:"params"`

	// run answers the query with every result, sorted; paging is applied
	// after, except by queries that page themselves (path).
	run func(r *run, p args) ([]any, error)
	// columns are the result fields a table shows, in order.
	columns []string
	// pages says run applies limit and offset itself, as a walk that can
	// stop early must.
	pages bool
}

// Columns returns the result fields a table of this query's answers shows.
func (q Query) Columns() []string { return q.columns }

// Answer is a query's answer, as served: the query, the parameters it was
// given and its results (never null).
type Answer struct {
	Query   string            `json:"query"`
	Params  map[string]string `json:"params"`
	Results []any             `json:"results"`
}

// ParamError is a missing or bad parameter.
type ParamError struct {
	Query, Param, Reason string
}

func (e *ParamError) Error() string {
	return fmt.Sprintf("%s: parameter %q %s", e.Query, e.Param, e.Reason)
}

// UnknownQueryError is a query name the catalogue does not hold.
type UnknownQueryError struct{ Name string }

func (e *UnknownQueryError) Error() string {
	return fmt.Sprintf("there is no query named %q (GET /api/queries lists them: %s)", e.Name, strings.Join(Names(), ", "))
}

// Engine answers named queries over one store.
type Engine struct {
	st *graph.Store

	mu sync.Mutex
	ix *Index
}

// New returns an engine over st.
func New(st *graph.Store) *Engine {
	return &Engine{st: st}
}

// Index returns the name index, rebuilding it if the store's size changed
// since it was built. The caller holds the store's read lock.
func (e *Engine) Index(ctx context.Context) (*Index, error) {
	size, err := e.st.Version(ctx)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ix != nil && e.ix.size == size {
		return e.ix, nil
	}
	ix, err := BuildIndex(ctx, e.st)
	if err != nil {
		return nil, err
	}
	e.ix = ix
	return ix, nil
}

// Catalogue lists the queries, sorted by name.
func Catalogue() []Query {
	out := make([]Query, 0, len(catalogue))
	for _, q := range catalogue {
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the query called name.
func Lookup(name string) (Query, bool) {
	q, ok := catalogue[name]
	return q, ok
}

// Names lists the query names, sorted.
func Names() []string {
	var out []string
	for _, q := range Catalogue() {
		out = append(out, q.Name)
	}
	return out
}

// Run answers the query called name with params. A bad or missing
// parameter is a *ParamError, an unknown name an *UnknownQueryError, and a
// cancelled or expired ctx its error. The caller holds the store's read
// lock (the HTTP server does; kg ask takes it).
func (e *Engine) Run(ctx context.Context, name string, params map[string]string) (*Answer, error) {
	q, ok := catalogue[name]
	if !ok {
		return nil, &UnknownQueryError{Name: name}
	}
	a, err := parseArgs(q, params)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ix, err := e.Index(ctx)
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", name, err)
	}
	res, err := q.run(&run{ctx: ctx, st: e.st, qs: e.st.QuadStore, ix: ix}, a)
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", name, err)
	}
	if !q.pages {
		res = page(res, a.offset, a.limit)
	}
	if res == nil {
		res = []any{}
	}
	echo := make(map[string]string, len(params))
	for k, v := range params {
		echo[k] = v
	}
	return &Answer{Query: name, Params: echo, Results: res}, nil
}

// IsParamError reports whether err is a bad or missing parameter.
func IsParamError(err error) bool {
	var pe *ParamError
	return errors.As(err, &pe)
}

// IsUnknownQuery reports whether err is an unknown query name.
func IsUnknownQuery(err error) bool {
	var ue *UnknownQueryError
	return errors.As(err, &ue)
}

// args are a query's parsed parameters.
type args struct {
	vals          map[string]string
	limit, offset int
	hops          int
}

func (a *args) get(name string) string { return a.vals[name] }

// paging parameters every query accepts.
var pagingParams = []Param{
	{Name: "limit", Description: fmt.Sprintf("most results to return (default %d, at most %d)", DefaultLimit, MaxLimit)},
	{Name: "offset", Description: "results to skip first (default 0)"},
}

func parseArgs(q Query, params map[string]string) (args, error) {
	a := args{vals: map[string]string{}, limit: DefaultLimit, hops: DefaultHops}
	known := map[string]Param{}
	for _, p := range q.Params {
		known[p.Name] = p
	}
	bad := func(param, format string, v ...any) error {
		return &ParamError{Query: q.Name, Param: param, Reason: fmt.Sprintf(format, v...)}
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := params[k]
		if _, ok := known[k]; !ok {
			var names []string
			for _, p := range q.Params {
				names = append(names, p.Name)
			}
			return a, bad(k, "is unknown: %s takes %s", q.Name, strings.Join(names, ", "))
		}
		switch k {
		case "limit":
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 1 || n > MaxLimit {
				return a, bad(k, "is %q: give a whole number from 1 to %d", v, MaxLimit)
			}
			a.limit = n
		case "offset":
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 0 {
				return a, bad(k, "is %q: give a whole number from 0 up", v)
			}
			a.offset = n
		case "max":
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 1 || n > MaxHops {
				return a, bad(k, "is %q: give a number of hops from 1 to %d", v, MaxHops)
			}
			a.hops = n
		default:
			if strings.TrimSpace(v) == "" {
				if known[k].Required {
					return a, bad(k, "is empty: give %s", known[k].Description)
				}
				continue // an empty optional parameter is as good as none
			}
			a.vals[k] = v
		}
	}
	for _, p := range q.Params {
		if p.Required && a.vals[p.Name] == "" {
			return a, bad(p.Name, "is missing: give %s, as in ?%s=...", p.Description, p.Name)
		}
	}
	return a, nil
}

// page returns the part of res that offset and limit select.
func page(res []any, offset, limit int) []any {
	if offset >= len(res) {
		return []any{}
	}
	res = res[offset:]
	if len(res) > limit {
		res = res[:limit]
	}
	return res
}

// toAny turns a typed result slice into the answer's list.
func toAny[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

const entityDesc = "an entity's canonical name, alias, acronym or IRI (case and punctuation do not matter)"

var catalogue = map[string]Query{}

func init() {
	for _, q := range []Query{
		{
			Name:        "entity",
			Description: "Find the entities a name, alias, acronym or IRI stands for, exact name and alias matches first.",
			Params:      []Param{{Name: "name", Required: true, Description: entityDesc}},
			run:         runEntity,
			columns:     []string{"name", "types", "aliases", "founded", "location", "id"},
		},
		{
			Name:        "relations",
			Description: "Every edge of an entity, outgoing and incoming, with the documents that state it.",
			Params:      []Param{{Name: "entity", Required: true, Description: entityDesc}},
			run:         runRelations,
			columns:     []string{"direction", "predicate", "node", "value", "sources"},
		},
		{
			Name:        "roles",
			Description: "Who holds which post in which organisation, for a person or an organisation.",
			Params:      []Param{{Name: "entity", Required: true, Description: "a person, organisation or post (" + entityDesc + "), or a title such as Secretary-General"}},
			run:         runRoles,
			columns:     []string{"person", "title", "organization"},
		},
		{
			Name:        "events",
			Description: "Events, sorted by start date; with entity, those it took part in, organised, or that took place there.",
			Params:      []Param{{Name: "entity", Description: "optional: " + entityDesc}},
			run:         runEvents,
			columns:     []string{"start", "end", "name", "place", "participants", "organizers", "partOf"},
		},
		{
			Name:        "agreements",
			Description: "Agreements and other documents (plans, strategies, reports) with their date, place and parties; with entity, those it is party to, adopted or published.",
			Params:      []Param{{Name: "entity", Description: "optional: " + entityDesc}},
			run:         runAgreements,
			columns:     []string{"date", "name", "types", "place", "parties"},
		},
		{
			Name:        "timeline",
			Description: "Every dated fact about an entity and the events and documents it is part of, sorted by date.",
			Params:      []Param{{Name: "entity", Required: true, Description: entityDesc}},
			run:         runTimeline,
			columns:     []string{"date", "subject", "predicate", "value", "via"},
		},
		{
			Name:        "path",
			Description: "The shortest connections between two entities, shortest first, following edges in either direction.",
			Params: []Param{
				{Name: "from", Required: true, Description: entityDesc},
				{Name: "to", Required: true, Description: entityDesc},
				{Name: "max", Description: fmt.Sprintf("most hops (default %d, at most %d)", DefaultHops, MaxHops)},
			},
			run:     runPath,
			columns: []string{"hops"},
			pages:   true,
		},
		{
			Name:        "evidence",
			Description: "The document and sentence a fact was stated in.",
			Params: []Param{
				{Name: "subject", Required: true, Description: entityDesc},
				{Name: "predicate", Required: true, Description: "a predicate: IRI, prefixed name (schema:startDate) or local name (startDate)"},
				{Name: "object", Description: "optional: an entity as for subject, or a literal value such as 2019-07-10"},
			},
			run:     runEvidence,
			columns: []string{"document", "start", "end", "object", "value", "sentence"},
		},
	} {
		q.Params = append(q.Params, pagingParams...)
		catalogue[q.Name] = q
	}
}
