package eval

import (
	"os"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/vocab"
	"github.com/kgraph/kg/seeds"
)

func TestCompare(t *testing.T) {
	e := quad.IRI("https://x/e")
	c := quad.IRI("https://x/c")
	for _, tc := range []struct {
		name     string
		ext, cur []quad.Quad
		p, r     float64
		wantMiss int
		wantSpur int
	}{
		{"alias match", []quad.Quad{
			{Subject: e, Predicate: vocab.Name, Object: quad.String("UN's Vienna Office")},
			{Subject: e, Predicate: vocab.Type, Object: vocab.Organization},
		}, []quad.Quad{
			{Subject: c, Predicate: vocab.Name, Object: quad.String("United Nations Office at Vienna")},
			{Subject: c, Predicate: vocab.AlternateName, Object: quad.String("UN’s Vienna Office")},
			{Subject: c, Predicate: vocab.Type, Object: vocab.Organization},
		}, 1, 1, 0, 0},
		{"date by value", []quad.Quad{
			{Subject: e, Predicate: vocab.Name, Object: quad.String("X")},
			{Subject: e, Predicate: vocab.StartDate, Object: quad.TypedString{Value: "2019-03", Type: vocab.GYearMonth}},
		}, []quad.Quad{
			{Subject: c, Predicate: vocab.Name, Object: quad.String("x")},
			{Subject: c, Predicate: vocab.StartDate, Object: quad.TypedString{Value: "2019-03", Type: vocab.GYearMonth}},
			{Subject: c, Predicate: vocab.EndDate, Object: quad.TypedString{Value: "2019-04", Type: vocab.GYearMonth}},
		}, 1, 0.5, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Compare(tc.ext, tc.cur)
			if r.Overall.Precision != tc.p || r.Overall.Recall != tc.r || len(r.Missed) != tc.wantMiss || len(r.Spurious) != tc.wantSpur {
				t.Errorf("got P %.2f R %.2f missed %v spurious %v", r.Overall.Precision, r.Overall.Recall, r.Missed, r.Spurious)
			}
		})
	}
}

// TestSeed holds the extractor to the targets on the curated seed:
// precision at least 0.95 and recall at least 0.90.
func TestSeed(t *testing.T) {
	r, err := Seeds(seeds.FS, vocab.Minter{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	r.WriteTable(&b)
	t.Log("\n" + b.String())
	if r.Overall.Precision < 0.95 || r.Overall.Recall < 0.90 {
		t.Errorf("precision %.3f recall %.3f", r.Overall.Precision, r.Overall.Recall)
	}
}

// TestMeantime measures mention precision and recall on MEANTIME (see
// BENCHMARKS.md, "Extractor") and fails only if they fall below the figures
// recorded there, less a margin.
func TestMeantime(t *testing.T) {
	const dir = "../../../shared/testdata/meantime"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no MEANTIME corpus")
	}
	m, err := Mentions(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	m.WriteTable(&b)
	t.Log("\n" + b.String())
	if m.Docs < 100 || m.Lenient.Precision < 0.58 || m.Lenient.Recall < 0.65 {
		t.Errorf("lenient precision %.3f recall %.3f on %d documents", m.Lenient.Precision, m.Lenient.Recall, m.Docs)
	}
}
