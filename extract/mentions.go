package extract

import (
	"strings"
	"time"
	"unicode"

	"github.com/kgraph/kg/extract/lexicon"
	"github.com/kgraph/kg/extract/sentences"
	"github.com/kgraph/kg/extract/timex"
)

// doc is the state of one document's extraction.
type doc struct {
	lx    *lexicon.Lexicon
	text  string
	ref   time.Time
	res   *Result
	sents []*sent
	prev  *sent
	keys  map[string]*Entity
	// lexEnts caches the entity of each lexicon entry.
	lexEnts map[*lexicon.Entry]*Entity
	// kbuf is scratch space for lexicon keys; ubuf, cbuf and usedBuf for
	// a sentence's units, reused sentence after sentence.
	kbuf    []byte
	ubuf    []unit
	cbuf    []unit
	usedBuf []bool
	acr     func(string) string
	// lowerWords are the words the document writes in lower case: a
	// capitalised word that also appears in lower case is a common noun.
	lowerWords map[string]bool
	lowerDone  bool

	// The dateline: "VIENNA, 7 November 2003 -".
	dlPlace *Entity
	dlDate  string

	// Discourse state for coreference.
	events     []*Entity
	named      []*Entity // events named so far
	agreements []*Entity
	people     []*Entity
	group      []*Entity
	roles      map[*Entity][]role
	seen       map[string]bool
}

// role is a title a person holds, in an organisation or not.
type role struct {
	title string
	org   *Entity
}

// sent is one sentence being read.
type sent struct {
	n    int
	span sentences.Span
	toks []Token
	// tkeys are the tokens folded with lexicon.Key, for lookups, once
	// tdone says so.
	tkeys []string
	tdone []bool
	// low caches lower-cased capitalised words (relations.go).
	low []string
	// trig are the kinds of trigger words the sentence has (triggers.go).
	trig     uint32
	trigDone bool
	dates    []timex.Timex
	// begin is the first token after a dateline.
	begin    int
	units    []unit
	ments    []*Mention // top-level mentions, in order
	inner    []*Mention // mentions inside longer names
	roleOrgs map[*Mention]bool
	// event is the event the sentence created, if any.
	event *Entity
	// subject is the entity the sentence is about, for "it" in the next.
	subject *Entity
}

// Unit kinds.
const (
	uRun = iota
	uLex
	uAcro
	uTitle
	uQuoted
)

// unit is a stretch of a sentence that names one thing, before units are
// joined into longer names ("Secretariat" "of the" "SCO").
type unit struct {
	t0, t1     int
	kind       int
	class      string
	lex        *lexicon.Entry
	acronym    string
	title      string
	honorific  bool
	possessive bool
	// mod is a named modifier inside the unit: "SCO" in "SCO Secretariat".
	mod *unit
	// pair are the organisations of a joined modifier: "ASEAN-EU" in
	// "ASEAN-EU Ministerial Meeting".
	pair []*lexicon.Entry
	// parts are the units joined into this one, with the words between.
	parts []unit
	conns []string
}

func (d *doc) textOf(s *sent, t0, t1 int) string {
	if t0 >= t1 {
		return ""
	}
	return d.text[s.toks[t0].Start:s.toks[t1-1].End]
}

// dateline finds "PLACE, DATE -" at the start of one of the first
// sentences: the place and date of the document's events by default.
func (d *doc) dateline() {
	for i, s := range d.sents {
		if i > 3 {
			return
		}
		t := s.toks
		k := 0
		for k < len(t) && k < 4 && t[k].Kind == Word && (t[k].Cap() || t[k].AllCaps()) {
			k++
		}
		if k == 0 || k+1 >= len(t) || t[k].Text != "," || len(s.dates) == 0 || s.dates[0].Start != t[k+1].Start {
			continue
		}
		name := d.text[t[0].Start:t[k-1].End]
		e := d.lx.Lookup(name)
		var ent *Entity
		switch {
		case e != nil && (e.Class == lexicon.City || e.Class == lexicon.Country):
			ent = d.lexEntity(e, s.n)
		case e == nil && k <= 3:
			// "JEDDAH, 3 October 2018 -": a dateline names a place even
			// when the lexicon does not know it.
			ent = d.entity(titleCase(name), ClassCity, s.n)
		default:
			continue
		}
		d.addMention(s, 0, k, ent, "dateline")
		if v, ok := dayValue(s.dates[0]); ok {
			d.dlDate = v
		}
		d.dlPlace = ent
		// The sentence proper starts after the dash.
		j := k + 1
		for j < len(t) && t[j].End <= s.dates[0].End {
			j++
		}
		if j < len(t) && (t[j].Text == "-" || t[j].Text == "\u2013" || t[j].Text == "\u2014") {
			j++
		}
		s.begin = j
		return
	}
}

