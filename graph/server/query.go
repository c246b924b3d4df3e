package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/cayleygraph/cayley/query"
	// The query languages served.
	_ "github.com/cayleygraph/cayley/query/gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql"
	_ "github.com/cayleygraph/cayley/query/mql"
)

// Languages are the query languages /api/v2/query accepts.
var Languages = []string{"gizmo", "graphql", "mql"}

// query runs a Gizmo, GraphQL or MQL query, as Cayley's /api/v2/query does,
// but honours ?limit= up to the configured maximum and answers a query
// that runs out of time with 504 rather than 400.
func (s *Server) query(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		Error(w, http.StatusMethodNotAllowed, errors.New("use GET with ?qu= or POST with the query as the body"))
		return
	}
	vals := r.URL.Query()
	lang := vals.Get("lang")
	if lang == "" {
		Error(w, http.StatusBadRequest, fmt.Errorf("say the query language with ?lang= (one of %s)", strings.Join(Languages, ", ")))
		return
	}
	l := query.GetLanguage(lang)
	if l == nil || !served(lang) {
		Error(w, http.StatusBadRequest, fmt.Errorf("unknown query language %q (want one of %s)", lang, strings.Join(Languages, ", ")))
		return
	}
	n, err := limit(r, s.cfg.MaxResults)
	if err != nil {
		Error(w, http.StatusBadRequest, err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.QueryTimeout)
	defer cancel()

	var text string
	if r.Method == http.MethodGet {
		text = vals.Get("qu")
	} else {
		// ServeHTTP has already refused a body over the limit.
		b, err := io.ReadAll(r.Body)
		if err != nil {
			Error(w, http.StatusBadRequest, err)
			return
		}
		text = string(b)
	}
	if strings.TrimSpace(text) == "" {
		Error(w, http.StatusBadRequest, errors.New("the query is empty"))
		return
	}
	collation := query.JSON
	if strings.Contains(r.Header.Get("Accept"), "application/ld+json") {
		collation = query.JSONLD
	}
	it, err := l.Session(s.store.Queryable()).Execute(ctx, text, query.Options{Limit: n, Collation: collation})
	if err != nil {
		s.queryError(w, ctx, err)
		return
	}
	defer it.Close()
	out := []any{}
	for it.Next(ctx) {
		out = append(out, it.Result())
	}
	if err := it.Err(); err != nil {
		s.queryError(w, ctx, err)
		return
	}
	if err := ctx.Err(); err != nil {
		s.queryError(w, ctx, err)
		return
	}
	if lang == "graphql" {
		// Cayley's GraphQL ignores the limit option (only first: bounds
		// it), so its answer is measured after the fact; the memory
		// budget bounds what it may take meanwhile.
		if n := objects(out, s.cfg.MaxResults); n > s.cfg.MaxResults {
			Error(w, http.StatusBadRequest, fmt.Errorf("the answer holds more than %d objects, the most a query may return: add first: N to the fields to narrow it", s.cfg.MaxResults))
			return
		}
		// GraphQL answers in its own envelope, as Cayley's does.
		if len(out) == 1 {
			JSON(w, http.StatusOK, map[string]any{"data": out[0]})
		} else {
			JSON(w, http.StatusOK, map[string]any{"data": out})
		}
		return
	}
	if collation == query.JSONLD {
		w.Header().Set("Content-Type", "application/ld+json")
	}
	JSON(w, http.StatusOK, map[string]any{"result": out})
}

func (s *Server) queryError(w http.ResponseWriter, ctx context.Context, err error) {
	code, err := Stopped(ctx, err)
	switch code {
	case 0:
		Error(w, http.StatusBadRequest, err)
	case http.StatusGatewayTimeout:
		Error(w, code, fmt.Errorf("the query ran past the %v time limit", s.cfg.QueryTimeout))
	default:
		Error(w, code, err)
	}
}

func served(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// objects counts the objects in a GraphQL answer, below its envelope,
// stopping once the count passes max.
func objects(out []any, max int) int {
	n := 0
	var walk func(any)
	walk = func(v any) {
		if n > max {
			return
		}
		switch v := v.(type) {
		case map[string]any:
			n++
			for _, x := range v {
				walk(x)
			}
		case []map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	for _, x := range out {
		// The top-level object is the envelope, not a result.
		if m, ok := x.(map[string]any); ok {
			for _, y := range m {
				walk(y)
			}
		} else {
			walk(x)
		}
	}
	return n
}
