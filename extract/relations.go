package extract

import (
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/vocab"
)

// Predicates the rules state.
var (
	pParentOrg    = vocab.ParentOrg
	pOrganizer    = vocab.Organizer
	pAttendee     = vocab.Attendee
	pParty        = vocab.Party
	pImplements   = vocab.Implements
	pLocation     = vocab.Location
	pStart        = vocab.StartDate
	pEnd          = vocab.EndDate
	pSuperEvent   = vocab.SuperEvent
	pFounding     = vocab.FoundingDate
	pJobTitle     = vocab.JobTitle
	pWorksFor     = vocab.WorksFor
	pHolds        = vocab.HoldsPosition
	pRoleName     = vocab.RoleName
	pPositionIn   = vocab.PositionIn
	pSigningDate  = vocab.SigningDate
	pSigningPlace = vocab.SigningPlace
	pAdoptedBy    = vocab.AdoptedBy
	pAdoptedAt    = vocab.AdoptedAt
	pAdoptionDate = vocab.AdoptionDate
	pPublisher    = vocab.Publisher
	pPublished    = vocab.DatePublished
	pDescription  = vocab.Description
	pPraised      = vocab.Praised
	pAbout        = vocab.About
)

// fact records a triple with an entity or string object.
func (d *doc) fact(s *sent, subj *Entity, p quad.IRI, obj *Entity, value string, t0, t1 int, rule string) {
	if subj == nil || obj == nil && value == "" {
		return
	}
	if obj != nil && obj.root() == subj.root() {
		return
	}
	tr := Triple{Subject: subj, Predicate: p, Object: obj, Value: value, Sentence: s.n, Rule: rule}
	tr.Start, tr.End = d.span(s, t0, t1)
	d.res.Triples = append(d.res.Triples, tr)
}

// factDate records a triple with a date object.
func (d *doc) factDate(s *sent, subj *Entity, p quad.IRI, date string, start, end int, rule string) {
	if subj == nil || date == "" {
		return
	}
	d.res.Triples = append(d.res.Triples, Triple{Subject: subj, Predicate: p, Value: date, IsDate: true, Sentence: s.n, Start: start, End: end, Rule: rule})
}

// span turns a token range into a byte span, clamped to the sentence.
func (d *doc) span(s *sent, t0, t1 int) (int, int) {
	if t0 < 0 || t0 >= len(s.toks) || t1 <= t0 {
		return s.span.Start, s.span.End
	}
	if t1 > len(s.toks) {
		t1 = len(s.toks)
	}
	return s.toks[t0].Start, s.toks[t1-1].End
}

func (s *sent) allMentions() []*Mention {
	return append(append([]*Mention{}, s.ments...), s.inner...)
}

// mentionAt returns the top-level mention that starts at token k.
func (s *sent) mentionAt(k int) *Mention {
	for _, m := range s.ments {
		if m.tok0 == k {
			return m
		}
	}
	return nil
}

// mentionEndingAt returns the top-level mention that ends at token k.
func (s *sent) mentionEndingAt(k int) *Mention {
	for _, m := range s.ments {
		if m.tok1 == k {
			return m
		}
	}
	return nil
}

// find returns the first token at or after from where the words of
// phrase (lower case, space separated) start, or -1.
func (s *sent) find(from int, phrase string) int {
	first, _, _ := strings.Cut(phrase, " ")
	for k := max(from, 0); k < len(s.toks); k++ {
		if t := s.toks[k].Text; len(t) == len(first) && strings.EqualFold(t, first) && s.at(k, phrase) {
			return k
		}
	}
	return -1
}

// at reports whether the words of phrase (lower case, one space between)
// start at token k.
func (s *sent) at(k int, phrase string) bool {
	if k < 0 {
		return false
	}
	for phrase != "" {
		var w string
		w, phrase, _ = strings.Cut(phrase, " ")
		if k >= len(s.toks) {
			return false
		}
		if t := s.toks[k].Text; len(t) != len(w) || !strings.EqualFold(t, w) {
			return false
		}
		k++
	}
	return true
}

// lw returns the lower-cased word at token k.
func (s *sent) lw(k int) string {
	t := s.toks[k].Text
	for i := 0; i < len(t); i++ {
		if c := t[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			// lower-case each word once
			if s.low == nil {
				s.low = make([]string, len(s.toks))
			}
			if s.low[k] == "" {
				s.low[k] = strings.ToLower(t)
			}
			return s.low[k]
		}
	}
	return t
}

// relations applies the relation patterns to a sentence.
func (d *doc) relations(s *sent) {
	d.rolesIn(s)
	if s.n == 1 && !endsSentence(s.span.Text) {
		// a headline states no facts of its own
		return
	}
	d.titleRefs(s)
	d.eventNames(s)
	d.subjectOf(s)
	d.anniversary(s)
	d.events0(s)
	d.attendance(s)
	d.partOf(s)
	d.signing(s)
	d.founded(s)
	d.basedIn(s)
	d.adopted(s)
	d.published(s)
	d.praised(s)
	d.implementation(s)
	d.discussed(s)
}

// subjectOf notes what the sentence is about: "it" in the next sentence.
func (d *doc) subjectOf(s *sent) {
	k := s.begin
	if k < len(s.toks) && strings.EqualFold(s.toks[k].Text, "it") {
		if d.prev != nil {
			s.subject = d.prev.subject
		}
		return
	}
	for _, m := range s.ments {
		if !m.modifier && !IsPlace(m.Entity.Class) {
			s.subject = m.Entity.root()
			return
		}
	}
}

