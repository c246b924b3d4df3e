package queries

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	kggraph "github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/vocab"
)

// Normalize folds a name for lookup: accents dropped, lower case,
// apostrophes removed ("UN's" and "UN’s" both give "uns"), and every other
// run of punctuation or spacing made one space, so that "Secretary General"
// and "Secretary-General" give the same key.
func Normalize(s string) string { return vocab.NameKey(s) }

// Match ranks, best first: how an entity parameter matched a node.
const (
	rankIRI = iota
	rankName
	rankAlias
	rankSurname
)

// Index maps the normalised names, aliases and IRIs of the graph's nodes to
// the nodes, so that resolving a parameter does not scan the store. It is
// built once from a store and is read-only afterwards, so concurrent
// requests can share it.
type Index struct {
	// size is the store's quad count when the index was built: a cheap
	// sign that the store has changed since.
	size int64

	names   map[quad.Value]string
	keys    [rankSurname + 1]map[string][]quad.Value
	iris    map[string]quad.Value
	types   map[quad.Value][]quad.IRI
	sources map[quad.Value]bool // kg:Sentence and kg:Source nodes
}

// BuildIndex reads every name, alias and type in the store into an Index.
// The caller holds the store's read lock.
func BuildIndex(ctx context.Context, st *kggraph.Store) (*Index, error) {
	size, err := st.Version(ctx)
	if err != nil {
		return nil, err
	}
	qs := st.QuadStore
	eachQuad := func(_ context.Context, _ graph.QuadStore, pred quad.IRI, fn func(s, o quad.Value) error) error {
		return st.EachWithPredicate(ctx, pred, fn)
	}
	ix := &Index{
		size:    size,
		names:   map[quad.Value]string{},
		iris:    map[string]quad.Value{},
		types:   map[quad.Value][]quad.IRI{},
		sources: map[quad.Value]bool{},
	}
	for i := range ix.keys {
		ix.keys[i] = map[string][]quad.Value{}
	}
	add := func(rank int, key string, v quad.Value) {
		if key == "" {
			return
		}
		for _, have := range ix.keys[rank][key] {
			if have == v {
				return
			}
		}
		ix.keys[rank][key] = append(ix.keys[rank][key], v)
	}
	aliases := map[quad.Value][]string{}
	err = eachQuad(ctx, qs, vocab.Name, func(node, nameV quad.Value) error {
		name := literalText(nameV)
		// A node with two canonical names keeps the smaller, so that
		// answers do not change from run to run.
		if have, ok := ix.names[node]; !ok || name < have {
			ix.names[node] = name
		}
		ix.iris[iriText(node)] = node
		add(rankName, Normalize(name), node)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index names: %w", err)
	}
	err = eachQuad(ctx, qs, vocab.AlternateName, func(node, nameV quad.Value) error {
		name := literalText(nameV)
		ix.iris[iriText(node)] = node
		add(rankAlias, Normalize(name), node)
		aliases[node] = append(aliases[node], name)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index aliases: %w", err)
	}
	err = eachQuad(ctx, qs, vocab.Type, func(node, typ quad.Value) error {
		t, ok := typ.(quad.IRI)
		if !ok {
			return nil
		}
		switch t {
		case vocab.Sentence, vocab.Source:
			ix.sources[node] = true
		}
		if t == vocab.Sentence {
			// Sentences are many and nameless; keep them out of the maps
			// that entity resolution reads.
			return nil
		}
		ix.iris[iriText(node)] = node
		// Each document that states a type gives a quad of its own.
		if !hasType(ix.types[node], t) {
			ix.types[node] = append(ix.types[node], t)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index types: %w", err)
	}
	// Surnames, at the lowest rank: "Norov" finds Vladimir Norov.
	for node, ts := range ix.types {
		if !hasType(ts, vocab.Person) {
			continue
		}
		for _, name := range append([]string{ix.names[node]}, aliases[node]...) {
			words := strings.Fields(Normalize(name))
			if len(words) > 1 {
				add(rankSurname, words[len(words)-1], node)
			}
		}
	}
	return ix, nil
}

// Resolve returns the nodes a parameter names, best match first: the node
// with that IRI, then nodes with that canonical name, then with that alias,
// then people with that surname. Ties keep a stable order by name and IRI.
func (ix *Index) Resolve(s string) []quad.Value {
	s = strings.TrimSpace(s)
	var out []quad.Value
	seen := map[quad.Value]bool{}
	if iri, ok := asIRI(s); ok {
		if v, ok := ix.iris[iri]; ok {
			out = append(out, v)
			seen[v] = true
		}
	}
	key := Normalize(s)
	for rank := rankName; rank <= rankSurname; rank++ {
		var tier []quad.Value
		for _, v := range ix.keys[rank][key] {
			if !seen[v] {
				seen[v] = true
				tier = append(tier, v)
			}
		}
		sort.Slice(tier, func(i, j int) bool { return ix.less(tier[i], tier[j]) })
		out = append(out, tier...)
	}
	return out
}

// less orders nodes by name, then IRI.
func (ix *Index) less(a, b quad.Value) bool {
	na, nb := ix.Name(a), ix.Name(b)
	if na != nb {
		return na < nb
	}
	return iriText(a) < iriText(b)
}

// Name returns a node's canonical name; for a node without one, such as a
// class, the last segment of its IRI.
func (ix *Index) Name(v quad.Value) string {
	if n, ok := ix.names[v]; ok {
		return n
	}
	if iri, ok := v.(quad.IRI); ok {
		return vocab.LocalName(iri)
	}
	return literalText(v)
}

// Types returns a node's classes.
func (ix *Index) Types(v quad.Value) []quad.IRI { return ix.types[v] }

// IsProvenance reports whether v is a kg:Sentence or kg:Source node.
func (ix *Index) IsProvenance(v quad.Value) bool { return ix.sources[v] }

// asIRI reads "<http://...>" or "http://..." (or https) as an IRI.
func asIRI(s string) (string, bool) {
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		s = s[1 : len(s)-1]
	}
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "urn:") {
		return s, true
	}
	return "", false
}

func hasType(ts []quad.IRI, t quad.IRI) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}
