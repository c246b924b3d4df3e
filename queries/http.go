package queries

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/kgraph/kg/graph/server"
)

// Handler serves the named queries: GET /api/queries lists the catalogue
// and GET /api/queries/{name}?param=value runs one, as
// ../shared/spec/named-queries.md says. Each query gets at most timeout
// (zero means server.DefaultQueryTimeout). Mount it on both /api/queries
// and /api/queries/ of a server.Server, which holds the store's read lock
// around it.
func Handler(e *Engine, timeout time.Duration) http.Handler {
	if timeout <= 0 {
		timeout = server.DefaultQueryTimeout
	}
	h := &handler{e: e, timeout: timeout}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/queries", h.catalogue)
	mux.HandleFunc("GET /api/queries/{$}", h.catalogue)
	mux.HandleFunc("GET /api/queries/{name}", h.query)
	mux.HandleFunc("/api/queries/", h.notFound)
	mux.HandleFunc("/api/queries", h.notFound)
	return mux
}

type handler struct {
	e       *Engine
	timeout time.Duration
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
	case server.TimeoutStatus(ctx, err) != 0:
		server.Error(w, server.TimeoutStatus(ctx, err), fmt.Errorf("query %s ran out of time after %v: narrow it or lower limit", name, h.timeout))
	case errors.Is(err, context.Canceled):
		// The client has gone; nobody reads this answer.
		server.Error(w, http.StatusServiceUnavailable, fmt.Errorf("query %s was cancelled", name))
	default:
		server.Error(w, http.StatusInternalServerError, err)
	}
}
