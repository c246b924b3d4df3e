package extract

import (
	"strings"

	"github.com/kgraph/kg/extract/timex"
)

// Events: meetings, talks, sessions, summits and who took part.
//
//	A hosted (a meeting|talks) between B and C       organizer A, attendees B, C
//	A hosted and chaired EVENT                       organizer A
//	A and B held talks / met / A received B          attendees
//	A and B held a (side) event                      organizers
//	A took part in / attended EVENT                  attendee
//	the event was organised by A together with B     organizers
//	Participants were addressed by A, B ...          attendees of the event
//	X as part of / on the sidelines of EVENT         superEvent
//	ORG's seminar ... ended today in PLACE           organizer, end, place
//	their summit in PLACE last year                  an event with place and date
//
// Each event takes the sentence's date and the place of "in PLACE", else
// the dateline's. Unnamed events get a name made of who took part, what
// it was, where and when ("SCO-UNODC meeting in Vienna, 10 July 2019").

var meetNouns = map[string]bool{"talks": true, "meeting": true, "consultations": true, "negotiations": true}

// clauseStart returns the token where the clause holding token k starts.
func clauseStart(s *sent, k int) int {
	for i := k - 1; i > s.begin; i-- {
		switch s.lw(i) {
		case "when", "while", "after", "because", "since", "where", "that", ";", ":":
			return i + 1
		}
	}
	return s.begin
}

func passive(s *sent, k int) bool {
	for i := k - 1; i >= 0 && i >= k-2; i-- {
		switch s.lw(i) {
		case "was", "were", "is", "are", "been", "be":
			return true
		}
	}
	return false
}

func (d *doc) events0(s *sent) {
	defer d.eventHeld(s)
	t := s.toks
	for k := s.begin; k < len(t) && d.has(s, tMeet); k++ {
		w := s.lw(k)
		next := ""
		if k+1 < len(t) {
			next = s.lw(k + 1)
		}
		switch {
		case (w == "hosted" || w == "hosts" || w == "chaired") && next != "by" && !passive(s, k):
			d.meeting(s, k, "host", "")
			return
		case (w == "met" || w == "meets" || w == "received" || w == "receives") && !passive(s, k):
			d.meeting(s, k, "meet", "meeting")
			return
		case w == "welcomed" && !passive(s, k) && len(d.objectsAfter(s, k+1, ClassPerson)) > 0:
			// "A welcomed B to ...": a meeting of people
			d.meeting(s, k, "meet", "meeting")
			return
		case (w == "held" || w == "hold" || w == "holds" || w == "had" || w == "organised" || w == "organized" || w == "convened") && !passive(s, k):
			if noun := d.eventNounAfter(s, k+1, 6); noun != "" {
				if meetNouns[noun] {
					d.meeting(s, k, "meet", noun)
				} else {
					d.meeting(s, k, "hold", noun)
				}
				return
			}
		}
	}
	if d.has(s, tEventNoun) {
		d.placedEvent(s)
		d.possessiveEvent(s)
		d.eventOfOrg(s)
	}
}

// eventOfOrg: "the spring meeting of the CIS Council of Foreign
// Ministers", an event a body holds, named by a common noun.
func (d *doc) eventOfOrg(s *sent) {
	if s.event != nil {
		return
	}
	t := s.toks
	for k := s.begin; k+2 < len(t); k++ {
		noun := t[k].Text
		if !d.lx.IsEventNoun(noun) || noun == "event" || t[k+1].Text != "of" {
			continue
		}
		m := s.mentionAt(k + 2 + boolInt(t[k+2].Text == "the"))
		if m == nil || m.Entity.Class != ClassOrg {
			continue
		}
		name := d.text[t[k].Start:m.End]
		name = strings.ToUpper(name[:1]) + name[1:]
		ev := d.entity(name, ClassEvent, s.n)
		d.addMention(s, k, m.tok1, ev, "event-of-body")
		d.fact(s, ev, pOrganizer, m.Entity.root(), "", k, m.tok1, "event-of-body")
		d.noteEvent(s, ev)
		return
	}
}

// eventNounAfter returns the event noun among the n tokens after k, before
// the clause ends.
func (d *doc) eventNounAfter(s *sent, k, n int) string {
	for i := k; i < len(s.toks) && i < k+n; i++ {
		w := s.toks[i].Text
		if w == "," || w == "." || w == ";" {
			return ""
		}
		if i+1 < len(s.toks) && d.lx.IsEventNoun(w+" "+s.toks[i+1].Text) {
			return w + " " + s.toks[i+1].Text
		}
		if d.lx.IsEventNoun(w) {
			return w
		}
		if m := s.mentionAt(i); m != nil && m.Entity.Class == ClassEvent {
			return "event"
		}
	}
	return ""
}

