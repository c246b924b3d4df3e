package extract

import (
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/vocab"
)

// generated reports whether the entity's name is made from other
// entities' names (posts, unnamed events and agreements).
func (e *Entity) generated() bool {
	return e.Class == ClassPosition || e.noun != ""
}

// short is the name an entity goes by inside a made-up name: its first
// acronym, else its name.
func short(e *Entity) string {
	e = e.root()
	for _, a := range e.Acronyms {
		if isAcronymName(a) {
			return a
		}
	}
	// "ASEAN Secretariat" for "Secretariat of the Association of
	// Southeast Asian Nations": the shortest name with an acronym in it
	best := e.Name
	for _, a := range e.Aliases {
		if len(a) < len(best) && strings.Contains(a, " ") && isAcronymName(strings.Fields(a)[0]) {
			best = a
		}
	}
	return best
}

// humanDate writes an ISO date as the text would: "10 July 2019".
func humanDate(v string) string {
	switch len(v) {
	case 10:
		if t, err := time.Parse("2006-01-02", v); err == nil {
			return t.Format("2 January 2006")
		}
	case 7:
		if t, err := time.Parse("2006-01", v); err == nil {
			return t.Format("January 2006")
		}
	}
	return v
}

// makeName names an entity from its parts.
func (e *Entity) makeName() string {
	if e.Class == ClassPosition {
		if e.org == nil {
			return e.title
		}
		o := e.org.root()
		if IsPlace(o.Class) {
			return e.title + " of " + o.Name
		}
		return e.title + " of the " + o.Name
	}
	var names []string
	for _, m := range e.members {
		names = append(names, short(m))
	}
	if IsDocument(e.Class) {
		if len(names) == 0 {
			return e.noun
		}
		return e.noun + " between " + strings.Join(names, " and ")
	}
	var b strings.Builder
	if len(names) > 0 {
		b.WriteString(strings.Join(names, "-"))
		b.WriteString(" ")
		b.WriteString(e.noun)
	} else {
		b.WriteString(strings.ToUpper(e.noun[:1]) + e.noun[1:])
	}
	if e.place != nil {
		b.WriteString(" in " + e.place.root().Name)
	}
	if e.date != "" {
		b.WriteString(", " + humanDate(e.date))
	}
	return b.String()
}

