package queries

import (
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/vocab"
)

// Entity is a result of the entity query.
type Entity struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Types   []string `json:"types"`
	Aliases []string `json:"aliases"`
	// Founded is the founding date, or nil.
	Founded *string `json:"founded"`
	// Location is where the entity is based (an event: where it was held).
	Location *Node `json:"location"`
}

func runEntity(r *run, a args) ([]any, error) {
	var out []Entity
	for _, v := range r.ix.Resolve(a.get("name")) {
		e, err := r.entity(v)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		// An IRI of a node without name or type.
		if v := r.resolve(a.get("name")); v != nil {
			e, err := r.entity(v)
			if err != nil {
				return nil, err
			}
			out = append(out, e)
		}
	}
	return toAny(out), nil
}

func (r *run) entity(v quad.Value) (Entity, error) {
	e := Entity{ID: iriText(v), Name: r.ix.Name(v), Types: r.typeNames(v), Aliases: []string{}}
	aliases, err := r.out(v, vocab.AlternateName)
	if err != nil {
		return e, err
	}
	for _, x := range aliases {
		e.Aliases = append(e.Aliases, literalText(x))
	}
	sort.Strings(e.Aliases)
	if e.Founded, err = r.date(v, vocab.FoundingDate); err != nil {
		return e, err
	}
	locs, err := r.out(v, vocab.Location)
	if err != nil {
		return e, err
	}
	e.Location = r.firstNode(locs)
	return e, nil
}

// Relation is a result of the relations query: one edge of the entity.
type Relation struct {
	// Direction is "out" for an edge from the entity, "in" for one to it.
	Direction string `json:"direction"`
	Predicate string `json:"predicate"`
	// Node is the node at the other end, or nil when that is a literal.
	Node *Node `json:"node"`
	// Value is the literal at the other end, or nil when that is a node.
	Value *string `json:"value"`
	// Sources are the documents the edge was stated in.
	Sources []Node `json:"sources"`
}

func runRelations(r *run, a args) ([]any, error) {
	v := r.resolve(a.get("entity"))
	if v == nil {
		return nil, nil
	}
	type key struct {
		dir   string
		pred  quad.Value
		other quad.Value
	}
	rels := map[key]*Relation{}
	var order []key
	for _, dir := range []string{"out", "in"} {
		d, far := quad.Subject, quad.Object
		if dir == "in" {
			d, far = quad.Object, quad.Subject
		}
		// Each quad is one edge, under the label of the sentence or
		// document that says it.
		err := r.quadsOf(d, func(q quad.Quad) error {
			o := q.Get(far)
			k := key{dir, q.Predicate, o}
			rel, ok := rels[k]
			if !ok {
				rel = &Relation{Direction: dir, Predicate: iriText(q.Predicate), Sources: []Node{}}
				if isNode(o) {
					n := r.node(o)
					rel.Node = &n
				} else {
					s := literalText(o)
					rel.Value = &s
				}
				rels[k] = rel
				order = append(order, k)
			}
			if q.Label == nil {
				return nil
			}
			src, err := r.sourceOf(q.Label)
			if err != nil || src == nil {
				return err
			}
			for _, have := range rel.Sources {
				if have.ID == src.ID {
					return nil
				}
			}
			rel.Sources = append(rel.Sources, *src)
			return nil
		}, v)
		if err != nil {
			return nil, err
		}
	}
	out := make([]Relation, 0, len(order))
	for _, k := range order {
		rel := rels[k]
		sortNodes(rel.Sources)
		out = append(out, *rel)
	}
	sort.SliceStable(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Direction != y.Direction {
			return x.Direction == "out"
		}
		if x.Predicate != y.Predicate {
			return x.Predicate < y.Predicate
		}
		return otherText(x) < otherText(y)
	})
	return toAny(out), nil
}

func otherText(r Relation) string {
	if r.Node != nil {
		return r.Node.Name + "\x00" + r.Node.ID
	}
	if r.Value != nil {
		return *r.Value
	}
	return ""
}

// sourceOf returns the document a quad label stands for: the label itself
// when it is a kg:Source, the sentence's source when it is a kg:Sentence,
// nil for any other label.
func (r *run) sourceOf(label quad.Value) (*Node, error) {
	if !r.ix.IsProvenance(label) {
		return nil, nil
	}
	if hasType(r.ix.Types(label), vocab.Source) {
		n := r.node(label)
		return &n, nil
	}
	srcs, err := r.out(label, vocab.InSource)
	if err != nil {
		return nil, err
	}
	return r.firstNode(srcs), nil
}

// Role is a result of the roles query.
type Role struct {
	Person Node `json:"person"`
	// Title is the bare title, such as "Secretary-General".
	Title        string `json:"title"`
	Organization *Node  `json:"organization"`
}

