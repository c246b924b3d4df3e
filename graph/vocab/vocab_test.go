package vocab

import "testing"

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Shanghai Cooperation Organisation": "shanghai-cooperation-organisation",
		"António Guterres":                  "antonio-guterres",
		"UN's Vienna Office":                "uns-vienna-office",
		"SCO-UNODC meeting, 10 July 2019":   "sco-unodc-meeting-10-july-2019",
		"  --Ünïcödé--  ":                   "unicode",
		"北京":                                "",
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDateLiteral(t *testing.T) {
	tests := []struct {
		in   string
		typ  string
		fail bool
	}{
		{in: "2019", typ: "gYear"},
		{in: "2019-03", typ: "gYearMonth"},
		{in: "2019-07-10", typ: "date"},
		{in: "2019-13", fail: true},
		{in: "2019-02-32", fail: true},
		{in: "19", fail: true},
		{in: "2019-7-1", fail: true},
	}
	for _, tt := range tests {
		lit, err := DateLiteral(tt.in)
		if tt.fail {
			if err == nil {
				t.Errorf("DateLiteral(%q) accepted", tt.in)
			}
			continue
		}
		if err != nil || LocalName(lit.Type) != tt.typ {
			t.Errorf("DateLiteral(%q) = %v, %v; want type %s", tt.in, lit, err, tt.typ)
		}
		if s, ok := IsDate(lit); !ok || s != tt.in {
			t.Errorf("IsDate(%v) = %q, %v", lit, s, ok)
		}
	}
}

func TestExpand(t *testing.T) {
	if iri, ok := Expand("schema:name"); !ok || iri != Name {
		t.Errorf("schema:name gave %v %v", iri, ok)
	}
	for _, bad := range []string{"name", "foo:bar", ":x"} {
		if _, ok := Expand(bad); ok {
			t.Errorf("Expand(%q) accepted", bad)
		}
	}
}

func TestNameKey(t *testing.T) {
	tests := map[string]string{
		"UN's Vienna Office":   "uns vienna office",
		"UN’s Vienna Office":   "uns vienna office",
		"Secretary-General":    "secretary general",
		"Secretary General":    "secretary general",
		"  António  GUTERRES ": "antonio guterres",
		"Co-operation":         "co operation",
		"sco":                  "sco",
		"":                     "",
	}
	for in, want := range tests {
		if got := NameKey(in); got != want {
			t.Errorf("NameKey(%q) = %q, want %q", in, got, want)
		}
	}
}
