// Package synth generates realistic synthetic knowledge graphs for
// benchmarks: many source documents, organisations and people shared across
// them under several aliases, events with 2 to 10 participants, agreements
// between organisations, and dates, all in the project's vocabulary and with
// sentence provenance as quad labels. The same seed gives the same graph.
package synth

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/kgraph/kg/graph/vocab"
)

// Config sizes a synthetic graph.
type Config struct {
	// Quads is how many quads to write, at least.
	Quads int
	// Seed makes the graph; the same seed gives the same quads.
	Seed uint64
	// Minter mints IRIs; the zero value uses the default base.
	Minter vocab.Minter
}

var (
	orgWords = []string{"Cooperation", "Security", "Development", "Economic", "Drug Control", "Energy",
		"Trade", "Health", "Migration", "Maritime", "Customs", "Transport", "Climate", "Cyber", "Water"}
	orgKinds  = []string{"Organisation", "Council", "Agency", "Office", "Commission", "Forum", "Union", "Centre"}
	regions   = []string{"Eurasian", "Asian", "Pacific", "Atlantic", "Arctic", "African", "Caspian", "Baltic", "Andean", "Danube"}
	given     = []string{"Anna", "Boris", "Chen", "Dilnoza", "Erik", "Fatima", "Gulnara", "Hiro", "Ivan", "Julia", "Karim", "Lena", "Marat", "Nadia", "Omar", "Pavel"}
	family    = []string{"Abdullaev", "Berg", "Chen", "Dzhaksybekov", "Ersoy", "Fedorova", "Grant", "Huang", "Ibragimov", "Jansen", "Kim", "Lopez", "Mirzaev", "Novak", "Ortiz", "Petrov"}
	titles    = []string{"Secretary-General", "Executive Director", "Deputy Secretary-General", "Director", "Chairman", "Head of Mission"}
	cities    = []string{"Vienna", "Bishkek", "Astana", "Geneva", "New York", "Dushanbe", "Tashkent", "Beijing", "Moscow", "Jakarta", "Brussels", "Ankara"}
	eventKind = []string{"meeting", "summit", "session", "conference", "consultations", "forum"}
	docKinds  = []struct {
		name string
		cls  quad.IRI
	}{{"Memorandum of Understanding", vocab.Agreement}, {"Action Plan", vocab.Plan}, {"Strategy", vocab.Strategy}, {"Report", vocab.Report}}
)

type gen struct {
	r    *rand.Rand
	m    vocab.Minter
	w    quad.Writer
	n    int
	orgs []quad.IRI
	ppl  []quad.IRI
	plc  []quad.IRI
	doc  int
	sent int
	lbl  quad.IRI
}

// Write writes a synthetic graph of at least cfg.Quads quads to w as N-Quads,
// and returns how many it wrote.
func Write(w io.Writer, cfg Config) (int, error) {
	qw := nquads.NewWriter(w)
	g := &gen{r: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)), m: cfg.Minter, w: qw}
	if err := g.run(cfg.Quads); err != nil {
		return g.n, err
	}
	return g.n, qw.Close()
}

func (g *gen) emit(s quad.Value, p quad.IRI, o quad.Value) error {
	g.n++
	return g.w.WriteQuad(quad.Quad{Subject: s, Predicate: p, Object: o, Label: g.lbl})
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) date() quad.Value {
	y := 1995 + g.r.IntN(30)
	switch g.r.IntN(4) {
	case 0:
		v, _ := vocab.DateLiteral(strconv.Itoa(y))
		return v
	case 1:
		v, _ := vocab.DateLiteral(fmt.Sprintf("%d-%02d", y, 1+g.r.IntN(12)))
		return v
	}
	v, _ := vocab.DateLiteral(fmt.Sprintf("%d-%02d-%02d", y, 1+g.r.IntN(12), 1+g.r.IntN(28)))
	return v
}

// entity returns an existing entity of a pool most of the time, so that
// documents share entities, and makes a new one otherwise.
func (g *gen) entity(pool *[]quad.IRI, make func() (quad.IRI, error)) (quad.IRI, error) {
	if len(*pool) > 0 && g.r.IntN(10) < 8 {
		// Zipf-like: popular entities come up far more often.
		i := int(float64(len(*pool)) * g.r.Float64() * g.r.Float64())
		return (*pool)[i], nil
	}
	e, err := make()
	if err == nil {
		*pool = append(*pool, e)
	}
	return e, err
}

