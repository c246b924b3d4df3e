package vocab

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NameKey folds a name for matching: lower case, accents dropped,
// apostrophes removed ("UN's" and "UN’s" both give "uns"), and every other
// run of punctuation or spacing made one space, so that "Secretary General"
// and "Secretary-General" give the same key. Entity lookups by name, in the
// extractor and in the queries, all use it.
func NameKey(s string) string {
	// Most words are already keys: lower-case ASCII letters and digits.
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFKD.String(s)
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '\'' || r == '\u2019' || r == '\u2018' || r == '`' || r == '\u02bc':
			// apostrophes join the letters around them: "UN's" gives "uns"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}
