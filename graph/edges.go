package graph

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
	"go.etcd.io/bbolt"

	"github.com/kgraph/kg/graph/boltkv"
)

// QuadsOf returns the quads that have node in direction dir, each as the
// references of its subject, predicate, object and label, as the store's
// QuadDirection gives them, in no set order. If there are more than
// limit (when limit > 0), it returns nil and false without reading them
// all. The caller holds the read lock.
//
// Searches that read the edges of many nodes, such as the path query,
// spend most of their time here. On bolt it reads Cayley's index and log
// straight from the file (package boltkv), several times faster than
// through Cayley's iterators; on SQL stores it asks one query.
func (s *Store) QuadsOf(ctx context.Context, dir quad.Direction, node graph.Ref, limit int) ([][4]graph.Ref, bool, error) {
	if limit <= 0 {
		limit = math.MaxInt32
	}
	if h, ok := node.(csql.NodeHash); ok && s.sqlDB != nil && (dir == quad.Subject || dir == quad.Object) {
		return s.sqlQuadsOf(ctx, dir, h, limit)
	}
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
// that is nil or names no node. The caller holds the read lock. On bolt
// it reads them from the file, on SQL stores with one query; Cayley's SQL
// store asks a query for each.
func (s *Store) ValuesOf(ctx context.Context, nodes []graph.Ref) ([]quad.Value, error) {
	if s.sqlDB != nil {
		return s.sqlValuesOf(ctx, nodes)
	}
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

// sqlQuadsOf is QuadsOf on an SQL store.
func (s *Store) sqlQuadsOf(ctx context.Context, dir quad.Direction, node csql.NodeHash, limit int) ([][4]graph.Ref, bool, error) {
	rows, err := s.sqlDB.QueryContext(ctx, `SELECT subject_hash, predicate_hash, object_hash, label_hash
		FROM quads WHERE `+dir.String()+`_hash = $1 LIMIT $2`, node.SQLValue(), limit+1)
	if err != nil {
		return nil, false, fmt.Errorf("quads of %v: %w", node, err)
	}
	defer rows.Close()
	var out [][4]graph.Ref
	for rows.Next() {
		if len(out) == limit {
			return nil, false, nil
		}
		var h [4]csql.NodeHash
		if err := rows.Scan(&h[0], &h[1], &h[2], &h[3]); err != nil {
			return nil, false, fmt.Errorf("quads of %v: %w", node, err)
		}
		out = append(out, [4]graph.Ref{h[0], h[1], h[2], h[3]})
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("quads of %v: %w", node, err)
	}
	return out, true, nil
}

// sqlValuesOf is ValuesOf on an SQL store.
func (s *Store) sqlValuesOf(ctx context.Context, nodes []graph.Ref) ([]quad.Value, error) {
	out := make([]quad.Value, len(nodes))
	at := map[refs.ValueHash][]int{}
	var hashes pq.ByteaArray
	for i, r := range nodes {
		h, ok := r.(csql.NodeHash)
		if !ok {
			if r == nil {
				continue
			}
			return graph.ValuesOf(ctx, s.QuadStore, nodes)
		}
		if !h.Valid() {
			continue
		}
		if at[h.ValueHash] == nil {
			hashes = append(hashes, h.SQLValue().([]byte))
		}
		at[h.ValueHash] = append(at[h.ValueHash], i)
	}
	if len(hashes) == 0 {
		return out, nil
	}
	rows, err := s.sqlDB.QueryContext(ctx, `SELECT hash, `+nodeValueColumns+` FROM nodes WHERE hash = ANY($1)`, hashes)
	if err != nil {
		return nil, fmt.Errorf("read values: %w", err)
	}
	defer rows.Close()
	var h csql.NodeHash
	var row nodeRow
	for rows.Next() {
		if err := rows.Scan(append([]any{&h}, row.dest()...)...); err != nil {
			return nil, fmt.Errorf("read values: %w", err)
		}
		v, err := row.value()
		if err != nil {
			return nil, err
		}
		for _, i := range at[h.ValueHash] {
			out[i] = v
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read values: %w", err)
	}
	return out, nil
}
