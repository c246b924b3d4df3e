package queries

import (
	"slices"
	"sort"

	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/vocab"
)

// Event is a result of the events query.
type Event struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Types        []string `json:"types"`
	Start        *string  `json:"start"`
	End          *string  `json:"end"`
	Place        *Node    `json:"place"`
	Participants []Node   `json:"participants"`
	Organizers   []Node   `json:"organizers"`
	PartOf       *Node    `json:"partOf"`
}

func runEvents(r *run, a args) ([]any, error) {
	var evs []quad.Value
	var err error
	if name := a.get("entity"); name == "" {
		evs, err = r.ofTypes(vocab.Event)
	} else {
		v := r.resolve(name)
		if v == nil {
			return nil, nil
		}
		// Events the entity took part in, organised or hosted, and the
		// parts of an event; an event also stands for itself.
		if hasType(r.ix.Types(v), vocab.Event) {
			evs = append(evs, v)
		}
		var in []quad.Value
		in, err = r.inOfType(v, []quad.IRI{vocab.Attendee, vocab.Organizer, vocab.Location, vocab.SuperEvent}, vocab.Event)
		evs = append(evs, in...)
	}
	if err != nil {
		return nil, err
	}
	seen := map[quad.Value]bool{}
	evs = slices.DeleteFunc(evs, func(ev quad.Value) bool {
		dup := seen[ev]
		seen[ev] = true
		return dup
	})
	outs, err := r.outs(evs...)
	if err != nil {
		return nil, err
	}
	out := make([]Event, 0, len(evs))
	for _, ev := range evs {
		out = append(out, r.event(ev, outs[ev]))
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if c := cmpDate(x.Start, y.Start); c != 0 {
			return c < 0
		}
		if c := cmpDate(x.End, y.End); c != 0 {
			return c < 0
		}
		if x.Name != y.Name {
			return x.Name < y.Name
		}
		return x.ID < y.ID
	})
	return toAny(out), nil
}

// event describes the event v, whose edges out are outs.
func (r *run) event(v quad.Value, outs map[quad.IRI][]quad.Value) Event {
	return Event{
		ID: iriText(v), Name: r.ix.Name(v), Types: r.typeNames(v),
		Start:        earliest(outs[vocab.StartDate]),
		End:          earliest(outs[vocab.EndDate]),
		Place:        r.firstNode(outs[vocab.Location]),
		Participants: r.nodes(outs[vocab.Attendee]),
		Organizers:   r.nodes(outs[vocab.Organizer]),
		PartOf:       r.firstNode(outs[vocab.SuperEvent]),
	}
}

// cmpDate orders dates as ISO 8601 strings, a missing date last.
func cmpDate(a, b *string) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	case *a < *b:
		return -1
	case *a > *b:
		return 1
	}
	return 0
}

// Agreement is a result of the agreements query: an agreement or another
// document organisations sign, adopt or publish.
type Agreement struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Types []string `json:"types"`
	// Date is when it was signed, else adopted, else published.
	Date *string `json:"date"`
	// Place is where it was signed, else where the event that adopted it
	// was held.
	Place *Node `json:"place"`
	// Parties are its parties, adopters and publishers.
	Parties []Node `json:"parties"`
}

func documentClasses() []quad.Value {
	out := make([]quad.Value, len(vocab.DocumentClasses))
	for i, c := range vocab.DocumentClasses {
		out[i] = c
	}
	return out
}

func isDocument(ts []quad.IRI) bool {
	for _, c := range vocab.DocumentClasses {
		if hasType(ts, c) {
			return true
		}
	}
	return false
}

func runAgreements(r *run, a args) ([]any, error) {
	var docs []quad.Value
	var err error
	if name := a.get("entity"); name == "" {
		docs, err = r.ofTypes(vocab.DocumentClasses...)
	} else {
		v := r.resolve(name)
		if v == nil {
			return nil, nil
		}
		// Documents the entity is party to, adopted or published, that
		// were signed or adopted there, or that put it into effect.
		if isDocument(r.ix.Types(v)) {
			docs = append(docs, v)
		}
		var in []quad.Value
		in, err = r.inOfType(v, []quad.IRI{vocab.Party, vocab.AdoptedBy, vocab.Publisher, vocab.SigningPlace, vocab.AdoptedAt, vocab.Implements}, vocab.DocumentClasses...)
		docs = append(docs, in...)
	}
	if err != nil {
		return nil, err
	}
	out := make([]Agreement, 0, len(docs))
	seen := map[quad.Value]bool{}
	for _, d := range docs {
		if seen[d] {
			continue
		}
		seen[d] = true
		ag, err := r.agreement(d)
		if err != nil {
			return nil, err
		}
		out = append(out, ag)
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if c := cmpDate(x.Date, y.Date); c != 0 {
			return c < 0
		}
		if x.Name != y.Name {
			return x.Name < y.Name
		}
		return x.ID < y.ID
	})
	return toAny(out), nil
}

