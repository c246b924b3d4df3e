package extract

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// corpusTexts reads the development corpus and the seed, the texts the
// benchmarks run on.
func corpusTexts(tb testing.TB) []string {
	var out []string
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "dev", "*.txt"))
	files = append(files, filepath.Join("..", "seeds", "sco-unodc-2019-07-10.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err == nil {
			out = append(out, string(b))
		}
	}
	if len(out) == 0 {
		tb.Skip("no corpus")
	}
	return out
}

// BenchmarkExtract measures extraction speed in bytes of text per second
// on one core.
func BenchmarkExtract(b *testing.B) {
	texts := corpusTexts(b)
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	ref := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, t := range texts {
			Extract(Input{Name: "d" + strconv.Itoa(j) + ".txt", Text: t, Ref: ref})
		}
	}
}

// TestLongInputs: a long run-on sentence and a long document take time in
// proportion to their length, not its square.
func TestLongInputs(t *testing.T) {
	texts := corpusTexts(t)
	one := strings.Join(texts, "\n\n")
	start := time.Now()
	Extract(Input{Name: "a.txt", Text: one})
	base := time.Since(start)
	big := strings.Repeat(one+"\n\n", 20)
	start = time.Now()
	Extract(Input{Name: "b.txt", Text: big})
	if d := time.Since(start); d > 60*base+2*time.Second {
		t.Errorf("20 times the text took %v, one time %v", d, base)
	}
	runOn := strings.Repeat("the Secretary-General of the Organization met Mr Smith and ", 2000)
	start = time.Now()
	Extract(Input{Name: "c.txt", Text: runOn})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("a 120 kB sentence took %v", d)
	}
}
