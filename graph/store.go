// Package graph opens the Cayley store the knowledge graph lives in, loads
// quads into it and exports them. Every command and server uses this one
// opener and this one loader.
package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	"go.etcd.io/bbolt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	// The stores kg offers, registered explicitly: graph/all does not
	// register every backend. kg opens bolt files itself (openBolt).
	"github.com/cayleygraph/cayley/graph/memstore"
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
	_ "github.com/cayleygraph/cayley/writer"
)

// Store kinds kg can open.
const (
	Bolt     = "bolt"
	Memory   = "memory"
	Postgres = "postgres"
	// Cockroach is CockroachDB, through Cayley's CockroachDB flavour of
	// its SQL store.
	Cockroach = "cockroach"
)

// DefaultPath is where the bolt store lives unless told otherwise.
const DefaultPath = "data/kg.db"

// backends maps kg's store names to Cayley's registered names; bolt's is
// for messages only.
var backends = map[string]string{
	Bolt:      "bbolt",
	Memory:    memstore.QuadStoreType,
	Postgres:  "postgres",
	Cockroach: "cockroach",
}

// isSQL reports whether a store kind lives in an SQL database.
func isSQL(kind string) bool { return kind == Postgres || kind == Cockroach }

// Kinds lists the store kinds Open accepts.
func Kinds() []string {
	out := make([]string, 0, len(backends))
	for k := range backends {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Config says which store to open.
type Config struct {
	// Kind is a store kind from Kinds; empty means bolt.
	Kind string
	// Path is the bolt store's directory (empty means DefaultPath), or
	// the connection URL of an SQL store.
	Path string
	// NoSync skips bolt's flush to disk at each commit: faster bulk loads
	// that survive a killed process but not a machine that loses power.
	NoSync bool
}

// Store is an open Cayley store.
type Store struct {
	// Handle is the Cayley store and its writer.
	*graph.Handle
	Kind string
	Path string

	// mu serialises access on stores that need it: Cayley's memory store
	// has maps that die on concurrent read and write, and even its
	// whole-store scans write a flag, so there readers exclude each other.
	mu       sync.Mutex
	needLock bool

	// bolt is the bolt file of a bolt store, which Cayley reads through
	// and kg loads through (package boltkv); noSync is Config.NoSync.
	bolt   *bbolt.DB
	noSync bool

	// sqlDB is a connection of kg's own to an SQL store, for loading with
	// COPY (PostgreSQL) and for cheap questions Cayley does not ask.
	sqlDB *sql.DB
}

// Open opens the store cfg names, creating a bolt store on first use.
func Open(cfg Config) (*Store, error) {
	kind := cfg.Kind
	if kind == "" {
		kind = Bolt
	}
	name, ok := backends[kind]
	if !ok {
		return nil, fmt.Errorf("unknown store %q (want one of %v)", kind, Kinds())
	}
	path := cfg.Path
	switch {
	case isSQL(kind):
		if path == "" {
			return nil, fmt.Errorf("open %s store: give its connection URL with --db", kind)
		}
		if err := initSQL(name, path); err != nil {
			return nil, fmt.Errorf("create %s store %s: %w", kind, redact(path), err)
		}
	case kind == Bolt:
		if path == "" {
			path = DefaultPath
		}
		if err := checkNotInUse(path); err != nil {
			return nil, err
		}
		st, err := openBolt(path, cfg.NoSync)
		if err != nil {
			return nil, fmt.Errorf("open %s store %s: %w", kind, path, err)
		}
		return st, nil
	default:
		path = ""
	}
	qs, err := graph.NewQuadStore(name, path, nil)
	if err != nil {
		return nil, fmt.Errorf("open %s store %s: %w", kind, redact(path), err)
	}
	return newStore(kind, path, qs)
}

// boltFile is the bolt store's file in its directory, and buildSuffix
// marks a file LoadFile is building beside it (buildBolt).
const (
	boltFile    = "indexes.bolt"
	buildSuffix = ".build"
)

// openBolt opens, or creates, a bolt store. kg opens the bolt file itself,
// rather than by Cayley's registry, to keep the handle it loads through
// (package boltkv); Cayley gets the same file.
func openBolt(dir string, noSync bool) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	file := filepath.Join(dir, boltFile)
	db, h, err := openBoltFile(file, noSync)
	if err != nil {
		return nil, err
	}
	// A build that was killed leaves its file behind. Holding the
	// store's lock, nothing else can be writing it.
	if err := os.Remove(file + buildSuffix); err != nil && !errors.Is(err, os.ErrNotExist) {
		db.Close()
		return nil, err
	}
	// Cayley's key-value store keeps bloom filters of the nodes it has
	// written, sized for 100 million nodes: hundreds of MB that only
	// spare a few lookups when writing (measured in BENCHMARKS.md).
	qs, err := kv.New(h, graph.Options{kv.OptNoBloom: true})
	if err != nil {
		db.Close()
		return nil, err
	}
	st, err := newStore(Bolt, dir, qs)
	if err != nil {
		return nil, err
	}
	st.bolt = db
	st.noSync = noSync
	return st, nil
}

// openBoltFile opens a bolt file and makes it a Cayley key-value store if
// it is not one yet.
func openBoltFile(file string, noSync bool) (*bbolt.DB, *hbolt.DB, error) {
	db, err := bbolt.Open(file, 0o644, &bbolt.Options{
		Timeout: time.Second, NoSync: noSync, NoGrowSync: noSync,
	})
	if err != nil {
		return nil, nil, err
	}
	h := hbolt.New(db)
	// Create all of the key-value index buckets now, in one sorted pass:
	// made one by one as the first batches need them, they cost a bulk
	// load more.
	if err := kv.Init(h, graph.Options{"upfront": true}); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
		db.Close()
		return nil, nil, fmt.Errorf("create: %w", err)
	}
	return db, h, nil
}