func (g *gen) newOrg() (quad.IRI, error) {
	k := len(g.orgs)
	name := fmt.Sprintf("%s %s %s No. %d", g.pick(regions), g.pick(orgWords), g.pick(orgKinds), k)
	acr := fmt.Sprintf("O%dX", k)
	e := g.m.Entity(name)
	for _, t := range []struct {
		p quad.IRI
		o quad.Value
	}{{vocab.Type, vocab.Organization}, {vocab.Name, quad.String(name)}, {vocab.AlternateName, quad.String(acr)},
		{vocab.FoundingDate, g.date()}} {
		if err := g.emit(e, t.p, t.o); err != nil {
			return "", err
		}
	}
	if len(g.plc) > 0 {
		if err := g.emit(e, vocab.Location, g.plc[g.r.IntN(len(g.plc))]); err != nil {
			return "", err
		}
	}
	return e, nil
}

func (g *gen) newPerson() (quad.IRI, error) {
	k := len(g.ppl)
	first, last := g.pick(given), g.pick(family)
	name := fmt.Sprintf("%s %s %d", first, last, k)
	e := g.m.Entity(name)
	org, err := g.entity(&g.orgs, g.newOrg)
	if err != nil {
		return "", err
	}
	title := g.pick(titles)
	pos := g.m.Entity(title + " of " + string(org))
	for _, t := range []struct {
		s quad.Value
		p quad.IRI
		o quad.Value
	}{{e, vocab.Type, vocab.Person}, {e, vocab.Name, quad.String(name)},
		{e, vocab.AlternateName, quad.String(fmt.Sprintf("%s. %s %d", first[:1], last, k))},
		{e, vocab.JobTitle, quad.String(title)}, {e, vocab.WorksFor, org}, {e, vocab.HoldsPosition, pos},
		{pos, vocab.Type, vocab.Position}, {pos, vocab.RoleName, quad.String(title)}, {pos, vocab.PositionIn, org}} {
		if err := g.emit(t.s, t.p, t.o); err != nil {
			return "", err
		}
	}
	return e, nil
}

func (g *gen) run(limit int) error {
	g.lbl = g.m.Source("gazetteer.txt")
	for _, c := range cities {
		e := g.m.Entity(c)
		g.plc = append(g.plc, e)
		if err := g.emit(e, vocab.Type, vocab.Place); err != nil {
			return err
		}
		if err := g.emit(e, vocab.Name, quad.String(c)); err != nil {
			return err
		}
	}
	for g.n < limit {
		if err := g.document(); err != nil {
			return err
		}
	}
	return nil
}

// document writes one source with a few sentences, each stating facts.
func (g *gen) document() error {
	g.doc++
	file := fmt.Sprintf("synthetic-%07d.txt", g.doc)
	src := g.m.Source(file)
	g.lbl = src
	if err := g.emit(src, vocab.Type, vocab.Source); err != nil {
		return err
	}
	if err := g.emit(src, vocab.DatePublished, g.date()); err != nil {
		return err
	}
	for s := 1; s <= 3+g.r.IntN(5); s++ {
		g.lbl = g.m.Sentence(file, s)
		var err error
		if g.r.IntN(3) == 0 {
			err = g.agreement()
		} else {
			err = g.event()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) event() error {
	e := g.m.Entity(fmt.Sprintf("%s %d of document %d", g.pick(eventKind), g.sent, g.doc))
	g.sent++
	if err := g.emit(e, vocab.Type, vocab.Event); err != nil {
		return err
	}
	if err := g.emit(e, vocab.Name, quad.String(string(e)[len(g.m.Entity("")):])); err != nil {
		return err
	}
	if err := g.emit(e, vocab.StartDate, g.date()); err != nil {
		return err
	}
	if err := g.emit(e, vocab.Location, g.plc[g.r.IntN(len(g.plc))]); err != nil {
		return err
	}
	host, err := g.entity(&g.orgs, g.newOrg)
	if err != nil {
		return err
	}
	if err := g.emit(e, vocab.Organizer, host); err != nil {
		return err
	}
	for i := 0; i < 2+g.r.IntN(9); i++ {
		p, err := g.entity(&g.ppl, g.newPerson)
		if err != nil {
			return err
		}
		if err := g.emit(e, vocab.Attendee, p); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) agreement() error {
	k := docKinds[g.r.IntN(len(docKinds))]
	a := g.m.Entity(fmt.Sprintf("%s %d of document %d", k.name, g.sent, g.doc))
	g.sent++
	if err := g.emit(a, vocab.Type, k.cls); err != nil {
		return err
	}
	if err := g.emit(a, vocab.Name, quad.String(string(a)[len(g.m.Entity("")):])); err != nil {
		return err
	}
	if err := g.emit(a, vocab.SigningDate, g.date()); err != nil {
		return err
	}
	if err := g.emit(a, vocab.SigningPlace, g.plc[g.r.IntN(len(g.plc))]); err != nil {
		return err
	}
	for i := 0; i < 2+g.r.IntN(2); i++ {
		o, err := g.entity(&g.orgs, g.newOrg)
		if err != nil {
			return err
		}
		if err := g.emit(a, vocab.Party, o); err != nil {
			return err
		}
	}
	return nil
}