// eventAfter returns the first event named after token k, in the
// sentence, before a part-of phrase.
func (d *doc) eventAfter(s *sent, k int) *Entity {
	for _, m := range s.ments {
		if m.tok0 < k {
			continue
		}
		if m.tok0 >= 2 && (s.toks[m.tok0-1].Text == "of" || s.toks[m.tok0-2].Text == "of") && partOfMarker(s, m.tok0) {
			return nil
		}
		if m.Entity.Class == ClassEvent {
			return m.Entity.root()
		}
	}
	return nil
}

// partOfMarker reports whether a part-of phrase ends right before k.
func partOfMarker(s *sent, k int) bool {
	for _, p := range partOfPhrases {
		n := len(strings.Fields(p))
		for _, back := range []int{n, n + 1} {
			if s.at(k-back, p) {
				return true
			}
		}
	}
	return false
}

// meeting makes the event of a trigger at token k.
func (d *doc) meeting(s *sent, k int, kind, noun string) {
	from := clauseStart(s, k)
	agents := d.agentsBefore(s, from, k)
	var objects []*Entity
	if b := s.find(k, "between"); b >= 0 {
		objects = d.objectsAfter(s, b+1)
	} else if kind == "meet" {
		objects = d.objectsAfter(s, k+1, ClassPerson, ClassOrg)
	}
	ev := d.eventAfter(s, k+1)
	if ev == nil && kind == "host" {
		if n := d.eventNounAfter(s, k+1, 6); n != "" {
			noun = n
		} else {
			noun = "meeting"
		}
	}
	var organizers, attendees []*Entity
	switch kind {
	case "host":
		for _, a := range agents {
			if a.Class != ClassPerson || len(organizers) == 0 {
				organizers = append(organizers, a)
				break
			}
		}
		attendees = objects
	case "meet":
		attendees = append(agents, objects...)
	case "hold":
		organizers = agents
		attendees = objects
	}
	attendees = dedupe(attendees)
	if len(organizers)+len(attendees) == 0 {
		return
	}
	date, hasDate := sentDate(s)
	place, pk := d.placeIn(s, k)
	if place == nil {
		place, pk = d.placeIn(s, 0)
	}
	if place != nil {
		for _, o := range organizers {
			if o == place {
				place = nil
			}
		}
	}
	if place == nil && d.dlPlace != nil && (!hasDate || date.start == d.dlDate) {
		place = d.dlPlace
	}
	if !hasDate && d.dlDate != "" && len(d.events) == 0 {
		date, hasDate = when{start: d.dlDate}, true
	}
	if place == nil {
		for _, o := range organizers {
			if loc := d.locationOf(o); loc != nil {
				place = loc
			}
		}
	}
	if ev == nil {
		members := d.orgsOf(attendees)
		if len(members) == 0 {
			members = d.orgsOf(organizers)
		}
		if len(members) == 0 {
			members = organizers
		}
		ev = d.genEvent(s, noun, members, place, date.start)
	}
	rule := "event-" + kind
	for _, o := range organizers {
		d.fact(s, ev, pOrganizer, o, "", from, k+1, rule)
	}
	for _, a := range attendees {
		d.fact(s, ev, pAttendee, a, "", k, len(s.toks), rule)
	}
	// People meet as heads of their organisations.
	if kind != "hold" {
		for _, o := range d.orgsOf(attendees) {
			d.fact(s, ev, pAttendee, o, "", k, len(s.toks), rule+"-organisation")
		}
	}
	d.placeDate(s, ev, place, pk, date, hasDate, rule)
	d.noteEvent(s, ev)
	if g := d.orgsOf(attendees); len(g) >= 2 {
		d.group = g
	} else if len(organizers) >= 2 {
		d.group = organizers
	} else if len(attendees) >= 2 {
		d.group = attendees
	}
}

func (d *doc) noteEvent(s *sent, ev *Entity) {
	s.event = ev
	d.events = append(d.events, ev)
}

