package webui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/memlimit"
)

// ShapeTimeout bounds the run of a query whose shape is asked for.
const ShapeTimeout = 10 * time.Second

const maxShapeBytes = 1 << 20

// Shape is a query's shape as the UI's Query Shape view receives it: the
// node sets the query walks through and the quads that join them. The
// field names are those of Cayley's former /api/v1/shape answer, which
// the view was written for; the view prints the answer as JSON.
type Shape struct {
	Nodes []ShapeNode `json:"nodes"`
	Links []ShapeLink `json:"links"`
}

// ShapeNode is one set of nodes in a query.
type ShapeNode struct {
	ID int `json:"id"`
	// Tags are the names the query saves this node under (Tag, Save, As).
	Tags []string `json:"tags,omitempty"`
	// Values are the fixed values the node is limited to (V("<x>"), Is, Has).
	Values []string `json:"values,omitempty"`
	// IsLinkNode marks the predicate of a link.
	IsLinkNode bool `json:"is_link_node"`
	// IsFixed marks a node limited to fixed values.
	IsFixed bool `json:"is_fixed"`
}

// ShapeLink is a quad pattern: Source -LinkNode-> Target.
type ShapeLink struct {
	Source   int `json:"source"`
	Target   int `json:"target"`
	LinkNode int `json:"link_node"`
}

// errNoShape marks a query that runs but has nothing to draw.
var errNoShape = errors.New("no shape")

// ShapeHandler answers POST /api/v1/shape/{lang} with the shape of the
// query in the body. Only Gizmo is shaped. The caller holds the store's
// read lock.
func (u *UI) ShapeHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			writeError(w, http.StatusMethodNotAllowed, errors.New("post the query as the body"))
			return
		}
		lang := strings.TrimPrefix(r.URL.Path, "/api/v1/shape/")
		if lang != gizmo.Name {
			writeError(w, http.StatusBadRequest, fmt.Errorf("Query Shape draws Gizmo queries only, not %q: choose Gizmo", lang))
			return
		}
		b, err := io.ReadAll(io.LimitReader(r.Body, maxShapeBytes+1))
		if err != nil {
			writeError(w, http.StatusBadRequest, fmt.Errorf("read the query: %w", err))
			return
		}
		if len(b) > maxShapeBytes {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Errorf("the query is over %d bytes", maxShapeBytes))
			return
		}
		if strings.TrimSpace(string(b)) == "" {
			writeError(w, http.StatusBadRequest, errors.New("the query is empty"))
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), ShapeTimeout)
		defer cancel()
		s, err := ShapeOf(ctx, u.store.Queryable(), string(b))
		var me *memlimit.Error
		switch {
		case err == nil:
			writeJSON(w, http.StatusOK, s)
		case errors.As(context.Cause(ctx), &me):
			writeError(w, http.StatusServiceUnavailable, me)
		case errors.Is(err, context.DeadlineExceeded):
			writeError(w, http.StatusGatewayTimeout, err)
		case errors.Is(err, errNoShape):
			writeError(w, http.StatusUnprocessableEntity, err)
		default:
			writeError(w, http.StatusBadRequest, err)
		}
	})
}

// ShapeOf returns the shape of the first path a Gizmo query runs.
//
// Gizmo keeps its paths to itself, so the query is run (for one result)
// on a store that records the shape Cayley's optimiser is handed when the
// path is turned into an iterator. That is the shape after Cayley's
// generic rewriting, the one that runs: Has and Out become quad patterns,
// named values become fixed nodes.
func ShapeOf(ctx context.Context, qs graph.QuadStore, text string) (*Shape, error) {
	rec := &recorder{QuadStore: qs}
	it, err := gizmo.NewSession(rec).Execute(ctx, text, query.Options{Limit: 1, Collation: query.JSON})
	if err != nil {
		return nil, fmt.Errorf("gizmo: %w", err)
	}
	for !rec.done() && it.Next(ctx) {
	}
	err = it.Err()
	it.Close()
	if err != nil && !rec.done() {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("shape: %w", ctx.Err())
		}
		return nil, fmt.Errorf("gizmo: %w", err)
	}
	root := rec.root()
	if root == nil {
		return nil, fmt.Errorf("%w: the query walks no path (a path ends in .All(), .ToArray(), .ForEach() or the like)", errNoShape)
	}
	if shape.IsNull(root) {
		return nil, fmt.Errorf("%w: the query can match nothing (it names a value the graph does not have), so its shape is empty", errNoShape)
	}
	b := &shaper{qs: qs}
	if _, err := b.node(root); err != nil {
		return nil, err
	}
	return b.result(), nil
}

// recorder is a quad store that notes the shapes given to its optimiser
// until the first path starts to run, then passes everything through.
// Cayley optimises a shape bottom-up and the root last, so the last shape
// noted is the whole first path.
type recorder struct {
	graph.QuadStore
	mu     sync.Mutex
	shapes []shape.Shape
	frozen bool
}

