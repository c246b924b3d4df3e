package graph

import (
	"context"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
)

// Queryable returns the store as Cayley's query languages should see it:
// every iterator it makes stops once the context it is driven with ends.
//
// Cayley's memory and key-value iterators never look at their context, so
// a join that finds nothing, such as an MQL query nesting two reverse
// hops, runs to its end however long that takes, past any timeout. Cayley
// passes the caller's context down to every Next and Contains, so checking
// it at the leaves, where the store is read, is enough to end the whole
// tree. SQL stores already pass the context to each database query and
// are returned as they are, so as not to hide the shapes Cayley's SQL
// optimiser turns into single queries.
func (s *Store) Queryable() graph.QuadStore {
	if isSQL(s.Kind) {
		return s.QuadStore
	}
	return interruptible{s.QuadStore}
}

// interruptible wraps a store's iterators in ctxIterator.
type interruptible struct {
	graph.QuadStore
}

func (qs interruptible) QuadIterator(d quad.Direction, v graph.Ref) iterator.Shape {
	return watch(qs.QuadStore.QuadIterator(d, v))
}

func (qs interruptible) NodesAllIterator() iterator.Shape {
	return watch(qs.QuadStore.NodesAllIterator())
}

func (qs interruptible) QuadsAllIterator() iterator.Shape {
	return watch(qs.QuadStore.QuadsAllIterator())
}

// OptimizeShape lets the store's own optimiser (the key-value store's
// index scans) work as if unwrapped; what it builds reads the store
// directly, so its iterators are wrapped too.
func (qs interruptible) OptimizeShape(ctx context.Context, s shape.Shape) (shape.Shape, bool) {
	o, ok := qs.QuadStore.(shape.Optimizer)
	if !ok {
		return s, false
	}
	out, changed := o.OptimizeShape(ctx, s)
	if !changed {
		return s, false
	}
	return storeShape{Shape: out, qs: qs.QuadStore}, true
}

// ValuesOf and RefsOf keep the store's batch lookups, which Cayley finds
// by type assertion.
func (qs interruptible) ValuesOf(ctx context.Context, vals []graph.Ref) ([]quad.Value, error) {
	return refs.ValuesOf(ctx, qs.QuadStore, vals)
}

func (qs interruptible) RefsOf(ctx context.Context, nodes []quad.Value) ([]graph.Ref, error) {
	return refs.RefsOf(ctx, qs.QuadStore, nodes)
}

// storeShape is a shape the store's optimiser made, which must be built
// against the unwrapped store.
type storeShape struct {
	shape.Shape
	qs graph.QuadStore
}

func (s storeShape) BuildIterator(graph.QuadStore) iterator.Shape {
	return watch(s.Shape.BuildIterator(s.qs))
}

func (s storeShape) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

// checkEvery is how many steps an iterator takes between looks at its
// context: often enough to stop within microseconds, rarely enough to cost
// nothing measurable.
const checkEvery = 64

func watch(it iterator.Shape) iterator.Shape {
	if it == nil || iterator.IsNull(it) {
		return it
	}
	if _, ok := it.(ctxShape); ok {
		return it
	}
	return ctxShape{it}
}

// ctxShape is an iterator shape whose scanners and indexes stop when the
// context they are driven with ends.
type ctxShape struct {
	iterator.Shape
}

func (s ctxShape) Iterate() iterator.Scanner {
	return &ctxScanner{Scanner: s.Shape.Iterate()}
}

func (s ctxShape) Lookup() iterator.Index {
	return &ctxIndex{Index: s.Shape.Lookup()}
}

func (s ctxShape) Optimize(ctx context.Context) (iterator.Shape, bool) {
	out, ok := s.Shape.Optimize(ctx)
	return watch(out), ok
}

// ctxCheck counts steps and says when the context has ended.
type ctxCheck struct {
	n   int
	err error
}

func (c *ctxCheck) stop(ctx context.Context) bool {
	if c.err != nil {
		return true
	}
	// The first step looks too: joins make an iterator per value they
	// test, and many of those take only a step or two.
	c.n++
	if c.n%checkEvery != 1 {
		return false
	}
	c.err = ctx.Err()
	return c.err != nil
}

type ctxScanner struct {
	iterator.Scanner
	c ctxCheck
}

func (it *ctxScanner) Next(ctx context.Context) bool {
	return !it.c.stop(ctx) && it.Scanner.Next(ctx)
}

func (it *ctxScanner) NextPath(ctx context.Context) bool {
	return !it.c.stop(ctx) && it.Scanner.NextPath(ctx)
}

func (it *ctxScanner) Err() error {
	if it.c.err != nil {
		return it.c.err
	}
	return it.Scanner.Err()
}

type ctxIndex struct {
	iterator.Index
	c ctxCheck
}

func (it *ctxIndex) Contains(ctx context.Context, v graph.Ref) bool {
	return !it.c.stop(ctx) && it.Index.Contains(ctx, v)
}

func (it *ctxIndex) NextPath(ctx context.Context) bool {
	return !it.c.stop(ctx) && it.Index.NextPath(ctx)
}

func (it *ctxIndex) Err() error {
	if it.c.err != nil {
		return it.c.err
	}
	return it.Index.Err()
}
