package graph

import (
	"context"
	"errors"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	"go.etcd.io/bbolt"

	"github.com/kgraph/kg/graph/boltkv"
)

// QuadsOf returns the quads that have node in direction dir, each as the
// references of its subject, predicate, object and label (nil for none),
// in the store's order. If there are more than limit, it returns nil and
// false without reading them all. The caller holds the read lock.
//
// Searches that read the edges of many nodes, such as the path query,
// spend most of their time here. On bolt it reads Cayley's index and log
// straight from the file (package boltkv), several times faster than
// through Cayley's iterators.
func (s *Store) QuadsOf(ctx context.Context, dir quad.Direction, node graph.Ref, limit int) ([][4]graph.Ref, bool, error) {
	if id, ok := node.(kv.Int64Value); ok && s.bolt != nil {
		var ids [][4]uint64
		var all bool
		err := s.bolt.View(func(tx *bbolt.Tx) (err error) {
			ids, all, err = boltkv.QuadsOf(tx, dir, uint64(id), limit)
			return err
		})
		if err == nil && !all {
			return nil, false, nil
		}
		if err == nil {
			out := make([][4]graph.Ref, len(ids))
			for i, q := range ids {
				for d, x := range q {
					if x != 0 {
						out[i][d] = kv.Int64Value(x)
					}
				}
			}
			return out, true, nil
		}
		if !errors.Is(err, boltkv.ErrNoIndex) {
			return nil, false, fmt.Errorf("quads of %v: %w", node, err)
		}
	}
	var out [][4]graph.Ref
	it := s.QuadStore.QuadIterator(dir, node).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		if len(out) == limit {
			return nil, false, nil
		}
		var q [4]graph.Ref
		for d, dir := range quad.Directions {
			r, err := s.QuadStore.QuadDirection(it.Result(), dir)
			if err != nil {
				return nil, false, fmt.Errorf("quads of %v: %w", node, err)
			}
			q[d] = r
		}
		out = append(out, q)
	}
	if err := it.Err(); err != nil {
		return nil, false, fmt.Errorf("quads of %v: %w", node, err)
	}
	return out, true, ctx.Err()
}

// ValuesOf returns the values of node references, nil for a reference
// that is nil or names no node. The caller holds the read lock.
func (s *Store) ValuesOf(ctx context.Context, nodes []graph.Ref) ([]quad.Value, error) {
	if s.bolt == nil {
		return graph.ValuesOf(ctx, s.QuadStore, nodes)
	}
	ids := make([]uint64, len(nodes))
	for i, r := range nodes {
		switch r := r.(type) {
		case nil:
		case kv.Int64Value:
			ids[i] = uint64(r)
		default:
			return graph.ValuesOf(ctx, s.QuadStore, nodes)
		}
	}
	var out []quad.Value
	err := s.bolt.View(func(tx *bbolt.Tx) (err error) {
		out, err = boltkv.ValuesOf(tx, ids)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read values: %w", err)
	}
	return out, nil
}