// mentions finds the names of a sentence.
func (d *doc) mentions(s *sent) {
	if cap(d.usedBuf) < len(s.toks) {
		d.usedBuf = make([]bool, len(s.toks))
	}
	used := d.usedBuf[:len(s.toks)]
	clear(used)
	for _, m := range s.ments {
		for k := m.tok0; k < m.tok1; k++ {
			used[k] = true
		}
	}
	if s.begin > 0 {
		for k := 0; k < s.begin; k++ {
			used[k] = true
		}
	}
	// Day and month names are dates, not names ("on Tuesday", "in June").
	for _, dt := range s.dates {
		for k := range s.toks {
			if t := s.toks[k]; t.Start >= dt.Start && t.End <= dt.End && t.Kind == Word && t.Cap() {
				used[k] = true
			}
		}
	}
	// The unit buffers are the document's, reused sentence after
	// sentence: a sentence's units are read only while it is processed.
	units := d.ubuf[:0]
	units = d.quoted(s, used, units)
	units = d.acronymDefs(s, used, units)
	units = d.lexNames(s, used, units)
	units = d.titles(s, used, units)
	units = d.runs(s, used, units)
	d.ubuf = units
	sortUnits(units)
	units = d.chain(s, units)
	d.cbuf = units
	s.units = units
	for i := range units {
		d.classify(s, units, i)
	}
	d.shortForms(s)
}

func sortUnits(us []unit) {
	for i := 1; i < len(us); i++ {
		for j := i; j > 0 && us[j].t0 < us[j-1].t0; j-- {
			us[j], us[j-1] = us[j-1], us[j]
		}
	}
}

func isQuote(t string) bool {
	return t == "\"" || t == "\u201c" || t == "\u201d"
}

// quoted finds titles in quotation marks after an event word: 'a
// high-level event "The UN and the SCO in the fight against drugs"'. Short
// quotations elsewhere ("Shanghai Spirit") are set aside as not names.
func (d *doc) quoted(s *sent, used []bool, out []unit) []unit {
	t := s.toks
	for i := 0; i < len(t); i++ {
		if !isQuote(t[i].Text) || t[i].Text == "\u201d" {
			continue
		}
		j := i + 1
		for j < len(t) && !isQuote(t[j].Text) {
			j++
		}
		if j >= len(t) {
			return out
		}
		event := false
		for k := i - 1; k >= 0 && k >= i-4; k-- {
			w := strings.ToLower(t[k].Text)
			if d.lx.IsEventNoun(w) || w == "title" || w == "entitled" || w == "themed" {
				event = true
			}
		}
		if event && j-i > 2 && t[i+1].Cap() {
			u := unit{t0: i + 1, t1: j, kind: uQuoted, class: ClassEvent}
			// 'a high-level event "..."': what the text calls it
			if i >= 2 && d.lx.IsEventNoun(t[i-1].Text) {
				b := i - 1
				for b > 0 && isLowerWord(strings.ReplaceAll(t[b-1].Text, "-", "")) && t[b-1].Text != "a" && t[b-1].Text != "an" && t[b-1].Text != "the" {
					b--
				}
				u.title = d.textOf(s, b, i)
			}
			out = append(out, u)
		}
		if event || j-i <= 5 {
			for k := i; k <= j; k++ {
				used[k] = true
			}
		}
		i = j
	}
	return out
}

