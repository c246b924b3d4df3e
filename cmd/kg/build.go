package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/build"
	"github.com/kgraph/kg/graph/vocab"
	"github.com/kgraph/kg/seeds"
)

func init() {
	register(command{
		name:    "build",
		summary: "load the bundled seeds (or, with --docs DIR, extract and load every .txt in DIR and its subfolders) into the store",
		run:     runBuild,
	})
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := newFlags("build", "[--docs DIR] [--store bolt|memory] [--db PATH]", stderr)
	sf.register(fs)
	docs := fs.String("docs", "", "extract triples from every NAME.txt in `DIR` and its subfolders (with NAME.meta.json sidecars; NAME.kg curated files, here or in seeds/, take precedence)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := sf.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if *docs != "" {
		return buildDocs(ctx, st, *docs, sf.minter(), stdout, stderr)
	}
	return buildSeeds(ctx, st, sf.minter(), stdout)
}

// buildDocs extracts and loads every document of dir, reporting each file
// on w and a progress bar on stderr when it is a terminal.
func buildDocs(ctx context.Context, st *graph.Store, dir string, m vocab.Minter, w, stderr io.Writer) error {
	if info, err := os.Stat(dir); err != nil {
		return fmt.Errorf("--docs: %w", err)
	} else if !info.IsDir() {
		return fmt.Errorf("--docs %s: not a directory", dir)
	}
	opt := build.DocsOptions{Minter: m, Curated: seeds.FS}
	if isTerminal(stderr) {
		opt.Progress = func(done, total int) { progressBar(stderr, done, total) }
	}
	rep, err := build.RunDocs(ctx, st, os.DirFS(dir), opt)
	if opt.Progress != nil {
		fmt.Fprintln(stderr)
	}
	loaded, failed := 0, 0
	var added int64
	if rep != nil {
		for _, r := range rep.Results {
			if r.Err != nil {
				failed++
				fmt.Fprintf(w, "skipped %s: %v\n", r.File, r.Err)
				continue
			}
			loaded++
			added += r.Added
			if r.Curation != "" {
				fmt.Fprintf(w, "curated %s: %s\n", r.File, r.Curation)
			}
		}
	}
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	fmt.Fprintf(w, "built %d documents from %s: %d new quads", loaded, dir, added)
	if failed > 0 {
		fmt.Fprintf(w, "; %d skipped", failed)
	}
	fmt.Fprintln(w)
	if loaded == 0 && failed > 0 {
		return fmt.Errorf("build: no document of %s could be loaded", dir)
	}
	return nil
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progressBar redraws a one-line bar: "extracting [=====>    ] 12/40".
func progressBar(w io.Writer, done, total int) {
	const width = 30
	n := 0
	if total > 0 {
		n = done * width / total
	}
	bar := strings.Repeat("=", n)
	if n < width {
		bar += ">" + strings.Repeat(" ", width-n-1)
	}
	fmt.Fprintf(w, "\rextracting [%s] %d/%d", bar, done, total)
}
