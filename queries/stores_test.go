package queries_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/build"
	"github.com/kgraph/kg/graph/storetest"
	"github.com/kgraph/kg/graph/synth"
	"github.com/kgraph/kg/graph/vocab"
	"github.com/kgraph/kg/queries"
	"github.com/kgraph/kg/seeds"
)

// TestQueriesOnEveryStore asks the named queries the same questions of the
// seed graph and a synthetic one on every store: the answers must be the
// same, byte for byte. Each store reads quads and values its own way
// (graph.Store.QuadsOf and ValuesOf: bolt reads its file directly, SQL
// stores ask one query).
func TestQueriesOnEveryStore(t *testing.T) {
	ctx := context.Background()
	var buf bytes.Buffer
	if _, err := synth.Write(&buf, synth.Config{Quads: 4000, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "synth.nq")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	asks := []struct {
		query  string
		params map[string]string
	}{
		{"path", map[string]string{"from": "Vladimir Norov", "to": "Astana", "limit": "50"}},
		{"path", map[string]string{"from": "UN", "to": "Bishkek", "max": "6", "limit": "1000"}},
		{"path", map[string]string{"from": "SCO", "to": "UNODC", "max": "3", "limit": "100"}},
		{"entity", map[string]string{"name": "UNODC"}},
		{"relations", map[string]string{"entity": "UNODC"}},
		{"roles", map[string]string{"entity": "SCO"}},
		{"events", map[string]string{"entity": "SCO"}},
		{"agreements", map[string]string{"entity": "UNODC"}},
		{"timeline", map[string]string{"entity": "SCO"}},
		{"evidence", map[string]string{"subject": "SCO-UNODC Memorandum of Understanding", "predicate": "kg:signingDate", "object": "2011-06-14"}},
	}
	var want []string
	for _, k := range storetest.Kinds() {
		t.Run(k.Name, func(t *testing.T) {
			st := k.Open(t)
			if _, err := st.LoadFile(ctx, file, graph.LoadOptions{}); err != nil {
				t.Fatal(err)
			}
			if _, err := build.Run(ctx, st, seeds.FS, build.Options{Minter: vocab.Minter{}}); err != nil {
				t.Fatal(err)
			}
			e := queries.New(st)
			var got []string
			for _, a := range asks {
				ans, err := e.Run(ctx, a.query, a.params)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := json.Marshal(ans.Results)
				if len(ans.Results) == 0 {
					t.Fatalf("%s %v: no answer", a.query, a.params)
				}
				got = append(got, string(b))
			}
			if want == nil {
				want = got
				return
			}
			for i := range asks {
				if got[i] != want[i] {
					t.Errorf("%s %v differs from the first store's:\n%s\n%s", asks[i].query, asks[i].params, got[i], want[i])
				}
			}
		})
	}
}
