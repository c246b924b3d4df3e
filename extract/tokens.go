package extract

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	Word  = iota // letters, with digits, hyphens or inner full stops
	Num          // digits, with inner punctuation ("13-14", "2018-2023", "25.5")
	Punct        // anything else, one rune
)

// Token is one word, number or punctuation mark, with its byte span in the
// document.
type Token struct {
	Start, End int
	Text       string
	Kind       int
}

// Cap reports whether the token starts with a capital letter.
func (t Token) Cap() bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

// AllCaps reports whether the token has two or more letters, all capitals
// ("SCO", "UNODC"; "H.E." too).
func (t Token) AllCaps() bool {
	n := 0
	for _, r := range t.Text {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// Ordinal reports whether the token is a number with an ordinal suffix
// ("14th", "62nd").
func (t Token) Ordinal() bool {
	s := t.Text
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i == len(s) {
		return false
	}
	switch s[i:] {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// Year reports whether the token is a four-digit year.
func (t Token) Year() bool {
	if len(t.Text) != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if t.Text[i] < '0' || t.Text[i] > '9' {
			return false
		}
	}
	return t.Text[0] == '1' || t.Text[0] == '2'
}

// Tokenize splits text[start:end] into tokens whose spans are offsets into
// text. Hyphens and apostrophes inside a word keep it whole, except a final
// "'s", which is a token of its own so that a possessive can be seen; a
// full stop after a single capital letter stays with it ("H.E.", "U.S.").
func Tokenize(text string, start, end int) []Token {
	// about one token in four bytes of English text
	out := make([]Token, 0, (end-start)/4+8)
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		switch {
		case unicode.IsSpace(r) || r == '\u00a0':
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			digits := true
			for j < end {
				r2, s2 := utf8.DecodeRuneInString(text[j:end])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.Is(unicode.Mn, r2) {
					if !unicode.IsDigit(r2) {
						digits = false
					}
					j += s2
					continue
				}
				// Inner joiners: a hyphen, an apostrophe (not of a final
				// "'s"), a full stop or comma between digits, a full stop
				// after a lone capital.
				if j+s2 < end {
					r3, _ := utf8.DecodeRuneInString(text[j+s2 : end])
					alnum := unicode.IsLetter(r3) || unicode.IsDigit(r3)
					switch {
					case (r2 == '-' || r2 == '\u2011') && alnum:
						j += s2
						continue
					case (r2 == '\'' || r2 == '\u2019') && unicode.IsLetter(r3) && !possessiveAt(text, j+s2, end):
						j += s2
						continue
					case (r2 == '.' || r2 == ',') && digits && unicode.IsDigit(r3):
						j += s2
						continue
					}
				}
				if r2 == '.' && isInitial(text[i:j]) {
					j += s2
					continue
				}
				break
			}
			kind := Word
			if r, _ := utf8.DecodeRuneInString(text[i:j]); unicode.IsDigit(r) {
				kind = Num
			}
			_ = digits
			out = append(out, Token{Start: i, End: j, Text: text[i:j], Kind: kind})
			i = j
		case (r == '\'' || r == '\u2019') && possessiveAt(text, i+size, end) && len(out) > 0 && out[len(out)-1].End == i:
			j := i + size + 1
			out = append(out, Token{Start: i, End: j, Text: "'s", Kind: Word})
			i = j
		default:
			out = append(out, Token{Start: i, End: i + size, Text: text[i : i+size], Kind: Punct})
			i += size
		}
	}
	return out
}

// possessiveAt reports whether text at i is the "s" of a final "'s".
func possessiveAt(text string, i, end int) bool {
	if i >= end || text[i] != 's' {
		return false
	}
	if i+1 == end {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i+1 : end])
	return !(unicode.IsLetter(r) || unicode.IsDigit(r))
}

// isInitial reports whether s is "H" or "H.E" style: capitals and full stops.
func isInitial(s string) bool {
	if s == "" {
		return false
	}
	for k, r := range s {
		if k%2 == 0 && !unicode.IsUpper(r) {
			return false
		}
		if k%2 == 1 && r != '.' {
			return false
		}
	}
	return len(s)%2 == 1
}
