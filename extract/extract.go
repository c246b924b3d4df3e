// Package extract turns a press release into triples in the graph's
// vocabulary (graph/vocab), by rules: no statistical model, no network.
//
// The pipeline, one file a stage:
//
//	check.go          what is not a document (empty, binary, not UTF-8)
//	tokens.go         words, numbers and punctuation with byte spans
//	mentions.go       names: capitalised runs joined into longer names,
//	acronyms.go       acronym definitions, lexicon names (extract/lexicon),
//	classify.go       titles; each name classified and given its entity
//	dates.go          dates from the temporal tagger (extract/timex)
//	coref.go          surnames, titles, "the two organisations", "it"
//	triggers.go       which relation rules a sentence can fire
//	roles.go          titles of people in organisations
//	relations.go      the relation stage's driver and helpers, with
//	events.go         meetings, hosts, attendance, parts of events,
//	documents.go      signing, adoption, publication,
//	organisations.go  founding, seat, parent organisation, description
//	resolve.go        one entity per thing, within and across documents
//	triples.go        entities and relations as quads, with provenance
//
// Extract runs the stages on one document; Resolve merges the entities of
// many; Result.Quads writes them.
package extract

import (
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/extract/lexicon"
	"github.com/kgraph/kg/extract/sentences"
	"github.com/kgraph/kg/extract/timex"
)

// Classes of entities, as the lexicon names them, plus the extractor's own.
const (
	ClassPerson    = "Person"
	ClassOrg       = lexicon.Organization
	ClassCountry   = lexicon.Country
	ClassCity      = lexicon.City
	ClassRegion    = lexicon.Region
	ClassPlace     = "Place"
	ClassEvent     = lexicon.Event
	ClassAgreement = lexicon.Agreement
	ClassPlan      = lexicon.Plan
	ClassStrategy  = lexicon.Strategy
	ClassReport    = lexicon.Report
	ClassPosition  = "Position"
)

// IsPlace reports whether a class is a kind of place.
func IsPlace(c string) bool {
	return c == ClassCountry || c == ClassCity || c == ClassRegion || c == ClassPlace
}

// IsDocument reports whether a class is an agreement or other document.
func IsDocument(c string) bool {
	return c == ClassAgreement || c == ClassPlan || c == ClassStrategy || c == ClassReport
}

// Mention is one span of text that names an entity.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Sentence is the sentence's number, from 1.
	Sentence int    `json:"sentence"`
	Class    string `json:"class"`
	// Rule is what found the mention.
	Rule string `json:"rule"`
	// Name is the name of the entity it was resolved to.
	Name   string  `json:"entity"`
	Entity *Entity `json:"-"`

	tok0, tok1 int  // token range within the sentence
	modifier   bool // an attributive use: "United Nations entities"
}

// Entity is one thing a document names, with every name it goes by.
type Entity struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Class string `json:"class"`
	// Aliases are other names; the acronyms are among them.
	Aliases  []string `json:"aliases,omitempty"`
	Acronyms []string `json:"acronyms,omitempty"`
	// Lex is the lexicon entry the entity was found as, if any.
	Lex *lexicon.Entry `json:"-"`

	// For generated names (positions, unnamed events and agreements):
	// the parts the name is made of, filled in once names are final.
	title   string
	org     *Entity
	noun    string
	members []*Entity
	place   *Entity
	// placeSent is the sentence a place from the dateline was taken in.
	placeSent *sent
	date      string
	// surname is a person's last name, for coreference.
	surname string
	// sentence the entity was first mentioned in (from 1).
	first int
	// canon is the entity this one was merged into, across documents.
	canon *Entity
	// weak marks a guessed name (a lone capitalised word): in the graph
	// only if a relation uses it.
	weak bool
	// pinned marks a curator's entity in Resolve.
	pinned bool
}

// Triple is one extracted fact: subject, predicate and object (an entity
// or a literal), with its provenance.
type Triple struct {
	Subject   *Entity  `json:"-"`
	Predicate quad.IRI `json:"predicate"`
	Object    *Entity  `json:"-"`
	// Value is a literal object: a string or an ISO 8601 date.
	Value string `json:"value,omitempty"`
	// IsDate says Value is a date.
	IsDate bool `json:"-"`
	// Sentence (from 1) and the byte span of the words the rule matched.
	Sentence int    `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Rule     string `json:"rule"`
}

// Result is what the extractor found in one document.
type Result struct {
	Doc       string           `json:"document"`
	Ref       time.Time        `json:"-"`
	Sentences []sentences.Span `json:"-"`
	Mentions  []*Mention       `json:"mentions"`
	Dates     []timex.Timex    `json:"dates"`
	Entities  []*Entity        `json:"entities"`
	Triples   []Triple         `json:"triples"`

	text string
}

// Text returns the document's text.
func (r *Result) Text() string { return r.text }

// Input is a document to extract from.
type Input struct {
	// Name is the file name ("NAME.txt"); Text the whole text.
	Name string
	Text string
	// Ref is the document (publication) date; zero when unknown, in which
	// case the latest full date in the text stands in.
	Ref time.Time
	// Sentences, if set, are the document's sentences (as
	// extract/sentences splits them); otherwise Extract splits the text.
	Sentences []sentences.Span
}

// Extract runs the pipeline on one document.
func Extract(in Input) *Result {
	lx := lexicon.Default()
	ref := in.Ref
	if ref.IsZero() {
		if t, ok := timex.RefDate(in.Text); ok {
			ref = t
		}
	}
	spans := in.Sentences
	if spans == nil {
		spans = sentences.Split(in.Text)
	}
	d := &doc{
		lx:      lx,
		text:    in.Text,
		ref:     ref,
		res:     &Result{Doc: in.Name, Ref: ref, Sentences: spans, text: in.Text},
		keys:    map[string]*Entity{},
		lexEnts: map[*lexicon.Entry]*Entity{},
		acr:     lexAcronym(lx),
	}
	d.res.Dates = timex.Tag(in.Text, ref)
	d.lowerWords = map[string]bool{}
	d.sents = make([]*sent, len(spans))
	di := 0
	for i, sp := range spans {
		s := &sent{n: i + 1, span: sp, toks: Tokenize(in.Text, sp.Start, sp.End)}
		for di < len(d.res.Dates) && d.res.Dates[di].Start < sp.Start {
			di++
		}
		for j := di; j < len(d.res.Dates) && d.res.Dates[j].Start < sp.End; j++ {
			s.dates = append(s.dates, d.res.Dates[j])
		}
		d.sents[i] = s
	}
	d.dateline()
	for _, s := range d.sents {
		d.mentions(s)
		d.relations(s)
		d.prev = s
	}
	d.finish()
	return d.res
}
