package timex

import (
	"unicode"
	"unicode/utf8"
)

// tokKind is the class of a token.
type tokKind uint8

const (
	kWord  tokKind = iota + 1 // a run of letters
	kNum                      // a run of ASCII digits
	kPunct                    // any other single rune
)

// token is one word, number or punctuation rune of the text.
type token struct {
	start, end int32 // byte offsets into the text, end exclusive
	n          int32 // value of a number token, saturated at maxNum
	nd         int16 // digit count of a number token, saturated at 1000
	kind       tokKind
	upper      bool // a word that begins with an upper-case letter
	space      bool // white space comes between the previous token and this one
	brk        bool // a line break comes before this token
}

const maxNum = 1_000_000_000

// maxText is the longest text tokenized; offsets are kept in 32 bits, and
// the rest of a longer text is ignored.
const maxText = 1<<31 - 1

// tokenize splits text into tokens.
func tokenize(text string, toks []token) []token {
	if len(text) > maxText {
		text = text[:maxText]
	}
	space, brk := true, true
	p := 0
	for p < len(text) {
		c := text[p]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(text[p:])
		}
		switch {
		case c == '\n':
			space, brk = true, true
			p++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			space = true
			p++
			continue
		case c >= utf8.RuneSelf && unicode.IsSpace(r):
			space = true
			p += size
			continue
		}
		t := token{start: int32(p), space: space, brk: brk}
		space, brk = false, false
		switch {
		case c >= '0' && c <= '9':
			q := p
			n := 0
			for q < len(text) && text[q] >= '0' && text[q] <= '9' {
				if n < maxNum {
					n = n*10 + int(text[q]-'0')
				}
				q++
			}
			if n > maxNum {
				n = maxNum
			}
			t.kind, t.end, t.n, t.nd = kNum, int32(q), int32(n), int16(min(q-p, 1000))
		case isLetter(r):
			t.kind = kWord
			t.upper = unicode.IsUpper(r)
			q := p + size
			for q < len(text) {
				d := text[q]
				if d < utf8.RuneSelf {
					if !(d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z') {
						break
					}
					q++
					continue
				}
				r2, s2 := utf8.DecodeRuneInString(text[q:])
				if !unicode.IsLetter(r2) {
					break
				}
				q += s2
			}
			t.end = int32(q)
		default:
			t.kind, t.end = kPunct, int32(p+size)
		}
		toks = append(toks, t)
		p = int(t.end)
	}
	return toks
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

// lowerASCII lowers the ASCII letters of s, keeping every byte offset.
func lowerASCII(s string) string {
	i := 0
	for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if b[i] >= 'A' && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}