// acronymDefs finds "LONG FORM (ACR)".
func (d *doc) acronymDefs(s *sent, used []bool, out []unit) []unit {
	t := s.toks
	for i := 1; i+2 < len(t); i++ {
		if t[i].Text != "(" || t[i+2].Text != ")" || !d.isAcronymToken(t[i+1]) || used[i-1] {
			continue
		}
		lo := i - 1
		for lo > s.begin && !used[lo-1] {
			lo--
		}
		k := longForm(t, lo, i, t[i+1].Text)
		if k < 0 {
			continue
		}
		// Capitalised modifiers right before the long form belong to it.
		for k-1 >= lo && t[k-1].Kind == Word && (t[k-1].Cap() || t[k-1].AllCaps()) && t[k-1].Text != "'s" &&
			!(k-1 == s.begin && d.lx.IsStopword(t[k-1].Text)) && !d.isTitleAt(s, k-1) {
			k--
		}
		u := unit{t0: k, t1: i, kind: uAcro, acronym: t[i+1].Text}
		u.class = d.headClass(s, k, i)
		if u.class == "" {
			if e := d.lx.Lookup(d.textOf(s, k, i)); e != nil {
				u.class, u.lex = e.Class, e
			} else if e := d.lx.Lookup(t[i+1].Text); e != nil {
				u.class = e.Class
			} else if i+3 < len(t) && t[i+3].Cap() {
				u.class = d.lx.Head(t[i+3].Text)
			}
			if u.class == "" {
				u.class = ClassOrg
			}
		}
		if u.lex == nil {
			if e := d.lx.Lookup(d.textOf(s, k, i)); e != nil {
				u.lex = e
			}
		}
		if i+3 < len(t) && t[i+3].Text == "'s" {
			u.possessive = true
			used[i+3] = true
		}
		for x := k; x <= i+2; x++ {
			used[x] = true
		}
		out = append(out, u)
		i += 2
	}
	return out
}

// headClass is the class the head noun of a name (its last capitalised
// word, or an earlier one before "of") gives it.
func (d *doc) headClass(s *sent, t0, t1 int) string {
	for k := t1 - 1; k >= t0; k-- {
		w := s.toks[k]
		if w.Kind != Word {
			continue
		}
		if c := d.lx.Head(w.Text); c != "" {
			return c
		}
		if k == t1-1 && t1-t0 > 1 {
			// only the last word and words before "of"/"for"/"on" are heads
			continue
		}
	}
	return ""
}

var titlePrefixes = map[string]bool{"Deputy": true, "Vice": true, "First": true, "Assistant": true, "Acting": true, "Under-Secretary": true, "Chief": true, "Senior": true}

// isTitleAt reports whether a title starts at token k.
func (d *doc) isTitleAt(s *sent, k int) bool {
	_, n := d.titleAt(s, k)
	return n > 0
}