// placeDate gives an event its place and dates, once.
func (d *doc) placeDate(s *sent, ev *Entity, place *Entity, pk int, date when, hasDate bool, rule string) {
	if place != nil && !d.hasFact(ev, pLocation) {
		d.fact(s, ev, pLocation, place, "", pk, pk+2, rule)
	}
	if hasDate && !d.hasFact(ev, pStart) && !d.hasFact(ev, pEnd) {
		if ended(s, date) {
			d.factDate(s, ev, pEnd, date.start, date.t0, date.t1, rule)
			return
		}
		d.factDate(s, ev, pStart, date.start, date.t0, date.t1, rule)
		if date.end != "" {
			d.factDate(s, ev, pEnd, date.end, date.t0, date.t1, rule)
		}
	}
}

// ended reports whether the date is when something ended ("which ended
// today").
func ended(s *sent, date when) bool {
	for i, t := range s.toks {
		if t.End <= date.t0 && i+3 >= len(s.toks) {
			break
		}
		if t.End <= date.t0 && t.Start >= date.t0-40 {
			switch t.Text {
			case "ended", "closed", "concluded", "ends":
				return true
			}
		}
	}
	return false
}

// genEvent makes an event with a made-up name.
func (d *doc) genEvent(s *sent, noun string, members []*Entity, place *Entity, date string) *Entity {
	if noun == "" || noun == "event" {
		noun = "event"
	}
	key := "G:" + noun + "\x00" + date
	if place != nil {
		key += "\x00" + place.root().Name
	}
	for _, m := range members {
		key += "\x00" + m.root().Name
	}
	if e, ok := d.keys[key]; ok {
		return e.root()
	}
	e := &Entity{ID: len(d.res.Entities) + 1, Name: noun, Class: ClassEvent, noun: noun, members: members, place: place, date: date, first: s.n}
	d.res.Entities = append(d.res.Entities, e)
	d.keys[key] = e
	return e
}

// placedEvent finds an event named by a common noun with its place and
// date: "at their summit in Qingdao last year the SCO leaders ...".
func (d *doc) placedEvent(s *sent) {
	if s.event != nil {
		return
	}
	t := s.toks
	for k := s.begin; k+2 < len(t); k++ {
		noun := t[k].Text
		if !d.lx.IsEventNoun(noun) || noun == "event" || t[k+1].Text != "in" {
			continue
		}
		m := s.mentionAt(k + 1 + boolInt(t[k+2].Text == "the") + 1)
		if m == nil || !IsPlace(m.Entity.Class) {
			continue
		}
		date, ok := sentDate(s)
		if !ok {
			continue
		}
		var members []*Entity
		if o := d.leadersOf(s, 0, len(t)); o != nil {
			members = append(members, o)
		}
		ev := d.genEvent(s, noun, members, m.Entity.root(), date.start)
		for _, o := range members {
			d.fact(s, ev, pAttendee, o, "", k, m.tok1, "event-in-place")
		}
		d.placeDate(s, ev, m.Entity.root(), k+1, date, true, "event-in-place")
		d.noteEvent(s, ev)
		return
	}
}

// possessiveEvent: "UNODC's week-long seminar for its field
// representatives, which ended today in Vienna".
func (d *doc) possessiveEvent(s *sent) {
	if s.event != nil {
		return
	}
	for _, m := range s.ments {
		if !m.possessiveMention(s) || m.Entity.Class != ClassOrg {
			continue
		}
		for i := m.tok1 + 1; i < len(s.toks) && i <= m.tok1+4; i++ {
			w := s.toks[i].Text
			if !isLowerWord(strings.ReplaceAll(w, "-", "")) {
				break
			}
			if !d.lx.IsEventNoun(w) || w == "event" {
				continue
			}
			date, ok := sentDate(s)
			place, pk := d.placeIn(s, i)
			ev := d.genEvent(s, w, []*Entity{m.Entity.root()}, place, date.start)
			d.fact(s, ev, pOrganizer, m.Entity.root(), "", m.tok0, i+1, "event-of-possessor")
			d.placeDate(s, ev, place, pk, date, ok, "event-of-possessor")
			d.noteEvent(s, ev)
			return
		}
	}
}

