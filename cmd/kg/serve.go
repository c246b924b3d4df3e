package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/kgraph/kg/graph/server"
)

func init() {
	register(command{
		name:    "serve",
		summary: "build the graph if the store is empty, then serve the query API and web UI",
		run:     runServe,
	})
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := newFlags("serve", "[--docs DIR] [--addr 127.0.0.1:64210] [--base-path /PREFIX] [--store bolt|memory] [--db PATH] [--writable]", stderr)
	sf.register(fs)
	addr := fs.String("addr", "127.0.0.1:64210", "address to listen on")
	writable := fs.Bool("writable", false, "allow writes through /api/v2/write and /api/v2/delete")
	timeout := fs.Duration("query-timeout", server.DefaultQueryTimeout, "longest a query may run")
	maxLimit := fs.Int("max-limit", server.DefaultMaxLimit, "most results a query may ask for with ?limit=")
	basePath := fs.String("base-path", "", "serve everything under this path prefix, such as /kg (for a reverse proxy)")
	writeToken := fs.String("write-token", os.Getenv("KG_WRITE_TOKEN"), "bearer token that writes must carry, with --writable (default $KG_WRITE_TOKEN)")
	maxBody := fs.Int64("max-body", server.DefaultMaxBody, "largest request body, in bytes; larger ones get 413")
	maxConcurrent := fs.Int("max-concurrent", server.DefaultMaxConcurrent, "most requests served at once; more get a quick 503")
	cors := fs.String("cors-origin", "", "comma-separated origins whose pages may read answers, or * for any (default none)")
	docs := fs.String("docs", "", "build the graph from every NAME.txt in `DIR` with the extractor (curated NAME.kg files take precedence) instead of the bundled seeds")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := sf.open()
	if err != nil {
		return err
	}
	defer st.Close()

	var origins []string
	for _, o := range strings.Split(*cors, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	srv, err := server.New(st, server.Config{
		Writable: *writable, WriteToken: *writeToken,
		QueryTimeout: *timeout, MaxLimit: *maxLimit, BasePath: *basePath,
		MaxBody: *maxBody, MaxConcurrent: *maxConcurrent, CORSOrigins: origins,
	})
	if err != nil {
		return err
	}
	warm := mountQueries(srv, st, *timeout)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	fmt.Fprintf(stdout, "serving on http://%s (store %s %s)\n", ln.Addr(), st.Kind, st.Path)

	n, err := st.Size(ctx)
	if err != nil {
		hs.Close()
		return err
	}
	if n == 0 && *docs != "" {
		if err := buildDocs(ctx, st, *docs, sf.minter(), stdout, stderr); err != nil {
			hs.Close()
			return err
		}
	} else if n == 0 {
		if err := buildSeeds(ctx, st, sf.minter(), stdout); err != nil {
			hs.Close()
			return err
		}
	}
	// Index the names before saying the graph is ready, so that the first
	// named query does not pay for it.
	if err := warm(ctx); err != nil {
		hs.Close()
		return err
	}
	srv.SetReady()
	fmt.Fprintln(stdout, "graph ready")

	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return hs.Shutdown(shut)
	}
}
