package queries

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/vocab"
)

// Hop is one edge of a connection, in the direction it is stored.
type Hop struct {
	Subject   Node   `json:"subject"`
	Predicate string `json:"predicate"`
	Object    Node   `json:"object"`
}

// Connection is a result of the path query.
type Connection struct {
	Hops []Hop `json:"hops"`
}

// edge is an edge seen from one of its ends: the stored quad and the node
// at the other end.
type edge struct {
	s, p, o quad.Value
	other   quad.Value
	out     bool
}

// reversed returns the edge as seen from its other end, at.
func (e edge) reversed(at quad.Value) edge {
	e.other, e.out = at, !e.out
	return e
}

// walker finds connections between entities; it caches each node's edges
// so that a node is read from the store once per query.
type walker struct {
	*run
	adj map[quad.Value][]edge
	// vals and refs map the store's node references to values and back,
	// for the nodes read so far.
	vals map[any]quad.Value
	refs map[quad.Value]graph.Ref
}

func newWalker(r *run) *walker {
	return &walker{run: r, adj: map[quad.Value][]edge{}, vals: map[any]quad.Value{}, refs: map[quad.Value]graph.Ref{}}
}

// refOf returns the store's reference for a node, or nil if it has none.
func (w *walker) refOf(v quad.Value) (graph.Ref, error) {
	if r, ok := w.refs[v]; ok {
		return r, nil
	}
	r, err := w.qs.ValueOf(v)
	if err == nil && r != nil {
		w.refs[v] = r
	}
	return r, err
}

// expand reads the edges of the nodes not yet read, both ways, leaving out
// types, literals and provenance: connections go through entities.
func (w *walker) expand(nodes []quad.Value) error {
	var todo []quad.Value
	for _, n := range nodes {
		if _, ok := w.adj[n]; !ok {
			todo = append(todo, n)
			w.adj[n] = []edge{}
		}
	}
	if len(todo) == 0 {
		return nil
	}
	type key struct {
		s, p, o quad.Value
		out     bool
	}
	// The same quad under two labels is one edge.
	seen := map[key]bool{}
	add := func(m map[string]quad.Value, out bool) error {
		s, p, o := m["s"], m["p"], m["o"]
		if p == vocab.Type || s == o || !isNode(s) || !isNode(o) || w.ix.IsProvenance(s) || w.ix.IsProvenance(o) {
			return nil
		}
		k := key{s, p, o, out}
		if seen[k] {
			return nil
		}
		seen[k] = true
		from, other := s, o
		if !out {
			from, other = o, s
		}
		w.adj[from] = append(w.adj[from], edge{s: s, p: p, o: o, other: other, out: out})
		return nil
	}
	// Each node's edges come straight from the store's subject and object
	// indexes, as node references; their values are then read in one batch.
	// A path from many nodes at once makes Cayley scan whole predicate
	// indexes, and reading each quad's values on its own costs a store
	// transaction a quad: on a large graph either costs seconds a step.
	type rawEdge struct {
		s, p, o graph.Ref
		out     bool
	}
	var raw []rawEdge
	var need []graph.Ref
	want := func(r graph.Ref) {
		if _, ok := w.vals[refs.ToKey(r)]; !ok {
			w.vals[refs.ToKey(r)] = nil
			need = append(need, r)
		}
	}
	for _, n := range todo {
		ref, err := w.refOf(n)
		if err != nil {
			return err
		}
		if ref == nil {
			continue
		}
		for _, out := range []bool{true, false} {
			dir := quad.Subject
			if !out {
				dir = quad.Object
			}
			qs, ok, err := w.st.QuadsOf(w.ctx, dir, ref, hubEdges)
			if err != nil {
				return err
			}
			if !ok {
				continue // a hub, that way
			}
			for _, q := range qs {
				e := rawEdge{s: q[0], p: q[1], o: q[2], out: out}
				want(e.s)
				want(e.p)
				want(e.o)
				raw = append(raw, e)
			}
		}
	}
	if len(need) > 0 {
		vals, err := w.st.ValuesOf(w.ctx, need)
		if err != nil {
			return err
		}
		for i, r := range need {
			w.vals[refs.ToKey(r)] = vals[i]
			if vals[i] != nil {
				w.refs[vals[i]] = r
			}
		}
	}
	for _, e := range raw {
		add(map[string]quad.Value{
			"s": w.vals[refs.ToKey(e.s)],
			"p": w.vals[refs.ToKey(e.p)],
			"o": w.vals[refs.ToKey(e.o)],
		}, e.out)
	}
	return nil
}

