package main

import (
	"context"
	"fmt"
	"time"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/server"
	"github.com/kgraph/kg/queries"
)

// mountQueries adds the named queries to the server under /api/queries,
// each bounded by timeout and the server's result cap. It returns a
// function that builds their name index ahead of the first request.
func mountQueries(srv *server.Server, st *graph.Store, timeout time.Duration) func(context.Context) error {
	e := queries.New(st)
	h := queries.Handler(e, queries.Limits{Timeout: timeout, MaxResults: srv.MaxResults()})
	srv.Handle("/api/queries", h)
	srv.Handle("/api/queries/", h)
	return func(ctx context.Context) error {
		st.RLock()
		defer st.RUnlock()
		if _, err := e.Index(ctx); err != nil {
			return fmt.Errorf("index names: %w", err)
		}
		return nil
	}
}
