package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/build"
	"github.com/kgraph/kg/graph/vocab"
	"github.com/kgraph/kg/seeds"
)

// storeFlags are the flags every command that opens the store takes.
type storeFlags struct {
	kind   string
	path   string
	base   string
	noSync bool
}

func (f *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.kind, "store", graph.Bolt, "store kind: "+strings.Join(graph.Kinds(), " or "))
	fs.StringVar(&f.path, "db", graph.DefaultPath, "bolt store directory, or the connection URL of a postgres or cockroach store")
	fs.StringVar(&f.base, "base", vocab.DefaultBase, "base IRI of entity IRIs")
}

func (f *storeFlags) open() (*graph.Store, error) {
	return graph.Open(graph.Config{Kind: f.kind, Path: f.path, NoSync: f.noSync})
}

func (f *storeFlags) minter() vocab.Minter { return vocab.Minter{Base: f.base} }

// buildSeeds loads the bundled seeds into st and reports each file on w.
func buildSeeds(ctx context.Context, st *graph.Store, m vocab.Minter, w io.Writer) error {
	rep, err := build.Run(ctx, st, seeds.FS, build.Options{Minter: m})
	if rep != nil {
		for _, r := range rep.Results {
			if r.Err != nil {
				fmt.Fprintf(w, "skipped %s: %v\n", r.File, r.Err)
			} else {
				fmt.Fprintf(w, "loaded %s: %d quads, %d new\n", r.File, r.Quads, r.Added)
			}
		}
	}
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if failed := rep.Failed(); len(failed) > 0 {
		return fmt.Errorf("build: %d of %d documents failed", len(failed), len(rep.Results))
	}
	return nil
}
