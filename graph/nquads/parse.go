// Package nquads is a strict parser for RDF 1.1 N-Quads
// (W3C Recommendation, https://www.w3.org/TR/n-quads/, whose terminals come
// from RDF 1.1 N-Triples, https://www.w3.org/TR/n-triples/).
//
// Cayley's own reader (github.com/cayleygraph/quad/nquads) accepts many
// malformed documents and stores escaped IRIs verbatim, so kg imports with
// this package instead. It accepts every positive and rejects every negative
// syntax test of the W3C RDF 1.1 N-Quads test suite, and each rejection names
// the column (and, through Reader, the line) and what is wrong.
//
// Values are returned as github.com/cayleygraph/quad values:
//
//   - IRIREF           -> quad.IRI, with UCHAR escapes decoded (RDF stores
//     the IRI, not its spelling);
//   - BLANK_NODE_LABEL -> quad.BNode (the label without "_:");
//   - "lex"            -> quad.String;
//   - "lex"@tag        -> quad.LangString (tag kept as written);
//   - "lex"^^<dt>      -> quad.TypedString with the full datatype IRI, except
//     that xsd:string becomes quad.String: in RDF 1.1 a simple literal *is*
//     an xsd:string literal, so both spellings must map to one node.
//
// Typed literals are never converted to quad.Int, quad.Time and so on, unlike
// Cayley's parser with its default AutoConvertTypedString: the conversion
// re-formats the lexical form (and so changes the stored term).
//
// Decisions where the grammar leaves room:
//
//   - Where the RDF 1.1 N-Triples text and its test suite disagree, the test
//     suite (and the published erratum, followed by RDF 1.2) wins: ':' is not
//     a PN_CHARS_U character, so "_::a" and "_:abc:def" are rejected.
//   - White space may separate any two terminals and is required between
//     none, so `<s><p>"o".` and `"o" ^^ <dt>` and `"o" @en` are accepted.
//   - A UCHAR in an IRI may not encode a character that IRIREF forbids
//     (controls, space, <>"{}|^`\): the decoded IRI would not be an IRI, and
//     quad.IRI.String() could not write it back.
//   - Input must be UTF-8, comments included; UCHARs must be Unicode scalar
//     values (no surrogates). A byte-order mark is rejected.
//   - Relative IRIs are rejected: N-Quads has no base IRI to resolve them.
//   - RDF 1.2 additions (triple terms, base direction "@en--ltr") are
//     rejected, as quad values cannot represent them.
package nquads

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// xsdString is the datatype RDF 1.1 gives to simple literals.
const xsdString = "http://www.w3.org/2001/XMLSchema#string"

// LineError is a syntax error at a position in N-Quads input. ParseLine
// leaves Line at 0; Reader fills it in.
type LineError struct {
	Line int   // 1-based line number; 0 if unknown
	Col  int   // 1-based column, counted in Unicode characters; 0 if none
	Err  error // what is wrong
}

// Error formats the error as "line N, column C: what is wrong", leaving out
// the parts that are unknown.
func (e *LineError) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("line %d, column %d: %v", e.Line, e.Col, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	case e.Col > 0:
		return fmt.Sprintf("column %d: %v", e.Col, e.Err)
	}
	return e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *LineError) Unwrap() error { return e.Err }

// parser holds the line being parsed and the read position. It is a value
// type on the stack of ParseLine, so parsing allocates nothing but the
// values it returns (and an unescaped copy when a term contains escapes).
type parser struct {
	s   string
	pos int
}

// errf builds a *LineError for byte offset pos. Columns are computed only on
// error, so the fast path never counts runes.
func (p *parser) errf(pos int, format string, args ...any) error {
	if pos > len(p.s) {
		pos = len(p.s)
	}
	return &LineError{Col: utf8.RuneCountInString(p.s[:pos]) + 1, Err: fmt.Errorf(format, args...)}
}

