package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/kgraph/kg/extract/timex"
	"github.com/kgraph/kg/extract/timex/eval"
)

func init() {
	register(command{
		name:    "eval",
		summary: "score an extractor on an annotated corpus (--timex DIR: TempEval-3 timex measures)",
		run:     runEval,
	})
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", "--timex DIR [--json] [--no-dct] [--errors]", stderr)
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
		return errors.New("choose what to score: only --timex DIR is implemented")
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
