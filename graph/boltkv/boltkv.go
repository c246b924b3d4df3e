// Package boltkv adds quads to a bolt file in the layout of Cayley's
// key-value quad store, so that Cayley reads them back as its own.
//
// It exists for bulk loading. Cayley's writer (graph/kv ApplyDeltas) puts
// every key through a generic key-value layer that looks its bucket up
// again for each write, and writes keys in the order quads arrive; at a
// million quads it is most of the cost of a load. Write does the same work
// bucket by bucket, in key order, and Resolve lets a second core look the
// next batch's values up while Write commits the last one.
//
// The layout is that of github.com/cayleygraph/cayley/graph/kv (the file
// indexing.go) at the version go.mod pins. TestSameBytes checks that Write
// and Cayley's writer leave the same keys and values, timestamps aside, so
// a Cayley upgrade that changes the layout fails that test rather than a
// user's store. The one difference is deliberate: Cayley counts a
// reference to a node for every quad of a batch, even one it skips as
// already there; Write counts the quads it adds.
//
//	meta    horizon, size: little-endian uint64s, the last ID given out
//	        and the number of quads; indexes: the quad indexes, as JSON
//	log     big-endian ID: a protobuf Primitive, a node or a quad
//	vXY     SHA-1 of a value (X, Y its first two bytes): uvarint node ID
//	nXY     SHA-1 of a value: uvarint count of quad directions naming it
//	<dirs>  one bucket per quad index, named by its directions' prefixes
//	        ("sp", "ops"): the big-endian IDs of those directions, then
//	        the uvarint IDs of the quads that have them, ascending
package boltkv

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

var (
	metaBucket = []byte("meta")
	logBucket  = []byte("log")
	keyHorizon = []byte("horizon")
	keySize    = []byte("size")
	keyIndexes = []byte("indexes")
)

// indexFill is how full bolt leaves the index pages it splits. Its
// default, half, suits keys that arrive in random order; index keys start
// with a node ID, and new nodes have the highest IDs, so most arrive at
// the end, and fuller pages mean fewer to write at each commit.
const indexFill = 0.9

// ErrNotCayley means the file is not an initialised Cayley key-value store
// that lists its quad indexes (Cayley 0.7.6 and later write the list).
var ErrNotCayley = errors.New("not a Cayley key-value store with an index list")

// node is one distinct value of a batch.
type node struct {
	hash  refs.ValueHash
	val   quad.Value
	id    uint64
	isNew bool
	refs  uint64 // directions of the batch's new quads that name it
	known uint64 // the ID Resolve found, 0 for none
}

// Batch is a batch of quads made ready to write: its values hashed, told
// apart and sorted the way the store keeps them. Preparing one batch while
// the last one writes keeps a second core busy in a bulk load.
type Batch struct {
	nodes  []node     // distinct values, in hash order
	qnodes [][4]int32 // each distinct quad's nodes by direction, -1 for none

	// knownAfter is the write transaction after whose commit the IDs
	// Resolve found hold; 0 when it has not run.
	knownAfter int
	// written is closed when Write has given the batch's values IDs, and
	// txID is then the transaction Write ran in.
	written chan struct{}
	txID    int
}

// Prepare makes quads ready for Write. They must be valid
// (quad.Quad.IsValid).
func Prepare(quads []quad.Quad) *Batch {
	byHash := make(map[refs.ValueHash]int32, len(quads))
	var nodes []node
	qnodes := make([][4]int32, 0, len(quads))
	seen := make(map[[4]int32]struct{}, len(quads))
	add := func(h refs.ValueHash, v quad.Value) (int32, error) {
		nodes = append(nodes, node{hash: h, val: v})
		return int32(len(nodes) - 1), nil
	}
	for _, q := range quads {
		qn, _ := nodesOf(q, byHash, add)
		// The same values make the same quad: keep its first copy.
		if _, dup := seen[qn]; !dup {
			seen[qn] = struct{}{}
			qnodes = append(qnodes, qn)
		}
	}
	// Hash order is bucket order, and the order Cayley gives new values
	// their IDs in.
	order := make([]int32, len(nodes))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return bytes.Compare(nodes[a].hash[:], nodes[b].hash[:]) })
	sorted := make([]node, len(nodes))
	pos := make([]int32, len(nodes))
	for to, from := range order {
		sorted[to] = nodes[from]
		pos[from] = int32(to)
	}
	for i := range qnodes {
		for d, n := range qnodes[i] {
			if n >= 0 {
				qnodes[i][d] = pos[n]
			}
		}
	}
	return &Batch{nodes: sorted, qnodes: qnodes, written: make(chan struct{})}
}

