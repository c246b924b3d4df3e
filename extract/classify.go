package extract

import (
	"strings"
	"unicode"

	"github.com/kgraph/kg/extract/lexicon"
)

// classify turns a unit into mentions of entities: the stage where a name
// gets its class (from its head noun, the lexicon, an acronym definition,
// a title or form of address before it, or how the document writes its
// words) and its entity in the document.
func (d *doc) classify(s *sent, us []unit, i int) {
	u := &us[i]
	text := d.textOf(s, u.t0, u.t1)
	switch u.kind {
	case uTitle:
		return
	case uQuoted:
		e := d.entity(text, ClassEvent, s.n)
		d.addMention(s, u.t0, u.t1, e, "quoted-title")
		if u.title != "" {
			d.fact(s, e, pDescription, nil, u.title, u.t0-1, u.t1, "quoted-title")
		}
		return
	case uLex:
		e := d.lexEntity(u.lex, s.n)
		m := d.addMention(s, u.t0, u.t1, e, "lexicon")
		// "UN Office on Drugs and Crime": a known acronym opening the name
		// is the larger organisation.
		if w := s.toks[u.t0]; u.t1-u.t0 > 1 && e.Class == ClassOrg && w.AllCaps() && d.lx.IsKnownAcronym(w.Text) {
			if x := d.lx.Lookup(w.Text); x != nil && x != u.lex && x.Class == ClassOrg {
				d.fact(s, e, pParentOrg, d.lexEntity(x, s.n), "", u.t0, u.t1, "suborganisation-modifier")
			}
		}
		d.markModifier(s, m)
		return
	case uAcro:
		name := text
		var e *Entity
		if u.lex != nil {
			e = d.lexEntity(u.lex, s.n)
			d.alias(e, name)
		} else if prev := d.possessor(s, us, i); prev != nil && u.class == ClassOrg {
			e = d.entity(prev.Name+" "+name, ClassOrg, s.n)
			d.alias(e, name)
			d.fact(s, e, pParentOrg, prev, "", u.t0, u.t1, "possessive-organisation")
		} else {
			e = d.entity(name, u.class, s.n)
		}
		d.acronym(e, u.acronym)
		d.addMention(s, u.t0, u.t1, e, "acronym-definition")
		return
	}
	// uRun
	if u.parts != nil {
		d.chainMention(s, u, text)
		return
	}
	if (u.class == ClassOrg || u.class == ClassEvent) && u.t1-u.t0 == 1 && u.mod == nil {
		// "the Commonwealth", "the Secretariat", "The Summit": the
		// organisation or event named before whose name holds the word
		if e := d.withWord(text); e != nil {
			d.addMention(s, u.t0, u.t1, e, "head-coreference")
		}
		return
	}
	if u.class != "" {
		name := text
		var e *Entity
		if prev := d.possessor(s, us, i); prev != nil && u.class == ClassOrg {
			e = d.entity(prev.Name+" "+name, ClassOrg, s.n)
			d.alias(e, prev.Name+"'s "+name)
			d.fact(s, e, pParentOrg, prev, "", u.t0, u.t1, "possessive-organisation")
		} else {
			e = d.entity(name, u.class, s.n)
		}
		t0 := u.t0
		// "a joint Action Plan"
		if IsDocument(u.class) && t0 > 0 && s.toks[t0-1].Text == "joint" && u.mod == nil {
			t0--
			e = d.entity("joint "+name, u.class, s.n)
		}
		m := d.addMention(s, t0, u.t1, e, "head-noun")
		if u.mod != nil {
			d.modifier(s, u, e)
		}
		d.cityOffice(s, u, e)
		for _, x := range u.pair {
			o := d.lexEntity(x, s.n)
			switch {
			case e.Class == ClassEvent:
				d.fact(s, e, pAttendee, o, "", u.t0, u.t1, "joint-event")
			case IsDocument(e.Class):
				d.fact(s, e, pParty, o, "", u.t0, u.t1, "joint-document")
			}
		}
		d.markModifier(s, m)
		return
	}
	t := s.toks
	words := u.t1 - u.t0
	if words == 1 && t[u.t0].AllCaps() {
		if e := d.keys[orgKey(d, text)]; e != nil {
			d.addMention(s, u.t0, u.t1, e, "acronym")
			return
		}
		e := d.entity(text, ClassOrg, s.n)
		d.acronym(e, text)
		d.addMention(s, u.t0, u.t1, e, "acronym")
		return
	}
	if words == 1 {
		if c := d.lx.Demonym(text); c != nil {
			m := d.addMention(s, u.t0, u.t1, d.lexEntity(c, s.n), "demonym")
			m.modifier = true
			return
		}
		if p := d.bySurname(text); p != nil {
			d.addMention(s, u.t0, u.t1, p, "surname")
			return
		}
	}
	afterTitle := i > 0 && us[i-1].kind == uTitle && us[i-1].t1 == u.t0
	if (afterTitle || u.honorific || d.looksLikeName(s, u.t0, u.t1)) && words <= 4 && words >= 1 {
		if words == 1 && !afterTitle && !u.honorific {
			return
		}
		e := d.person(text, s.n)
		rule := "person-name"
		if afterTitle {
			rule = "title-person"
		} else if u.honorific {
			rule = "form-of-address"
		}
		d.addMention(s, u.t0, u.t1, e, rule)
		return
	}
	// A lone capitalised word inside a sentence that the document never
	// writes in lower case and no list knows ("Boeing", "Airbus") is a
	// name, most often of an organisation. The guess is weak: the mention
	// is kept (kg extract shows it) but the entity enters the graph only
	// if a relation uses it, and relation rules do not take it as an agent.
	if words == 1 && u.t0 > s.begin && !u.honorific && !afterTitle && d.loneName(s.toks[u.t0]) {
		n := len(d.res.Entities)
		e := d.entity(text, ClassOrg, s.n)
		if len(d.res.Entities) > n {
			e.weak = true // new here, not a name the document gave before
		}
		d.addMention(s, u.t0, u.t1, e, "capitalised-word")
	}
}

