package queries_test

import (
	"bytes"
	"flag"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite the outputs in docs/queries.md with the server's answers")

var (
	reDocFence = regexp.MustCompile("(?ms)^```(\\w*)\\n(.*?)^```")
	reDocCurl  = regexp.MustCompile(`curl -s 'http://127\.0\.0\.1:64210(/api/queries[^']*)'`)
)

// TestDocs asks the server every curl example of docs/queries.md and
// checks the answer is the JSON shown after it, byte for byte; with
// -update-docs it writes the answers in instead.
func TestDocs(t *testing.T) {
	const path = "../docs/queries.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	base := seedServer(t)
	blocks := reDocFence.FindAllStringSubmatchIndex(text, -1)
	var out strings.Builder
	last, n := 0, 0
	for i, bl := range blocks {
		m := reDocCurl.FindStringSubmatch(text[bl[4]:bl[5]])
		if text[bl[2]:bl[3]] != "sh" || m == nil || i+1 == len(blocks) || text[blocks[i+1][2]:blocks[i+1][3]] != "json" {
			continue
		}
		next := blocks[i+1]
		resp, err := http.Get(base + m[1])
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		n++
		shown := text[next[4]:next[5]]
		if *updateDocs {
			out.WriteString(text[last:next[4]])
			out.Write(got)
			last = next[5]
			continue
		}
		if !bytes.Equal(bytes.TrimSpace(got), []byte(strings.TrimSpace(shown))) {
			line := strings.Count(text[:bl[0]], "\n") + 1
			t.Errorf("%s:%d: %s answers\n%s\nbut the page shows\n%s", path, line, m[1], got, shown)
		}
	}
	if n < 8 {
		t.Errorf("%s has %d examples, want one for each query at least", path, n)
	}
	if *updateDocs {
		out.WriteString(text[last:])
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