// titleAt returns the title that starts at token k and its length in
// tokens.
func (d *doc) titleAt(s *sent, k int) (string, int) {
	t := s.toks
	if k >= len(t) || !t[k].Cap() {
		return "", 0
	}
	start := k
	// "Chief Executive Officer" is a title of its own; "Deputy Foreign
	// Minister" a prefix and a title.
	if _, n := d.bareTitle(s, k); n == 0 {
		for k < len(t) && titlePrefixes[t[k].Text] {
			k++
		}
	}
	n := 0
	key := d.kbuf[:0]
	for x := k; x < len(t) && x < k+d.lx.TitleWords(); x++ {
		if !(t[x].Cap() || (x > k && (t[x].Text == "of" || t[x].Text == "for"))) {
			break
		}
		if len(key) > 0 {
			key = append(key, ' ')
		}
		key = append(key, s.tkey(x)...)
		if !d.lx.IsTitlePrefixBytes(key) {
			break
		}
		if d.lx.IsTitleBytes(key) {
			n = x + 1 - k
		}
	}
	d.kbuf = key
	if n > 0 {
		end := k + n
		// "General Assembly" is a name, not a title.
		if end < len(t) && t[end].Cap() && d.lx.Head(t[end].Text) != "" {
			return "", 0
		}
		// "under the President of ..." is part of a name.
		if start >= 2 && strings.EqualFold(t[start-1].Text, "the") && t[start-2].Text == "under" {
			return "", 0
		}
		// "Director for Operations", "Minister of Investments and
		// Foreign Trade": a title's own complement (not "of the ...", not
		// a known name).
		if end+1 < len(t) && (t[end].Text == "for" || t[end].Text == "of") && t[end+1].Cap() && d.lookup(s, end+1, end+2) == nil && !t[end+1].AllCaps() && d.lx.Head(t[end+1].Text) == "" {
			x := end + 2
			for x < len(t) && (t[x].Cap() && t[x].Kind == Word || t[x].Text == "and" && x+1 < len(t) && t[x+1].Cap()) && d.lookup(s, x, x+1) == nil {
				x++
			}
			for x > end+2 && t[x-1].Text == "and" {
				x--
			}
			// the complement stops before a person's name that follows
			// it: "Minister of Investments and Foreign Trade Sardor
			// Umurzakov"
			for cut := x - 2; cut >= end+2; cut-- {
				if t[cut-1].Text != "and" && d.looksLikeName(s, cut, x) {
					x = cut
					break
				}
			}
			end = x
		}
		return d.textOf(s, start, end), end - start
	}
	return "", 0
}

func (d *doc) titles(s *sent, used []bool, out []unit) []unit {
	for k := s.begin; k < len(s.toks); k++ {
		if used[k] {
			continue
		}
		title, n := d.titleAt(s, k)
		if n == 0 {
			continue
		}
		clash := false
		for x := k; x < k+n; x++ {
			clash = clash || used[x]
		}
		if clash {
			continue
		}
		// A form of address that is also a title ("Ambassador") is only
		// a form of address before a name.
		if n == 1 && d.lx.IsHonorific(s.toks[k].Text) && k+1 < len(s.toks) && s.toks[k+1].Cap() {
			continue
		}
		for x := k; x < k+n; x++ {
			used[x] = true
		}
		out = append(out, unit{t0: k, t1: k + n, kind: uTitle, title: title})
		k += n - 1
	}
	return out
}

// capWord reports whether a token may be part of a capitalised name.
func capWord(t Token) bool {
	return t.Kind == Word && t.Text != "'s" && (t.Cap() || t.AllCaps())
}

// runs finds the remaining capitalised names, splitting each run of
// capitalised words at the names the lexicon knows.
func (d *doc) runs(s *sent, used []bool, out []unit) []unit {
	t := s.toks
	for k := s.begin; k < len(t); k++ {
		if used[k] {
			continue
		}
		start := k
		honor := false
		// Forms of address: "Mr", "Mr.", "H.E.".
		for k < len(t) && !used[k] && d.lx.IsHonorific(t[k].Text) && k+1 < len(t) {
			next := k + 1
			if t[next].Text == "." {
				next++
			}
			if next < len(t) && capWord(t[next]) {
				honor = true
				k = next
				continue
			}
			break
		}
		_ = start
		j := k
		// An ordinal or a year opens a name when a capitalised word or an
		// event noun follows ("14th Meeting", "64th session", "1961
		// Single Convention").
		lowerEvent := false
		if j < len(t) && !used[j] && (t[j].Ordinal() || t[j].Year()) && j+1 < len(t) && !used[j+1] {
			if capWord(t[j+1]) {
				j++
			} else if t[j].Ordinal() && d.lx.IsEventNoun(t[j+1].Text) {
				j += 2
				lowerEvent = true
			}
		}
		if !lowerEvent {
			for j < len(t) && !used[j] && capWord(t[j]) {
				j++
			}
		}
		if j == k || (j == k+1 && t[k].Kind == Num) {
			continue
		}
		// A sentence opener.
		if k == s.begin && d.lx.IsStopword(t[k].Text) && !honor {
			k++
			if k == j {
				continue
			}
		}
		poss := j < len(t) && t[j].Text == "'s"
		if poss {
			used[j] = true
		}
		for x := k; x < j; x++ {
			used[x] = true
		}
		if lowerEvent {
			out = append(out, unit{t0: k, t1: j, kind: uRun, class: ClassEvent, possessive: poss})
			k = j
			continue
		}
		out = d.split(s, k, j, honor, poss, out)
		k = j
	}
	return out
}

