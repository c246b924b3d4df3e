package graph

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
)

// EachWithPredicate calls fn with the subject and object of every quad
// whose predicate is pred. The caller holds the store's read lock. On SQL
// stores it reads them in one query: Cayley's SQL store reads each value
// with a query of its own, which on a large graph takes minutes.
func (s *Store) EachWithPredicate(ctx context.Context, pred quad.IRI, fn func(sub, obj quad.Value) error) error {
	if s.sqlDB == nil {
		return s.eachWithPredicateIndexed(ctx, pred, fn)
	}
	cols := nodeValueColumns
	rows, err := s.sqlDB.QueryContext(ctx, `SELECT `+prefixed("s.", splitCols(cols))+`, `+prefixed("o.", splitCols(cols))+`
		FROM quads q JOIN nodes s ON s.hash = q.subject_hash JOIN nodes o ON o.hash = q.object_hash
		WHERE q.predicate_hash = $1`, csql.NodeHash{ValueHash: refs.HashOf(pred)}.SQLValue())
	if err != nil {
		return fmt.Errorf("read %s: %w", pred, err)
	}
	defer rows.Close()
	var a, b nodeRow
	for rows.Next() {
		if err := rows.Scan(append(a.dest(), b.dest()...)...); err != nil {
			return fmt.Errorf("read %s: %w", pred, err)
		}
		sv, err := a.value()
		if err != nil {
			return err
		}
		ov, err := b.value()
		if err != nil {
			return err
		}
		if err := fn(sv, ov); err != nil {
			return err
		}
	}
	return rows.Err()
}

func splitCols(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			c := s[start:i]
			for len(c) > 0 && c[0] == ' ' {
				c = c[1:]
			}
			out = append(out, c)
			start = i + 1
		}
	}
	return out
}

// nodeValueColumns are the columns of Cayley's nodes table that nodeRow
// reads a value from.
const nodeValueColumns = "value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time"

// nodeRow is a row of Cayley's nodes table, read back into the value it
// stores (the inverse of csql.NodeValues).
type nodeRow struct {
	raw        []byte
	str        sql.NullString
	datatype   sql.NullString
	lang       sql.NullString
	iri, bnode sql.NullBool
	i          sql.NullInt64
	b          sql.NullBool
	f          sql.NullFloat64
	t          sql.NullTime
}

func (r *nodeRow) dest() []any {
	return []any{&r.raw, &r.str, &r.datatype, &r.lang, &r.iri, &r.bnode, &r.i, &r.b, &r.f, &r.t}
}

func (r *nodeRow) value() (quad.Value, error) {
	switch {
	case r.raw != nil:
		v, err := pquads.UnmarshalValue(r.raw)
		if err != nil {
			return nil, fmt.Errorf("read node: %w", err)
		}
		return v, nil
	case r.str.Valid && r.iri.Valid && r.iri.Bool:
		return quad.IRI(r.str.String), nil
	case r.str.Valid && r.bnode.Valid && r.bnode.Bool:
		return quad.BNode(r.str.String), nil
	case r.str.Valid && r.datatype.Valid:
		return quad.TypedString{Value: quad.String(r.str.String), Type: quad.IRI(r.datatype.String)}, nil
	case r.str.Valid && r.lang.Valid:
		return quad.LangString{Value: quad.String(r.str.String), Lang: r.lang.String}, nil
	case r.str.Valid:
		return quad.String(r.str.String), nil
	case r.i.Valid:
		return quad.Int(r.i.Int64), nil
	case r.b.Valid:
		return quad.Bool(r.b.Bool), nil
	case r.f.Valid:
		return quad.Float(r.f.Float64), nil
	case r.t.Valid:
		return quad.Time(r.t.Time.In(time.UTC)), nil
	}
	return nil, fmt.Errorf("read node: a row with no value")
}

// eachWithPredicateIndexed reads the quads with pred straight from the
// store's predicate index: on a large key-value store, much faster than a
// path from all nodes.
func (s *Store) eachWithPredicateIndexed(ctx context.Context, pred quad.IRI, fn func(sub, obj quad.Value) error) error {
	qs := s.QuadStore
	ref, err := qs.ValueOf(pred)
	if err != nil {
		return err
	}
	if ref == nil {
		return nil // no quad has it
	}
	it := qs.QuadIterator(quad.Predicate, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			return err
		}
		if err := fn(q.Subject, q.Object); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}
