package nquads

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/cayleygraph/quad"
)

const (
	s = quad.IRI("http://example/s")
	p = quad.IRI("http://example/p")
	o = quad.IRI("http://example/o")
	g = quad.IRI("http://example/g")
)

func TestParseLineValues(t *testing.T) {
	tests := []struct {
		name string
		line string
		want quad.Quad
	}{
		{"triple", `<http://example/s> <http://example/p> <http://example/o> .`, quad.Quad{Subject: s, Predicate: p, Object: o}},
		{"quad", `<http://example/s> <http://example/p> <http://example/o> <http://example/g> .`, quad.Quad{Subject: s, Predicate: p, Object: o, Label: g}},
		// Escapes in IRIs are decoded: RDF stores the IRI, not its spelling.
		{"iri uchar4", `<http://example/\u0053> <http://example/p> <http://example/o> .`, quad.Quad{Subject: quad.IRI("http://example/S"), Predicate: p, Object: o}},
		{"iri uchar8", `<http://example/\U00000053> <http://example/p> <http://example/o> .`, quad.Quad{Subject: quad.IRI("http://example/S"), Predicate: p, Object: o}},
		{"iri uchar non-ascii", `<http://example/caf\u00E9> <http://example/p> <http://example/\U0001F600> .`, quad.Quad{Subject: quad.IRI("http://example/café"), Predicate: p, Object: quad.IRI("http://example/😀")}},
		{"iri utf8", `<http://example/café> <http://example/p> <http://example/o> .`, quad.Quad{Subject: quad.IRI("http://example/café"), Predicate: p, Object: o}},
		{"iri escaped scheme", `<\u0068ttp://example/s> <http://example/p> <http://example/o> .`, quad.Quad{Subject: s, Predicate: p, Object: o}},
		{"iri urn", `<urn:x-a:b> <http://example/p> <http://example/o> .`, quad.Quad{Subject: quad.IRI("urn:x-a:b"), Predicate: p, Object: o}},
		{"plain literal", `<http://example/s> <http://example/p> "abc" .`, quad.Quad{Subject: s, Predicate: p, Object: quad.String("abc")}},
		{"empty literal", `<http://example/s> <http://example/p> "" .`, quad.Quad{Subject: s, Predicate: p, Object: quad.String("")}},
		{"echar", `<http://example/s> <http://example/p> "\t\b\n\r\f\"\'\\" .`, quad.Quad{Subject: s, Predicate: p, Object: quad.String("\t\b\n\r\f\"'\\")}},
		{"uchar in literal", `<http://example/s> <http://example/p> "\u0053\U0001F600\u00e9" .`, quad.Quad{Subject: s, Predicate: p, Object: quad.String("S😀é")}},
		{"escaped NUL", `<http://example/s> <http://example/p> "a\u0000b" .`, quad.Quad{Subject: s, Predicate: p, Object: quad.String("a\x00b")}},
		{"raw controls and quote chars", "<http://example/s> <http://example/p> \"a\x01\x7f'<>#b\" .", quad.Quad{Subject: s, Predicate: p, Object: quad.String("a\x01\x7f'<>#b")}},
		{"utf8 literal", `<http://example/s> <http://example/p> "Алматы 中文" .`, quad.Quad{Subject: s, Predicate: p, Object: quad.String("Алматы 中文")}},
		{"langtag", `<http://example/s> <http://example/p> "chat"@fr .`, quad.Quad{Subject: s, Predicate: p, Object: quad.LangString{Value: "chat", Lang: "fr"}}},
		{"langtag subtags kept as written", `<http://example/s> <http://example/p> "x"@en-UK-1994 .`, quad.Quad{Subject: s, Predicate: p, Object: quad.LangString{Value: "x", Lang: "en-UK-1994"}}},
		{"langtag then graph", `<http://example/s> <http://example/p> "x"@en<http://example/g>.`, quad.Quad{Subject: s, Predicate: p, Object: quad.LangString{Value: "x", Lang: "en"}, Label: g}},
		{"datatype", `<http://example/s> <http://example/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .`, quad.Quad{Subject: s, Predicate: p, Object: quad.TypedString{Value: "1", Type: "http://www.w3.org/2001/XMLSchema#integer"}}},
		{"datatype not converted", `<http://example/s> <http://example/p> "2020-01-02T03:04:05Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .`, quad.Quad{Subject: s, Predicate: p, Object: quad.TypedString{Value: "2020-01-02T03:04:05Z", Type: "http://www.w3.org/2001/XMLSchema#dateTime"}}},
		{"datatype escaped", `<http://example/s> <http://example/p> "a\"b"^^<http://example/\u0064t> .`, quad.Quad{Subject: s, Predicate: p, Object: quad.TypedString{Value: `a"b`, Type: "http://example/dt"}}},
		// RDF 1.1: a simple literal is an xsd:string literal, one term.
		{"xsd:string is plain", `<http://example/s> <http://example/p> "a"^^<http://www.w3.org/2001/XMLSchema#string> .`, quad.Quad{Subject: s, Predicate: p, Object: quad.String("a")}},
		{"bnodes", `_:a <http://example/p> _:b _:c .`, quad.Quad{Subject: quad.BNode("a"), Predicate: p, Object: quad.BNode("b"), Label: quad.BNode("c")}},
		{"bnode digits dots dashes", `_:1a.b-c_d <http://example/p> _:x.y .`, quad.Quad{Subject: quad.BNode("1a.b-c_d"), Predicate: p, Object: quad.BNode("x.y")}},
		{"bnode trailing dot is the terminator", `_:s <http://example/p> _:o.`, quad.Quad{Subject: quad.BNode("s"), Predicate: p, Object: quad.BNode("o")}},
		{"bnode non-ascii", "_:\u00e9t\u00e9\u00b7\u203f <http://example/p> <http://example/o> .", quad.Quad{Subject: quad.BNode("été·‿"), Predicate: p, Object: o}},
		{"minimal whitespace", `<http://example/s><http://example/p>"a"<http://example/g>.`, quad.Quad{Subject: s, Predicate: p, Object: quad.String("a"), Label: g}},
		{"tabs and spaces", "\t <http://example/s>\t<http://example/p>  <http://example/o> \t.\t ", quad.Quad{Subject: s, Predicate: p, Object: o}},
		// White space may separate any two terminals, '^^' and LANGTAG included.
		{"spaced datatype", `<http://example/s> <http://example/p> "1" ^^ <http://example/dt> .`, quad.Quad{Subject: s, Predicate: p, Object: quad.TypedString{Value: "1", Type: "http://example/dt"}}},
		{"spaced langtag", `<http://example/s> <http://example/p> "1" @en .`, quad.Quad{Subject: s, Predicate: p, Object: quad.LangString{Value: "1", Lang: "en"}}},
		{"comment after statement", `<http://example/s> <http://example/p> <http://example/o> . # c "x" <y>`, quad.Quad{Subject: s, Predicate: p, Object: o}},
		{"comment right after dot", `<http://example/s> <http://example/p> <http://example/o>.#c`, quad.Quad{Subject: s, Predicate: p, Object: o}},
		{"hash inside IRI and literal", `<http://example/s#x> <http://example/p> "#no comment" .`, quad.Quad{Subject: quad.IRI("http://example/s#x"), Predicate: p, Object: quad.String("#no comment")}},
		{"trailing CRLF tolerated", "<http://example/s> <http://example/p> <http://example/o> .\r\n", quad.Quad{Subject: s, Predicate: p, Object: o}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, ok, err := ParseLine(tc.line)
			if err != nil || !ok {
				t.Fatalf("ParseLine(%q) = ok %v, err %v", tc.line, ok, err)
			}
			if q != tc.want {
				t.Errorf("ParseLine(%q)\n got %#v\nwant %#v", tc.line, q, tc.want)
			}
		})
	}
}

