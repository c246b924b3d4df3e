package timex

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzTag checks that any input is tagged without panic and that every
// span lies inside the text, on UTF-8 boundaries, in order and non-empty.
func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"On 10\u00a0July 2019, the UN's Vienna Office hosted a meeting.",
		"13-14 June 2019; 2018–2023; between March and May 2020",
		"this March, last year, next month, on Monday, yesterday",
		"the 1990s, the '90s, the 20th century, Q2 2019, summer 2019",
		"three years, for two days, 6:40 p.m., 0800 UTC, 7/8/07",
		"62nd session, over 140 countries, the 20th anniversary",
		"\xff\xfe10 July\xc3 2019",
	} {
		f.Add(s, int64(1562803200))
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		var ref time.Time
		if unix%5 != 0 { // a zero reference date now and then
			ref = time.Unix(unix%(1<<35), 0).UTC()
		}
		valid := utf8.ValidString(text)
		prevEnd := 0
		for _, x := range Tag(text, ref) {
			if x.Start < prevEnd || x.Start >= x.End || x.End > len(text) {
				t.Fatalf("bad span %d:%d (previous end %d, len %d) in %q", x.Start, x.End, prevEnd, len(text), text)
			}
			prevEnd = x.End
			if text[x.Start:x.End] != x.Text {
				t.Fatalf("text %q does not match span %d:%d", x.Text, x.Start, x.End)
			}
			if valid && (!utf8.RuneStart(text[x.Start]) || x.End < len(text) && !utf8.RuneStart(text[x.End])) {
				t.Fatalf("span %d:%d splits a rune in %q", x.Start, x.End, text)
			}
			if x.Value == "" || x.Type == "" {
				t.Fatalf("empty value or type for %q", x.Text)
			}
		}
		RefDate(text)
	})
}
