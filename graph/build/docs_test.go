package build_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/build"
	"github.com/kgraph/kg/graph/vocab"
	"github.com/kgraph/kg/queries"
)

// writeFiles makes the files of a folder, with the folders on their
// paths ("2019/a.txt").
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
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

// storedDocs returns the documents the store holds, by the file names
// their sources record (kg:identifier).
func storedDocs(t testing.TB, st *graph.Store) map[string]bool {
	t.Helper()
	got := map[string]bool{}
	st.RLock()
	defer st.RUnlock()
	err := st.EachWithPredicate(context.Background(), vocab.Identifier, func(_, o quad.Value) error {
		if s, ok := o.(quad.String); ok {
			got[string(s)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// sparse makes a file of size bytes that takes no disk and no time.
func sparse(t testing.TB, name string, size int64) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// symlink makes a symbolic link, or skips the test where there are none.
func symlink(t testing.TB, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// TestRunDocsBadFiles: each kind of file or folder that is not a document
// is reported by name with what is wrong with it, costs no more memory
// than its stat, and the documents beside it are built. Every case's
// folder also has good.txt and sub/good.txt, which must be in the store.
func TestRunDocsBadFiles(t *testing.T) {
	deep := func(n int) string { // d01/d02/.../dNN
		var parts []string
		for i := 1; i <= n; i++ {
			parts = append(parts, fmt.Sprintf("d%02d", i))
		}
		return strings.Join(parts, "/")
	}
	tests := []struct {
		name  string
		root  bool // the case needs a user that permissions stop (not root)
		setup func(t *testing.T, dir string)
		// bad: file or folder -> what its error must say, the name of the
		// file at fault first
		bad map[string][]string
		// more documents that must be built
		good []string
		// the most bytes RunDocs may allocate, if set
		maxAlloc uint64
	}{
		{name: "empty", setup: func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"empty.txt": "", "blank.txt": " \n\t\r\n"})
		}, bad: map[string][]string{"empty.txt": {"empty.txt: empty file"}, "blank.txt": {"blank.txt: empty file"}}},
		{name: "binary", setup: func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"logo.txt": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
		}, bad: map[string][]string{"logo.txt": {"logo.txt: binary file"}}},
		{name: "not UTF-8", setup: func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"latin1.txt": "Le Caf\xe9 de Vienne a \xe9t\xe9 ouvert."})
		}, bad: map[string][]string{"latin1.txt": {"latin1.txt: not UTF-8"}}},
		{name: "no sentence", setup: func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"rule.txt": "--- ... ---\n"})
		}, bad: map[string][]string{"rule.txt": {"rule.txt: no sentences"}}},
		{name: "100 MB", setup: func(t *testing.T, dir string) {
			sparse(t, filepath.Join(dir, "sub", "dump.txt"), 100<<20)
		}, bad: map[string][]string{"sub/dump.txt": {"sub/dump.txt: 100 MB is too big", "at most 10 MB"}}, maxAlloc: 20 << 20},
		{name: "just over the limit", setup: func(t *testing.T, dir string) {
			sparse(t, filepath.Join(dir, "over.txt"), 10<<20+1)
		}, bad: map[string][]string{"over.txt": {"over.txt: 11 MB is too big", "at most 10 MB"}}, maxAlloc: 20 << 20},
		{name: "folder named .txt", setup: func(t *testing.T, dir string) {
			// a folder, whatever its name: its documents are read
			writeFiles(t, dir, map[string]string{"notes.txt/inner.txt": docB})
		}, good: []string{"notes.txt/inner.txt"}},
		{name: "symlink named .txt to a folder", setup: func(t *testing.T, dir string) {
			symlink(t, "sub", filepath.Join(dir, "papers.txt"))
		}, bad: map[string][]string{"papers.txt": {"papers.txt: not a regular file but a folder"}}},
		{name: "device", setup: func(t *testing.T, dir string) {
			if _, err := os.Stat("/dev/zero"); err != nil {
				t.Skip("no /dev/zero")
			}
			symlink(t, "/dev/zero", filepath.Join(dir, "zero.txt")) // would never end
		}, bad: map[string][]string{"zero.txt": {"zero.txt: not a regular file but a character device"}}, maxAlloc: 20 << 20},
		{name: "symlink to itself", setup: func(t *testing.T, dir string) {
			symlink(t, "loop.txt", filepath.Join(dir, "loop.txt"))
		}, bad: map[string][]string{"loop.txt": {"loop.txt: too many levels of symbolic links"}}},
		{name: "symlinks to each other", setup: func(t *testing.T, dir string) {
			symlink(t, "pong.txt", filepath.Join(dir, "ping.txt"))
			symlink(t, "ping.txt", filepath.Join(dir, "pong.txt"))
			symlink(t, "there", filepath.Join(dir, "back"))
			symlink(t, "back", filepath.Join(dir, "there"))
		}, bad: map[string][]string{
			"ping.txt": {"ping.txt: too many levels of symbolic links"},
			"pong.txt": {"pong.txt: too many levels of symbolic links"},
			"back":     {"symbolic link back: too many levels of symbolic links"},
			"there":    {"symbolic link there: too many levels of symbolic links"},
		}},
		{name: "dangling symlink", setup: func(t *testing.T, dir string) {
			symlink(t, "moved-away.txt", filepath.Join(dir, "gone.txt"))
			symlink(t, "/nonexistent/archive", filepath.Join(dir, "archive"))
		}, bad: map[string][]string{
			"gone.txt": {"gone.txt: broken symbolic link", "moved-away.txt does not exist"},
			"archive":  {"archive: broken symbolic link", "/nonexistent/archive does not exist"},
		}},
		{name: "symlink to a file", setup: func(t *testing.T, dir string) {
			symlink(t, filepath.Join("sub", "good.txt"), filepath.Join(dir, "alias.txt"))
		}, good: []string{"alias.txt"}},
		{name: "symlink to a parent folder", setup: func(t *testing.T, dir string) {
			symlink(t, "..", filepath.Join(dir, "sub", "up"))
			symlink(t, dir, filepath.Join(dir, "sub", "sub2", "root"))
		}, bad: map[string][]string{
			"sub/up":        {"sub/up is to a folder: not followed"},
			"sub/sub2/root": {"sub/sub2/root is to a folder: not followed"},
		}},
		{name: "broken sidecar link", setup: func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"s.txt": docB})
			symlink(t, "s.json", filepath.Join(dir, "s.meta.json"))
		}, bad: map[string][]string{"s.txt": {"read sidecar s.meta.json: broken symbolic link", "s.json does not exist"}}},
		{name: "sidecar too big", setup: func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"m.txt": docB})
			sparse(t, filepath.Join(dir, "m.meta.json"), 2<<20)
		}, bad: map[string][]string{"m.txt": {"read sidecar m.meta.json: 2 MB is too big (at most 1 MB)"}}, maxAlloc: 20 << 20},
		{name: "broken curated link", setup: func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"c.txt": docB})
			symlink(t, "c-old.kg", filepath.Join(dir, "c.kg"))
		}, bad: map[string][]string{"c.txt": {"read curated file c.kg: broken symbolic link"}}},
		{name: "unreadable file", root: true, setup: func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"secret.txt": docB})
			if err := os.Chmod(filepath.Join(dir, "secret.txt"), 0); err != nil {
				t.Fatal(err)
			}
		}, bad: map[string][]string{"secret.txt": {"secret.txt: permission denied"}}},
		{name: "unreadable folder", root: true, setup: func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"locked/a.txt": docB})
			if err := os.Chmod(filepath.Join(dir, "locked"), 0); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(filepath.Join(dir, "locked"), 0o755) })
		}, bad: map[string][]string{"locked": {"read folder locked: permission denied"}}},
		{name: "too deep", setup: func(t *testing.T, dir string) {
			files := map[string]string{deep(build.MaxDepth+200) + "/x.txt": docB}
			for n := 1; n <= build.MaxDepth+2; n++ {
				files[deep(n)+"/x.txt"] = docB
			}
			writeFiles(t, dir, files)
		}, bad: map[string][]string{
			deep(build.MaxDepth + 1): {deep(build.MaxDepth+1) + fmt.Sprintf(" is %d folders deep, more than %d", build.MaxDepth+1, build.MaxDepth)},
		}, good: func() []string {
			var out []string
			for n := 1; n <= build.MaxDepth; n++ {
				out = append(out, deep(n)+"/x.txt")
			}
			return out
		}()},
		{name: "one source IRI for two files", setup: func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"sub-good.txt": docB})
		}, bad: map[string][]string{"sub/good.txt": {"sub/good.txt: its source IRI", "is that of sub-good.txt"}}, good: []string{"sub-good.txt"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.root && os.Geteuid() == 0 {
				t.Skip("permissions do not stop root")
			}
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"good.txt": docA, "sub/good.txt": docB})
			tc.setup(t, dir)
			st := memStore(t)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			rep, err := build.RunDocs(context.Background(), st, os.DirFS(dir), build.DocsOptions{Workers: 2})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if n := after.TotalAlloc - before.TotalAlloc; tc.maxAlloc > 0 && n > tc.maxAlloc {
				t.Errorf("the build allocated %d MB, want at most %d MB", n>>20, tc.maxAlloc>>20)
			}
			want := map[string]bool{"good.txt": true, "sub/good.txt": true}
			for _, g := range tc.good {
				want[g] = true
			}
			for f := range tc.bad {
				delete(want, f)
			}
			seen := map[string]bool{}
			for _, r := range rep.Results {
				seen[r.File] = true
				words, bad := tc.bad[r.File]
				switch {
				case bad && r.Err == nil:
					t.Errorf("%s: loaded, want an error saying %q", r.File, words)
				case bad:
					for _, w := range words {
						if !strings.Contains(r.Err.Error(), w) {
							t.Errorf("%s: error %q does not say %q", r.File, r.Err, w)
						}
					}
				case r.Err != nil:
					t.Errorf("%s: %v", r.File, r.Err)
				case !want[r.File]:
					t.Errorf("%s: built, want it not to be", r.File)
				}
			}
			for f := range tc.bad {
				if !seen[f] {
					t.Errorf("%s: not in the report", f)
				}
			}
			got := storedDocs(t, st)
			for f := range want {
				if !got[f] {
					t.Errorf("%s: not in the store", f)
				}
			}
			for f := range got {
				if !want[f] {
					t.Errorf("%s: in the store, want it not to be", f)
				}
			}
		})
	}
}

