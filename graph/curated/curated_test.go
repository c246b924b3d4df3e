package curated_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/curated"
	"github.com/kgraph/kg/graph/source"
	"github.com/kgraph/kg/graph/vocab"
)

var m = vocab.Minter{Base: "http://ex.org/id/"}

func parse(text string) (*curated.File, error) {
	return curated.Parse("test.kg", strings.NewReader(text), curated.Options{
		Minter: m,
		Document: func(name string) (*source.Document, error) {
			return source.Read(os.DirFS("testdata"), name)
		},
	})
}

func TestParseStatements(t *testing.T) {
	f, err := parse(`# comment
@document doc.txt
@evidence "Alpha Org signed an accord"
[Alpha Org] a schema:Organization   # trailing comment
[Paris Accord]
    schema:name "Paris Accord"
    schema:alternateName "l'Accord \"de Paris\""@fr
    kg:signingDate 2020-05-03
    kg:party [Alpha Org]
    kg:signingPlace <http://ex.org/id/paris>
@evidence "entered into force"
[Paris Accord] schema:startDate 2021
@evidence -
[Paris Accord] kg:index "7"^^xsd:integer
`)
	if err != nil {
		t.Fatal(err)
	}
	s3 := m.Sentence("doc.txt", 2)
	s4 := m.Sentence("doc.txt", 4)
	src := m.Source("doc.txt")
	accord := m.Entity("Paris Accord")
	want := []quad.Quad{
		{Subject: m.Entity("Alpha Org"), Predicate: vocab.Type, Object: vocab.Organization, Label: s3},
		{Subject: accord, Predicate: vocab.Name, Object: quad.String("Paris Accord"), Label: s3},
		{Subject: accord, Predicate: vocab.AlternateName, Object: quad.LangString{Value: `l'Accord "de Paris"`, Lang: "fr"}, Label: s3},
		{Subject: accord, Predicate: vocab.SigningDate, Object: quad.TypedString{Value: "2020-05-03", Type: vocab.Date}, Label: s3},
		{Subject: accord, Predicate: vocab.Party, Object: m.Entity("Alpha Org"), Label: s3},
		{Subject: accord, Predicate: vocab.SigningPlace, Object: quad.IRI("http://ex.org/id/paris"), Label: s3},
		{Subject: accord, Predicate: vocab.StartDate, Object: quad.TypedString{Value: "2021", Type: vocab.GYear}, Label: s4},
		{Subject: accord, Predicate: vocab.Index, Object: quad.TypedString{Value: "7", Type: vocab.Integer}, Label: src},
	}
	if len(f.Quads) != len(want) {
		t.Fatalf("got %d quads, want %d: %v", len(f.Quads), len(want), f.Quads)
	}
	for i := range want {
		if f.Quads[i].NQuad() != want[i].NQuad() {
			t.Errorf("quad %d:\n got %s\nwant %s", i, f.Quads[i].NQuad(), want[i].NQuad())
		}
	}
	if len(f.Documents) != 1 || f.Documents[0] != "doc.txt" {
		t.Errorf("documents %v", f.Documents)
	}
}

func TestParseErrorsNameFileAndLine(t *testing.T) {
	const head = "@document doc.txt\n"
	tests := []struct {
		name, text string
		line       int
		msg        string
	}{
		{"no document", "[A] a schema:Thing\n", 1, "before any @document"},
		{"unknown document", "@document nope.txt\n", 1, "nope.txt"},
		{"unknown prefix", head + "[A] foo:bar [B]\n", 2, `"foo:bar"`},
		{"too many terms", head + "[A] schema:name \"x\" \"y\"\n", 2, "want SUBJECT PREDICATE OBJECT"},
		{"missing object", head + "[A] schema:name\n", 2, "want SUBJECT PREDICATE OBJECT"},
		{"literal subject", head + "\"A\" schema:name \"x\"\n", 2, "subject"},
		{"literal predicate", head + "[A] \"p\" \"x\"\n", 2, "predicate"},
		{"unclosed string", head + "[A] schema:name \"x\n", 2, "unclosed string"},
		{"unclosed entity", head + "[A schema:name \"x\"\n", 2, "unclosed ["},
		{"bad date", head + "[A] schema:startDate 2019-13-01\n", 2, "not a date"},
		{"bad typed date", head + "[A] schema:startDate \"2019-02\"^^xsd:date\n", 2, "not a valid date"},
		{"bad IRI", head + "[A] schema:url <not an iri>\n", 2, "IRI"},
		{"indent without subject", head + "    schema:name \"x\"\n", 2, "no subject line"},
		{"evidence absent", head + "@evidence \"words nowhere\"\n", 2, "in no sentence"},
		{"evidence ambiguous", head + "@evidence \"accord\"\n", 2, "quote more words"},
		{"unknown directive", head + "@prefix x: <y>\n", 2, "unknown directive"},
		{"fine lines first", head + "# ok\n[A] a schema:Thing\n\n[A] oops\n", 5, "want SUBJECT PREDICATE OBJECT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(tt.text)
			var e *curated.Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want a *curated.Error", err)
			}
			if e.File != "test.kg" || e.Line != tt.line {
				t.Errorf("error at %s:%d, want test.kg:%d (%v)", e.File, e.Line, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
			if !strings.HasPrefix(err.Error(), "test.kg:") {
				t.Errorf("error %q does not start with file:line", err)
			}
		})
	}
}

// FuzzParse checks that no input makes the parser panic, and that every
// error names the file and a line within the input.
func FuzzParse(f *testing.F) {
	f.Add("@document doc.txt\n[A] a schema:Organization\n")
	f.Add("@document doc.txt\n@evidence \"Alpha Org signed\"\n[A]\n    schema:name \"x\\u0041\"@en\n")
	f.Add("[A] schema:startDate 2019-13-40\n\"unclosed")
	f.Add("@document doc.txt\n-[A] schema:name \"x\"\n+[B] kg:party [C]\n")
	f.Fuzz(func(t *testing.T, text string) {
		_, err := parse(text)
		if err == nil {
			return
		}
		var e *curated.Error
		if !errors.As(err, &e) {
			t.Fatalf("error %v is not a *curated.Error", err)
		}
		lines := strings.Count(text, "\n") + 1
		if e.File != "test.kg" || e.Line < 1 || e.Line > lines+1 {
			t.Fatalf("error at %s:%d for a text of %d lines", e.File, e.Line, lines)
		}
	})
}
