package graph

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// DefaultBatch is how many quads LoadFile writes per transaction.
const DefaultBatch = 50000

// LoadOptions configure LoadFile.
type LoadOptions struct {
	// Batch is how many quads go into the store per transaction; zero
	// means DefaultBatch.
	Batch int
	// Progress, if set, is called after each batch with the quads read so
	// far and the file's total.
	Progress func(done, total int64)
}

// LoadStats is what LoadFile did.
type LoadStats struct {
	// Read is how many quads the file holds; Added how many were new.
	Read, Added int64
}

// LineError is a bad line in a quad file.
type LineError struct {
	File string
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// LoadFile imports an N-Quads file (".nq" or ".nquads", either gzipped with
// ".gz") into the store. It reads the whole file once to check every line,
// and loads nothing if one is bad: the error names the file and the line.
// Then it writes the quads in batches, one transaction each; quads already
// in the store are skipped, so loading a file twice changes nothing.
func (s *Store) LoadFile(ctx context.Context, path string, opt LoadOptions) (LoadStats, error) {
	if opt.Batch <= 0 {
		opt.Batch = DefaultBatch
	}
	name := path
	var st LoadStats
	total, err := scanNQuads(ctx, path, opt.Batch, func([]quad.Quad) error { return nil })
	if err != nil {
		return st, err
	}
	st.Read = total
	var done int64
	_, err = scanNQuads(ctx, path, opt.Batch, func(batch []quad.Quad) error {
		n, err := s.Load(ctx, name, batch)
		if err != nil {
			return err
		}
		st.Added += n
		done += int64(len(batch))
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
		return nil
	})
	return st, err
}

// scanNQuads parses an N-Quads file line by line and hands the quads to fn
// in batches. It returns how many quads the file holds.
func scanNQuads(ctx context.Context, path string, batch int, fn func([]quad.Quad) error) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("load: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	base := strings.TrimSuffix(path, ".gz")
	if base != path {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return 0, fmt.Errorf("load %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	if !strings.HasSuffix(base, ".nq") && !strings.HasSuffix(base, ".nquads") {
		return 0, fmt.Errorf("load %s: not an N-Quads file (want .nq or .nquads, optionally .gz)", path)
	}
	br := bufio.NewReaderSize(r, 1<<20)
	buf := make([]quad.Quad, 0, batch)
	var n int64
	for line := 1; ; line++ {
		raw, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			return n, &LineError{File: path, Line: line, Err: errors.New("line longer than 1 MiB")}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return n, fmt.Errorf("load %s: line %d: %w", path, line, err)
		}
		text := bytes.TrimSpace(raw)
		if len(text) > 0 && text[0] != '#' {
			q, perr := nquads.Parse(string(text))
			if perr != nil {
				return n, &LineError{File: path, Line: line, Err: perr}
			}
			buf = append(buf, q)
			n++
			if len(buf) == batch {
				if err := ctx.Err(); err != nil {
					return n, err
				}
				if err := fn(buf); err != nil {
					return n, err
				}
				buf = buf[:0]
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if len(buf) > 0 {
		if err := fn(buf); err != nil {
			return n, err
		}
	}
	return n, nil
}
