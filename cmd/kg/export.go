package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kgraph/kg/graph"
)

func init() {
	register(command{
		name:    "export",
		summary: "write the whole graph as N-Quads or another format",
		run:     runExport,
	})
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := newFlags("export", "[--format nquads|jsonld|graphml|dot|json] [-o FILE]", stderr)
	sf.register(fs)
	format := fs.String("format", "nquads", "output format: "+strings.Join(graph.ExportFormats(), ", "))
	out := fs.String("o", "-", "output file; - for standard output")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if _, err := graph.Format(*format); err != nil {
		return err
	}
	st, err := sf.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if *out == "-" {
		_, err = st.Export(ctx, stdout, *format)
		return err
	}
	// Write beside the target and rename, so a failed export leaves no
	// half-written file under the asked-for name.
	tmp, err := os.CreateTemp(dirOf(*out), ".kg-export-*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	n, err := st.Export(ctx, tmp, *format)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stderr, "wrote %d quads to %s\n", n, *out)
	return nil
}

func dirOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i+1]
	}
	return "."
}