// TestRunDocsFolders: press releases filed in folders by year are found
// and named by their paths, so two with one file name in two folders are
// two sources; sidecars and curated files are read beside their
// documents (a curated file's @document is relative to its folder); an
// organisation is one node across folders; hidden folders are not read.
func TestRunDocsFolders(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"2003/11/release.txt":       docA,
		"2003/11/release.meta.json": `{"title": "UNODC and UNOPS sign an MOU", "date": "2003-11-07"}`,
		"2019/release.txt":          docB,
		"2019/release.kg": "@document release.txt\n@evidence \"welcomed\"\n" +
			"- [Antonio Maria Costa] schema:jobTitle \"Executive Director\"\n" +
			"+ [Antonio Maria Costa] schema:jobTitle \"Chief\"\n",
		"release.txt":         "The UNODC met the African Union in Addis Ababa.\n",
		".git/objects/ab.txt": docB,
		".hidden/notes.txt":   docB,
		"2019/README.md":      "not a document",
	})
	st := memStore(t)
	rep, err := build.RunDocs(context.Background(), st, os.DirFS(dir), build.DocsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, r := range rep.Results {
		files = append(files, r.File)
		if r.Err != nil {
			t.Errorf("%s: %v", r.File, r.Err)
		}
		if r.File == "2019/release.txt" && !strings.Contains(r.Curation, "2019/release.kg rejects 1 of") {
			t.Errorf("2019/release.txt: curation %q", r.Curation)
		}
	}
	if want := "2003/11/release.txt 2019/release.txt release.txt"; strings.Join(files, " ") != want {
		t.Errorf("report lists %v, want %s", files, want)
	}
	got := storedDocs(t, st)
	if len(got) != 3 || !got["2003/11/release.txt"] || !got["2019/release.txt"] || !got["release.txt"] {
		t.Errorf("stored documents %v", got)
	}
	m := vocab.Minter{}
	titles := map[quad.Value]string{}
	st.RLock()
	err = st.EachWithPredicate(context.Background(), vocab.Name, func(s, o quad.Value) error {
		titles[s] = fmt.Sprint(o)
		return nil
	})
	st.RUnlock()
	if err != nil {
		t.Fatal(err)
	}
	if got := titles[m.Source("2003/11/release.txt")]; !strings.Contains(got, "UNODC and UNOPS sign an MOU") {
		t.Errorf("2003/11/release.txt is named %s, want its sidecar's title", got)
	}
	// One UNODC over the three folders, named as the top folder's
	// document does not name it.
	e := queries.New(st)
	ans, err := e.Run(context.Background(), "entity", map[string]string{"name": "UNODC"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Results) != 1 || ans.Results[0].(queries.Entity).ID != string(m.Entity("United Nations Office on Drugs and Crime")) {
		t.Errorf("UNODC is %+v", ans.Results)
	}
	// 2019/release.kg's correction: Costa is "Chief" in 2019/release.txt.
	costa := m.Entity("Antonio Maria Costa")
	var jobs []quad.Quad
	st.RLock()
	err = st.EachWithPredicate(context.Background(), vocab.JobTitle, func(s, o quad.Value) error {
		if s == costa {
			jobs = append(jobs, quad.Quad{Subject: s, Predicate: vocab.JobTitle, Object: o})
		}
		return nil
	})
	st.RUnlock()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fmt.Sprint(jobs), `"Chief"`) {
		t.Errorf("the curated title is not in the graph: %v", jobs)
	}
}

