package queries_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/vocab"
	"github.com/kgraph/kg/queries"
	"github.com/kgraph/kg/seeds"
)

// The seed graph's nodes, by the names the tests use.
const (
	sco       = "Shanghai Cooperation Organisation"
	unodc     = "United Nations Office on Drugs and Crime"
	unov      = "United Nations Office at Vienna"
	cnd       = "United Nations Commission on Narcotic Drugs"
	hosc      = "SCO Heads of State Council"
	secr      = "Secretariat of the Shanghai Cooperation Organisation"
	meeting   = "SCO-UNODC meeting in Vienna, 10 July 2019"
	highLevel = "The UN and the SCO in the fight against drugs: Cooperation for strengthening international drug control"
	cnd62     = "62nd session of the United Nations Commission on Narcotic Drugs"
	mou       = "Memorandum of Understanding between the SCO Secretariat and UNODC"
	plan      = "Joint Action Plan of the SCO Secretariat and UNODC"
	strategy  = "SCO Anti-Drug Strategy for 2018-2023"
	programme = "Action Programme to Implement the SCO Anti-Drug Strategy for 2018-2023"
	working   = "Working Plan on the implementation of the Action Programme to Implement the SCO Anti-Drug Strategy for 2018-2023"
	report    = "Global Report on Drugs"

	schema = "http://schema.org/"
	kgv    = "https://kg.example.org/vocab#"
	id     = "https://kg.example.org/id/"
)

// row renders one result as one line: every field, nodes by name, lists
// joined with ",", null as "-", in the order the fields are given. Tests
// compare these lines exactly.
func row(r map[string]any, fields ...string) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = render(r[f])
	}
	return strings.Join(parts, " | ")
}

