package extract

import (
	"sort"
	"strings"
	"sync"

	"github.com/kgraph/kg/extract/lexicon"
)

// Entity resolution: one entity per thing. Names are compared by key: the
// name folded (case, accents, punctuation), "the" and "'s" left out,
// spelling variants made one (Organisation/Organization, Yuri/Yury,
// Co-operation/Cooperation: the words are joined without spaces, so a
// hyphen makes no difference), and a known acronym inside a longer name
// spelt out ("UN Office on Drugs and Crime"). "Secretariat of the SCO" also
// gets the key of "SCO Secretariat". Organisations and places match on any
// of their names; people, events and documents on their name only, as
// their other names ("the Secretary-General", "MOU") are not unique.

// group is the class family whose entities may be the same thing.
func group(class string) string {
	switch {
	case class == ClassPerson:
		return "P"
	case class == ClassEvent:
		return "E"
	case IsDocument(class):
		return "D"
	case class == ClassPosition:
		return "X"
	}
	return "O"
}

// nameKey folds one name.
var possessives = strings.NewReplacer("'s ", " ", "\u2019s ", " ")

func nameKey(lx *lexicon.Lexicon, name string, acronyms func(string) string) string {
	if strings.Contains(name, "s ") || strings.HasSuffix(name, "s") {
		name = possessives.Replace(name + " ")
	}
	words := strings.Fields(lexicon.Key(name))
	var b strings.Builder
	for _, w := range words {
		if w == "the" {
			continue
		}
		if len(words) > 1 && acronyms != nil {
			if full := acronyms(w); full != "" {
				b.WriteString(full)
				continue
			}
		}
		b.WriteString(lx.Variant(w))
	}
	return b.String()
}

// keysOf returns the keys of a name: its own and, for "HEAD of (the) X",
// that of "X HEAD".
func keysOf(lx *lexicon.Lexicon, class, name string, acronyms func(string) string) []string {
	g := group(class) + ":"
	out := []string{g + nameKey(lx, name, acronyms)}
	if g == "O:" {
		ws := strings.Fields(name)
		for i := 1; i < len(ws)-1 && i <= 2; i++ {
			if ws[i] == "of" && lx.Head(ws[i-1]) != "" {
				out = append(out, g+nameKey(lx, strings.Join(ws[i+1:], " ")+" "+strings.Join(ws[:i], " "), acronyms))
			}
		}
	}
	return out
}

// lexAcronym spells out an acronym the lexicon knows, for keys.
func lexAcronym(lx *lexicon.Lexicon) func(string) string {
	return func(w string) string {
		e := lx.LookupKey(w)
		if e == nil || e.Class != lexicon.Organization {
			return ""
		}
		for _, a := range e.Acronyms {
			if lexicon.Key(a) == w {
				return nameKey(lx, e.Name, nil)
			}
		}
		return ""
	}
}

func orgKey(d *doc, name string) string {
	return "O:" + nameKey(d.lx, name, lexAcronym(d.lx))
}

// root follows merges to the entity that stands for this one.
func (e *Entity) root() *Entity {
	for e.canon != nil {
		e = e.canon
	}
	return e
}

// entity returns the document's entity of this name and class, making it
// if it is new.
func (d *doc) entity(name, class string, n int) *Entity {
	name = strings.TrimSpace(name)
	if group(class) == "O" {
		if x := d.lx.Lookup(name); x != nil && x.Name != name && (x.Class == class || x.Class == lexicon.Organization && class == ClassOrg || IsPlace(x.Class) && IsPlace(class)) {
			e := d.entity(x.Name, x.Class, n)
			if e.Lex == nil {
				e.Lex = x
				for _, a := range x.Aliases {
					d.alias(e, a)
				}
				for _, a := range x.Acronyms {
					d.acronym(e, a)
				}
			}
			d.alias(e, name)
			return e
		}
	}
	return d.entity0(name, class, n)
}

