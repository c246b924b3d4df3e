// Package vocab holds the one set of vocabulary terms the knowledge graph
// uses: schema.org terms where schema.org has them, and the project's own
// terms (namespace KG) where it has none. docs/vocabulary.md describes each.
//
// Sources: schema.org types and properties as defined at https://schema.org/
// (version 29); RDF, RDFS and XML Schema datatypes from the W3C
// recommendations RDF 1.1 Concepts (https://www.w3.org/TR/rdf11-concepts/)
// and XML Schema 1.1 Part 2 (https://www.w3.org/TR/xmlschema11-2/).
package vocab

import (
	"strings"

	"github.com/cayleygraph/quad"
)

// Namespaces of the vocabularies the graph uses.
const (
	RDF    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	RDFS   = "http://www.w3.org/2000/01/rdf-schema#"
	XSD    = "http://www.w3.org/2001/XMLSchema#"
	Schema = "http://schema.org/"
	// KG is the namespace of the project's own terms.
	KG = "https://kg.example.org/vocab#"
)

// DefaultBase is the base IRI entity IRIs are minted under unless the user
// configures another. example.org is reserved for such use (RFC 2606).
const DefaultBase = "https://kg.example.org/id/"

// Prefixes maps the prefixes accepted in curated files and printed in
// documentation to their namespaces.
var Prefixes = map[string]string{
	"rdf":    RDF,
	"rdfs":   RDFS,
	"xsd":    XSD,
	"schema": Schema,
	"kg":     KG,
}

// Classes.
var (
	Organization = quad.IRI(Schema + "Organization")
	Person       = quad.IRI(Schema + "Person")
	Place        = quad.IRI(Schema + "Place")
	City         = quad.IRI(Schema + "City")
	Country      = quad.IRI(Schema + "Country")
	Event        = quad.IRI(Schema + "Event")
	Report       = quad.IRI(Schema + "Report")

	// Agreement is a written agreement between parties: a memorandum of
	// understanding, treaty, accord or protocol.
	Agreement = quad.IRI(KG + "Agreement")
	// Plan is an action plan, working plan or programme of action.
	Plan = quad.IRI(KG + "Plan")
	// Strategy is a strategy document adopted by an organisation.
	Strategy = quad.IRI(KG + "Strategy")
	// Position is a post a person holds in an organisation.
	Position = quad.IRI(KG + "Position")
	// Source is a document the graph was built from.
	Source = quad.IRI(KG + "Source")
	// Sentence is one sentence of a Source, the evidence for facts.
	Sentence = quad.IRI(KG + "Sentence")
)

// DocumentClasses are the classes the agreements query lists: agreements
// and the other documents organisations sign, adopt or publish.
var DocumentClasses = []quad.IRI{Agreement, Plan, Strategy, Report}

// Properties.
var (
	Type          = quad.IRI(RDF + "type")
	Comment       = quad.IRI(RDFS + "comment")
	Name          = quad.IRI(Schema + "name")
	AlternateName = quad.IRI(Schema + "alternateName")
	Description   = quad.IRI(Schema + "description")
	JobTitle      = quad.IRI(Schema + "jobTitle")
	WorksFor      = quad.IRI(Schema + "worksFor")
	ParentOrg     = quad.IRI(Schema + "parentOrganization")
	Attendee      = quad.IRI(Schema + "attendee")
	Organizer     = quad.IRI(Schema + "organizer")
	Location      = quad.IRI(Schema + "location")
	StartDate     = quad.IRI(Schema + "startDate")
	EndDate       = quad.IRI(Schema + "endDate")
	SuperEvent    = quad.IRI(Schema + "superEvent")
	FoundingDate  = quad.IRI(Schema + "foundingDate")
	Publisher     = quad.IRI(Schema + "publisher")
	DatePublished = quad.IRI(Schema + "datePublished")
	About         = quad.IRI(Schema + "about")
	URL           = quad.IRI(Schema + "url")
	RoleName      = quad.IRI(Schema + "roleName")
	// Identifier is a source's file name.
	Identifier = quad.IRI(Schema + "identifier")

	// Party links an agreement or document to an organisation or person
	// that signed it, is bound by it, or owns it.
	Party = quad.IRI(KG + "party")
	// SigningDate is the date an agreement was signed.
	SigningDate = quad.IRI(KG + "signingDate")
	// SigningPlace is where an agreement was signed.
	SigningPlace = quad.IRI(KG + "signingPlace")
	// AdoptedBy links a document to who adopted or approved it.
	AdoptedBy = quad.IRI(KG + "adoptedBy")
	// AdoptedAt links a document to the event where it was adopted.
	AdoptedAt = quad.IRI(KG + "adoptedAt")
	// AdoptionDate is the date a document was adopted or approved.
	AdoptionDate = quad.IRI(KG + "adoptionDate")
	// Implements links a plan or programme to what it puts into effect.
	Implements = quad.IRI(KG + "implements")
	// Praised links an agent to what it praised.
	Praised = quad.IRI(KG + "praised")
	// HoldsPosition links a person to a Position.
	HoldsPosition = quad.IRI(KG + "holdsPosition")
	// PositionIn links a Position to its organisation.
	PositionIn = quad.IRI(KG + "positionIn")
	// InSource links a Sentence to its Source.
	InSource = quad.IRI(KG + "inSource")
	// Text is a sentence's text, exactly as in the source.
	Text = quad.IRI(KG + "text")
	// StartOffset and EndOffset are a sentence's byte span in its source,
	// end exclusive.
	StartOffset = quad.IRI(KG + "startOffset")
	EndOffset   = quad.IRI(KG + "endOffset")
	// Index is a sentence's position in its source, from 1.
	Index = quad.IRI(KG + "index")
)

// Datatypes of date literals, by the precision the text gives.
var (
	Date       = quad.IRI(XSD + "date")
	GYearMonth = quad.IRI(XSD + "gYearMonth")
	GYear      = quad.IRI(XSD + "gYear")
	Integer    = quad.IRI(XSD + "integer")
)

// Expand turns a prefixed name such as "schema:name" into a full IRI. It
// reports false for an unknown prefix or a string without one.
func Expand(pname string) (quad.IRI, bool) {
	i := strings.IndexByte(pname, ':')
	if i <= 0 {
		return "", false
	}
	ns, ok := Prefixes[pname[:i]]
	if !ok {
		return "", false
	}
	return quad.IRI(ns + pname[i+1:]), true
}

// LocalName returns the part of an IRI after its namespace: "Organization"
// for schema:Organization.
func LocalName(iri quad.IRI) string {
	s := string(iri)
	if i := strings.LastIndexAny(s, "#/"); i >= 0 {
		return s[i+1:]
	}
	return s
}