func (m *Mention) possessiveMention(s *sent) bool {
	return m.tok1 < len(s.toks) && s.toks[m.tok1].Text == "'s"
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// attendance: "A took part in EVENT", "A attended", "also attended: A, B",
// and sentences about the event in hand.
func (d *doc) attendance(s *sent) {
	t := s.toks
	for k := s.begin; k < len(t) && d.has(s, tAttend); k++ {
		w := s.lw(k)
		j := -1
		switch {
		case (w == "took" || w == "take" || w == "takes") && k+1 < len(t) && t[k+1].Text == "part":
			j = k + 2
			if j < len(t) && t[j].Text == "in" {
				j++
			}
		case w == "participated" || w == "participate":
			j = k + 1
			if j < len(t) && t[j].Text == "in" {
				j++
			}
		case w == "attended" || w == "attend" || w == "attends":
			j = k + 1
		}
		if j < 0 {
			continue
		}
		agents := d.agentsBefore(s, clauseStart(s, k), k)
		var ev *Entity
		if e, _ := d.eventRef(s, j); e != nil {
			ev = e
		} else if j < len(t) && t[j].Text != ":" && t[j].Text != "." {
			if m := s.mentionAt(j + boolInt(j < len(t) && t[j].Text == "the")); m != nil && m.Entity.Class == ClassEvent {
				ev = m.Entity.root()
			}
		}
		if ev == nil && (j >= len(t) || t[j].Text == "." || t[j].Text == ":") && len(d.events) > 0 {
			ev = d.events[len(d.events)-1].root()
			if j < len(t) && t[j].Text == ":" {
				agents = append(agents, d.peopleAfter(s, j+1)...)
			}
		}
		if ev == nil {
			continue
		}
		for _, a := range agents {
			d.fact(s, ev, pAttendee, a, "", k, j, "took-part")
		}
		// "which was held online on 12-13 April 2021", "which takes
		// place in Dushanbe tomorrow"
		date, ok := sentDate(s)
		place, pk := d.placeIn(s, j)
		if ok || place != nil {
			d.placeDate(s, ev, place, pk, date, ok, "took-part")
		}
		if s.event == nil && !d.isEvent(ev) {
			d.noteEvent(s, ev)
		} else if s.event == nil {
			s.event = ev
		}
		return
	}
	if s.event != nil {
		return
	}
	// A sentence about the event in hand: "The event was organised by A
	// together with B", "Participants were addressed by A, by B".
	var ev *Entity
	for k := s.begin; k < len(t) && k < s.begin+4; k++ {
		if e, _ := d.eventRef(s, k); e != nil {
			ev = e
			break
		}
	}
	if ev == nil && s.begin < len(t) && (t[s.begin].Text == "Participants" || t[s.begin].Text == "Speakers") && len(d.events) > 0 {
		ev = d.events[len(d.events)-1].root()
	}
	// "The Summit, held in ..., was chaired by ..."
	if ev == nil && len(s.ments) > 0 && s.ments[0].tok0 <= s.begin+1 && s.ments[0].Entity.Class == ClassEvent {
		ev = s.ments[0].Entity.root()
	}
	if ev == nil {
		return
	}
	s.event = ev
	for _, p := range []string{"organised by", "organized by", "hosted by", "chaired by", "co-chaired by", "convened by"} {
		if b := s.find(s.begin, p); b >= 0 {
			for _, o := range d.objectsAfter(s, b+2, ClassOrg, ClassPerson, ClassCountry) {
				d.fact(s, ev, pOrganizer, o, "", b, b+2, "event-organised-by")
			}
			return
		}
	}
	if s.find(s.begin, "by") >= 0 || s.find(s.begin, "heard") >= 0 || s.find(s.begin, "addressed") >= 0 {
		for _, p := range d.peopleAfter(s, s.begin) {
			d.fact(s, ev, pAttendee, p, "", s.begin, len(t), "event-speakers")
		}
	}
}

func (d *doc) isEvent(ev *Entity) bool {
	for _, e := range d.events {
		if e.root() == ev.root() {
			return true
		}
	}
	return false
}

// peopleAfter returns the people named from token k on, not counting the
// organisations of their titles.
func (d *doc) peopleAfter(s *sent, k int) []*Entity {
	var out []*Entity
	for _, m := range s.ments {
		if m.tok0 >= k && m.Entity.Class == ClassPerson {
			out = append(out, m.Entity.root())
		}
	}
	return dedupe(out)
}

var partOfPhrases = []string{"as part of", "on the sidelines of", "on the margins of", "in the framework of", "within the framework of", "as a part of"}

// partOf: "X as part of EVENT", "on the sidelines of the session, ...".
func (d *doc) partOf(s *sent) {
	if !d.has(s, tPart) {
		return
	}
	for _, p := range partOfPhrases {
		k := s.find(s.begin, p)
		if k < 0 {
			continue
		}
		j := k + len(strings.Fields(p))
		var super *Entity
		if e, _ := d.eventRef(s, j); e != nil {
			super = e
		} else {
			for _, m := range s.ments {
				if m.tok0 >= j && m.Entity.Class == ClassEvent {
					super = m.Entity.root()
					break
				}
			}
		}
		sub := s.event
		if sub == nil {
			if e, _ := d.eventRef(s, s.begin); e != nil {
				sub = e
			}
		}
		if sub == nil || super == nil || sub.root() == super.root() {
			return
		}
		d.fact(s, sub, pSuperEvent, super, "", k, j+1, "part-of")
		if date, ok := sentDate(s); ok && !d.hasFact(super, pStart) && date.t0 > s.toks[j].Start {
			d.placeDate(s, super, nil, 0, date, true, "part-of-date")
		}
		return
	}
}

// locationOf returns where the document says an organisation is.
func (d *doc) locationOf(e *Entity) *Entity {
	for _, t := range d.res.Triples {
		if t.Subject.root() == e.root() && t.Predicate == pLocation && t.Object != nil {
			return t.Object.root()
		}
	}
	return nil
}

// eventHeld: "the SCO Summit held on 13-14 June 2019 in Bishkek", "the
// 64th session ..., which was held online on 12-13 April 2021".
func (d *doc) eventHeld(s *sent) {
	if !d.has(s, tHeld) {
		return
	}
	t := s.toks
	for _, m := range s.ments {
		if m.Entity.Class != ClassEvent {
			continue
		}
		k := skipParen(s, m.tok1)
		if k < len(t) && t[k].Text == "," {
			k++
		}
		if k < len(t) && (t[k].Text == "which" || t[k].Text == "that") {
			k++
		}
		for k < len(t) && (t[k].Text == "was" || t[k].Text == "is" || t[k].Text == "will" || t[k].Text == "be" || t[k].Text == "to") {
			k++
		}
		if k >= len(t) || !(t[k].Text == "held" || (t[k].Text == "took" || t[k].Text == "takes" || t[k].Text == "take") && k+1 < len(t) && t[k+1].Text == "place") {
			continue
		}
		ev := m.Entity.root()
		var date when
		ok := false
		for _, x := range s.dates {
			if x.Start >= t[k].Start && x.Start <= t[k].End+40 {
				s2 := &sent{dates: []timex.Timex{x}}
				date, ok = sentDate(s2)
				if ok {
					break
				}
			}
		}
		place, pk := d.placeIn(s, k)
		if place != nil && pk > k+12 {
			place = nil
		}
		d.placeDate(s, ev, place, pk, date, ok, "event-held")
		if !d.isEvent(ev) {
			d.events = append(d.events, ev)
		}
		// "..., chaired by President of Azerbaijan Ilham Aliyev"
		for _, p := range []string{"chaired by", "co-chaired by", "hosted by", "organised by", "organized by"} {
			if b := s.find(k, p); b >= 0 {
				for _, o := range d.objectsAfter(s, b+2, ClassOrg, ClassPerson, ClassCountry) {
					d.fact(s, ev, pOrganizer, o, "", b, b+2, "event-held-by")
				}
				break
			}
		}
	}
}

// discussed: what the people of the last meeting discussed, described,
// spoke about or agreed on: the events, documents and regions named after
// the verb (schema:about).
func (d *doc) discussed(s *sent) {
	if !d.has(s, tDiscuss) {
		return
	}
	if s.event != nil {
		return
	}
	ev := d.lastMeeting()
	if ev == nil {
		return
	}
	people := map[*Entity]bool{}
	for _, p := range d.attendees(ev, ClassPerson) {
		people[p] = true
	}
	t := s.toks
	for k := s.begin; k < len(t); k++ {
		switch s.lw(k) {
		case "discussed", "described", "agreed", "reviewed", "spoke", "talked", "briefed", "outlined", "presented":
		default:
			continue
		}
		agents := d.agentsBefore(s, s.begin, k)
		if len(agents) == 0 {
			if g, _ := d.groupAt(s, s.begin); len(g) > 0 {
				agents = g
			}
		}
		ok := len(agents) > 0
		for _, a := range agents {
			ok = ok && people[a.root()]
		}
		if !ok {
			return
		}
		for _, m := range s.ments {
			if m.tok0 <= k || m.modifier {
				continue
			}
			c := m.Entity.root().Class
			if c == ClassEvent || IsDocument(c) || c == ClassRegion {
				d.fact(s, ev, pAbout, m.Entity.root(), "", k, m.tok1, "discussed")
			}
		}
		return
	}
}