// split divides a capitalised run into lexicon names and the rest. A run
// whose last word is a head noun stays whole ("SCO Secretariat"), with a
// known modifier remembered.
func (d *doc) split(s *sent, k, j int, honor, poss bool, out []unit) []unit {
	if e := d.lookup(s, k, j); e != nil {
		return append(out, unit{t0: k, t1: j, kind: uLex, class: e.Class, lex: e, possessive: poss, honorific: honor})
	}
	if c := d.lx.Head(s.toks[j-1].Text); c != "" && !honor {
		// "26th OSCE Ministerial Council", "Seventh Summit": the n-th
		// of something is an event
		if s.toks[k].Ordinal() || d.lx.IsOrdinal(s.toks[k].Text) {
			c = ClassEvent
		}
		u := unit{t0: k, t1: j, kind: uRun, class: c, possessive: poss}
		// a known name or an acronym before the head: its owner
		for n := j - k - 1; n >= 1; n-- {
			if e := d.lookup(s, k, k+n); e != nil {
				u.mod = &unit{t0: k, t1: k + n, kind: uLex, class: e.Class, lex: e}
				break
			}
			if n == 1 && s.toks[k].AllCaps() && !strings.Contains(s.toks[k].Text, "-") {
				u.mod = &unit{t0: k, t1: k + 1, kind: uRun, class: ClassOrg}
			}
		}
		for x := k; x < j-1; x++ {
			if p := d.pairOf(s.toks[x].Text); p != nil {
				u.pair = p
			}
		}
		return append(out, u)
	}
	// a name the document has given before, at the start of the run:
	// "Turkic Council Baghdad Amreyev"
	for n := j - k - 2; n >= 2; n-- {
		if e := d.keys[orgKey(d, d.textOf(s, k, k+n))]; e != nil && e.root().Class == ClassOrg && d.looksLikeName(s, k+n, j) {
			out = append(out, unit{t0: k, t1: k + n, kind: uRun, class: ClassOrg})
			return d.split(s, k+n, j, false, poss, out)
		}
	}
	first := len(out)
	rest := k
	for x := k; x < j; {
		matched := 0
		for n, e := d.longestName(s, x, j, nil); n >= 1; n = 0 {
			// a name of several words followed by more capitalised words is
			// part of a longer name: "Security Council Secretaries"
			if e != nil && (n > 1 || !honor || x > k) && !(n > 1 && x+n < j && !s.toks[x+n].AllCaps() && d.lookup(s, x+n, x+n+1) == nil && !d.looksLikeName(s, x+n, j)) {
				if rest < x {
					out = append(out, unit{t0: rest, t1: x, kind: uRun, honorific: honor && rest == k})
				}
				out = append(out, unit{t0: x, t1: x + n, kind: uLex, class: e.Class, lex: e})
				matched = n
				break
			}
		}
		if matched == 0 {
			// a lone acronym in a run stands apart: "SCO Member States"
			if s.toks[x].AllCaps() && j-k > 1 {
				if rest < x {
					out = append(out, unit{t0: rest, t1: x, kind: uRun, honorific: honor && rest == k})
				}
				out = append(out, unit{t0: x, t1: x + 1, kind: uRun, class: ClassOrg})
				rest = x + 1
			}
			x++
			continue
		}
		x += matched
		rest = x
	}
	if rest < j {
		out = append(out, unit{t0: rest, t1: j, kind: uRun, honorific: honor && rest == k})
	}
	if len(out) > first {
		out[len(out)-1].possessive = poss
	}
	return out
}

