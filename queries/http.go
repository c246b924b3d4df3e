package queries

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kgraph/kg/graph/server"
)

// Limits bound each named query a Handler runs.
type Limits struct {
	// Timeout is the longest a query may run; zero means
	// server.DefaultQueryTimeout.
	Timeout time.Duration
	// MaxResults is the largest limit= a query may ask for, if under
	// MaxLimit; zero means MaxLimit.
	MaxResults int
}

// Handler serves the named queries: GET /api/queries lists the catalogue
// and GET /api/queries/{name}?param=value runs one, as
// ../shared/spec/named-queries.md says. Mount it on both /api/queries
// and /api/queries/ of a server.Server, which holds the store's read lock
// around it.
func Handler(e *Engine, lim Limits) http.Handler {
	if lim.Timeout <= 0 {
		lim.Timeout = server.DefaultQueryTimeout
	}
	if lim.MaxResults <= 0 || lim.MaxResults > MaxLimit {
		lim.MaxResults = MaxLimit
	}
	h := &handler{e: e, timeout: lim.Timeout, maxResults: lim.MaxResults}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/queries", h.catalogue)
	mux.HandleFunc("GET /api/queries/{$}", h.catalogue)
	mux.HandleFunc("GET /api/queries/{name}", h.query)
	mux.HandleFunc("/api/queries/", h.notFound)
	mux.HandleFunc("/api/queries", h.notFound)
	return mux
}

type handler struct {
	e          *Engine
	timeout    time.Duration
	maxResults int
}

func (h *handler) catalogue(w http.ResponseWriter, r *http.Request) {
	server.JSON(w, http.StatusOK, Catalogue())
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		server.Error(w, http.StatusMethodNotAllowed, fmt.Errorf("named queries are read with GET, not %s", r.Method))
		return
	}
	server.Error(w, http.StatusNotFound, fmt.Errorf("no named query at %s: use /api/queries/NAME", r.URL.Path))
}

func (h *handler) query(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if _, ok := Lookup(name); !ok {
		server.Error(w, http.StatusNotFound, &UnknownQueryError{Name: name})
		return
	}
	params := map[string]string{}
	for k, vs := range r.URL.Query() {
		if len(vs) > 1 {
			server.Error(w, http.StatusBadRequest, &ParamError{Query: name, Param: k, Reason: "is given more than once: give it once"})
			return
		}
		params[k] = vs[0]
	}
	if v, ok := params["limit"]; ok {
		// The engine checks limit against MaxLimit; the server may allow
		// fewer.
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > h.maxResults {
			server.Error(w, http.StatusBadRequest, &ParamError{Query: name, Param: "limit", Reason: fmt.Sprintf("is %d: this server returns at most %d results", n, h.maxResults)})
			return
		}
	}
	ctx, cancel := context.WithTimeout(r.Context(), h.timeout)
	defer cancel()
	ans, err := h.e.Run(ctx, name, params)
	switch {
	case err == nil:
		server.JSON(w, http.StatusOK, ans)
	case IsParamError(err):
		server.Error(w, http.StatusBadRequest, err)
	case IsUnknownQuery(err):
		server.Error(w, http.StatusNotFound, err)
	default:
		code, why := server.Stopped(ctx, err)
		switch code {
		case 0:
			server.Error(w, http.StatusInternalServerError, err)
		case http.StatusGatewayTimeout:
			server.Error(w, code, fmt.Errorf("query %s ran out of time after %v: narrow it or lower limit", name, h.timeout))
		default:
			server.Error(w, code, fmt.Errorf("query %s: %w", name, why))
		}
	}
}
