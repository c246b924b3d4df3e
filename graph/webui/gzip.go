package webui

import (
	"bytes"
	"compress/gzip"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
)

// serveGzip sends a gzipped file: as it is when the client accepts gzip,
// unpacked otherwise.
func serveGzip(w http.ResponseWriter, r *http.Request, name string, gz []byte) {
	h := w.Header()
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		h.Set("Content-Type", ct)
	}
	h.Set("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		if r.Method != http.MethodHead {
			w.Write(gz)
		}
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	defer zr.Close()
	if r.Method == http.MethodHead {
		return
	}
	io.Copy(w, zr)
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
// A q=0 weight turns it off; other weights are not ranked.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