func (r *run) agreement(v quad.Value) (Agreement, error) {
	ag := Agreement{ID: iriText(v), Name: r.ix.Name(v), Types: r.typeNames(v)}
	for _, p := range []quad.IRI{vocab.SigningDate, vocab.AdoptionDate, vocab.DatePublished} {
		d, err := r.date(v, p)
		if err != nil {
			return ag, err
		}
		if d != nil {
			ag.Date = d
			break
		}
	}
	places, err := r.out(v, vocab.SigningPlace)
	if err != nil {
		return ag, err
	}
	if len(places) == 0 {
		places, err = r.values(path.StartPath(r.qs, v).Out(vocab.AdoptedAt).Out(vocab.Location))
		if err != nil {
			return ag, err
		}
	}
	ag.Place = r.firstNode(places)
	parties, err := r.out(v, vocab.Party, vocab.AdoptedBy, vocab.Publisher)
	if err != nil {
		return ag, err
	}
	ag.Parties = r.nodes(parties)
	return ag, nil
}

// Fact is a result of the timeline query: one dated statement.
type Fact struct {
	Date      string `json:"date"`
	Predicate string `json:"predicate"`
	// Subject is what the date is about: the entity, or an event or
	// document it is part of.
	Subject Node `json:"subject"`
	// Object is the node the statement points to; nil for a date.
	Object *Node `json:"object"`
	// Value is the date as the statement gives it.
	Value *string `json:"value"`
	// Via are the predicates from Subject to the entity (the entity's
	// part in the event or document); empty for the entity's own facts.
	Via []string `json:"via"`
}

// datedPredicates are the predicates whose objects are dates on the
// timeline.
var datedPredicates = []quad.IRI{
	vocab.FoundingDate, vocab.StartDate, vocab.EndDate,
	vocab.SigningDate, vocab.AdoptionDate, vocab.DatePublished,
}

// timelineLinks are the predicates from an event or document to an entity
// that put the event or document on the entity's timeline.
var timelineLinks = []quad.IRI{
	vocab.Attendee, vocab.Organizer, vocab.Location, vocab.SuperEvent,
	vocab.Party, vocab.AdoptedBy, vocab.Publisher, vocab.SigningPlace, vocab.AdoptedAt,
}

func runTimeline(r *run, a args) ([]any, error) {
	v := r.resolve(a.get("entity"))
	if v == nil {
		return nil, nil
	}
	// Subjects whose dates count, with how each is linked to the entity.
	via := map[quad.Value]map[string]bool{v: {}}
	err := r.quadsOf(quad.Object, func(q quad.Quad) error {
		if !slices.Contains(timelineLinks, iriOf(q.Predicate)) {
			return nil
		}
		s := q.Subject
		ts := r.ix.Types(s)
		if !hasType(ts, vocab.Event) && !isDocument(ts) {
			return nil
		}
		if via[s] == nil {
			via[s] = map[string]bool{}
		}
		via[s][iriText(q.Predicate)] = true
		return nil
	}, v)
	if err != nil {
		return nil, err
	}
	var out []Fact
	// The same statement under two labels (two sentences say it) is one
	// fact.
	seen := map[[3]quad.Value]bool{}
	subjects := make([]quad.Value, 0, len(via))
	for s := range via {
		subjects = append(subjects, s)
	}
	err = r.quadsOf(quad.Subject, func(q quad.Quad) error {
		if !slices.Contains(datedPredicates, iriOf(q.Predicate)) {
			return nil
		}
		s := q.Subject
		d, ok := vocab.IsDate(q.Object)
		k := [3]quad.Value{s, q.Predicate, q.Object}
		if !ok || seen[k] {
			return nil
		}
		seen[k] = true
		f := Fact{Date: d, Predicate: iriText(q.Predicate), Subject: r.node(s), Value: &d, Via: []string{}}
		for p := range via[s] {
			f.Via = append(f.Via, p)
		}
		sort.Strings(f.Via)
		out = append(out, f)
		return nil
	}, subjects...)
	if err != nil {
		return nil, err
	}
	rank := map[string]int{}
	for i, p := range datedPredicates {
		rank[string(p)] = i
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Date != y.Date {
			return x.Date < y.Date
		}
		if x.Subject.Name != y.Subject.Name {
			return x.Subject.Name < y.Subject.Name
		}
		if x.Subject.ID != y.Subject.ID {
			return x.Subject.ID < y.Subject.ID
		}
		return rank[x.Predicate] < rank[y.Predicate]
	})
	return toAny(out), nil
}