// loneName reports whether a single capitalised word may be a name.
func (d *doc) loneName(t Token) bool {
	w := t.Text
	if len(w) < 3 || !plainWord(w) || t.AllCaps() || t.Kind != Word {
		return false
	}
	return !d.lx.IsStopword(w) && !d.lx.NotName(w) && d.lx.Head(w) == "" && !d.lx.IsOrdinal(w) &&
		!d.lx.IsHonorific(w) && d.lx.Lookup(w) == nil && !d.writesLower(w) && !d.lx.IsTitle(lexicon.Key(w))
}

// possessor returns the organisation of "ORG's NAME" right before unit i.
func (d *doc) possessor(s *sent, us []unit, i int) *Entity {
	if i == 0 || !us[i-1].possessive || us[i-1].t1+1 != us[i].t0 {
		return nil
	}
	for j := len(s.ments) - 1; j >= 0; j-- {
		m := s.ments[j]
		if m.tok1 == us[i-1].t1 && m.Entity.Class == ClassOrg {
			return m.Entity
		}
	}
	return nil
}

// markModifier flags a name used as an adjective: "United Nations
// entities", "the SCO member states".
func (d *doc) markModifier(s *sent, m *Mention) {
	if m.tok1 < len(s.toks) {
		w := s.toks[m.tok1]
		if w.Text == "'s" {
			return
		}
		if w.Text == "member" {
			m.modifier = true
			return
		}
		if w.Kind == Word && !w.Cap() && strings.HasSuffix(w.Text, "s") && !d.lx.IsEventNoun(w.Text) {
			switch w.Text {
			case "is", "was", "has", "says", "as", "its", "his", "this", "towards":
				return
			}
			m.modifier = true
		}
	}
}

// looksLikeName reports whether a capitalised run reads as a person's
// name: two to four words, each a capitalised word the document never
// writes in lower case, none of them a known place or organisation word.
func (d *doc) looksLikeName(s *sent, t0, t1 int) bool {
	if t1-t0 < 2 {
		return false
	}
	for k := t0; k < t1; k++ {
		w := s.toks[k]
		if w.Kind != Word || w.AllCaps() || !w.Cap() || strings.ContainsAny(w.Text, "0123456789") {
			return false
		}
		if d.writesLower(w.Text) || d.lx.Head(w.Text) != "" || d.lx.NotName(w.Text) || d.lx.Demonym(w.Text) != nil || d.lx.IsStopword(w.Text) {
			return false
		}
		if e := d.lx.Lookup(w.Text); e != nil {
			return false
		}
	}
	return true
}

