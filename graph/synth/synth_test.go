package synth

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cayleygraph/quad/nquads"
)

func TestDeterministicAndValid(t *testing.T) {
	var a, b bytes.Buffer
	na, err := Write(&a, Config{Quads: 5000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(&b, Config{Quads: 5000, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Fatal("the same seed gave different graphs")
	}
	if na < 5000 {
		t.Fatalf("wrote %d quads, want at least 5000", na)
	}
	lines := strings.Split(strings.TrimSpace(a.String()), "\n")
	events, people := 0, 0
	for i, l := range lines {
		q, err := nquads.Parse(l)
		if err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if q.Label == nil || q.Label.String() == "<>" {
			t.Fatalf("line %d has no source label: %s", i+1, l)
		}
		if strings.Contains(l, "<http://schema.org/Event>") {
			events++
		}
		if strings.Contains(l, "<http://schema.org/Person>") {
			people++
		}
	}
	if events < 50 || people < 50 {
		t.Fatalf("%d events and %d people: not a realistic mix", events, people)
	}
	var c bytes.Buffer
	Write(&c, Config{Quads: 5000, Seed: 8})
	if c.String() == a.String() {
		t.Fatal("different seeds gave the same graph")
	}
}
