package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Agreements and other documents:
//
//	A and B (have) signed / put their names to AGREEMENT (in PLACE) (on DATE)
//	AGREEMENT was signed in PLACE / by P and by Q
//	The signatories ... were P and Q
//	A adopted / approved DOC (at EVENT); DOC adopted by A
//	A published DOC; DOC A published in DATE
//
// An agreement named only by its kind ("a Memorandum of Understanding")
// gets a name from its parties.

var genericDocs = map[string]bool{"memorandumofunderstanding": true, "mou": true, "memorandum": true, "agreement": true, "treaty": true, "actionplan": true, "jointactionplan": true, "plan": true}

func (d *doc) generic(e *Entity) bool {
	return genericDocs[nameKey(d.lx, e.Name, nil)]
}

// docAfter returns the first document named from token k on, before the
// clause ends.
func (d *doc) docAfter(s *sent, k int) (*Entity, int) {
	for _, m := range s.ments {
		if m.tok0 >= k && IsDocument(m.Entity.Class) {
			return m.Entity.root(), m.tok0
		}
	}
	if e, n := d.docRef(s, k); e != nil {
		return e, k + n
	}
	return nil, -1
}

func (d *doc) signing(s *sent) {
	if !d.has(s, tSign) {
		return
	}
	t := s.toks
	for k := s.begin; k < len(t); k++ {
		w := s.lw(k)
		active := false
		switch {
		case w == "signed" || w == "signing" || w == "concluded" || w == "initialled":
			active = !passive(s, k)
		case w == "put" && s.at(k, "put their names to"):
			active = true
		case w == "signatories":
			if len(d.agreements) == 0 {
				continue
			}
			ag := d.agreements[len(d.agreements)-1].root()
			for _, p := range d.peopleAfter(s, k) {
				d.fact(s, ag, pParty, p, "", k, len(t), "signatories")
			}
			if place, pk := d.placeIn(s, k); place != nil && !d.hasFact(ag, pSigningPlace) {
				d.fact(s, ag, pSigningPlace, place, "", pk, pk+2, "signatories")
			}
			return
		default:
			continue
		}
		var ag *Entity
		var parties []*Entity
		rule := "signed"
		if active {
			ag, _ = d.docAfter(s, k+1)
			if ag == nil {
				ag = d.commonDocAfter(s, k+1)
			}
			if ag == nil || ag.Class == ClassReport {
				continue
			}
			parties = d.agentsBefore(s, clauseStart(s, k), k)
			// people sign for their organisations
			parties = dedupe(append(parties, d.orgsOf(parties)...))
		} else {
			rule = "was-signed"
			for _, m := range s.ments {
				if m.tok1 <= k && IsDocument(m.Entity.Class) && m.Entity.Class != ClassReport {
					ag = m.Entity.root()
				}
			}
			if ag == nil {
				ag, _ = d.docRef(s, s.begin)
			}
			if ag == nil {
				continue
			}
			if b := k + 1; s.at(b, "by") {
				parties = d.peopleAfter(s, b)
			}
		}
		if d.generic(ag) && ag.noun == "" {
			ag.noun = ag.Name
			ag.members = d.orgsOf(parties)
			if len(ag.members) == 0 {
				ag.members = parties
			}
		}
		for _, p := range parties {
			d.fact(s, ag, pParty, p, "", clauseStart(s, k), k+1, rule)
		}
		if date, ok := sentDate(s); ok && !d.hasFact(ag, pSigningDate) {
			d.factDate(s, ag, pSigningDate, date.start, date.t0, date.t1, rule)
			if ag.date == "" {
				ag.date = date.start
			}
		}
		place, pk := d.placeIn(s, k)
		if place == nil && d.dlPlace != nil && active {
			// the dateline's place, unless a later sentence says where
			if date, ok := sentDate(s); ok && date.start == d.dlDate && ag.place == nil {
				ag.place, ag.placeSent = d.dlPlace, s
			}
		}
		if place != nil && !d.hasFact(ag, pSigningPlace) {
			d.fact(s, ag, pSigningPlace, place, "", pk, pk+2, rule)
		}
		d.agreements = append(d.agreements, ag)
		if g := d.orgsOf(parties); len(g) >= 2 {
			d.group = g
		}
		return
	}
	// an agreement named in the sentence is the one in hand
	for _, m := range s.ments {
		if m.Entity.Class == ClassAgreement && !m.modifier {
			d.agreements = append(d.agreements, m.Entity.root())
		}
	}
}