func TestParseLineSkips(t *testing.T) {
	for _, line := range []string{"", " ", "\t \t", "#", "# comment", "  # <a> <b> <c> .", "\r\n", "# caf\u00e9"} {
		q, ok, err := ParseLine(line)
		if ok || err != nil || q != (quad.Quad{}) {
			t.Errorf("ParseLine(%q) = %v, %v, %v; want nothing", line, q, ok, err)
		}
	}
}

func TestParseLineErrors(t *testing.T) {
	tests := []struct {
		line string
		col  int
		msg  string
	}{
		{`<http://example/s> <http://example/p> <http://example/o>`, 57, "expected '.'"},
		{`<http://example/s> <http://example/p> <http://example/o> . <x>`, 60, "after the end of the statement"},
		{`<http://example/s> <http://example/p> <http://example/o> <http://example/g> <http://example/n> .`, 77, "fifth term"},
		{`<http://example/s> _:p <http://example/o> .`, 20, "predicate"},
		{`"s" <http://example/p> <http://example/o> .`, 1, "subject must be an IRI or a blank node"},
		{`<http://example/s> <http://example/p> <http://example/o> "g" .`, 58, "graph label must be"},
		{`<s> <http://example/p> <http://example/o> .`, 1, "relative IRI"},
		{`<http://example/s> <http://example/p> <#frag> .`, 39, "relative IRI"},
		{`<http://example/s> <http://example/p> <> .`, 39, "relative IRI"},
		{`<1http:x> <http://example/p> <http://example/o> .`, 1, "relative IRI"},
		{`<http://example/a b> <http://example/p> <http://example/o> .`, 18, "space in IRI"},
		{`<http://example/a{b> <http://example/p> <http://example/o> .`, 18, "not allowed in an IRI"},
		{`<http://example/\u0020> <http://example/p> <http://example/o> .`, 17, "not allowed in an IRI"},
		{`<http://example/\u003E> <http://example/p> <http://example/o> .`, 17, "not allowed in an IRI"},
		{`<http://example/\n> <http://example/p> <http://example/o> .`, 17, "invalid escape in IRI"},
		{`<http://example/\u12> <http://example/p> <http://example/o> .`, 21, "hex digits"},
		{`<http://example/s <http://example/p> <http://example/o> .`, 18, "space in IRI"},
		{`<http://example/s`, 1, "unterminated IRI"},
		{`<http://example/s> <http://example/p> "\uD800" .`, 40, "surrogate"},
		{`<http://example/s> <http://example/p> "\U00110000" .`, 40, "beyond U+10FFFF"},
		{`<http://example/\U80000000> <http://example/p> <http://example/o> .`, 17, "beyond U+10FFFF"},
		{`<http://example/s> <http://example/p> "\x" .`, 40, `invalid escape \x`},
		{`<http://example/s> <http://example/p> "abc\`, 43, "unterminated escape"},
		{`<http://example/s> <http://example/p> "abc .`, 39, "unterminated string"},
		{"<http://example/s> <http://example/p> \"a\nb\" .", 41, "line break"},
		{`<http://example/s> <http://example/p> 'abc' .`, 39, "double quotes"},
		{`<http://example/s> <http://example/p> """abc""" .`, 39, "triple-quoted"},
		{`<http://example/s> <http://example/p> 12 .`, 39, "numbers must be typed literals"},
		{`<http://example/s> <http://example/p> true .`, 39, "expected object"},
		{`<http://example/s> <http://example/p> "a"@ .`, 43, "language tag"},
		{`<http://example/s> <http://example/p> "a"@en- .`, 46, "language tag"},
		{`<http://example/s> <http://example/p> "a"@en_US .`, 45, "language tag"},
		{`<http://example/s> <http://example/p> "a"@1 .`, 43, "language tag"},
		{`<http://example/s> <http://example/p> "a"^<http://example/dt> .`, 42, "'^^'"},
		{`<http://example/s> <http://example/p> "a"^^"b" .`, 44, "datatype IRI"},
		{`<http://example/s> <http://example/p> "a"^^<dt> .`, 44, "relative IRI"},
		{`<http://example/s> <http://example/p> "a"@en^^<http://example/dt> .`, 45, "language tag"},
		{`_::a <http://example/p> <http://example/o> .`, 3, "blank node label"},
		{`_:a:b <http://example/p> <http://example/o> .`, 4, "not allowed in a blank node label"},
		{`_: <http://example/p> <http://example/o> .`, 3, "blank node label"},
		{`_:.a <http://example/p> <http://example/o> .`, 3, "blank node label"},
		{`_:-a <http://example/p> <http://example/o> .`, 3, "blank node label"},
		{`_a <http://example/p> <http://example/o> .`, 2, "expected blank node"},
		{`@prefix ex: <http://example/> .`, 1, "no @prefix"},
		{`<http://example/s> <http://example/p> <http://example/o>, <http://example/o2> .`, 57, "abbreviations"},
		{"<http://example/s> <http://example/p> \"a\xffb\" .", 41, "invalid UTF-8"},
		{"<http://example/\xff> <http://example/p> <http://example/o> .", 17, "invalid UTF-8"},
		{"_:a\xff <http://example/p> <http://example/o> .", 4, "invalid UTF-8"},
		{"<http://example/s> <http://example/p> <http://example/o> . # \xff", 62, "invalid UTF-8"},
		{"<http://example/s>\v<http://example/p> <http://example/o> .", 19, "expected predicate"},
		{"\uFEFF<http://example/s> <http://example/p> <http://example/o> .", 1, "byte-order mark"},
		// Columns count characters, not bytes.
		{`<http://example/é> <http://example/p> "ü" <g> .`, 43, "relative IRI"},
		// RDF 1.2 is not supported: no triple terms, no base direction.
		{`<http://example/s> <http://example/p> <<( <http://example/a> <http://example/b> <http://example/c> )>> .`, 40, "not allowed in an IRI"},
		{`<http://example/s> <http://example/p> "a"@en--ltr .`, 46, "language tag"},
	}
	for _, tc := range tests {
		q, ok, err := ParseLine(tc.line)
		var le *LineError
		if !errors.As(err, &le) {
			t.Errorf("ParseLine(%q) = %v, %v, %v; want a *LineError", tc.line, q, ok, err)
			continue
		}
		if ok || le.Col != tc.col || !strings.Contains(err.Error(), tc.msg) || le.Line != 0 {
			t.Errorf("ParseLine(%q):\n got ok=%v err %q (col %d)\nwant column %d, containing %q", tc.line, ok, err, le.Col, tc.col, tc.msg)
		}
	}
}

func readAll(t *testing.T, r *Reader) (qs []quad.Quad, errs []error) {
	t.Helper()
	for i := 0; i < 1000; i++ {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return qs, errs
		}
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("non-syntax error: %v", err)
			}
			errs = append(errs, err)
			continue
		}
		qs = append(qs, q)
	}
	t.Fatal("reader does not stop")
	return nil, nil
}

