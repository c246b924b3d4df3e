// Package curated reads the project's hand-curated triple files (.kg), the
// reviewed ground truth for a document.
//
// The format is line based, so that a review reads like a diff:
//
//	# a comment, on its own line or after a statement
//	@document sco-unodc-2019-07-10.txt
//	@evidence "hosted a meeting between"
//	[Shanghai Cooperation Organisation] a schema:Organization
//	[Shanghai Cooperation Organisation]
//	    schema:alternateName "SCO"
//	    schema:foundingDate 2001-06-15
//
// A statement is SUBJECT PREDICATE OBJECT. An indented statement leaves the
// subject out and takes the last one given. Terms are:
//
//	[Canonical Name]     an entity; its IRI is minted from the name
//	<http://...>         an IRI
//	schema:name          a prefixed name (rdf, rdfs, xsd, schema, kg)
//	a                    rdf:type, as a predicate
//	"text", "text"@en    a string (with \" \\ \n \t \uXXXX escapes)
//	"1"^^xsd:integer     a typed literal
//	2019, 2019-03, 2019-07-10
//	                     a date at that precision (xsd:gYear, xsd:gYearMonth,
//	                     xsd:date)
//
// A curator who corrects the extractor rather than curating a document
// in full prefixes a statement with "-" to reject an extracted fact, or
// with "+" to add one (a plain statement adds too):
//
//	@document vienna.txt
//	- [Vienna] a schema:Organization
//	+ [Vienna] a schema:City
//
// A file with such lines, or with an "@corrections" line, is a file of
// corrections: the extracted facts of its documents are kept, less the
// rejected ones, plus its statements. A file without them is a full
// curation: its statements replace the extracted facts of its documents.
//
// @document names the source the statements after it come from; every
// statement needs one. @evidence quotes words of one sentence of that
// document (white space may differ); the statements after it are labelled
// with that sentence, until the next @evidence, or "@evidence -", which
// labels them with the whole document.
package curated

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/source"
	"github.com/kgraph/kg/graph/vocab"
)

// Ext is the file extension of curated files.
const Ext = ".kg"

// Error is a bad line in a curated file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Options tell Parse how to mint IRIs and where to find documents.
type Options struct {
	Minter vocab.Minter
	// Document returns the source document a @document line names.
	Document func(name string) (*source.Document, error)
}

// File is a parsed curated file.
type File struct {
	Name string
	// Documents are the documents its statements come from, in order.
	Documents []string
	Quads     []quad.Quad
	// Rejects are the facts the curator rejects ("-" lines), with the
	// label of the @evidence they are under.
	Rejects []quad.Quad
	// Corrections is set for a file of corrections: the extracted facts
	// stay, less Rejects, plus Quads. Otherwise Quads replace them.
	Corrections bool
}

// Parse reads a curated file. It checks every line and returns the first
// bad one as an *Error.
func Parse(name string, r io.Reader, opt Options) (*File, error) {
	p := parser{file: &File{Name: name}, opt: opt}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		p.line++
		if err := p.parseLine(sc.Text()); err != nil {
			return nil, &Error{File: name, Line: p.line, Msg: err.Error()}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &Error{File: name, Line: p.line + 1, Msg: err.Error()}
	}
	return p.file, nil
}

type parser struct {
	file    *File
	opt     Options
	line    int
	doc     *source.Document
	label   quad.Value
	subject quad.Value
}

func (p *parser) parseLine(line string) error {
	if !utf8.ValidString(line) {
		return fmt.Errorf("not UTF-8 text")
	}
	indented := line != "" && (line[0] == ' ' || line[0] == '\t')
	toks, err := tokenize(line)
	if err != nil {
		return err
	}
	if len(toks) == 0 {
		return nil
	}
	if strings.HasPrefix(toks[0], "@") {
		return p.directive(toks)
	}
	reject := false
	if sign := toks[0]; sign == "-" || sign == "+" {
		reject = sign == "-"
		p.file.Corrections = true
		toks = toks[1:]
		if len(toks) == 0 {
			return fmt.Errorf("%s with no statement after it", sign)
		}
	}
	if p.doc == nil {
		return fmt.Errorf("statement before any @document line: say which document it comes from")
	}
	if !indented {
		s, err := p.term(toks[0], false)
		if err != nil {
			return fmt.Errorf("subject: %w", err)
		}
		if _, ok := s.(quad.IRI); !ok {
			return fmt.Errorf("subject %s: must be an [entity], <IRI> or prefixed name", toks[0])
		}
		p.subject = s
		toks = toks[1:]
		if len(toks) == 0 {
			return nil // a subject line; indented statements follow
		}
	} else if p.subject == nil {
		return fmt.Errorf("indented statement with no subject line before it")
	}
	if len(toks) != 2 {
		return fmt.Errorf("want SUBJECT PREDICATE OBJECT, got %d terms after the subject", len(toks))
	}
	pred, err := p.predicate(toks[0])
	if err != nil {
		return fmt.Errorf("predicate: %w", err)
	}
	obj, err := p.term(toks[1], true)
	if err != nil {
		return fmt.Errorf("object: %w", err)
	}
	q := quad.Quad{Subject: p.subject, Predicate: pred, Object: obj, Label: p.label}
	if reject {
		p.file.Rejects = append(p.file.Rejects, q)
		return nil
	}
	p.file.Quads = append(p.file.Quads, q)
	return nil
}

