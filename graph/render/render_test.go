package render_test

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/build"
	"github.com/kgraph/kg/graph/render"
	"github.com/kgraph/kg/seeds"
)

func seedStore(t *testing.T) *graph.Store {
	t.Helper()
	st, err := graph.Open(graph.Config{Kind: graph.Memory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := build.Run(context.Background(), st, seeds.FS, build.Options{}); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestDotNeighbourhood(t *testing.T) {
	st := seedStore(t)
	ctx := context.Background()
	dot, err := render.Dot(ctx, st.QuadStore, render.Options{Entity: "vladimir NOROV", Depth: 1})
	if err != nil {
		t.Fatal(err)
	}
	s := string(dot)
	for _, want := range []string{`label="Vladimir Norov"`, `label="Shanghai Cooperation\nOrganisation"`, `label="worksFor"`, `fillcolor="#ffb703"`} {
		if !strings.Contains(s, want) {
			t.Errorf("dot lacks %s:\n%s", want, s)
		}
	}
	for _, not := range []string{"#s1", "Sentence", `label="Bishkek"`} {
		if strings.Contains(s, not) {
			t.Errorf("dot has %s (provenance, or beyond depth 1):\n%s", not, s)
		}
	}
}

func TestResolve(t *testing.T) {
	st := seedStore(t)
	ctx := context.Background()
	iri, err := render.Resolve(ctx, st.QuadStore, "sco") // an alternateName
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(iri), "/shanghai-cooperation-organisation") {
		t.Errorf("sco resolved to %s", iri)
	}
	if _, err := render.Resolve(ctx, st.QuadStore, "Nobody At All"); !errors.Is(err, render.ErrNotFound) {
		t.Errorf("unknown name: %v", err)
	}
}

func TestRenderWithDot(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("Graphviz dot is not installed (apt-get install graphviz)")
	}
	st := seedStore(t)
	for _, f := range render.Formats {
		var b bytes.Buffer
		if err := render.Render(context.Background(), st.QuadStore, &b, render.Options{Format: f}); err != nil {
			t.Fatal(err)
		}
		switch f {
		case "svg":
			if !strings.Contains(b.String(), "<svg") || !strings.Contains(b.String(), "Yury Fedotov") {
				t.Errorf("svg lacks the drawing or the names")
			}
		case "png":
			if !bytes.HasPrefix(b.Bytes(), []byte("\x89PNG")) {
				t.Errorf("png output is not a PNG")
			}
		}
	}
	if err := render.Render(context.Background(), st.QuadStore, &bytes.Buffer{}, render.Options{Format: "gif"}); err == nil {
		t.Error("gif accepted")
	}
}