// sorted returns edges in a fixed order, by predicate and then by the
// node at the other end, so that connections come in a fixed order. The
// search itself does not need the order; only the listing does, and it
// follows few of a hub's edges, so only those are sorted.
func (w *walker) sorted(es []edge) []edge {
	type keyed struct {
		e              edge
		pred, name, id string
	}
	ks := make([]keyed, len(es))
	for i, e := range es {
		ks[i] = keyed{e, iriText(e.p), w.ix.Name(e.other), iriText(e.other)}
	}
	sort.Slice(ks, func(i, j int) bool {
		x, y := ks[i], ks[j]
		if x.pred != y.pred {
			return x.pred < y.pred
		}
		if x.name != y.name {
			return x.name < y.name
		}
		if x.id != y.id {
			return x.id < y.id
		}
		return x.e.out && !y.e.out
	})
	out := make([]edge, len(ks))
	for i, k := range ks {
		out[i] = k.e
	}
	return out
}

// hubEdges bounds the edges a node may have, in one direction, for a
// connection to go through it that way: a city where thousands of events
// were held links them all, but says little about how two of them connect,
// and reading its edges would cost more than the rest of the search.
const hubEdges = 20000

// pathBudget bounds how many nodes a query may have read before it looks
// for connections longer than the shortest: around hubs (a city, a large organisation) the
// number of longer connections grows too fast to list them all.
const pathBudget = 1000

func runPath(r *run, a args) ([]any, error) {
	from, to := r.resolve(a.get("from")), r.resolve(a.get("to"))
	if from == nil || to == nil || from == to {
		return nil, nil
	}
	w := newWalker(r)
	want := a.offset + a.limit
	found, shortest, err := w.shortestConnections(from, to, a.hops, want)
	if err != nil || shortest < 0 {
		return nil, err
	}
	if len(found) < want && shortest < a.hops {
		longer, err := w.longerConnections(from, to, shortest+1, a.hops, want-len(found))
		if err != nil {
			return nil, err
		}
		found = append(found, longer...)
	}
	return page(found, a.offset, a.limit), nil
}

