package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Acronym definitions: "the Collective Security Treaty Organization
// (CSTO)". The long form is found as Schwartz and Hearst do (A. Schwartz,
// M. Hearst, "A simple algorithm for identifying abbreviation definitions
// in biomedical text", PSB 2003): the short form's letters must occur in
// order in the words before the parenthesis, its first letter opening a
// word, and the shortest such run of words wins. Capitalised words right
// before the long form join it ("SCO Regional Anti-Terrorist Structure
// (RATS)"), since a name's modifiers are part of the name.

// isAcronymToken reports whether a token in parentheses may be a short
// form: one word of 2 to 10 letters that opens with a capital and has
// another capital or is short ("Asean").
func (d *doc) isAcronymToken(t Token) bool {
	if t.Kind != Word {
		return false
	}
	n, up := 0, 0
	for _, r := range t.Text {
		if unicode.IsLetter(r) {
			n++
			if unicode.IsUpper(r) {
				up++
			}
		} else if r != '-' && r != '.' && r != '&' {
			return false
		}
	}
	if n < 2 || n > 10 || !t.Cap() {
		return false
	}
	return up >= 2 || n <= 6 || d.lx.IsKnownAcronym(t.Text)
}

// longForm returns the first token of the long form that ends at token
// end (exclusive) for short form acr, or -1. Tokens before lo are not used.
func longForm(toks []Token, lo, end int, acr string) int {
	letters := []rune{}
	for _, r := range strings.ToLower(acr) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters = append(letters, r)
		}
	}
	if len(letters) == 0 {
		return -1
	}
	limit := len(letters) + 5
	if 2*len(letters) < limit {
		limit = 2 * len(letters)
	}
	for k := end - 1; k >= lo && end-k <= limit; k-- {
		t := toks[k]
		if t.Kind == Punct && t.Text != "-" {
			return -1
		}
		first, _ := utf8.DecodeRuneInString(strings.ToLower(t.Text))
		if first != letters[0] || !(t.Cap() || t.Kind == Num) {
			continue
		}
		if subsequence(toks[k:end], letters) {
			return k
		}
	}
	return -1
}

// subsequence reports whether letters occur in order in the tokens'
// text, the first at the start of the first token.
func subsequence(toks []Token, letters []rune) bool {
	i := 0
	for _, t := range toks {
		for _, r := range strings.ToLower(t.Text) {
			if i < len(letters) && r == letters[i] {
				i++
			}
		}
	}
	return i == len(letters)
}
