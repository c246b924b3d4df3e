package timex

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// ref is Thursday 11 July 2019, the seed document's date.
var ref = time.Date(2019, 7, 11, 0, 0, 0, 0, time.UTC)

// want is one expected expression: its text, type, value and range ("" for
// none, else "start/end").
type want struct {
	text, typ, value, rng string
}

func TestTag(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		// Full dates in all orders and styles.
		{"day month year", "On 10 July 2019, the office hosted a meeting.", []want{{"10 July 2019", "DATE", "2019-07-10", ""}}},
		{"month day year", "It opened on July 10, 2019 in Vienna.", []want{{"July 10, 2019", "DATE", "2019-07-10", ""}}},
		{"dotted", "Signed 10.07.2019 in Vienna.", []want{{"10.07.2019", "DATE", "2019-07-10", ""}}},
		{"iso", "Released 2019-07-10.", []want{{"2019-07-10", "DATE", "2019-07-10", ""}}},
		{"slashed US", "Filed on 7/8/07.", []want{{"7/8/07", "DATE", "2007-07-08", ""}}},
		{"ordinal of month", "They met on the 10th of July.", []want{{"the 10th of July", "DATE", "2019-07-10", ""}}},
		{"month ordinal", "The vote was on April 2nd.", []want{{"April 2nd", "DATE", "2019-04-02", ""}}},
		{"abbreviated month", "Due on Sept. 3, 2019.", []want{{"Sept. 3, 2019", "DATE", "2019-09-03", ""}}},
		// Months and years alone.
		{"month year", "The plan dates from March 2019.", []want{{"March 2019", "DATE", "2019-03", ""}}},
		{"year", "The agency was founded in 1997.", []want{{"1997", "DATE", "1997", ""}}},
		{"memorandum of year", "the memorandum of 2011 between them", []want{{"2011", "DATE", "2011", ""}}},
		{"month of next year", "It ends in October of next year.", []want{{"October of next year", "DATE", "2020-10", ""}}},
		// Day and month ranges.
		{"day range", "The summit held on 13-14 June 2019 in Bishkek.", []want{{"13-14 June 2019", "DURATION", "P2D", "2019-06-13/2019-06-14"}}},
		{"day to day", "It met from 13 to 14 June.", []want{{"13 to 14 June", "DURATION", "P2D", "2019-06-13/2019-06-14"}}},
		{"month day range", "Talks ran June 13-14.", []want{{"June 13-14", "DURATION", "P2D", "2019-06-13/2019-06-14"}}},
		{"across months", "It ran 30 June - 2 July 2019.", []want{{"30 June - 2 July 2019", "DURATION", "P3D", "2019-06-30/2019-07-02"}}},
		{"between months", "Prices rose between March and May 2020.", []want{{"between March and May 2020", "DURATION", "P3M", "2020-03/2020-05"}}},
		{"from year to year", "He served from 2009 to 2011.", []want{{"from 2009 to 2011", "DURATION", "P3Y", "2009/2011"}}},
		// Year ranges.
		{"year range hyphen", "the Anti-Drug Strategy for 2018-2023 adopted", []want{{"2018-2023", "DURATION", "P6Y", "2018/2023"}}},
		{"year range en dash", "the Strategy for 2018–2023 adopted", []want{{"2018–2023", "DURATION", "P6Y", "2018/2023"}}},
		{"year range short", "the 2018-23 plan", []want{{"2018-23", "DURATION", "P6Y", "2018/2023"}}},
		// Relative expressions, with tense.
		{"this month past", "an event held this March, which was praised", []want{{"this March", "DATE", "2019-03", ""}}},
		{"in month past", "the report UNODC published in June", []want{{"June", "DATE", "2019-06", ""}}},
		{"month future", "The board will meet in September.", []want{{"September", "DATE", "2019-09", ""}}},
		{"month past previous year", "Sales fell in September.", []want{{"September", "DATE", "2018-09", ""}}},
		{"last year", "Exports grew last year.", []want{{"last year", "DATE", "2018", ""}}},
		{"next month", "The talks resume next month.", []want{{"next month", "DATE", "2019-08", ""}}},
		{"this year", "this year's conference", []want{{"this year", "DATE", "2019", ""}}},
		{"last week", "They met last week.", []want{{"last week", "DATE", "2019-W27", ""}}},
		{"this weekend", "It opens this weekend.", []want{{"this weekend", "DATE", "2019-W28-WE", ""}}},
		{"weekday past", "The minister said on Monday that talks failed.", []want{{"Monday", "DATE", "2019-07-08", ""}}},
		{"weekday future", "The minister will travel on Monday.", []want{{"Monday", "DATE", "2019-07-15", ""}}},
		{"weekday until", "Markets will stay closed until Friday.", []want{{"Friday", "DATE", "2019-07-12", ""}}},
		{"last weekday", "He arrived last Friday.", []want{{"last Friday", "DATE", "2019-07-05", ""}}},
		{"weekday part", "They met on Tuesday morning.", []want{{"Tuesday morning", "TIME", "2019-07-09TMO", ""}}},
		{"yesterday", "The accord was signed yesterday.", []want{{"yesterday", "DATE", "2019-07-10", ""}}},
		{"today tomorrow", "today and tomorrow", []want{{"today", "DATE", "2019-07-11", ""}, {"tomorrow", "DATE", "2019-07-12", ""}}},
		{"earlier this year", "It was adopted earlier this year.", []want{{"earlier this year", "DATE", "2019", ""}}},
		{"end of last year", "by the end of last year", []want{{"the end of last year", "DATE", "2018", ""}}},
		{"early year", "in early 2009", []want{{"early 2009", "DATE", "2009", ""}}},
		{"mid year", "until mid-2011", []want{{"mid-2011", "DATE", "2011", ""}}},
		{"earlier", "They met on 2 May 2019 and two days earlier in Bonn.", []want{{"2 May 2019", "DATE", "2019-05-02", ""}, {"two days earlier", "DATE", "2019-04-30", ""}}},
		{"week-long", "a week-long seminar", []want{{"week-long", "DURATION", "P1W", ""}}},
		{"holiday", "sales over Christmas 2018", []want{{"Christmas 2018", "DATE", "2018-12-25", ""}}},
		{"time with date", "at 16:15 UTC, June 1st, the firm", []want{{"16:15 UTC", "TIME", "2019-06-01T16:15Z", ""}, {"June 1st", "DATE", "2019-06-01", ""}}},
		{"era not day", "the problems of the day", nil},
		{"ago", "It began three days ago.", []want{{"three days ago", "DATE", "2019-07-08", ""}}},
		{"years ago", "It began two years ago.", []want{{"two years ago", "DATE", "2017", ""}}},
		{"present ref", "The office currently employs staff.", []want{{"currently", "DATE", "PRESENT_REF", ""}}},
		{"past ref", "lessons of the past", []want{{"the past", "DATE", "PAST_REF", ""}}},
		{"future ref", "in the near future", []want{{"the near future", "DATE", "FUTURE_REF", ""}}},
		{"anaphoric day", "It met on 3 May 2019. The day ended well.", []want{{"3 May 2019", "DATE", "2019-05-03", ""}, {"The day", "DATE", "2019-05-03", ""}}},
		// Decades and centuries.
		{"decade", "in the 1990s", []want{{"the 1990s", "DATE", "199X", ""}}},
		{"decade apostrophe", "since the '90s", []want{{"the '90s", "DATE", "199X", ""}}},
		{"century", "in the 20th century", []want{{"the 20th century", "DATE", "19XX", ""}}},
		{"century words", "the twenty-first century", []want{{"the twenty-first century", "DATE", "20XX", ""}}},
		// Quarters and halves.
		{"quarter of year", "in the second quarter of 2019", []want{{"the second quarter of 2019", "DATE", "2019-Q2", ""}}},
		{"quarter code", "results for Q2 2019", []want{{"Q2 2019", "DATE", "2019-Q2", ""}}},
		{"quarter this year", "the third quarter of this year", []want{{"the third quarter of this year", "DATE", "2019-Q3", ""}}},
		{"quarter past", "Profits fell in the fourth quarter.", []want{{"the fourth quarter", "DATE", "2018-Q4", ""}}},
		{"half", "in the first half of 2019", []want{{"the first half of 2019", "DATE", "2019-H1", ""}}},
		{"week of month", "sales rebounded in the last week of March 2009", []want{{"the last week of March 2009", "DATE", "2009-W13", ""}}},
		// Seasons.
		{"season year", "in summer 2019", []want{{"summer 2019", "DATE", "2019-SU", ""}}},
		{"season of year", "in the spring of 2020", []want{{"the spring of 2020", "DATE", "2020-SP", ""}}},
		{"this season", "It opens this autumn.", []want{{"this autumn", "DATE", "2019-FA", ""}}},
		{"next season", "next spring", []want{{"next spring", "DATE", "2020-SP", ""}}},
		// Durations.
		{"years", "It took three years.", []want{{"three years", "DURATION", "P3Y", ""}}},
		{"for days", "They met for two days.", []want{{"two days", "DURATION", "P2D", ""}}},
		{"digits", "after 18 months of talks", []want{{"18 months", "DURATION", "P18M", ""}}},
		{"minutes", "within 30 minutes", []want{{"30 minutes", "DURATION", "PT30M", ""}}},
		{"fraction", "almost two and a half years", []want{{"almost two and a half years", "DURATION", "P2.5Y", ""}}},
		{"compound", "a 12-year plan", []want{{"12-year", "DURATION", "P12Y", ""}}},
		{"the past n", "over the past nine days", []want{{"the past nine days", "DURATION", "P9D", ""}}},
		{"vague", "for several years", []want{{"several years", "DURATION", "PXY", ""}}},
		{"bare plural", "the first time in years", []want{{"years", "DURATION", "PXY", ""}}},
		{"decade duration", "a decade of work", []want{{"a decade", "DURATION", "P10Y", ""}}},
		// Times.
		{"clock utc", "at 14:30 UTC", []want{{"14:30 UTC", "TIME", "2019-07-11T14:30Z", ""}}},
		{"clock pm", "at 6:40 p.m. on Monday the", []want{{"6:40 p.m. on Monday", "TIME", "2019-07-08T18:40", ""}}},
		{"this morning", "It rained this morning.", []want{{"this morning", "TIME", "2019-07-11TMO", ""}}},
		// Sets.
		{"weekly", "a weekly meeting", []want{{"weekly", "SET", "P1W", ""}}},
		{"every", "held every year", []want{{"every year", "SET", "P1Y", ""}}},
		{"twice a year", "meets twice a year", []want{{"a year", "SET", "P1Y", ""}}},
		// Not dates.
		{"ordinal session", "part of the 62nd session of the Commission", nil},
		{"count", "over 140 countries signed", nil},
		{"anniversary", "marked the 20th anniversary of the treaty", nil},
		{"large count", "over 1500 people attended", nil},
		{"money", "it cost $2000 to build", nil},
		{"percent", "rose 2000% in value", nil},
		{"thousands", "some 2,019 delegates", nil},
		{"modal may", "The plan may fail.", nil},
		{"verb march", "Thousands march in the streets.", nil},
		{"ages", "men in their 70s", nil},
		{"resolution", "under resolution 1540 of the Council", nil},
		{"label", "UNSCR 1325 on women", nil},
		{"early year", "the Peace of Westphalia in 1648", []want{{"1648", "DATE", "1648", ""}}},
		{"weekday with date", "on Monday 9 September the", []want{{"Monday 9 September", "DATE", "2019-09-09", ""}}},
		{"weekday after date", "on 9 September (Monday) the", []want{{"9 September", "DATE", "2019-09-09", ""}, {"Monday", "DATE", "2019-09-09", ""}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Tag(tc.in, ref)
			if len(got) != len(tc.want) {
				t.Fatalf("Tag(%q) = %+v, want %d expressions", tc.in, got, len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				rng := ""
				if g.Range != nil {
					rng = g.Range.Start + "/" + g.Range.End
				}
				if g.Text != w.text || g.Type != w.typ || g.Value != w.value || rng != w.rng {
					t.Errorf("Tag(%q)[%d] = %q %s %s %q, want %q %s %s %q", tc.in, i, g.Text, g.Type, g.Value, rng, w.text, w.typ, w.value, w.rng)
				}
				if tc.in[g.Start:g.End] != g.Text {
					t.Errorf("span %d:%d is %q, text %q", g.Start, g.End, tc.in[g.Start:g.End], g.Text)
				}
			}
		})
	}
}

