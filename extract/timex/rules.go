package timex

import (
	"strconv"
	"time"
)

// scanner holds one text being tagged.
type scanner struct {
	text, low string
	toks      []token
	ref       time.Time
	hasRef    bool
	// lastDay is the latest day-precise date matched so far, the antecedent
	// of anaphoric "the day", "that day".
	lastDay    point
	hasLastDay bool
	lastEnd    int // token index after the last match
}

// match is one expression found, over tokens [i, j).
type match struct {
	i, j    int
	typ     string
	val     string // the value when it is not p's (durations, sets, refs)
	p, p2   point  // the point, and the range's end when isRange
	isRange bool
	abs     bool // the value does not depend on the reference date
}

func newScanner(text string, ref time.Time) *scanner {
	s := &scanner{text: text, low: lowerASCII(text), ref: ref, hasRef: !ref.IsZero()}
	s.toks = tokenize(text, make([]token, 0, min(len(text), maxText)/4+4))
	return s
}

func (m match) timex(s *scanner) Timex {
	start, end := int(s.toks[m.i].start), int(s.toks[m.j-1].end)
	t := Timex{Start: start, End: end, Text: s.text[start:end], Type: m.typ, Value: m.val}
	if m.isRange {
		t.Range = &Range{Start: m.p.String(), End: m.p2.String()}
	}
	if t.Value == "" {
		t.Value = m.p.String()
	}
	return t
}

// run scans the text left to right, taking the longest match at each token.
func (s *scanner) run() []match {
	var out []match
	for i := 0; i < len(s.toks); {
		// Most tokens cannot open an expression: skip them before the
		// rules run.
		switch t := s.toks[i]; t.kind {
		case kWord:
			if !triggers[s.low[t.start:t.end]] {
				i++
				continue
			}
		case kPunct:
			if !s.isApos(i) {
				i++
				continue
			}
		}
		if m, ok := s.matchAt(i); ok && m.j > i {
			if m.p.g == gDay && m.p.known() && m.val == "" && !m.isRange {
				s.lastDay, s.hasLastDay = m.p, true
				s.lastDay.tod = ""
			}
			s.lastEnd = m.j
			out = append(out, m)
			i = m.j
			continue
		}
		i++
	}
	return out
}

// matchAt tries every rule at token i and keeps the longest match.
func (s *scanner) matchAt(i int) (match, bool) {
	t := s.toks[i]
	var best match
	found := false
	try := func(m match, ok bool) {
		if ok && (!found || m.j > best.j) {
			best, found = m, true
		}
	}
	switch t.kind {
	case kNum:
		try(s.mDate(i, true))
		try(s.mTime(i))
		try(s.mDuration(i))
		try(s.mDecade(i))
		try(s.mCentury(i))
	case kPunct:
		if s.isApos(i) {
			try(s.mDate(i, true))
			try(s.mDecade(i))
		}
	case kWord:
		w := s.w(i)
		if !triggers[w] || !s.promising(w, i) {
			return best, false
		}
		try(s.mDate(i, true))
		try(s.mModified(i))
		try(s.mConnective(i))
		try(s.mRelative(i))
		try(s.mDuration(i))
		if durationPremods[w] && s.w(i+1) != "the" {
			if m, ok := s.mDuration(i + 1); ok && m.typ == TypeDuration {
				m.i = i
				try(m, true)
			}
		}
		try(s.mSet(i))
		try(s.mQuarter(i))
		try(s.mWeekOf(i))
		try(s.mSeason(i))
		if w == "the" || w == "mid" {
			try(s.mDecade(i))
		}
		try(s.mCentury(i))
	}
	return best, found
}

// triggers are the words that can open an expression; other words are
// skipped with one lookup.
var triggers = func() map[string]bool {
	t := map[string]bool{}
	for _, m := range []map[string]int{monthNames, weekdayNames, cardinalWords, ordinalWords, relativeWords, dayOffsets} {
		for w := range m {
			t[w] = true
		}
	}
	for _, m := range []map[string]string{seasonCodes, frequencyAdjectives, refAdverbs} {
		for w := range m {
			t[w] = true
		}
	}
	for w := range unitWords {
		t[w] = true // week-long
	}
	for _, m := range []map[string]bool{vagueQuantities, spanModifiers, bareDurations, durationPremods} {
		for w := range m {
			t[w] = true
		}
	}
	for _, w := range []string{"the", "that", "between", "from", "every", "each", "recent", "half", "q", "h", "mid", "final", "christmas", "new"} {
		t[w] = true
	}
	return t
}()

// afterThe are the words after "the" that can make it open an expression.
var afterThe = func() map[string]bool {
	t := map[string]bool{}
	for w := range ordinalWords {
		t[w] = true
	}
	for w := range relativeWords {
		t[w] = true
	}
	for w := range boundaryPhrases {
		t[w] = true
	}
	for w := range seasonCodes {
		t[w] = true
	}
	for _, w := range []string{"first", "final", "remaining", "same", "very", "day", "time", "near",
		"long", "short", "weekend", "future", "foreseeable", "distant", "q", "h", "past"} {
		t[w] = true
	}
	for w := range cardinalWords {
		t[w] = true // "the twenty-first century"
	}
	return t
}()

// promising cheaply rules out frequent trigger words ("the", "a", "that")
// whose next token cannot continue an expression.
func (s *scanner) promising(w string, i int) bool {
	switch w {
	case "the":
		if i+1 < len(s.toks) && s.toks[i+1].kind != kWord {
			return true // the 10th, the 1990s, the '90s
		}
		return afterThe[s.w(i+1)]
	case "a", "an":
		n := s.w(i + 1)
		if _, ok := unitWords[n]; ok {
			return true
		}
		return n == "few" || n == "couple" || durationFillers[n] || i+1 < len(s.toks) && s.toks[i+1].kind == kNum
	case "that":
		return s.w(i+1) == "day"
	}
	return true
}

// ---- token helpers ----

// w is the lower-cased text of word token i, or "".
func (s *scanner) w(i int) string {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != kWord {
		return ""
	}
	t := s.toks[i]
	return s.low[t.start:t.end]
}

// punct is the text of punctuation token i, or "".
func (s *scanner) punct(i int) string {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != kPunct {
		return ""
	}
	t := s.toks[i]
	return s.text[t.start:t.end]
}

// num returns number token i.
func (s *scanner) num(i int) (number, bool) {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != kNum {
		return number{}, false
	}
	t := s.toks[i]
	return number{start: int(t.start), end: int(t.end), n: int(t.n), nd: int(t.nd)}, true
}

// number is a number token with its fields widened for arithmetic.
type number struct {
	start, end int
	n, nd      int
}

// glued reports whether token i exists and follows its predecessor with no
// space between.
func (s *scanner) glued(i int) bool {
	return i > 0 && i < len(s.toks) && !s.toks[i].space
}

func (s *scanner) upper(i int) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].upper
}

func (s *scanner) isDash(i int) bool {
	switch s.punct(i) {
	case "-", "–", "—", "‑":
		return true
	}
	return false
}

func (s *scanner) isApos(i int) bool {
	switch s.punct(i) {
	case "'", "’", "‘":
		return true
	}
	return false
}

// sentenceEnd reports whether token i ends a sentence or clause.
func (s *scanner) sentenceEnd(i int) bool {
	switch s.punct(i) {
	case ".", "!", "?", ";", ":":
		return true
	}
	return false
}

