package timex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchText is realistic news text: the seed document and the development
// press releases when the shared folder is present, else a built-in mix.
func benchText(b *testing.B) string {
	var sb strings.Builder
	files, _ := filepath.Glob("../../../shared/corpus/dev/*.txt")
	files = append(files, "../../../shared/seed/sco-unodc-2019-07-10.txt")
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			sb.Write(data)
			sb.WriteString("\n\n")
		}
	}
	if sb.Len() == 0 {
		sb.WriteString("On 10 July 2019, the office hosted a meeting. The summit held on 13-14 June 2019 " +
			"adopted the strategy for 2018-2023; the report published in June was praised this March. " +
			"Over 140 countries attended the 62nd session for two days.\n")
	}
	// About 1 MB, so that timing is dominated by tagging.
	unit := sb.String()
	return strings.Repeat(unit, 1+(1<<20)/len(unit))
}

func BenchmarkTag(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Tag(text, ref)
	}
}
