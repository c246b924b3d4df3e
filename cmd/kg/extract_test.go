package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type jsonTimex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Range *struct {
		Start string `json:"start"`
		End   string `json:"end"`
	} `json:"range"`
}

func runKG(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExtractDates(t *testing.T) {
	path := filepath.Join("testdata", "dates.txt")
	code, out, errs := runKG(t, "extract", "--dates", "--ref", "2019-07-11", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got []jsonTimex
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not a JSON array: %v\n%s", err, out)
	}
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ text, typ, value, rs, re string }{
		{"10\u00a0July 2019", "DATE", "2019-07-10", "", ""},
		{"13-14 June 2019", "DURATION", "P2D", "2019-06-13", "2019-06-14"},
		{"2018-2023", "DURATION", "P6Y", "2018", "2023"},
		{"June", "DATE", "2019-06", "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d expressions, want %d:\n%s", len(got), len(want), out)
	}
	for i, w := range want {
		g := got[i]
		if g.Text != w.text || g.Type != w.typ || g.Value != w.value {
			t.Errorf("[%d] = %q %s %s, want %q %s %s", i, g.Text, g.Type, g.Value, w.text, w.typ, w.value)
		}
		if string(text[g.Start:g.End]) != g.Text {
			t.Errorf("[%d] bytes %d:%d = %q, want %q", i, g.Start, g.End, text[g.Start:g.End], g.Text)
		}
		switch {
		case w.rs == "" && g.Range != nil:
			t.Errorf("[%d] unexpected range %+v", i, *g.Range)
		case w.rs != "" && (g.Range == nil || g.Range.Start != w.rs || g.Range.End != w.re):
			t.Errorf("[%d] range = %+v, want %s/%s", i, g.Range, w.rs, w.re)
		}
	}
	if strings.Contains(out, `"range": null`) {
		t.Error("range must be omitted when empty")
	}
}

func TestExtractReferenceDate(t *testing.T) {
	// The sidecar gives 2019-07-11, so "yesterday" is 2019-07-10.
	code, out, errs := runKG(t, "extract", "--dates", filepath.Join("testdata", "sidecar.txt"))
	if code != 0 || !strings.Contains(out, `"value": "2019-07-10"`) {
		t.Fatalf("sidecar: exit %d, %s%s", code, out, errs)
	}
	// Without a sidecar the latest full date of the text is used.
	dir := t.TempDir()
	p := filepath.Join(dir, "doc.txt")
	if err := os.WriteFile(p, []byte("Signed on 2 March 2018. The day before yesterday is not handled; yesterday is."), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runKG(t, "extract", "--dates", p)
	if code != 0 || !strings.Contains(out, `"value": "2018-03-01"`) {
		t.Fatalf("fallback: exit %d, %s%s", code, out, errs)
	}
	// No date at all is a clear error.
	if err := os.WriteFile(p, []byte("Nothing dated here, only last year."), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runKG(t, "extract", "--dates", p)
	if code == 0 || !strings.Contains(errs, "no document date") {
		t.Fatalf("undated: exit %d, stderr %q", code, errs)
	}
}

func TestExtractErrors(t *testing.T) {
	path := filepath.Join("testdata", "dates.txt")
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"extract", "--format", "xml", path}, "want json or nquads"},
		{[]string{"extract", "--dates", "--ref", "11/07/2019", path}, "YYYY-MM-DD"},
		{[]string{"extract", "--dates", "--ref", "2019-07-11", filepath.Join("testdata", "missing.txt")}, "read input"},
	} {
		code, _, errs := runKG(t, tc.args...)
		if code == 0 || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %q", tc.args, code, errs, tc.msg)
		}
	}
}

func TestEvalTimex(t *testing.T) {
	dir := filepath.Join("..", "..", "extract", "timex", "eval", "testdata")
	code, out, errs := runKG(t, "eval", "--timex", dir)
	if code != 0 || !strings.Contains(out, "relaxed extent") {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	code, out, errs = runKG(t, "eval", "--timex", dir, "--json")
	var res struct {
		Value struct {
			F1 float64 `json:"f1"`
		} `json:"value"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Value.F1 <= 0 {
		t.Fatalf("json: exit %d: %s%s", code, out, errs)
	}
}