// shortestConnections finds every shortest connection from one node to
// another, up to max hops, with a search from both ends that meets in the
// middle: the nodes it reads grow with the square root of what a search
// from one end reads. It returns the connections, sorted, and their length,
// or -1 when the two are not connected within max hops.
func (w *walker) shortestConnections(from, to quad.Value, maxHops, want int) ([]any, int, error) {
	distF := map[quad.Value]int{from: 0}
	distT := map[quad.Value]int{to: 0}
	// back holds, for each node a side reached, its edges to the nodes
	// one step nearer that side's end: listing the connections follows
	// them, without reading the edges of the nodes where the sides met.
	backF, backT := map[quad.Value][]edge{}, map[quad.Value][]edge{}
	frontF, frontT := []quad.Value{from}, []quad.Value{to}
	depthF, depthT := 0, 0
	length, cut := -1, 0
	for depthF+depthT < maxHops && length < 0 && len(frontF) > 0 && len(frontT) > 0 {
		fromSide := len(frontF) <= len(frontT)
		dist, other, front, depth, back := distF, distT, &frontF, &depthF, backF
		if !fromSide {
			dist, other, front, depth, back = distT, distF, &frontT, &depthT, backT
		}
		if err := w.expand(*front); err != nil {
			return nil, 0, err
		}
		var next []quad.Value
		for _, n := range *front {
			for _, e := range w.adj[n] {
				if d, ok := dist[e.other]; ok {
					if d == *depth+1 {
						back[e.other] = append(back[e.other], e.reversed(n))
					}
					continue
				}
				dist[e.other] = *depth + 1
				back[e.other] = append(back[e.other], e.reversed(n))
				next = append(next, e.other)
				if od, ok := other[e.other]; ok && (length < 0 || *depth+1+od < length) {
					length = *depth + 1 + od
				}
			}
		}
		*front = next
		*depth++
		if length >= 0 {
			// Every shortest connection passes a node at this many hops
			// from the start whose distances to both ends are known.
			cut = depthF
			if !fromSide {
				cut = length - depthT
			}
		}
	}
	if length < 0 {
		return nil, -1, nil
	}
	var middle []quad.Value
	for n, d := range distF {
		if d == cut && distT[n] == length-cut {
			if _, ok := distT[n]; ok {
				middle = append(middle, n)
			}
		}
	}
	sort.Slice(middle, func(i, j int) bool { return w.ix.less(middle[i], middle[j]) })
	// Enough to sort and page; past this, more of the same length would
	// not be read anyway.
	limit := max(want, 100) * 10
	var found [][]Hop
	for _, m := range middle {
		heads, err := w.halves(m, from, backF, true, limit)
		if err != nil {
			return nil, 0, err
		}
		tails, err := w.halves(m, to, backT, false, limit)
		if err != nil {
			return nil, 0, err
		}
		for _, h := range heads {
			for _, t := range tails {
				if len(found) >= limit {
					break
				}
				found = append(found, append(append([]Hop(nil), h...), t...))
			}
		}
	}
	keys := make([]string, len(found))
	for i, hops := range found {
		keys[i] = w.connectionKey(from, hops)
	}
	sort.Sort(byKey{found, keys})
	out := make([]any, len(found))
	for i, hops := range found {
		out[i] = Connection{Hops: hops}
	}
	return out, length, nil
}

// halves lists the shortest connections between m and end (end first
// when toward is true: end ... m; else m ... end), following the edges
// back toward end that the search recorded.
func (w *walker) halves(m, end quad.Value, back map[quad.Value][]edge, toward bool, limit int) ([][]Hop, error) {
	if m == end {
		return [][]Hop{nil}, nil
	}
	if err := w.ctx.Err(); err != nil {
		return nil, err
	}
	var out [][]Hop
	for _, e := range w.sorted(back[m]) {
		rest, err := w.halves(e.other, end, back, toward, limit)
		if err != nil {
			return nil, err
		}
		hop := Hop{Subject: w.node(e.s), Predicate: iriText(e.p), Object: w.node(e.o)}
		for _, r := range rest {
			if len(out) >= limit {
				return out, nil
			}
			if toward {
				out = append(out, append(append([]Hop(nil), r...), hop))
			} else {
				out = append(out, append([]Hop{hop}, r...))
			}
		}
	}
	return out, nil
}

// connectionKey orders connections as a walk from the start that takes
// edges by predicate, then by the name of the node they lead to.
func (w *walker) connectionKey(from quad.Value, hops []Hop) string {
	var b strings.Builder
	at := iriText(from)
	for _, h := range hops {
		next := h.Object
		if h.Object.ID == at {
			next = h.Subject
		}
		b.WriteString(h.Predicate)
		b.WriteByte(0)
		b.WriteString(next.Name)
		b.WriteByte(0)
		b.WriteString(next.ID)
		b.WriteByte(1)
		at = next.ID
	}
	return b.String()
}

type byKey struct {
	v    [][]Hop
	keys []string
}

func (b byKey) Len() int           { return len(b.v) }
func (b byKey) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b byKey) Swap(i, j int) {
	b.v[i], b.v[j] = b.v[j], b.v[i]
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
}

