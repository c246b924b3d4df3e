package boltkv

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"go.etcd.io/bbolt"

	cproto "github.com/cayleygraph/cayley/graph/proto"
)

// ErrNotEmpty means Build was given a store that has held quads.
var ErrNotEmpty = errors.New("the store is not empty")

// buildChunk is how many keys Build puts in one transaction. Its file is
// only swapped in once complete, so a commit is just a way to bound the
// memory bolt holds for the pages a transaction changes.
const buildChunk = 200_000

// Builder gathers quads for a store that holds none yet, and writes them
// all at once (Build). Adding batch after batch to a store rewrites, at
// each commit, the pages of every value the batch names, and those are
// spread over the whole file; Build writes each page once, in key order.
// Until then it holds every distinct value and every quad in memory:
// about 150 bytes a value and, while it writes, 50 bytes a quad.
type Builder struct {
	byHash map[refs.ValueHash]int32
	hashes []refs.ValueHash
	vals   []byte // the nodes' values, encoded, one after another
	ends   []int  // where each node's value ends in vals
	quads  [][4]int32
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{byHash: make(map[refs.ValueHash]int32)}
}

// Add adds a quad, which must be valid (quad.Quad.IsValid). A quad added
// twice is written once.
func (b *Builder) Add(q quad.Quad) error {
	qn, err := nodesOf(q, b.byHash, func(h refs.ValueHash, v quad.Value) (int32, error) {
		raw, err := pquads.MarshalValue(v)
		if err != nil {
			return 0, fmt.Errorf("node %v: %w", v, err)
		}
		b.hashes = append(b.hashes, h)
		b.vals = append(b.vals, raw...)
		b.ends = append(b.ends, len(b.vals))
		return int32(len(b.hashes) - 1), nil
	})
	if err != nil {
		return err
	}
	b.quads = append(b.quads, qn)
	return nil
}

