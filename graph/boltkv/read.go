package boltkv

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

// ErrNoIndex means the store has no quad index that starts with the
// direction asked for.
var ErrNoIndex = errors.New("no quad index starts with that direction")

// QuadsOf returns the live quads that have the node with ID node in
// direction dir, each as the IDs of its subject, predicate, object and
// label (0 for none), in the order Cayley's own iterator gives them. If
// there are more than limit, it returns nil and false without reading
// them all.
//
// It reads what Cayley's key-value iterator reads, the index whose first
// direction is dir and the log, without Cayley's generic key-value layer,
// which looks every bucket up again for every key it reads.
func QuadsOf(tx *bbolt.Tx, dir quad.Direction, node uint64, limit int) ([][4]uint64, bool, error) {
	meta := tx.Bucket(metaBucket)
	logb := tx.Bucket(logBucket)
	if meta == nil || logb == nil {
		return nil, false, ErrNotCayley
	}
	indexes, err := readIndexes(meta)
	if err != nil {
		return nil, false, err
	}
	var index []byte
	for _, ind := range indexes {
		if ind.Dirs[0] == dir {
			index, _ = indexBucket(ind)
			break
		}
	}
	if index == nil {
		return nil, false, ErrNoIndex
	}
	b := tx.Bucket(index)
	if b == nil {
		return nil, true, nil
	}
	var prefix [8]byte
	binary.BigEndian.PutUint64(prefix[:], node)
	var out [][4]uint64
	var key [8]byte
	var p cproto.Primitive
	c := b.Cursor()
	for k, list := c.Seek(prefix[:]); k != nil && bytes.HasPrefix(k, prefix[:]); k, list = c.Next() {
		for len(list) > 0 {
			id, n := binary.Uvarint(list)
			if n <= 0 {
				return nil, false, fmt.Errorf("quad index %s: bad entry", index)
			}
			list = list[n:]
			binary.BigEndian.PutUint64(key[:], id)
			raw := logb.Get(key[:])
			if raw == nil {
				continue
			}
			if err := proto.Unmarshal(raw, &p); err != nil {
				return nil, false, fmt.Errorf("log %d: %w", id, err)
			}
			if p.Deleted || p.IsNode() {
				continue
			}
			if len(out) == limit {
				return nil, false, nil
			}
			out = append(out, [4]uint64{p.Subject, p.Predicate, p.Object, p.Label})
		}
	}
	return out, true, nil
}

// ValuesOf returns the values of the nodes with the given IDs, nil for
// an ID that is 0 or names no node, as Cayley's ValuesOf does.
func ValuesOf(tx *bbolt.Tx, ids []uint64) ([]quad.Value, error) {
	logb := tx.Bucket(logBucket)
	if logb == nil {
		return nil, ErrNotCayley
	}
	out := make([]quad.Value, len(ids))
	var key [8]byte
	var p cproto.Primitive
	for i, id := range ids {
		if id == 0 {
			continue
		}
		binary.BigEndian.PutUint64(key[:], id)
		raw := logb.Get(key[:])
		if raw == nil {
			continue
		}
		if err := proto.Unmarshal(raw, &p); err != nil {
			return nil, fmt.Errorf("log %d: %w", id, err)
		}
		if !p.IsNode() {
			continue
		}
		v, err := pquads.UnmarshalValue(p.Value)
		if err != nil {
			return nil, fmt.Errorf("node %d: %w", id, err)
		}
		out[i] = v
	}
	return out, nil
}
