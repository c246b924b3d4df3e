package graph

import (
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/cayleygraph/cayley/graph"
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
	qr := graph.NewQuadStoreReader(s.QuadStore)
	defer qr.Close()
	qw := f.Writer(w)
	n := 0
	for {
		if err := ctx.Err(); err != nil {
			return n, fmt.Errorf("export: %w", err)
		}
		q, err := qr.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, fmt.Errorf("export: read quad %d: %w", n+1, err)
		}
		if err := qw.WriteQuad(fullIRIs(q)); err != nil {
			return n, fmt.Errorf("export %s: write quad %d: %w", format, n+1, err)
		}
		n++
	}
	if err := qw.Close(); err != nil {
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