// OptimizeShape implements shape.Optimizer: it notes s and leaves it be.
// The wrapped store's own optimiser is not called, so that the shape stays
// in Cayley's generic terms.
func (r *recorder) OptimizeShape(_ context.Context, s shape.Shape) (shape.Shape, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.frozen {
		r.shapes = append(r.shapes, s)
	}
	return s, false
}

// freeze stops noting once a path has been optimised and the store is
// used for something else: the path is running.
func (r *recorder) freeze() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.shapes) > 0 {
		r.frozen = true
	}
}

func (r *recorder) done() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.frozen
}

func (r *recorder) root() shape.Shape {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.shapes) == 0 {
		return nil
	}
	return r.shapes[len(r.shapes)-1]
}

func (r *recorder) ValueOf(v quad.Value) (graph.Ref, error) {
	r.freeze()
	return r.QuadStore.ValueOf(v)
}

func (r *recorder) NameOf(v graph.Ref) (quad.Value, error) {
	r.freeze()
	return r.QuadStore.NameOf(v)
}

func (r *recorder) Quad(v graph.Ref) (quad.Quad, error) {
	r.freeze()
	return r.QuadStore.Quad(v)
}

func (r *recorder) QuadIterator(d quad.Direction, v graph.Ref) iterator.Shape {
	r.freeze()
	return r.QuadStore.QuadIterator(d, v)
}

func (r *recorder) QuadIteratorSize(ctx context.Context, d quad.Direction, v graph.Ref) (refs.Size, error) {
	r.freeze()
	return r.QuadStore.QuadIteratorSize(ctx, d, v)
}

func (r *recorder) QuadDirection(id graph.Ref, d quad.Direction) (graph.Ref, error) {
	r.freeze()
	return r.QuadStore.QuadDirection(id, d)
}

func (r *recorder) NodesAllIterator() iterator.Shape {
	r.freeze()
	return r.QuadStore.NodesAllIterator()
}

func (r *recorder) QuadsAllIterator() iterator.Shape {
	r.freeze()
	return r.QuadStore.QuadsAllIterator()
}

// shaper turns a shape tree into nodes and links. Shapes that constrain
// the same node set (Intersect, a quad pattern's result) are merged with
// a union-find.
type shaper struct {
	qs     graph.QuadStore
	nodes  []*ShapeNode
	parent []int
	links  []ShapeLink
}

func (b *shaper) newNode() int {
	id := len(b.nodes)
	b.nodes = append(b.nodes, &ShapeNode{ID: id})
	b.parent = append(b.parent, id)
	return id
}

func (b *shaper) find(i int) int {
	for b.parent[i] != i {
		b.parent[i] = b.parent[b.parent[i]]
		i = b.parent[i]
	}
	return i
}

// merge makes a and c one node set and returns it.
func (b *shaper) merge(a, c int) int {
	a, c = b.find(a), b.find(c)
	if a == c {
		return a
	}
	if c < a {
		a, c = c, a
	}
	b.parent[c] = a
	na, nc := b.nodes[a], b.nodes[c]
	na.Tags = append(na.Tags, nc.Tags...)
	na.Values = append(na.Values, nc.Values...)
	na.IsFixed = na.IsFixed || nc.IsFixed
	na.IsLinkNode = na.IsLinkNode || nc.IsLinkNode
	return a
}

func (b *shaper) name(r graph.Ref) string {
	v, err := b.qs.NameOf(r)
	if err != nil || v == nil {
		return fmt.Sprint(r.Key())
	}
	return quad.StringOf(v)
}

func (b *shaper) fixed(vals []string) int {
	id := b.newNode()
	b.nodes[id].Values = vals
	b.nodes[id].IsFixed = true
	return id
}

