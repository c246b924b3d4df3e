// Package server serves a knowledge-graph store over HTTP: Cayley's query
// API (Gizmo, GraphQL, MQL), its read and format endpoints, its web UI
// (through package webui), a whole-graph export and a health check, all
// under an optional path prefix. Other packages mount their own
// handlers beside these (the named queries live under /api/queries).
package server

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	cayleyhttp "github.com/cayleygraph/cayley/server/http"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/memlimit"
	"github.com/kgraph/kg/graph/webui"
)

// Config holds the server's limits and switches.
type Config struct {
	// Writable enables Cayley's write and delete endpoints.
	Writable bool
	// QueryTimeout bounds each query; zero means DefaultQueryTimeout.
	QueryTimeout time.Duration
	// MaxResults is the most results one query may return: the most a
	// Gizmo or MQL query may ask for with ?limit=, the most objects in a
	// GraphQL answer, the most a named query may ask for with limit=.
	// Zero means DefaultMaxResults.
	MaxResults int
	// MaxMemory is the heap budget in bytes: when the heap stays over it
	// after a collection, the queries running are stopped with 503. Zero
	// means no budget.
	MaxMemory uint64
	// BasePath serves every route under a path prefix, such as "/kg";
	// empty serves them from the root.
	BasePath string
	// WriteToken is the bearer token writes must carry; New refuses a
	// writable server without one.
	WriteToken string
	// MaxBody caps every request body; zero means DefaultMaxBody. A larger
	// body is refused with 413, never cut short.
	MaxBody int64
	// MaxConcurrent caps the requests served at once; zero means
	// DefaultMaxConcurrent. Past it, requests get a quick 503.
	MaxConcurrent int
	// CORSOrigins are the origins whose pages may read answers ("*" for
	// any); none by default, as the UI is served from the same origin.
	CORSOrigins []string
}

// Defaults for Config.
const (
	DefaultQueryTimeout = 30 * time.Second
	DefaultLimit        = 100
	DefaultMaxResults   = 10000
	DefaultMaxBody      = 1 << 20
	// DefaultMaxConcurrent leaves room for a few clients per core without
	// letting a crowd queue without end.
	DefaultMaxConcurrent = 64
)

// Server is the HTTP front of a store.
type Server struct {
	store *graph.Store
	cfg   Config
	mux   *http.ServeMux
	ready atomic.Bool
	// base is cfg.BasePath, cleaned: "" or "/a/b".
	base string
	// slots holds a token per request being served.
	slots chan struct{}
	// guard stops reading requests when the heap outgrows cfg.MaxMemory;
	// nil without a budget.
	guard *memlimit.Guard
}

// New returns a server for store. It answers /health with 503 until
// SetReady is called.
func New(store *graph.Store, cfg Config) (*Server, error) {
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = DefaultQueryTimeout
	}
	if cfg.MaxResults <= 0 {
		cfg.MaxResults = DefaultMaxResults
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = DefaultMaxConcurrent
	}
	if cfg.Writable && cfg.WriteToken == "" {
		return nil, errors.New("a writable server needs a write token (--write-token or KG_WRITE_TOKEN)")
	}
	base, err := webui.CleanBasePath(cfg.BasePath)
	if err != nil {
		return nil, err
	}
	s := &Server{store: store, cfg: cfg, mux: http.NewServeMux(), base: base, slots: make(chan struct{}, cfg.MaxConcurrent)}
	if cfg.MaxMemory > 0 {
		s.guard = memlimit.New(cfg.MaxMemory)
	}

	cayley := cayleyhttp.NewAPIv2(store.Handle)
	cayley.SetReadOnly(!cfg.Writable)
	cayley.SetQueryTimeout(cfg.QueryTimeout)
	cayley.SetQueryLimit(DefaultLimit)

	s.mux.HandleFunc("GET /health", s.health)
	s.mux.Handle("/api/v2/query", s.reading(http.HandlerFunc(s.query)))
	s.mux.Handle("GET /api/v2/formats", cayley)
	s.mux.Handle("/api/v2/read", s.reading(cayley))
	for _, p := range []string{"/api/v2/write", "/api/v2/node/delete"} {
		s.mux.Handle(p, s.writing(cayley))
	}
	s.mux.Handle("/api/v2/delete", s.writing(http.HandlerFunc(s.delete)))
	s.mux.HandleFunc("GET /api/export", s.export) // Export takes the read lock itself
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		Error(w, http.StatusNotFound, fmt.Errorf("no API endpoint %s %s", r.Method, r.URL.Path))
	})
	// Cayley's web UI, rewritten to work on any address and offline, and
	// the helpers it and its users call.
	web, err := webui.New(store, webui.Options{BasePath: base})
	if err != nil {
		return nil, err
	}
	s.mux.Handle("POST /api/v1/shape/{lang}", s.reading(web.ShapeHandler()))
	s.mux.Handle("GET /api/examples", web.ExamplesHandler())
	s.mux.Handle("GET /explore", web.ExploreHandler())
	s.mux.Handle("/", web)
	return s, nil
}

// Handle mounts another handler on the server, such as the named queries.
// The handler runs under the store's read lock, and its request's context
// is cancelled if the server goes over its memory budget (see Stopped).
func (s *Server) Handle(pattern string, h http.Handler) {
	s.mux.Handle(pattern, s.reading(h))
}