// entity0 is entity for a name the lexicon has been asked about already.
func (d *doc) entity0(name, class string, n int) *Entity {
	ks := d.keysOf(class, name)
	for _, k := range ks {
		if e, ok := d.keys[k]; ok {
			return e.root()
		}
	}
	e := &Entity{ID: len(d.res.Entities) + 1, Name: name, Class: class, first: n}
	d.res.Entities = append(d.res.Entities, e)
	for _, k := range ks {
		d.keys[k] = e
	}
	return e
}

// alias adds another name of an entity; for an organisation or place, an
// entity already known by that name is the same one.
func (d *doc) alias(e *Entity, name string) {
	e = e.root()
	name = strings.TrimSpace(name)
	if name == "" || name == e.Name {
		return
	}
	for _, a := range e.Aliases {
		if a == name {
			return
		}
	}
	e.Aliases = append(e.Aliases, name)
	if group(e.Class) != "O" {
		return
	}
	for _, k := range d.keysOf(e.Class, name) {
		if x, ok := d.keys[k]; ok && x.root() != e {
			d.merge(e, x.root())
		} else if !ok {
			d.keys[k] = e
		}
	}
}

// acronym adds a short form of an organisation's name.
func (d *doc) acronym(e *Entity, a string) {
	e = e.root()
	for _, x := range e.Acronyms {
		if x == a {
			return
		}
	}
	e.Acronyms = append(e.Acronyms, a)
	d.alias(e, a)
}

// merge makes b one with a.
func (d *doc) merge(a, b *Entity) {
	a, b = a.root(), b.root()
	if a == b {
		return
	}
	// The fuller name wins: "United Nations Office on Drugs and Crime"
	// over "UNODC".
	if b.Lex != nil && a.Lex == nil || isAcronymName(a.Name) && !isAcronymName(b.Name) {
		a, b = b, a
	}
	b.canon = a
	a.weak = a.weak && b.weak
	if a.Lex == nil {
		a.Lex = b.Lex
	}
	if a.first > b.first {
		a.first = b.first
	}
	for _, x := range append([]string{b.Name}, b.Aliases...) {
		if x != a.Name && !contains(a.Aliases, x) {
			a.Aliases = append(a.Aliases, x)
		}
	}
	for _, x := range b.Acronyms {
		if !contains(a.Acronyms, x) {
			a.Acronyms = append(a.Acronyms, x)
		}
	}
	a.Aliases = remove(a.Aliases, a.Name)
	for k, v := range d.keys {
		if v == b {
			d.keys[k] = a
		}
	}
}