// connector returns the linking words at token k ("of", "of the") and how
// many tokens they take.
func connector(t []Token, k int) (string, int) {
	if k >= len(t) {
		return "", 0
	}
	w := t[k].Text
	switch w {
	case "of", "for", "on", "in", "to", "under", "between", "and":
	default:
		return "", 0
	}
	if w == "on" && k+3 < len(t) && t[k+1].Text == "the" && t[k+2].Text == "implementation" && t[k+3].Text == "of" {
		if k+4 < len(t) && t[k+4].Text == "the" {
			return "on the implementation of", 5
		}
		return "on the implementation of", 4
	}
	if k+1 < len(t) && t[k+1].Text == "the" {
		return w, 2
	}
	return w, 1
}

// chain joins units into longer names: "Secretariat" + "of the" +
// "Shanghai Cooperation Organisation", "Memorandum of Understanding
// between the SCO Secretariat and UNODC".
func (d *doc) chain(s *sent, us []unit) []unit {
	out := d.cbuf[:0]
	t := s.toks
	for i := 0; i < len(us); i++ {
		u := us[i]
		if u.kind == uTitle || u.kind == uQuoted || u.possessive {
			out = append(out, u)
			continue
		}
		cls := u.class
		parts := us[i : i+1 : i+1] // copied on the first join
		var conns []string
		end := u.t1
		between := false
		j := i + 1
		for j < len(us) {
			c, n := connector(t, end)
			// "Action Programme to Implement the SCO Anti-Drug Strategy"
			if n == 0 && IsDocument(cls) && end < len(t) && t[end].Text == "the" && len(conns) > 0 && conns[len(conns)-1] == "to" && isImplement(d.textOf(s, parts[len(parts)-1].t0, parts[len(parts)-1].t1)) {
				c, n = "the", 1
			}
			if n == 0 || us[j].t0 != end+n || us[j].kind == uTitle || us[j].kind == uQuoted {
				break
			}
			next := us[j]
			last := parts[len(parts)-1]
			ok := false
			// A known name is complete: "European Union" does not go on
			// into "for Foreign Affairs"; only a joined name may go on
			// past one ("Permanent Mission of the Russian Federation to
			// the United Nations", "between the SCO and UNODC").
			if (last.kind == uLex || last.kind == uAcro) && !(c == "and" && between) && !(c == "to" && len(parts) > 1) && !(len(parts) > 1 && IsDocument(cls)) {
				break
			}
			switch c {
			case "of":
				ok = cls != "" && !IsPlace(cls) && cls != ClassPerson
				if cls == "" && next.class != "" && !IsPlace(next.class) && next.kind == uRun && last.kind == uRun && !last.honorific {
					ok, cls = true, next.class
				}
			case "for", "on":
				ok = cls != "" && !IsPlace(cls) && (next.kind == uRun || next.kind == uLex && !IsPlace(next.class) || next.kind == uAcro)
			case "in":
				ok = cls == ClassOrg && next.kind == uLex && next.class == ClassRegion && len(parts) > 1
			case "to":
				ok = cls == ClassOrg && next.kind == uLex || IsDocument(cls) && next.kind == uRun
			case "under":
				ok = cls == ClassOrg && next.kind == uRun
			case "between":
				ok = cls == ClassAgreement
				between = ok
			case "on the implementation of", "the":
				ok = IsDocument(cls) && (next.kind == uRun || next.kind == uLex || next.kind == uAcro)
			case "and":
				ok = len(parts) > 1 && (between || next.kind == uRun && last.kind == uRun && next.class == "" && !strings.Contains(d.textOf(s, next.t0, next.t1), " ") || next.kind == uRun && last.kind == uRun && next.class != "" && next.class == cls && false)
				if ok && !between {
					// "Drugs and Crime": a plain word, not a name of its own
					ok = !t[next.t0].AllCaps() && d.lx.Lookup(d.textOf(s, next.t0, next.t1)) == nil
				}
			}
			if !ok || next.honorific {
				break
			}
			if next.possessive {
				// "of the SCO's Regional Anti-Terrorist Structure"
				if j+1 < len(us) && us[j+1].t0 == next.t1+1 && us[j+1].class == ClassOrg && us[j+1].kind != uTitle && us[j+1].kind != uQuoted {
					conns = append(conns, c, "'s")
					parts = append(parts, next, us[j+1])
					end = us[j+1].t1
					j += 2
					if us[j-1].possessive {
						break
					}
					continue
				}
				break
			}
			conns = append(conns, c)
			parts = append(parts, next)
			end = next.t1
			j++
		}
		// "of the SCO member states"
		if len(parts) > 1 && end+1 < len(t) && t[end].Text == "member" && (t[end+1].Text == "states" || t[end+1].Text == "countries") {
			end += 2
		}
		// "for 2018-2023"
		if (cls == ClassStrategy || cls == ClassPlan) && end+1 < len(t) && t[end].Text == "for" && t[end+1].Kind == Num {
			end += 2
		}
		if len(parts) == 1 && end == u.t1 {
			out = append(out, u)
			continue
		}
		cu := unit{t0: u.t0, t1: end, kind: uRun, class: cls, parts: parts, conns: conns, possessive: parts[len(parts)-1].possessive}
		if cls == "" {
			cu.class = ClassOrg
		}
		// "SCO" + "Heads of State Council Meeting": a known organisation
		// right before a joined name is its modifier.
		if n := len(out); n > 0 && out[n-1].t1 == cu.t0 && out[n-1].class == ClassOrg && !out[n-1].possessive && len(out[n-1].parts) == 0 &&
			(out[n-1].kind == uLex || out[n-1].kind == uRun && out[n-1].t1-out[n-1].t0 == 1 && t[out[n-1].t0].AllCaps()) && u.mod == nil {
			mod := out[n-1]
			cu.mod, cu.t0 = &mod, mod.t0
			out = out[:n-1]
		}
		out = append(out, cu)
		i = j - 1
	}
	return out
}

