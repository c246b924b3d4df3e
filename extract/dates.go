package extract

import (
	"strings"

	"github.com/kgraph/kg/extract/timex"
)

// The dates stage: the temporal tagger (extract/timex) has tagged the whole
// document against its date; here a TIMEX3 value becomes the ISO 8601
// literal the graph keeps (a day, a month or a year), and a sentence's
// date is the first such expression in it.

// dayValue returns the ISO 8601 date of a TIMEX3 value when it is a day, a
// month or a year.
func dayValue(t timex.Timex) (string, bool) {
	if t.Type != timex.TypeDate {
		return "", false
	}
	return isoDate(t.Value)
}

func isoDate(v string) (string, bool) {
	switch len(v) {
	case 4, 7, 10:
	default:
		return "", false
	}
	for i, r := range v {
		if (i == 4 || i == 7) && r == '-' {
			continue
		}
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return v, true
}

// when is the date (or the first and last dates) a sentence gives.
type when struct {
	start, end string
	t0, t1     int // byte span
}

// sentDate returns the first date or date range of a sentence.
func sentDate(s *sent) (when, bool) {
	// The dateline's date counts only when the sentence gives no other.
	if s.begin > 0 && s.begin < len(s.toks) {
		body := &sent{toks: s.toks, ments: s.ments}
		for _, t := range s.dates {
			if t.Start >= s.toks[s.begin].Start {
				body.dates = append(body.dates, t)
			}
		}
		if w, ok := sentDate(body); ok {
			return w, true
		}
	}
	for _, t := range s.dates {
		if s.inName(t.Start) {
			continue // "Strategy for 2018-2023" names a period
		}
		if t.Range != nil {
			a, ok1 := isoDate(t.Range.Start)
			b, ok2 := isoDate(t.Range.End)
			if ok1 && ok2 {
				return when{start: a, end: b, t0: t.Start, t1: t.End}, true
			}
			continue
		}
		if v, ok := dayValue(t); ok {
			return when{start: v, t0: t.Start, t1: t.End}, true
		}
	}
	return when{}, false
}

// dateAfter returns the date that starts at byte offset off (or at the
// first token after it), for "founded in 1997".
func dateAfter(s *sent, off int) (when, bool) {
	for _, t := range s.dates {
		if t.Start >= off && t.Start <= off+3 {
			if v, ok := dayValue(t); ok {
				return when{start: v, t0: t.Start, t1: t.End}, true
			}
		}
	}
	return when{}, false
}

// durationYears returns N for a TIMEX3 duration of N years ("P20Y").
func durationYears(v string) (int, bool) {
	if !strings.HasPrefix(v, "P") || !strings.HasSuffix(v, "Y") {
		return 0, false
	}
	n := 0
	for _, r := range v[1 : len(v)-1] {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, n > 0
}

// inName reports whether a byte offset lies inside a name of several
// words (a top-level mention).
func (s *sent) inName(off int) bool {
	for _, m := range s.ments {
		if off > m.Start && off < m.End {
			return true
		}
	}
	return false
}
