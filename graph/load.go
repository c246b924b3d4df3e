package graph

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"go.etcd.io/bbolt"

	"github.com/kgraph/kg/graph/boltkv"
)

// Load adds quads to the store as one transaction: all of them or, on
// error, none. Quads already in the store are skipped, so loading the same
// data twice changes nothing. name says where the quads came from, for
// errors. It returns how many quads were new.
func (s *Store) Load(ctx context.Context, name string, quads []quad.Quad) (int64, error) {
	if err := checkValid(name, quads); err != nil {
		return 0, err
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
	if s.bolt != nil {
		return s.boltLoad(name, boltkv.Prepare(quads))
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

// checkValid checks that every quad has a subject, predicate and object.
func checkValid(name string, quads []quad.Quad) error {
	for i, q := range quads {
		if !q.IsValid() {
			return fmt.Errorf("load %s: quad %d (%v) lacks a subject, predicate or object", name, i+1, q)
		}
	}
	return nil
}

// boltLoad writes a prepared batch to a bolt store in one transaction.
func (s *Store) boltLoad(name string, b *boltkv.Batch) (int64, error) {
	var n int64
	err := s.bolt.Update(func(tx *bbolt.Tx) (err error) {
		n, err = boltkv.Write(tx, b)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("load %s: %w", name, err)
	}
	return n, nil
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