// SetReady marks the graph as loaded: /health answers 200 from now on.
func (s *Server) SetReady() { s.ready.Store(true) }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if origin := r.Header.Get("Origin"); origin != "" && s.corsAllowed(origin) {
		// Never with credentials: answers are public to allowed pages.
		if s.corsAny() {
			w.Header().Set("Access-Control-Allow-Origin", "*")
		} else {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Add("Vary", "Origin")
		}
		w.Header().Set("Access-Control-Allow-Headers", "Accept, Content-Type, Authorization")
		w.Header().Set("Access-Control-Allow-Methods", "GET, POST")
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	if !strings.HasSuffix(r.URL.Path, "/health") {
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
		default:
			Error(w, http.StatusServiceUnavailable, fmt.Errorf("the server is answering %d requests already: try again shortly", s.cfg.MaxConcurrent))
			return
		}
	}
	if r.Body != nil && r.Body != http.NoBody {
		// Read the whole body now, so that an oversized one is refused
		// before any handler acts on part of it.
		if r.ContentLength > s.cfg.MaxBody {
			Error(w, http.StatusRequestEntityTooLarge, fmt.Errorf("the request body is over the %d-byte limit", s.cfg.MaxBody))
			return
		}
		b, err := io.ReadAll(io.LimitReader(r.Body, s.cfg.MaxBody+1))
		r.Body.Close()
		if err != nil {
			Error(w, http.StatusBadRequest, fmt.Errorf("read the request body: %w", err))
			return
		}
		if int64(len(b)) > s.cfg.MaxBody {
			Error(w, http.StatusRequestEntityTooLarge, fmt.Errorf("the request body is over the %d-byte limit", s.cfg.MaxBody))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(b))
	}
	if s.base == "" {
		s.mux.ServeHTTP(w, r)
		return
	}
	// Every route lives under the base path; the routes themselves are
	// registered without it.
	p := r.URL.Path
	switch {
	case p == s.base:
		http.Redirect(w, r, s.base+"/", http.StatusMovedPermanently)
	case strings.HasPrefix(p, s.base+"/"):
		r2 := new(http.Request)
		*r2 = *r
		u := *r.URL
		u.Path = strings.TrimPrefix(p, s.base)
		u.RawPath = strings.TrimPrefix(r.URL.RawPath, s.base)
		r2.URL = &u
		s.mux.ServeHTTP(w, r2)
	default:
		Error(w, http.StatusNotFound, fmt.Errorf("%s is outside the base path %s/", p, s.base))
	}
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if !s.ready.Load() {
		Error(w, http.StatusServiceUnavailable, errors.New("the graph is still loading"))
		return
	}
	n, err := s.store.Size(r.Context())
	if err != nil {
		Error(w, http.StatusServiceUnavailable, err)
		return
	}
	JSON(w, http.StatusOK, map[string]any{"status": "ok", "store": s.store.Kind, "quads": n})
}

// MaxResults returns the most results one query may return.
func (s *Server) MaxResults() int { return s.cfg.MaxResults }

func (s *Server) reading(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, done := s.guard.Track(r.Context())
		defer done()
		s.store.RLock()
		defer s.store.RUnlock()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

func (s *Server) writing(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.cfg.Writable {
			Error(w, http.StatusForbidden, errors.New("the graph is read-only: start kg serve with --writable to allow writes"))
			return
		}
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" {
			w.Header().Set("WWW-Authenticate", "Bearer")
			Error(w, http.StatusUnauthorized, errors.New("writes need an Authorization: Bearer TOKEN header"))
			return
		}
		if subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.WriteToken)) != 1 {
			Error(w, http.StatusForbidden, errors.New("the write token is wrong"))
			return
		}
		s.store.Lock()
		defer s.store.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("format")
	if name == "" {
		name = "nquads"
	}
	f, err := graph.Format(name)
	if err != nil {
		Error(w, http.StatusBadRequest, err)
		return
	}
	if len(f.Mime) > 0 {
		w.Header().Set("Content-Type", f.Mime[0])
	}
	ext := ".txt"
	if len(f.Ext) > 0 {
		ext = f.Ext[0]
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", "kg"+ext))
	if _, err := s.store.Export(r.Context(), w, name); err != nil {
		// Headers are gone; all that is left is to stop the stream short.
		panic(http.ErrAbortHandler)
	}
}

// limit reads ?limit= (default DefaultLimit, at most max).
func limit(r *http.Request, max int) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return min(DefaultLimit, max), nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("limit %q: want a whole number from 1 to %d", v, max)
	}
	if n > max {
		return 0, fmt.Errorf("limit %d is over the maximum of %d", n, max)
	}
	return n, nil
}

// JSON writes v as a JSON answer.
func JSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	// Indented: people read these answers in a terminal.
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// Error writes {"error": err} with the status code.
func Error(w http.ResponseWriter, code int, err error) {
	JSON(w, code, map[string]string{"error": err.Error()})
}

// Stopped says why a query that failed with err was stopped, if its
// context ended: 504 when it ran out of time, 503 with a *memlimit.Error
// when the server went over its memory budget, 503 when the client went
// away. It returns 0 and err when the query was not stopped.
func Stopped(ctx context.Context, err error) (int, error) {
	var me *memlimit.Error
	switch {
	case errors.As(context.Cause(ctx), &me):
		return http.StatusServiceUnavailable, me
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
		return http.StatusGatewayTimeout, context.DeadlineExceeded
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return http.StatusServiceUnavailable, errors.New("the request was cancelled")
	}
	return 0, err
}

func (s *Server) corsAllowed(origin string) bool {
	for _, o := range s.cfg.CORSOrigins {
		if o == "*" || o == origin {
			return true
		}
	}
	return false
}

func (s *Server) corsAny() bool {
	for _, o := range s.cfg.CORSOrigins {
		if o == "*" {
			return true
		}
	}
	return false
}