func render(v any) string {
	switch x := v.(type) {
	case nil:
		return "-"
	case string:
		return x
	case float64:
		return fmt.Sprint(x)
	case map[string]any:
		if n, ok := x["name"]; ok {
			return render(n)
		}
		if s, ok := x["subject"]; ok {
			return render(s) + " " + render(x["predicate"]) + " " + render(x["object"])
		}
	case []any:
		if len(x) == 0 {
			return "-"
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = render(e)
		}
		return strings.Join(parts, ",")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// rows asks a query and renders its results with fields.
func rows(t *testing.T, name string, params url.Values, fields ...string) []string {
	t.Helper()
	a := get(t, seedServer(t), name, params)
	if a.Code != 200 {
		t.Fatalf("%s %v: HTTP %d: %s", name, params, a.Code, a.Body)
	}
	if string(a.Results) == "null" {
		t.Fatalf("%s %v: results is null", name, params)
	}
	var rs []map[string]any
	if err := json.Unmarshal(a.Results, &rs); err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, r := range rs {
		out = append(out, row(r, fields...))
	}
	return out
}

type queryCase struct {
	name   string
	params url.Values
	want   []string
}

func runCases(t *testing.T, query string, fields []string, cases []queryCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := rows(t, query, c.params, fields...)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("%s %v:\ngot:\n  %s\nwant:\n  %s", query, c.params.Encode(), strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}
}

func TestEntity(t *testing.T) {
	fields := []string{"id", "name", "types", "aliases", "founded", "location"}
	unodcRow := id + "united-nations-office-on-drugs-and-crime | " + unodc + " | Organization | UN Office on Drugs and Crime,UNODC | - | -"
	unovRow := id + "united-nations-office-at-vienna | " + unov + " | Organization | UN Vienna Office,UN's Vienna Office | - | Vienna"
	cndRow := id + "united-nations-commission-on-narcotic-drugs | " + cnd + " | Organization | CND,Commission on Narcotic Drugs,UN Commission on Narcotic Drugs | 1997 | Vienna"
	norovRow := id + "vladimir-norov | Vladimir Norov | Person | - | - | -"
	fedotovRow := id + "yury-fedotov | Yury Fedotov | Person | Yuri Fedotov | - | -"
	runCases(t, "entity", fields, []queryCase{
		{"acronym", vals("name", "UNODC"), []string{unodcRow}},
		{"lower case", vals("name", "unodc"), []string{unodcRow}},
		{"short name", vals("name", "UN Office on Drugs and Crime"), []string{unodcRow}},
		{"canonical name", vals("name", unodc), []string{unodcRow}},
		{"IRI", vals("name", id+"united-nations-office-on-drugs-and-crime"), []string{unodcRow}},
		{"IRI in brackets", vals("name", "<"+id+"united-nations-office-on-drugs-and-crime>"), []string{unodcRow}},
		{"apostrophe", vals("name", "UN's Vienna Office"), []string{unovRow}},
		{"curly apostrophe", vals("name", "UN\u2019s Vienna Office"), []string{unovRow}},
		{"no apostrophe", vals("name", "uns vienna office"), []string{unovRow}},
		{"spacing and punctuation", vals("name", "  United-Nations   Office, at Vienna. "), []string{unovRow}},
		{"founded and location", vals("name", "CND"), []string{cndRow}},
		{"accents folded", vals("name", "Commissíon on Narcótic Drugs"), []string{cndRow}},
		{"surname", vals("name", "Norov"), []string{norovRow}},
		{"alias spelling", vals("name", "Yuri Fedotov"), []string{fedotovRow}},
		{"surname of alias", vals("name", "fedotov"), []string{fedotovRow}},
		{"post by hyphenless title", vals("name", "SCO Secretary General"), []string{
			id + "secretary-general-of-the-shanghai-cooperation-organisation | Secretary-General of the Shanghai Cooperation Organisation | Position | SCO Secretary-General | - | -"}},
		{"event", vals("name", "SCO Summit"), []string{
			id + "bishkek-summit | Bishkek Summit | Event | SCO Bishkek Summit,SCO Heads of State Council Meeting,SCO Summit | - | Bishkek"}},
		{"city", vals("name", "vienna"), []string{id + "vienna | Vienna | City,Place | - | - | -"}},
		{"names nothing", vals("name", "Atlantis"), nil},
		{"limit", vals("name", "UNODC", "limit", "1"), []string{unodcRow}},
		{"offset past the end", vals("name", "UNODC", "offset", "1"), nil},
	})
}

func TestRelations(t *testing.T) {
	fields := []string{"direction", "predicate", "node", "value", "sources"}
	doc := "SCO and UNODC outline further steps to fight drug threat"
	runCases(t, "relations", fields, []queryCase{
		{"Astana", vals("entity", "Astana"), []string{
			"out | " + schema + "name | - | Astana | " + doc,
			"out | http://www.w3.org/1999/02/22-rdf-syntax-ns#type | City | - | " + doc,
			"out | http://www.w3.org/1999/02/22-rdf-syntax-ns#type | Place | - | " + doc,
			"in | " + kgv + "signingPlace | " + mou + " | - | " + doc,
		}},
		{"Norov", vals("entity", "Vladimir Norov"), []string{
			"out | " + schema + "jobTitle | - | Secretary-General | " + doc,
			"out | " + schema + "name | - | Vladimir Norov | " + doc,
			"out | " + schema + "worksFor | " + sco + " | - | " + doc,
			"out | http://www.w3.org/1999/02/22-rdf-syntax-ns#type | Person | - | " + doc,
			"out | " + kgv + "holdsPosition | Secretary-General of the Shanghai Cooperation Organisation | - | " + doc,
			"in | " + schema + "attendee | " + meeting + " | - | " + doc,
			"in | " + kgv + "adoptedBy | " + plan + " | - | " + doc,
		}},
		{"paged", vals("entity", "Vladimir Norov", "offset", "5", "limit", "1"), []string{
			"in | " + schema + "attendee | " + meeting + " | - | " + doc,
		}},
		{"names nothing", vals("entity", "Atlantis"), nil},
	})
}

func TestRoles(t *testing.T) {
	fields := []string{"person", "title", "organization"}
	norov := "Vladimir Norov | Secretary-General | " + sco
	fedotov := "Yury Fedotov | Executive Director | " + unodc
	runCases(t, "roles", fields, []queryCase{
		{"person", vals("entity", "Vladimir Norov"), []string{norov}},
		{"person by surname", vals("entity", "Fedotov"), []string{fedotov}},
		{"organisation", vals("entity", "SCO"), []string{norov}},
		{"organisation by alias", vals("entity", "UN Office on Drugs and Crime"), []string{fedotov}},
		{"post", vals("entity", "UNODC Executive Director"), []string{fedotov}},
		{"title", vals("entity", "Secretary General"), []string{norov}},
		{"title with hyphen", vals("entity", "secretary-general"), []string{norov}},
		{"organisation without people", vals("entity", "United Nations"), nil},
		{"names nothing", vals("entity", "Atlantis"), nil},
	})
}

func TestEvents(t *testing.T) {
	fields := []string{"start", "end", "name", "types", "place", "participants", "organizers", "partOf"}
	vienna := "2019-07-10 | - | " + meeting + " | Event | Vienna | " + sco + "," + unodc + ",Vladimir Norov,Yury Fedotov | " + unov + " | -"
	bishkek := "2019-06-13 | 2019-06-14 | Bishkek Summit | Event | Bishkek | " + hosc + " | " + sco + " | -"
	high := "2019-03 | - | " + highLevel + " | Event | - | - | " + sco + "," + unodc + " | " + cnd62
	session := "2019-03 | - | " + cnd62 + " | Event | - | - | " + cnd + " | -"
	runCases(t, "events", fields, []queryCase{
		{"all, by start", nil, []string{session, high, bishkek, vienna}},
		{"participant", vals("entity", "Norov"), []string{vienna}},
		{"organizer and participant", vals("entity", "SCO"), []string{high, bishkek, vienna}},
		{"host", vals("entity", "UN's Vienna Office"), []string{vienna}},
		{"place", vals("entity", "Bishkek"), []string{bishkek}},
		{"place, not the organisations there", vals("entity", "Vienna"), []string{vienna}},
		{"organizer", vals("entity", "CND"), []string{session}},
		{"event and its parts", vals("entity", cnd62), []string{session, high}},
		{"paged", vals("limit", "2", "offset", "1"), []string{high, bishkek}},
		{"empty entity lists all", vals("entity", ""), []string{session, high, bishkek, vienna}},
		{"takes part in none", vals("entity", "Astana"), nil},
		{"names nothing", vals("entity", "Atlantis"), nil},
	})
}

func TestAgreements(t *testing.T) {
	fields := []string{"date", "name", "types", "place", "parties"}
	mouRow := "2011-06-14 | " + mou + " | Agreement | Astana | " + secr + "," + unodc
	reportRow := "2019-06 | " + report + " | Report | - | " + unodc
	planRow := "2019-07-10 | " + plan + " | Plan | Vienna | " + secr + "," + unodc + ",Vladimir Norov,Yury Fedotov"
	programmeRow := "- | " + programme + " | Plan | - | " + sco
	strategyRow := "- | " + strategy + " | Strategy | - | " + sco
	workingRow := "- | " + working + " | Plan | - | " + hosc
	runCases(t, "agreements", fields, []queryCase{
		{"all, by date", nil, []string{mouRow, reportRow, planRow, programmeRow, strategyRow, workingRow}},
		{"party and publisher", vals("entity", "UNODC"), []string{mouRow, reportRow, planRow}},
		{"adopter", vals("entity", "Yuri Fedotov"), []string{planRow}},
		{"signing place", vals("entity", "Astana"), []string{mouRow}},
		{"adopted at", vals("entity", meeting), []string{planRow}},
		{"a document and what implements it", vals("entity", "SCO Anti-Drug Strategy"), []string{programmeRow, strategyRow}},
		{"party", vals("entity", "SCO"), []string{programmeRow, strategyRow}},
		{"paged", vals("limit", "1", "offset", "2"), []string{planRow}},
		{"names nothing", vals("entity", "Atlantis"), nil},
	})
}

// TestQueriesCheckTypes adds to the seed graph a source document that SCO
// published and an organisation located in Bishkek: edges that events and
// agreements follow, from nodes that are neither events nor agreements.
func TestQueriesCheckTypes(t *testing.T) {
	st := seedStore(t)
	src := quad.IRI("https://kg.example.org/source/sco-press-release")
	org := quad.IRI(id + "bishkek-drug-control-office")
	_, err := st.Load(context.Background(), "extra", []quad.Quad{
		quad.MakeIRI(string(src), string(vocab.Type), string(vocab.Source), ""),
		quad.Make(src, vocab.Publisher, quad.IRI(id+"shanghai-cooperation-organisation"), nil),
		quad.Make(org, vocab.Type, vocab.Organization, nil),
		quad.Make(org, vocab.Name, quad.String("Bishkek Drug Control Office"), nil),
		quad.Make(org, vocab.Location, quad.IRI(id+"bishkek"), nil),
	})
	if err != nil {
		t.Fatal(err)
	}
	base := serve(t, st).URL
	for _, c := range []struct {
		query, entity string
		want          []string
	}{
		{"agreements", "SCO", []string{programme, strategy}},
		{"events", "Bishkek", []string{"Bishkek Summit"}},
	} {
		a := get(t, base, c.query, vals("entity", c.entity))
		var rs []struct{ Name string }
		if err := json.Unmarshal(a.Results, &rs); err != nil {
			t.Fatalf("%s %s: %d %s", c.query, c.entity, a.Code, a.Body)
		}
		var got []string
		for _, r := range rs {
			got = append(got, r.Name)
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s of %s: got %q, want %q", c.query, c.entity, got, c.want)
		}
	}
}

func TestTimeline(t *testing.T) {
	fields := []string{"date", "predicate", "subject", "object", "value", "via"}
	runCases(t, "timeline", fields, []queryCase{
		{"organisation", vals("entity", "UNODC"), []string{
			"2011-06-14 | " + kgv + "signingDate | " + mou + " | - | 2011-06-14 | " + kgv + "party",
			"2019-03 | " + schema + "startDate | " + highLevel + " | - | 2019-03 | " + schema + "organizer",
			"2019-06 | " + schema + "datePublished | " + report + " | - | 2019-06 | " + schema + "publisher",
			"2019-07-10 | " + kgv + "adoptionDate | " + plan + " | - | 2019-07-10 | " + kgv + "party",
			"2019-07-10 | " + schema + "startDate | " + meeting + " | - | 2019-07-10 | " + schema + "attendee",
		}},
		{"founding", vals("entity", "CND"), []string{
			"1997 | " + schema + "foundingDate | " + cnd + " | - | 1997 | -",
			"2019-03 | " + schema + "startDate | " + cnd62 + " | - | 2019-03 | " + schema + "organizer",
		}},
		{"place", vals("entity", "Bishkek"), []string{
			"2019-06-13 | " + schema + "startDate | Bishkek Summit | - | 2019-06-13 | " + schema + "location",
			"2019-06-14 | " + schema + "endDate | Bishkek Summit | - | 2019-06-14 | " + schema + "location",
		}},
		{"document period", vals("entity", "SCO Anti-Drug Strategy"), []string{
			"2018 | " + schema + "startDate | " + strategy + " | - | 2018 | -",
			"2023 | " + schema + "endDate | " + strategy + " | - | 2023 | -",
		}},
		{"paged", vals("entity", "UNODC", "offset", "4"), []string{
			"2019-07-10 | " + schema + "startDate | " + meeting + " | - | 2019-07-10 | " + schema + "attendee",
		}},
		{"no dates", vals("entity", "Eurasia"), nil},
		{"names nothing", vals("entity", "Atlantis"), nil},
	})
}

func TestPath(t *testing.T) {
	fields := []string{"hops"}
	att, about := schema+"attendee", schema+"about"
	runCases(t, "path", fields, []queryCase{
		{"one hop", vals("from", "Norov", "to", "Vienna meeting", "max", "1"), nil},
		{"one hop by name", vals("from", "Norov", "to", meeting, "max", "1"), []string{
			meeting + " " + att + " Vladimir Norov",
		}},
		{"either direction, shortest first", vals("from", "Norov", "to", "Fedotov", "max", "2"), []string{
			meeting + " " + att + " Vladimir Norov," + meeting + " " + att + " Yury Fedotov",
			plan + " " + kgv + "adoptedBy Vladimir Norov," + plan + " " + kgv + "adoptedBy Yury Fedotov",
		}},
		{"longer", vals("from", "Vladimir Norov", "to", "Astana", "limit", "2"), []string{
			meeting + " " + att + " Vladimir Norov," + meeting + " " + about + " " + mou + "," + mou + " " + kgv + "signingPlace Astana",
			plan + " " + kgv + "adoptedBy Vladimir Norov," + plan + " " + kgv + "implements " + mou + "," + mou + " " + kgv + "signingPlace Astana",
		}},
		{"offset", vals("from", "Vladimir Norov", "to", "Astana", "limit", "1", "offset", "1"), []string{
			plan + " " + kgv + "adoptedBy Vladimir Norov," + plan + " " + kgv + "implements " + mou + "," + mou + " " + kgv + "signingPlace Astana",
		}},
		{"out of reach", vals("from", "Norov", "to", "Astana", "max", "2"), nil},
		{"same entity", vals("from", "SCO", "to", sco), nil},
		{"names nothing", vals("from", "Atlantis", "to", "SCO"), nil},
	})
	// Every answer is a connection from one end to the other, and none is
	// shorter than one before it.
	var rs []struct {
		Hops []struct {
			Subject, Object struct{ ID string }
		}
	}
	a := get(t, seedServer(t), "path", vals("from", "UN", "to", "Bishkek", "max", "6", "limit", "10000"))
	if err := json.Unmarshal(a.Results, &rs); err != nil || len(rs) == 0 {
		t.Fatalf("path UN to Bishkek: %v, %d results", err, len(rs))
	}
	prev := 0
	for i, r := range rs {
		if len(r.Hops) < prev || len(r.Hops) > 6 {
			t.Fatalf("connection %d has %d hops after one of %d", i, len(r.Hops), prev)
		}
		prev = len(r.Hops)
		at := id + "united-nations"
		for _, h := range r.Hops {
			switch at {
			case h.Subject.ID:
				at = h.Object.ID
			case h.Object.ID:
				at = h.Subject.ID
			default:
				t.Fatalf("connection %d is broken at %s", i, at)
			}
		}
		if at != id+"bishkek" {
			t.Fatalf("connection %d ends at %s", i, at)
		}
	}
}

func TestEvidence(t *testing.T) {
	fields := []string{"document", "start", "end", "object", "value", "sentence"}
	doc := "sco-unodc-2019-07-10.txt"
	text, err := fs.ReadFile(seeds.FS, "sco-unodc-2019-07-10.txt")
	if err != nil {
		t.Fatal(err)
	}
	// The sentence must be exactly the document's bytes at start:end.
	s11, s10 := string(text[1995:2172]), string(text[1756:1993])
	if !strings.HasPrefix(s11, "On 14 June 2011") || !strings.HasPrefix(s10, "The United Nations Commission") {
		t.Fatalf("the seed text has moved: %q, %q", s11, s10)
	}
	runCases(t, "evidence", fields, []queryCase{
		{"date literal", vals("subject", "SCO-UNODC Memorandum of Understanding", "predicate", "kg:signingDate", "object", "2011-06-14"), []string{
			doc + " | 1995 | 2172 | - | 2011-06-14 | " + s11,
		}},
		{"entity object, local name predicate", vals("subject", mou, "predicate", "signingPlace", "object", "Astana"), []string{
			doc + " | 1995 | 2172 | Astana | - | " + s11,
		}},
		{"IRI predicate, any object", vals("subject", "CND", "predicate", schema+"foundingDate"), []string{
			doc + " | 1756 | 1993 | - | 1997 | " + s10,
		}},
		{"two facts, one sentence", vals("subject", "joint Action Plan", "predicate", "adoptedBy"), []string{
			doc + " | 670 | 875 | Vladimir Norov | - | " + string(text[670:875]),
			doc + " | 670 | 875 | Yury Fedotov | - | " + string(text[670:875]),
		}},
		{"wrong object", vals("subject", mou, "predicate", "signingPlace", "object", "Vienna"), nil},
		{"unknown predicate", vals("subject", mou, "predicate", "signedOnTheMoon"), nil},
		{"names nothing", vals("subject", "Atlantis", "predicate", "name"), nil},
	})
}

// TestSharedPostsAndRepeatedTypes builds a graph where two documents state
// the same type and two people held one post: a person's roles are that
// person's alone, and each type is listed once.
func TestSharedPostsAndRepeatedTypes(t *testing.T) {
	st := seedStore(t)
	m := vocab.Minter{}
	post := m.Entity("Secretary-General of the Shanghai Cooperation Organisation")
	other := m.Entity("Rashid Alimov")
	scoIRI := m.Entity(sco)
	label := quad.IRI("urn:doc:second")
	if _, err := st.Load(context.Background(), "second", []quad.Quad{
		{Subject: other, Predicate: vocab.Type, Object: vocab.Person, Label: label},
		{Subject: other, Predicate: vocab.Name, Object: quad.String("Rashid Alimov"), Label: label},
		{Subject: other, Predicate: vocab.HoldsPosition, Object: post, Label: label},
		{Subject: scoIRI, Predicate: vocab.Type, Object: vocab.Organization, Label: label},
	}); err != nil {
		t.Fatal(err)
	}
	e := queries.New(st)
	st.RLock()
	defer st.RUnlock()
	a, err := e.Run(context.Background(), "roles", map[string]string{"entity": "Vladimir Norov"})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(a.Results); strings.Contains(string(b), "Alimov") || !strings.Contains(string(b), "Norov") {
		t.Fatalf("roles of Norov: %s", b)
	}
	a, err = e.Run(context.Background(), "roles", map[string]string{"entity": "SCO"})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(a.Results); !strings.Contains(string(b), "Alimov") || !strings.Contains(string(b), "Norov") {
		t.Fatalf("roles in the SCO should list both holders: %s", b)
	}
	a, err = e.Run(context.Background(), "entity", map[string]string{"name": "SCO"})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(a.Results); strings.Count(string(b), `"Organization"`) != 1 {
		t.Fatalf("entity SCO lists a type twice: %s", b)
	}
}
