package main

import (
	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/server"
	"github.com/kgraph/kg/graph/vocab"
)

// mountQueries adds the named queries to the server.
func mountQueries(srv *server.Server, st *graph.Store, m vocab.Minter) {}
