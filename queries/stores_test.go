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

// TestPathOnEveryStore asks the path query the same questions of the seed
// graph and a synthetic one on every store: the answers must be the same,
// byte for byte. Each store reads edges its own way (graph.Store.QuadsOf:
// bolt reads its file directly).
func TestPathOnEveryStore(t *testing.T) {
	ctx := context.Background()
	var buf bytes.Buffer
	if _, err := synth.Write(&buf, synth.Config{Quads: 4000, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "synth.nq")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	asks := []map[string]string{
		{"from": "Vladimir Norov", "to": "Astana", "limit": "50"},
		{"from": "UN", "to": "Bishkek", "max": "6", "limit": "1000"},
		{"from": "SCO", "to": "UNODC", "max": "3", "limit": "100"},
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
				ans, err := e.Run(ctx, "path", a)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := json.Marshal(ans.Results)
				if len(ans.Results) == 0 {
					t.Fatalf("path %v: no connection", a)
				}
				got = append(got, string(b))
			}
			if want == nil {
				want = got
				return
			}
			for i := range asks {
				if got[i] != want[i] {
					t.Errorf("path %v differs from the first store's:\n%s\n%s", asks[i], got[i], want[i])
				}
			}
		})
	}
}
