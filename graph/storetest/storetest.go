// Package storetest opens fresh stores of every kind for tests, so that one
// table of store tests runs against memory, bolt and PostgreSQL alike.
//
// PostgreSQL tests need a server: set KG_TEST_POSTGRES to an admin
// connection URL (.ci/postgres.sh start prints one). Each test gets a
// database of its own, dropped afterwards. Without the variable the
// PostgreSQL cases are skipped, except under CI=true, where they fail.
package storetest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/lib/pq" // the PostgreSQL driver Cayley's SQL store uses

	"github.com/kgraph/kg/graph"
)

// EnvPostgres names the variable holding the test server's admin URL.
const EnvPostgres = "KG_TEST_POSTGRES"

// Kind is one kind of store, with a way to open a fresh, empty one.
type Kind struct {
	Name string
	// Open returns a new empty store, closed and removed when t ends.
	Open func(t testing.TB) *graph.Store
}

// Kinds returns every store kind kg offers that tests can run here.
func Kinds() []Kind {
	return []Kind{
		{graph.Memory, func(t testing.TB) *graph.Store { return open(t, graph.Config{Kind: graph.Memory}) }},
		{graph.Bolt, func(t testing.TB) *graph.Store {
			return open(t, graph.Config{Kind: graph.Bolt, Path: filepath.Join(t.TempDir(), "kg.db")})
		}},
		{graph.Postgres, func(t testing.TB) *graph.Store {
			return open(t, graph.Config{Kind: graph.Postgres, Path: NewPostgresDB(t)})
		}},
	}
}

func open(t testing.TB, cfg graph.Config) *graph.Store {
	t.Helper()
	st, err := graph.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

var dbSeq atomic.Int64

// NewPostgresDB creates an empty database on the test server and returns
// its URL; it is dropped when t ends.
func NewPostgresDB(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvPostgres)
	if admin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: .ci/run starts PostgreSQL and sets it", EnvPostgres)
		}
		t.Skipf("PostgreSQL tests skipped: set %s (see .ci/postgres.sh)", EnvPostgres)
	}
	db, err := sql.Open("postgres", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("kgtest_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, dbSeq.Add(1))
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	t.Cleanup(func() {
		db, err := sql.Open("postgres", admin)
		if err != nil {
			return
		}
		defer db.Close()
		// Stores opened by the test are closed by now (cleanups run last
		// first), but give the server a moment to end their sessions.
		for i := 0; i < 20; i++ {
			if _, err := db.Exec("DROP DATABASE IF EXISTS " + name); err == nil || !strings.Contains(err.Error(), "being accessed") {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	return u.String()
}