// adopted: "A adopted DOC", "by approving DOC", "DOC adopted by A", "DOC
// that the leaders adopted at EVENT".
func (d *doc) adopted(s *sent) {
	if !d.has(s, tAdopt) {
		return
	}
	t := s.toks
	for k := s.begin; k < len(t); k++ {
		w := s.lw(k)
		switch w {
		case "adopted", "approved", "approving", "adopting", "adopt", "approve", "endorsed":
		default:
			continue
		}
		var docE *Entity
		var adopters []*Entity
		fromEvent := false
		if k+1 < len(t) && t[k+1].Text == "by" {
			// DOC adopted by A
			for _, m := range s.ments {
				if m.tok1 <= k && m.tok1 >= k-2 && IsDocument(m.Entity.Class) {
					docE = m.Entity.root()
				}
			}
			if o := d.leadersOf(s, k+1, len(t)); o != nil {
				adopters = []*Entity{o}
			} else {
				adopters = d.objectsAfter(s, k+2, ClassOrg, ClassPerson, ClassCountry)
			}
		} else if e, _ := d.docAfter(s, k+1); e != nil && !passive(s, k) {
			docE = e
			if g, n := d.groupAt(s, clauseStart(s, k)); n > 0 {
				adopters, fromEvent = g, true
			} else {
				adopters = d.agentsBefore(s, clauseStart(s, k), k)
			}
		} else {
			// "the programme on ... that the leaders adopted at ..."
			docE = d.commonDoc(s, k)
			if docE == nil {
				continue
			}
		}
		if docE == nil {
			continue
		}
		var at *Entity
		if a := s.find(k+1, "at"); a > k && a <= k+12 {
			if e, _ := d.eventRef(s, a+1); e != nil {
				at = e
			} else if e := d.yearPlaceEvent(s, a+1); e != nil {
				at = e
			} else if m := s.mentionAt(a + 1 + boolInt(a+1 < len(t) && t[a+1].Text == "the")); m != nil && m.Entity.Class == ClassEvent {
				at = m.Entity.root()
			}
		}
		if at == nil && fromEvent {
			at = d.lastMeeting()
		}
		if at != nil && len(adopters) == 0 {
			adopters = d.attendees(at, "")
		}
		for _, a := range adopters {
			d.fact(s, docE, pAdoptedBy, a, "", k, k+1, "adopted")
		}
		if at != nil {
			d.fact(s, docE, pAdoptedAt, at, "", k, k+3, "adopted-at")
			if dt := d.dateOf(at); dt != "" {
				d.factDate(s, docE, pAdoptionDate, dt, s.toks[k].Start, s.toks[k].End, "adopted-at")
			}
		} else if date, ok := sentDate(s); ok && date.t0 > s.toks[k].Start {
			d.factDate(s, docE, pAdoptionDate, date.start, date.t0, date.t1, "adopted")
		}
		return
	}
}

// dateOf returns the start date recorded for an entity.
func (d *doc) dateOf(e *Entity) string {
	for _, t := range d.res.Triples {
		if t.Subject.root() == e.root() && t.Predicate == pStart {
			return t.Value
		}
	}
	return ""
}

// yearPlaceEvent resolves "the 2018 Qingdao summit" to the event of that
// place and year.
func (d *doc) yearPlaceEvent(s *sent, k int) *Entity {
	t := s.toks
	if k < len(t) && t[k].Text == "the" {
		k++
	}
	if k+2 >= len(t) || !t[k].Year() {
		return nil
	}
	m := s.mentionAt(k + 1)
	if m == nil || !IsPlace(m.Entity.Class) || m.tok1 >= len(t) || !d.lx.IsEventNoun(s.lw(m.tok1)) {
		return nil
	}
	for i := len(d.events) - 1; i >= 0; i-- {
		e := d.events[i].root()
		if e.place != nil && e.place.root() == m.Entity.root() && strings.HasPrefix(e.date, t[k].Text) {
			return e
		}
	}
	return nil
}

// commonDoc finds a document named by a common noun before "that|which
// ... adopted": "the programme on combating terrorism, separatism and
// extremism that the leaders adopted".
func (d *doc) commonDoc(s *sent, k int) *Entity {
	t := s.toks
	rel := -1
	for i := k - 1; i > s.begin && i >= k-4; i-- {
		if t[i].Text == "that" || t[i].Text == "which" {
			rel = i
			break
		}
	}
	if rel < 0 {
		return nil
	}
	for i := rel - 1; i > s.begin && i >= rel-12; i-- {
		class := d.lx.DocNoun(t[i].Text)
		if class == "" || !(t[i-1].Text == "the" || t[i-1].Text == "a") {
			continue
		}
		name := d.text[t[i].Start:t[rel-1].End]
		r, size := utf8.DecodeRuneInString(name)
		name = string(unicode.ToUpper(r)) + name[size:]
		e := d.entity(name, class, s.n)
		d.addMention(s, i, rel, e, "document-noun")
		return e
	}
	return nil
}