func (p *parser) directive(toks []string) error {
	switch toks[0] {
	case "@corrections":
		if len(toks) != 1 {
			return fmt.Errorf("@corrections takes nothing after it")
		}
		p.file.Corrections = true
	case "@document":
		if len(toks) != 2 {
			return fmt.Errorf("want @document FILE.txt")
		}
		if p.opt.Document == nil {
			return fmt.Errorf("@document %s: no documents to look it up in", toks[1])
		}
		d, err := p.opt.Document(toks[1])
		if err != nil {
			return fmt.Errorf("@document: %w", err)
		}
		p.doc = d
		p.label = p.opt.Minter.Source(d.Name)
		p.subject = nil
		p.file.Documents = append(p.file.Documents, d.Name)
	case "@evidence":
		if len(toks) != 2 {
			return fmt.Errorf(`want @evidence "words of one sentence" or @evidence -`)
		}
		if p.doc == nil {
			return fmt.Errorf("@evidence before any @document line")
		}
		if toks[1] == "-" {
			p.label = p.opt.Minter.Source(p.doc.Name)
			return nil
		}
		quote, err := unquote(toks[1])
		if err != nil {
			return fmt.Errorf("@evidence: %w", err)
		}
		n, err := findSentence(p.doc, quote)
		if err != nil {
			return fmt.Errorf("@evidence: %w", err)
		}
		p.label = p.opt.Minter.Sentence(p.doc.Name, n)
	default:
		return fmt.Errorf("unknown directive %s (want @document, @evidence or @corrections)", toks[0])
	}
	return nil
}

// findSentence returns the number of the one sentence that contains quote.
func findSentence(d *source.Document, quote string) (int, error) {
	words := strings.Fields(quote)
	if len(words) == 0 {
		return 0, fmt.Errorf("empty quote")
	}
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	// A quote that is not UTF-8 (a fuzzed escape, say) does not compile.
	re, err := regexp.Compile(strings.Join(words, `[\s\p{Zs}]+`))
	if err != nil {
		return 0, fmt.Errorf("quote %q: %w", quote, err)
	}
	found := 0
	for i, s := range d.Sentences() {
		if re.MatchString(s.Text) {
			if found != 0 {
				return 0, fmt.Errorf("%q is in sentences %d and %d of %s: quote more words", quote, found, i+1, d.Name)
			}
			found = i + 1
		}
	}
	if found == 0 {
		return 0, fmt.Errorf("%q is in no sentence of %s", quote, d.Name)
	}
	return found, nil
}

func (p *parser) predicate(tok string) (quad.IRI, error) {
	if tok == "a" {
		return vocab.Type, nil
	}
	t, err := p.term(tok, false)
	if err != nil {
		return "", err
	}
	iri, ok := t.(quad.IRI)
	if !ok || strings.HasPrefix(tok, "[") {
		return "", fmt.Errorf("%s: must be a prefixed name or <IRI>", tok)
	}
	return iri, nil
}

var reDateish = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// term parses one term; literals only where allowLiteral.
func (p *parser) term(tok string, allowLiteral bool) (quad.Value, error) {
	switch {
	case strings.HasPrefix(tok, "["):
		name := strings.TrimSpace(tok[1 : len(tok)-1])
		if name == "" {
			return nil, fmt.Errorf("empty entity name []")
		}
		if vocab.Slug(name) == "" {
			return nil, fmt.Errorf("entity name %s has no letters or digits", tok)
		}
		return p.opt.Minter.Entity(name), nil
	case strings.HasPrefix(tok, "<"):
		iri := tok[1 : len(tok)-1]
		if err := checkIRI(iri); err != nil {
			return nil, err
		}
		return quad.IRI(iri), nil
	case strings.HasPrefix(tok, `"`):
		if !allowLiteral {
			return nil, fmt.Errorf("%s: a literal cannot stand here", tok)
		}
		return literal(tok)
	case reDateish.MatchString(tok):
		if !allowLiteral {
			return nil, fmt.Errorf("%s: a date cannot stand here", tok)
		}
		return vocab.DateLiteral(tok)
	default:
		iri, ok := vocab.Expand(tok)
		if !ok {
			return nil, fmt.Errorf("%q: not a term (want [Name], <IRI>, prefix:name with a known prefix, \"text\" or a date)", tok)
		}
		return iri, nil
	}
}