func TestReaderLineEnds(t *testing.T) {
	// LF, CRLF, a CR directly followed by LF (one line end), a comment, a
	// blank line ended by CR alone, a bad line, and a final line without a
	// line end.
	in := "<http://example/s> <http://example/p> \"1\" .\n" +
		"<http://example/s> <http://example/p> \"2\" .\r\n" +
		"<http://example/s> <http://example/p> \"3\" .\r" +
		"\n" +
		"# comment\r\n" +
		"\r" +
		"<http://example/s> <http://example/p> bad .\n" +
		"<http://example/s> <http://example/p> \"4\" ."
	for name, mk := range map[string]func() io.Reader{
		"whole":    func() io.Reader { return strings.NewReader(in) },
		"one byte": func() io.Reader { return iotest.OneByteReader(strings.NewReader(in)) },
		"half":     func() io.Reader { return iotest.HalfReader(strings.NewReader(in)) },
	} {
		t.Run(name, func(t *testing.T) {
			r := NewReader(mk())
			qs, errs := readAll(t, r)
			var got []string
			for _, q := range qs {
				got = append(got, string(q.Object.(quad.String)))
			}
			if strings.Join(got, ",") != "1,2,3,4" {
				t.Errorf("quads %v, want 1,2,3,4", got)
			}
			// "\r\n" after line 3's "\r" is one line end, so the bad
			// statement is on line 6: 1 LF, 2 CRLF, 3 CR+LF, 4 comment
			// CRLF, 5 CR, 6 bad, 7 last.
			if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "line 6, column 39: ") {
				t.Errorf("errors %v, want one on line 6, column 39", errs)
			}
			if r.Line() != 7 {
				t.Errorf("Line() = %d at EOF, want 7", r.Line())
			}
		})
	}
}