// node returns the node set a node-valued shape stands for.
func (b *shaper) node(s shape.Shape) (int, error) {
	switch s := s.(type) {
	case nil, shape.AllNodes:
		return b.newNode(), nil
	case shape.Null:
		return b.fixed(nil), nil
	case shape.Fixed:
		vals := make([]string, len(s))
		for i, r := range s {
			vals[i] = b.name(r)
		}
		return b.fixed(vals), nil
	case shape.Lookup:
		vals := make([]string, len(s))
		for i, v := range s {
			vals[i] = quad.StringOf(v)
		}
		return b.fixed(vals), nil
	case shape.Save:
		id, err := b.node(s.From)
		if err != nil {
			return 0, err
		}
		n := b.nodes[b.find(id)]
		n.Tags = append(n.Tags, s.Tags...)
		return id, nil
	case shape.FixedTags:
		// Tags whose value the optimiser already knows: each is a fixed
		// node of its own, as the query saved it from one.
		id, err := b.node(s.On)
		if err != nil {
			return 0, err
		}
		for t, r := range s.Tags {
			f := b.fixed([]string{b.name(r)})
			b.nodes[f].Tags = []string{t}
		}
		return id, nil
	case shape.Intersect:
		return b.all(s)
	case shape.IntersectOpt:
		return b.all(append(append([]shape.Shape{}, s.Sub...), s.Opt...))
	case shape.Union:
		// Either branch gives the same set of results: draw them as one.
		return b.all(s)
	case shape.Page:
		return b.node(s.From)
	case shape.Unique:
		return b.node(s.From)
	case shape.Sort:
		return b.node(s.From)
	case shape.Filter:
		return b.node(s.From)
	case shape.Except:
		return b.node(s.From)
	case shape.Materialize:
		return b.node(s.Values)
	case shape.Count:
		return b.node(s.Values)
	case shape.NodesFrom:
		dirs, err := b.quads(s.Quads)
		if err != nil {
			return 0, err
		}
		return dirs[s.Dir], nil
	case shape.QuadsAction:
		dirs := b.link(nil)
		for d, r := range s.Filter {
			if id, ok := dirs[d]; ok {
				n := b.nodes[b.find(id)]
				n.Values = append(n.Values, b.name(r))
				n.IsFixed = true
			}
		}
		for d, tags := range s.Save {
			if id, ok := dirs[d]; ok {
				n := b.nodes[b.find(id)]
				n.Tags = append(n.Tags, tags...)
			}
		}
		return dirs[s.Result], nil
	default:
		return 0, fmt.Errorf("%w: Cayley turned the query into a %T, which Query Shape cannot draw", errNoShape, s)
	}
}

// all merges the node sets of shapes that all constrain one node.
func (b *shaper) all(ss []shape.Shape) (int, error) {
	if len(ss) == 0 {
		return b.newNode(), nil
	}
	id, err := b.node(ss[0])
	if err != nil {
		return 0, err
	}
	for _, s := range ss[1:] {
		o, err := b.node(s)
		if err != nil {
			return 0, err
		}
		id = b.merge(id, o)
	}
	return id, nil
}

// link adds a quad pattern: a subject, object and predicate node and
// the link between them, merging the ones given.
func (b *shaper) link(given map[quad.Direction]int) map[quad.Direction]int {
	dirs := map[quad.Direction]int{}
	for _, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object} {
		if id, ok := given[d]; ok {
			dirs[d] = id
		} else {
			dirs[d] = b.newNode()
		}
	}
	b.nodes[b.find(dirs[quad.Predicate])].IsLinkNode = true
	b.links = append(b.links, ShapeLink{Source: dirs[quad.Subject], Target: dirs[quad.Object], LinkNode: dirs[quad.Predicate]})
	return dirs
}

// quads returns the node sets on each direction of a quad-valued shape.
func (b *shaper) quads(s shape.Shape) (map[quad.Direction]int, error) {
	switch s := s.(type) {
	case shape.Quads:
		given := map[quad.Direction]int{}
		for _, f := range s {
			if f.Dir == quad.Label {
				continue // the named graph is not drawn
			}
			id, err := b.node(f.Values)
			if err != nil {
				return nil, err
			}
			if old, ok := given[f.Dir]; ok {
				id = b.merge(old, id)
			}
			given[f.Dir] = id
		}
		return b.link(given), nil
	case shape.Intersect:
		var dirs map[quad.Direction]int
		for _, q := range s {
			d, err := b.quads(q)
			if err != nil {
				return nil, err
			}
			if dirs == nil {
				dirs = d
				continue
			}
			for k, v := range d {
				dirs[k] = b.merge(dirs[k], v)
			}
		}
		if dirs == nil {
			dirs = b.link(nil)
		}
		return dirs, nil
	default:
		return nil, fmt.Errorf("%w: Cayley turned the query into quads of a %T, which Query Shape cannot draw", errNoShape, s)
	}
}

// result numbers the merged node sets from 0 and points the links at them.
func (b *shaper) result() *Shape {
	ids := map[int]int{}
	out := &Shape{Nodes: []ShapeNode{}, Links: []ShapeLink{}}
	for i := range b.nodes {
		if b.find(i) != i {
			continue
		}
		n := *b.nodes[i]
		n.ID = len(out.Nodes)
		n.Tags = uniq(n.Tags)
		n.Values = uniq(n.Values)
		ids[i] = n.ID
		out.Nodes = append(out.Nodes, n)
	}
	seen := map[ShapeLink]bool{}
	for _, l := range b.links {
		l = ShapeLink{Source: ids[b.find(l.Source)], Target: ids[b.find(l.Target)], LinkNode: ids[b.find(l.LinkNode)]}
		if !seen[l] {
			seen[l] = true
			out.Links = append(out.Links, l)
		}
	}
	return out
}

func uniq(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	sort.Strings(s)
	out := s[:1]
	for _, v := range s[1:] {
		if v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}