// lexNames finds the lexicon's names of several words that run across
// lower-case words ("UN Office on Drugs and Crime", "Republic of
// Tajikistan"), which capitalised runs alone would cut.
func (d *doc) lexNames(s *sent, used []bool, out []unit) []unit {
	t := s.toks
	for k := s.begin; k < len(t); k++ {
		if used[k] || !t[k].Cap() {
			continue
		}
		if !d.lx.StartsName(s.tkey(k)) {
			continue
		}
		n, e := d.longestName(s, k, len(t), used)
		if n >= 2 {
			lower := false
			for x := k; x < k+n; x++ {
				lower = lower || !t[x].Cap() && t[x].Kind == Word
			}
			// the name must not be the start of a longer capitalised one
			if !lower || k+n < len(t) && capWord(t[k+n]) && d.lx.Head(t[k+n].Text) != "" {
				continue
			}
			u := unit{t0: k, t1: k + n, kind: uLex, class: e.Class, lex: e}
			if k+n < len(t) && t[k+n].Text == "'s" {
				u.possessive = true
				used[k+n] = true
			}
			for x := k; x < k+n; x++ {
				used[x] = true
			}
			out = append(out, u)
			k += n - 1
		}
	}
	return out
}

// longestName returns the length in tokens of the longest lexicon name
// starting at token k (ending before end, over unused tokens and ending
// on a capitalised word or a number), and its entry.
func (d *doc) longestName(s *sent, k, end int, used []bool) (int, *lexicon.Entry) {
	key := d.kbuf[:0]
	best, bestE := 0, (*lexicon.Entry)(nil)
	for x := k; x < end; x++ {
		if used != nil && used[x] {
			break
		}
		if tk := s.tkey(x); tk != "" {
			if len(key) > 0 {
				key = append(key, ' ')
			}
			key = append(key, tk...)
		}
		if x > k && !d.lx.IsPrefixBytes(key) {
			break
		}
		if t := s.toks[x]; t.Cap() || t.Kind == Num {
			if e := d.lx.LookupKeyBytes(key); e != nil {
				best, bestE = x+1-k, e
			}
		}
	}
	d.kbuf = key
	return best, bestE
}

func isImplement(w string) bool { return w == "Implement" || w == "Implementing" }

