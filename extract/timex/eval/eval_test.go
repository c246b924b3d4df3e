package eval

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kgraph/kg/extract/timex"
)

func loadTiny(t *testing.T) Doc {
	t.Helper()
	f, err := os.Open("testdata/tiny.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := Parse(f, "tiny.xml")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestParse(t *testing.T) {
	d := loadTiny(t)
	if !d.Ref.Equal(time.Date(2019, 7, 11, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Ref = %v, want 2019-07-11", d.Ref)
	}
	if !strings.HasPrefix(d.Text, "Talks end\nJuly 11, 2019\nMinisters met on Monday for three days.\n") {
		t.Errorf("text rebuilt as %q", d.Text)
	}
	if len(d.Gold) != 5 {
		t.Fatalf("gold = %+v, want 5 anchored mentions", d.Gold)
	}
	for _, g := range d.Gold {
		t.Logf("%q %s %s", d.Text[g.Start:g.End], g.Type, g.Value)
	}
	if got := d.Text[d.Gold[0].Start:d.Gold[0].End]; got != "July 11, 2019" || !d.Gold[0].CreationTime {
		t.Errorf("first gold = %q (creation time %v)", got, d.Gold[0].CreationTime)
	}
	if len(d.SentenceStarts) != 7 {
		t.Errorf("sentences = %d, want 7", len(d.SentenceStarts))
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.01 }

func TestEvaluate(t *testing.T) {
	docs := []Doc{loadTiny(t)}
	tests := []struct {
		name                 string
		opt                  Options
		gold, sys            int
		strict, relax, value int
		strictP, valueF1     float64
	}{
		// Gold: the dateline, Monday, three days, next spring (wrong value
		// on purpose), "the talks" (not temporal: a miss). The tagger also
		// finds "2018", past the annotated sentences.
		{"annotated part", Options{}, 5, 4, 4, 4, 3, 100, 2 * 75 * 60 / 135.0},
		{"whole text", Options{Sentences: -1}, 5, 5, 4, 4, 3, 80, 2 * 60 * 60 / 120.0},
		{"no creation time", Options{SkipCreationTime: true}, 4, 3, 3, 3, 2, 100, 2 * (200 / 3.0) * 50 / (200/3.0 + 50)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Evaluate(docs, timex.Tag, tc.opt)
			c := r.Counts
			if c.Gold != tc.gold || c.System != tc.sys || c.Strict != tc.strict || c.Relaxed != tc.relax || c.Value != tc.value {
				t.Fatalf("counts = %+v, want gold %d sys %d strict %d relaxed %d value %d", c, tc.gold, tc.sys, tc.strict, tc.relax, tc.value)
			}
			if !near(r.Strict.P, tc.strictP) || !near(r.Value.F1, tc.valueF1) {
				t.Errorf("strict P = %.2f (want %.2f), value F1 = %.2f (want %.2f)", r.Strict.P, tc.strictP, r.Value.F1, tc.valueF1)
			}
		})
	}
}

// TestRelaxed checks partial overlaps: a relaxed match that is not strict.
func TestRelaxed(t *testing.T) {
	d := Doc{Text: "over six years", Gold: []Mention{{Start: 0, End: 14, Type: "DURATION", Value: "P6Y"}}, SentenceStarts: []int{0}}
	tag := func(string, time.Time) []timex.Timex {
		return []timex.Timex{{Start: 5, End: 14, Type: "DURATION", Value: "P6Y"}}
	}
	r := Evaluate([]Doc{d}, tag, Options{})
	if r.Counts.Strict != 0 || r.Counts.Relaxed != 1 || r.Counts.Value != 1 {
		t.Errorf("counts = %+v, want strict 0, relaxed 1, value 1", r.Counts)
	}
}

func TestSameValue(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"201X", "201", true}, {"19XX", "19", true}, {"2019", "2019", true},
		{"2019", "201", false}, {"XXXX", "", false}, {"p3y", "P3Y", true},
	} {
		if got := sameValue(tc.a, tc.b); got != tc.want {
			t.Errorf("sameValue(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func TestOutput(t *testing.T) {
	r := Evaluate([]Doc{loadTiny(t)}, timex.Tag, Options{})
	var b bytes.Buffer
	if err := r.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "relaxed extent") || !strings.Contains(b.String(), "value") {
		t.Errorf("table:\n%s", b.String())
	}
	js, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"relaxed":{"precision":100`) {
		t.Errorf("json: %s", js)
	}
	b.Reset()
	if err := r.WriteErrors(&b); err != nil || !strings.Contains(b.String(), "MISSED") {
		t.Errorf("errors: %v\n%s", err, b.String())
	}
}

func TestLoadDir(t *testing.T) {
	docs, err := LoadDir("testdata")
	if err != nil || len(docs) != 1 {
		t.Fatalf("LoadDir = %d docs, %v", len(docs), err)
	}
	if _, err := LoadDir(t.TempDir()); err == nil {
		t.Error("LoadDir of an empty folder: want an error")
	}
}