// found describes the input at pos for error messages.
func (p *parser) found(pos int) string {
	if pos >= len(p.s) {
		return "end of line"
	}
	r, n := utf8.DecodeRuneInString(p.s[pos:])
	if r == utf8.RuneError && n <= 1 {
		return fmt.Sprintf("invalid UTF-8 byte 0x%02x", p.s[pos])
	}
	return fmt.Sprintf("%q", r)
}

// skipWS skips WS ([#x20#x9]). The N-Triples grammar allows white space
// between any two terminals and requires none, so callers skip it wherever
// a new terminal may start.
func (p *parser) skipWS() {
	for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t') {
		p.pos++
	}
}

// ParseLine parses one N-Quads line (statement? comment?, without the EOL;
// a trailing "\n", "\r\n" or "\r" is tolerated). It returns ok=false and no
// error for a line that is empty, white space or a comment. On a syntax error
// err is a *LineError with Col set and Line 0.
//
// The returned values share memory with line when they contain no escapes.
func ParseLine(line string) (q quad.Quad, ok bool, err error) {
	// Tolerate the caller leaving the EOL ([#xD#xA]+, production [8]) on.
	for n := len(line); n > 0 && (line[n-1] == '\n' || line[n-1] == '\r'); n-- {
		line = line[:n-1]
	}
	p := parser{s: line}
	p.skipWS()
	if p.pos == len(p.s) || p.s[p.pos] == '#' {
		return quad.Quad{}, false, p.comment()
	}
	// [2] statement ::= subject predicate object graphLabel? '.'
	// [3] subject ::= IRIREF | BLANK_NODE_LABEL
	if q.Subject, err = p.subjectOrLabel("subject"); err != nil {
		return quad.Quad{}, false, err
	}
	p.skipWS()
	// [4] predicate ::= IRIREF
	if p.pos >= len(p.s) || p.s[p.pos] != '<' {
		what := p.found(p.pos)
		if p.pos < len(p.s) && p.s[p.pos] == '_' {
			what = "a blank node"
		}
		return quad.Quad{}, false, p.errf(p.pos, "expected predicate IRI (<...>), found %s", what)
	}
	iri, err := p.iriRef()
	if err != nil {
		return quad.Quad{}, false, err
	}
	q.Predicate = iri
	p.skipWS()
	// [5] object ::= IRIREF | BLANK_NODE_LABEL | literal
	if q.Object, err = p.object(); err != nil {
		return quad.Quad{}, false, err
	}
	p.skipWS()
	// [6] graphLabel ::= IRIREF | BLANK_NODE_LABEL
	if p.pos < len(p.s) && p.s[p.pos] != '.' {
		if q.Label, err = p.subjectOrLabel("graph label"); err != nil {
			return quad.Quad{}, false, err
		}
		p.skipWS()
	}
	if p.pos >= len(p.s) || p.s[p.pos] != '.' {
		if q.Label != nil && p.pos < len(p.s) && (p.s[p.pos] == '<' || p.s[p.pos] == '_' || p.s[p.pos] == '"') {
			return quad.Quad{}, false, p.errf(p.pos, "expected '.' after the graph label, found a fifth term")
		}
		return quad.Quad{}, false, p.errf(p.pos, "expected '.' to end the statement, found %s", p.found(p.pos))
	}
	p.pos++
	p.skipWS()
	if p.pos < len(p.s) && p.s[p.pos] != '#' {
		return quad.Quad{}, false, p.errf(p.pos, "unexpected %s after the end of the statement (one statement per line)", p.found(p.pos))
	}
	if err := p.comment(); err != nil {
		return quad.Quad{}, false, err
	}
	return q, true, nil
}

// comment checks the rest of the line, which is empty or a comment: a
// comment may hold any character but a line break, and must be UTF-8 like
// the rest of the document.
func (p *parser) comment() error {
	rest := p.s[p.pos:]
	for i := 0; i < len(rest); i++ {
		if c := rest[i]; c == '\n' || c == '\r' {
			return p.errf(p.pos+i, "line break inside a line (pass one line at a time)")
		}
	}
	if !utf8.ValidString(rest) {
		for i := 0; i < len(rest); {
			r, n := utf8.DecodeRuneInString(rest[i:])
			if r == utf8.RuneError && n == 1 {
				return p.errf(p.pos+i, "invalid UTF-8 byte 0x%02x in comment", rest[i])
			}
			i += n
		}
	}
	return nil
}