// chainMention makes the mention of a joined name and of its parts, and
// the facts the joining states: "Secretariat of the SCO" is part of the
// SCO; "64th session of the CND" is organised by it; "Memorandum ...
// between A and B" has A and B as parties; "Working Plan on the
// implementation of the Action Programme to Implement the Strategy" puts
// the programme into effect, which puts the strategy into effect.
func (d *doc) chainMention(s *sent, u *unit, text string) *Entity {
	e := d.entity(text, u.class, s.n)
	d.addMention(s, u.t0, u.t1, e, "name-chain")
	if u.mod != nil {
		d.modifier(s, u, e)
	}
	implements := false
	for _, c := range u.conns {
		implements = implements || c == "on the implementation of" || c == "the"
	}
	if !implements {
		d.period(s, u, e)
	}
	if len(u.parts) < 2 {
		return e
	}
	if IsDocument(e.Class) {
		d.docSegments(s, u, e)
		return e
	}
	inner := []*Entity{nil}
	for _, p := range u.parts[1:] {
		inner = append(inner, d.innerEntity(s, p))
	}
	first := u.parts[0]
	of := strings.HasPrefix(u.conns[0], "of")
	owner := inner[1]
	if u.conns[len(u.conns)-1] == "'s" {
		owner = inner[len(inner)-1]
	}
	switch {
	case e.Class == ClassOrg && of && owner != nil && owner.Class == ClassOrg && d.lx.Head(s.toks[first.t1-1].Text) != "":
		d.fact(s, e, pParentOrg, owner, "", u.t0, u.t1, "suborganisation-of")
		for _, a := range owner.Acronyms {
			if isAcronymName(a) {
				d.alias(e, a+" "+d.textOf(s, first.t0, first.t1))
			}
		}
	case e.Class == ClassEvent && of && len(inner) == 2 && inner[1] != nil && inner[1].Class == ClassOrg:
		d.fact(s, e, pOrganizer, inner[1], "", u.t0, u.t1, "session-of")
	case e.Class == ClassEvent && of && len(inner) > 2:
		// "Seventh Summit of the Cooperation Council of Turkic Speaking
		// States": the body after "of" holds the event
		sub := unit{t0: u.parts[1].t0, t1: u.parts[len(u.parts)-1].t1, kind: uRun, parts: u.parts[1:], conns: u.conns[1:], class: ClassOrg}
		n := len(s.ments)
		o := d.chainMention(s, &sub, d.textOf(s, sub.t0, sub.t1))
		if len(s.ments) > n {
			m := s.ments[n]
			s.ments = s.ments[:n]
			m.modifier = true
			s.inner = append(s.inner, m)
		}
		if o.Class == ClassOrg {
			d.fact(s, e, pOrganizer, o, "", u.t0, u.t1, "session-of")
		}
	}
	return e
}

// innerEntity classifies one part of a joined name on its own and returns
// its entity, keeping its mention out of the top-level list.
func (d *doc) innerEntity(s *sent, p unit) *Entity {
	if !(p.kind == uLex || p.kind == uAcro || p.kind == uRun && (p.class == ClassOrg || IsDocument(p.class) || p.t1-p.t0 == 1 && s.toks[p.t0].AllCaps())) {
		return nil
	}
	n := len(s.ments)
	d.classify(s, []unit{p}, 0)
	if len(s.ments) > n {
		m := s.ments[len(s.ments)-1]
		s.ments = s.ments[:n]
		m.modifier = true
		s.inner = append(s.inner, m)
		return m.Entity
	}
	return nil
}

