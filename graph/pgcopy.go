package graph

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// Cayley's SQL writer inserts row by row, one statement per node and per
// quad. On PostgreSQL, kg loads a batch with COPY instead: nodes and quads go
// into temporary tables, then into Cayley's own tables in two set-based
// statements, with the same hashes, value columns and reference counts
// Cayley writes, so that Cayley reads the result as its own.

// nodeColumns are the columns of Cayley's nodes table that a COPY fills,
// after hash and refs.
var nodeColumns = []string{"value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// copyLoad adds quads to a PostgreSQL store in one transaction and returns
// how many were new.
func (s *Store) copyLoad(ctx context.Context, quads []quad.Quad) (int64, error) {
	tx, err := s.sqlDB.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	for _, stmt := range []string{
		`CREATE TEMP TABLE kg_nodes (hash BYTEA, value BYTEA, value_string TEXT, datatype TEXT, language TEXT,
			iri BOOLEAN, bnode BOOLEAN, value_int BIGINT, value_bool BOOLEAN, value_float double precision,
			value_time timestamp with time zone) ON COMMIT DROP`,
		`CREATE TEMP TABLE kg_quads (s BYTEA, p BYTEA, o BYTEA, l BYTEA) ON COMMIT DROP`,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return 0, err
		}
	}
	if err := copyNodes(ctx, tx, quads); err != nil {
		return 0, err
	}
	if err := copyQuads(ctx, tx, quads); err != nil {
		return 0, err
	}
	// Nodes first (the quads table refers to them), with no references
	// yet; then the quads that are new; then each node gains a reference
	// per direction it fills in a new quad, as Cayley counts them.
	if _, err := tx.ExecContext(ctx, `INSERT INTO nodes (hash, refs, `+strings.Join(nodeColumns, ", ")+`)
		SELECT hash, 0, `+strings.Join(nodeColumns, ", ")+` FROM kg_nodes
		ON CONFLICT (hash) DO NOTHING`); err != nil {
		return 0, err
	}
	var added int64
	err = tx.QueryRowContext(ctx, `WITH new AS (
			INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
			SELECT DISTINCT s, p, o, l, now() FROM kg_quads
			ON CONFLICT DO NOTHING
			RETURNING subject_hash, predicate_hash, object_hash, label_hash),
		counts AS (
			SELECT h, count(*) AS refs FROM (
				SELECT subject_hash AS h FROM new UNION ALL SELECT predicate_hash FROM new
				UNION ALL SELECT object_hash FROM new
				UNION ALL SELECT label_hash FROM new WHERE label_hash IS NOT NULL) x
			GROUP BY h),
		counted AS (
			UPDATE nodes SET refs = nodes.refs + counts.refs FROM counts
			WHERE nodes.hash = counts.h RETURNING 1)
		SELECT count(*) FROM new`).Scan(&added)
	if err != nil {
		return 0, err
	}
	return added, tx.Commit()
}

func prefixed(p string, cols []string) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = p + c
	}
	return strings.Join(out, ", ")
}

// copyNodes copies each distinct value of the quads into kg_nodes, in the
// columns Cayley's SQL store gives a value of its kind.
func copyNodes(ctx context.Context, tx *sql.Tx, quads []quad.Quad) error {
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn("kg_nodes", append([]string{"hash"}, nodeColumns...)...))
	if err != nil {
		return err
	}
	seen := make(map[refs.ValueHash]bool, len(quads))
	row := make([]any, 1+len(nodeColumns))
	for _, q := range quads {
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v == nil {
				continue
			}
			h := refs.HashOf(v)
			if seen[h] {
				continue
			}
			seen[h] = true
			kind, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: h}, v)
			if err != nil {
				stmt.Close()
				return fmt.Errorf("value %v: %w", v, err)
			}
			for i := range row {
				row[i] = nil
			}
			row[0] = vals[0]
			for i, col := range kind.Columns() {
				row[1+columnIndex(col)] = vals[1+i]
			}
			if _, err := stmt.ExecContext(ctx, row...); err != nil {
				stmt.Close()
				return err
			}
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		stmt.Close()
		return err
	}
	return stmt.Close()
}

func columnIndex(col string) int {
	for i, c := range nodeColumns {
		if c == col {
			return i
		}
	}
	panic("graph: Cayley's SQL store has a node column kg does not know: " + col)
}

func copyQuads(ctx context.Context, tx *sql.Tx, quads []quad.Quad) error {
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn("kg_quads", "s", "p", "o", "l"))
	if err != nil {
		return err
	}
	for _, q := range quads {
		var l any
		if q.Label != nil {
			l = csql.NodeHash{ValueHash: refs.HashOf(q.Label)}.SQLValue()
		}
		if _, err := stmt.ExecContext(ctx,
			csql.NodeHash{ValueHash: refs.HashOf(q.Subject)}.SQLValue(),
			csql.NodeHash{ValueHash: refs.HashOf(q.Predicate)}.SQLValue(),
			csql.NodeHash{ValueHash: refs.HashOf(q.Object)}.SQLValue(),
			l); err != nil {
			stmt.Close()
			return err
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		stmt.Close()
		return err
	}
	return stmt.Close()
}
