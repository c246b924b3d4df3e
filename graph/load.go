package graph

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Load adds quads to the store as one transaction: all of them or, on
// error, none. Quads already in the store are skipped, so loading the same
// data twice changes nothing. name says where the quads came from, for
// errors. It returns how many quads were new.
func (s *Store) Load(ctx context.Context, name string, quads []quad.Quad) (int64, error) {
	for i, q := range quads {
		if !q.IsValid() {
			return 0, fmt.Errorf("load %s: quad %d (%v) lacks a subject, predicate or object", name, i+1, q)
		}
	}
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("load %s: %w", name, err)
	}
	if s.Kind == Postgres {
		n, err := s.copyLoad(ctx, quads)
		if err != nil {
			return 0, fmt.Errorf("load %s: %w", name, err)
		}
		return n, nil
	}
	s.Lock()
	defer s.Unlock()
	before, err := s.size(ctx)
	if err != nil {
		return 0, fmt.Errorf("load %s: %w", name, err)
	}
	tx := graph.NewTransactionN(len(quads))
	for _, q := range quads {
		tx.AddQuad(q)
	}
	if err := s.QuadStore.ApplyDeltas(tx.Deltas, graph.IgnoreOpts{IgnoreDup: true}); err != nil {
		return 0, fmt.Errorf("load %s: %w", name, err)
	}
	after, err := s.size(ctx)
	if err != nil {
		return 0, fmt.Errorf("load %s: %w", name, err)
	}
	return after - before, nil
}

// ReadAll reads every quad from r, the reader of a file called name. An
// error names the file and, where the format tells it, the line.
func ReadAll(name string, r quad.Reader) ([]quad.Quad, error) {
	var out []quad.Quad
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, q)
	}
}
