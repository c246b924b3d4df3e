package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cayleygraph/cayley/query"

	"github.com/kgraph/kg/graph/server"
)

func init() {
	register(command{
		name:    "query",
		summary: "run a Gizmo, GraphQL or MQL query against the store and print JSON",
		run:     runQuery,
	})
}

func runQuery(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := newFlags("query", "[--lang gizmo|graphql|mql] [--limit N] 'QUERY'", stderr)
	sf.register(fs)
	lang := fs.String("lang", "gizmo", "query language: "+strings.Join(server.Languages, ", "))
	limit := fs.Int("limit", server.DefaultLimit, "most results to print")
	timeout := fs.Duration("timeout", server.DefaultQueryTimeout, "longest the query may run")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	l := query.GetLanguage(*lang)
	if l == nil {
		return fmt.Errorf("unknown query language %q (want one of %s)", *lang, strings.Join(server.Languages, ", "))
	}
	st, err := sf.open()
	if err != nil {
		return err
	}
	defer st.Close()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	it, err := l.Session(st.QuadStore).Execute(ctx, fs.Arg(0), query.Options{Limit: *limit, Collation: query.JSON})
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	defer it.Close()
	out := []any{}
	for it.Next(ctx) {
		out = append(out, it.Result())
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("query: %w", err)
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("query ran past the %v time limit", *timeout)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(map[string]any{"result": out})
}