func TestReaderLongLines(t *testing.T) {
	big := strings.Repeat("x", 3<<20) // over 1 MiB, and over the 64 KiB buffer
	in := "<http://example/s> <http://example/p> \"" + big + "\" .\n" +
		"<http://example/s> <http://example/p> \"short\" .\n" +
		"<http://example/s> <http://example/p> \"" + big + "\" ."
	r := NewReader(strings.NewReader(in))
	qs, errs := readAll(t, r)
	if len(errs) != 0 || len(qs) != 3 || qs[0].Object != quad.String(big) || qs[1].Object != quad.String("short") || qs[2].Object != quad.String(big) {
		t.Fatalf("got %d quads, errors %v", len(qs), errs)
	}

	r = NewReader(strings.NewReader(in))
	r.MaxLineBytes = 1 << 20
	qs, errs = readAll(t, r)
	if len(qs) != 1 || qs[0].Object != quad.String("short") {
		t.Errorf("with a 1 MiB limit got %d quads, want only the short one", len(qs))
	}
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "line 1: line too long") || !strings.Contains(errs[1].Error(), "line 3: line too long") {
		t.Errorf("errors %v, want lines 1 and 3 too long", errs)
	}
}

func TestReaderIOError(t *testing.T) {
	boom := errors.New("boom")
	r := NewReader(io.MultiReader(strings.NewReader("<http://example/s> <http://example/p> <http://example/o> .\n<http://ex"), iotest.ErrReader(boom)))
	if _, err := r.ReadQuad(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if _, err := r.ReadQuad(); err != boom {
			t.Fatalf("got %v, want the I/O error, sticky", err)
		}
	}
}

var _ quad.ReadCloser = (*Reader)(nil)

func TestReaderBadComment(t *testing.T) {
	r := NewReader(strings.NewReader("# ok\n# bad \xff\n<http://example/s> <http://example/p> <http://example/o> ."))
	_, errs := readAll(t, r)
	if len(errs) != 1 || errs[0].Error() != "line 2, column 7: invalid UTF-8 byte 0xff in comment" {
		t.Errorf("errors %v", errs)
	}
}
