package queries

import (
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/cayley/query/path"
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

// walker finds connections between entities; it caches each node's edges
// so that a node is read from the store once per query.
type walker struct {
	*run
	adj map[quad.Value][]edge
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
	for _, out := range []bool{true, false} {
		preds, err := w.predicatesOf(todo, !out)
		if err != nil {
			return err
		}
		var via []quad.Value
		for _, p := range preds {
			if p != vocab.Type {
				via = append(via, p)
			}
		}
		if len(via) == 0 {
			continue
		}
		var p *path.Path
		if out {
			p = path.StartPath(w.qs, todo...).Tag("s").OutWithTags([]string{"p"}, anys(via)...).Tag("o")
		} else {
			p = path.StartPath(w.qs, todo...).Tag("o").InWithTags([]string{"p"}, anys(via)...).Tag("s")
		}
		if err := eachTag(w.ctx, w.qs, p, func(m map[string]quad.Value) error { return add(m, out) }); err != nil {
			return err
		}
	}
	// A fixed order of edges gives a fixed order of connections.
	for _, n := range todo {
		es := w.adj[n]
		sort.Slice(es, func(i, j int) bool {
			x, y := es[i], es[j]
			if x.p != y.p {
				return iriText(x.p) < iriText(y.p)
			}
			if x.other != y.other {
				return w.ix.less(x.other, y.other)
			}
			return x.out && !y.out
		})
	}
	return nil
}

func runPath(r *run, a args) ([]any, error) {
	from, to := r.resolve(a.get("from")), r.resolve(a.get("to"))
	if from == nil || to == nil || from == to {
		return nil, nil
	}
	w := &walker{run: r, adj: map[quad.Value][]edge{}}
	// Breadth first from the target: dist says how many hops each node
	// is from it, so that the walk from the source below only takes steps
	// that can still arrive within the hops left.
	dist := map[quad.Value]int{to: 0}
	frontier := []quad.Value{to}
	for d := 0; d < a.hops && len(frontier) > 0; d++ {
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
	shortest, ok := dist[from]
	if !ok {
		return nil, nil
	}
	want := a.offset + a.limit
	var found []any
	onPath := map[quad.Value]bool{from: true}
	var hops []Hop
	var walk func(cur quad.Value, left int) error
	walk = func(cur quad.Value, left int) error {
		if err := r.ctx.Err(); err != nil {
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
		for _, e := range w.adj[cur] {
			if len(found) >= want {
				return nil
			}
			d, ok := dist[e.other]
			if !ok || d > left-1 || onPath[e.other] || (e.other == to && left > 1) {
				continue
			}
			onPath[e.other] = true
			hops = append(hops, Hop{Subject: r.node(e.s), Predicate: iriText(e.p), Object: r.node(e.o)})
			err := walk(e.other, left-1)
			hops = hops[:len(hops)-1]
			delete(onPath, e.other)
			if err != nil {
				return err
			}
		}
		return nil
	}
	for n := shortest; n <= a.hops && len(found) < want; n++ {
		if err := walk(from, n); err != nil {
			return nil, err
		}
	}
	return page(found, a.offset, a.limit), nil
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
	labels, err := r.labelsOf([]quad.Value{subj})
	if err != nil || len(labels) == 0 {
		return nil, err
	}
	p := path.StartPath(r.qs, subj).
		LabelContextWithTags([]string{"l"}, anys(labels)...).
		Out(pred).Tag("o")
	if obj := a.get("object"); obj != "" {
		cands := literals(obj)
		if v := r.resolve(obj); v != nil {
			cands = append(cands, v)
		}
		p = p.Is(cands...)
	}
	type key struct{ l, o quad.Value }
	seen := map[key]bool{}
	var out []Evidence
	err = eachTag(r.ctx, r.qs, p, func(m map[string]quad.Value) error {
		l, o := m["l"], m["o"]
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
	})
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
	err = eachTag(r.ctx, r.qs, path.StartPath(r.qs, label).OutWithTags([]string{"p"}, vocab.Text, vocab.StartOffset, vocab.EndOffset).Tag("v"), func(m map[string]quad.Value) error {
		switch m["p"] {
		case vocab.Text:
			s := literalText(m["v"])
			ev.Sentence = &s
		case vocab.StartOffset:
			if n, ok := intValue(m["v"]); ok {
				ev.Start = &n
			}
		case vocab.EndOffset:
			if n, ok := intValue(m["v"]); ok {
				ev.End = &n
			}
		}
		return nil
	})
	return ev, err
}
