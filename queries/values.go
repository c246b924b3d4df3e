package queries

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	kgraph "github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/vocab"
)

// Node is a node in an answer: its IRI and canonical name.
type Node struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// eachTag runs p and calls fn with the tagged values of each result. Unlike
// Cayley's TagValues it stops at fn's first error, and it reports a
// cancelled context, which Cayley's iteration only stops at silently.
func eachTag(ctx context.Context, qs graph.QuadStore, p *path.Path, fn func(map[string]quad.Value) error) error {
	err := p.Iterate(ctx).TagEach(func(m map[string]refs.Ref) error {
		vm := make(map[string]quad.Value, len(m))
		for k, r := range m {
			v, err := qs.NameOf(r)
			if err != nil {
				return fmt.Errorf("read node: %w", err)
			}
			vm[k] = v
		}
		return fn(vm)
	})
	if err != nil {
		return err
	}
	return ctx.Err()
}

// eachValue runs p and calls fn with each node it reaches.
func eachValue(ctx context.Context, qs graph.QuadStore, p *path.Path, fn func(quad.Value) error) error {
	if err := p.Iterate(ctx).EachValue(qs, fn); err != nil {
		return err
	}
	return ctx.Err()
}

// run is one query's view of the store: its context, the store and the
// name index.
type run struct {
	ctx context.Context
	st  *kgraph.Store
	qs  graph.QuadStore // st's
	ix  *Index
}

