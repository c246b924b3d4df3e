package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestAsk(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		code int
		out  []string // in stdout
		err  string   // in stderr
	}{
		{"json", []string{"ask", "--store", "memory", "entity", "name=UNODC"}, 0,
			[]string{`"query": "entity"`, `"name": "United Nations Office on Drugs and Crime"`}, ""},
		{"flags after the name", []string{"ask", "events", "entity=Norov", "--store", "memory", "--table"}, 0,
			[]string{"START", "2019-07-10", "SCO-UNODC meeting in Vienna, 10 July 2019", "(1 results)"}, ""},
		{"path table", []string{"ask", "--store=memory", "--table", "path", "from=Norov", "to=Astana", "limit=1"}, 0,
			[]string{"-attendee-> Vladimir Norov | ", "-signingPlace-> Astana"}, ""},
		{"value with spaces and quotes", []string{"ask", "--store", "memory", "roles", `entity=UN's Vienna Office`}, 0,
			[]string{`"results": []`}, ""},
		{"unknown query", []string{"ask", "--store", "memory", "who", "name=x"}, 1, nil, `no query named "who"`},
		{"missing parameter", []string{"ask", "--store", "memory", "entity"}, 1, nil, `"name" is missing`},
		{"not key=value", []string{"ask", "--store", "memory", "entity", "UNODC"}, 1, nil, "key=value"},
		{"no name", []string{"ask", "--store", "memory"}, 1, nil, "Usage: kg ask"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), c.args, &out, &errb)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, c.code, errb.String())
			}
			for _, s := range c.out {
				if !strings.Contains(out.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, out.String())
				}
			}
			if !strings.Contains(errb.String(), c.err) {
				t.Errorf("stderr lacks %q:\n%s", c.err, errb.String())
			}
		})
	}
}

// TestAskSameAsHTTP checks that kg ask prints the JSON answer the HTTP
// API gives, and only that on stdout (the seed build reports on stderr).
func TestAskSameAsHTTP(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"ask", "--store", "memory", "agreements", "entity=UNODC"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "loaded sco-unodc-2019-07-10.txt") {
		t.Errorf("stderr lacks the seed build's report: %s", errb.String())
	}
	ts := seedServer(t)
	resp, err := ts.Client().Get(ts.URL + "/api/queries/agreements?entity=UNODC")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var fromHTTP, fromCLI any
	if err := json.NewDecoder(resp.Body).Decode(&fromHTTP); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out.Bytes(), &fromCLI); err != nil {
		t.Fatalf("stdout is not one JSON answer: %v\n%s", err, out.String())
	}
	a, _ := json.Marshal(fromHTTP)
	b, _ := json.Marshal(fromCLI)
	if string(a) != string(b) {
		t.Errorf("kg ask printed\n%s\nHTTP answered\n%s", b, a)
	}
}
