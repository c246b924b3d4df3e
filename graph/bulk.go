package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph/boltkv"
)

// maxBuild is the most quads, the store's and the file's together, that
// LoadFile builds a new bolt store from rather than loading in batches:
// the builder holds every quad and every distinct value in memory until
// it writes (boltkv.Builder), about 1 GB at this many.
const maxBuild = 10_000_000

// buildable reports whether LoadFile should build the store anew from a
// file of n quads: a bolt store holding no more quads than the file, so
// that writing the whole store again costs less than adding the file to
// it batch by batch (BENCHMARKS.md). It returns how many quads the store
// holds.
func (s *Store) buildable(ctx context.Context, n int64) (bool, int64, error) {
	if s.bolt == nil || n == 0 {
		return false, 0, nil
	}
	size, err := s.Size(ctx)
	if err != nil {
		return false, 0, err
	}
	return size <= n && size+n <= maxBuild, size, nil
}

// buildBolt loads an N-Quads file into a bolt store that holds no more
// quads than it (buildable) by building the store anew: the store's quads
// and the file's go into a new bolt file beside the store's, written once
// in key order (boltkv.Builder), which is swapped in only when it is
// complete. A build that is stopped leaves the store as it was. The store
// is then reopened on the new file, so nothing else may use it meanwhile.
// It returns how many of the file's quads were new.
func (s *Store) buildBolt(ctx context.Context, path string, batch int, skip func(*LineError) error, progress func(done, total int64), total, size int64) (int64, error) {
	b := boltkv.NewBuilder()
	if size > 0 {
		err := s.eachQuad(ctx, b.Add)
		if err != nil {
			return 0, fmt.Errorf("load %s: read the store: %w", path, err)
		}
	}
	// One core parses while the other hashes and gathers.
	batches := make(chan []quad.Quad, 2)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var readErr error
	go func() {
		defer close(batches)
		_, readErr = scanNQuads(ctx, path, batch, skip, func(qs []quad.Quad) error {
			select {
			case batches <- qs:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var addErr error
	var done int64
	for qs := range batches {
		if addErr != nil {
			continue // drain, so the reader can stop
		}
		if err := checkValid(path, qs); err != nil {
			addErr = err
			cancel()
			continue
		}
		for _, q := range qs {
			if err := b.Add(q); err != nil {
				addErr = fmt.Errorf("load %s: %w", path, err)
				cancel()
				break
			}
		}
		done += int64(len(qs))
		if progress != nil {
			progress(done, total)
		}
	}
	if addErr != nil {
		return 0, addErr
	}
	if readErr != nil {
		return 0, readErr
	}

	tmp := filepath.Join(s.Path, boltFile+buildSuffix)
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return 0, fmt.Errorf("load %s: %w", path, err)
	}
	// Commits to a file that is not the store yet need not reach the
	// disk: one flush at the end does.
	db, _, err := openBoltFile(tmp, true)
	if err != nil {
		return 0, fmt.Errorf("load %s: %w", path, err)
	}
	n, err := b.Build(ctx, db)
	if err == nil && !s.noSync {
		err = db.Sync()
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return 0, fmt.Errorf("load %s: %w", path, err)
	}
	if err := s.swapBolt(tmp); err != nil {
		return 0, fmt.Errorf("load %s: %w", path, err)
	}
	return n - size, nil
}

// swapBolt makes file, a complete bolt store, the store's file, and
// reopens the store on it.
func (s *Store) swapBolt(file string) error {
	// Closed first: not every system renames over an open file.
	s.Handle.Close()
	err := os.Rename(file, filepath.Join(s.Path, boltFile))
	if err == nil && !s.noSync {
		err = syncDir(s.Path)
	}
	st, rerr := openBolt(s.Path, s.noSync)
	if rerr != nil {
		return errors.Join(err, fmt.Errorf("reopen %s: %w", s.Path, rerr))
	}
	s.Handle, s.bolt = st.Handle, st.bolt
	return err
}

// syncDir flushes a directory, so that a rename in it survives a crash.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // directories cannot be flushed there; renames are journalled
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