func TestTagNoReference(t *testing.T) {
	got := Tag("The report was published in June, on Monday, last year.", time.Time{})
	want := []string{"XXXX-06", "XXXX-WXX-1", "XXXX"}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %d expressions", got, len(want))
	}
	for i, w := range want {
		if got[i].Value != w {
			t.Errorf("%q = %s, want %s", got[i].Text, got[i].Value, w)
		}
	}
}

// TestSeed tags the seed document, which has a non-breaking space: spans
// must be byte offsets that hold the expression's text.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile("../../../shared/seed/sco-unodc-2019-07-10.txt")
	if err != nil {
		t.Skipf("seed document not available: %v", err)
	}
	text := string(b)
	got := Tag(text, ref)
	want := []want{
		{"10 July 2019", "DATE", "2019-07-10", ""},
		{"this March", "DATE", "2019-03", ""},
		{"2011", "DATE", "2011", ""},
		{"13-14 June 2019", "DURATION", "P2D", "2019-06-13/2019-06-14"},
		{"2018-2023", "DURATION", "P6Y", "2018/2023"},
		{"June", "DATE", "2019-06", ""},
		{"1997", "DATE", "1997", ""},
		{"14 June 2011", "DATE", "2011-06-14", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d expressions %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		rng := ""
		if g.Range != nil {
			rng = g.Range.Start + "/" + g.Range.End
		}
		if g.Text != w.text || g.Value != w.value || g.Type != w.typ || rng != w.rng {
			t.Errorf("[%d] = %q %s %s %q, want %+v", i, g.Text, g.Type, g.Value, rng, w)
		}
		if text[g.Start:g.End] != g.Text || !utf8.ValidString(g.Text) {
			t.Errorf("[%d] span %d:%d does not hold %q", i, g.Start, g.End, g.Text)
		}
	}
	if !strings.Contains(text, "\u00a0") {
		t.Log("seed has no non-breaking space any more")
	}
	if d, ok := RefDate(text); !ok || !d.Equal(time.Date(2019, 7, 10, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("RefDate(seed) = %v, %v; want 2019-07-10", d, ok)
	}
}

func TestRefDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"On 3 May 2018 and 13-14 June 2019 it met; next week it meets.", "2019-06-14"},
		{"Filed 2017-01-02, revised July 4, 2018.", "2018-07-04"},
		{"Only relative: yesterday and last year.", ""},
		{"In June 2019.", ""},
	}
	for _, tc := range tests {
		d, ok := RefDate(tc.in)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != tc.want {
			t.Errorf("RefDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
