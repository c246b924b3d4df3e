package graph

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	// Formats kg reads and writes, registered in quad's format registry.
	_ "github.com/cayleygraph/quad/dot"
	_ "github.com/cayleygraph/quad/graphml"
	_ "github.com/cayleygraph/quad/json"
	_ "github.com/cayleygraph/quad/jsonld"
	_ "github.com/cayleygraph/quad/nquads"
)

// ExportFormats lists the names of the formats Export can write.
func ExportFormats() []string {
	var out []string
	for _, f := range quad.Formats() {
		if f.Writer != nil {
			out = append(out, f.Name)
		}
	}
	sort.Strings(out)
	return out
}

// formatAliases are names users know formats by that the registry does not.
var formatAliases = map[string]string{"dot": "graphviz", "nq": "nquads"}

// Format returns the registered format called name, for writing.
func Format(name string) (*quad.Format, error) {
	if alias, ok := formatAliases[name]; ok {
		name = alias
	}
	f := quad.FormatByName(name)
	if f == nil || f.Writer == nil {
		return nil, fmt.Errorf("unknown export format %q (want one of %v)", name, ExportFormats())
	}
	return f, nil
}

// Export writes every quad in the store to w in the named format. Typed
// literals are written with full datatype IRIs, so that N-Quads output is
// valid for any parser.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) (int, error) {
	f, err := Format(format)
	if err != nil {
		return 0, err
	}
	format = f.Name
	s.RLock()
	defer s.RUnlock()
	// Quad writers write each quad on its own; a file would take a system
	// call per quad.
	bw := bufio.NewWriterSize(w, 64<<10)
	qw := f.Writer(bw)
	n := 0
	err = s.eachQuad(ctx, func(q quad.Quad) error {
		if err := qw.WriteQuad(fullIRIs(q)); err != nil {
			return fmt.Errorf("export %s: write quad %d: %w", format, n+1, err)
		}
		n++
		return nil
	})
	if err != nil {
		return n, err
	}
	if err := qw.Close(); err != nil {
		return n, fmt.Errorf("export %s: %w", format, err)
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("export %s: %w", format, err)
	}
	return n, nil
}

// fullIRIs rewrites the values of q in the form N-Quads needs: full IRIs,
// and typed literals as strings with a full datatype IRI (the store may hand
// back native values, whose own output uses short IRIs such as xsd:integer).
func fullIRIs(q quad.Quad) quad.Quad {
	return quad.Quad{
		Subject:   fullValue(q.Subject),
		Predicate: fullValue(q.Predicate),
		Object:    fullValue(q.Object),
		Label:     fullValue(q.Label),
	}
}

func fullValue(v quad.Value) quad.Value {
	switch v := v.(type) {
	case nil:
		return nil
	case quad.IRI:
		return v.Full()
	case quad.TypedString:
		return quad.TypedString{Value: v.Value, Type: v.Type.Full()}
	case quad.TypedStringer:
		ts := v.TypedString()
		return quad.TypedString{Value: ts.Value, Type: ts.Type.Full()}
	}
	return v
}

// exportBatch is how many quads eachQuad reads before it asks the store for
// their values, all at once.
const exportBatch = 4096

// valueCache bounds the node values eachQuad keeps between batches.
// Predicates, classes and the entities a document names recur from quad
// to quad; a value read once need not be read again. Past this many
// entries the cache starts over, so memory stays constant.
const valueCache = 1 << 17

// eachQuad calls fn with every quad in the store, in the store's order. It
// reads quads as node references and then the values of a batch in one go:
// asking for each quad's values on its own costs a store transaction a
// quad. The caller holds the read lock.
func (s *Store) eachQuad(ctx context.Context, fn func(quad.Quad) error) error {
	qs := s.QuadStore
	it := qs.QuadsAllIterator().Iterate()
	defer it.Close()
	dirs := []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label}
	batch := make([][4]graph.Ref, 0, exportBatch)
	cache := make(map[any]quad.Value, valueCache)
	need := make([]graph.Ref, 0, exportBatch)
	needKeys := make([]any, 0, exportBatch)
	pending := map[any]bool{}
	// collect lists the batch's nodes whose values are not cached.
	collect := func() {
		need, needKeys = need[:0], needKeys[:0]
		clear(pending)
		for _, q := range batch {
			for _, r := range q {
				if r == nil {
					continue
				}
				k := refs.ToKey(r)
				if _, ok := cache[k]; ok || pending[k] {
					continue
				}
				pending[k] = true
				need = append(need, r)
				needKeys = append(needKeys, k)
			}
		}
	}
	flush := func() error {
		collect()
		if len(cache)+len(need) > valueCache {
			clear(cache)
			collect()
		}
		vals, err := s.ValuesOf(ctx, need)
		if err != nil {
			return fmt.Errorf("export: read values: %w", err)
		}
		for i, k := range needKeys {
			cache[k] = vals[i]
		}
		for _, q := range batch {
			var out quad.Quad
			for i, r := range q {
				if r == nil {
					continue
				}
				out.Set(dirs[i], cache[refs.ToKey(r)])
			}
			if err := fn(out); err != nil {
				return err
			}
		}
		batch = batch[:0]
		return nil
	}
	for it.Next(ctx) {
		var q [4]graph.Ref
		for i, d := range dirs {
			r, err := qs.QuadDirection(it.Result(), d)
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			q[i] = r
		}
		batch = append(batch, q)
		if len(batch) == exportBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return flush()
}
