package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/build"
	"github.com/kgraph/kg/graph/vocab"
	"github.com/kgraph/kg/queries"
)

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func memStore(t testing.TB) *graph.Store {
	t.Helper()
	st, err := graph.Open(graph.Config{Kind: graph.Memory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

const docA = "VIENNA, 7 November 2003 - The UN Office on Drugs and Crime (UNODC) and the UN Office for Project Services (UNOPS) today signed a Memorandum of Understanding in Vienna. It was signed by Antonio Maria Costa, Executive Director of UNODC.\n"
const docB = "The United Nations Office on Drugs and Crime welcomed Antonio Maria Costa, Executive Director of the UN Office on Drugs and Crime, in Geneva.\n"

// TestRunDocs: bad files are reported by name and skipped, the others
// load, and an organisation named two ways in two documents is one node.
func TestRunDocs(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt":     docA,
		"b.txt":     docB,
		"empty.txt": "",
		"bin.txt":   "\x00\x01\x02",
		"bad.txt":   "caf\xe9.",
		"none.txt":  "--- ... ---",
	})
	// a file over the size limit (a 50 MB log, say), checked by size
	// before it is read
	big, err := os.Create(filepath.Join(dir, "big.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	big.Close()
	st := memStore(t)
	var calls int
	rep, err := build.RunDocs(context.Background(), st, os.DirFS(dir), build.DocsOptions{Workers: 3, Progress: func(done, total int) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 7 {
		t.Errorf("progress called %d times, want 7", calls)
	}
	want := map[string]string{"a.txt": "", "b.txt": "", "big.txt": "big.txt: 50 MB is too big", "empty.txt": "empty.txt: empty file", "bin.txt": "bin.txt: binary", "bad.txt": "bad.txt: not UTF-8", "none.txt": "none.txt: no sentences"}
	for _, r := range rep.Results {
		w := want[r.File]
		switch {
		case w == "" && (r.Err != nil || r.Added == 0):
			t.Errorf("%s: err %v, added %d", r.File, r.Err, r.Added)
		case w != "" && (r.Err == nil || !strings.Contains(r.Err.Error(), w)):
			t.Errorf("%s: error %v, want %q", r.File, r.Err, w)
		}
	}
	// One UNODC, whatever the document calls it.
	e := queries.New(st)
	ans, err := e.Run(context.Background(), "entity", map[string]string{"name": "UN Office on Drugs and Crime"})
	if err != nil {
		t.Fatal(err)
	}
	ans2, err := e.Run(context.Background(), "entity", map[string]string{"name": "UNODC"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Results) == 0 || len(ans2.Results) == 0 {
		t.Fatal("UNODC not found")
	}
	if id := ans.Results[0].(queries.Entity).ID; id != ans2.Results[0].(queries.Entity).ID || id != string(vocab.Minter{}.Entity("United Nations Office on Drugs and Crime")) {
		t.Errorf("UNODC is %s and %s", id, ans2.Results[0].(queries.Entity).ID)
	}
}

// TestCuration: a full curated file replaces what the extractor found in
// its document; a file of corrections rejects and adds facts.
func TestCuration(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt": docA,
		"a.kg":  "@document a.txt\n@evidence -\n[Vienna] a schema:City\n",
		"b.txt": docB,
		"b.kg": "@document b.txt\n@evidence \"welcomed\"\n" +
			"- [Antonio Maria Costa] schema:jobTitle \"Executive Director\"\n" +
			"+ [Antonio Maria Costa] schema:jobTitle \"Chief\"\n",
	})
	st := memStore(t)
	rep, err := build.RunDocs(context.Background(), st, os.DirFS(dir), build.DocsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rep.Results {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.File, r.Err)
		}
		got[r.File] = r.Curation
	}
	if !strings.Contains(got["a.txt"], "replaces the") || !strings.Contains(got["a.txt"], "with 1 curated") {
		t.Errorf("a.txt: %q", got["a.txt"])
	}
	if !strings.Contains(got["b.txt"], "rejects 1 of") || !strings.Contains(got["b.txt"], "adds 1") {
		t.Errorf("b.txt: %q", got["b.txt"])
	}
	e := queries.New(st)
	ans, err := e.Run(context.Background(), "roles", map[string]string{"entity": "Antonio Maria Costa"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ans.Results {
		if r.(queries.Role).Title == "Executive Director" && r.(queries.Role).Organization == nil {
			t.Errorf("rejected title still there: %+v", r)
		}
	}
}

// TestCuratedNamesWin: an entity a curated file names keeps the curated
// name in the other documents too, so the graph has one node for it.
func TestCuratedNamesWin(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.txt": "The Gulf Cooperation Council (GCC) met in Riyadh.\n",
		"a.kg":  "@document a.txt\n@evidence -\n[Cooperation Council for the Arab States of the Gulf]\n    a schema:Organization\n    schema:name \"Cooperation Council for the Arab States of the Gulf\"\n    schema:alternateName \"GCC\"\n",
		"b.txt": "On 2 May 2024 the GCC signed a Memorandum of Understanding with the African Union in Riyadh.\n",
	})
	st := memStore(t)
	if _, err := build.RunDocs(context.Background(), st, os.DirFS(dir), build.DocsOptions{}); err != nil {
		t.Fatal(err)
	}
	ans, err := queries.New(st).Run(context.Background(), "agreements", map[string]string{"entity": "GCC"})
	if err != nil {
		t.Fatal(err)
	}
	want := string(vocab.Minter{}.Entity("Cooperation Council for the Arab States of the Gulf"))
	found := false
	for _, r := range ans.Results {
		for _, p := range r.(queries.Agreement).Parties {
			found = found || p.ID == want
		}
	}
	if !found {
		t.Errorf("no agreement with the curated GCC (%s) as a party: %+v", want, ans.Results)
	}
}
