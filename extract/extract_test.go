package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/kgraph/kg/graph/vocab"
)

// facts returns a document's facts as "subject predicate object" lines,
// with names for entities and short predicate names.
func facts(r *Result) map[string]bool {
	out := map[string]bool{}
	for _, t := range r.Triples {
		o := t.Value
		if t.Object != nil {
			o = t.Object.root().Name
		}
		out[t.Subject.root().Name+" | "+vocab.LocalName(t.Predicate)+" | "+o] = true
	}
	return out
}

// The cases are made-up sentences in the style of press releases, not
// sentences of the seed or the development corpus.
func TestPatterns(t *testing.T) {
	ref := time.Date(2024, 3, 8, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"title before name", "WHO Director-General Tedros Adhanom Ghebreyesus spoke in Geneva.",
			[]string{"Tedros Adhanom Ghebreyesus | jobTitle | Director-General", "Tedros Adhanom Ghebreyesus | worksFor | World Health Organization"}},
		{"apposition", "Maria Lopez, Executive Secretary of the Economic Commission for Latin America (ECLAC), opened the forum.",
			[]string{"Maria Lopez | jobTitle | Executive Secretary", "Maria Lopez | worksFor | Economic Commission for Latin America"}},
		{"the title of org, name", "The Secretary General of the African Union, Jean Mbeki, arrived.",
			[]string{"Jean Mbeki | worksFor | African Union"}},
		{"hosted a meeting between", "On 4 March 2024 the Secretariat of the African Union (AU) hosted a meeting between AU Commissioner Amina Diallo and IMF Managing Director Paula Stone.",
			[]string{"AU-IMF meeting, 4 March 2024 | organizer | Secretariat of the African Union", "AU-IMF meeting, 4 March 2024 | attendee | Amina Diallo", "AU-IMF meeting, 4 March 2024 | attendee | Paula Stone", "AU-IMF meeting, 4 March 2024 | startDate | 2024-03-04"}},
		{"signed in place on date", "On 2 February 2024, the World Bank and the Asian Development Bank (ADB) signed a Memorandum of Understanding in Manila.",
			[]string{"Memorandum of Understanding between World Bank and ADB | party | World Bank", "Memorandum of Understanding between World Bank and ADB | party | Asian Development Bank", "Memorandum of Understanding between World Bank and ADB | signingDate | 2024-02-02", "Memorandum of Understanding between World Bank and ADB | signingPlace | Manila"}},
		{"founded in", "The Gulf Cooperation Council, founded in 1981, is based in Riyadh.",
			[]string{"Gulf Cooperation Council | foundingDate | 1981", "Gulf Cooperation Council | location | Riyadh"}},
		{"which came into being", "The agency supports ECO, which came into being in 1985, in Tehran.",
			[]string{"Economic Cooperation Organization | foundingDate | 1985"}},
		{"took part in", "Ana Silva, President of the Asian Development Bank, took part in the 57th session of the United Nations General Assembly.",
			[]string{"57th session of the United Nations General Assembly | attendee | Ana Silva", "57th session of the United Nations General Assembly | organizer | United Nations General Assembly"}},
		{"acronym with modifier", "The ASEAN Regional Disaster Centre (ARDC) met experts.",
			[]string{}},
		{"part of", "The IAEA and the OECD held a joint workshop in Paris yesterday as part of the Paris Energy Forum.",
			[]string{"IAEA-OECD workshop in Paris, 7 March 2024 | superEvent | Paris Energy Forum", "IAEA-OECD workshop in Paris, 7 March 2024 | organizer | International Atomic Energy Agency"}},
		{"published", "The OECD published the Global Outlook Report in January.",
			[]string{"Global Outlook Report | publisher | Organisation for Economic Co-operation and Development", "Global Outlook Report | datePublished | 2024-01"}},
		{"surname coreference", "IMF Managing Director Paula Stone visited Kenya. Stone met Kenyan President William Ruto in Nairobi today.",
			[]string{"Paula Stone | jobTitle | Managing Director", "William Ruto | jobTitle | President"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Extract(Input{Name: "t.txt", Text: tc.text, Ref: ref})
			Resolve([]*Result{r})
			got := facts(r)
			for _, w := range tc.want {
				if !got[w] {
					var all []string
					for f := range got {
						all = append(all, f)
					}
					t.Errorf("missing %q; got:\n%s", w, strings.Join(all, "\n"))
				}
			}
		})
	}
}

// TestResolveAcrossDocuments: one organisation under its acronym and
// its full name, with Organisation/Organization and Co-operation/Cooperation,
// and one person under two spellings, become one entity each.
func TestResolveAcrossDocuments(t *testing.T) {
	a := Extract(Input{Name: "a.txt", Text: "The Organisation for Security and Co-operation in Europe (OSCE) met. Yuri Petrov, Director of the Trade Office, spoke."})
	b := Extract(Input{Name: "b.txt", Text: "The Organization for Security and Cooperation in Europe welcomed Yury Petrov, Director of the Trade Office."})
	Resolve([]*Result{a, b})
	names := func(r *Result) map[string]bool {
		out := map[string]bool{}
		for _, m := range r.Mentions {
			out[m.Entity.root().Name] = true
		}
		return out
	}
	na, nb := names(a), names(b)
	for _, n := range []string{"Organization for Security and Co-operation in Europe", "Yury Petrov"} {
		if !na[n] && !nb[n] {
			continue
		}
		if na[n] != nb[n] {
			t.Errorf("%q is in one document only: %v / %v", n, na, nb)
		}
	}
	if len(na) == 0 || len(nb) == 0 {
		t.Fatal("no mentions")
	}
}

// TestSpans: every mention and triple span lies in the text and is the
// text it claims.
func TestSpans(t *testing.T) {
	text := "GENEVA, 3 May 2024 - The UN Office at Geneva (UNOG) hosted talks between WHO Director-General Jan Novak and Ms Eva Berg, President of the Nordic Council.\n\nThe talks were held as part of the World Health Assembly."
	r := Extract(Input{Name: "s.txt", Text: text})
	for _, m := range r.Mentions {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
			t.Errorf("mention %+v: bad span", m)
		}
	}
	for _, tr := range r.Triples {
		if tr.Start < 0 || tr.End > len(text) || tr.Start > tr.End {
			t.Errorf("triple %+v: bad span", tr)
		}
	}
}

func TestCheckText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"", "empty file"},
		{"   \n", "empty file"},
		{"a\x00b", "binary"},
		{"caf\xe9.", "not UTF-8"},
		{"--- ... ---", "no sentences"},
		{"A sentence.", ""},
	} {
		err := CheckText("f.txt", []byte(tc.in))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "f.txt")):
			t.Errorf("%q: error %v, want one naming the file and saying %q", tc.in, err, tc.want)
		}
	}
}

var testMinter = vocab.Minter{}
