// Package eval scores the extractor against curated triples: the
// extractor's facts about a document against a curator's (graph/curated),
// with precision, recall and F1 overall and per predicate.
//
// Entities match when they share a name or alias (compared as the
// extractor's entity resolution compares names: case, accents,
// punctuation, "the", spelling variants); dates match by value; other
// literals by folded text; classes by IRI. schema:name and
// schema:alternateName are what entities are matched by, and rdfs:comment
// is a curator's note, so none of the three is scored; nor are the
// descriptions of the source and its sentences (provenance).
package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/graph/vocab"
)

// PRF is a precision, recall and F1 with their counts.
type PRF struct {
	Predicate string `json:"predicate,omitempty"`
	Hit       int    `json:"hit"`
	// HitP counts extracted facts that match (equal to Hit but for
	// entities several extracted ones map to).
	HitP      int     `json:"-"`
	Extracted int     `json:"extracted"`
	Curated   int     `json:"curated"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (p *PRF) compute() {
	if p.Extracted > 0 {
		p.Precision = float64(p.HitP) / float64(p.Extracted)
	}
	if p.Curated > 0 {
		p.Recall = float64(p.Hit) / float64(p.Curated)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
}

// Result is the comparison of one or more documents.
type Result struct {
	Overall      PRF   `json:"overall"`
	PerPredicate []PRF `json:"per_predicate"`
	// Missed are curated facts the extractor did not find; Spurious
	// extracted facts the curator does not have.
	Missed   []string `json:"missed"`
	Spurious []string `json:"spurious"`
}

var unscored = map[quad.IRI]bool{vocab.Name: true, vocab.AlternateName: true, vocab.Comment: true}

type fact struct{ s, p, o string }

// Compare scores extracted quads against curated ones of the same
// document(s).
func Compare(extracted, curatedQuads []quad.Quad) Result {
	cnames := names(curatedQuads)
	enames := names(extracted)
	// Each extracted entity goes to the curated entity sharing a name.
	byKey := map[string]string{}
	var cents []string
	for e := range cnames {
		cents = append(cents, e)
	}
	sort.Strings(cents)
	for _, e := range cents {
		for _, n := range cnames[e] {
			if _, ok := byKey[n]; !ok {
				byKey[n] = e
			}
		}
	}
	mapped := map[string]string{}
	for e, ns := range enames {
		for _, n := range ns {
			if c, ok := byKey[n]; ok {
				mapped[e] = c
				break
			}
		}
	}
	term := func(v quad.Value, m map[string]string) string {
		switch x := v.(type) {
		case quad.IRI:
			if c, ok := m[string(x)]; ok {
				return c
			}
			return string(x)
		}
		if d, ok := vocab.IsDate(v); ok {
			return "date:" + d
		}
		return "text:" + extract.Key(literal(v))
	}
	ident := map[string]string{}
	for e := range cnames {
		ident[e] = e
	}
	set := func(qs []quad.Quad, m map[string]string) map[fact]bool {
		out := map[fact]bool{}
		for _, q := range qs {
			if unscored[iri(q.Predicate)] {
				continue
			}
			out[fact{term(q.Subject, m), string(iri(q.Predicate)), term(q.Object, m)}] = true
		}
		return out
	}
	ext := set(extracted, mapped)
	cur := set(curatedQuads, ident)
	per := map[string]*PRF{}
	get := func(p string) *PRF {
		if per[p] == nil {
			per[p] = &PRF{Predicate: shortIRI(p)}
		}
		return per[p]
	}
	var r Result
	for f := range ext {
		pr := get(f.p)
		pr.Extracted++
		r.Overall.Extracted++
		if cur[f] {
			pr.HitP++
			r.Overall.HitP++
		} else {
			r.Spurious = append(r.Spurious, show(f))
		}
	}
	for f := range cur {
		pr := get(f.p)
		pr.Curated++
		r.Overall.Curated++
		if ext[f] {
			pr.Hit++
			r.Overall.Hit++
		} else {
			r.Missed = append(r.Missed, show(f))
		}
	}
	r.Overall.compute()
	for _, p := range per {
		p.compute()
		r.PerPredicate = append(r.PerPredicate, *p)
	}
	sort.Slice(r.PerPredicate, func(i, j int) bool { return r.PerPredicate[i].Predicate < r.PerPredicate[j].Predicate })
	sort.Strings(r.Missed)
	sort.Strings(r.Spurious)
	return r
}

func iri(v quad.Value) quad.IRI {
	if x, ok := v.(quad.IRI); ok {
		return x
	}
	return ""
}

func literal(v quad.Value) string {
	switch x := v.(type) {
	case quad.String:
		return string(x)
	case quad.LangString:
		return string(x.Value)
	case quad.TypedString:
		return string(x.Value)
	}
	return fmt.Sprint(v)
}

// names returns each entity's name keys (name and aliases).
func names(qs []quad.Quad) map[string][]string {
	out := map[string][]string{}
	for _, q := range qs {
		p := iri(q.Predicate)
		if p != vocab.Name && p != vocab.AlternateName {
			continue
		}
		s, ok := q.Subject.(quad.IRI)
		if !ok {
			continue
		}
		out[string(s)] = append(out[string(s)], extract.Key(literal(q.Object)))
	}
	return out
}

func shortIRI(s string) string {
	for p, ns := range vocab.Prefixes {
		if strings.HasPrefix(s, ns) {
			return p + ":" + s[len(ns):]
		}
	}
	return s
}

func show(f fact) string {
	short := func(s string) string {
		if i := strings.LastIndexAny(s, "/#"); i >= 0 && strings.HasPrefix(s, "http") {
			return "[" + s[i+1:] + "]"
		}
		return s
	}
	return short(f.s) + " " + shortIRI(f.p) + " " + short(f.o)
}

// WriteTable prints the measures as a table.
func (r Result) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-26s %9s %6s %6s %6s %6s %6s\n", "predicate", "extracted", "curated", "hit", "P", "R", "F1")
	row := func(p PRF, name string) {
		fmt.Fprintf(&b, "%-26s %9d %6d %6d %6.3f %6.3f %6.3f\n", name, p.Extracted, p.Curated, p.Hit, p.Precision, p.Recall, p.F1)
	}
	for _, p := range r.PerPredicate {
		row(p, p.Predicate)
	}
	row(r.Overall, "overall")
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteErrors lists the missed and spurious facts.
func (r Result) WriteErrors(w io.Writer) error {
	var b strings.Builder
	for _, m := range r.Missed {
		fmt.Fprintf(&b, "missed   %s\n", m)
	}
	for _, s := range r.Spurious {
		fmt.Fprintf(&b, "spurious %s\n", s)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
