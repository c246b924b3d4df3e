package curated_test

import (
	"strings"
	"testing"

	"github.com/kgraph/kg/graph/vocab"
)

// TestCorrections: "-" lines reject facts, "+" lines and plain ones add
// them, and either makes the file one of corrections.
func TestCorrections(t *testing.T) {
	for _, tc := range []struct {
		name           string
		text           string
		corrections    bool
		quads, rejects int
		err            string
	}{
		{"full curation", "@document doc.txt\n[A] a schema:Organization\n", false, 1, 0, ""},
		{"reject and add", "@document doc.txt\n- [A] a schema:Organization\n+ [A] a schema:Person\n[A]\n    - schema:name \"A\"\n", true, 1, 2, ""},
		{"directive", "@corrections\n@document doc.txt\n[A] a schema:Place\n", true, 1, 0, ""},
		{"lone sign", "@document doc.txt\n-\n", false, 0, 0, "test.kg:2: - with no statement"},
		{"directive with words", "@corrections yes\n", false, 0, 0, "test.kg:1: @corrections takes nothing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := parse(tc.text)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Corrections != tc.corrections || len(f.Quads) != tc.quads || len(f.Rejects) != tc.rejects {
				t.Errorf("corrections %v, %d quads, %d rejects", f.Corrections, len(f.Quads), len(f.Rejects))
			}
			for _, q := range f.Rejects {
				if q.Subject != m.Entity("A") {
					t.Errorf("reject %v", q)
				}
			}
			_ = vocab.Type
		})
	}
}
