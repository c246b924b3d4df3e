package vocab

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"
	"golang.org/x/text/unicode/norm"
)

// Slug turns a name into the readable, stable last segment of an IRI:
// lower case ASCII letters and digits joined by hyphens, accents dropped
// ("António Guterres" gives "antonio-guterres").
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: the base letter was already written
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '\u2019':
			// apostrophes join: "UN's" gives "uns"
		default:
			dash = true
		}
	}
	return b.String()
}

// Minter makes the IRIs of entities, sources and sentences under one base.
type Minter struct {
	Base string
}

// Entity returns the IRI of the entity with this canonical name.
func (m Minter) Entity(name string) quad.IRI {
	return quad.IRI(m.base() + Slug(name))
}

// Source returns the IRI of a source document, named by its file name.
func (m Minter) Source(file string) quad.IRI {
	file = strings.TrimSuffix(file, ".txt")
	return quad.IRI(m.base() + "source/" + Slug(file))
}

// Sentence returns the IRI of the n-th sentence (from 1) of a source.
func (m Minter) Sentence(file string, n int) quad.IRI {
	return quad.IRI(string(m.Source(file)) + "#s" + strconv.Itoa(n))
}

func (m Minter) base() string {
	if m.Base == "" {
		return DefaultBase
	}
	return m.Base
}
