// Package timex is a rule-based temporal tagger for English news text: it
// finds temporal expressions (dates, times, durations, sets), gives each its
// byte span and TIMEX3 type, and normalises its value against a reference
// (document) date.
//
// Values follow the TIMEX3 value grammar of TimeML 1.2.1 (Pustejovsky et al.,
// "TimeML Annotation Guidelines Version 1.2.1", 2006; specification at
// https://timeml.github.io/site/publications/timeMLdocs/timeml_1.2.html),
// itself built on ISO 8601 and the TIDES 2005 TIMEX2 standard (Ferro et al.
// 2005):
//
//	2019-07-10   a day             2019-W28     an ISO week
//	2019-07      a month           2019-W28-WE  a weekend
//	2019         a year            2019-Q2      a quarter (H1/H2 for halves)
//	201X         a decade          2019-SU      a season (SP, SU, FA, WI)
//	19XX         a century         XXXX-06      a month of unknown year
//	2019-07-10T14:30Z, 2019-07-10TMO   times and parts of days
//	P3Y, P2D, PT30M, PXY           durations (X: unspecified quantity)
//	PRESENT_REF, PAST_REF, FUTURE_REF  the vague "now", "recently", "the future"
//
// Decades and centuries are written with trailing X ("201X", "19XX"); TimeML
// also allows the truncated forms "201" and "19", which denote the same
// periods.
//
// Relative expressions ("this March", "on Monday", "last year") are resolved
// against the reference date, choosing past or future by the tense cues
// nearest the expression, as HeidelTime and SUTime do. Ranges ("13-14 June
// 2019", "2018–2023", "between March and May 2020") are single DURATION
// expressions whose Range gives the first and last point; their value counts
// both ends (13-14 June is P2D).
//
// The tagger is a hand-written scanner over tokens: no regular expressions,
// one pass, a few allocations per document.
package timex

import (
	"time"
)

// Type names of TIMEX3 expressions.
const (
	TypeDate     = "DATE"
	TypeTime     = "TIME"
	TypeDuration = "DURATION"
	TypeSet      = "SET"
)

// Timex is one temporal expression found in a text.
type Timex struct {
	// Start and End are byte offsets into the text, End exclusive.
	Start int `json:"start"`
	End   int `json:"end"`
	// Text is text[Start:End].
	Text string `json:"text"`
	// Type is DATE, TIME, DURATION or SET.
	Type string `json:"type"`
	// Value is the TIMEX3 normalised value.
	Value string `json:"value"`
	// Range is set for expressions naming a span between two points.
	Range *Range `json:"range,omitempty"`
}

// Range is the first and last point of a range expression, as TIMEX3 values.
type Range struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// Tag finds the temporal expressions of text, in text order and without
// overlaps, resolving relative ones against ref (the document date). With a
// zero ref, relative expressions get values with unknown parts (XXXX-06).
func Tag(text string, ref time.Time) []Timex {
	s := newScanner(text, ref)
	ms := s.run()
	out := make([]Timex, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.timex(s))
	}
	return out
}

// RefDate returns the latest full calendar date (day, month and year) the
// text states, the usual stand-in for a document date when none is given.
func RefDate(text string) (time.Time, bool) {
	s := newScanner(text, time.Time{})
	var best time.Time
	found := false
	for _, m := range s.run() {
		if !m.abs {
			continue
		}
		for _, p := range []point{m.p, m.p2} {
			if p.g != gDay || p.y <= 0 {
				continue
			}
			t := time.Date(p.y, time.Month(p.m), p.d, 0, 0, 0, 0, time.UTC)
			if !found || t.After(best) {
				best, found = t, true
			}
		}
	}
	return best, found
}
