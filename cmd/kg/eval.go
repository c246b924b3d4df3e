package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	iofs "io/fs"
	"os"

	seedeval "github.com/kgraph/kg/extract/eval"
	"github.com/kgraph/kg/graph/vocab"
	"github.com/kgraph/kg/seeds"

	"github.com/kgraph/kg/extract/timex"
	"github.com/kgraph/kg/extract/timex/eval"
)

func init() {
	register(command{
		name:    "eval",
		summary: "score the extractor against the curated seed triples (default, or --seed [DIR]); --timex DIR: the date tagger on TIMEX3",
		run:     runEval,
	})
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", "[--seed] [--dir DIR] | --timex DIR [--no-dct]; [--json] [--errors]", stderr)
	_ = fs.Bool("seed", true, "score the extractor against the curated triples of the seeds (the default)")
	seedDir := fs.String("dir", "", "score against the curated NAME.kg files in `DIR` instead of the bundled seeds")
	dir := fs.String("timex", "", "score the temporal tagger on the MEANTIME CAT XML files under `DIR`")
	asJSON := fs.Bool("json", false, "print the measures as JSON")
	noDCT := fs.Bool("no-dct", false, "leave out the document creation time mention (the dateline)")
	showErrors := fs.Bool("errors", false, "also list every missed, spurious or wrong expression")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	if *dir == "" {
		var src iofs.FS = seeds.FS
		if *seedDir != "" {
			src = os.DirFS(*seedDir)
		}
		res, err := seedeval.Seeds(src, vocab.Minter{})
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(res); err != nil {
				return fmt.Errorf("write measures: %w", err)
			}
		} else if err := res.WriteTable(stdout); err != nil {
			return err
		}
		if *showErrors {
			return res.WriteErrors(stdout)
		}
		return nil
	}
	docs, err := eval.LoadDir(*dir)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	res := eval.Evaluate(docs, timex.Tag, eval.Options{SkipCreationTime: *noDCT})
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return fmt.Errorf("write measures: %w", err)
		}
	} else if err := res.WriteTable(stdout); err != nil {
		return err
	}
	if *showErrors {
		return res.WriteErrors(stdout)
	}
	return nil
}