// literal parses "text", "text"@lang or "text"^^type.
func literal(tok string) (quad.Value, error) {
	end := closingQuote(tok)
	s, err := unquote(tok[:end+1])
	if err != nil {
		return nil, err
	}
	rest := tok[end+1:]
	switch {
	case rest == "":
		return quad.String(s), nil
	case strings.HasPrefix(rest, "@"):
		lang := rest[1:]
		if !regexp.MustCompile(`^[a-zA-Z]+(-[a-zA-Z0-9]+)*$`).MatchString(lang) {
			return nil, fmt.Errorf("bad language tag %q", lang)
		}
		return quad.LangString{Value: quad.String(s), Lang: lang}, nil
	case strings.HasPrefix(rest, "^^"):
		t := rest[2:]
		var dt quad.IRI
		if strings.HasPrefix(t, "<") && strings.HasSuffix(t, ">") {
			dt = quad.IRI(t[1 : len(t)-1])
		} else if iri, ok := vocab.Expand(t); ok {
			dt = iri
		} else {
			return nil, fmt.Errorf("bad datatype %q", t)
		}
		if dt == vocab.Date || dt == vocab.GYear || dt == vocab.GYearMonth {
			lit, err := vocab.DateLiteral(s)
			if err != nil || lit.Type != dt {
				return nil, fmt.Errorf("%q is not a valid %s", s, vocab.LocalName(dt))
			}
		}
		return quad.TypedString{Value: quad.String(s), Type: dt}, nil
	}
	return nil, fmt.Errorf("unexpected %q after the string", rest)
}

func unquote(tok string) (string, error) {
	if len(tok) < 2 || tok[0] != '"' || tok[len(tok)-1] != '"' {
		return "", fmt.Errorf("%s: want a quoted string", tok)
	}
	s, err := strconv.Unquote(tok)
	if err != nil {
		return "", fmt.Errorf("%s: bad string (escapes are \\\" \\\\ \\n \\t \\uXXXX)", tok)
	}
	return s, nil
}

func checkIRI(iri string) error {
	if iri == "" || !strings.Contains(iri, ":") {
		return fmt.Errorf("<%s>: not an absolute IRI", iri)
	}
	for _, r := range iri {
		if r <= ' ' || strings.ContainsRune(`<>"{}|^`+"`\\", r) {
			return fmt.Errorf("<%s>: character %q is not allowed in an IRI", iri, r)
		}
	}
	return nil
}

// closingQuote returns the index of the quote that ends the string tok starts.
func closingQuote(tok string) int {
	for i := 1; i < len(tok); i++ {
		switch tok[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(tok) - 1
}

// tokenize splits a line into terms, dropping a trailing comment.
func tokenize(line string) ([]string, error) {
	var toks []string
	i := 0
	for i < len(line) {
		r, size := utf8.DecodeRuneInString(line[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '#':
			return toks, nil
		case r == '[':
			j := strings.IndexByte(line[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("unclosed [ at column %d", i+1)
			}
			toks = append(toks, line[i:i+j+1])
			i += j + 1
		case r == '<':
			j := strings.IndexByte(line[i:], '>')
			if j < 0 {
				return nil, fmt.Errorf("unclosed < at column %d", i+1)
			}
			toks = append(toks, line[i:i+j+1])
			i += j + 1
		case r == '"':
			end := closingQuote(line[i:])
			if end == len(line[i:])-1 && (len(line[i:]) < 2 || line[i+end] != '"' || end == 0) {
				return nil, fmt.Errorf("unclosed string at column %d", i+1)
			}
			j := i + end + 1
			j = endOfTerm(line, j, false)
			toks = append(toks, line[i:j])
			i = j
		default:
			j := i
			j = endOfTerm(line, j, true)
			toks = append(toks, line[i:j])
			i = j
		}
	}
	return toks, nil
}

// endOfTerm returns where the term running from i ends: at white space, at
// the end of the line, or, with comment, at a '#'. It reads whole runes, so
// that the byte of a multi-byte letter is never taken for a space.
func endOfTerm(line string, i int, comment bool) int {
	for i < len(line) {
		r, size := utf8.DecodeRuneInString(line[i:])
		if unicode.IsSpace(r) || (comment && r == '#') {
			break
		}
		i += size
	}
	return i
}
