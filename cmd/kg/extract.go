package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/extract/timex"
	"github.com/kgraph/kg/graph/vocab"
)

func init() {
	register(command{
		name:    "extract",
		summary: "extract mentions, dates and triples with provenance from a text (--dates: dates only)",
		run:     runExtract,
	})
}

// extractOptions are the flags of kg extract. Each kind of extraction is a
// flag of its own, so that a later one (triples) adds a field and a case.
type extractOptions struct {
	dates  bool
	ref    string
	format string
	base   string
}

const refLayout = "2006-01-02"

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var opt extractOptions
	fs := newFlags("extract", "[--format json|nquads] [--dates] [--ref YYYY-MM-DD] FILE|-", stderr)
	fs.BoolVar(&opt.dates, "dates", false, "only find and normalise temporal expressions (TIMEX3)")
	fs.StringVar(&opt.format, "format", "json", "output `format`: json (mentions, dates, triples with provenance) or nquads")
	fs.StringVar(&opt.base, "base", vocab.DefaultBase, "base IRI of entity IRIs")
	fs.StringVar(&opt.ref, "ref", "", "document date `YYYY-MM-DD`; default: NAME.meta.json beside FILE, else the latest date in the text")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	if opt.format != "json" && opt.format != "nquads" {
		return fmt.Errorf("--format %q: want json or nquads", opt.format)
	}
	path := fs.Arg(0)
	text, err := readInput(path)
	if err != nil {
		return err
	}
	ref, err := documentDate(opt.ref, path, text)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if !opt.dates {
		name := "stdin.txt"
		if path != "-" {
			name = filepath.Base(path)
		}
		if !strings.HasSuffix(name, ".txt") {
			name = strings.TrimSuffix(name, filepath.Ext(name)) + ".txt"
		}
		if err := extract.CheckText(name, []byte(text)); err != nil {
			return err
		}
		res := extract.Extract(extract.Input{Name: name, Text: text, Ref: ref})
		extract.Resolve([]*extract.Result{res})
		res.Refresh()
		return writeExtraction(stdout, res, vocab.Minter{Base: opt.base}, opt.format)
	}
	found := timex.Tag(text, ref)
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(found); err != nil {
		return fmt.Errorf("write dates: %w", err)
	}
	return nil
}

// readInput reads FILE, or standard input for "-".
func readInput(path string) (string, error) {
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(os.Stdin)
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return "", fmt.Errorf("read input: %w", err)
	}
	return string(b), nil
}

// documentDate picks the reference date: --ref, else the "date" of the
// NAME.meta.json sidecar beside NAME.txt, else the latest full date the text
// states.
func documentDate(flagRef, path, text string) (time.Time, error) {
	if flagRef != "" {
		t, err := time.Parse(refLayout, flagRef)
		if err != nil {
			return time.Time{}, fmt.Errorf("--ref %q: want YYYY-MM-DD: %w", flagRef, err)
		}
		return t, nil
	}
	if path != "-" {
		meta := strings.TrimSuffix(path, filepath.Ext(path)) + ".meta.json"
		b, err := os.ReadFile(meta)
		switch {
		case err == nil:
			var m struct {
				Date string `json:"date"`
			}
			if err := json.Unmarshal(b, &m); err != nil {
				return time.Time{}, fmt.Errorf("read %s: %w", meta, err)
			}
			if m.Date != "" {
				t, err := time.Parse(refLayout, m.Date)
				if err != nil {
					return time.Time{}, fmt.Errorf("%s: date %q: want YYYY-MM-DD: %w", meta, m.Date, err)
				}
				return t, nil
			}
		case !errors.Is(err, os.ErrNotExist):
			return time.Time{}, fmt.Errorf("read sidecar: %w", err)
		}
	}
	if t, ok := timex.RefDate(text); ok {
		return t, nil
	}
	return time.Time{}, errors.New("no document date: pass --ref YYYY-MM-DD, add a NAME.meta.json with a \"date\", or state a full date in the text")
}

// extraction is the JSON kg extract prints.
type extraction struct {
	Document string             `json:"document"`
	Mentions []*extract.Mention `json:"mentions"`
	Dates    []timex.Timex      `json:"dates"`
	Triples  []tripleOut        `json:"triples"`
}

// tripleOut is one quad with its provenance.
type tripleOut struct {
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	Object    string `json:"object"`
	Graph     string `json:"graph"`
	Sentence  int    `json:"sentence"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Evidence  string `json:"evidence"`
	Rule      string `json:"rule"`
}

func writeExtraction(w io.Writer, res *extract.Result, m vocab.Minter, format string) error {
	qs := res.Quads(m)
	if format == "nquads" {
		for _, q := range qs {
			if _, err := fmt.Fprintln(w, q.Quad.NQuad()); err != nil {
				return fmt.Errorf("write quads: %w", err)
			}
		}
		return nil
	}
	out := extraction{Document: res.Doc, Mentions: res.Mentions, Dates: res.Dates, Triples: []tripleOut{}}
	if out.Mentions == nil {
		out.Mentions = []*extract.Mention{}
	}
	if out.Dates == nil {
		out.Dates = []timex.Timex{}
	}
	text := res.Text()
	for _, q := range qs {
		t := tripleOut{
			Subject: q.Subject.String(), Predicate: q.Predicate.String(), Object: q.Object.String(),
			Graph: q.Label.String(), Sentence: q.Sentence, Start: q.Start, End: q.End, Rule: q.Rule,
		}
		if q.Start >= 0 && q.End <= len(text) && q.Start < q.End {
			t.Evidence = text[q.Start:q.End]
		}
		out.Triples = append(out.Triples, t)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write extraction: %w", err)
	}
	return nil
}