func runRoles(r *run, a args) ([]any, error) {
	// The posts in question, and the people to read job titles of when
	// they hold no post.
	positions := map[quad.Value]bool{}
	people := map[quad.Value]bool{}
	// employer, when set, is the organisation asked about: its people's
	// job titles go with it alone.
	var employer quad.Value
	// titleKey, when set, is the title asked about.
	var titleKey string
	// person, when set, is the person asked about.
	var person quad.Value
	if v := r.resolve(a.get("entity")); v != nil {
		// The entity's own posts (a person), the posts in it (an
		// organisation), or the entity itself (a post).
		for _, step := range []func() ([]quad.Value, error){
			func() ([]quad.Value, error) { return r.out(v, vocab.HoldsPosition) },
			func() ([]quad.Value, error) { return r.in(v, vocab.PositionIn) },
		} {
			vs, err := step()
			if err != nil {
				return nil, err
			}
			for _, p := range vs {
				positions[p] = true
			}
		}
		if hasType(r.ix.Types(v), vocab.Position) {
			positions[v] = true
		}
		if hasType(r.ix.Types(v), vocab.Person) {
			people[v] = true
			person = v
		} else {
			workers, err := r.in(v, vocab.WorksFor)
			if err != nil {
				return nil, err
			}
			for _, w := range workers {
				people[w] = true
			}
			employer = v
		}
	} else {
		// Not an entity: perhaps a title ("Secretary General").
		posts, holders, err := r.titleHolders(a.get("entity"))
		if err != nil {
			return nil, err
		}
		for _, p := range posts {
			positions[p] = true
		}
		for _, p := range holders {
			people[p] = true
		}
		titleKey = Normalize(a.get("entity"))
	}
	var out []Role
	seen := map[string]bool{}
	emit := func(person quad.Value, title string, org *Node) {
		rl := Role{Person: r.node(person), Title: title, Organization: org}
		k := rl.Person.ID + "\x00" + title + "\x00"
		if org != nil {
			k += org.ID
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, rl)
		}
	}
	for pos := range positions {
		holders, err := r.in(pos, vocab.HoldsPosition)
		if err != nil {
			return nil, err
		}
		titles, err := r.out(pos, vocab.RoleName)
		if err != nil {
			return nil, err
		}
		if len(titles) == 0 {
			titles = []quad.Value{quad.String(r.ix.Name(pos))}
		}
		orgs, err := r.out(pos, vocab.PositionIn)
		if err != nil {
			return nil, err
		}
		org := r.firstNode(orgs)
		for _, h := range holders {
			// A post is shared by everyone who held it; asked about a
			// person, answer with that person's roles only.
			if person != nil && h != person {
				continue
			}
			for _, t := range titles {
				emit(h, literalText(t), org)
			}
		}
	}
	// People described only as Linked Data users write them: a job title
	// and an employer, with no post to pair them. Each title goes with
	// each employer, as nothing says which goes with which.
	for p := range people {
		posts, err := r.out(p, vocab.HoldsPosition)
		if err != nil {
			return nil, err
		}
		if len(posts) > 0 {
			continue
		}
		titles, err := r.out(p, vocab.JobTitle)
		if err != nil {
			return nil, err
		}
		orgs, err := r.out(p, vocab.WorksFor)
		if err != nil {
			return nil, err
		}
		if employer != nil {
			orgs = []quad.Value{employer}
		}
		for _, t := range titles {
			if titleKey != "" && Normalize(literalText(t)) != titleKey {
				continue
			}
			if len(orgs) == 0 {
				emit(p, literalText(t), nil)
			}
			for _, o := range orgs {
				if isNode(o) {
					n := r.node(o)
					emit(p, literalText(t), &n)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Person.Name != y.Person.Name {
			return x.Person.Name < y.Person.Name
		}
		if x.Person.ID != y.Person.ID {
			return x.Person.ID < y.Person.ID
		}
		if !strings.EqualFold(x.Title, y.Title) {
			return strings.ToLower(x.Title) < strings.ToLower(y.Title)
		}
		return orgID(x.Organization) < orgID(y.Organization)
	})
	return toAny(out), nil
}

func orgID(n *Node) string {
	if n == nil {
		return ""
	}
	return n.ID
}

// titleHolders returns the posts whose title (schema:roleName) is title,
// folded as names are, and the people with that job title and no post: a
// roles question may name a title rather than an entity.
func (r *run) titleHolders(title string) (posts, people []quad.Value, err error) {
	key := Normalize(title)
	if key == "" {
		return nil, nil, nil
	}
	err = eachTag(r.ctx, r.qs, path.StartPath(r.qs, vocab.Position).In(vocab.Type).Tag("pos").Out(vocab.RoleName).Tag("t"), func(m map[string]quad.Value) error {
		if Normalize(literalText(m["t"])) == key {
			posts = append(posts, m["pos"])
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	err = eachTag(r.ctx, r.qs, path.StartPath(r.qs, vocab.Person).In(vocab.Type).Tag("p").Out(vocab.JobTitle).Tag("t"), func(m map[string]quad.Value) error {
		if Normalize(literalText(m["t"])) == key {
			people = append(people, m["p"])
		}
		return nil
	})
	return posts, people, err
}
