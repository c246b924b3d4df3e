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

	"github.com/kgraph/kg/extract/timex"
)

func init() {
	register(command{
		name:    "extract",
		summary: "extract information from a text (--dates: temporal expressions)",
		run:     runExtract,
	})
}

// extractOptions are the flags of kg extract. Each kind of extraction is a
// flag of its own, so that a later one (triples) adds a field and a case.
type extractOptions struct {
	dates bool
	ref   string
}

const refLayout = "2006-01-02"

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var opt extractOptions
	fs := newFlags("extract", "--dates [--ref YYYY-MM-DD] FILE|-", stderr)
	fs.BoolVar(&opt.dates, "dates", false, "find and normalise temporal expressions (TIMEX3)")
	fs.StringVar(&opt.ref, "ref", "", "document date `YYYY-MM-DD`; default: NAME.meta.json beside FILE, else the latest date in the text")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	if !opt.dates {
		return errors.New("choose what to extract: only --dates is implemented so far")
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
