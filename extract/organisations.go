package extract

import (
	"strconv"
	"strings"
)

// Facts about organisations:
//
//	X, founded / established / set up in 1997, ...   foundingDate
//	Set up in 1991 as ..., X is ...                  foundingDate
//	It was first convened in 1963                    foundingDate of "it"
//	twenty years of X (in a text of 2022)            foundingDate 2002
//	X ... based in / headquartered in PLACE          location
//	X is a ORG agency / body                         parentOrganization
//	X, ..., is a DESCRIPTION.                        description

var foundingPhrases = []string{"founded in", "established in", "set up in", "created in", "came into being in", "first convened in", "convened for the first time in", "launched in", "founded on", "established on"}

func (d *doc) founded(s *sent) {
	if !d.has(s, tFound) {
		return
	}
	for _, p := range foundingPhrases {
		k := s.find(s.begin, p)
		if k < 0 {
			continue
		}
		j := k + len(strings.Fields(p))
		if j >= len(s.toks) {
			continue
		}
		date, ok := dateAfter(s, s.toks[j-1].End)
		if !ok {
			continue
		}
		var subj *Entity
		switch {
		case k >= 2 && s.toks[k-1].Text == "which" || k >= 3 && s.toks[k-2].Text == "which":
			// "X (in PLACE), which (was) founded in": the last organisation
			// or event before "which"
			w := k - 1
			if s.toks[w].Text != "which" {
				w--
			}
			for _, m := range s.ments {
				if m.tok1 <= w && (m.Entity.Class == ClassOrg || m.Entity.Class == ClassEvent) && !m.modifier {
					subj = m.Entity.root()
				}
			}
		case k <= s.begin+1 && (s.begin == k || strings.EqualFold(s.toks[s.begin].Text, "first")):
			// "Set up in 1991 as ..., the CIS is ..."
			for _, m := range s.ments {
				if m.Start >= date.t1 && (m.Entity.Class == ClassOrg || m.Entity.Class == ClassEvent) && m.tok0 > 0 && precededByComma(s, m.tok0) {
					subj = m.Entity.root()
					break
				}
			}
		case s.subject != nil && s.begin < len(s.toks) && strings.EqualFold(s.toks[s.begin].Text, "it"):
			subj = s.subject
		default:
			for _, m := range s.ments {
				if m.tok1 <= k && (m.Entity.Class == ClassOrg || m.Entity.Class == ClassEvent) && !m.modifier {
					subj = m.Entity.root()
				}
			}
		}
		if subj == nil {
			continue
		}
		d.factDate(s, subj, pFounding, date.start, s.toks[k].Start, date.t1, "founded")
		return
	}
}

func precededByComma(s *sent, k int) bool {
	for i := k - 1; i >= 0 && i >= k-2; i-- {
		if s.toks[i].Text == "," {
			return true
		}
	}
	return false
}

// basedIn: "X ... based in PLACE", and "X, ..., is a UN agency ..." and
// the description that follows "is a".
func (d *doc) basedIn(s *sent) {
	if !d.has(s, tBased) {
		return
	}
	subj := s.subject
	if subj == nil || subj.Class != ClassOrg && subj.Class != ClassEvent {
		return
	}
	for _, p := range []string{"based in", "headquartered in", "located in", "seated in", "headquarters in", "seat in"} {
		if k := s.find(s.begin, p); k >= 0 {
			if m := s.mentionAt(k + 2); m != nil && IsPlace(m.Entity.Class) {
				d.fact(s, subj, pLocation, m.Entity.root(), "", k, m.tok1, "based-in")
			}
		}
	}
	// "is a UN agency", "is an intergovernmental association"
	k := -1
	for i := s.begin; i+1 < len(s.toks); i++ {
		if (s.toks[i].Text == "is" || s.toks[i].Text == "was") && (s.toks[i+1].Text == "a" || s.toks[i+1].Text == "an") {
			k = i
			break
		}
	}
	if k < 0 {
		return
	}
	// only when the subject is what the sentence is about, before "is"
	first := false
	for _, m := range s.ments {
		if m.Entity.root() == subj && m.tok1 <= k {
			first = true
		}
	}
	if !first && !strings.EqualFold(s.toks[s.begin].Text, "it") {
		return
	}
	if m := s.mentionAt(k + 2); m != nil && m.Entity.Class == ClassOrg && m.tok1 < len(s.toks) {
		switch s.toks[m.tok1].Text {
		case "agency", "body", "organ", "entity", "organisation", "organization", "office", "programme", "fund":
			d.fact(s, subj, pParentOrg, m.Entity.root(), "", k, m.tok1+1, "is-a-agency")
		}
	}
	end := s.span.End
	if strings.HasSuffix(s.span.Text, ".") {
		end--
	}
	desc := d.text[s.toks[k+1].Start:end]
	if subj.Class == ClassOrg || subj.Class == ClassEvent {
		d.fact(s, subj, pDescription, nil, desc, k+1, len(s.toks), "copula-description")
	}
}

// anniversary: "twenty years of the CSTO", "thirty years since the Treaty
// was signed", counted back from the sentence's (or document's) year.
func (d *doc) anniversary(s *sent) {
	year := d.ref.Year()
	if dt, ok := sentDate(s); ok {
		if y, err := strconv.Atoi(dt.start[:4]); err == nil {
			year = y
		}
	}
	if year <= 0 {
		return
	}
	for _, t := range s.dates {
		n, ok := durationYears(t.Value)
		if !ok {
			continue
		}
		k := 0
		for k < len(s.toks) && s.toks[k].Start < t.End {
			k++
		}
		if k >= len(s.toks) {
			continue
		}
		switch s.toks[k].Text {
		case "of":
			j := k + 1 + boolInt(k+1 < len(s.toks) && s.toks[k+1].Text == "the")
			if m := s.mentionAt(j); m != nil && (m.Entity.Class == ClassOrg || m.Entity.Class == ClassEvent) {
				d.factDate(s, m.Entity.root(), pFounding, strconv.Itoa(year-n), t.Start, m.End, "anniversary")
			}
		case "since":
			j := k + 1 + boolInt(k+1 < len(s.toks) && s.toks[k+1].Text == "the")
			if m := s.mentionAt(j); m != nil && m.Entity.Class == ClassAgreement && m.tok1+1 < len(s.toks) && s.toks[m.tok1+1].Text == "signed" {
				d.factDate(s, m.Entity.root(), pSigningDate, strconv.Itoa(year-n), t.Start, m.End, "anniversary")
			}
		}
	}
}