// tinyDocs writes n one-sentence documents, perDir to a folder, about
// 130 bytes each. People, organisations and places recur across them, so
// their entities merge across documents and folders. It returns their
// paths.
func tinyDocs(t testing.TB, dir string, n, perDir int) []string {
	t.Helper()
	orgs := []string{"UNODC", "the Shanghai Cooperation Organisation", "the SCO", "the OSCE", "the African Union", "ASEAN", "the UN Office on Drugs and Crime"}
	cities := []string{"Vienna", "Geneva", "Beijing", "Jakarta", "Bishkek", "Tashkent"}
	first := []string{"Anna", "Boris", "Chen", "Dilnoza", "Erik", "Farida", "Gulnara", "Hiroshi", "Ivan", "Jamila", "Karim", "Lena"}
	last := []string{"Abenov", "Berg", "Castillo", "Dzhaparov", "Eriksen", "Fang", "Gupta", "Haddad", "Ismailov", "Jansen", "Kovacs", "Larsen"}
	var names []string
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("f%03d/t%06d.txt", i/perDir, i)
		text := fmt.Sprintf("On %d May 2019 %s met %s in %s, where %s %s, Director of %s, spoke.\n",
			1+i%28, orgs[i%len(orgs)], orgs[(i/7+1)%len(orgs)], cities[i%len(cities)], first[i%len(first)], last[(i/len(first))%len(last)], orgs[(i/3)%len(orgs)])
		p := filepath.Join(dir, filepath.FromSlash(name))
		if i%perDir == 0 {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	return names
}

// buildTiny builds n tiny documents (tinyDocs) and a few bad files among
// them into st, checks that each bad file is reported and every tiny
// document is in the store, and returns the heap the build held once all
// documents were extracted, before loading, per document.
func buildTiny(t testing.TB, st *graph.Store, n, perDir int) (perDoc uint64) {
	t.Helper()
	dir := t.TempDir()
	names := tinyDocs(t, dir, n, perDir)
	writeFiles(t, dir, map[string]string{"f000/empty.txt": "", "f001/bin.txt": "\x00\x01"})
	sparse(t, filepath.Join(dir, "f002", "big.txt"), 100<<20)
	bad := map[string]string{"f000/empty.txt": "empty file", "f001/bin.txt": "binary file", "f002/big.txt": "100 MB is too big"}

	runtime.GC()
	var base, held runtime.MemStats
	runtime.ReadMemStats(&base)
	start := time.Now()
	var extracted time.Duration
	rep, err := build.RunDocs(context.Background(), st, os.DirFS(dir), build.DocsOptions{Progress: func(done, total int) {
		if done == total {
			// every document extracted, none loaded: the most the build
			// holds besides the store
			extracted = time.Since(start)
			runtime.GC()
			runtime.ReadMemStats(&held)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d documents: extracted in %v, loaded in %v; %d quads", n, extracted, time.Since(start)-extracted, rep.Added())
	if len(rep.Results) != n+len(bad) {
		t.Errorf("%d results, want %d", len(rep.Results), n+len(bad))
	}
	for _, r := range rep.Results {
		if w, ok := bad[r.File]; ok {
			if r.Err == nil || !strings.Contains(r.Err.Error(), r.File+": "+w) {
				t.Errorf("%s: error %v, want %q", r.File, r.Err, w)
			}
		} else if r.Err != nil {
			t.Errorf("%s: %v", r.File, r.Err)
		}
	}
	got := storedDocs(t, st)
	for _, name := range names {
		if !got[name] {
			t.Errorf("%s: not in the store", name)
		}
	}
	if len(got) != n {
		t.Errorf("%d documents in the store, want %d", len(got), n)
	}
	if held.HeapAlloc < base.HeapAlloc {
		return 0
	}
	return (held.HeapAlloc - base.HeapAlloc) / uint64(n)
}

// maxHeldPerDoc bounds what the build holds per document until all are
// extracted: about 5 KB for a tiny document, measured (see RunDocs).
const maxHeldPerDoc = 8 << 10

// TestManyTinyDocs: 2,000 one-sentence documents in 20 folders, with bad
// files among them, all build, and the build holds a few kilobytes per
// document. docs_stress_test.go does 100,000.
func TestManyTinyDocs(t *testing.T) {
	perDoc := buildTiny(t, memStore(t), 2000, 100)
	t.Logf("held %d bytes per document before loading", perDoc)
	if perDoc > maxHeldPerDoc {
		t.Errorf("the build held %d bytes per document, want at most %d", perDoc, maxHeldPerDoc)
	}
}
