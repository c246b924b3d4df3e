package extract

import (
	"strings"
)

// Roles: who holds which title in which organisation. The patterns:
//
//	ORG TITLE PERSON            "UNODC Executive Director Ghada Waly"
//	ORG's TITLE, PERSON         "ASEAN's Secretary-General, H.E. Ong Keng Yong"
//	the TITLE of ORG, PERSON    "the Secretary General of the SCO, Rashid Alimov"
//	the ORG TITLE, PERSON       "the OSCE Secretary General, Helga Maria Schmid"
//	PERSON, TITLE of ORG        "Zhang Ming, Secretary-General of the SCO"
//	PERSON, ORG's TITLE         "Miwa Kato, UNODC's Director for Operations"
//	PERSON, who serves as TITLE of ORG
//	... and ORG TITLE           a second title of the same person
//
// A title with no person ("the Secretary-General", "the SCO
// Secretary-General") refers back to the person who holds it.

type titleUse struct {
	u          unit
	org        *Mention
	start, end int // the whole phrase, tokens
	person     *Entity
}

func (d *doc) rolesIn(s *sent) {
	if s.roleOrgs == nil {
		s.roleOrgs = map[*Mention]bool{}
	}
	var last *Entity
	for _, u := range s.units {
		if u.kind != uTitle {
			continue
		}
		t := s.toks
		tu := titleUse{u: u, start: u.t0, end: u.t1}
		// the organisation before: "SCO Secretary-General", "ASEAN's ..."
		before := u.t0
		if before > 0 && t[before-1].Text == "'s" {
			before--
		}
		if m := s.mentionEndingAt(before); m != nil && (m.Entity.Class == ClassOrg || IsPlace(m.Entity.Class)) {
			tu.org, tu.start = m, m.tok0
		}
		// the organisation after: "Secretary-General of the SCO"
		k := u.t1
		if tu.org == nil && k < len(t) && (t[k].Text == "of" || t[k].Text == "at") {
			j := k + 1
			if j < len(t) && t[j].Text == "the" {
				j++
			}
			m := s.mentionAt(j)
			// "of India's Narcotics Control Bureau"
			if m != nil && IsPlace(m.Entity.Class) && m.tok1 < len(t) && t[m.tok1].Text == "'s" {
				if m2 := s.mentionAt(m.tok1 + 1); m2 != nil && m2.Entity.Class == ClassOrg {
					m = m2
				}
			}
			if m != nil && (m.Entity.Class == ClassOrg || IsPlace(m.Entity.Class)) {
				tu.org, tu.end = m, skipParen(s, m.tok1)
			}
		}
		if tu.org != nil {
			s.roleOrgs[tu.org] = true
		}
		det := tu.start > 0 && strings.EqualFold(t[tu.start-1].Text, "the")
		// the person after
		var person *Entity
		k = tu.end
		if tu.end == u.t1 {
			if m := s.mentionAt(k); m != nil && m.Entity.Class == ClassPerson {
				person = m.Entity
			}
		}
		// "the Ambassador of Iran to Turkey, NAME"
		if tu.org != nil && k+1 < len(t) && t[k].Text == "to" {
			if m := s.mentionAt(k + 1 + boolInt(t[k+1].Text == "the")); m != nil && (IsPlace(m.Entity.Class) || m.Entity.Class == ClassOrg) {
				k = skipParen(s, m.tok1)
				tu.end = k
			}
		}
		// "President of Tajikistan Emomali Rahmon"
		if person == nil && tu.org != nil && tu.end > u.t1 {
			if m := s.mentionAt(k); m != nil && m.Entity.Class == ClassPerson {
				person = m.Entity
			}
		}
		if person == nil && k+1 < len(t) && t[k].Text == "," && (det || tu.org != nil && tu.end == u.t1) {
			if m := s.mentionAt(k + 1); m != nil && m.Entity.Class == ClassPerson {
				person = m.Entity
			}
		}
		// the person before: "PERSON, TITLE" or "PERSON, who serves as TITLE"
		if person == nil && tu.start >= 2 && t[tu.start-1].Text == "," {
			if m := s.mentionEndingAt(tu.start - 1); m != nil && m.Entity.Class == ClassPerson {
				person = m.Entity
			}
		}
		if person == nil && tu.start >= 2 && (t[tu.start-1].Text == "a" || t[tu.start-1].Text == "the") && t[tu.start-2].Text == "," {
			if m := s.mentionEndingAt(tu.start - 2); m != nil && m.Entity.Class == ClassPerson {
				person = m.Entity
			}
		}
		if person == nil {
			// "PERSON, who (also) serves as TITLE"
			for w := tu.start - 2; w >= 2 && w >= tu.start-5; w-- {
				if s.toks[w].Text != "who" || s.toks[w-1].Text != "," {
					continue
				}
				if m := s.mentionEndingAt(w - 1); m != nil && m.Entity.Class == ClassPerson {
					person = m.Entity
				}
			}
		}
		if person == nil && last != nil && tu.start > 0 && t[tu.start-1].Text == "and" {
			person = last
		}
		if person == nil {
			continue
		}
		var org *Entity
		if tu.org != nil {
			org = tu.org.Entity.root()
		}
		d.role(s, person.root(), u.title, org, tu.start, tu.end, "title")
		last = person
	}
}