// isRoleOrg reports whether a mention is the organisation of a title.
func (s *sent) isRoleOrg(m *Mention) bool { return s.roleOrgs[m] }

// agentsBefore returns the agents (people, organisations, countries) of
// the clause before token k: leaving out names in relative clauses (",
// which ...,"), in parentheses, after "in", "at" or "from", names used as
// adjectives or possessors and the organisations of titles.
func (d *doc) agentsBefore(s *sent, from, k int) []*Entity {
	var out []*Entity
	rel, paren := false, 0
	mi := 0
	ms := s.ments
	for i := from; i < k; i++ {
		w := s.toks[i].Text
		switch {
		case w == "(":
			paren++
		case w == ")":
			paren--
		case w == "," && i+1 < len(s.toks) && (s.toks[i+1].Text == "which" || s.toks[i+1].Text == "who"):
			rel = true
		case w == "," && rel:
			rel = false
		}
		if g, n := d.groupAt(s, i); n > 0 && !rel && paren == 0 {
			out = append(out, g...)
			i += n - 1
			continue
		}
		// "he", "she": the last person named before, in this sentence or
		// the one before
		if lw := s.lw(i); (lw == "he" || lw == "she") && !rel && paren == 0 {
			if p := d.lastPerson(s, i); p != nil {
				out = append(out, p)
			}
			continue
		}
		for mi < len(ms) && ms[mi].tok0 < i {
			mi++
		}
		if mi < len(ms) && ms[mi].tok0 == i && ms[mi].tok1 <= k {
			m := ms[mi]
			prev := ""
			if i > 0 {
				prev = s.lw(i - 1)
				if prev == "the" && i > 1 {
					prev = s.lw(i - 2)
				}
			}
			ok := !rel && paren == 0 && !m.modifier && !m.possessiveMention(s) && !s.isRoleOrg(m) && prev != "in" && prev != "at" && prev != "from" && prev != "of" && prev != "to"
			c := m.Entity.Class
			if ok && !m.Entity.root().weak && (c == ClassPerson || c == ClassOrg || c == ClassCountry) {
				out = append(out, m.Entity.root())
			}
			i = m.tok1 - 1
		}
	}
	return dedupe(out)
}

// objectsAfter returns the people and organisations from token k to the
// end of the clause, with the same exclusions as agentsBefore.
func (d *doc) objectsAfter(s *sent, k int, classes ...string) []*Entity {
	end := k
	for end < len(s.toks) && s.toks[end].Text != ";" && s.toks[end].Text != ":" && !(s.toks[end].Text == "," && end+1 < len(s.toks) && (s.toks[end+1].Text == "which" || s.toks[end+1].Text == "where")) {
		end++
	}
	out := d.agentsBefore(s, k, end)
	if len(classes) == 0 {
		return out
	}
	var keep []*Entity
	for _, e := range out {
		for _, c := range classes {
			if e.Class == c {
				keep = append(keep, e)
			}
		}
	}
	return keep
}

func dedupe(es []*Entity) []*Entity {
	var out []*Entity
	seen := map[*Entity]bool{}
	for _, e := range es {
		e = e.root()
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

// placeIn returns the place of "in PLACE" (or "at PLACE") in the sentence
// from token from on, leaving out places that are part of a name, and the
// token of "in".
func (d *doc) placeIn(s *sent, from int) (*Entity, int) {
	for _, m := range s.ments {
		if m.tok0 < from || !IsPlace(m.Entity.Class) || m.modifier || m.tok0 == 0 {
			continue
		}
		if p := s.lw(m.tok0 - 1); p == "in" || p == "at" {
			return m.Entity.root(), m.tok0 - 1
		}
	}
	return nil, -1
}

// orgsOf returns the organisations among es, and the organisations the
// people among es hold titles in.
func (d *doc) orgsOf(es []*Entity) []*Entity {
	var out []*Entity
	for _, e := range es {
		e = e.root()
		if e.Class == ClassOrg {
			out = append(out, e)
			continue
		}
		for _, r := range d.roles[e] {
			if r.org != nil && r.org.root().Class == ClassOrg {
				out = append(out, r.org.root())
				break
			}
		}
	}
	return dedupe(out)
}

// attendees returns the attendees of an event so far, of a class ("" for
// any).
func (d *doc) attendees(ev *Entity, class string) []*Entity {
	var out []*Entity
	for _, t := range d.res.Triples {
		if t.Subject.root() == ev.root() && t.Predicate == pAttendee && t.Object != nil && (class == "" || t.Object.root().Class == class) {
			out = append(out, t.Object.root())
		}
	}
	return dedupe(out)
}

// hasFact reports whether the entity has a fact with this predicate.
func (d *doc) hasFact(subj *Entity, p quad.IRI) bool {
	for _, t := range d.res.Triples {
		if t.Subject.root() == subj.root() && t.Predicate == p {
			return true
		}
	}
	return false
}

// endsSentence reports whether a sentence ends with a full stop (or ! or
// ?), which a headline does not.
func endsSentence(t string) bool {
	t = strings.TrimRight(t, "\"'\u201d\u2019)")
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?")
}

// lastPerson returns the last person named before token k of the
// sentence, or else the person the previous sentence is about.
func (d *doc) lastPerson(s *sent, k int) *Entity {
	var p *Entity
	for _, m := range s.ments {
		if m.tok1 <= k && m.Entity.Class == ClassPerson {
			p = m.Entity.root()
		}
	}
	if p == nil && d.prev != nil && d.prev.subject != nil && d.prev.subject.Class == ClassPerson {
		p = d.prev.subject
	}
	return p
}