// ---- tense ----

const (
	tenseUnknown = iota
	tensePast
	tenseFuture
)

// cue is the tense marked by token k: a listed auxiliary or verb, a
// regular past form (-ed, unless a participle after "be"), or "to" after a
// verb of plan or schedule ("is set to", "plans to").
func (s *scanner) cue(k int) int {
	w := s.w(k)
	switch {
	case w == "":
		return tenseUnknown
	case w == "be":
		if s.w(k-1) == "to" {
			return tenseFuture
		}
		return tenseUnknown
	case w == "to":
		if futureBeforeTo[s.w(k-1)] {
			return tenseFuture
		}
		return tenseUnknown
	case futureCues[w]:
		return tenseFuture
	case pastCues[w] || len(w) > 4 && w[len(w)-2:] == "ed" && !s.toks[k].upper:
		switch s.w(k - 1) {
		case "be", "being", "been", "is", "are", "was", "were":
			return tenseUnknown // a passive participle: the auxiliary decides
		}
		return tensePast
	}
	return tenseUnknown
}

// tense reads the tense of the clause around tokens [i, j) from the
// nearest cue within a window, as HeidelTime's tense heuristic does; cues
// after the expression count at twice their distance, since the verb that
// governs a temporal adverbial usually comes before it in English.
func (s *scanner) tense(i, j int) int {
	const window = 12
	best, bestD := tenseUnknown, 1<<30
	for k, d := i-1, 1; k >= 0 && d <= window; k, d = k-1, d+1 {
		if s.toks[k+1].brk || s.sentenceEnd(k) {
			break
		}
		if c := s.cue(k); c != tenseUnknown {
			best, bestD = c, d
			break
		}
	}
	for k, d := j, 1; k < len(s.toks) && d <= window && 2*d < bestD; k, d = k+1, d+1 {
		if s.toks[k].brk || s.sentenceEnd(k) {
			break
		}
		if c := s.cue(k); c != tenseUnknown {
			return c
		}
	}
	return best
}

// ---- resolution against the reference date ----

// cycleYear is the year of the idx-th part (month, quarter, season) of a
// year with n parts, read with the given tense against the reference date.
func (s *scanner) cycleYear(idx, refIdx, tense int) int {
	if !s.hasRef {
		return -1
	}
	y := s.ref.Year()
	switch {
	case tense == tensePast && idx > refIdx:
		y--
	case tense == tenseFuture && idx < refIdx:
		y++
	}
	return y
}

func (s *scanner) refQuarter() int { return (int(s.ref.Month())-1)/3 + 1 }

// seasonIndex orders seasons within a year: winter (its January part)
// first.
func seasonIndex(code string) int {
	switch code {
	case "WI":
		return 0
	case "SP":
		return 1
	case "SU":
		return 2
	}
	return 3
}

func (s *scanner) refSeason() int {
	m := int(s.ref.Month())
	if m == 12 {
		return 3
	}
	return m / 3
}

// resolveWeekday finds the weekday wd (Sunday = 0) near the reference date:
// rel is relLast, relNext, relThis or -1 for a bare weekday read by tense.
func (s *scanner) resolveWeekday(wd, rel, tense int) (point, bool) {
	if !s.hasRef {
		return point{}, false
	}
	rwd := int(s.ref.Weekday())
	var delta int
	switch rel {
	case relLast:
		delta = -((rwd - wd + 7) % 7)
		if delta == 0 {
			delta = -7
		}
	case relNext:
		delta = (wd - rwd + 7) % 7
		if delta == 0 {
			delta = 7
		}
	case relThis:
		delta = (wd+6)%7 - (rwd+6)%7
	default:
		if tense == tenseFuture {
			delta = (wd - rwd + 7) % 7
		} else {
			delta = -((rwd - wd + 7) % 7)
		}
	}
	return dayPoint(s.ref.AddDate(0, 0, delta)), true
}

// completeYear gives a year to a point that names none ("June", "13
// June"), from the reference date and the tense.
func (s *scanner) completeYear(p point, i, j int) point {
	if p.y >= 0 || !s.hasRef {
		return p
	}
	tense := s.tense(i, j)
	switch p.g {
	case gMonth:
		p.y = s.cycleYear(p.m, int(s.ref.Month()), tense)
	case gDay:
		p.y = s.cycleYear(p.m*32+p.d, int(s.ref.Month())*32+s.ref.Day(), tense)
	case gQuarter:
		p.y = s.cycleYear(p.q, s.refQuarter(), tense)
	case gHalf:
		p.y = s.cycleYear(p.q, (s.refQuarter()+1)/2, tense)
	case gSeason:
		p.y = s.cycleYear(seasonIndex(p.season), s.refSeason(), tense)
	}
	return p
}

// ---- calendar pieces ----

// monthAt reads a month name at i ("July", "Jul.", "Sept"), returning the
// month and the index after it. Names must be capitalised; "May" must also
// sit next to a number or a temporal preposition, since it is also a verb.
func (s *scanner) monthAt(i int) (int, int, bool) {
	w := s.w(i)
	m, ok := monthNames[w]
	if !ok || !s.upper(i) {
		return 0, 0, false
	}
	j := i + 1
	if len(w) <= 4 && w != "may" && w != "june" && w != "july" {
		if s.punct(j) == "." && s.glued(j) {
			j++
		} else if _, isNum := s.num(j); !isNum {
			return 0, 0, false
		}
	}
	if w == "may" {
		_, nextNum := s.num(j)
		prev := s.w(i - 1)
		_, prevNum := s.num(i - 1)
		if !nextNum && !prevNum && !mayContext[prev] {
			return 0, 0, false
		}
	}
	return m, j, true
}

// dayAt reads a day of month at i: 1-31 in one or two digits, with an
// optional ordinal suffix (10th).
func (s *scanner) dayAt(i int) (int, int, bool) {
	t, ok := s.num(i)
	if !ok || t.nd > 2 || t.n < 1 || t.n > 31 {
		return 0, 0, false
	}
	j := i + 1
	if ordinalSuffixes[s.w(j)] && s.glued(j) {
		j++
	}
	// "10:30" and "10.5" are not days.
	if p := s.punct(j); (p == ":" || p == ".") && s.glued(j) {
		if _, n := s.num(j + 1); n && s.glued(j+1) {
			return 0, 0, false
		}
	}
	return t.n, j, true
}

// partOfNumber reports whether number token i is glued to digit groups
// ("2,000", "1.5").
func (s *scanner) partOfNumber(i int) bool {
	if p := s.punct(i + 1); (p == "," || p == ".") && s.glued(i+1) {
		if _, ok := s.num(i + 2); ok && s.glued(i+2) {
			return true
		}
	}
	if p := s.punct(i - 1); (p == "," || p == ".") && s.glued(i) {
		if _, ok := s.num(i - 2); ok && s.glued(i-1) {
			return true
		}
	}
	return false
}

// yearAt reads a year at i: four digits 1000-2999 or an apostrophe and two
// digits ('82).
func (s *scanner) yearAt(i int) (int, int, bool) {
	if s.isApos(i) {
		t, ok := s.num(i + 1)
		if !ok || t.nd != 2 || !s.glued(i+1) || s.w(i+2) == "s" {
			return 0, 0, false
		}
		if t.n <= 30 {
			return 2000 + t.n, i + 2, true
		}
		return 1900 + t.n, i + 2, true
	}
	t, ok := s.num(i)
	if !ok || t.nd != 4 || t.n < 1000 || t.n > 2999 || s.partOfNumber(i) {
		return 0, 0, false
	}
	if w := s.w(i + 1); w == "s" && s.glued(i+1) { // 1990s
		return 0, 0, false
	}
	return t.n, i + 1, true
}

