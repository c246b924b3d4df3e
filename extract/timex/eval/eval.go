// Package eval scores the timex tagger on MEANTIME-style corpora (NewsReader
// CAT XML: tokens plus TIMEX3 markables anchored to token ids) with the
// TempEval-3 temporal-expression measures.
//
// The measures follow TempEval-3 (UzZaman et al., "SemEval-2013 Task 1:
// TempEval-3: Evaluating Time Expressions, Events, and Temporal Relations",
// SemEval 2013, section 4.1):
//
//   - strict match: system and gold extents are identical;
//   - relaxed match: the extents overlap;
//   - attribute F1 (here for value and type): precision is the number of
//     relaxed matches whose attribute is equal divided by the system's
//     expressions, recall the same number divided by the gold ones, so that
//     attribute F1 = attribute accuracy on matches × relaxed F1.
//
// MEANTIME annotates temporal expressions only in the first sentences of
// each article (the title, the dateline and the first four sentences of the
// body: no TIMEX3 of the 120 English files lies past sentence index 5), so
// system expressions are scored only in that part; Options.Sentences
// changes the limit.
//
// System and gold expressions are paired one to one: each gold expression
// takes the unused system expression with the same extent, else the one
// overlapping it most.
package eval

import (
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/kgraph/kg/extract/timex"
)

// Mention is one temporal expression over a text: a gold annotation or a
// system output.
type Mention struct {
	Start, End int
	Type       string
	Value      string
	// CreationTime marks the gold mention of the document creation time.
	CreationTime bool
}

// Doc is one corpus document rebuilt as plain text.
type Doc struct {
	Name string
	Text string
	// Ref is the document creation time, the reference date for tagging.
	Ref  time.Time
	Gold []Mention
	// SentenceStarts holds the byte offset of each sentence in Text.
	SentenceStarts []int
}

// xmlDoc mirrors the parts of a MEANTIME CAT XML file the scorer reads.
type xmlDoc struct {
	Name   string `xml:"doc_name,attr"`
	Tokens []struct {
		ID       string `xml:"t_id,attr"`
		Sentence string `xml:"sentence,attr"`
		Text     string `xml:",chardata"`
	} `xml:"token"`
	Timexes []struct {
		Type     string `xml:"type,attr"`
		Value    string `xml:"value,attr"`
		Function string `xml:"functionInDocument,attr"`
		Anchors  []struct {
			ID string `xml:"t_id,attr"`
		} `xml:"token_anchor"`
	} `xml:"Markables>TIMEX3"`
}

// noSpaceBefore are tokens glued to the previous one when the text is
// rebuilt; noSpaceAfter are glued to the next.
var (
	noSpaceBefore = map[string]bool{
		",": true, ".": true, ":": true, ";": true, "!": true, "?": true, ")": true,
		"]": true, "}": true, "%": true, "'s": true, "'re": true, "'ve": true,
		"'ll": true, "'d": true, "'m": true, "n't": true, "'S": true,
	}
	noSpaceAfter = map[string]bool{"(": true, "[": true, "{": true, "$": true, "US$": true, "#": true}
)