// finish names the generated entities, drops duplicate triples and fills
// in the mentions' entity names.
func (d *doc) finish() {
	d.datelinePlaces()
	d.inheritParties()
	d.spellings()
	for _, e := range d.res.Entities {
		if e.canon == nil && e.generated() {
			old := e.Name
			e.Name = e.makeName()
			if IsDocument(e.Class) && old != e.Name {
				e.Aliases = append(e.Aliases, old)
			}
		}
	}
	type key struct {
		s, o *Entity
		p    quad.IRI
		v    string
	}
	seen := make(map[key]bool, len(d.res.Triples))
	out := d.res.Triples[:0]
	for _, t := range d.res.Triples {
		k := key{s: t.Subject.root(), p: t.Predicate, v: t.Value}
		if t.Object != nil {
			k.o = t.Object.root()
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	d.res.Triples = out
	sort.SliceStable(d.res.Mentions, func(i, j int) bool { return d.res.Mentions[i].Start < d.res.Mentions[j].Start })
	d.res.Refresh()
}

// Refresh brings the mentions' entity names up to date after Resolve.
func (r *Result) Refresh() {
	for _, m := range r.Mentions {
		m.Name = m.Entity.root().Name
		m.Class = m.Entity.root().Class
	}
}

// classIRIs are the rdf:types of each class.
func classIRIs(c string) []quad.IRI {
	switch c {
	case ClassPerson:
		return []quad.IRI{vocab.Person}
	case ClassOrg:
		return []quad.IRI{vocab.Organization}
	case ClassCountry:
		return []quad.IRI{vocab.Place, vocab.Country}
	case ClassCity:
		return []quad.IRI{vocab.Place, vocab.City}
	case ClassRegion, ClassPlace:
		return []quad.IRI{vocab.Place}
	case ClassEvent:
		return []quad.IRI{vocab.Event}
	case ClassAgreement:
		return []quad.IRI{vocab.Agreement}
	case ClassPlan:
		return []quad.IRI{vocab.Plan}
	case ClassStrategy:
		return []quad.IRI{vocab.Strategy}
	case ClassReport:
		return []quad.IRI{vocab.Report}
	case ClassPosition:
		return []quad.IRI{vocab.Position}
	}
	return nil
}

// Quad is a quad with the rule and span behind it.
type Quad struct {
	quad.Quad
	Sentence   int
	Start, End int
	Rule       string
}

// Quads writes the document's entities and facts as quads, each labelled
// with the sentence it comes from. Call it after Resolve when documents
// are merged.
func (r *Result) Quads(m vocab.Minter) []Quad {
	var out []Quad
	seen := map[quad.Quad]bool{}
	add := func(q quad.Quad, n, start, end int, rule string) {
		if !seen[q] {
			seen[q] = true
			out = append(out, Quad{Quad: q, Sentence: n, Start: start, End: end, Rule: rule})
		}
	}
	iri := func(e *Entity) quad.IRI { return m.Entity(e.root().Name) }
	label := func(n int) quad.Value {
		if n < 1 {
			return m.Source(r.Doc)
		}
		return m.Sentence(r.Doc, n)
	}
	spanOf := func(n int) (int, int) {
		if n >= 1 && n <= len(r.Sentences) {
			return r.Sentences[n-1].Start, r.Sentences[n-1].End
		}
		return 0, 0
	}
	// Each entity that takes part in a fact or is mentioned: its class,
	// name and other names, from the sentence it is first named in.
	used := map[*Entity]int{}
	note := func(e *Entity, n int) {
		e = e.root()
		if have, ok := used[e]; !ok || n < have {
			used[e] = n
		}
	}
	for _, mn := range r.Mentions {
		if mn.Rule != "title-coreference" && mn.Rule != "head-of-coreference" && !mn.Entity.root().weak {
			note(mn.Entity, mn.Sentence)
		}
	}
	for _, t := range r.Triples {
		note(t.Subject, t.Sentence)
		if t.Object != nil {
			note(t.Object, t.Sentence)
		}
	}
	ents := make([]*Entity, 0, len(used))
	for e := range used {
		ents = append(ents, e)
	}
	sort.Slice(ents, func(i, j int) bool {
		if used[ents[i]] != used[ents[j]] {
			return used[ents[i]] < used[ents[j]]
		}
		return ents[i].Name < ents[j].Name
	})
	for _, e := range ents {
		n := used[e]
		s, en := spanOf(n)
		id := iri(e)
		for _, c := range classIRIs(e.Class) {
			add(quad.Quad{Subject: id, Predicate: vocab.Type, Object: c, Label: label(n)}, n, s, en, "class")
		}
		add(quad.Quad{Subject: id, Predicate: vocab.Name, Object: quad.String(e.Name), Label: label(n)}, n, s, en, "name")
		for _, a := range e.Aliases {
			if a != e.Name {
				add(quad.Quad{Subject: id, Predicate: vocab.AlternateName, Object: quad.String(a), Label: label(n)}, n, s, en, "alias")
			}
		}
		if e.Class == ClassPosition && e.org != nil {
			for _, a := range e.org.root().Acronyms {
				if isAcronymName(a) {
					add(quad.Quad{Subject: id, Predicate: vocab.AlternateName, Object: quad.String(a + " " + e.title), Label: label(n)}, n, s, en, "alias")
				}
			}
		}
	}
	for _, t := range r.Triples {
		var o quad.Value
		switch {
		case t.Object != nil:
			o = iri(t.Object)
		case t.IsDate:
			lit, err := vocab.DateLiteral(t.Value)
			if err != nil {
				continue
			}
			o = lit
		default:
			o = quad.String(t.Value)
		}
		add(quad.Quad{Subject: iri(t.Subject), Predicate: t.Predicate, Object: o, Label: label(t.Sentence)}, t.Sentence, t.Start, t.End, t.Rule)
	}
	return out
}

// spellings gives each person the other spellings of their name that the
// variants lexicon knows: "Yury Petrov" is also "Yuri Petrov".
func (d *doc) spellings() {
	for _, e := range d.res.Entities {
		if e.canon != nil || e.Class != ClassPerson {
			continue
		}
		words := strings.Fields(e.Name)
		for i, w := range words {
			for _, v := range d.lx.Spellings(w) {
				if v == w {
					continue
				}
				alt := append(append(append([]string{}, words[:i]...), v), words[i+1:]...)
				d.alias(e, strings.Join(alt, " "))
			}
		}
	}
}
