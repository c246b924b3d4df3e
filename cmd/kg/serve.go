package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/kgraph/kg/graph/memlimit"
	"github.com/kgraph/kg/graph/server"
)

func init() {
	register(command{
		name:    "serve",
		summary: "build the graph if the store is empty, then serve the query API and web UI",
		run:     runServe,
	})
}

// defaultMaxMemory leaves a 1M-quad bolt graph (about 600 MB served)
// room for its queries; the memory store needs about 1 KiB per quad.
const defaultMaxMemory = "2GiB"

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var sf storeFlags
	fs := newFlags("serve", "[--docs DIR] [--addr 127.0.0.1:64210] [--base-path /PREFIX] [--store bolt|memory] [--db PATH] [--writable]", stderr)
	sf.register(fs)
	addr := fs.String("addr", "127.0.0.1:64210", "address to listen on")
	writable := fs.Bool("writable", false, "allow writes through /api/v2/write and /api/v2/delete")
	timeout := fs.Duration("query-timeout", server.DefaultQueryTimeout, "longest a query may run")
	maxResults := fs.Int("max-results", server.DefaultMaxResults, "most results one query may return (the largest ?limit=, the most objects in a GraphQL answer)")
	maxMemory := fs.String("max-memory", defaultMaxMemory, "heap budget: past it the GC works harder, and queries running when it is still exceeded are stopped with 503 (B, KiB, MiB, GiB; 0 for none)")
	basePath := fs.String("base-path", "", "serve everything under this path prefix, such as /kg (for a reverse proxy)")
	writeToken := fs.String("write-token", os.Getenv("KG_WRITE_TOKEN"), "bearer token that writes must carry, with --writable (default $KG_WRITE_TOKEN)")
	maxBody := fs.Int64("max-body", server.DefaultMaxBody, "largest request body, in bytes; larger ones get 413")
	maxConcurrent := fs.Int("max-concurrent", server.DefaultMaxConcurrent, "most requests served at once; more get a quick 503")
	cors := fs.String("cors-origin", "", "comma-separated origins whose pages may read answers, or * for any (default none)")
	docs := fs.String("docs", "", "build the graph from every NAME.txt in `DIR` and its subfolders with the extractor (curated NAME.kg files take precedence) instead of the bundled seeds")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	budget, err := memlimit.ParseSize(*maxMemory)
	if err != nil {
		return fmt.Errorf("--max-memory: %w", err)
	}
	if budget > 0 {
		// Collect harder as the heap nears the budget, so that only live
		// data, not garbage, makes the guard stop queries.
		debug.SetMemoryLimit(int64(budget))
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
		QueryTimeout: *timeout, MaxResults: *maxResults, MaxMemory: budget, BasePath: *basePath,
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
	if h := memlimit.Heap(); budget > 0 && h > budget/2 {
		fmt.Fprintf(stderr, "kg serve: the graph already takes %s of the %s heap budget; raise --max-memory, or queries will be stopped early\n", memlimit.Size(h), memlimit.Size(budget))
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
