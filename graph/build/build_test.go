package build_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/build"
)

// TestBadDocumentsDoNotStopOthers builds a folder where some files are bad:
// each bad one is reported by name (and line), and the good ones load.
func TestBadDocumentsDoNotStopOthers(t *testing.T) {
	st, err := graph.Open(graph.Config{Kind: graph.Memory})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := build.Run(context.Background(), st, os.DirFS("testdata/mixed"), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"a-good.txt":    "",
		"b-badkg.txt":   "b-badkg.kg:3: want SUBJECT PREDICATE OBJECT",
		"c-badmeta.txt": "c-badmeta.meta.json",
		"d-plain.txt":   "",
		"e-binary.txt":  "e-binary.txt: not UTF-8",
	}
	if len(rep.Results) != len(want) {
		t.Fatalf("got %d results, want %d", len(rep.Results), len(want))
	}
	for _, r := range rep.Results {
		w, ok := want[r.File]
		switch {
		case !ok:
			t.Errorf("unexpected file %s", r.File)
		case w == "" && r.Err != nil:
			t.Errorf("%s: %v", r.File, r.Err)
		case w == "" && r.Added == 0:
			t.Errorf("%s: loaded nothing", r.File)
		case w != "" && (r.Err == nil || !strings.Contains(r.Err.Error(), w)):
			t.Errorf("%s: error %v, want one saying %q", r.File, r.Err, w)
		case w != "" && r.Added != 0:
			t.Errorf("%s: failed but added %d quads", r.File, r.Added)
		}
	}
	// Nothing of the document with the bad curated line is in the store.
	n, _ := st.Size(context.Background())
	var added int64
	for _, r := range rep.Results {
		added += r.Added
	}
	if n != added {
		t.Fatalf("store holds %d quads, good files added %d", n, added)
	}
}