// docSegments reads the arguments of a document's name: parties after
// "between" and "and", what it implements after "on the implementation
// of" or "to Implement the".
func (d *doc) docSegments(s *sent, u *unit, e *Entity) {
	type seg struct {
		kind  string
		parts []unit
		conns []string
	}
	segs := []seg{{kind: "head", parts: u.parts[:1]}}
	between := false
	for i := 1; i < len(u.parts); i++ {
		c, p := u.conns[i-1], u.parts[i]
		prev := u.parts[i-1]
		switch {
		case strings.HasPrefix(c, "between"):
			between = true
			segs = append(segs, seg{kind: "party", parts: []unit{p}})
		case strings.HasPrefix(c, "and") && between:
			segs = append(segs, seg{kind: "party", parts: []unit{p}})
		case c == "on the implementation of" || c == "the" && isImplement(d.textOf(s, prev.t0, prev.t1)):
			// everything after is the document put into effect
			segs = append(segs, seg{kind: "implements", parts: u.parts[i:], conns: u.conns[i:]})
			i = len(u.parts)
		default:
			last := &segs[len(segs)-1]
			last.parts = append(last.parts, p)
			last.conns = append(last.conns, c)
		}
	}
	for i, g := range segs[1:] {
		var x *Entity
		if len(g.parts) == 1 && i+2 < len(segs) {
			x = d.innerEntity(s, g.parts[0])
		} else {
			sub := unit{t0: g.parts[0].t0, t1: g.parts[len(g.parts)-1].t1, kind: uRun, parts: g.parts, conns: g.conns, class: g.parts[0].class, mod: g.parts[0].mod}
			if i+2 == len(segs) {
				sub.t1 = u.t1 // a period at the end belongs to the last
			}
			if len(g.parts) == 1 && sub.t1 == g.parts[0].t1 {
				x = d.innerEntity(s, g.parts[0])
			} else {
				if sub.class == "" {
					sub.class = d.headClass(s, g.parts[0].t0, g.parts[0].t1)
				}
				if sub.class == "" {
					sub.class = ClassOrg
				}
				n := len(s.ments)
				x = d.chainMention(s, &sub, d.textOf(s, sub.t0, sub.t1))
				if len(s.ments) > n {
					m := s.ments[n]
					s.ments = s.ments[:n]
					m.modifier = true
					s.inner = append(s.inner, m)
				}
			}
		}
		if x == nil {
			continue
		}
		switch g.kind {
		case "party":
			if !IsDocument(x.Class) {
				d.fact(s, e, pParty, x, "", u.t0, u.t1, "agreement-between")
			}
		case "implements":
			if IsDocument(x.Class) {
				d.fact(s, e, pImplements, x, "", u.t0, u.t1, "document-implements")
			}
		}
	}
}

// period: "SCO Anti-Drug Strategy for 2018-2023" covers 2018 to 2023.
func (d *doc) period(s *sent, u *unit, e *Entity) {
	if e.Class != ClassStrategy && e.Class != ClassPlan {
		return
	}
	end := s.toks[u.t1-1].End
	for _, t := range s.dates {
		if t.End == end && t.Range != nil && u.t1 >= 2 && s.toks[u.t1-2].Text == "for" {
			a, ok1 := isoDate(t.Range.Start)
			b, ok2 := isoDate(t.Range.End)
			if ok1 && ok2 {
				d.factDate(s, e, pStart, a, t.Start, t.End, "document-period")
				d.factDate(s, e, pEnd, b, t.Start, t.End, "document-period")
			}
		}
	}
}

// modifier records what a known name before a head noun says: "SCO
// Secretariat" is part of the SCO, the "SCO Anti-Drug Strategy" is the
// SCO's, the "SCO Summit" its event.
func (d *doc) modifier(s *sent, u *unit, e *Entity) {
	mu := *u.mod
	var owner *Entity
	if mu.lex != nil {
		owner = d.lexEntity(mu.lex, s.n)
	} else if x := d.keys[orgKey(d, d.textOf(s, mu.t0, mu.t1))]; x != nil {
		owner = x
	} else {
		owner = d.entity(d.textOf(s, mu.t0, mu.t1), ClassOrg, s.n)
		d.acronym(owner, owner.Name)
	}
	m := &Mention{Start: s.toks[mu.t0].Start, End: s.toks[mu.t1-1].End, Text: d.textOf(s, mu.t0, mu.t1), Sentence: s.n, Class: owner.Class, Rule: "name-modifier", Entity: owner, tok0: mu.t0, tok1: mu.t1, modifier: true}
	d.res.Mentions = append(d.res.Mentions, m)
	s.inner = append(s.inner, m)
	if owner.Class != ClassOrg {
		return
	}
	switch {
	case e.Class == ClassOrg:
		d.fact(s, e, pParentOrg, owner, "", u.t0, u.t1, "suborganisation-modifier")
	case IsDocument(e.Class) && e.Class != ClassReport:
		d.fact(s, e, pParty, owner, "", u.t0, u.t1, "document-of-organisation")
	case e.Class == ClassEvent:
		d.fact(s, e, pOrganizer, owner, "", u.t0, u.t1, "event-of-organisation")
	}
}

