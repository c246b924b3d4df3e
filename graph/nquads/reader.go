package nquads

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// DefaultMaxLineBytes is the longest line a Reader accepts unless told
// otherwise. Lines are held whole in memory, so the limit bounds memory on
// hostile input while leaving room for large literals.
const DefaultMaxLineBytes = 16 << 20

// Reader reads N-Quads from an io.Reader one line at a time, keeping line
// numbers for errors. It implements quad.Reader.
//
// Lines end at "\n", "\r\n" or "\r" (EOL ::= [#xD#xA]+); the last line needs
// no line end. A syntax error is returned as a *LineError with Line and Col
// set, and does not stop the Reader: the next ReadQuad continues with the
// next line, so a caller can either abort the file or skip and report bad
// lines. Errors from the underlying io.Reader are returned as they are and
// are sticky.
type Reader struct {
	// MaxLineBytes limits the length of a line, without its line end. Zero
	// means DefaultMaxLineBytes. Longer lines are reported as a *LineError
	// and skipped.
	MaxLineBytes int

	r      io.Reader
	buf    []byte
	start  int  // first unread byte in buf
	end    int  // end of valid data in buf
	line   int  // number of the last line returned
	skipLF bool // the last line ended with '\r': a following '\n' belongs to it
	err    error
	long   []byte // assembles lines that do not fit in buf
}

// NewReader returns a Reader reading from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{r: r, buf: make([]byte, 64<<10)}
}

// Line returns the number of the last line read (1-based), which is the
// line of the last quad or error returned.
func (r *Reader) Line() int { return r.line }

// ReadQuad returns the next quad, skipping blank and comment lines. It
// returns io.EOF at the end of the input.
func (r *Reader) ReadQuad() (quad.Quad, error) {
	for {
		line, err := r.nextLine()
		if err != nil {
			return quad.Quad{}, err
		}
		// Blank and comment lines are common in hand-written files; skip
		// them without converting the line to a string.
		if isBlankOrComment(line) {
			if !utf8.Valid(line) { // rare: let ParseLine locate the bad byte
				if _, _, err := ParseLine(string(line)); err != nil {
					return quad.Quad{}, r.lineErr(err)
				}
			}
			continue
		}
		// One string per line: the returned values are substrings of it.
		q, ok, err := ParseLine(string(line))
		if err != nil {
			return quad.Quad{}, r.lineErr(err)
		}
		if ok {
			return q, nil
		}
	}
}

// Close does nothing; it exists to satisfy quad.ReadCloser. The caller
// closes the underlying io.Reader.
func (r *Reader) Close() error { return nil }

func (r *Reader) lineErr(err error) error {
	var le *LineError
	if errors.As(err, &le) {
		le.Line = r.line
		return le
	}
	return &LineError{Line: r.line, Err: err}
}

// isBlankOrComment reports whether line holds only white space and
// possibly a comment. Such lines are rare in bulk data and cheap to check.
func isBlankOrComment(line []byte) bool {
	for _, c := range line {
		switch c {
		case ' ', '\t':
			continue
		case '#':
			return true
		}
		return false
	}
	return true
}

func (r *Reader) maxLine() int {
	if r.MaxLineBytes > 0 {
		return r.MaxLineBytes
	}
	return DefaultMaxLineBytes
}

// nextLine returns the next line without its line end. The slice is valid
// until the next call.
func (r *Reader) nextLine() ([]byte, error) {
	if r.err != nil {
		return nil, r.err
	}
	r.long = r.long[:0]
	inLong := false // the line is being assembled in r.long
	tooLong := false
	for {
		data := r.buf[r.start:r.end]
		if r.skipLF && len(data) > 0 {
			r.skipLF = false
			if data[0] == '\n' {
				r.start++
				data = data[1:]
			}
		}
		if i := indexEOL(data); i >= 0 {
			r.line++
			r.start += i + 1
			r.skipLF = data[i] == '\r'
			line := data[:i]
			if inLong {
				if !tooLong && len(r.long)+len(line) > r.maxLine() {
					tooLong = true
				}
				if !tooLong {
					r.long = append(r.long, line...)
					line = r.long
				}
			} else if len(line) > r.maxLine() {
				tooLong = true
			}
			if tooLong {
				return nil, &LineError{Line: r.line, Err: fmt.Errorf("%w: over %d bytes", ErrLineTooLong, r.maxLine())}
			}
			return line, nil
		}
		// No line end in the buffer: keep the partial line and read more.
		if r.skipLF && len(data) == 0 {
			// Still need one byte to know whether "\r" is followed by "\n".
		} else if len(data) > 0 {
			if !tooLong {
				if len(r.long)+len(data) > r.maxLine() {
					tooLong = true
					r.long = r.long[:0]
				} else {
					r.long = append(r.long, data...)
				}
			}
			inLong = true
		}
		r.start, r.end = 0, 0
		n, err := r.r.Read(r.buf)
		r.end = n
		if n > 0 {
			continue
		}
		if err == nil {
			continue
		}
		if err != io.EOF {
			r.err = err
			return nil, err
		}
		r.err = io.EOF
		if inLong {
			// A final line without a line end.
			r.line++
			if tooLong {
				return nil, &LineError{Line: r.line, Err: fmt.Errorf("%w: over %d bytes", ErrLineTooLong, r.maxLine())}
			}
			return r.long, nil
		}
		return nil, io.EOF
	}
}

// indexEOL returns the index of the first '\n' or '\r' in b, or -1.
func indexEOL(b []byte) int {
	i := bytes.IndexByte(b, '\n')
	lim := b
	if i >= 0 {
		lim = b[:i]
	}
	if j := bytes.IndexByte(lim, '\r'); j >= 0 {
		return j
	}
	return i
}
