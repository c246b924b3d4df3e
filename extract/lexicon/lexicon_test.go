package lexicon

import "testing"

func TestLexicon(t *testing.T) {
	lx := Default()
	for _, tc := range []struct {
		name, want, class string
	}{
		{"Kyrgyz Republic", "Kyrgyzstan", Country},
		{"republic of tajikistan", "Tajikistan", Country},
		{"Russian Federation", "Russia", Country},
		{"Dushanbe", "Dushanbe", City},
		{"DUSHANBE", "Dushanbe", City},
		{"New York", "New York", City},
		{"Southeast Asia", "Southeast Asia", Region},
		{"SCO", "Shanghai Cooperation Organisation", Organization},
		{"Shanghai Cooperation Organization", "Shanghai Cooperation Organisation", Organization},
		{"OSCE", "Organization for Security and Co-operation in Europe", Organization},
		{"Asean", "Association of Southeast Asian Nations", Organization},
		{"UN Office on Drugs and Crime", "United Nations Office on Drugs and Crime", Organization},
	} {
		e := lx.Lookup(tc.name)
		if e == nil || e.Name != tc.want || e.Class != tc.class {
			t.Errorf("Lookup(%q) = %+v, want %s (%s)", tc.name, e, tc.want, tc.class)
		}
	}
	if c := lx.Demonym("Tajik"); c == nil || c.Name != "Tajikistan" {
		t.Errorf("Demonym(Tajik) = %+v", c)
	}
	for _, k := range []string{"secretary general", "executive director", "foreign minister"} {
		if !lx.IsTitle(k) {
			t.Errorf("%q is not a title", k)
		}
	}
	if lx.Variant("yuri") != lx.Variant("yury") || lx.Variant("organisation") != "organization" {
		t.Error("variants")
	}
	if lx.Head("Secretariat") != Organization || lx.Head("Summit") != Event || lx.Head("Memorandum") != Agreement {
		t.Error("heads")
	}
	if !lx.IsHonorific("H.E.") || !lx.IsStopword("The") || !lx.NotName("States") {
		t.Error("word lists")
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"UN's Vienna Office": "uns vienna office",
		"António Guterres":   "antonio guterres",
		"Co-operation":       "co operation",
		"already":            "already",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}
