// Package render draws the graph, or one entity's neighbourhood, as a
// picture with Graphviz dot: nodes labelled with their schema:name and
// coloured by rdf:type, links labelled with the predicate's local name.
// Provenance (kg:Sentence and kg:Source nodes, and literals) is left out:
// the picture is of the entities and how they relate.
package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/vocab"
)

// Formats are the picture formats Render writes.
var Formats = []string{"svg", "png"}

// Options choose what to draw.
type Options struct {
	// Format is "svg" or "png".
	Format string
	// Entity, when set, draws only the entities within Depth links of the
	// entity of that schema:name or schema:alternateName (any case).
	Entity string
	// Depth is how many links away from Entity to go; zero means 2.
	Depth int
	// Dot is the dot program; empty means "dot" on PATH.
	Dot string
}

// ErrNotFound is returned when no entity has the name asked for.
var ErrNotFound = errors.New("no entity of that name")

// palette colours the types, in the order of typeOrder; other types are grey.
var palette = map[quad.IRI]string{
	quad.IRI(vocab.Schema + "Organization"): "#8ecae6",
	quad.IRI(vocab.Schema + "Person"):       "#ffb703",
	quad.IRI(vocab.Schema + "Event"):        "#90be6d",
	quad.IRI(vocab.Schema + "Place"):        "#f4a261",
	quad.IRI(vocab.Schema + "City"):         "#f4a261",
	quad.IRI(vocab.Schema + "Country"):      "#e76f51",
	quad.IRI(vocab.KG + "Agreement"):        "#cdb4db",
	quad.IRI(vocab.KG + "Plan"):             "#bde0fe",
	quad.IRI(vocab.KG + "Strategy"):         "#ffc8dd",
	quad.IRI(vocab.KG + "Position"):         "#e9edc9",
	quad.IRI(vocab.Schema + "Report"):       "#d4a373",
}

// typeOrder decides the colour of a node with several types: the more
// specific type first (a City is also a Place).
var typeOrder = []quad.IRI{
	quad.IRI(vocab.Schema + "City"), quad.IRI(vocab.Schema + "Country"),
	quad.IRI(vocab.Schema + "Person"), quad.IRI(vocab.Schema + "Organization"),
	quad.IRI(vocab.Schema + "Event"), quad.IRI(vocab.KG + "Agreement"),
	quad.IRI(vocab.KG + "Plan"), quad.IRI(vocab.KG + "Strategy"),
	quad.IRI(vocab.KG + "Position"), quad.IRI(vocab.Schema + "Report"),
	quad.IRI(vocab.Schema + "Place"),
}

// node is an entity to draw.
type node struct {
	iri   quad.IRI
	label string
	typ   quad.IRI // the type that colours it; "" if none known
}

type edge struct {
	from, to quad.IRI
	label    string
}

