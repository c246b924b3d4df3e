package nquads

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// w3cDir is the W3C RDF 1.1 N-Quads syntax test suite, shared by the
// projects in this workspace (see its README.txt).
const w3cDir = "../../../shared/testdata/w3c-nquads"

type w3cTest struct {
	name     string
	positive bool
	file     string
}

var (
	manifestEntry  = regexp.MustCompile(`^<#([^>]+)>\s+(?:a|rdf:type)\s+rdft:(TestNQuadsPositiveSyntax|TestNQuadsNegativeSyntax)\b`)
	manifestAction = regexp.MustCompile(`^\s*mf:action\s+<([^>]+)>`)
)

// readManifest extracts the syntax tests from manifest.ttl. It is not a
// Turtle parser: it relies on the suite's layout of one entry per block,
// "<#name> a rdft:Type ;" followed by "mf:action <file> ;", which the
// counts checked by the caller guard.
func readManifest(t *testing.T, path string) []w3cTest {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("W3C test suite not available: %v", err)
	}
	defer f.Close()
	var tests []w3cTest
	var cur *w3cTest
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if m := manifestEntry.FindStringSubmatch(line); m != nil {
			tests = append(tests, w3cTest{name: m[1], positive: m[2] == "TestNQuadsPositiveSyntax"})
			cur = &tests[len(tests)-1]
			continue
		}
		if m := manifestAction.FindStringSubmatch(line); m != nil && cur != nil {
			cur.file = m[1]
		}
		if strings.TrimSpace(line) == "." {
			cur = nil
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return tests
}

// parseFile reads a whole file with Reader, failing on the first error, as
// a strict import does.
func parseFile(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := NewReader(f)
	n := 0
	for {
		_, err := r.ReadQuad()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

func TestW3CManifest(t *testing.T) {
	tests := readManifest(t, filepath.Join(w3cDir, "manifest.ttl"))
	var pos, neg, posOK, negOK int
	for _, tc := range tests {
		if tc.file == "" {
			t.Errorf("%s: no mf:action in manifest", tc.name)
			continue
		}
		n, err := parseFile(filepath.Join(w3cDir, tc.file))
		if tc.positive {
			pos++
			if err != nil {
				t.Errorf("%s (%s): valid file rejected: %v", tc.name, tc.file, err)
			} else {
				posOK++
			}
			continue
		}
		neg++
		var le *LineError
		switch {
		case err == nil:
			t.Errorf("%s (%s): invalid file accepted (%d quads)", tc.name, tc.file, n)
		case !errors.As(err, &le) || le.Line == 0:
			t.Errorf("%s (%s): error does not name the line: %v", tc.name, tc.file, err)
		default:
			negOK++
			t.Logf("%-28s rejected: %v", tc.name, err)
		}
	}
	t.Logf("W3C RDF 1.1 N-Quads: positive accepted %d/%d, negative rejected %d/%d", posOK, pos, negOK, neg)
	// The suite has 53 positive and 34 negative syntax tests; other counts
	// mean the manifest was misread.
	if pos != 53 || neg != 34 {
		t.Errorf("manifest has %d positive and %d negative tests, want 53 and 34", pos, neg)
	}
}