// numericDate reads 2019-07-10, 2019/07/10, 10.07.2019, 10/07/2019 and
// 7/8/07 at i. Slashed day-month orders follow US usage (month first)
// unless the first number cannot be a month; dotted and dashed ones are
// day first, as in European usage.
func (s *scanner) numericDate(i int) (point, int, bool) {
	a, ok := s.num(i)
	if !ok {
		return point{}, 0, false
	}
	sep := s.punct(i + 1)
	if sep != "-" && sep != "/" && sep != "." || !s.glued(i+1) {
		return point{}, 0, false
	}
	b, ok1 := s.num(i + 2)
	c, ok2 := s.num(i + 4)
	if !ok1 || !ok2 || !s.glued(i+2) || s.punct(i+3) != sep || !s.glued(i+3) || !s.glued(i+4) {
		return point{}, 0, false
	}
	if _, more := s.num(i + 6); more && s.glued(i+5) && s.glued(i+6) && s.punct(i+5) == sep {
		return point{}, 0, false // 1.2.3.4
	}
	var y, m, d int
	switch {
	case a.nd == 4 && b.nd <= 2 && c.nd <= 2:
		y, m, d = a.n, b.n, c.n
	case a.nd <= 2 && b.nd <= 2 && (c.nd == 4 || c.nd == 2 && sep == "/"):
		y = c.n
		if c.nd == 2 {
			y += 1900
			if c.n <= 30 {
				y += 100
			}
		}
		if sep == "/" && a.n <= 12 {
			m, d = a.n, b.n
		} else {
			d, m = a.n, b.n
		}
	default:
		return point{}, 0, false
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 {
		return point{}, 0, false
	}
	if time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() != d {
		return point{}, 0, false
	}
	return point{g: gDay, y: y, m: m, d: d}, i + 5, true
}

// pointAt reads the longest calendar date at i: a numeric date, "[the] 10th
// [of] July [2019]", "July 10[,] [2019]", "July [of] 2019", "July" or a
// year. A missing year is -1; the caller completes it.
func (s *scanner) pointAt(i int) (point, int, bool) {
	if p, j, ok := s.numericDate(i); ok {
		return p, j, true
	}
	// [the] DAY [of] MONTH [,] [YEAR]
	k := i
	if s.w(k) == "the" {
		k++
	}
	if d, j, ok := s.dayAt(k); ok {
		if s.w(j) == "of" {
			j++
		}
		if m, j2, ok := s.monthAt(j); ok {
			p := point{g: gDay, y: -1, m: m, d: d}
			j = j2
			if y, j3, ok := s.yearAfter(j); ok {
				p.y, j = y, j3
			}
			return p, j, validDay(p)
		}
	}
	if k != i {
		return point{}, 0, false
	}
	if m, j, ok := s.monthAt(i); ok {
		// MONTH DAY [,] [YEAR]
		if d, j2, ok := s.dayAt(j); ok && !s.countedAfter(j2) {
			if _, isYear, _ := s.yearAt(j); isYear == 0 {
				p := point{g: gDay, y: -1, m: m, d: d}
				j = j2
				if y, j3, ok := s.yearAfter(j); ok {
					p.y, j = y, j3
				}
				return p, j, validDay(p)
			}
		}
		// MONTH [,|of] YEAR
		if y, j2, ok := s.yearAfter(j); ok {
			return point{g: gMonth, y: y, m: m}, j2, true
		}
		if s.w(j) == "of" {
			if y, j2, ok := s.yearAt(j + 1); ok {
				return point{g: gMonth, y: y, m: m}, j2, true
			}
		}
		// MONTH [of] this/last/next year
		if y, j2, ok := s.yearPhraseAt(j); ok && y >= 0 {
			return point{g: gMonth, y: y, m: m}, j2, true
		}
		return point{g: gMonth, y: -1, m: m}, j, true
	}
	if y, j, ok := s.yearAt(i); ok {
		return point{g: gYear, y: y}, j, true
	}
	return point{}, 0, false
}

// yearAfter reads "[,] YEAR" at i.
func (s *scanner) yearAfter(i int) (int, int, bool) {
	if s.punct(i) == "," {
		i++
	}
	return s.yearAt(i)
}

// countedAfter reports whether token i is a noun that makes a preceding
// number a count ("May 5 people").
func (s *scanner) countedAfter(i int) bool {
	return countedNouns[s.w(i)] || s.punct(i) == "%"
}

func validDay(p point) bool {
	y := p.y
	if y < 0 {
		y = 2000
	}
	return time.Date(y, time.Month(p.m), p.d, 0, 0, 0, 0, time.UTC).Day() == p.d
}

// yearAlone vets a year standing on its own at [i, j): numbers that count
// things ("over 1500 people", "$2000", "resolution 1540") are not years.
func (s *scanner) yearAlone(i, j int, y int) bool {
	if s.isApos(i) {
		return mayContext[s.w(i-1)]
	}
	if y > 2100 {
		return false
	}
	if countingWords[s.w(i-1)] || s.countedAfter(j) {
		return false
	}
	// Years before 1800 are rare in news; such numbers are mostly labels
	// ("UNSCR 1325") unless a temporal preposition governs them.
	if y < 1800 && !earlyYearContext[s.w(i-1)] {
		return false
	}
	switch s.punct(i - 1) {
	case "$", "€", "£", "¥", "#", "№":
		return false
	}
	if p := s.punct(j); p == "%" || p == "-" && s.glued(j) && s.w(j+1) != "" {
		return false // "2000-strong"
	}
	return true
}

// ---- rules ----

// rangeConnector reports whether token i joins two points of a range.
func (s *scanner) rangeConnector(i int, and bool) bool {
	if s.isDash(i) {
		return true
	}
	switch s.w(i) {
	case "to", "until", "till", "through", "thru":
		return true
	case "and":
		return and
	}
	return false
}

// finishRange completes the years of a range's two points and builds the
// match; the first point takes the second's year when it names none
// ("13 June to 14 July 2019", "between March and May 2020").
func (s *scanner) finishRange(i, j int, a, b point) (match, bool) {
	if b.y < 0 {
		b = s.completeYear(b, i, j)
	}
	abs := a.y >= 0 && b.y >= 0
	if a.y < 0 && b.y >= 0 {
		a.y = b.y
		if b.less(point{y: b.y, m: a.m, d: a.d}) {
			a.y--
		}
		abs = true
	}
	if a.y < 0 {
		a = s.completeYear(a, i, j)
		b.y = a.y
	}
	if a.y >= 0 && b.y >= 0 && !a.less(b) {
		return match{}, false
	}
	v := rangeLength(a, b)
	if v == "" {
		return match{}, false
	}
	return match{i: i, j: j, typ: TypeDuration, val: v, p: a, p2: b, isRange: true, abs: abs}, true
}

// mDate matches explicit dates and ranges between them.
func (s *scanner) mDate(i int, top bool) (match, bool) {
	// DAY (-|to|and) DAY MONTH [YEAR]: "13-14 June 2019", "13 to 14 June".
	if d1, j, ok := s.dayAt(i); ok && (s.rangeConnector(j, true)) {
		if p2, j2, ok := s.pointAt(j + 1); ok && p2.g == gDay && d1 < p2.d && s.toks[j+1].kind == kNum {
			return s.finishRange(i, j2, point{g: gDay, y: -1, m: p2.m, d: d1}, p2)
		}
	}
	p, j, ok := s.pointAt(i)
	if !ok {
		return match{}, false
	}
	// MONTH DAY-DAY [, YEAR]: "June 13-14", "June 13 to 14, 2019".
	if p.g == gDay && s.toks[i].kind == kWord && s.w(i) != "the" && s.rangeConnector(j, false) {
		if d2, j2, ok := s.dayAt(j + 1); ok && d2 > p.d && !s.countedAfter(j2) {
			if _, mon := monthNames[s.w(j2)]; !mon {
				b := point{g: gDay, y: p.y, m: p.m, d: d2}
				if y, j3, ok := s.yearAfter(j2); ok && p.y < 0 {
					p.y, b.y, j2 = y, y, j3
				}
				return s.finishRange(i, j2, p, b)
			}
		}
	}
	// POINT (-|to) POINT of the same granularity: "2018-2023", "2018–23",
	// "13 June - 14 July 2019", "March-May 2020".
	if s.rangeConnector(j, false) && (p.g == gDay || p.g == gMonth || p.g == gYear) {
		if p2, j2, ok := s.pointAt(j + 1); ok && p2.g == p.g {
			if m, ok := s.finishRange(i, j2, p, p2); ok {
				return m, true
			}
		}
		if y2, ok := s.numAt(j+1, 2); ok && p.g == gYear && s.isDash(j) && s.glued(j) && s.glued(j+1) {
			p2 := point{g: gYear, y: p.y/100*100 + y2}
			if m, ok := s.finishRange(i, j+2, p, p2); ok {
				return m, true
			}
		}
	}
	if p.g == gYear && top && !s.yearAlone(i, j, p.y) {
		return match{}, false
	}
	abs := p.y >= 0
	p = s.completeYear(p, i, j)
	return match{i: i, j: j, typ: TypeDate, p: p, abs: abs}, true
}

// numAt reads a number of exactly nd digits at i.
func (s *scanner) numAt(i, nd int) (int, bool) {
	t, ok := s.num(i)
	if !ok || t.nd != nd {
		return 0, false
	}
	return t.n, true
}

// mConnective matches "between X and Y" and "from X to Y" ranges.
func (s *scanner) mConnective(i int) (match, bool) {
	w := s.w(i)
	if w != "between" && w != "from" {
		return match{}, false
	}
	a, j, ok := s.pointAt(i + 1)
	if !ok {
		return match{}, false
	}
	if !s.rangeConnector(j, w == "between") || (w == "between") != (s.w(j) == "and") {
		return match{}, false
	}
	b, j2, ok := s.pointAt(j + 1)
	if !ok || b.g != a.g {
		return match{}, false
	}
	return s.finishRange(i, j2, a, b)
}

// mTime matches clock times: 14:30, 6:40 p.m., 6 pm, 0800 UTC, with an
// optional zone and a following day ("16:00 UTC today", "12:00 UTC Monday").
func (s *scanner) mTime(i int) (match, bool) {
	t, ok := s.num(i)
	if !ok {
		return match{}, false
	}
	h, mi, j := t.n, 0, i+1
	clock := false
	if s.punct(j) == ":" && s.glued(j) {
		m, ok := s.num(j + 1)
		if !ok || m.nd != 2 || !s.glued(j+1) || t.nd > 2 || h > 24 || m.n > 59 {
			return match{}, false
		}
		mi, j, clock = m.n, j+2, true
		if s.punct(j) == ":" && s.glued(j) {
			if _, ok := s.num(j + 1); ok && s.glued(j+1) {
				j += 2
			}
		}
	}
	// am / pm / a.m. / p.m.
	ampm := ""
	switch s.w(j) {
	case "am", "pm":
		ampm, j = s.w(j), j+1
	case "a", "p":
		if s.punct(j+1) == "." && s.w(j+2) == "m" && s.glued(j+1) && s.glued(j+2) {
			ampm, j = s.w(j)+"m", j+3
			if s.punct(j) == "." && s.glued(j) {
				j++
			}
		}
	}
	if ampm != "" {
		if h < 1 || h > 12 || t.nd > 2 {
			return match{}, false
		}
		if ampm == "pm" && h < 12 {
			h += 12
		} else if ampm == "am" && h == 12 {
			h = 0
		}
		clock = true
	}
	zone := ""
	switch s.w(j) {
	case "utc", "gmt", "z":
		if s.upper(j) {
			zone, j = "Z", j+1
		}
	case "est", "edt", "cet", "cest", "bst", "pst", "pdt", "cst", "cdt", "et", "pt", "jst", "ist":
		if s.upper(j) {
			j++
		}
	case "hours", "hrs", "h":
		if t.nd == 4 && !clock {
			j++
			clock = true
		}
	}
	if !clock && zone == "" {
		return match{}, false
	}
	// A zone offset in brackets: "(GMT +8)", "(UTC-5)".
	if s.punct(j) == "(" {
		switch s.w(j + 1) {
		case "gmt", "utc":
			k := j + 2
			if p := s.punct(k); p == "+" || p == "-" || s.isDash(k) {
				if _, ok := s.num(k + 1); ok {
					k += 2
				}
			}
			if s.punct(k) == ")" {
				j = k + 1
			}
		}
	}
	if !clock { // 0800 UTC
		if t.nd != 4 {
			return match{}, false
		}
		h, mi = t.n/100, t.n%100
	}
	if h > 24 || mi > 59 {
		return match{}, false
	}
	// The day is the one named next to the time, else the day last
	// mentioned, else the document's.
	day, hasDay := point{}, false
	switch {
	case s.hasLastDay:
		day, hasDay = s.lastDay, true
	case s.hasRef:
		day, hasDay = dayPoint(s.ref), true
	}
	if k := j; s.punct(k) == "," || s.w(k) == "on" {
		if p, _, ok := s.pointAt(k + 1); ok && p.g == gDay {
			if p.y < 0 && s.hasRef {
				p = s.completeYear(p, k+1, k+2)
			}
			if p.known() {
				day, hasDay = p, true
			}
		}
	}
	// A day after the time: today, yesterday, tomorrow, Monday, on Monday.
	k := j
	if s.w(k) == "on" {
		k++
	}
	if off, ok := dayOffsets[s.w(k)]; ok && s.w(k) != "tonight" {
		if s.hasRef {
			day = dayPoint(s.ref.AddDate(0, 0, off))
		}
		j = k + 1
	} else if wd, ok := weekdayNames[s.w(k)]; ok && s.upper(k) {
		if p, ok := s.resolveWeekday(wd, -1, s.tense(i, k+1)); ok {
			day, hasDay = p, true
		}
		j = k + 1
	}
	if !hasDay {
		day = point{g: gDay, y: -1, m: -1, d: -1}
	}
	day.g = gDay
	day.tod = "T" + pad(nil, h, 2) + ":" + pad(nil, mi, 2) + zone
	return match{i: i, j: j, typ: TypeTime, p: day}, true
}

// mRelative matches deictic expressions: today, yesterday, now, recently,
// this/last/next + unit, month, weekday or season, bare weekdays,
// "the past", "the future".
func (s *scanner) mRelative(i int) (match, bool) {
	w := s.w(i)
	if off, ok := dayOffsets[w]; ok {
		m := match{i: i, j: i + 1, typ: TypeDate}
		if s.hasRef {
			m.p = dayPoint(s.ref.AddDate(0, 0, off))
		} else {
			m.p = point{g: gDay, y: -1, m: -1, d: -1}
		}
		if w == "tonight" {
			m.p.tod, m.typ = "TNI", TypeTime
			return m, true
		}
		return s.withDayPart(m), true
	}
	if m, ok := s.holiday(i); ok {
		return m, true
	}
	if v, ok := refAdverbs[w]; ok {
		if w == "now" && s.w(i+1) == "that" {
			return match{}, false
		}
		return match{i: i, j: i + 1, typ: TypeDate, val: v}, true
	}
	if wd, ok := weekdayNames[w]; ok && s.upper(i) {
		// "Monday, June 3, 2019", "Monday 9 September": the date decides.
		k := i + 1
		if s.punct(k) == "," {
			k++
		}
		if p, j, ok := s.pointAt(k); ok && p.g == gDay && !s.toks[k].brk {
			abs := p.y >= 0
			p = s.completeYear(p, i, j)
			return match{i: i, j: j, typ: TypeDate, p: p, abs: abs}, true
		}
		// "9 September (Monday)": the weekday of the date just given.
		if s.hasLastDay && s.lastEnd > 0 && i-s.lastEnd <= 2 && int(s.lastDay.date().Weekday()) == wd {
			return s.withDayPart(match{i: i, j: i + 1, typ: TypeDate, p: s.lastDay}), true
		}
		p, ok := s.resolveWeekday(wd, -1, s.tense(i, i+1))
		if !ok {
			return s.withDayPart(match{i: i, j: i + 1, typ: TypeDate, val: "XXXX-WXX-" + strconv.Itoa((wd+6)%7+1)}), true
		}
		return s.withDayPart(match{i: i, j: i + 1, typ: TypeDate, p: p}), true
	}
	if w == "the" || w == "that" {
		k := i + 1
		if s.w(k) == "same" || s.w(k) == "very" {
			k++
		}
		switch s.w(k) {
		case "day":
			// Anaphoric: the day last mentioned, else the document's.
			// "problems of the day" is the era; "the Day of ..." a name.
			if s.upper(k) || s.w(i-1) == "of" && k == i+1 {
				break
			}
			m := match{i: i, j: k + 1, typ: TypeDate}
			switch {
			case s.hasLastDay:
				m.p = s.lastDay
			case s.hasRef:
				m.p = dayPoint(s.ref)
			default:
				m.val = "XXXX-XX-XX"
			}
			return m, true
		case "time":
			if s.w(k+1) == "being" && w == "the" {
				return match{i: i, j: k + 2, typ: TypeDate, val: "PRESENT_REF"}, true
			}
		case "near", "long", "short":
			if s.w(k+1) == "term" && w == "the" {
				return match{i: i, j: k + 2, typ: TypeDate, val: "FUTURE_REF"}, true
			}
		case "weekend":
			if w == "the" && s.hasRef {
				// The weekend nearest in the tense's direction.
				delta := -((int(s.ref.Weekday()) + 1) % 7) // back to Saturday
				if s.tense(i, k+1) == tenseFuture {
					delta = (6 - int(s.ref.Weekday()) + 7) % 7
				}
				return match{i: i, j: k + 1, typ: TypeDate, p: weekPoint(s.ref.AddDate(0, 0, delta), gWeekend)}, true
			}
		}
	}
	k := i
	if w == "the" {
		k++
		switch s.w(k) {
		case "past":
			if s.stopsHere(k + 1) {
				return match{i: i, j: k + 1, typ: TypeDate, val: "PAST_REF"}, true
			}
		case "future":
			return match{i: i, j: k + 1, typ: TypeDate, val: "FUTURE_REF"}, true
		case "near", "foreseeable", "distant":
			if s.w(k+1) == "future" {
				return match{i: i, j: k + 2, typ: TypeDate, val: "FUTURE_REF"}, true
			}
		}
	}
	rel, ok := relativeWords[s.w(k)]
	if !ok {
		return match{}, false
	}
	if s.w(k) == "current" {
		if u, isUnit := unitWords[s.w(k+1)]; !isUnit || u.gran == gNone {
			return match{}, false
		}
	}
	next := k + 1
	nw := s.w(next)
	// this/last/next MONTH
	if m, j, ok := s.monthAt(next); ok {
		if !s.hasRef {
			return match{i: i, j: j, typ: TypeDate, p: point{g: gMonth, y: -1, m: m}}, true
		}
		ry, rm := s.ref.Year(), int(s.ref.Month())
		y := ry
		switch rel {
		case relLast:
			if m >= rm {
				y--
			}
		case relNext:
			if m <= rm {
				y++
			}
		}
		return match{i: i, j: j, typ: TypeDate, p: point{g: gMonth, y: y, m: m}}, true
	}
	// this/last/next WEEKDAY
	if wd, ok := weekdayNames[nw]; ok {
		p, ok := s.resolveWeekday(wd, rel, tenseUnknown)
		if !ok {
			return match{i: i, j: next + 1, typ: TypeDate, val: "XXXX-WXX-" + strconv.Itoa((wd+6)%7+1)}, true
		}
		return s.withDayPart(match{i: i, j: next + 1, typ: TypeDate, p: p}), true
	}
	// this morning / this evening
	if code, ok := dayPartCodes[nw]; ok && rel == relThis && w == "this" {
		p := point{g: gDay, y: -1, m: -1, d: -1}
		if s.hasRef {
			p = dayPoint(s.ref)
		}
		p.tod = "T" + code
		return match{i: i, j: next + 1, typ: TypeTime, p: p}, true
	}
	u, ok := unitWords[nw]
	if !ok || nw[len(nw)-1] == 's' {
		return match{}, false
	}
	if u.gran == gNone || u.gran == gDay {
		return match{}, false
	}
	j := next + 1
	delta := 0
	switch rel {
	case relLast:
		delta = -1
	case relNext:
		delta = 1
	}
	if u.gran == gDecade && rel == relLast && s.w(k) != "last" || u.gran == gDecade && delta != 0 && s.w(k) == "past" {
		return match{i: i, j: j, typ: TypeDuration, val: "P10Y"}, true
	}
	if !s.hasRef {
		return match{i: i, j: j, typ: TypeDate, val: unknownOf(u.gran)}, true
	}
	return match{i: i, j: j, typ: TypeDate, p: s.shift(u.gran, delta)}, true
}

// holiday matches fixed-date holidays: "Christmas", "Christmas Eve",
// "New Year's Day", "New Year's Eve", with an optional year.
func (s *scanner) holiday(i int) (match, bool) {
	if !s.upper(i) {
		return match{}, false
	}
	var m, d, j int
	switch s.w(i) {
	case "christmas":
		m, d, j = 12, 25, i+1
		switch s.w(j) {
		case "eve":
			d, j = 24, j+1
		case "day":
			j++
		}
	case "new":
		if s.w(i+1) != "year" || !s.isApos(i+2) || s.w(i+3) != "s" {
			return match{}, false
		}
		switch s.w(i + 4) {
		case "day":
			m, d, j = 1, 1, i+5
		case "eve":
			m, d, j = 12, 31, i+5
		default:
			return match{}, false
		}
	default:
		return match{}, false
	}
	p := point{g: gDay, y: -1, m: m, d: d}
	if y, j2, ok := s.yearAfter(j); ok {
		p.y, j = y, j2
	}
	abs := p.y >= 0
	p = s.completeYear(p, i, j)
	if p.y < 0 {
		return match{i: i, j: j, typ: TypeDate, val: "XXXX-" + pad(nil, m, 2) + "-" + pad(nil, d, 2)}, true
	}
	return match{i: i, j: j, typ: TypeDate, p: p, abs: abs}, true
}

// stopsHere reports whether token i cannot continue a noun phrase begun by
// "the past" (so "the past" is a time, not "the past five years").
func (s *scanner) stopsHere(i int) bool {
	if i >= len(s.toks) || s.toks[i].kind == kPunct {
		return true
	}
	w := s.w(i)
	if _, ok := unitWords[w]; ok {
		return false
	}
	if _, ok := cardinalWords[w]; ok {
		return false
	}
	if vagueQuantities[w] || s.toks[i].kind == kNum {
		return false
	}
	return true
}

// unknownOf is the value of a relative expression of granularity g with no
// reference date.
func unknownOf(g granularity) string {
	switch g {
	case gMonth:
		return "XXXX-XX"
	case gWeek:
		return "XXXX-WXX"
	case gWeekend:
		return "XXXX-WXX-WE"
	case gQuarter:
		return "XXXX-QX"
	case gDecade:
		return "XXXX"
	}
	return "XXXX"
}

// shift is the reference date's unit of granularity g moved by delta units.
func (s *scanner) shift(g granularity, delta int) point {
	r := s.ref
	switch g {
	case gYear:
		return point{g: gYear, y: r.Year() + delta}
	case gMonth:
		t := time.Date(r.Year(), r.Month()+time.Month(delta), 1, 0, 0, 0, 0, time.UTC)
		return point{g: gMonth, y: t.Year(), m: int(t.Month())}
	case gWeek, gWeekend:
		return weekPoint(r.AddDate(0, 0, 7*delta), g)
	case gQuarter:
		q := r.Year()*4 + s.refQuarter() - 1 + delta
		return point{g: gQuarter, y: q / 4, q: q%4 + 1}
	case gDecade:
		return point{g: gDecade, y: r.Year()/10 + delta}
	case gCentury:
		return point{g: gCentury, y: r.Year()/100 + delta}
	case gDay:
		return dayPoint(r.AddDate(0, 0, delta))
	}
	return point{g: gYear, y: r.Year()}
}

// mModified matches a date under a modifier that stays in the extent:
// "early 2009", "mid-2011", "earlier this year", "later today", "the end
// of last year", "the beginning of the year".
func (s *scanner) mModified(i int) (match, bool) {
	w := s.w(i)
	var inner match
	var ok bool
	switch {
	case spanModifiers[w]:
		k := i + 1
		if s.isDash(k) && s.glued(k) {
			k++
		}
		inner, ok = s.innerDate(k)
	case w == "the" && boundaryPhrases[s.w(i+1)] && s.w(i+2) == "of":
		k := i + 3
		if s.w(k) == "the" {
			if u, isUnit := unitWords[s.w(k+1)]; isUnit && (u.gran == gYear || u.gran == gMonth || u.gran == gWeek || u.gran == gDay) {
				m := match{i: k, j: k + 2, typ: TypeDate, val: unknownOf(u.gran)}
				if s.hasRef {
					m.val, m.p = "", s.shift(u.gran, 0)
				}
				inner, ok = m, true
				break
			}
		}
		inner, ok = s.innerDate(k)
	}
	if !ok {
		return match{}, false
	}
	inner.i = i
	return inner, true
}

// innerDate is a date that a modifier can govern.
func (s *scanner) innerDate(k int) (match, bool) {
	var best match
	found := false
	for _, f := range []func(int) (match, bool){s.mRelative, s.mQuarter, s.mSeason, s.mDecade} {
		if m, ok := f(k); ok && (!found || m.j > best.j) && (m.typ == TypeDate || m.typ == TypeTime) {
			best, found = m, true
		}
	}
	if m, ok := s.mDate(k, false); ok && (!found || m.j > best.j) {
		best, found = m, true
	}
	return best, found
}

// quantity reads an amount at i: digits (2, 2.5), number words
// ("twenty-five", "two and a half", "a"), or a vague quantity ("several",
// "a few"), returned as -1.
func (s *scanner) quantity(i int) (float64, int, bool) {
	if t, ok := s.num(i); ok {
		if s.partOfNumber(i) && !(s.punct(i+1) == "." && s.glued(i+1)) {
			return 0, 0, false
		}
		v := float64(t.n)
		j := i + 1
		if s.punct(j) == "." && s.glued(j) && s.glued(j+1) {
			if f, ok := s.num(j + 1); ok {
				fv, _ := strconv.ParseFloat("0."+s.text[f.start:f.end], 64)
				v += fv
				j += 2
			}
		}
		if t.nd > 4 {
			return 0, 0, false
		}
		return v, j, true
	}
	w := s.w(i)
	switch {
	case w == "a" && (s.w(i+1) == "few" || s.w(i+1) == "couple"):
		j := i + 2
		if s.w(j) == "of" {
			j++
		}
		return -1, j, true
	case vagueQuantities[w]:
		return -1, i + 1, true
	case w == "half" && (s.w(i+1) == "a" || s.w(i+1) == "an"):
		return 0.5, i + 2, true
	}
	n, ok := cardinalWords[w]
	if !ok || w == "hundred" {
		return 0, 0, false
	}
	j := i + 1
	if n >= 20 && n < 100 && s.isDash(j) && s.glued(j) {
		if n2, ok := cardinalWords[s.w(j+1)]; ok && n2 < 10 && n2 > 0 && s.w(j+1) != "a" && s.w(j+1) != "an" {
			n += n2
			j += 2
		}
	}
	v := float64(n)
	if s.w(j) == "and" && s.w(j+1) == "a" && s.w(j+2) == "half" {
		v += 0.5
		j += 3
	}
	return v, j, true
}

// mDuration matches "three years", "the past nine days", "12-year",
// "two and a half years", "several months", "two years ago" (a date), and
// bare plurals after "for" or "recent" ("for years").
func (s *scanner) mDuration(i int) (match, bool) {
	k := i
	w := s.w(i)
	if w == "the" {
		switch s.w(i + 1) {
		case "past", "last", "next", "first", "coming", "previous", "following", "final", "remaining":
			k = i + 2
		default:
			return match{}, false
		}
	} else if w == "recent" || bareDurations[w] {
		u := i
		if w == "recent" {
			u = i + 1
		}
		info, ok := unitWords[s.w(u)]
		if !ok || s.w(u)[len(s.w(u))-1] != 's' {
			return match{}, false
		}
		j := u + 1
		if s.isDash(j) && s.glued(j) && s.w(j+1) == "long" { // decades-long
			j += 2
		}
		return match{i: i, j: j, typ: TypeDuration, val: duration(-1, info)}, true
	} else if u, ok := unitWords[w]; ok && s.isDash(i+1) && s.glued(i+1) && s.w(i+2) == "long" {
		// week-long, year-long
		if w[len(w)-1] == 's' || u.code == "WE" {
			return match{}, false
		}
		return match{i: i, j: i + 3, typ: TypeDuration, val: duration(1, u)}, true
	}
	amount, j, ok := s.quantity(k)
	if !ok {
		return match{}, false
	}
	word := s.w(k)
	hyphen := false
	if s.isDash(j) && s.glued(j) && s.glued(j+1) {
		j++
		hyphen = true
	}
	if !hyphen {
		for durationFillers[s.w(j)] && s.w(j) != "long" {
			j++
		}
	}
	uw := s.w(j)
	u, ok := unitWords[uw]
	if !ok {
		return match{}, false
	}
	plural := uw[len(uw)-1] == 's'
	if hyphen && plural {
		return match{}, false
	}
	// "a"/"an"/"one" need a singular unit; "a day" after a count or a
	// frequency word is a set ("twice a year", "$5 a day").
	if word == "a" || word == "an" {
		// "a second" and "a quarter" are mostly an ordinal and a fraction.
		if plural || k != i || uw == "second" || uw == "quarter" || s.isDash(j+1) && s.w(j+2) == "long" {
			return match{}, false
		}
		if s.w(j+1) == "ago" {
			return s.ago(i, j+2, amount, u)
		}
		if _, n := s.num(i - 1); n || s.w(i-1) == "once" || s.w(i-1) == "twice" || s.w(i-1) == "times" || s.w(i-1) == "million" || s.w(i-1) == "billion" || s.punct(i-1) == "%" {
			return match{i: i, j: j + 1, typ: TypeSet, val: duration(1, u)}, true
		}
	}
	if amount >= 0 && amount != 1 && amount != 0.5 && !plural && !hyphen && word != "a" {
		// "two year" only in compounds; "a 20 year" is a compound too.
		if s.w(i-1) != "a" && s.w(j+1) != "old" {
			return match{}, false
		}
	}
	if u.code == "WE" {
		return match{}, false
	}
	j++
	if hyphen && (s.w(j+1) == "old" || s.w(j+1) == "long") && s.isDash(j) && s.glued(j) {
		j += 2
	}
	if s.w(j) == "ago" && k == i && amount != 0.5 {
		return s.ago(i, j+1, amount, u)
	}
	// "two days earlier", "a year later": counted from the date last
	// mentioned, else from the document date.
	if (s.w(j) == "earlier" || s.w(j) == "later") && s.w(j+1) != "than" && k == i && amount > 0 && s.hasRef && !u.timePart {
		anchor := s.ref
		if s.hasLastDay {
			anchor = s.lastDay.date()
		}
		sign := 1
		if s.w(j) == "earlier" {
			sign = -1
		}
		if m, ok := s.shifted(i, j+1, amount, u, anchor, sign); ok {
			return m, true
		}
	}
	if word == "several" || word == "many" || word == "some" {
		if !plural {
			return match{}, false
		}
	}
	if amount > 1000 && u.code != "D" {
		return match{}, false
	}
	return match{i: i, j: j, typ: TypeDuration, val: duration(amount, u)}, true
}

// ago resolves "two years ago" against the reference date.
func (s *scanner) ago(i, j int, amount float64, u unitInfo) (match, bool) {
	if amount < 0 || !s.hasRef || u.timePart || float64(int(amount)) != amount {
		return match{i: i, j: j, typ: TypeDate, val: "PAST_REF"}, true
	}
	return s.shifted(i, j, amount, u, s.ref, -1)
}

// shifted is the date amount units of u before (sign -1) or after (+1)
// anchor, at the unit's granularity (weeks and days give a day).
func (s *scanner) shifted(i, j int, amount float64, u unitInfo, anchor time.Time, sign int) (match, bool) {
	n := int(amount)
	if float64(n) != amount {
		return match{}, false
	}
	n *= u.mult * sign
	var p point
	switch u.code {
	case "Y":
		p = point{g: gYear, y: anchor.Year() + n}
	case "M":
		t := time.Date(anchor.Year(), anchor.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		p = point{g: gMonth, y: t.Year(), m: int(t.Month())}
	case "W":
		p = dayPoint(anchor.AddDate(0, 0, 7*n))
	case "D":
		p = dayPoint(anchor.AddDate(0, 0, n))
	case "Q":
		q := anchor.Year()*4 + (int(anchor.Month())-1)/3 + n
		p = point{g: gQuarter, y: q / 4, q: q%4 + 1}
	default:
		return match{}, false
	}
	if p.y < 0 || p.y > 9999 {
		return match{}, false
	}
	return match{i: i, j: j, typ: TypeDate, p: p}, true
}

// mSet matches frequencies: "weekly", "annual", "every year", "each
// Monday", "every other week".
func (s *scanner) mSet(i int) (match, bool) {
	w := s.w(i)
	if v, ok := frequencyAdjectives[w]; ok {
		return match{i: i, j: i + 1, typ: TypeSet, val: v}, true
	}
	if w != "every" && w != "each" {
		return match{}, false
	}
	j := i + 1
	n := 1.0
	if s.w(j) == "other" {
		n, j = 2, j+1
	} else if q, j2, ok := s.quantity(j); ok && q > 1 {
		n, j = q, j2
	}
	if wd, ok := weekdayNames[s.w(j)]; ok {
		return match{i: i, j: j + 1, typ: TypeSet, val: "XXXX-WXX-" + strconv.Itoa((wd+6)%7+1)}, true
	}
	u, ok := unitWords[s.w(j)]
	if !ok || u.code == "WE" {
		return match{}, false
	}
	return match{i: i, j: j + 1, typ: TypeSet, val: duration(n, u)}, true
}

// ordinalAt reads an ordinal at i: "first", "third", "21st", "twenty-first",
// returning its value and the index after it.
func (s *scanner) ordinalAt(i int) (int, int, bool) {
	if t, ok := s.num(i); ok && t.nd <= 2 && ordinalSuffixes[s.w(i+1)] && s.glued(i+1) {
		return t.n, i + 2, true
	}
	w := s.w(i)
	if n, ok := ordinalWords[w]; ok {
		return n, i + 1, true
	}
	if n, ok := cardinalWords[w]; ok && n >= 20 && n < 100 && s.isDash(i+1) && s.glued(i+1) {
		if n2, ok := ordinalWords[s.w(i+2)]; ok && n2 < 10 {
			return n + n2, i + 3, true
		}
	}
	return 0, 0, false
}

// yearPhraseAt reads the year a quarter, half or season belongs to: "2009",
// "of 2009", "of this year", "of last year", "this year".
func (s *scanner) yearPhraseAt(i int) (int, int, bool) {
	k := i
	if s.w(k) == "of" || s.punct(k) == "," {
		k++
	}
	if y, j, ok := s.yearAt(k); ok {
		return y, j, true
	}
	if s.w(k) == "the" && s.w(k+1) == "year" && s.w(i) == "of" {
		if !s.hasRef {
			return -1, k + 2, true
		}
		return s.ref.Year(), k + 2, true
	}
	if rel, ok := relativeWords[s.w(k)]; ok && s.w(k+1) == "year" {
		if !s.hasRef {
			return -1, k + 2, true
		}
		y := s.ref.Year()
		switch rel {
		case relLast:
			y--
		case relNext:
			y++
		}
		return y, k + 2, true
	}
	return 0, 0, false
}

// mQuarter matches quarters and halves: "the first quarter of 2009",
// "Q2 2019", "third-quarter", "the last quarter", "the second half of the
// year".
func (s *scanner) mQuarter(i int) (match, bool) {
	k := i
	if s.w(k) == "the" {
		k++
	}
	var n, j int
	var g granularity
	if s.w(k) == "q" && s.upper(k) {
		t, ok := s.num(k + 1)
		if !ok || !s.glued(k+1) || t.n < 1 || t.n > 4 || t.nd != 1 {
			return match{}, false
		}
		n, j, g = t.n, k+2, gQuarter
	} else if s.w(k) == "h" && s.upper(k) {
		t, ok := s.num(k + 1)
		if !ok || !s.glued(k+1) || t.n < 1 || t.n > 2 || t.nd != 1 {
			return match{}, false
		}
		n, j, g = t.n, k+2, gHalf
	} else {
		var ok bool
		last := false
		if w := s.w(k); w == "last" || w == "final" {
			if k == i {
				return match{}, false
			}
			n, j, ok, last = 4, k+1, true, true
		} else {
			n, j, ok = s.ordinalAt(k)
		}
		if !ok {
			return match{}, false
		}
		if s.isDash(j) && s.glued(j) {
			j++
		}
		switch s.w(j) {
		case "quarter":
			g = gQuarter
		case "half":
			g = gHalf
		default:
			return match{}, false
		}
		if g == gQuarter && n > 4 || g == gHalf && n > 2 {
			return match{}, false
		}
		if last && g == gHalf {
			n = 2
		}
		j++
		if last {
			if _, _, hasYear := s.yearPhraseAt(j); !hasYear {
				// "the last quarter": the one before the reference's.
				if !s.hasRef {
					return match{i: i, j: j, typ: TypeDate, val: "XXXX-QX"}, true
				}
				if g == gQuarter {
					return match{i: i, j: j, typ: TypeDate, p: s.shift(gQuarter, -1)}, true
				}
			}
		}
	}
	p := point{g: g, y: -1, q: n}
	abs := false
	if y, j2, ok := s.yearPhraseAt(j); ok {
		p.y, j = y, j2
		abs = s.yearAtAbs(j2 - 1)
	}
	p = s.completeYear(p, i, j)
	return match{i: i, j: j, typ: TypeDate, p: p, abs: abs}, true
}

// mWeekOf matches "the first week of March [2009]", "the last week of
// June": the ISO week holding that week's middle day.
func (s *scanner) mWeekOf(i int) (match, bool) {
	if s.w(i) != "the" {
		return match{}, false
	}
	n, j, ok := s.ordinalAt(i + 1)
	if w := s.w(i + 1); w == "last" || w == "final" {
		n, j, ok = -1, i+2, true
	}
	if !ok || n > 5 || s.w(j) != "week" || s.w(j+1) != "of" {
		return match{}, false
	}
	p, j2, ok := s.pointAt(j + 2)
	if !ok || p.g != gMonth {
		return match{}, false
	}
	abs := p.y >= 0
	p = s.completeYear(p, i, j2)
	if p.y < 0 {
		return match{i: i, j: j2, typ: TypeDate, val: "XXXX-WXX"}, true
	}
	first := time.Date(p.y, time.Month(p.m), 1, 0, 0, 0, 0, time.UTC)
	mid := first.AddDate(0, 0, 7*(n-1)+3)
	if n < 0 {
		mid = first.AddDate(0, 1, -4)
	}
	return match{i: i, j: j2, typ: TypeDate, p: weekPoint(mid, gWeek), abs: abs}, true
}

// yearAtAbs reports whether token i is a written year.
func (s *scanner) yearAtAbs(i int) bool {
	_, ok := s.num(i)
	return ok
}

// mSeason matches seasons: "spring", "this summer", "last winter", "the
// autumn of 2019", "summer 2019".
func (s *scanner) mSeason(i int) (match, bool) {
	k := i
	rel := -1
	lead := s.w(i)
	if lead == "the" || lead == "this" || lead == "last" || lead == "next" || lead == "early" || lead == "late" {
		k++
		if r, ok := relativeWords[lead]; ok {
			rel = r
		}
	}
	sw := s.w(k)
	code, ok := seasonCodes[sw]
	if !ok {
		return match{}, false
	}
	j := k + 1
	p := point{g: gSeason, y: -1, season: code}
	if y, j2, ok := s.yearPhraseAt(j); ok {
		p.y, j = y, j2
		return match{i: i, j: j, typ: TypeDate, p: p, abs: s.yearAtAbs(j2 - 1)}, true
	}
	// A bare season word needs a determiner or a temporal preposition
	// ("in spring"); "fall" and "spring" are also verbs and nouns.
	if k == i {
		prev := s.w(i - 1)
		if !mayContext[prev] && prev != "during" && !(s.upper(i) && sw != "fall" && !s.upper(i+1)) {
			return match{}, false
		}
		if sw == "fall" || sw == "spring" && !mayContext[prev] {
			return match{}, false
		}
	}
	if !s.hasRef {
		return match{i: i, j: j, typ: TypeDate, val: "XXXX-" + code}, true
	}
	idx, ridx := seasonIndex(code), s.refSeason()
	y := s.ref.Year()
	switch rel {
	case relLast:
		if idx >= ridx {
			y--
		}
	case relNext:
		if idx <= ridx {
			y++
		}
	case relThis:
	default:
		y = s.cycleYear(idx, ridx, s.tense(i, j))
	}
	p.y = y
	return match{i: i, j: j, typ: TypeDate, p: p}, true
}

// mDecade matches decades: "the 1990s", "1990s", "the '90s", "80s",
// "mid-1990s" (the modifier rule adds "mid").
func (s *scanner) mDecade(i int) (match, bool) {
	k := i
	if s.w(k) == "the" {
		k++
	}
	var dec, j int
	if s.isApos(k) {
		t, ok := s.num(k + 1)
		if !ok || t.nd != 2 || t.n%10 != 0 || s.w(k+2) != "s" || !s.glued(k+1) || !s.glued(k+2) {
			return match{}, false
		}
		dec, j = 190+t.n/10, k+3
		if t.n <= 20 {
			dec += 10
		}
	} else if t, ok := s.num(k); ok && t.n%10 == 0 && s.w(k+1) == "s" && s.glued(k+1) {
		switch t.nd {
		case 4:
			if t.n < 1000 || t.n > 2990 {
				return match{}, false
			}
			dec, j = t.n/10, k+2
		case 2:
			// "in their 70s" is an age.
			for b := i - 1; b >= 0 && b >= i-3; b-- {
				switch s.w(b) {
				case "their", "his", "her", "its", "my", "our", "your", "aged", "age":
					return match{}, false
				}
			}
			dec, j = 190+t.n/10, k+2
		default:
			return match{}, false
		}
	} else {
		return match{}, false
	}
	return match{i: i, j: j, typ: TypeDate, p: point{g: gDecade, y: dec}, abs: true}, true
}

// mCentury matches centuries: "the 20th century", "the twenty-first
// century", "21st-century".
func (s *scanner) mCentury(i int) (match, bool) {
	k := i
	if s.w(k) == "the" {
		k++
	}
	n, j, ok := s.ordinalAt(k)
	if !ok || n < 1 || n > 30 {
		return match{}, false
	}
	if s.isDash(j) && s.glued(j) {
		j++
	}
	if s.w(j) != "century" {
		return match{}, false
	}
	return match{i: i, j: j + 1, typ: TypeDate, p: point{g: gCentury, y: n - 1}, abs: true}, true
}