// newStore wraps an open Cayley store.
func newStore(kind, path string, qs graph.QuadStore) (*Store, error) {
	qw, err := graph.NewQuadWriter("single", qs, graph.Options{"ignore_duplicate": true, "ignore_missing": true})
	if err != nil {
		qs.Close()
		return nil, fmt.Errorf("open %s store writer: %w", kind, err)
	}
	st := &Store{
		Handle:   &graph.Handle{QuadStore: qs, QuadWriter: qw},
		Kind:     kind,
		Path:     path,
		needLock: kind == Memory,
	}
	if isSQL(kind) {
		if st.sqlDB, err = sql.Open("postgres", path); err != nil {
			st.Close()
			return nil, fmt.Errorf("open %s store %s: %w", kind, redact(path), err)
		}
	}
	return st, nil
}

// initSQL creates Cayley's tables in an SQL database that lacks them.
// Asking first keeps Cayley from logging an error for every open of an
// existing store.
func initSQL(name, addr string) error {
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return err
	}
	defer db.Close()
	var exists bool
	if err := db.QueryRow(`SELECT to_regclass('quads') IS NOT NULL`).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	err = graph.InitQuadStore(name, addr, nil)
	if errors.Is(err, graph.ErrDatabaseExists) {
		return nil
	}
	return err
}

// redact hides a password in a connection URL, for messages.
func redact(addr string) string {
	u, err := url.Parse(addr)
	if err != nil || u.User == nil {
		return addr
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// checkNotInUse fails fast when another process holds the bolt store:
// bolt waits for the file lock for ever, which looks like a hang.
func checkNotInUse(dir string) error {
	file := filepath.Join(dir, boltFile)
	if fi, err := os.Stat(file); err != nil || fi.Size() == 0 {
		// A new store, or one killed between creating the file and
		// writing its first pages: bolt initialises it on a writable
		// open, but fails on a read-only one.
		return nil
	}
	db, err := bbolt.Open(file, 0o600, &bbolt.Options{Timeout: 2 * time.Second, ReadOnly: true})
	if errors.Is(err, bbolt.ErrTimeout) {
		return fmt.Errorf("open bolt store %s: another process (kg serve?) is using it; stop it, use another --db, or ask the running server over HTTP", dir)
	}
	if err != nil {
		return fmt.Errorf("open bolt store %s: %w", dir, err)
	}
	return db.Close()
}

// Close closes the store.
func (s *Store) Close() error {
	if s.sqlDB != nil {
		s.sqlDB.Close()
	}
	return s.Handle.Close()
}

// RLock holds off writes while a reader runs; RUnlock releases it. They
// cost nothing on stores that allow concurrent reads and writes; on the
// memory store they let one reader or writer in at a time.
func (s *Store) RLock() {
	if s.needLock {
		s.mu.Lock()
	}
}

// RUnlock ends a read begun with RLock.
func (s *Store) RUnlock() {
	if s.needLock {
		s.mu.Unlock()
	}
}

// Lock holds off readers while a writer runs; Unlock releases it.
func (s *Store) Lock() {
	if s.needLock {
		s.mu.Lock()
	}
}

// Unlock ends a write begun with Lock.
func (s *Store) Unlock() {
	if s.needLock {
		s.mu.Unlock()
	}
}

// Size returns the number of quads in the store.
func (s *Store) Size(ctx context.Context) (int64, error) {
	s.RLock()
	defer s.RUnlock()
	return s.size(ctx)
}

// Version changes whenever quads are added to the store, and costs little
// to ask, so that caches built from the store know when to rebuild. The
// caller holds the store's read lock. On the key-value and memory stores it
// is the quad count; on SQL stores, where counting is slow, the highest quad
// number Cayley has given out.
func (s *Store) Version(ctx context.Context) (int64, error) {
	if s.sqlDB == nil {
		return s.size(ctx)
	}
	var v sql.NullInt64
	if err := s.sqlDB.QueryRowContext(ctx, `SELECT max(horizon) FROM quads`).Scan(&v); err != nil {
		return 0, fmt.Errorf("store version: %w", err)
	}
	return v.Int64, nil
}

// size counts quads; the caller holds a lock.
func (s *Store) size(ctx context.Context) (int64, error) {
	// SQL stores only estimate unless asked for an exact count; the
	// key-value and memory stores keep the exact count either way.
	st, err := s.QuadStore.Stats(ctx, isSQL(s.Kind))
	if errors.Is(err, kv.ErrNoBucket) {
		// A new bolt store has no size record until its first write.
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("count quads: %w", err)
	}
	return st.Quads.Value, nil
}