func isAcronymName(s string) bool {
	return !strings.Contains(s, " ") && (Token{Text: s}).AllCaps()
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func remove(xs []string, s string) []string {
	out := xs[:0]
	for _, x := range xs {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// Resolve merges the entities of many documents: entities whose keys
// match (see above) become one, named by the lexicon's canonical name if
// it has one, else by the name most documents use (the longest, then the
// first in order, on a tie). It then names the entities whose names are
// made from others (posts, unnamed events and agreements) and merges those
// that come out the same. Call it once over all the documents of a graph.
func Resolve(results []*Result, known ...Known) {
	lx := lexicon.Default()
	acr := lexAcronym(lx)
	keys := map[string]*Entity{}
	parent := map[*Entity]*Entity{}
	var find func(e *Entity) *Entity
	find = func(e *Entity) *Entity {
		for parent[e] != nil && parent[e] != e {
			e = parent[e]
		}
		return e
	}
	union := func(a, b *Entity) {
		a, b = find(a), find(b)
		if a != b {
			parent[b] = a
		}
	}
	var all []*Entity
	// Names a curator gave come first, so that their entities take the
	// curated names.
	for _, k := range known {
		if k.Name == "" || k.Class == "" {
			continue
		}
		all = append(all, &Entity{Name: k.Name, Class: k.Class, Aliases: k.Aliases, pinned: true})
	}
	for _, r := range results {
		for _, e := range r.Entities {
			if e.canon != nil {
				continue
			}
			all = append(all, e)
		}
	}
	// Named entities first; generated names depend on them.
	for _, e := range all {
		if e.generated() {
			continue
		}
		names := []string{e.Name}
		if group(e.Class) == "O" || e.Class == ClassPerson {
			names = append(names, e.Aliases...)
		}
		for _, n := range names {
			if e.Class == ClassPerson && n != e.Name && !strings.Contains(n, " ") {
				continue
			}
			for _, k := range keysOf(lx, e.Class, n, acr) {
				if x, ok := keys[k]; ok {
					union(x, e)
				} else {
					keys[k] = e
				}
			}
		}
	}
	groups := map[*Entity][]*Entity{}
	for _, e := range all {
		if !e.generated() {
			r := find(e)
			groups[r] = append(groups[r], e)
		}
	}
	for _, g := range groups {
		unify(g)
	}
	// Then generated names, from the final names of their parts.
	gkeys := map[string]*Entity{}
	for _, e := range all {
		if !e.generated() {
			continue
		}
		e.Name = e.makeName()
		k := group(e.Class) + ":" + nameKey(lx, e.Name, acr)
		if x, ok := gkeys[k]; ok {
			unify([]*Entity{x, e})
		} else {
			gkeys[k] = e
		}
	}
}

// unify makes the entities of g one, under the best name.
func unify(g []*Entity) {
	if len(g) == 1 {
		return
	}
	count := map[string]int{}
	var lex *lexicon.Entry
	for _, e := range g {
		if e.Lex != nil && lex == nil {
			lex = e.Lex
		}
		if !isAcronymName(e.Name) {
			count[e.Name]++
		}
	}
	var names []string
	for n := range count {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := names[i], names[j]
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return a < b
	})
	best := g[0].Name
	if lex != nil {
		best = lex.Name
	} else if len(names) > 0 {
		best = names[0]
	}
	for _, e := range g {
		if e.pinned {
			best = e.Name // a curator's name wins
			break
		}
	}
	rep := g[0]
	if rep.pinned {
		// the curator's entity is no document's: a document's stands
		for _, e := range g {
			if !e.pinned {
				rep = e
				break
			}
		}
	}
	class := rep.Class
	weak := true
	for _, e := range g {
		weak = weak && e.weak
	}
	rep.weak = weak
	var aliases, acronyms []string
	for _, e := range g {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if n != best && !contains(aliases, n) {
				aliases = append(aliases, n)
			}
		}
		for _, a := range e.Acronyms {
			if !contains(acronyms, a) {
				acronyms = append(acronyms, a)
			}
		}
		if moreSpecific(e.Class, class) {
			class = e.Class
		}
		if e != rep && !e.pinned {
			e.canon = rep
		}
	}
	rep.Name, rep.Aliases, rep.Acronyms, rep.Class = best, aliases, acronyms, class
	if rep.Lex == nil {
		rep.Lex = lex
	}
}

// moreSpecific reports whether class a says more than b (a city is more
// than a place).
func moreSpecific(a, b string) bool {
	rank := map[string]int{ClassPlace: 1, ClassRegion: 2, ClassCountry: 3, ClassCity: 3}
	return rank[a] > rank[b]
}

// Key is the key entity resolution compares names by (see above).
func Key(name string) string {
	lx := lexicon.Default()
	return nameKey(lx, name, lexAcronym(lx))
}

// keysOf is keysOf with a cache for the document.
func (d *doc) keysOf(class, name string) []string {
	ck := keyName{class, name}
	globalMu.RLock()
	ks, ok := globalKeys[ck]
	globalMu.RUnlock()
	if ok {
		return ks
	}
	ks = keysOf(d.lx, class, name, d.acr)
	globalMu.Lock()
	if len(globalKeys) < maxGlobalKeys {
		globalKeys[ck] = ks
	}
	globalMu.Unlock()
	return ks
}

// keyName is a name of a class, the key of the key cache.
type keyName struct{ class, name string }

// globalKeys caches keys across documents (names recur: countries,
// organisations), up to maxGlobalKeys names.
var (
	globalMu   sync.RWMutex
	globalKeys = map[keyName][]string{}
)

const maxGlobalKeys = 200000

// Known is an entity a curator has named (in a curated file): Resolve
// gives the extracted entities that match it its name.
type Known struct {
	Name    string
	Class   string
	Aliases []string
}
