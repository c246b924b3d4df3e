package extract

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/kgraph/kg/extract/sentences"
)

// MaxBytes is the largest document the extractor reads: press releases
// run to kilobytes, so a file this big is not one.
const MaxBytes = 10 << 20

// CheckText says why a file is not a document the extractor can read:
// empty, too big, binary, not UTF-8, or without a sentence. The error
// names the file.
func CheckText(name string, b []byte) error {
	switch {
	case len(bytes.TrimSpace(b)) == 0:
		return fmt.Errorf("extract %s: empty file", name)
	case len(b) > MaxBytes:
		return fmt.Errorf("extract %s: %d MB is too big for a document (at most %d MB)", name, len(b)>>20, MaxBytes>>20)
	case bytes.IndexByte(b, 0) >= 0:
		return fmt.Errorf("extract %s: binary file (it has NUL bytes)", name)
	case !utf8.Valid(b):
		return fmt.Errorf("extract %s: not UTF-8 text", name)
	}
	letters := 0
	for _, r := range string(b) {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 127 {
			letters++
		}
	}
	if letters == 0 || len(sentences.Split(string(b))) == 0 {
		return fmt.Errorf("extract %s: no sentences in it", name)
	}
	return nil
}