// Parse reads one MEANTIME document. The text is rebuilt from the tokens,
// one sentence a line, with spaces except around punctuation, and every
// gold TIMEX3 anchored to tokens becomes a Mention over that text.
func Parse(r io.Reader, name string) (Doc, error) {
	var x xmlDoc
	if err := xml.NewDecoder(r).Decode(&x); err != nil {
		return Doc{}, fmt.Errorf("parse %s: %w", name, err)
	}
	if x.Name != "" {
		name = x.Name
	}
	type span struct{ start, end int }
	spans := make(map[string]span, len(x.Tokens))
	var b strings.Builder
	d := Doc{Name: name, SentenceStarts: []int{0}}
	prevSentence, prevText := "", ""
	for i, t := range x.Tokens {
		if i > 0 {
			switch {
			case t.Sentence != prevSentence:
				b.WriteByte('\n')
				d.SentenceStarts = append(d.SentenceStarts, b.Len())
			case !noSpaceBefore[t.Text] && !noSpaceAfter[prevText]:
				b.WriteByte(' ')
			}
		}
		start := b.Len()
		b.WriteString(t.Text)
		spans[t.ID] = span{start, b.Len()}
		prevSentence, prevText = t.Sentence, t.Text
	}
	d.Text = b.String()
	seen := map[span]bool{}
	dctValue, dctText := "", ""
	for _, tx := range x.Timexes {
		if len(tx.Anchors) == 0 {
			continue // an empty TIMEX3 inferred by the annotators
		}
		first, ok1 := spans[tx.Anchors[0].ID]
		last, ok2 := spans[tx.Anchors[len(tx.Anchors)-1].ID]
		if !ok1 || !ok2 {
			return Doc{}, fmt.Errorf("parse %s: TIMEX3 anchored to unknown token", name)
		}
		sp := span{first.start, last.end}
		if sp.end < sp.start {
			sp = span{last.start, first.end}
		}
		dct := tx.Function == "CREATION_TIME"
		if dct && dctValue == "" {
			dctValue, dctText = tx.Value, d.Text[sp.start:sp.end]
		}
		if seen[sp] {
			continue
		}
		seen[sp] = true
		d.Gold = append(d.Gold, Mention{Start: sp.start, End: sp.end, Type: tx.Type, Value: tx.Value, CreationTime: dct})
	}
	sort.Slice(d.Gold, func(i, j int) bool { return d.Gold[i].Start < d.Gold[j].Start })
	// The creation time's value, else the date its words state, else the
	// latest date in the text.
	if t, err := time.Parse("2006-01-02", dctValue); err == nil {
		d.Ref = t
	} else if t, ok := timex.RefDate(dctText); ok {
		d.Ref = t
	} else if t, ok := timex.RefDate(d.Text); ok {
		d.Ref = t
	} else {
		return Doc{}, fmt.Errorf("parse %s: no document creation time", name)
	}
	return d, nil
}