// longerConnections lists connections of min to max hops, walking from the
// start, while the part of the graph within max hops of the end is small
// enough to map (pathBudget nodes); around hubs it gives up and returns none.
func (w *walker) longerConnections(from, to quad.Value, minHops, maxHops, want int) ([]any, error) {
	dist := map[quad.Value]int{to: 0}
	frontier := []quad.Value{to}
	for d := 0; d < maxHops && len(frontier) > 0; d++ {
		if len(w.adj)+len(frontier) > pathBudget {
			return nil, nil
		}
		if err := w.expand(frontier); err != nil {
			return nil, err
		}
		var next []quad.Value
		for _, n := range frontier {
			for _, e := range w.adj[n] {
				if _, ok := dist[e.other]; !ok {
					dist[e.other] = d + 1
					next = append(next, e.other)
				}
			}
		}
		frontier = next
	}
	var found []any
	onPath := map[quad.Value]bool{from: true}
	var hops []Hop
	var walk func(cur quad.Value, left int) error
	walk = func(cur quad.Value, left int) error {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		if left == 0 {
			if cur == to {
				found = append(found, Connection{Hops: append([]Hop(nil), hops...)})
			}
			return nil
		}
		if err := w.expand([]quad.Value{cur}); err != nil {
			return err
		}
		var next []edge
		for _, e := range w.adj[cur] {
			if d, ok := dist[e.other]; ok && d <= left-1 && !(e.other == to && left > 1) {
				next = append(next, e)
			}
		}
		for _, e := range w.sorted(next) {
			if len(found) >= want {
				return nil
			}
			if onPath[e.other] {
				continue
			}
			onPath[e.other] = true
			hops = append(hops, Hop{Subject: w.node(e.s), Predicate: iriText(e.p), Object: w.node(e.o)})
			err := walk(e.other, left-1)
			hops = hops[:len(hops)-1]
			delete(onPath, e.other)
			if err != nil {
				return err
			}
		}
		return nil
	}
	for n := minHops; n <= maxHops && len(found) < want; n++ {
		if err := walk(from, n); err != nil {
			return nil, err
		}
	}
	return found, nil
}

// Evidence is a result of the evidence query: where a fact was stated.
type Evidence struct {
	// Document is the name of the source document.
	Document string `json:"document"`
	// Sentence is the sentence's text; nil when the fact is recorded
	// against the whole document.
	Sentence *string `json:"sentence"`
	// Start and End are the sentence's byte span in the document, end
	// exclusive.
	Start *int64 `json:"start"`
	End   *int64 `json:"end"`
	// Source is the IRI of the source document.
	Source string `json:"source"`
	// Object or Value is the object of the fact found (useful when the
	// object parameter is left out).
	Object *Node   `json:"object"`
	Value  *string `json:"value"`
}

// predicates are the vocabulary's properties, by lower-case local name,
// for evidence's predicate parameter.
var predicates = func() map[string]quad.IRI {
	m := map[string]quad.IRI{}
	for _, p := range []quad.IRI{
		vocab.Type, vocab.Comment, vocab.Name, vocab.AlternateName, vocab.Description,
		vocab.JobTitle, vocab.WorksFor, vocab.ParentOrg, vocab.Attendee, vocab.Organizer,
		vocab.Location, vocab.StartDate, vocab.EndDate, vocab.SuperEvent, vocab.FoundingDate,
		vocab.Publisher, vocab.DatePublished, vocab.About, vocab.URL, vocab.RoleName,
		vocab.Party, vocab.SigningDate, vocab.SigningPlace, vocab.AdoptedBy, vocab.AdoptedAt,
		vocab.AdoptionDate, vocab.Implements, vocab.Praised, vocab.HoldsPosition, vocab.PositionIn,
	} {
		m[strings.ToLower(vocab.LocalName(p))] = p
	}
	m["a"] = vocab.Type
	return m
}()

