package sentences

import (
	"os"
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"two sentences", "The SCO met. The UN agreed.", []string{"The SCO met.", "The UN agreed."}},
		{"headline line", "Headline here\n\nFirst sentence. Second one.", []string{"Headline here", "First sentence.", "Second one."}},
		{"abbreviation", "Dr. Smith met Mr. Jones. They spoke.", []string{"Dr. Smith met Mr. Jones.", "They spoke."}},
		{"initial", "J. Smith arrived. He spoke.", []string{"J. Smith arrived.", "He spoke."}},
		{"lower case after stop", "It rose by 2.5 per cent. the end.", []string{"It rose by 2.5 per cent. the end."}},
		{"quote closes", `He said "we agree." Then left.`, []string{`He said "we agree."`, "Then left."}},
		{"curly quote closes", "He said “we agree.” Then left.", []string{"He said “we agree.”", "Then left."}},
		{"question and exclamation", "Why? Because! Yes.", []string{"Why?", "Because!", "Yes."}},
		{"paragraph mid sentence", "work to counter the threat as\n\nwell as the report. Next.", []string{"work to counter the threat as\n\nwell as the report.", "Next."}},
		{"paragraph after colon", "He listed:\n\nThe plan.", []string{"He listed:", "The plan."}},
		{"non-breaking space", "In\u00a0Vienna. In\u00a0Bishkek.", []string{"In\u00a0Vienna.", "In\u00a0Bishkek."}},
		{"digit starts next", "It ended. 2019 was good.", []string{"It ended.", "2019 was good."}},
		{"empty", "  \n\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Split(tt.text) {
				if tt.text[s.Start:s.End] != s.Text {
					t.Fatalf("span [%d,%d) is %q, text is %q", s.Start, s.End, tt.text[s.Start:s.End], s.Text)
				}
				got = append(got, s.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSplitSeed(t *testing.T) {
	b, err := os.ReadFile("../../../shared/seed/sco-unodc-2019-07-10.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := Split(string(b))
	// Two headline lines and ten sentences of body text, one of which runs
	// across a blank line ("as\n\nwell as").
	if len(got) != 12 {
		for _, s := range got {
			t.Logf("%q", s.Text)
		}
		t.Fatalf("got %d sentences, want 12", len(got))
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("On 10 July 2019, the UN's Vienna Office hosted a meeting. Dr. X spoke.\n\nNext")
	f.Add("a.\n\n\n.b?“”")
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range Split(text) {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) || text[s.Start:s.End] != s.Text {
				t.Fatalf("bad span %+v in %q", s, text)
			}
			prev = s.End
		}
	})
}
