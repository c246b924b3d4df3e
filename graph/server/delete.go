package server

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	kgnq "github.com/kgraph/kg/graph/nquads"
)

// delete removes the N-Quads of the request body, all or none. Unlike
// Cayley's own endpoint, asking to delete a quad the graph does not hold is
// the client's mistake (404), not the server's (500), and a bad line is 400.
// The caller holds the store's write lock.
func (s *Server) delete(w http.ResponseWriter, r *http.Request) {
	rd := kgnq.NewReader(r.Body)
	var deltas []graph.Delta
	for {
		q, err := rd.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			Error(w, http.StatusBadRequest, fmt.Errorf("request body: %w", err))
			return
		}
		deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
	}
	if len(deltas) == 0 {
		Error(w, http.StatusBadRequest, errors.New("the request body holds no quads to delete"))
		return
	}
	err := s.store.QuadStore.ApplyDeltas(deltas, graph.IgnoreOpts{})
	var de *graph.DeltaError
	switch {
	case graph.IsQuadNotExist(err) && errors.As(err, &de):
		Error(w, http.StatusNotFound, fmt.Errorf("nothing deleted: the graph does not hold %s", quadText(de.Delta.Quad)))
		return
	case graph.IsQuadNotExist(err):
		Error(w, http.StatusNotFound, errors.New("nothing deleted: the graph does not hold one of the quads"))
		return
	case err != nil:
		Error(w, http.StatusInternalServerError, fmt.Errorf("delete: %w", err))
		return
	}
	JSON(w, http.StatusOK, map[string]any{"result": fmt.Sprintf("Successfully deleted %d quads.", len(deltas)), "count": len(deltas)})
}

func quadText(q quad.Quad) string { return q.NQuad() }