// published: "A published DOC", "DOC A published in June", "DOC published
// by A".
func (d *doc) published(s *sent) {
	if !d.has(s, tPublish) {
		return
	}
	k := s.find(s.begin, "published")
	if k < 0 {
		return
	}
	var docE *Entity
	var pubs []*Entity
	if k+1 < len(s.toks) && s.toks[k+1].Text == "by" {
		for _, m := range s.ments {
			if m.tok1 <= k && IsDocument(m.Entity.Class) {
				docE = m.Entity.root()
			}
		}
		pubs = d.objectsAfter(s, k+2, ClassOrg, ClassPerson)
	} else if m := s.mentionEndingAt(k); m != nil && m.Entity.Class == ClassOrg && d.docEndingAt(s, m.tok0) != nil {
		// DOC ORG published
		docE = d.docEndingAt(s, m.tok0)
		pubs = []*Entity{m.Entity.root()}
	} else if e, _ := d.docAfter(s, k+1); e != nil {
		docE = e
		pubs = d.agentsBefore(s, clauseStart(s, k), k)
	}
	if docE == nil {
		return
	}
	for _, p := range pubs {
		d.fact(s, docE, pPublisher, p, "", k-1, k+1, "published")
	}
	for _, t := range s.dates {
		if t.Start >= s.toks[k].End {
			if v, ok := dayValue(t); ok {
				d.factDate(s, docE, pPublished, v, t.Start, t.End, "published")
				return
			}
		}
	}
}

// praised: "A praised (the results of) X", "X, which was praised by A".
func (d *doc) praised(s *sent) {
	if !d.has(s, tPraise) {
		return
	}
	k := s.find(s.begin, "praised")
	if k < 0 {
		return
	}
	if passive(s, k) {
		return
	}
	agents := d.agentsBefore(s, clauseStart(s, k), k)
	var what *Entity
	for _, m := range s.ments {
		if m.tok0 > k && !m.modifier {
			what = m.Entity.root()
			break
		}
	}
	for _, a := range agents {
		d.fact(s, a, pPraised, what, "", k, k+1, "praised")
	}
}

// implementation: "the implementation of DOC by approving DOC2": DOC2
// puts DOC into effect.
func (d *doc) implementation(s *sent) {
	if !d.has(s, tImplement) {
		return
	}
	k := s.find(s.begin, "implementation of")
	if k < 0 {
		return
	}
	var what *Entity
	at := -1
	for _, m := range s.ments {
		if m.tok0 > k && m.tok0 <= k+3 && IsDocument(m.Entity.Class) {
			what, at = m.Entity.root(), m.tok1
			break
		}
	}
	if what == nil {
		return
	}
	for _, v := range []string{"by approving", "by adopting", "through"} {
		b := s.find(at, v)
		if b < 0 {
			continue
		}
		if plan, _ := d.docAfter(s, b+1); plan != nil && plan != what {
			d.fact(s, plan, pImplements, what, "", k, b+2, "implementation-by")
		}
		return
	}
}

// inheritParties: a plan that puts an agreement or a strategy into effect
// is the plan of that document's parties.
func (d *doc) inheritParties() {
	for _, t := range d.res.Triples {
		if t.Predicate != pImplements || t.Object == nil || t.Subject.root().Class != ClassPlan {
			continue
		}
		if c := t.Object.root().Class; c != ClassAgreement && c != ClassStrategy {
			continue
		}
		for _, p := range d.res.Triples {
			if p.Predicate == pParty && p.Subject.root() == t.Object.root() && p.Object != nil && p.Object.root().Class == ClassOrg {
				tr := p
				tr.Subject, tr.Rule, tr.Sentence, tr.Start, tr.End = t.Subject, "plan-of-parties", t.Sentence, t.Start, t.End
				d.res.Triples = append(d.res.Triples, tr)
			}
		}
	}
}

func (d *doc) docEndingAt(s *sent, k int) *Entity {
	for _, x := range s.ments {
		if x.tok1 == k && IsDocument(x.Entity.Class) {
			return x.Entity.root()
		}
	}
	return nil
}

// commonDocAfter: "signed an agreement to ...", "a memorandum": a
// document named only by a common noun right after the verb.
func (d *doc) commonDocAfter(s *sent, k int) *Entity {
	t := s.toks
	if k >= len(t) || (t[k].Text != "a" && t[k].Text != "an") {
		return nil
	}
	for j := k + 1; j < len(t) && j <= k+3; j++ {
		c := d.lx.DocNoun(t[j].Text)
		if c == "" {
			if !isLowerWord(strings.ReplaceAll(t[j].Text, "-", "")) {
				return nil
			}
			continue
		}
		name := strings.ToUpper(t[j].Text[:1]) + t[j].Text[1:]
		e := d.entity(name, c, s.n)
		d.addMention(s, j, j+1, e, "document-noun")
		return e
	}
	return nil
}

// datelinePlaces gives agreements signed "today" the dateline's place when
// no sentence says where they were signed.
func (d *doc) datelinePlaces() {
	for _, e := range d.res.Entities {
		if e.canon != nil || e.place == nil || e.placeSent == nil || !IsDocument(e.Class) || d.hasFact(e, pSigningPlace) {
			continue
		}
		s := e.placeSent
		d.fact(s, e, pSigningPlace, e.place, "", 0, min(len(s.toks), 1), "dateline-place")
	}
}
