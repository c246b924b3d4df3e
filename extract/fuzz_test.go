package extract

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzExtract checks that the extractor does not panic on any text and
// that every span it gives lies inside the text. Its seed corpus is
// testdata/fuzz/FuzzExtract.
func FuzzExtract(f *testing.F) {
	f.Add("On 10 July 2019, the UN's Vienna Office hosted a meeting between SCO Secretary-General A. B and UNODC Executive Director C D.")
	f.Add("(ABC) ( ) (X) \"\" \u201c\u201d 's 's of the of")
	f.Fuzz(func(t *testing.T, text string) {
		r := Extract(Input{Name: "f.txt", Text: text, Ref: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
		Resolve([]*Result{r})
		for _, m := range r.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start > m.End {
				t.Fatalf("mention %q: span %d-%d outside the text (%d bytes)", m.Text, m.Start, m.End, len(text))
			}
			if utf8.ValidString(text) && text[m.Start:m.End] != m.Text {
				t.Fatalf("mention %q: span gives %q", m.Text, text[m.Start:m.End])
			}
		}
		for _, tr := range r.Triples {
			if tr.Start < 0 || tr.End > len(text) || tr.Start > tr.End {
				t.Fatalf("triple %s: span %d-%d outside the text (%d bytes)", tr.Predicate, tr.Start, tr.End, len(text))
			}
		}
		_ = r.Quads(testMinter)
	})
}