// Render writes the picture to w.
func Render(ctx context.Context, qs graph.QuadStore, w io.Writer, opt Options) error {
	if opt.Format != "svg" && opt.Format != "png" {
		return fmt.Errorf("format %q: want svg or png", opt.Format)
	}
	dot, err := Dot(ctx, qs, opt)
	if err != nil {
		return err
	}
	prog := opt.Dot
	if prog == "" {
		prog = "dot"
	}
	if _, err := exec.LookPath(prog); err != nil {
		return fmt.Errorf("graphviz %s is needed to draw (apt-get install graphviz): %w", prog, err)
	}
	cmd := exec.CommandContext(ctx, prog, "-T"+opt.Format)
	cmd.Stdin = bytes.NewReader(dot)
	var stderr bytes.Buffer
	cmd.Stdout = w
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s -T%s: %w: %s", prog, opt.Format, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// Dot returns the Graphviz source of the picture.
func Dot(ctx context.Context, qs graph.QuadStore, opt Options) ([]byte, error) {
	nodes, err := entities(ctx, qs)
	if err != nil {
		return nil, err
	}
	edges, err := links(ctx, qs, nodes)
	if err != nil {
		return nil, err
	}
	if opt.Entity != "" {
		start, err := Resolve(ctx, qs, opt.Entity)
		if err != nil {
			return nil, err
		}
		depth := opt.Depth
		if depth <= 0 {
			depth = 2
		}
		nodes, edges = neighbourhood(nodes, edges, start, depth)
	}
	return write(nodes, edges), nil
}

// Resolve finds the entity whose schema:name or schema:alternateName is
// name, ignoring case. Several matches are an error that names them.
func Resolve(ctx context.Context, qs graph.QuadStore, name string) (quad.IRI, error) {
	want := strings.ToLower(strings.TrimSpace(name))
	// Every (entity, name) pair; the graph is small enough to compare all
	// names in Go, which is what makes the match case-insensitive.
	p := path.StartPath(qs).Tag("entity").Out(vocab.Name, vocab.AlternateName).Tag("v")
	found := map[quad.IRI]bool{}
	err := p.Iterate(ctx).TagValues(nil, func(tags map[string]quad.Value) error {
		v, ok := tags["v"]
		if !ok {
			return nil
		}
		if strings.ToLower(quad.ToString(v)) != want {
			return nil
		}
		if iri, ok := tags["entity"].(quad.IRI); ok {
			found[iri] = true
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("find %q: %w", name, err)
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("%w: %q", ErrNotFound, name)
	case 1:
		for iri := range found {
			return iri, nil
		}
	}
	var all []string
	for iri := range found {
		all = append(all, string(iri))
	}
	sort.Strings(all)
	return "", fmt.Errorf("%q names %d entities: %s", name, len(all), strings.Join(all, ", "))
}

// entities returns every typed node that is not provenance, with its
// label and colouring type.
func entities(ctx context.Context, qs graph.QuadStore) (map[quad.IRI]*node, error) {
	out := map[quad.IRI]*node{}
	prov := map[quad.IRI]bool{}
	err := path.StartPath(qs).Tag("n").Out(vocab.Type).Tag("v").Iterate(ctx).TagValues(nil, func(tags map[string]quad.Value) error {
		iri, ok := tags["n"].(quad.IRI)
		if !ok {
			return nil
		}
		t, _ := tags["v"].(quad.IRI)
		if t == vocab.Sentence || t == vocab.Source {
			prov[iri] = true
			return nil
		}
		n := out[iri]
		if n == nil {
			n = &node{iri: iri}
			out[iri] = n
		}
		if rank(t) < rank(n.typ) {
			n.typ = t
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read types: %w", err)
	}
	for iri := range prov {
		delete(out, iri)
	}
	err = path.StartPath(qs).Tag("n").Out(vocab.Name).Tag("v").Iterate(ctx).TagValues(nil, func(tags map[string]quad.Value) error {
		iri, _ := tags["n"].(quad.IRI)
		if n := out[iri]; n != nil && n.label == "" {
			n.label = quad.ToString(tags["v"])
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read names: %w", err)
	}
	for _, n := range out {
		if n.label == "" {
			n.label = vocab.LocalName(n.iri)
		}
	}
	return out, nil
}

// rank orders types for colouring; unknown and missing types come last.
func rank(t quad.IRI) int {
	for i, o := range typeOrder {
		if o == t {
			return i
		}
	}
	if t == "" {
		return len(typeOrder) + 1
	}
	return len(typeOrder)
}

// links returns the links between entities (rdf:type aside).
func links(ctx context.Context, qs graph.QuadStore, nodes map[quad.IRI]*node) ([]edge, error) {
	var out []edge
	seen := map[edge]bool{}
	it := qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			return nil, fmt.Errorf("read quad: %w", err)
		}
		s, ok1 := q.Subject.(quad.IRI)
		o, ok2 := q.Object.(quad.IRI)
		p, ok3 := q.Predicate.(quad.IRI)
		if !ok1 || !ok2 || !ok3 || p == vocab.Type || nodes[s] == nil || nodes[o] == nil {
			continue
		}
		e := edge{from: s, to: o, label: vocab.LocalName(p)}
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("read quads: %w", err)
	}
	return out, nil
}

// neighbourhood keeps the nodes within depth links of start, either way.
func neighbourhood(nodes map[quad.IRI]*node, edges []edge, start quad.IRI, depth int) (map[quad.IRI]*node, []edge) {
	adj := map[quad.IRI][]quad.IRI{}
	for _, e := range edges {
		adj[e.from] = append(adj[e.from], e.to)
		adj[e.to] = append(adj[e.to], e.from)
	}
	keep := map[quad.IRI]bool{start: true}
	frontier := []quad.IRI{start}
	for d := 0; d < depth; d++ {
		var next []quad.IRI
		for _, n := range frontier {
			for _, m := range adj[n] {
				if !keep[m] {
					keep[m] = true
					next = append(next, m)
				}
			}
		}
		frontier = next
	}
	outN := map[quad.IRI]*node{}
	for iri := range keep {
		if n := nodes[iri]; n != nil {
			outN[iri] = n
		}
	}
	if outN[start] == nil {
		// An entity with no type: still draw it.
		outN[start] = &node{iri: start, label: vocab.LocalName(start)}
	}
	var outE []edge
	for _, e := range edges {
		if keep[e.from] && keep[e.to] {
			outE = append(outE, e)
		}
	}
	return outN, outE
}

// write prints the dot source, sorted so that the same graph gives the
// same file.
func write(nodes map[quad.IRI]*node, edges []edge) []byte {
	var b bytes.Buffer
	b.WriteString("digraph kg {\n")
	b.WriteString("  graph [rankdir=LR, overlap=false, fontname=\"Helvetica\"];\n")
	b.WriteString("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, fillcolor=\"#dddddd\"];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#666666\"];\n")
	iris := make([]quad.IRI, 0, len(nodes))
	for iri := range nodes {
		iris = append(iris, iri)
	}
	sort.Slice(iris, func(i, j int) bool { return iris[i] < iris[j] })
	for _, iri := range iris {
		n := nodes[iri]
		color := palette[n.typ]
		if color == "" {
			color = "#dddddd"
		}
		tooltip := string(n.iri)
		if n.typ != "" {
			tooltip += " (" + vocab.LocalName(n.typ) + ")"
		}
		fmt.Fprintf(&b, "  %s [label=%s, fillcolor=%s, tooltip=%s];\n", quote(string(iri)), quote(wrap(n.label, 28)), quote(color), quote(tooltip))
	}
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].from != edges[j].from {
			return edges[i].from < edges[j].from
		}
		if edges[i].to != edges[j].to {
			return edges[i].to < edges[j].to
		}
		return edges[i].label < edges[j].label
	})
	for _, e := range edges {
		fmt.Fprintf(&b, "  %s -> %s [label=%s];\n", quote(string(e.from)), quote(string(e.to)), quote(e.label))
	}
	// A legend of the colours used.
	used := map[quad.IRI]bool{}
	for _, n := range nodes {
		if palette[n.typ] != "" {
			used[n.typ] = true
		}
	}
	if len(used) > 0 {
		b.WriteString("  subgraph cluster_legend {\n    label=\"types\"; fontsize=10; color=\"#bbbbbb\";\n")
		for _, t := range typeOrder {
			if used[t] {
				fmt.Fprintf(&b, "    %s [label=%s, fillcolor=%s];\n", quote("legend:"+string(t)), quote(vocab.LocalName(t)), quote(palette[t]))
			}
		}
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// quote writes a dot double-quoted string.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// wrap breaks a long label at spaces so that boxes stay narrow.
func wrap(s string, width int) string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for _, w := range words {
		if cur != "" && len(cur)+1+len(w) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return strings.Join(lines, "\n")
}
