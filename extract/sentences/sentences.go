// Package sentences splits plain text into sentences, keeping each one's
// byte span in the text so that evidence can point back into the source.
//
// The rules are those of ordinary English prose in press releases: a
// sentence ends at '.', '!' or '?' (and any closing quotes or brackets)
// followed by white space and a capital letter, digit or opening quote,
// unless the full stop ends a known abbreviation or an initial; a line on
// its own (a headline) is a sentence; a blank line ends a sentence unless
// the text before it runs on into a lower-case word after it.
package sentences

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is one sentence: Text is the text between byte offsets Start and End
// (end exclusive), with surrounding white space left out.
type Span struct {
	Start, End int
	Text       string
}

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "sen": true,
	"rep": true, "gov": true, "amb": true, "h.e": true, "no": true, "nos": true,
	"vs": true, "etc": true, "e.g": true, "i.e": true, "approx": true, "dept": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"u.s": true, "u.n": true, "u.k": true, "inc": true, "ltd": true, "co": true,
	"corp": true, "jr": true, "sr": true, "art": true, "para": true, "vol": true,
}

// Split returns the sentences of text in order.
func Split(text string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		s, e := trim(text, start, end)
		if s < e {
			out = append(out, Span{Start: s, End: e, Text: text[s:e]})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			// A line break followed by a blank line is a paragraph break.
			j := i + size
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j < len(text) && text[j] == '\n' {
				if !runsOn(text, start, i, j) {
					emit(i)
				}
			}
		case r == '.' || r == '!' || r == '?':
			end := i + size
			for end < len(text) && strings.ContainsRune("\"'”’)]", rune(text[end])) {
				end++
			}
			if end < len(text) && text[end] >= utf8.RuneSelf {
				if r2, s2 := utf8.DecodeRuneInString(text[end:]); r2 == '”' || r2 == '’' {
					end += s2
				}
			}
			if endsSentence(text, start, i, end, r) {
				emit(end)
				i = end
				continue
			}
		}
		i += size
	}
	emit(len(text))
	return out
}

// endsSentence reports whether the mark at i (ending at end) closes a sentence.
func endsSentence(text string, start, i, end int, mark rune) bool {
	// Must be followed by white space, then a sentence opener.
	j := end
	sawSpace := false
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(r) {
			break
		}
		sawSpace = true
		j += size
	}
	if j >= len(text) {
		return true
	}
	if !sawSpace {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[j:])
	if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"'“‘(", next)) {
		return false
	}
	if mark != '.' {
		return true
	}
	// The word before the full stop.
	w := i
	for w > start {
		r, size := utf8.DecodeLastRuneInString(text[:w])
		if unicode.IsSpace(r) || r == '(' {
			break
		}
		w -= size
	}
	word := text[w:i]
	if abbreviations[strings.ToLower(word)] {
		return false
	}
	// A single capital letter is an initial ("J. Smith").
	if r, size := utf8.DecodeRuneInString(word); size == len(word) && unicode.IsUpper(r) {
		return false
	}
	return true
}

// runsOn reports whether the sentence begun at start and interrupted by a
// blank line between i and j continues after it: the text before does not
// end in a sentence mark and the text after starts with a lower-case letter.
func runsOn(text string, start, i, j int) bool {
	before := strings.TrimRightFunc(text[start:i], unicode.IsSpace)
	if before == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(before)
	if strings.ContainsRune(".!?:\"”", last) {
		return false
	}
	after := strings.TrimLeftFunc(text[j:], unicode.IsSpace)
	first, _ := utf8.DecodeRuneInString(after)
	return unicode.IsLower(first)
}

func trim(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}
