package main

import (
	"time"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/server"
	"github.com/kgraph/kg/queries"
)

// mountQueries adds the named queries to the server under /api/queries,
// each bounded by timeout.
func mountQueries(srv *server.Server, st *graph.Store, timeout time.Duration) {
	h := queries.Handler(queries.New(st), timeout)
	srv.Handle("/api/queries", h)
	srv.Handle("/api/queries/", h)
}