func (d *doc) addMention(s *sent, t0, t1 int, e *Entity, rule string) *Mention {
	if e.Class == ClassEvent {
		d.named = append(d.named, e)
	}
	m := &Mention{Start: s.toks[t0].Start, End: s.toks[t1-1].End, Sentence: s.n, Class: e.Class, Rule: rule, Entity: e, tok0: t0, tok1: t1}
	m.Text = d.text[m.Start:m.End]
	d.res.Mentions = append(d.res.Mentions, m)
	s.ments = append(s.ments, m)
	return m
}

// lexEntity is the entity of a lexicon entry, with the entry's names.
func (d *doc) lexEntity(x *lexicon.Entry, n int) *Entity {
	if e, ok := d.lexEnts[x]; ok {
		return e.root()
	}
	defer func() { d.lexEnts[x] = d.entity0(x.Name, x.Class, n) }()
	class := x.Class
	e := d.entity0(x.Name, class, n)
	if e.Lex == nil {
		e.Lex = x
		for _, a := range x.Aliases {
			d.alias(e, a)
		}
		for _, a := range x.Acronyms {
			d.acronym(e, a)
		}
	}
	return e
}

func (d *doc) person(name string, n int) *Entity {
	e := d.entity(name, ClassPerson, n)
	ws := strings.Fields(name)
	e.surname = ws[len(ws)-1]
	d.people = append(d.people, e)
	return e
}

// bySurname returns the person of the document with this last name.
func (d *doc) bySurname(w string) *Entity {
	for i := len(d.people) - 1; i >= 0; i-- {
		if d.people[i].surname == w {
			return d.people[i]
		}
	}
	return nil
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return w != ""
}

// withWord returns the last organisation or event of the document with
// a word in its name.
func (d *doc) withWord(w string) *Entity {
	for i := len(d.res.Entities) - 1; i >= 0; i-- {
		e := d.res.Entities[i].root()
		if (e.Class == ClassOrg || e.Class == ClassEvent) && strings.Contains(" "+e.Name+" ", " "+w+" ") && e.Name != w {
			return e
		}
	}
	return nil
}

// cityOffice: an office named after its city ("UN's Vienna Office") is
// in that city.
func (d *doc) cityOffice(s *sent, u *unit, e *Entity) {
	if e.Class != ClassOrg || u.t1-u.t0 < 2 {
		return
	}
	switch s.toks[u.t1-1].Text {
	case "Office", "Headquarters", "Centre", "Center", "Bureau", "Mission":
	default:
		return
	}
	if x := d.lx.Lookup(s.toks[u.t1-2].Text); x != nil && x.Class == ClassCity {
		d.fact(s, e, pLocation, d.lexEntity(x, s.n), "", u.t0, u.t1, "office-of-city")
	}
}

// writesLower reports whether the document writes a word in lower case
// somewhere ("member" for "Member"), the sign of a common noun.
func (d *doc) writesLower(w string) bool {
	if len(d.text) < 32<<10 {
		// a short document: search the text for the word, cheaper than
		// a map of all its words
		return hasLowerWord(d.text, strings.ToLower(w))
	}
	if !d.lowerDone {
		// once per document, on first need
		d.lowerDone = true
		for _, s := range d.sents {
			for _, t := range s.toks {
				if t.Kind == Word && t.Text[0] >= 'a' && t.Text[0] <= 'z' && isLowerWord(t.Text) {
					d.lowerWords[t.Text] = true
				}
			}
		}
	}
	return d.lowerWords[strings.ToLower(w)]
}

// hasLowerWord reports whether text holds lw as a whole word.
func hasLowerWord(text, lw string) bool {
	for i := 0; i+len(lw) <= len(text); {
		j := strings.Index(text[i:], lw)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(lw)
		if (a == 0 || !isLetterByte(text[a-1])) && (b == len(text) || !isLetterByte(text[b])) {
			return true
		}
		i = a + 1
	}
	return false
}

func isLetterByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