// values returns the distinct nodes p reaches, in the order met.
func (r *run) values(p *path.Path) ([]quad.Value, error) {
	var out []quad.Value
	seen := map[quad.Value]bool{}
	err := eachValue(r.ctx, r.qs, p, func(v quad.Value) error {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// predicatesOf returns the predicates of the edges out of the nodes, or
// into them when in is set. Walks that follow every predicate name them
// from this list: a walk along "any predicate" with a tag would make
// Cayley scan all nodes, and its memory store's scan of all nodes is not
// safe for concurrent readers.
func (r *run) predicatesOf(nodes []quad.Value, in bool) ([]quad.Value, error) {
	p := path.StartPath(r.qs, nodes...)
	if in {
		return r.values(p.InPredicates())
	}
	return r.values(p.OutPredicates())
}

// labelsOf returns the labels of the quads touching the nodes, for the
// same reason as predicatesOf.
func (r *run) labelsOf(nodes []quad.Value) ([]quad.Value, error) {
	return r.values(path.StartPath(r.qs, nodes...).Labels())
}

// quadsOf calls fn with each quad whose direction d is one of vs, read
// through the store's index on d. Walks that tag the predicate they follow, or
// that carry a label context, make Cayley scan every quad in the store
// instead: seconds a request at a hundred thousand quads. The quads'
// values are read in one batch, not a store transaction each.
func (r *run) quadsOf(d quad.Direction, fn func(quad.Quad) error, vs ...quad.Value) error {
	dirs := [4]quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label}
	var raw [][4]graph.Ref
	index := map[any]int{}
	var need []graph.Ref
	read := func(ref graph.Ref) error {
		qs, _, err := r.st.QuadsOf(r.ctx, d, ref, 0)
		if err != nil {
			return fmt.Errorf("read quads: %w", err)
		}
		for _, q := range qs {
			for _, x := range q {
				if x == nil {
					continue
				}
				if _, ok := index[refs.ToKey(x)]; !ok {
					index[refs.ToKey(x)] = len(need)
					need = append(need, x)
				}
			}
		}
		raw = append(raw, qs...)
		return nil
	}
	for _, v := range vs {
		ref, err := r.qs.ValueOf(v)
		if err != nil {
			return fmt.Errorf("read node: %w", err)
		}
		if ref == nil {
			continue
		}
		if err := read(ref); err != nil {
			return err
		}
	}
	if len(raw) == 0 {
		return r.ctx.Err()
	}
	vals, err := r.st.ValuesOf(r.ctx, need)
	if err != nil {
		return fmt.Errorf("read nodes: %w", err)
	}
	for _, q := range raw {
		var out quad.Quad
		for i, ref := range q {
			if ref != nil {
				out.Set(dirs[i], vals[index[refs.ToKey(ref)]])
			}
		}
		if err := fn(out); err != nil {
			return err
		}
	}
	return r.ctx.Err()
}

// inOfType returns the subjects of v's edges in along preds that have one
// of the classes, in the order read, repeats included. The types come from
// the index: as a Cayley path, the type check makes the SQL stores list
// every node of the class, a third of a second at a million quads.
func (r *run) inOfType(v quad.Value, preds []quad.IRI, classes ...quad.IRI) ([]quad.Value, error) {
	var out []quad.Value
	err := r.quadsOf(quad.Object, func(q quad.Quad) error {
		if !slices.Contains(preds, iriOf(q.Predicate)) {
			return nil
		}
		ts := r.ix.Types(q.Subject)
		if slices.ContainsFunc(classes, func(c quad.IRI) bool { return hasType(ts, c) }) {
			out = append(out, q.Subject)
		}
		return nil
	}, v)
	return out, err
}

// iriOf returns v as an IRI, or "" if it is not one.
func iriOf(v quad.Value) quad.IRI {
	iri, _ := v.(quad.IRI)
	return iri
}

// out returns the objects of v's edges along the predicates.
func (r *run) out(v quad.Value, preds ...quad.IRI) ([]quad.Value, error) {
	return r.values(path.StartPath(r.qs, v).Out(iris(preds)...))
}

// in returns the subjects of edges to v along the predicates.
func (r *run) in(v quad.Value, preds ...quad.IRI) ([]quad.Value, error) {
	return r.values(path.StartPath(r.qs, v).In(iris(preds)...))
}

// ofTypes returns every node with one of the classes.
func (r *run) ofTypes(classes ...quad.IRI) ([]quad.Value, error) {
	start := make([]quad.Value, len(classes))
	for i, c := range classes {
		start[i] = c
	}
	return r.values(path.StartPath(r.qs, start...).In(vocab.Type))
}

// node describes v for an answer.
func (r *run) node(v quad.Value) Node {
	return Node{ID: iriText(v), Name: r.ix.Name(v)}
}

// nodes describes vs, sorted by name, leaving out literals.
func (r *run) nodes(vs []quad.Value) []Node {
	out := []Node{}
	for _, v := range vs {
		if isNode(v) {
			out = append(out, r.node(v))
		}
	}
	sortNodes(out)
	return out
}

// firstNode returns the first node of vs by name, or nil.
func (r *run) firstNode(vs []quad.Value) *Node {
	ns := r.nodes(vs)
	if len(ns) == 0 {
		return nil
	}
	return &ns[0]
}

// date returns the earliest date v has along pred, or nil.
func (r *run) date(v quad.Value, pred quad.IRI) (*string, error) {
	vs, err := r.out(v, pred)
	if err != nil {
		return nil, err
	}
	return earliest(vs), nil
}

// earliest returns the earliest of the dates among vs, nil if none is.
func earliest(vs []quad.Value) *string {
	var best *string
	for _, x := range vs {
		if d, ok := vocab.IsDate(x); ok && (best == nil || d < *best) {
			best = &d
		}
	}
	return best
}

// outs returns the objects of all the edges of vs, by node and
// predicate: one read of the store where asking node by node and
// predicate by predicate takes one each.
func (r *run) outs(vs ...quad.Value) (map[quad.Value]map[quad.IRI][]quad.Value, error) {
	out := map[quad.Value]map[quad.IRI][]quad.Value{}
	err := r.quadsOf(quad.Subject, func(q quad.Quad) error {
		m := out[q.Subject]
		if m == nil {
			m = map[quad.IRI][]quad.Value{}
			out[q.Subject] = m
		}
		p := iriOf(q.Predicate)
		if !slices.Contains(m[p], q.Object) {
			m[p] = append(m[p], q.Object)
		}
		return nil
	}, vs...)
	return out, err
}

// typeNames returns the local names of v's classes, sorted.
func (r *run) typeNames(v quad.Value) []string {
	out := []string{}
	for _, t := range r.ix.Types(v) {
		out = append(out, vocab.LocalName(t))
	}
	sort.Strings(out)
	return out
}

// resolve returns the best node an entity parameter names, or nil.
func (r *run) resolve(s string) quad.Value {
	if vs := r.ix.Resolve(s); len(vs) > 0 {
		return vs[0]
	}
	// An IRI the index does not hold (a node with neither name nor type)
	// still names a node if the store has it.
	if iri, ok := asIRI(s); ok {
		if ref, err := r.qs.ValueOf(quad.IRI(iri)); err == nil && ref != nil {
			return quad.IRI(iri)
		}
	}
	return nil
}

func sortNodes(ns []Node) {
	sort.Slice(ns, func(i, j int) bool {
		if ns[i].Name != ns[j].Name {
			return ns[i].Name < ns[j].Name
		}
		return ns[i].ID < ns[j].ID
	})
}

func iris(ps []quad.IRI) []interface{} {
	out := make([]interface{}, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}

func anys(vs []quad.Value) []interface{} {
	out := make([]interface{}, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// isNode reports whether v is a node (IRI or blank node) rather than a
// literal.
func isNode(v quad.Value) bool {
	switch v.(type) {
	case quad.IRI, quad.BNode:
		return true
	}
	return false
}

// iriText is a node's IRI without angle brackets.
func iriText(v quad.Value) string {
	switch x := v.(type) {
	case quad.IRI:
		return string(x)
	case quad.BNode:
		return x.String()
	case nil:
		return ""
	}
	return v.String()
}

// literalText is a literal's value as plain text: a date as its ISO 8601
// string, a string without quotes or language tag.
func literalText(v quad.Value) string {
	if d, ok := vocab.IsDate(v); ok {
		return d
	}
	switch x := v.(type) {
	case quad.String:
		return string(x)
	case quad.LangString:
		return string(x.Value)
	case quad.TypedString:
		return string(x.Value)
	case quad.Int:
		return strconv.FormatInt(int64(x), 10)
	case quad.IRI:
		return string(x)
	case nil:
		return ""
	}
	return fmt.Sprint(quad.NativeOf(v))
}

// intValue reads an integer literal.
func intValue(v quad.Value) (int64, bool) {
	switch x := v.(type) {
	case quad.Int:
		return int64(x), true
	case quad.TypedString:
		n, err := strconv.ParseInt(string(x.Value), 10, 64)
		return n, err == nil
	}
	return 0, false
}
