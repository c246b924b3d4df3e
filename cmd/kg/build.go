package main

import (
	"context"
	"io"
)

func init() {
	register(command{
		name:    "build",
		summary: "load the bundled seed documents and their curated triples into the store",
		run:     runBuild,
	})
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := newFlags("build", "[--store bolt|memory] [--db PATH]", stderr)
	sf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := sf.open()
	if err != nil {
		return err
	}
	defer st.Close()
	return buildSeeds(ctx, st, sf.minter(), stdout)
}
