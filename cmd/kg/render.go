package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kgraph/kg/graph/render"
)

func init() {
	register(command{
		name:    "render",
		summary: "draw the graph or one entity's neighbourhood as SVG or PNG with Graphviz dot",
		run:     runRender,
	})
}

func runRender(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := newFlags("render", "--format svg|png [--entity NAME [--depth 2]] -o FILE", stderr)
	sf.register(fs)
	format := fs.String("format", "svg", "picture format: "+strings.Join(render.Formats, " or "))
	entity := fs.String("entity", "", "draw only this entity's neighbourhood (its schema:name or alternateName, any case)")
	depth := fs.Int("depth", 2, "links to follow from --entity")
	out := fs.String("o", "", "file to write (required)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	st, err := sf.open()
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.Size(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		if err := buildSeeds(ctx, st, sf.minter(), stderr); err != nil {
			return err
		}
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	st.RLock()
	err = render.Render(ctx, st.QuadStore, f, render.Options{Format: *format, Entity: *entity, Depth: *depth})
	st.RUnlock()
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out)
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return nil
}