// subjectOrLabel parses a subject or graph label: IRIREF | BLANK_NODE_LABEL.
func (p *parser) subjectOrLabel(what string) (quad.Value, error) {
	if p.pos < len(p.s) {
		switch p.s[p.pos] {
		case '<':
			v, err := p.iriRef()
			if err != nil {
				return nil, err
			}
			return v, nil
		case '_':
			v, err := p.blankNode()
			if err != nil {
				return nil, err
			}
			return v, nil
		case '"':
			return nil, p.errf(p.pos, "%s must be an IRI or a blank node, found a literal", what)
		}
	}
	return nil, p.errf(p.pos, "expected %s (<IRI> or _:blank), found %s%s", what, p.found(p.pos), p.hint())
}

// hint explains common non-N-Quads input (Turtle syntax, bare numbers).
func (p *parser) hint() string {
	if p.pos >= len(p.s) {
		return ""
	}
	switch c := p.s[p.pos]; {
	case c == '@':
		return " (N-Quads has no @prefix or @base directives)"
	case c == ',' || c == ';':
		return " (N-Quads has no ',' or ';' abbreviations: write one statement per line)"
	case strings.HasPrefix(p.s[p.pos:], "\uFEFF"):
		return " (a byte-order mark: N-Quads files must not start with one)"
	case '0' <= c && c <= '9' || c == '-' || c == '+':
		return " (numbers must be typed literals, such as \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>)"
	}
	return ""
}

// object parses [5] object ::= IRIREF | BLANK_NODE_LABEL | literal.
func (p *parser) object() (quad.Value, error) {
	if p.pos < len(p.s) {
		switch p.s[p.pos] {
		case '<':
			v, err := p.iriRef()
			if err != nil {
				return nil, err
			}
			return v, nil
		case '_':
			v, err := p.blankNode()
			if err != nil {
				return nil, err
			}
			return v, nil
		case '"':
			return p.literal()
		case '\'':
			return nil, p.errf(p.pos, "literals must use double quotes (STRING_LITERAL_QUOTE), found '")
		}
	}
	return nil, p.errf(p.pos, "expected object (<IRI>, _:blank or \"literal\"), found %s%s", p.found(p.pos), p.hint())
}

// iriForbidden marks the ASCII characters production [10] IRIREF excludes:
// [^#x00-#x20<>"{}|^`\]. '\' is excluded as a character but starts UCHAR.
var iriForbidden = func() (t [128]bool) {
	for c := 0; c <= 0x20; c++ {
		t[c] = true
	}
	for _, c := range "<>\"{}|^`\\" {
		t[c] = true
	}
	return t
}()

