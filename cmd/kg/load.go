package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kgraph/kg/graph"
)

func init() {
	register(command{
		name:    "load",
		summary: "import N-Quads files (.nq, .nq.gz) into the store, in batches",
		run:     runLoad,
	})
}

func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := newFlags("load", "[--store ...] [--db PATH] [--batch N] [--skip-bad] FILE.nq[.gz] ...", stderr)
	sf.register(fs)
	batch := fs.Int("batch", 0, fmt.Sprintf("quads per transaction (default %d; %d on PostgreSQL)", graph.DefaultBatch, graph.DefaultSQLBatch))
	quiet := fs.Bool("q", false, "no progress bar")
	noSync := fs.Bool("nosync", false, "bolt: do not flush to disk at each batch (about 15% faster; safe if kg is killed, not if the machine loses power)")
	skipBad := fs.Bool("skip-bad", false, "skip bad lines, reporting each, instead of loading nothing from a file with one")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	sf.noSync = *noSync
	st, err := sf.open()
	if err != nil {
		return err
	}
	defer st.Close()
	failed := 0
	for _, file := range fs.Args() {
		start := time.Now()
		bar := newProgress(stderr, file, *quiet)
		opt := graph.LoadOptions{Batch: *batch, Progress: bar.update}
		if *skipBad {
			opt.SkipBad = func(le *graph.LineError) {
				bar.finish()
				fmt.Fprintf(stderr, "kg load: skipped %v\n", le)
			}
		}
		res, err := st.LoadFile(ctx, file, opt)
		bar.finish()
		if err != nil {
			fmt.Fprintf(stderr, "kg load: %v\n", err)
			failed++
			if ctx.Err() != nil {
				return ctx.Err()
			}
			continue
		}
		secs := time.Since(start).Seconds()
		skipped := ""
		if *skipBad {
			skipped = fmt.Sprintf(", %d bad lines skipped", res.Skipped)
		}
		fmt.Fprintf(stdout, "loaded %s: %d quads, %d new%s, in %.1fs (%.0f quads/s)\n", file, res.Read, res.Added, skipped, secs, float64(res.Read)/secs)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files failed", failed, fs.NArg())
	}
	return nil
}

// progress draws a progress bar on a terminal, and nothing elsewhere.
type progress struct {
	w     io.Writer
	name  string
	on    bool
	drawn bool
}

func newProgress(w io.Writer, name string, quiet bool) *progress {
	on := false
	if f, ok := w.(*os.File); ok && !quiet {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &progress{w: w, name: name, on: on}
}

func (p *progress) update(done, total int64) {
	if !p.on || total == 0 {
		return
	}
	const width = 30
	fill := int(done * width / total)
	bar := make([]byte, width)
	for i := range bar {
		if i < fill {
			bar[i] = '#'
		} else {
			bar[i] = '.'
		}
	}
	fmt.Fprintf(p.w, "\r%s [%s] %d/%d quads", p.name, bar, done, total)
	p.drawn = true
}

func (p *progress) finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