// nodesOf numbers the values of q by their hashes, in byHash; a value it
// has not seen is numbered by add. A direction without a value is -1.
func nodesOf(q quad.Quad, byHash map[refs.ValueHash]int32, add func(refs.ValueHash, quad.Value) (int32, error)) ([4]int32, error) {
	var qn [4]int32
	for d, dir := range quad.Directions {
		v := q.Get(dir)
		if v == nil {
			qn[d] = -1
			continue
		}
		h := refs.HashOf(v)
		n, ok := byHash[h]
		if !ok {
			var err error
			if n, err = add(h, v); err != nil {
				return qn, err
			}
			byHash[h] = n
		}
		qn[d] = n
	}
	return qn, nil
}

// Resolve looks the batch's values up in the read-only transaction tx, so
// that Write, which holds the store's only write lock, need not. prev is
// the batch written just before this one, or nil; Resolve waits until
// Write has given prev's values their IDs. Write uses what Resolve found
// only if no other transaction has committed since: bolt numbers
// committed write transactions one after the other, so it can tell.
func (b *Batch) Resolve(ctx context.Context, db *bbolt.DB, prev *Batch) error {
	if prev != nil {
		select {
		case <-prev.written:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return db.View(func(tx *bbolt.Tx) error {
		// The snapshot is of the last commit: prev's, or the one before
		// it if prev is still committing; then prev's new values are
		// added from memory. Anything else and Write looks up itself.
		after := tx.ID()
		overlay := false
		if prev != nil {
			switch after {
			case prev.txID:
			case prev.txID - 1:
				overlay = true
				after = prev.txID
			default:
				return nil
			}
		}
		for i := range b.nodes {
			n := &b.nodes[i]
			n.known = lookup(tx, n.hash)
			if n.known == 0 && overlay {
				n.known = prev.newID(n.hash)
			}
		}
		b.knownAfter = after
		return nil
	})
}

// newID returns the ID Write gave a value new in the batch, or 0.
func (b *Batch) newID(h refs.ValueHash) uint64 {
	// Only the fields Write has finished with may be read: it is still
	// counting references.
	i := sort.Search(len(b.nodes), func(i int) bool { return bytes.Compare(b.nodes[i].hash[:], h[:]) >= 0 })
	if i < len(b.nodes) && b.nodes[i].hash == h && b.nodes[i].isNew {
		return b.nodes[i].id
	}
	return 0
}

// lookup returns the ID of the value with hash h, or 0 if the store lacks it.
func lookup(tx *bbolt.Tx, h refs.ValueHash) uint64 {
	if b := tx.Bucket(valueBucket('v', h)); b != nil {
		if v := b.Get(h[:]); v != nil {
			id, _ := binary.Uvarint(v)
			return id
		}
	}
	return 0
}

// Write adds the batch's quads that are not yet in the store, in the
// transaction tx, and returns how many it added. Quads already there, or
// repeated in the batch, are skipped.
func Write(tx *bbolt.Tx, b *Batch) (int64, error) {
	meta := tx.Bucket(metaBucket)
	if meta == nil {
		return 0, ErrNotCayley
	}
	indexes, err := readIndexes(meta)
	if err != nil {
		return 0, err
	}
	horizon := getUint64(meta.Get(keyHorizon))
	size := getUint64(meta.Get(keySize))
	now := time.Now().UnixNano()
	nodes, qnodes := b.nodes, b.qnodes
	// IDs from here on are given in this transaction, so no key the
	// store already has holds one.
	firstNew := horizon + 1

	useKnown := b.knownAfter != 0 && tx.ID() == b.knownAfter+1
	var newNodes int
	for i := range nodes {
		n := &nodes[i]
		n.isNew, n.refs = false, 0 // from a transaction rolled back
		if useKnown {
			n.id = n.known
		} else {
			n.id = lookup(tx, n.hash)
		}
		if n.id == 0 {
			newNodes++
			n.isNew = true
			n.id = horizon + uint64(newNodes)
		}
	}
	horizon += uint64(newNodes)
	if b.txID == 0 {
		b.txID = tx.ID()
		close(b.written)
	}

	// The quads that are new: those naming a new node, and the others
	// that no index lists with the same four IDs.
	exists := existsIndex(indexes)
	links := make([]*cproto.Primitive, 0, len(qnodes))
	prims := make([]cproto.Primitive, len(qnodes)) // one allocation for all
	logb := tx.Bucket(logBucket)
	if logb == nil {
		return 0, ErrNotCayley
	}
	for i := range qnodes {
		var ids [4]uint64
		isNew := false
		for d, n := range qnodes[i] {
			if n >= 0 {
				ids[d] = nodes[n].id
				isNew = isNew || nodes[n].isNew
			}
		}
		p := &prims[i]
		p.Subject, p.Predicate, p.Object, p.Label = ids[0], ids[1], ids[2], ids[3]
		if !isNew {
			found, err := hasLink(tx, logb, exists, p)
			if err != nil {
				return 0, err
			}
			if found {
				continue
			}
		}
		for _, n := range qnodes[i] {
			if n >= 0 {
				nodes[n].refs++
			}
		}
		links = append(links, p)
	}
	for i, p := range links {
		p.ID = horizon + uint64(i) + 1
		p.Timestamp = now
	}
	horizon += uint64(len(links))

	if err := writeNodes(tx, logb, nodes, now); err != nil {
		return 0, err
	}
	if err := writeLinks(tx, logb, indexes, links, firstNew); err != nil {
		return 0, err
	}
	if len(links) == 0 {
		return 0, nil // then no node is new either
	}
	if err := putUint64(meta, keyHorizon, horizon); err != nil {
		return 0, err
	}
	if err := putUint64(meta, keySize, size+uint64(len(links))); err != nil {
		return 0, err
	}
	return int64(len(links)), nil
}

// writeNodes records the batch's new nodes and the references its new
// quads make to every node.
func writeNodes(tx *bbolt.Tx, logb *bbolt.Bucket, nodes []node, now int64) error {
	var slab slab
	var ids []*cproto.Primitive
	for i := range nodes {
		n := &nodes[i]
		if n.refs == 0 {
			continue // only in quads the store already had
		}
		refsb, err := bucket(tx, valueBucket('n', n.hash))
		if err != nil {
			return fmt.Errorf("node references: %w", err)
		}
		count := n.refs
		if !n.isNew {
			c, _ := binary.Uvarint(refsb.Get(n.hash[:]))
			count += c
		}
		if err := refsb.Put(n.hash[:], slab.uvarint(count)); err != nil {
			return fmt.Errorf("node references: %w", err)
		}
		if !n.isNew {
			continue
		}
		vb, err := bucket(tx, valueBucket('v', n.hash))
		if err != nil {
			return fmt.Errorf("node index: %w", err)
		}
		if err := vb.Put(n.hash[:], slab.uvarint(n.id)); err != nil {
			return fmt.Errorf("node index: %w", err)
		}
		val, err := pquads.MarshalValue(n.val)
		if err != nil {
			return fmt.Errorf("node %v: %w", n.val, err)
		}
		ids = append(ids, &cproto.Primitive{ID: n.id, Value: val, Timestamp: now})
	}
	// IDs were given in hash order, so they are already ascending.
	return appendLog(logb, ids)
}

// writeLinks records new quads in the log and in every quad index.
func writeLinks(tx *bbolt.Tx, logb *bbolt.Bucket, indexes []ckv.QuadIndex, links []*cproto.Primitive, firstNew uint64) error {
	if err := appendLog(logb, links); err != nil {
		return err
	}
	// An index entry: the IDs of the index's directions, then the quad.
	type entry [5]uint64
	entries := make([]entry, len(links))
	var slab slab
	for _, ind := range indexes {
		name, keyLen := indexBucket(ind)
		b, err := bucket(tx, name)
		if err != nil {
			return fmt.Errorf("quad index %s: %w", name, err)
		}
		b.FillPercent = indexFill
		nd := len(ind.Dirs)
		for i, p := range links {
			var e entry
			for j, d := range ind.Dirs {
				e[j] = p.GetDirection(d)
			}
			e[nd] = p.ID
			entries[i] = e
		}
		// Sorting by the quad's ID last keeps each key's IDs ascending,
		// as Cayley's intersections expect.
		slices.SortFunc(entries, func(a, b entry) int { return slices.Compare(a[:nd+1], b[:nd+1]) })
		for i := 0; i < len(entries); {
			j := i + 1
			for j < len(entries) && slices.Equal(entries[j][:nd], entries[i][:nd]) {
				j++
			}
			key := slab.take(keyLen)
			var old []byte
			fresh := false
			for k, x := range entries[i][:nd] {
				binary.BigEndian.PutUint64(key[8*k:], x)
				fresh = fresh || x >= firstNew
			}
			if !fresh {
				old = b.Get(key)
			}
			val := slab.take(len(old) + (j-i)*binary.MaxVarintLen64)[:len(old)]
			copy(val, old)
			for _, e := range entries[i:j] {
				val = binary.AppendUvarint(val, e[nd])
			}
			if err := b.Put(key, val); err != nil {
				return fmt.Errorf("quad index %s: %w", name, err)
			}
			i = j
		}
	}
	return nil
}

// appendLog writes primitives, in ascending ID order, to the log.
func appendLog(logb *bbolt.Bucket, ps []*cproto.Primitive) error {
	// IDs only grow, so log pages fill from the end and need not leave
	// room for later inserts.
	logb.FillPercent = 1
	var slab slab
	for _, p := range ps {
		key := slab.take(8)
		binary.BigEndian.PutUint64(key, p.ID)
		val, err := slab.marshal(p)
		if err != nil {
			return fmt.Errorf("log %d: %w", p.ID, err)
		}
		if err := logb.Put(key, val); err != nil {
			return fmt.Errorf("log %d: %w", p.ID, err)
		}
	}
	return nil
}

// bucket opens a top-level bucket, creating it if the store lacks it.
func bucket(tx *bbolt.Tx, name []byte) (*bbolt.Bucket, error) {
	if b := tx.Bucket(name); b != nil {
		return b, nil
	}
	return tx.CreateBucket(name)
}

// slab hands out the keys and values of a transaction from large blocks:
// bolt keeps every one until the commit, and one allocation each costs a
// bulk load more than its writes.
type slab struct{ buf []byte }

const slabSize = 1 << 20

// take returns n bytes that stay valid for the life of the slab.
func (s *slab) take(n int) []byte {
	if len(s.buf)+n > cap(s.buf) {
		s.buf = make([]byte, 0, max(slabSize, n))
	}
	out := s.buf[len(s.buf) : len(s.buf)+n : len(s.buf)+n]
	s.buf = s.buf[:len(s.buf)+n]
	return out
}

func (s *slab) uvarint(x uint64) []byte {
	var b [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(b[:], x)
	out := s.take(n)
	copy(out, b[:n])
	return out
}

func (s *slab) marshal(p *cproto.Primitive) ([]byte, error) {
	n := proto.Size(p)
	out, err := proto.MarshalOptions{}.MarshalAppend(s.take(n)[:0], p)
	if err != nil || len(out) != n {
		return nil, fmt.Errorf("encode: %v (%d bytes, want %d)", err, len(out), n)
	}
	return out, nil
}

// existsIndex picks the index that narrows a quad down most: the one
// with the most directions.
func existsIndex(indexes []ckv.QuadIndex) ckv.QuadIndex {
	best := indexes[0]
	for _, ind := range indexes[1:] {
		if len(ind.Dirs) > len(best.Dirs) {
			best = ind
		}
	}
	return best
}

// hasLink reports whether the store holds a live quad with p's four IDs.
func hasLink(tx *bbolt.Tx, logb *bbolt.Bucket, ind ckv.QuadIndex, p *cproto.Primitive) (bool, error) {
	name, keyLen := indexBucket(ind)
	b := tx.Bucket(name)
	if b == nil {
		return false, nil
	}
	key := make([]byte, 0, keyLen)
	for _, d := range ind.Dirs {
		key = binary.BigEndian.AppendUint64(key, p.GetDirection(d))
	}
	list := b.Get(key)
	var id [8]byte
	for len(list) > 0 {
		x, n := binary.Uvarint(list)
		if n <= 0 {
			return false, fmt.Errorf("quad index %s: bad entry", name)
		}
		list = list[n:]
		binary.BigEndian.PutUint64(id[:], x)
		raw := logb.Get(id[:])
		if raw == nil {
			continue
		}
		var q cproto.Primitive
		if err := proto.Unmarshal(raw, &q); err != nil {
			return false, fmt.Errorf("log %d: %w", x, err)
		}
		if !q.Deleted && q.IsSameLink(p) {
			return true, nil
		}
	}
	return false, nil
}

// readIndexes reads the store's quad indexes.
func readIndexes(meta *bbolt.Bucket) ([]ckv.QuadIndex, error) {
	raw := meta.Get(keyIndexes)
	if raw == nil {
		return nil, ErrNotCayley
	}
	var out []ckv.QuadIndex
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("quad index list: %w", err)
	}
	if len(out) == 0 {
		return nil, ErrNotCayley
	}
	return out, nil
}

// indexBucket names an index's bucket and gives the length of its keys.
func indexBucket(ind ckv.QuadIndex) ([]byte, int) {
	name := make([]byte, len(ind.Dirs))
	for i, d := range ind.Dirs {
		name[i] = d.Prefix()
	}
	return name, 8 * len(ind.Dirs)
}

// valueBucket names the bucket of a value's ID ('v') or reference count
// ('n').
func valueBucket(kind byte, h refs.ValueHash) []byte {
	return []byte{kind, h[0], h[1]}
}

func getUint64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

func putUint64(b *bbolt.Bucket, key []byte, v uint64) error {
	return b.Put(key, binary.LittleEndian.AppendUint64(nil, v))
}