// role records that a person holds a title, in an organisation or not.
func (d *doc) role(s *sent, p *Entity, title string, org *Entity, t0, t1 int, rule string) {
	if d.roles == nil {
		d.roles = map[*Entity][]role{}
	}
	for _, r := range d.roles[p] {
		if foldTitle(r.title) == foldTitle(title) && r.org == org {
			return
		}
	}
	d.roles[p] = append(d.roles[p], role{title: title, org: org})
	d.fact(s, p, pJobTitle, nil, title, t0, t1, rule)
	if org == nil {
		return
	}
	if org.Class == ClassOrg {
		d.fact(s, p, pWorksFor, org, "", t0, t1, rule)
	}
	// A post has one spelling of its title, whichever the text uses, as
	// the people who hold it share it.
	form := d.lx.TitleForm(title)
	pos := d.position(form, org, s.n)
	d.fact(s, p, pHolds, pos, "", t0, t1, rule)
	d.fact(s, pos, pRoleName, nil, form, t0, t1, rule)
	d.fact(s, pos, pPositionIn, org, "", t0, t1, rule)
}

// position is the post of a title in an organisation.
func (d *doc) position(title string, org *Entity, n int) *Entity {
	k := "X:" + foldTitle(title) + "\x00" + org.root().Name
	if e, ok := d.keys[k]; ok {
		return e.root()
	}
	e := &Entity{ID: len(d.res.Entities) + 1, Name: title, Class: ClassPosition, title: title, org: org, first: n}
	d.res.Entities = append(d.res.Entities, e)
	d.keys[k] = e
	return e
}

// titleRefs turns a title with no person ("the Secretary-General", "the
// SCO Secretary-General") and "the head of ORG" into a mention of the
// person who holds it.
func (d *doc) titleRefs(s *sent) {
	t := s.toks
	for _, u := range s.units {
		if u.kind != uTitle {
			continue
		}
		if s.mentionAt(u.t1) != nil || (u.t1 < len(t) && t[u.t1].Text == ",") && s.mentionAt(u.t1+1) != nil && s.mentionAt(u.t1+1).Entity.Class == ClassPerson {
			continue
		}
		start := u.t0
		var org *Entity
		if m := s.mentionEndingAt(u.t0); m != nil && m.Entity.Class == ClassOrg {
			org, start = m.Entity, m.tok0
		}
		if start == 0 || !strings.EqualFold(t[start-1].Text, "the") {
			continue
		}
		if u.t1 < len(t) && t[u.t1].Text == "of" {
			continue
		}
		p := d.titleHolder(u.title, org)
		if p == nil {
			continue
		}
		d.insertMention(s, start, u.t1, p, "title-coreference")
	}
	// "the head of the CIS Executive Committee"
	for k := 0; k+3 < len(t); k++ {
		if !strings.EqualFold(t[k].Text, "the") || t[k+1].Text != "head" || t[k+2].Text != "of" {
			continue
		}
		j := k + 3
		if j < len(t) && t[j].Text == "the" {
			j++
		}
		m := s.mentionAt(j)
		if m == nil || m.Entity.Class != ClassOrg {
			continue
		}
		if p := d.holderIn(m.Entity); p != nil {
			s.roleOrgs[m] = true
			d.insertMention(s, k, m.tok1, p, "head-of-coreference")
		}
	}
}

// insertMention adds a top-level mention, keeping the list in order and
// dropping those it covers.
func (d *doc) insertMention(s *sent, t0, t1 int, e *Entity, rule string) {
	m := &Mention{Start: s.toks[t0].Start, End: s.toks[t1-1].End, Sentence: s.n, Class: e.Class, Rule: rule, Entity: e, tok0: t0, tok1: t1}
	m.Text = d.text[m.Start:m.End]
	d.res.Mentions = append(d.res.Mentions, m)
	var out []*Mention
	done := false
	for _, x := range s.ments {
		if x.tok0 >= t0 && x.tok1 <= t1 {
			continue
		}
		if !done && x.tok0 >= t1 {
			out = append(out, m)
			done = true
		}
		out = append(out, x)
	}
	if !done {
		out = append(out, m)
	}
	s.ments = out
}

// skipParen returns the token after a short parenthesis ("(CSTO)",
// "(Turkic Council)") at k, or k.
func skipParen(s *sent, k int) int {
	if k < len(s.toks) && s.toks[k].Text == "(" {
		for j := k + 1; j < len(s.toks) && j <= k+6; j++ {
			if s.toks[j].Text == ")" {
				return j + 1
			}
		}
	}
	return k
}
