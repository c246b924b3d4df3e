package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExtractTriples runs kg extract on the seed document: JSON with
// mentions, dates and triples whose evidence is the text at their span.
func TestExtractTriples(t *testing.T) {
	path := filepath.Join("..", "..", "seeds", "sco-unodc-2019-07-10.txt")
	code, out, errs := runKG(t, "extract", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res extraction
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Mentions) == 0 || len(res.Dates) == 0 || len(res.Triples) == 0 {
		t.Fatalf("got %d mentions, %d dates, %d triples", len(res.Mentions), len(res.Dates), len(res.Triples))
	}
	want := `<https://kg.example.org/id/vladimir-norov> <http://schema.org/jobTitle> "Secretary-General"`
	found := false
	for _, tr := range res.Triples {
		if tr.Start < 0 || tr.End > len(text) || tr.Start > tr.End || string(text[tr.Start:tr.End]) != tr.Evidence {
			t.Errorf("triple %v: span %d-%d is not its evidence", tr, tr.Start, tr.End)
		}
		if tr.Rule == "" || !strings.Contains(tr.Graph, "#s") {
			t.Errorf("triple %v: no rule or sentence label", tr)
		}
		if tr.Subject+" "+tr.Predicate+" "+tr.Object == want {
			found = true
		}
	}
	if !found {
		t.Errorf("no %s", want)
	}
	code, out, errs = runKG(t, "extract", "--format", "nquads", path)
	if code != 0 || !strings.Contains(out, want) {
		t.Fatalf("nquads: exit %d: %s", code, errs)
	}
}

// TestEvalSeed runs kg eval: the extractor against the curated seed.
func TestEvalSeed(t *testing.T) {
	code, out, errs := runKG(t, "eval", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res struct {
		Overall struct {
			Precision, Recall float64
		} `json:"overall"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Overall.Precision < 0.95 || res.Overall.Recall < 0.90 {
		t.Errorf("seed: precision %.3f, recall %.3f; want at least 0.95 and 0.90", res.Overall.Precision, res.Overall.Recall)
	}
}

// TestBuildDocs runs kg build --docs on a folder with bad files: each is
// named in a message and the rest builds.
func TestBuildDocs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", []byte("VIENNA, 7 November 2003 - The UN Office on Drugs and Crime (UNODC) and the UN Office for Project Services (UNOPS) today signed a Memorandum of Understanding in Vienna.\n"))
	write("empty.txt", nil)
	write("binary.txt", []byte{0x89, 'P', 'N', 'G', 0, 0, 1})
	write("latin1.txt", []byte("caf\xe9 au lait.\n"))
	write("nothing.txt", []byte("... --- ...\n"))
	code, out, errs := runKG(t, "build", "--store", "memory", "--docs", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	for _, want := range []string{"skipped empty.txt: extract empty.txt: empty file", "skipped binary.txt", "skipped latin1.txt: extract latin1.txt: not UTF-8", "skipped nothing.txt: extract nothing.txt: no sentences", "built 1 documents"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
