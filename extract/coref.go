package extract

import (
	"strings"
)

// Coreference within a document: what "the Secretary-General", "Mr
// Zhang", "the two organisations", "both", "they", "it", "the meeting" and
// "the memorandum" stand for. Surnames are resolved when names are
// classified (classify.go); the rest here, when a relation needs them.

// groupWords are the words that refer back to the last pair of parties.
var groupPhrases = []string{"the two organisations", "the two organizations", "the two sides", "both sides", "the two secretariats", "the two offices", "the two bodies", "the two secretaries general", "the two men", "the two", "both", "they", "the officials", "the secretaries general"}

// groupAt returns the entities a plural phrase starting at token k
// refers to, and the phrase's length in tokens.
var groupWords = func() [][]string {
	var out [][]string
	for _, p := range groupPhrases {
		out = append(out, strings.Fields(p))
	}
	return out
}()

var groupFirst = map[string]bool{"the": true, "both": true, "they": true}

func (d *doc) groupAt(s *sent, k int) ([]*Entity, int) {
	if k >= len(s.toks) || !groupFirst[s.lw(k)] {
		return nil, 0
	}
	for pi, ws := range groupWords {
		p := groupPhrases[pi]
		if k+len(ws) > len(s.toks) {
			continue
		}
		ok := true
		for i, w := range ws {
			if !strings.EqualFold(s.toks[k+i].Text, w) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if ws[0] == "they" {
			// "the leaders of the CSTO member states ... when they met":
			// the organisation whose leaders are meant.
			if o := d.leadersOf(s, 0, k); o != nil {
				return []*Entity{o}, 1
			}
		}
		if p == "the officials" || p == "the two men" || p == "the secretaries general" || p == "the two secretaries general" {
			if ev := d.lastMeeting(); ev != nil {
				return d.attendees(ev, ClassPerson), len(ws)
			}
		}
		if len(d.group) >= 2 || (ws[0] == "they" && len(d.group) > 0) {
			return d.group, len(ws)
		}
	}
	return nil, 0
}

// leadersOf finds "the leaders of ORG" or "the ORG leaders" between
// tokens t0 and t1: the organisation whose heads are meant.
func (d *doc) leadersOf(s *sent, t0, t1 int) *Entity {
	for _, m := range s.allMentions() {
		if m.tok0 < t0 || m.tok1 > t1 || m.Entity.Class != ClassOrg {
			continue
		}
		after := m.tok1
		for after < len(s.toks) && (s.toks[after].Text == "member" || s.toks[after].Text == "states" || s.toks[after].Text == "'s" || s.toks[after].Text == "Member" || s.toks[after].Text == "States") {
			after++
		}
		if after < len(s.toks) && isLeaderWord(s.toks[after].Text) {
			return m.Entity.root()
		}
		for b := m.tok0 - 1; b >= 0 && b >= m.tok0-3; b-- {
			if isLeaderWord(s.toks[b].Text) {
				return m.Entity.root()
			}
		}
	}
	return nil
}

func isLeaderWord(w string) bool {
	switch strings.ToLower(w) {
	case "leaders", "heads", "presidents", "ministers":
		return true
	}
	return false
}

// titleHolder returns the person of the document who holds a title (in
// an organisation, if org is not nil): "the Secretary-General".
func (d *doc) titleHolder(title string, org *Entity) *Entity {
	key := foldTitle(title)
	for i := len(d.people) - 1; i >= 0; i-- {
		p := d.people[i].root()
		for _, r := range d.roles[p] {
			if foldTitle(r.title) == key && (org == nil || r.org != nil && r.org.root() == org.root()) {
				return p
			}
		}
	}
	return nil
}

// holderIn returns the person who heads or works in an organisation:
// "the head of the CIS Executive Committee".
func (d *doc) holderIn(org *Entity) *Entity {
	for i := len(d.people) - 1; i >= 0; i-- {
		p := d.people[i].root()
		for _, r := range d.roles[p] {
			if r.org != nil && r.org.root() == org.root() {
				return p
			}
		}
	}
	return nil
}

func foldTitle(t string) string {
	return strings.ToLower(strings.ReplaceAll(t, "-", " "))
}

// eventRef returns the event a definite phrase starting at token k
// refers to ("the meeting", "that session", "the talks", "the event") and
// the phrase's length.
func (d *doc) eventRef(s *sent, k int) (*Entity, int) {
	t := s.toks
	if k >= len(t) {
		return nil, 0
	}
	det := s.lw(k)
	if det != "the" && det != "that" && det != "this" {
		return nil, 0
	}
	j := k + 1
	for j < len(t) && j <= k+3 && isLowerWord(t[j].Text) && !d.lx.IsEventNoun(t[j].Text) {
		j++
	}
	if j >= len(t) || !d.lx.IsEventNoun(t[j].Text) {
		return nil, 0
	}
	noun := t[j].Text
	if j+1 < len(t) && d.lx.IsEventNoun(t[j].Text+" "+t[j+1].Text) {
		noun = t[j].Text + " " + t[j+1].Text
		j++
	}
	// "the session" is the last session; "the event" any last event.
	for i := len(d.events) - 1; i >= 0; i-- {
		e := d.events[i].root()
		if noun == "event" || noun == "meeting" && e.noun != "" || strings.Contains(strings.ToLower(e.Name), noun) || e.noun == noun {
			return e, j + 1 - k
		}
	}
	if len(d.events) > 0 {
		return d.events[len(d.events)-1].root(), j + 1 - k
	}
	return nil, 0
}

// docRef returns the agreement a phrase starting at token k refers to
// ("the memorandum", "the agreement", "the MOU", "it") and its length.
func (d *doc) docRef(s *sent, k int) (*Entity, int) {
	if len(d.agreements) == 0 || k >= len(s.toks) {
		return nil, 0
	}
	last := d.agreements[len(d.agreements)-1].root()
	w := s.lw(k)
	if w == "it" {
		return last, 1
	}
	if w != "the" && w != "this" && w != "that" || k+1 >= len(s.toks) {
		return nil, 0
	}
	j := k + 1
	if s.toks[j].Text == "new" {
		j++
	}
	if j < len(s.toks) {
		n := s.lw(j)
		if c := d.lx.DocNoun(n); c != "" && c != ClassReport || n == "mou" || n == "document" {
			return last, j + 1 - k
		}
	}
	return nil, 0
}

// eventNames resolves "the Munich conference" to an event named before
// whose name holds its words ("Munich Security Conference"), and keeps it
// as another name of the event.
func (d *doc) eventNames(s *sent) {
	if !d.has(s, tEventNoun) {
		return
	}
	t := s.toks
	for k := 0; k+2 < len(t); k++ {
		if !strings.EqualFold(t[k].Text, "the") {
			continue
		}
		j := k + 1
		for j < len(t) && capWord(t[j]) {
			j++
		}
		if j == k+1 || j >= len(t) || !d.lx.IsEventNoun(t[j].Text) {
			continue
		}
		noun := t[j].Text
		words := strings.Fields(strings.ToLower(d.textOf(s, k+1, j)))
		for i := len(d.named) - 1; i >= 0; i-- {
			e := d.named[i].root()
			name := strings.ToLower(e.Name)
			if e.noun != "" || !strings.Contains(name, noun) {
				continue
			}
			all := true
			for _, w := range words {
				all = all && strings.Contains(name, w)
			}
			if all {
				d.alias(e, d.textOf(s, k+1, j+1))
				d.insertMention(s, k+1, j+1, e, "event-coreference")
				break
			}
		}
	}
}

// lastMeeting is the last event people attended.
func (d *doc) lastMeeting() *Entity {
	for i := len(d.events) - 1; i >= 0; i-- {
		if len(d.attendees(d.events[i], ClassPerson)) > 0 {
			return d.events[i].root()
		}
	}
	return nil
}