// predicateIRI reads a predicate parameter: an IRI, a prefixed name or a
// local name of the vocabulary. It reports false for anything else.
func predicateIRI(s string) (quad.IRI, bool) {
	s = strings.TrimSpace(s)
	if iri, ok := asIRI(s); ok {
		return quad.IRI(iri), true
	}
	if iri, ok := vocab.Expand(s); ok {
		return iri, true
	}
	iri, ok := predicates[strings.ToLower(s)]
	return iri, ok
}

// literals returns the literal values an object parameter may stand for:
// the string itself, a date at the precision written, an integer.
func literals(s string) []quad.Value {
	out := []quad.Value{quad.String(s)}
	t := strings.TrimSpace(s)
	if t != s {
		out = append(out, quad.String(t))
	}
	if d, err := vocab.DateLiteral(t); err == nil {
		out = append(out, d)
	}
	if n, err := strconv.ParseInt(t, 10, 64); err == nil {
		out = append(out, quad.Int(n))
	}
	return out
}

func runEvidence(r *run, a args) ([]any, error) {
	subj := r.resolve(a.get("subject"))
	pred, ok := predicateIRI(a.get("predicate"))
	if subj == nil || !ok {
		return nil, nil
	}
	var cands []quad.Value
	if obj := a.get("object"); obj != "" {
		cands = literals(obj)
		if v := r.resolve(obj); v != nil {
			cands = append(cands, v)
		}
	}
	type key struct{ l, o quad.Value }
	seen := map[key]bool{}
	var out []Evidence
	err := r.quadsOf(quad.Subject, func(q quad.Quad) error {
		l, o := q.Label, q.Object
		if iriOf(q.Predicate) != pred || l == nil || (cands != nil && !slices.Contains(cands, o)) {
			return nil
		}
		if seen[key{l, o}] || !r.ix.IsProvenance(l) {
			return nil
		}
		seen[key{l, o}] = true
		ev, err := r.evidence(l)
		if err != nil || ev == nil {
			return err
		}
		if isNode(o) {
			n := r.node(o)
			ev.Object = &n
		} else {
			s := literalText(o)
			ev.Value = &s
		}
		out = append(out, *ev)
		return nil
	}, subj)
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Document != y.Document {
			return x.Document < y.Document
		}
		if x.Source != y.Source {
			return x.Source < y.Source
		}
		if xs, ys := startOf(x), startOf(y); xs != ys {
			return xs < ys
		}
		return evObject(x) < evObject(y)
	})
	return toAny(out), nil
}

func startOf(e Evidence) int64 {
	if e.Start == nil {
		return -1
	}
	return *e.Start
}

func evObject(e Evidence) string {
	if e.Object != nil {
		return e.Object.ID
	}
	if e.Value != nil {
		return *e.Value
	}
	return ""
}

// evidence describes a provenance label: a sentence with its text and span
// in its document, or a whole document.
func (r *run) evidence(label quad.Value) (*Evidence, error) {
	src, err := r.sourceOf(label)
	if err != nil || src == nil {
		return nil, err
	}
	ev := &Evidence{Document: src.Name, Source: src.ID}
	// The document is named by its file where the graph records it.
	files, err := r.out(quad.IRI(src.ID), vocab.Identifier)
	if err != nil {
		return nil, err
	}
	if len(files) > 0 {
		ev.Document = literalText(files[0])
	}
	if src.ID == iriText(label) {
		return ev, nil
	}
	all, err := r.outs(label)
	if err != nil {
		return nil, err
	}
	outs := all[label]
	if vs := outs[vocab.Text]; len(vs) > 0 {
		s := literalText(vs[0])
		ev.Sentence = &s
	}
	for _, o := range []struct {
		p   quad.IRI
		dst **int64
	}{{vocab.StartOffset, &ev.Start}, {vocab.EndOffset, &ev.End}} {
		if vs := outs[o.p]; len(vs) > 0 {
			if n, ok := intValue(vs[0]); ok {
				*o.dst = &n
			}
		}
	}
	return ev, nil
}