// Build writes the quads added so far to db, a Cayley key-value store
// that has never held a quad, and returns how many it wrote. It commits
// many transactions, so a Build that stops part way leaves a store Cayley
// must not read: build into a new file and keep it only when Build
// returns without error.
//
// The keys and values are those Cayley's own writer leaves when given
// all the quads in one transaction: values get their IDs in hash order,
// then quads theirs in the order they were added.
func (b *Builder) Build(ctx context.Context, db *bbolt.DB) (int64, error) {
	var indexes []ckv.QuadIndex
	err := db.View(func(tx *bbolt.Tx) error {
		isEmpty, err := empty(tx)
		if err != nil {
			return err
		}
		if !isEmpty {
			return ErrNotEmpty
		}
		indexes, err = readIndexes(tx.Bucket(metaBucket))
		return err
	})
	if err != nil {
		return 0, err
	}

	// A node's ID is its rank in hash order, plus one.
	nodes := len(b.hashes)
	order := make([]int32, nodes) // node at each rank
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return bytes.Compare(b.hashes[x][:], b.hashes[y][:]) })
	rank := make([]int32, nodes)
	for r, n := range order {
		rank[n] = int32(r)
	}
	for i := range b.quads {
		for d, n := range b.quads[i] {
			if n >= 0 {
				b.quads[i][d] = rank[n]
			}
		}
	}

	// Keep each quad's first copy; quads get their IDs in the order they
	// came, after every node's.
	keys := make([]sortKey, len(b.quads))
	for i, q := range b.quads {
		keys[i] = packKey(q, uint32(i))
	}
	slices.SortFunc(keys, compareKeys)
	dup := make([]bool, len(b.quads))
	for i := 1; i < len(keys); i++ {
		if keys[i].sameNodes(keys[i-1]) {
			dup[keys[i].last()] = true
		}
	}
	kept := make([]int32, 0, len(b.quads))
	for i := range b.quads {
		if !dup[i] {
			kept = append(kept, int32(i))
		}
	}
	dup = nil
	refCount := make([]uint64, nodes)
	for _, i := range kept {
		for _, r := range b.quads[i] {
			if r >= 0 {
				refCount[r]++
			}
		}
	}
	// IDs: node of rank r is r+1; the k-th kept quad is nodes+k+1.
	nodeID := func(r int32) uint64 { return uint64(r) + 1 }
	quadID := func(k int) uint64 { return uint64(nodes + k + 1) }
	horizon := quadID(len(kept) - 1)
	now := time.Now().UnixNano()

	// The log: nodes, then quads, in ID order.
	err = inChunks(ctx, db, nodes+len(kept), func(tx *bbolt.Tx, from int) (int, error) {
		logb, err := bucket(tx, logBucket)
		if err != nil {
			return 0, fmt.Errorf("log: %w", err)
		}
		logb.FillPercent = 1
		var slab slab
		to := min(from+buildChunk, nodes+len(kept))
		for i := from; i < to; i++ {
			var p cproto.Primitive
			p.Timestamp = now
			if i < nodes {
				n := order[i]
				p.ID = nodeID(int32(i))
				start := 0
				if n > 0 {
					start = b.ends[n-1]
				}
				p.Value = b.vals[start:b.ends[n]]
			} else {
				k := i - nodes
				q := b.quads[kept[k]]
				p.ID = quadID(k)
				p.Subject, p.Predicate, p.Object = nodeID(q[0]), nodeID(q[1]), nodeID(q[2])
				if q[3] >= 0 {
					p.Label = nodeID(q[3])
				}
			}
			key := slab.take(8)
			binary.BigEndian.PutUint64(key, p.ID)
			val, err := slab.marshal(&p)
			if err != nil {
				return 0, fmt.Errorf("log %d: %w", p.ID, err)
			}
			if err := logb.Put(key, val); err != nil {
				return 0, fmt.Errorf("log %d: %w", p.ID, err)
			}
		}
		return to, nil
	})
	if err != nil {
		return 0, err
	}
	b.vals, b.ends = nil, nil

	// Node IDs, then reference counts, in hash order.
	for _, kind := range []byte{'n', 'v'} {
		err = inChunks(ctx, db, nodes, func(tx *bbolt.Tx, from int) (int, error) {
			var slab slab
			var bk *bbolt.Bucket
			to := min(from+buildChunk, nodes)
			for r := from; r < to; r++ {
				h := &b.hashes[order[r]]
				if bk == nil || r == from || h[0] != b.hashes[order[r-1]][0] || h[1] != b.hashes[order[r-1]][1] {
					var err error
					if bk, err = bucket(tx, valueBucket(kind, *h)); err != nil {
						return 0, fmt.Errorf("node buckets: %w", err)
					}
					bk.FillPercent = 1
				}
				x := nodeID(int32(r))
				if kind == 'n' {
					x = refCount[r]
				}
				if err := bk.Put(h[:], slab.uvarint(x)); err != nil {
					return 0, fmt.Errorf("node buckets: %w", err)
				}
			}
			return to, nil
		})
		if err != nil {
			return 0, err
		}
	}

	// Each quad index, in key order; within a key, quads in ID order.
	// kept[k] is the quad whose ID is quadID(k).
	keys = keys[:len(kept)]
	for _, ind := range indexes {
		for k, i := range kept {
			var ids [4]int32
			for j, d := range ind.Dirs {
				ids[j] = b.quads[i][int(d)-int(quad.Subject)]
			}
			keys[k] = packKey(ids, uint32(k))
		}
		slices.SortFunc(keys, compareKeys)
		name, keyLen := indexBucket(ind)
		err = inChunks(ctx, db, len(keys), func(tx *bbolt.Tx, from int) (int, error) {
			bk, err := bucket(tx, name)
			if err != nil {
				return 0, fmt.Errorf("quad index %s: %w", name, err)
			}
			bk.FillPercent = 1
			var slab slab
			i := from
			for i < len(keys) && i-from < buildChunk {
				j := i + 1
				for j < len(keys) && keys[j].sameNodes(keys[i]) {
					j++
				}
				k := slab.take(keyLen)
				for n := range ind.Dirs {
					binary.BigEndian.PutUint64(k[8*n:], uint64(keys[i].node(n)))
				}
				val := slab.take((j - i) * binary.MaxVarintLen64)[:0]
				for _, key := range keys[i:j] {
					val = binary.AppendUvarint(val, quadID(int(key.last())))
				}
				if err := bk.Put(k, val); err != nil {
					return 0, fmt.Errorf("quad index %s: %w", name, err)
				}
				i = j
			}
			return i, nil
		})
		if err != nil {
			return 0, err
		}
	}

	if len(kept) == 0 {
		return 0, nil
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		meta := tx.Bucket(metaBucket)
		if err := putUint64(meta, keyHorizon, horizon); err != nil {
			return err
		}
		return putUint64(meta, keySize, uint64(len(kept)))
	})
	if err != nil {
		return 0, err
	}
	return int64(len(kept)), nil
}

// sortKey packs four node IDs (a node's rank plus one, 0 for none) and one
// more number after them, 32 bits each, so that sorting compares words.
type sortKey [3]uint64

func packKey(ranks [4]int32, last uint32) sortKey {
	var id [4]uint64
	for i, r := range ranks {
		id[i] = uint64(r + 1) // -1, no node, is 0
	}
	return sortKey{id[0]<<32 | id[1], id[2]<<32 | id[3], uint64(last) << 32}
}

func compareKeys(a, b sortKey) int {
	for i := range a {
		if a[i] != b[i] {
			return cmp.Compare(a[i], b[i])
		}
	}
	return 0
}

// node returns the i-th node ID.
func (k sortKey) node(i int) uint32 { return uint32(k[i/2] >> (32 * (1 - i%2))) }

func (k sortKey) last() uint32 { return uint32(k[2] >> 32) }

func (k sortKey) sameNodes(o sortKey) bool { return k[0] == o[0] && k[1] == o[1] }

// empty reports whether the store in tx has never held a quad (Cayley
// has given out no ID).
func empty(tx *bbolt.Tx) (bool, error) {
	meta := tx.Bucket(metaBucket)
	if meta == nil {
		return false, ErrNotCayley
	}
	return getUint64(meta.Get(keyHorizon)) == 0, nil
}

// inChunks calls put, in one write transaction after another, until it has
// put items [0, n). put starts at item from and returns where it stopped.
func inChunks(ctx context.Context, db *bbolt.DB, n int, put func(tx *bbolt.Tx, from int) (int, error)) error {
	for from := 0; from < n; {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := db.Update(func(tx *bbolt.Tx) (err error) {
			from, err = put(tx, from)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
