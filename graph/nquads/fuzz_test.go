package nquads

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzParseLine checks that ParseLine never panics, that every rejection is
// a *LineError with a column inside the line, and that every accepted quad
// survives a round trip through Cayley's own N-Quads serialisation
// (quad.Quad.NQuad, built on each value's String()). The round trip matters
// because the store identifies values by String(): a value whose String()
// does not parse back to itself could be stored but never exported and
// re-imported. The seed corpus is in testdata/fuzz/FuzzParseLine.
func FuzzParseLine(f *testing.F) {
	f.Add(`<http://example/s> <http://example/p> "a\u0053\n"@en-GB <http://example/g> .`)
	f.Add(`_:b1 <http://example/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> _:g.`)
	f.Fuzz(func(t *testing.T, line string) {
		q, ok, err := ParseLine(line)
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("error is %T, not *LineError: %v", err, err)
			}
			if ok || le.Col < 1 || le.Col > utf8.RuneCountInString(line)+1 {
				t.Fatalf("ok=%v, column %d outside line %q: %v", ok, le.Col, line, err)
			}
			return
		}
		if !ok {
			return
		}
		if !q.IsValid() {
			t.Fatalf("accepted an invalid quad %#v from %q", q, line)
		}
		out := q.NQuad()
		q2, ok2, err2 := ParseLine(out)
		if err2 != nil || !ok2 {
			t.Fatalf("%q parsed to %#v, which serialises to %q, which does not parse: %v", line, q, out, err2)
		}
		if q2 != q {
			t.Fatalf("%q parsed to\n%#v\nserialised as %q, which parses to\n%#v", line, q, out, q2)
		}
	})
}