// LoadDir reads every .xml file under dir as a MEANTIME document.
func LoadDir(dir string) ([]Doc, error) {
	var docs []Doc
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || !strings.HasSuffix(path, ".xml") {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		d, err := Parse(f, path)
		if err != nil {
			return err
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load corpus %s: %w", dir, err)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("load corpus %s: no .xml documents", dir)
	}
	return docs, nil
}

// DefaultSentences is the annotated part of a MEANTIME document: title,
// dateline and four sentences.
const DefaultSentences = 6

// Options change what is scored.
type Options struct {
	// Sentences is how many sentences from the start of each document were
	// annotated and are scored; 0 means DefaultSentences, -1 all.
	Sentences int
	// SkipCreationTime leaves out the gold mention of the document creation
	// time (the dateline) and any system mention overlapping it.
	SkipCreationTime bool
}

// Counts are the raw tallies behind the measures.
type Counts struct {
	Docs    int `json:"docs"`
	Gold    int `json:"gold"`
	System  int `json:"system"`
	Strict  int `json:"strict_matches"`
	Relaxed int `json:"relaxed_matches"`
	Value   int `json:"value_matches"`
	Type    int `json:"type_matches"`
}

// PRF is a precision, recall and F1 triple, in percent.
type PRF struct {
	P  float64 `json:"precision"`
	R  float64 `json:"recall"`
	F1 float64 `json:"f1"`
}

// Result holds the TempEval-3 measures.
type Result struct {
	Counts  Counts `json:"counts"`
	Strict  PRF    `json:"strict"`
	Relaxed PRF    `json:"relaxed"`
	Value   PRF    `json:"value"`
	Type    PRF    `json:"type"`
	// Errors lists mismatches, for error analysis.
	Errors []Diff `json:"-"`
}

// Diff is a gold mention the system missed or got wrong, or a spurious
// system mention.
type Diff struct {
	Doc        string
	Gold, Sys  *Mention
	GoldText   string
	SystemText string
}

func prf(hit, sys, gold int) PRF {
	var r PRF
	if sys > 0 {
		r.P = 100 * float64(hit) / float64(sys)
	}
	if gold > 0 {
		r.R = 100 * float64(hit) / float64(gold)
	}
	if r.P+r.R > 0 {
		r.F1 = 2 * r.P * r.R / (r.P + r.R)
	}
	return r
}

// Tagger is the function under test.
type Tagger func(text string, ref time.Time) []timex.Timex

// Evaluate tags every document with tag and scores it against the gold.
func Evaluate(docs []Doc, tag Tagger, opt Options) Result {
	var c Counts
	var diffs []Diff
	for _, d := range docs {
		gold := d.Gold
		var sys []Mention
		for _, t := range tag(d.Text, d.Ref) {
			sys = append(sys, Mention{Start: t.Start, End: t.End, Type: t.Type, Value: t.Value})
		}
		if limit := d.limit(opt.Sentences); limit < len(d.Text) {
			gold, sys = within(gold, limit), within(sys, limit)
		}
		if opt.SkipCreationTime {
			gold, sys = dropCreationTime(gold, sys)
		}
		c.Docs++
		c.Gold += len(gold)
		c.System += len(sys)
		pairs := align(gold, sys)
		used := make([]bool, len(sys))
		for gi, si := range pairs {
			g := gold[gi]
			if si < 0 {
				diffs = append(diffs, Diff{Doc: d.Name, Gold: &gold[gi], GoldText: d.Text[g.Start:g.End]})
				continue
			}
			used[si] = true
			s := sys[si]
			c.Relaxed++
			if s.Start == g.Start && s.End == g.End {
				c.Strict++
			}
			if sameValue(s.Value, g.Value) {
				c.Value++
			}
			if s.Type == g.Type {
				c.Type++
			}
			if !sameValue(s.Value, g.Value) || s.Start != g.Start || s.End != g.End {
				diffs = append(diffs, Diff{Doc: d.Name, Gold: &gold[gi], Sys: &sys[si], GoldText: d.Text[g.Start:g.End], SystemText: d.Text[s.Start:s.End]})
			}
		}
		for si := range sys {
			if !used[si] {
				s := sys[si]
				diffs = append(diffs, Diff{Doc: d.Name, Sys: &sys[si], SystemText: d.Text[s.Start:s.End]})
			}
		}
	}
	return Result{
		Counts:  c,
		Strict:  prf(c.Strict, c.System, c.Gold),
		Relaxed: prf(c.Relaxed, c.System, c.Gold),
		Value:   prf(c.Value, c.System, c.Gold),
		Type:    prf(c.Type, c.System, c.Gold),
		Errors:  diffs,
	}
}

// limit is the byte offset where the scored part of d ends.
func (d Doc) limit(sentences int) int {
	if sentences == 0 {
		sentences = DefaultSentences
	}
	if sentences < 0 || sentences >= len(d.SentenceStarts) {
		return len(d.Text)
	}
	return d.SentenceStarts[sentences]
}

// within keeps the mentions that start before limit.
func within(ms []Mention, limit int) []Mention {
	var out []Mention
	for _, m := range ms {
		if m.Start < limit {
			out = append(out, m)
		}
	}
	return out
}

// dropCreationTime removes the gold creation-time mentions and the system
// mentions overlapping them.
func dropCreationTime(gold, sys []Mention) ([]Mention, []Mention) {
	var g2, s2 []Mention
	var dct []Mention
	for _, g := range gold {
		if g.CreationTime {
			dct = append(dct, g)
		} else {
			g2 = append(g2, g)
		}
	}
	for _, s := range sys {
		keep := true
		for _, g := range dct {
			if overlap(s, g) > 0 {
				keep = false
			}
		}
		if keep {
			s2 = append(s2, s)
		}
	}
	return g2, s2
}

func overlap(a, b Mention) int {
	lo, hi := max(a.Start, b.Start), min(a.End, b.End)
	if hi <= lo {
		return 0
	}
	return hi - lo
}

// align pairs each gold mention with at most one system mention: the
// unused one with the same extent, else the one overlapping it most. It
// returns, per gold mention, the system index or -1.
func align(gold, sys []Mention) []int {
	out := make([]int, len(gold))
	used := make([]bool, len(sys))
	for gi := range out {
		out[gi] = -1
	}
	// Exact extents first, so that a loose pairing cannot steal them.
	for gi, g := range gold {
		for si, s := range sys {
			if !used[si] && s.Start == g.Start && s.End == g.End {
				out[gi], used[si] = si, true
				break
			}
		}
	}
	for gi, g := range gold {
		if out[gi] >= 0 {
			continue
		}
		best, bestOv := -1, 0
		for si, s := range sys {
			if ov := overlap(g, s); !used[si] && ov > bestOv {
				best, bestOv = si, ov
			}
		}
		if best >= 0 {
			out[gi], used[best] = best, true
		}
	}
	return out
}

// sameValue compares TIMEX3 values, treating the padded and truncated
// decade and century forms as equal ("201X" = "201", "19XX" = "19"): both
// are TimeML notations of the same period.
func sameValue(a, b string) bool {
	return canonical(a) == canonical(b)
}

func canonical(v string) string {
	v = strings.ToUpper(strings.TrimSpace(v))
	t := strings.TrimRight(v, "X")
	if len(t) >= 2 && len(t) < 4 && len(v) == 4 && allDigits(t) {
		return t
	}
	return v
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// WriteTable prints the measures as an aligned table.
func (r Result) WriteTable(w io.Writer) error {
	c := r.Counts
	_, err := fmt.Fprintf(w, "TempEval-3 timex measures: %d documents, %d gold, %d system expressions\n\n", c.Docs, c.Gold, c.System)
	if err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	rows := []struct {
		name string
		m    PRF
		hits int
	}{
		{"strict extent", r.Strict, c.Strict},
		{"relaxed extent", r.Relaxed, c.Relaxed},
		{"value", r.Value, c.Value},
		{"type", r.Type, c.Type},
	}
	fmt.Fprintf(w, "%-16s %9s %9s %9s %7s\n", "measure", "precision", "recall", "F1", "hits")
	for _, row := range rows {
		if _, err := fmt.Fprintf(w, "%-16s %9.2f %9.2f %9.2f %7d\n", row.name, row.m.P, row.m.R, row.m.F1, row.hits); err != nil {
			return fmt.Errorf("write table: %w", err)
		}
	}
	return nil
}

// WriteErrors prints the mismatches, one a line, for error analysis.
func (r Result) WriteErrors(w io.Writer) error {
	for _, d := range r.Errors {
		var err error
		switch {
		case d.Gold == nil:
			_, err = fmt.Fprintf(w, "SPURIOUS %s | %q %s %s\n", filepath.Base(d.Doc), d.SystemText, d.Sys.Type, d.Sys.Value)
		case d.Sys == nil:
			_, err = fmt.Fprintf(w, "MISSED   %s | %q %s %s\n", filepath.Base(d.Doc), d.GoldText, d.Gold.Type, d.Gold.Value)
		default:
			_, err = fmt.Fprintf(w, "DIFFER   %s | gold %q %s %s | sys %q %s %s\n", filepath.Base(d.Doc), d.GoldText, d.Gold.Type, d.Gold.Value, d.SystemText, d.Sys.Type, d.Sys.Value)
		}
		if err != nil {
			return fmt.Errorf("write errors: %w", err)
		}
	}
	return nil
}
