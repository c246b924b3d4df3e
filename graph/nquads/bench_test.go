package nquads

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"

	cnquads "github.com/cayleygraph/quad/nquads"

	"github.com/kgraph/kg/graph/synth"
)

var benchData = sync.OnceValues(func() ([]byte, error) {
	var buf bytes.Buffer
	if _, err := synth.Write(&buf, synth.Config{Quads: 20000, Seed: 1}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
})

// benchLines returns realistic N-Quads lines (the synthetic graph used by the
// project's other benchmarks) and their total size in bytes.
func benchLines(b *testing.B) ([]string, []byte) {
	data, err := benchData()
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	return lines, data
}

// BenchmarkParseLine compares ParseLine with Cayley's nquads.Parse (the
// function kg's loader calls today) on the same lines. One op is a pass
// over all lines.
func BenchmarkParseLine(b *testing.B) {
	lines, data := benchLines(b)
	b.Run("kg", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			for _, l := range lines {
				if _, _, err := ParseLine(l); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("cayley", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			for _, l := range lines {
				if _, err := cnquads.Parse(l); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkReader compares whole-document reading, line splitting included.
func BenchmarkReader(b *testing.B) {
	_, data := benchLines(b)
	b.Run("kg", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			r := NewReader(bytes.NewReader(data))
			for {
				_, err := r.ReadQuad()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("cayley", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			r := cnquads.NewReader(bytes.NewReader(data), false)
			for {
				_, err := r.ReadQuad()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
