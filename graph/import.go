package graph

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/boltkv"
	kgnq "github.com/kgraph/kg/graph/nquads"
)

// DefaultBatch is how many quads LoadFile writes per transaction, and
// DefaultSQLBatch the same for PostgreSQL, where set-based statements gain
// from larger batches (measured in BENCHMARKS.md).
const (
	DefaultBatch    = 20000
	DefaultSQLBatch = 100000
)

// LoadOptions configure LoadFile.
type LoadOptions struct {
	// Batch is how many quads go into the store per transaction; zero
	// means DefaultBatch, or DefaultSQLBatch on PostgreSQL.
	Batch int
	// Progress, if set, is called after each batch with the quads written
	// so far and the file's total.
	Progress func(done, total int64)
	// SkipBad, if set, makes LoadFile skip bad lines instead of refusing
	// the file: each one is passed to SkipBad, in order, and the rest
	// load.
	SkipBad func(*LineError)
}

// LoadStats is what LoadFile did.
type LoadStats struct {
	// Read is how many quads the file holds; Added how many were new.
	Read, Added int64
	// Skipped is how many bad lines were skipped (with SkipBad).
	Skipped int64
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
// ".gz") into the store. Lines must follow the W3C N-Quads grammar strictly
// (package graph/nquads). It first reads the whole file to check every line,
// and loads nothing if one is bad: the error names the file and the line.
// Then it writes the quads in batches, one transaction each, parsing the
// next batch while the store writes the last. Quads already in the store
// are skipped, so loading a file twice changes nothing. A load that is
// stopped part way leaves whole batches behind; loading the file again
// completes it. With opt.SkipBad, bad lines are reported and skipped
// instead.
//
// Into a bolt store that holds no more quads than the file, LoadFile
// instead builds the store anew, all or nothing, and reopens it on the
// new file (buildBolt); no other goroutine may use the store meanwhile.
func (s *Store) LoadFile(ctx context.Context, path string, opt LoadOptions) (LoadStats, error) {
	if opt.Batch <= 0 {
		opt.Batch = DefaultBatch
		if s.Kind == Postgres {
			opt.Batch = DefaultSQLBatch
		}
	}
	var st LoadStats
	if err := checkNQuadsName(path); err != nil {
		return st, err
	}
	var skip func(*LineError) error
	if opt.SkipBad != nil {
		// Both passes meet the same bad lines; the count comes from the
		// first and the reports from the second, which is the one that
		// loads.
		skip = func(*LineError) error { return nil }
	}
	total, skipped, err := validateNQuads(ctx, path, skip)
	if err != nil {
		return st, err
	}
	st.Read = total
	st.Skipped = skipped
	if opt.SkipBad != nil {
		skip = func(le *LineError) error {
			opt.SkipBad(le)
			return nil
		}
	}
	build, size, err := s.buildable(ctx, total)
	if err != nil {
		return st, fmt.Errorf("load %s: %w", path, err)
	}
	if build {
		st.Added, err = s.buildBolt(ctx, path, opt.Batch, skip, opt.Progress, total, size)
		return st, err
	}

	type batch struct {
		quads []quad.Quad
		bolt  *boltkv.Batch // prepared by the reader, for a bolt store
	}
	batches := make(chan batch, 2)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var readErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(batches)
		var prev *boltkv.Batch
		_, readErr = scanNQuads(ctx, path, opt.Batch, skip, func(qs []quad.Quad) error {
			b := batch{quads: qs}
			if s.bolt != nil {
				if err := checkValid(path, qs); err != nil {
					return err
				}
				b.bolt = boltkv.Prepare(qs)
				if err := b.bolt.Resolve(ctx, s.bolt, prev); err != nil {
					return err
				}
				prev = b.bolt
			}
			select {
			case batches <- b:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var done int64
	var writeErr error
	for b := range batches {
		if writeErr != nil {
			continue // drain, so the reader can stop
		}
		var n int64
		var err error
		if b.bolt != nil {
			if err = ctx.Err(); err == nil {
				n, err = s.boltLoad(path, b.bolt)
			}
		} else {
			n, err = s.Load(ctx, path, b.quads)
		}
		if err != nil {
			writeErr = err
			cancel()
			continue
		}
		st.Added += n
		done += int64(len(b.quads))
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
	}
	wg.Wait()
	if writeErr != nil {
		return st, writeErr
	}
	if readErr != nil {
		return st, readErr
	}
	return st, nil
}

func checkNQuadsName(path string) error {
	base := strings.TrimSuffix(path, ".gz")
	if !strings.HasSuffix(base, ".nq") && !strings.HasSuffix(base, ".nquads") {
		return fmt.Errorf("load %s: not an N-Quads file (want .nq or .nquads, optionally .gz)", path)
	}
	return nil
}

// openQuadFile opens a file, unzipping it if its name ends in .gz.
func openQuadFile(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{zr, f}, nil
}

// scanNQuads parses an N-Quads file line by line and hands the quads to fn
// in batches of their own; bad lines go to skip, as parseLines says. It
// returns how many quads the file holds.
func scanNQuads(ctx context.Context, path string, batch int, skip func(*LineError) error, fn func([]quad.Quad) error) (int64, error) {
	r, err := openQuadFile(path)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	var n int64
	buf := make([]quad.Quad, 0, batch)
	_, err = parseLines(r, path, 1, -1, skip, func(q quad.Quad) error {
		buf = append(buf, q)
		n++
		if len(buf) < batch {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		err := fn(buf)
		buf = make([]quad.Quad, 0, batch)
		return err
	})
	if err != nil {
		return n, err
	}
	if len(buf) > 0 {
		if err := fn(buf); err != nil {
			return n, err
		}
	}
	return n, nil
}

// parseLines parses the N-Quads lines of r, numbering them from first, and
// calls fn with each quad. A bad line ends the parse with a *LineError,
// unless skip is set: then skip is given the error and, if it returns nil,
// the parse goes on with the next line. With limit >= 0 it stops after
// the line that holds byte limit. It returns the number of lines read.
func parseLines(r io.Reader, name string, first int, limit int64, skip func(*LineError) error, fn func(quad.Quad) error) (int, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	bad := func(le *LineError) error {
		if skip == nil {
			return le
		}
		return skip(le)
	}
	var pos int64
	lines := 0
	for line := first; ; line++ {
		if limit >= 0 && pos > limit {
			return lines, nil
		}
		raw, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if err := bad(&LineError{File: name, Line: line, Err: errors.New("line longer than 1 MiB")}); err != nil {
				return lines, err
			}
			// Skip the rest of the long line.
			n := int64(len(raw))
			for errors.Is(err, bufio.ErrBufferFull) {
				raw, err = br.ReadSlice('\n')
				n += int64(len(raw))
			}
			pos += n
			lines++
			if err != nil && !errors.Is(err, io.EOF) {
				return lines, fmt.Errorf("load %s: line %d: %w", name, line, err)
			}
			if errors.Is(err, io.EOF) {
				return lines, nil
			}
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return lines, fmt.Errorf("load %s: line %d: %w", name, line, err)
		}
		if len(raw) == 0 && errors.Is(err, io.EOF) {
			return lines, nil
		}
		pos += int64(len(raw))
		lines++
		q, ok, perr := kgnq.ParseLine(string(raw))
		if perr != nil {
			if err := bad(&LineError{File: name, Line: line, Err: perr}); err != nil {
				return lines, err
			}
			ok = false
		}
		if ok {
			if err := fn(nativeValues(q)); err != nil {
				return lines, err
			}
		}
		if errors.Is(err, io.EOF) {
			return lines, nil
		}
	}
}

// validateNQuads checks every line of an N-Quads file and counts its
// quads. A plain file is checked in parallel, in one piece per core; the
// error reported is that of the first bad line. With skip set, bad lines
// are counted and passed to it instead, in one pass.
func validateNQuads(ctx context.Context, path string, skip func(*LineError) error) (quads, bad int64, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, 0, fmt.Errorf("load: %w", err)
	}
	parts := runtime.GOMAXPROCS(0)
	if skip != nil || strings.HasSuffix(path, ".gz") || fi.Size() < 1<<20 || parts == 1 {
		r, err := openQuadFile(path)
		if err != nil {
			return 0, 0, err
		}
		defer r.Close()
		var count func(*LineError) error
		if skip != nil {
			count = func(le *LineError) error {
				bad++
				return skip(le)
			}
		}
		_, err = parseLines(r, path, 1, -1, count, func(quad.Quad) error {
			quads++
			if quads%65536 == 0 {
				return ctx.Err()
			}
			return nil
		})
		return quads, bad, err
	}
	type result struct {
		quads int64
		lines int
		bad   *LineError
		err   error
	}
	res := make([]result, parts)
	var wg sync.WaitGroup
	for i := 0; i < parts; i++ {
		start := fi.Size() * int64(i) / int64(parts)
		end := fi.Size()*int64(i+1)/int64(parts) - 1
		wg.Add(1)
		go func(i int, start, end int64) {
			defer wg.Done()
			res[i].quads, res[i].lines, res[i].bad, res[i].err = checkRange(ctx, path, start, end)
		}(i, start, end)
	}
	wg.Wait()
	var total int64
	before := 0
	for _, r := range res {
		if r.err != nil {
			return 0, 0, r.err
		}
		if r.bad != nil {
			r.bad.Line += before
			return 0, 0, r.bad
		}
		total += r.quads
		before += r.lines
	}
	return total, 0, ctx.Err()
}

// checkRange parses the lines of path that start within bytes [start, end].
// Line numbers in a LineError count from the range's first line, from 1.
func checkRange(ctx context.Context, path string, start, end int64) (int64, int, *LineError, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, nil, fmt.Errorf("load: %w", err)
	}
	defer f.Close()
	if start > 0 {
		// Begin at the first line that starts in the range: skip the rest
		// of the line that holds byte start-1.
		if _, err := f.Seek(start-1, io.SeekStart); err != nil {
			return 0, 0, nil, fmt.Errorf("load %s: %w", path, err)
		}
		br := bufio.NewReader(f)
		skipped, err := br.ReadBytes('\n')
		if err != nil {
			return 0, 0, nil, nil // no line starts in the range
		}
		start += int64(len(skipped)) - 1
		if start > end {
			return 0, 0, nil, nil
		}
		if _, err := f.Seek(start, io.SeekStart); err != nil {
			return 0, 0, nil, fmt.Errorf("load %s: %w", path, err)
		}
	}
	var n int64
	lines, err := parseLines(f, path, 1, end-start, nil, func(quad.Quad) error {
		n++
		if n%65536 == 0 {
			return ctx.Err()
		}
		return nil
	})
	var le *LineError
	if errors.As(err, &le) {
		return n, lines, le, nil
	}
	return n, lines, nil, err
}

// nativeValues gives typed literals the Go values Cayley's own reader gives
// them ("1"^^xsd:integer is a quad.Int), so that a file loads into the same
// nodes whichever reader wrote the store before.
func nativeValues(q quad.Quad) quad.Quad {
	conv := func(v quad.Value) quad.Value {
		if ts, ok := v.(quad.TypedString); ok {
			if nv, err := ts.ParseValue(); err == nil {
				return nv
			}
		}
		return v
	}
	q.Object = conv(q.Object)
	return q
}