// iriRef parses [10] IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>'
// at p.pos (which holds '<'), decodes UCHAR escapes and requires the result
// to be an absolute IRI, as N-Quads does (section 2.1 "IRIs ... MUST be
// absolute"; the test suite's nt-syntax-bad-uri-06..09 and nq-syntax-bad-uri-01).
func (p *parser) iriRef() (quad.IRI, error) {
	start := p.pos
	i := p.pos + 1
	s := p.s
	var b *strings.Builder // non-nil once an escape has been seen
	seg := i               // start of the not yet copied run of characters
	for {
		if i >= len(s) {
			return "", p.errf(start, "unterminated IRI: missing '>'")
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '>' {
				break
			}
			if c == '\\' {
				if i+1 < len(s) && (s[i+1] == 'u' || s[i+1] == 'U') {
					r, n, err := p.uchar(i)
					if err != nil {
						return "", err
					}
					// A UCHAR stands for a character of the IRI, so it may
					// not smuggle in one that IRIREF (and RFC 3987) forbid:
					// the stored IRI would be invalid and could not be
					// written back as N-Quads.
					if r < utf8.RuneSelf && iriForbidden[r] {
						return "", p.errf(i, "escape %s encodes %q, which is not allowed in an IRI", s[i:i+n], r)
					}
					if b == nil {
						b = new(strings.Builder)
						b.Grow(i - start + 8)
					}
					b.WriteString(s[seg:i])
					b.WriteRune(r)
					i += n
					seg = i
					continue
				}
				return "", p.errf(i, "invalid escape in IRI: only \\uXXXX and \\UXXXXXXXX are allowed, found %s", p.found(i+1))
			}
			if iriForbidden[c] {
				if c == ' ' {
					return "", p.errf(i, "space in IRI (encode it as %%20)")
				}
				return "", p.errf(i, "character %q is not allowed in an IRI", c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return "", p.errf(i, "invalid UTF-8 byte 0x%02x in IRI", c)
		}
		i += n
	}
	var iri string
	if b == nil {
		iri = s[start+1 : i]
	} else {
		b.WriteString(s[seg:i])
		iri = b.String()
	}
	p.pos = i + 1
	if !hasScheme(iri) {
		return "", p.errf(start, "relative IRI <%s>: N-Quads requires absolute IRIs (with a scheme, such as http:)", iri)
	}
	return quad.IRI(iri), nil
}

// hasScheme reports whether iri begins with an RFC 3987 scheme
// (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"), which is what makes an
// IRI absolute.
func hasScheme(iri string) bool {
	for i := 0; i < len(iri); i++ {
		c := iri[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// uchar decodes UCHAR ::= '\u' HEX{4} | '\U' HEX{8} at i (which holds '\')
// and returns the character and the escape's length in bytes. Code points
// that are not Unicode scalar values (surrogates, > U+10FFFF) are rejected:
// they cannot be represented in UTF-8.
func (p *parser) uchar(i int) (rune, int, error) {
	n := 4
	if p.s[i+1] == 'U' {
		n = 8
	}
	// Accumulate in uint32: eight hex digits overflow a rune (int32), and
	// \U80000000 must not turn into a negative rune.
	var u uint32
	for k := 0; k < n; k++ {
		j := i + 2 + k
		if j >= len(p.s) {
			return 0, 0, p.errf(i, "truncated escape %s: \\%c needs %d hex digits", p.s[i:], p.s[i+1], n)
		}
		c := p.s[j]
		var d byte
		switch {
		case '0' <= c && c <= '9':
			d = c - '0'
		case 'a' <= c && c <= 'f':
			d = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, 0, p.errf(j, "invalid escape: \\%c needs %d hex digits, found %s", p.s[i+1], n, p.found(j))
		}
		u = u<<4 | uint32(d)
	}
	if u > utf8.MaxRune || (0xD800 <= u && u <= 0xDFFF) {
		return 0, 0, p.errf(i, "escape %s is not a Unicode character (surrogate or beyond U+10FFFF)", p.s[i:i+2+n])
	}
	return rune(u), 2 + n, nil
}

// blankNode parses BLANK_NODE_LABEL ::= '_:' (PN_CHARS_U | [0-9])
// ((PN_CHARS | '.')* PN_CHARS)? at p.pos (which holds '_'). The label may
// not end with '.', so trailing dots are left for the statement's '.'
// ("_:o." in minimal_whitespace.nq).
func (p *parser) blankNode() (quad.BNode, error) {
	start := p.pos
	s := p.s
	if start+1 >= len(s) || s[start+1] != ':' {
		return "", p.errf(start+1, "expected blank node \"_:label\", found %s", p.found(start+1))
	}
	i := start + 2
	r, n := decodeRune(s, i)
	if n == 0 || !(isPNCharsU(r) || '0' <= r && r <= '9') {
		if n > 0 && r == utf8.RuneError && n == 1 {
			return "", p.errf(i, "invalid UTF-8 byte 0x%02x in blank node label", s[i])
		}
		return "", p.errf(i, "invalid blank node label: must start with a letter, digit or '_', found %s", p.found(i))
	}
	i += n
	end := i // end of the label so far (after its last PN_CHARS)
	for i < len(s) {
		r, n = decodeRune(s, i)
		if r == '.' {
			i += n
			continue
		}
		if r == utf8.RuneError && n == 1 {
			return "", p.errf(i, "invalid UTF-8 byte 0x%02x in blank node label", s[i])
		}
		if !isPNChars(r) {
			break
		}
		i += n
		end = i
	}
	// A character that cannot follow a term (such as ':' in "_:abc:def")
	// would otherwise surface later as a confusing "expected predicate".
	if end < len(s) {
		if c := s[end]; c != ' ' && c != '\t' && c != '<' && c != '"' && c != '.' && c != '#' && c != '_' {
			return "", p.errf(end, "character %s is not allowed in a blank node label", p.found(end))
		}
	}
	p.pos = end
	return quad.BNode(s[start+2 : end]), nil
}

func decodeRune(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// isPNCharsBase implements PN_CHARS_BASE ([157s]).
func isPNCharsBase(r rune) bool {
	switch {
	case 'A' <= r && r <= 'Z', 'a' <= r && r <= 'z':
		return true
	case r < 0xC0:
		return false
	case r <= 0xD6, 0xD8 <= r && r <= 0xF6, 0xF8 <= r && r <= 0x2FF,
		0x370 <= r && r <= 0x37D, 0x37F <= r && r <= 0x1FFF,
		0x200C <= r && r <= 0x200D, 0x2070 <= r && r <= 0x218F,
		0x2C00 <= r && r <= 0x2FEF, 0x3001 <= r && r <= 0xD7FF,
		0xF900 <= r && r <= 0xFDCF, 0xFDF0 <= r && r <= 0xFFFD,
		0x10000 <= r && r <= 0xEFFFF:
		return true
	}
	return false
}

// isPNCharsU implements PN_CHARS_U ([158s]) as corrected by the RDF 1.1
// erratum and RDF 1.2: PN_CHARS_BASE | '_' (no ':').
func isPNCharsU(r rune) bool { return r == '_' || isPNCharsBase(r) }

// isPNChars implements PN_CHARS ([160s]): PN_CHARS_U | '-' | [0-9] | #x00B7
// | [#x0300-#x036F] | [#x203F-#x2040].
func isPNChars(r rune) bool {
	return isPNCharsU(r) || r == '-' || '0' <= r && r <= '9' || r == 0xB7 ||
		0x300 <= r && r <= 0x36F || 0x203F <= r && r <= 0x2040
}

// literal parses [7] literal ::= STRING_LITERAL_QUOTE ('^^' IRIREF | LANGTAG)?
// at p.pos (which holds '"').
func (p *parser) literal() (quad.Value, error) {
	start := p.pos
	val, err := p.stringLiteral()
	if err != nil {
		return nil, err
	}
	if val == "" && p.pos < len(p.s) && p.s[p.pos] == '"' {
		return nil, p.errf(start, "triple-quoted (long) strings are not allowed in N-Quads")
	}
	// White space may separate terminals, so '^^' and LANGTAG may follow
	// after spaces; the caller skips white space after us either way.
	save := p.pos
	p.skipWS()
	if p.pos < len(p.s) {
		switch p.s[p.pos] {
		case '@':
			tag, err := p.langTag()
			if err != nil {
				return nil, err
			}
			return quad.LangString{Value: quad.String(val), Lang: tag}, nil
		case '^':
			if p.pos+1 >= len(p.s) || p.s[p.pos+1] != '^' {
				return nil, p.errf(p.pos, "expected '^^' before the datatype IRI, found a single '^'")
			}
			p.pos += 2
			p.skipWS()
			if p.pos >= len(p.s) || p.s[p.pos] != '<' {
				return nil, p.errf(p.pos, "expected datatype IRI (<...>) after '^^', found %s", p.found(p.pos))
			}
			dt, err := p.iriRef()
			if err != nil {
				return nil, err
			}
			if dt == xsdString {
				return quad.String(val), nil
			}
			return quad.TypedString{Value: quad.String(val), Type: dt}, nil
		}
	}
	p.pos = save
	return quad.String(val), nil
}

// langTag parses [144s] LANGTAG ::= '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)* at
// p.pos (which holds '@'). The tag is returned as written, without '@'.
func (p *parser) langTag() (string, error) {
	start := p.pos + 1
	s := p.s
	i := start
	for i < len(s) && isAlpha(s[i]) {
		i++
	}
	if i == start {
		return "", p.errf(i, "invalid language tag: must start with a letter, found %s", p.found(i))
	}
	for i < len(s) && s[i] == '-' {
		j := i + 1
		for j < len(s) && (isAlpha(s[j]) || '0' <= s[j] && s[j] <= '9') {
			j++
		}
		if j == i+1 {
			return "", p.errf(j, "invalid language tag: '-' must be followed by letters or digits, found %s", p.found(j))
		}
		i = j
	}
	if i < len(s) {
		c := s[i]
		if c == '_' && (i+1 >= len(s) || s[i+1] != ':') {
			return "", p.errf(i, "invalid language tag: '_' is not allowed (subtags are separated by '-')")
		}
		if c != ' ' && c != '\t' && c != '<' && c != '_' && c != '.' && c != '#' {
			return "", p.errf(i, "invalid language tag: unexpected %s", p.found(i))
		}
	}
	p.pos = i
	return s[start:i], nil
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// stringLiteral parses [11] STRING_LITERAL_QUOTE ::= '"' ([^#x22#x5C#xA#xD]
// | ECHAR | UCHAR)* '"' at p.pos (which holds '"') and returns the decoded
// lexical form.
func (p *parser) stringLiteral() (string, error) {
	start := p.pos
	s := p.s
	i := start + 1
	var b *strings.Builder
	seg := i
	for {
		if i >= len(s) {
			return "", p.errf(start, "unterminated string literal: missing closing '\"'")
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				return "", p.errf(i, "invalid UTF-8 byte 0x%02x in string literal", c)
			}
			i += n
			continue
		}
		switch c {
		case '"':
			var v string
			if b == nil {
				v = s[seg:i]
			} else {
				b.WriteString(s[seg:i])
				v = b.String()
			}
			p.pos = i + 1
			return v, nil
		case '\n', '\r':
			return "", p.errf(i, "line break in string literal (write it as \\n or \\r)")
		case '\\':
			if b == nil {
				b = new(strings.Builder)
				b.Grow(len(s) - i)
			}
			b.WriteString(s[seg:i])
			if i+1 >= len(s) {
				return "", p.errf(i, "unterminated escape at end of line")
			}
			// [153s] ECHAR ::= '\' [tbnrf"'\]
			var e byte
			switch s[i+1] {
			case 't':
				e = '\t'
			case 'b':
				e = '\b'
			case 'n':
				e = '\n'
			case 'r':
				e = '\r'
			case 'f':
				e = '\f'
			case '"':
				e = '"'
			case '\'':
				e = '\''
			case '\\':
				e = '\\'
			case 'u', 'U':
				r, n, err := p.uchar(i)
				if err != nil {
					return "", err
				}
				b.WriteRune(r)
				i += n
				seg = i
				continue
			default:
				return "", p.errf(i, "invalid escape \\%s in string literal (allowed: \\t \\b \\n \\r \\f \\\" \\' \\\\ \\uXXXX \\UXXXXXXXX)", strings.Trim(p.found(i+1), "'"))
			}
			b.WriteByte(e)
			i += 2
			seg = i
		default:
			i++
		}
	}
}

// ErrLineTooLong is wrapped in the *LineError a Reader returns for a line
// over its MaxLineBytes.
var ErrLineTooLong = errors.New("line too long")