// keyOf returns lexicon.Key of the text of tokens t0 to t1, built from the
// tokens' own keys.
func (s *sent) keyOf(t0, t1 int) string {
	n := 0
	for k := t0; k < t1; k++ {
		n += len(s.tkey(k)) + 1
	}
	b := make([]byte, 0, n)
	for k := t0; k < t1; k++ {
		tk := s.tkey(k)
		if tk == "" {
			continue
		}
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, tk...)
	}
	return string(b)
}

// tkey returns the lexicon key of token k, computed on first need.
func (s *sent) tkey(k int) string {
	if s.tkeys == nil {
		s.tkeys = make([]string, len(s.toks))
		s.tdone = make([]bool, len(s.toks))
	}
	if !s.tdone[k] {
		s.tdone[k] = true
		if t := s.toks[k].Text; plainWord(t) {
			s.tkeys[k] = s.lw(k) // the key of a plain word is its lower case
		} else {
			s.tkeys[k] = lexicon.Key(t)
		}
	}
	return s.tkeys[k]
}

// lookup is the lexicon entry of the text of tokens t0 to t1.
func (d *doc) lookup(s *sent, t0, t1 int) *lexicon.Entry {
	return d.lx.LookupKey(s.keyOf(t0, t1))
}

// pairOf splits "ASEAN-EU" into the organisations it joins, if the
// lexicon knows each of them.
func (d *doc) pairOf(w string) []*lexicon.Entry {
	if !strings.Contains(w, "-") {
		return nil
	}
	var out []*lexicon.Entry
	for _, p := range strings.Split(w, "-") {
		e := d.lx.Lookup(p)
		if e == nil || e.Class != lexicon.Organization || !d.lx.IsKnownAcronym(p) {
			return nil
		}
		out = append(out, e)
	}
	return out
}

// bareTitle returns the length of the title that starts at k, without
// taking prefixes apart.
func (d *doc) bareTitle(s *sent, k int) (string, int) {
	n := 0
	key := d.kbuf[:0]
	for x := k; x < len(s.toks) && x < k+d.lx.TitleWords(); x++ {
		if !s.toks[x].Cap() {
			break
		}
		if len(key) > 0 {
			key = append(key, ' ')
		}
		key = append(key, s.tkey(x)...)
		if !d.lx.IsTitlePrefixBytes(key) {
			break
		}
		if d.lx.IsTitleBytes(key) {
			n = x + 1 - k
		}
	}
	d.kbuf = key
	return "", n
}

// titleCase writes "NEW YORK" as "New York".
func titleCase(s string) string {
	b := []rune(strings.ToLower(s))
	up := true
	for i, r := range b {
		if up {
			b[i] = unicode.ToUpper(r)
		}
		up = r == ' ' || r == '-'
	}
	return string(b)
}

// shortForms: "the Cooperation Council of Turkic Speaking States (Turkic
// Council)": a short name of several words in parentheses after a name
// whose words it takes is another name of it (of the innermost part of a
// joined name that has all its words).
func (d *doc) shortForms(s *sent) {
	t := s.toks
	for _, m := range s.ments {
		k := m.tok1
		if k+3 >= len(t) || t[k].Text != "(" {
			continue
		}
		j := k + 1
		for j < len(t) && j <= k+4 && capWord(t[j]) {
			j++
		}
		if j-k-1 < 2 || j >= len(t) || t[j].Text != ")" {
			continue
		}
		short := d.textOf(s, k+1, j)
		var best *Entity
		for _, x := range append([]*Mention{m}, s.inner...) {
			if x.tok1 > m.tok1 || x.tok0 < m.tok0 || x.Entity.Class != ClassOrg {
				continue
			}
			all := true
			for _, w := range strings.Fields(short) {
				all = all && strings.Contains(x.Text, w)
			}
			if all && (best == nil || len(x.Entity.root().Name) < len(best.Name)) {
				best = x.Entity.root()
			}
		}
		if best != nil {
			d.alias(best, short)
			d.addMention(s, k+1, j, best, "short-form")
		}
	}
}

// plainWord reports whether a word is ASCII letters and digits only.
func plainWord(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return w != ""
}
