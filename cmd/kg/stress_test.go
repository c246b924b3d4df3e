//go:build stress

// Stress tests for issue #7 (hardening), apart from the normal run because
// they take minutes:
//
//	go test -race -tags stress -run 'TestKill|TestSoak' -v -timeout 20m ./cmd/kg/
//
// KG_STRESS_SEED fixes the random choices (each test logs its seed);
// KG_SOAK_DURATION (a Go duration) shortens or lengthens the soak, 60s by
// default. The kg binary the kill tests run is built without the race
// detector: they test what a crash leaves on disk, and the race detector
// would only slow the loads they interrupt.

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph"
	kgnq "github.com/kgraph/kg/graph/nquads"
	"github.com/kgraph/kg/graph/server"
	"github.com/kgraph/kg/graph/synth"
	"github.com/kgraph/kg/graph/vocab"
)

// hardSeed returns the seed of a test's random choices: KG_STRESS_SEED if
// set, else the clock. It is logged so that a failure can be replayed (the
// kill times, not the scheduling of the machine).
func hardSeed(t *testing.T) uint64 {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("KG_STRESS_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("KG_STRESS_SEED=%q: %v", s, err)
		}
		seed = v
	}
	t.Logf("seed %d (replay with KG_STRESS_SEED=%d)", seed, seed)
	return seed
}

// hardKillAfter starts kg with args and kills it with SIGKILL after d,
// unless it has finished by then (it must then have succeeded). It
// reports whether kg was killed, and how long it ran.
func hardKillAfter(t *testing.T, bin string, d time.Duration, args ...string) (bool, time.Duration) {
	t.Helper()
	var out hardSyncBuffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("kg %s failed before it was killed: %v\n%s", strings.Join(args, " "), err, out.String())
		}
		return false, time.Since(start)
	case <-time.After(d):
	}
	if err := cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatal(err)
	}
	err := <-done
	ran := time.Since(start)
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			return true, ran
		}
	}
	if err != nil {
		t.Fatalf("kg %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return false, ran // it finished between the timer and the kill
}

// hardQuadSet opens the bolt store at db as kg does (it must open, whatever
// a crash left) and returns its quads as N-Quads lines. The export itself
// is kg export's, a binary without the race detector, for speed; the store
// size kg reports must match the number of quads exported.
func hardQuadSet(t *testing.T, bin, db string) map[string]struct{} {
	t.Helper()
	st, err := graph.Open(graph.Config{Kind: graph.Bolt, Path: db})
	if err != nil {
		t.Fatalf("the store does not open after the kill: %v", err)
	}
	size, err := st.Size(context.Background())
	st.Close()
	if err != nil {
		t.Fatalf("the store opens but cannot count its quads after the kill: %v", err)
	}
	out := filepath.Join(t.TempDir(), "export.nq")
	hardRun(t, bin, 2*time.Minute, "export", "--db", db, "-o", out)
	lines := hardReadLines(t, out)
	set := make(map[string]struct{}, len(lines))
	for _, l := range lines {
		set[l] = struct{}{}
	}
	if len(set) != len(lines) || int64(len(lines)) != size {
		t.Fatalf("the store says it holds %d quads; kg export wrote %d lines, %d distinct", size, len(lines), len(set))
	}
	return set
}

func hardReadLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// hardUnits records which unit of work (a batch of kg load, a document of
// kg build, numbered from 1 in the order kg writes them) first holds each
// quad, and how many distinct quads the first k units hold together.
type hardUnits struct {
	first map[string]int
	sizes []int // sizes[k]: quads in units 1..k; sizes[0] = 0
}

// newHardUnits builds the record from each unit's quads, in order.
func newHardUnits(units [][]string) *hardUnits {
	u := &hardUnits{first: map[string]int{}, sizes: []int{0}}
	for i, qs := range units {
		for _, q := range qs {
			if _, ok := u.first[q]; !ok {
				u.first[q] = i + 1
			}
		}
		u.sizes = append(u.sizes, len(u.first))
	}
	return u
}

// prefix returns k when got is exactly the quads of the first k units: no
// quad from a later unit, none missing from the first k. Otherwise it says
// what is wrong, unit by unit.
func (u *hardUnits) prefix(got map[string]struct{}) (int, error) {
	k := 0
	for q := range got {
		i, ok := u.first[q]
		if !ok {
			return -1, fmt.Errorf("the store holds a quad of no unit: %s", q)
		}
		k = max(k, i)
	}
	if len(got) == u.sizes[k] {
		return k, nil // got is a subset of units 1..k, of their size
	}
	have := make([]int, k+1)
	for q := range got {
		have[u.first[q]]++
	}
	var partial []string
	for i := 1; i <= k; i++ {
		if want := u.sizes[i] - u.sizes[i-1]; have[i] != want {
			partial = append(partial, fmt.Sprintf("unit %d: %d of its %d new quads", i, have[i], want))
		}
	}
	return -1, fmt.Errorf("the store holds %d quads, units 1..%d hold %d; incomplete: %s", len(got), k, u.sizes[k], strings.Join(partial, "; "))
}

func hardSameSet(a, b map[string]struct{}) bool {
	if len(a) != len(b) {
		return false
	}
	for q := range a {
		if _, ok := b[q]; !ok {
			return false
		}
	}
	return true
}

// hardStoreFile describes what a kill left of the bolt file, for the log.
func hardStoreFile(db string) string {
	fi, err := os.Stat(filepath.Join(db, "indexes.bolt"))
	if err != nil {
		return "no store file"
	}
	return fmt.Sprintf("store file %d KiB", fi.Size()>>10)
}

var hardNewRe = regexp.MustCompile(`(\d+) new`)

// hardNew reads the count of new quads from kg load's or kg build's output.
func hardNew(t *testing.T, out string) int {
	t.Helper()
	m := hardNewRe.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no count of new quads in:\n%s", out)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// hardKillLoop runs cmd (the kg arguments for a store at db) n times on a
// fresh store, killing it with SIGKILL at a time drawn from the i-th n-th
// of the uninterrupted run's length full (so that the kills cover the
// whole run, its very start included), and checks what each kill left:
// the store opens, holds exactly the first k units, and rerunning the
// command completes it to the reference. A run that finishes before its
// kill (the machine was less busy than for the reference) is tried again,
// up to twice, with full cut to that run's length, so that the kills are
// kills. prepare, if set, readies each fresh store before cmd runs.
func hardKillLoop(t *testing.T, bin string, n int, full time.Duration, units *hardUnits, ref map[string]struct{}, seed uint64, prepare func(db string), cmd func(db string) []string) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	dir := t.TempDir()
	total := len(units.sizes) - 1
	var hist []string
	for i := 0; i < n; i++ {
		at := r.Float64()
		var d time.Duration
		var db string
		killed := false
		for try := 0; try < 3 && !killed; try++ {
			d = time.Duration((float64(i) + at) / float64(n) * float64(full))
			db = filepath.Join(dir, fmt.Sprintf("kill%02d-%d.db", i, try))
			if prepare != nil {
				prepare(db)
			}
			var ran time.Duration
			killed, ran = hardKillAfter(t, bin, d, cmd(db)...)
			if !killed {
				full = min(full, ran)
			}
		}
		file := hardStoreFile(db)
		got := hardQuadSet(t, bin, db)
		k, err := units.prefix(got)
		if err != nil {
			t.Fatalf("kill %d at %v (%s): %v", i, d.Round(time.Millisecond), file, err)
		}
		t.Logf("kill %2d at %6v (killed: %-5v, %s): %3d of %d units, %6d quads", i, d.Round(time.Millisecond), killed, file, k, total, len(got))
		hist = append(hist, fmt.Sprintf("%d/%d", k, total))

		out := hardRun(t, bin, 5*time.Minute, cmd(db)...)
		if added := hardNew(t, out); added != len(ref)-len(got) {
			t.Errorf("kill %d: the rerun added %d quads; %d were missing", i, added, len(ref)-len(got))
		}
		if final := hardQuadSet(t, bin, db); !hardSameSet(final, ref) {
			t.Fatalf("kill %d: after the rerun the store holds %d quads, not the %d of the uninterrupted run", i, len(final), len(ref))
		}
	}
	t.Logf("units present at each kill: %s", strings.Join(hist, " "))
}

// TestKillLoad kills kg load with SIGKILL at random points, in both of
// its ways of loading a bolt store. Into a store that holds more quads
// than the file, each batch is one transaction, so the store must hold
// exactly what it held and the first k batches of the file. Into an empty
// store, or one with fewer quads than the file, kg load builds a new file
// and swaps it in, so the store must hold what it held and all of the file
// or none of it. Either way, loading the file again must complete it.
func TestKillLoad(t *testing.T) {
	// In parallel with TestKillBuild: the checks read what is on disk, not
	// clocks, and the run is shorter.
	t.Parallel()
	const quads, batch, kills = 40000, 2000, 5
	seed := hardSeed(t)
	bin := hardBuildKG(t, false)
	dir := t.TempDir()
	file := filepath.Join(dir, "synth.nq")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := synth.Write(f, synth.Config{Quads: quads, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	// The batches as kg load cuts them: every line of the file is a quad
	// (checked), so batch i is lines [i*batch, (i+1)*batch). Each batch
	// goes through the real loader into a memory store and out through
	// the real exporter, to get the lines an export of the bolt store
	// shows for it.
	lines := hardReadLines(t, file)
	var units [][]string
	for start := 0; start < len(lines); start += batch {
		chunk := lines[start:min(start+batch, len(lines))]
		for j, l := range chunk {
			if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
				t.Fatalf("line %d of the synthetic file is not a quad: %q", start+j+1, l)
			}
		}
		part := filepath.Join(dir, fmt.Sprintf("batch%03d.nq", len(units)))
		if err := os.WriteFile(part, []byte(strings.Join(chunk, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		units = append(units, hardMemoryExport(t, part))
	}
	whole := newHardUnits([][]string{slices.Concat(units...)})
	// A store that holds the file's first batch, fewer quads than the
	// file: kg load builds it anew, with the whole file added or none.
	first := filepath.Join(dir, "batch000.nq")
	small := func(db string) { hardRun(t, bin, time.Minute, "load", "-q", "--db", db, first) }
	rebuilt := newHardUnits([][]string{units[0], slices.Concat(units...)})

	// A store that holds a bigger graph already, loaded first: kg load
	// adds the file to it in batches.
	bigger := filepath.Join(dir, "bigger.nq")
	f, err = os.Create(bigger)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := synth.Write(f, synth.Config{Quads: quads * 5 / 4, Seed: 8}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	seeded := func(db string) { hardRun(t, bin, time.Minute, "load", "-q", "--db", db, bigger) }
	batches := newHardUnits(append([][]string{hardMemoryExport(t, bigger)}, units...))

	args := func(db string) []string {
		return []string{"load", "-q", "--batch", strconv.Itoa(batch), "--db", db, file}
	}
	for _, tc := range []struct {
		name    string
		prepare func(db string)
		units   *hardUnits
	}{
		{"into an empty store, built whole", nil, whole},
		{"into a store with fewer quads, rebuilt whole", small, rebuilt},
		{"into a store with more quads, in batches", seeded, batches},
	} {
		t.Run(tc.name, func(t *testing.T) {
			refDB := filepath.Join(t.TempDir(), "ref.db")
			if tc.prepare != nil {
				tc.prepare(refDB)
			}
			start := time.Now()
			hardRun(t, bin, 5*time.Minute, args(refDB)...)
			full := time.Since(start)
			ref := hardQuadSet(t, bin, refDB)
			all := len(tc.units.sizes) - 1
			if len(ref) != tc.units.sizes[all] {
				t.Fatalf("the uninterrupted load leaves %d quads; its units hold %d", len(ref), tc.units.sizes[all])
			}
			if k, err := tc.units.prefix(ref); err != nil || k != all {
				t.Fatalf("the uninterrupted load is not the union of its units (k=%d): %v", k, err)
			}
			t.Logf("kg load of %d quads, %s: %.1fs uninterrupted", len(lines), tc.name, full.Seconds())
			hardKillLoop(t, bin, kills, full, tc.units, ref, seed, tc.prepare, args)
		})
	}
}

// hardMemoryExport loads an N-Quads file into a memory store with kg's
// loader and returns the store's export as lines.
func hardMemoryExport(t *testing.T, path string) []string {
	t.Helper()
	st, err := graph.Open(graph.Config{Kind: graph.Memory})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.LoadFile(ctx, path, graph.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if _, err := st.Export(ctx, &b, "nquads"); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

// TestKillBuild kills kg build --docs with SIGKILL at random points: each
// document is one transaction, so the store must hold exactly the first k
// documents, and building again must complete it.
//
// A document's quads are those labelled with its source or one of its
// sentences (graph/source, extract/triples.go; no curated file applies to
// these documents), so the uninterrupted build, split by label, gives
// each document's transaction; kg build loads them in name order.
func TestKillBuild(t *testing.T) {
	t.Parallel()
	const copies, kills = 12, 10
	seed := hardSeed(t)
	bin := hardBuildKG(t, false)
	dir := t.TempDir()

	// The development corpus, copied under distinct names: 120 documents,
	// a build of a few seconds.
	corpus := filepath.Join("..", "..", "..", "shared", "corpus", "dev")
	texts, err := filepath.Glob(filepath.Join(corpus, "*.txt"))
	if err != nil || len(texts) == 0 {
		t.Fatalf("no documents in %s (%v)", corpus, err)
	}
	docs := filepath.Join(dir, "docs")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	var names []string
	for c := 1; c <= copies; c++ {
		for _, txt := range texts {
			stem := strings.TrimSuffix(filepath.Base(txt), ".txt")
			name := fmt.Sprintf("c%02d_%s", c, stem)
			for _, ext := range []string{".txt", ".meta.json"} {
				b, err := os.ReadFile(filepath.Join(corpus, stem+ext))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(docs, name+ext), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			names = append(names, name+".txt")
		}
	}
	sort.Strings(names) // the order kg build loads them in

	args := func(db string) []string { return []string{"build", "--docs", docs, "--db", db} }
	refDB := filepath.Join(dir, "ref.db")
	start := time.Now()
	out := hardRun(t, bin, 5*time.Minute, args(refDB)...)
	full := time.Since(start)
	if want := fmt.Sprintf("built %d documents", len(names)); !strings.Contains(out, want) || strings.Contains(out, "skipped") {
		t.Fatalf("the uninterrupted build did not load every document:\n%s", out)
	}
	ref := hardQuadSet(t, bin, refDB)

	docOf := map[string]int{}
	m := vocab.Minter{}
	for i, name := range names {
		docOf[string(m.Source(name))] = i
	}
	units := make([][]string, len(names))
	for q := range ref {
		pq, ok, err := kgnq.ParseLine(q)
		if err != nil || !ok {
			t.Fatalf("export line %q: %v", q, err)
		}
		label, _ := pq.Label.(quad.IRI)
		src, _, _ := strings.Cut(string(label), "#")
		i, ok := docOf[src]
		if !ok {
			t.Fatalf("a quad of the build belongs to no document: %s", q)
		}
		units[i] = append(units[i], q)
	}
	for i, qs := range units {
		if len(qs) == 0 {
			t.Fatalf("document %s gave no quads", names[i])
		}
	}
	u := newHardUnits(units)
	t.Logf("kg build --docs of %d documents (%d quads): %.1fs uninterrupted", len(names), len(ref), full.Seconds())
	hardKillLoop(t, bin, kills, full, u, ref, seed, nil, args)
}

// TestKillBeforeStoreInit opens a store that kg was killed in the middle
// of creating: bbolt creates indexes.bolt and only then writes its first
// pages, so a kill in between (a window of microseconds, too narrow for
// the random kills above to hit) leaves a file of 0 bytes. bbolt itself
// initialises such a file; the store must open and take quads.
func TestKillBeforeStoreInit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	if err := os.MkdirAll(db, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(db, "indexes.bolt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(graph.Config{Kind: graph.Bolt, Path: db})
	if err != nil {
		t.Fatalf("a store file left empty by a kill does not open: %v", err)
	}
	defer st.Close()
	ctx := context.Background()
	q := quad.MakeIRI("https://kg.example.org/id/a", "http://schema.org/name", "https://kg.example.org/id/b", "")
	if n, err := st.Load(ctx, "test", []quad.Quad{q}); err != nil || n != 1 {
		t.Fatalf("load into the reopened store: %d new, %v", n, err)
	}
}

// soakKind is one kind of request the soak's clients make.
type soakKind struct {
	name   string
	weight int
	make   func(r *rand.Rand) (method, path, body string)
	// check validates a 200 answer's body.
	check func(body []byte) error
	// stream, if set, reads and validates a 200 answer's body instead of
	// check, for answers too big to hold (exports): the clients share the
	// test's process, whose heap and RSS are measured.
	stream func(body io.Reader) error
}

// soakStats is what one client saw.
type soakStats struct {
	lat      map[string][]time.Duration // 200s, by kind
	shed     []time.Duration            // intended 503s
	failures []string
	failed   int
}

// TestSoak runs a real server over a bolt store of about 100,000 synthetic
// quads and the seed, on loopback, with 64 clients mixing named queries,
// Gizmo queries and exports for KG_SOAK_DURATION (60 s): no 5xx but the
// intended 503s of the concurrency cap, memory that stays flat, and
// goroutines and heap back to their baseline afterwards.
func TestSoak(t *testing.T) {
	const (
		clients = 64
		// slots is the server's concurrency cap: half the clients, so that
		// shedding load with a quick 503 runs all along the soak (a leak
		// on that path shows as well as on the others).
		slots = 32
		// perClient bounds each client's loop besides the duration.
		perClient = 1_000_000
	)
	dur := 60 * time.Second
	if s := os.Getenv("KG_SOAK_DURATION"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			t.Fatalf("KG_SOAK_DURATION=%q: want a positive Go duration such as 20s", s)
		}
		dur = d
	}
	seed := hardSeed(t)

	// The store: the seed and the synthetic graph, loaded by the kg
	// binary (faster than this test binary under the race detector).
	bin := hardBuildKG(t, false)
	dir := t.TempDir()
	db := filepath.Join(dir, "kg.db")
	file := filepath.Join(dir, "synth.nq")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := synth.Write(f, synth.Config{Quads: 100000, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	hardRun(t, bin, 5*time.Minute, "build", "--db", db)
	hardRun(t, bin, 5*time.Minute, "load", "-q", "--db", db, file)

	// The server, as kg serve wires it, in this process so that its
	// goroutines and heap can be read.
	st, err := graph.Open(graph.Config{Kind: graph.Bolt, Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	size, err := st.Size(ctx)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(st, server.Config{MaxConcurrent: slots})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := mountQueries(srv, st, server.DefaultQueryTimeout)(ctx); err != nil {
		t.Fatal(err)
	}
	srv.SetReady()
	t.Logf("store: %d quads; name index built in %.1fs", size, time.Since(start).Seconds())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	defer func() {
		hs.Shutdown(context.Background())
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
	}()
	base := "http://" + ln.Addr().String()
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: 2 * time.Minute}

	kinds := soakKinds(t, client, base, size)
	// Exports: one client of the 64 downloads the whole graph over and
	// over, as a backup job would, while the others ask queries. Picked at
	// random instead, exports pile up: each costs about a second of CPU
	// (ten under the race detector) against milliseconds for a query.
	var export *soakKind
	for i := range kinds {
		if kinds[i].name == "export" {
			export = &kinds[i]
		}
	}
	weights := 0
	for _, k := range kinds {
		weights += k.weight
	}
	pick := func(r *rand.Rand) *soakKind {
		n := r.IntN(weights)
		for i := range kinds {
			if n -= kinds[i].weight; n < 0 {
				return &kinds[i]
			}
		}
		panic("unreachable")
	}
	// do makes one request; it returns the status, or 0 with a failure.
	do := func(k *soakKind, r *rand.Rand) (int, time.Duration, string) {
		method, path, body := k.make(r)
		req, err := http.NewRequest(method, base+path, strings.NewReader(body))
		if err != nil {
			return 0, 0, err.Error()
		}
		t0 := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return 0, 0, fmt.Sprintf("%s %s: %v", k.name, path, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusOK && k.stream != nil {
			if err := k.stream(resp.Body); err != nil {
				return 0, 0, fmt.Sprintf("%s %s: %v", k.name, path, err)
			}
			return resp.StatusCode, time.Since(t0), ""
		}
		b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
		lat := time.Since(t0)
		if err != nil {
			return 0, 0, fmt.Sprintf("%s %s: read the answer: %v", k.name, path, err)
		}
		switch {
		case resp.StatusCode == http.StatusOK:
			if err := k.check(b); err != nil {
				return 0, 0, fmt.Sprintf("%s %s: %v", k.name, path, err)
			}
		case resp.StatusCode == http.StatusServiceUnavailable && strings.Contains(string(b), "the server is answering"):
			// The intended 503 of the concurrency cap.
		default:
			return 0, 0, fmt.Sprintf("%s %s: status %d: %.300s", k.name, path, resp.StatusCode, b)
		}
		return resp.StatusCode, lat, ""
	}

	// Warm up with every kind once, so that what is built on first use
	// (Gizmo's runtime, the transports' buffers) is in the baseline.
	wr := rand.New(rand.NewPCG(seed, 0))
	for i := range kinds {
		if code, _, msg := do(&kinds[i], wr); code != http.StatusOK {
			t.Fatalf("warm-up: %s", msg)
		}
	}
	tr.CloseIdleConnections()
	baseG, baseHeap := soakSettle(0)
	t.Logf("baseline: %d goroutines, heap %.1f MB, RSS %.0f MB", baseG, hardMB(baseHeap), hardMB(soakRSS(t)))

	// RSS, sampled until the clients stop starting requests.
	deadline := time.Now().Add(dur)
	var rss []uint64
	sampled := make(chan struct{})
	var peakG int
	go func() {
		defer close(sampled)
		tick := time.NewTicker(500 * time.Millisecond)
		defer tick.Stop()
		for now := range tick.C {
			if now.After(deadline) {
				return
			}
			rss = append(rss, soakRSS(t))
			peakG = max(peakG, runtime.NumGoroutine())
		}
	}()

	stats := make([]soakStats, clients)
	var wg sync.WaitGroup
	var total atomic.Int64
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			s := &stats[c]
			s.lat = map[string][]time.Duration{}
			r := rand.New(rand.NewPCG(seed, uint64(c)+1))
			for n := 0; n < perClient && time.Now().Before(deadline); n++ {
				k := pick(r)
				if c == 0 {
					k = export
				}
				code, lat, msg := do(k, r)
				total.Add(1)
				switch code {
				case http.StatusOK:
					s.lat[k.name] = append(s.lat[k.name], lat)
				case http.StatusServiceUnavailable:
					s.shed = append(s.shed, lat)
					// A client told to come back shortly waits a little.
					time.Sleep(time.Duration(10+r.IntN(40)) * time.Millisecond)
				default:
					s.failed++
					if len(s.failures) < 3 {
						s.failures = append(s.failures, msg)
					}
				}
			}
		}(c)
	}
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(dur + 3*time.Minute):
		t.Fatalf("the clients did not stop within 3 minutes of the soak's end")
	}
	tail := time.Since(deadline)
	<-sampled

	// What the clients saw.
	lat := map[string][]time.Duration{}
	var shed []time.Duration
	failed := 0
	for _, s := range stats {
		for k, v := range s.lat {
			lat[k] = append(lat[k], v...)
		}
		shed = append(shed, s.shed...)
		failed += s.failed
		for _, f := range s.failures {
			t.Errorf("failure: %s", f)
		}
	}
	ok := 0
	t.Logf("%d requests from %d clients in %v (%.0f/s), the last answered %.1fs later; server cap %d at once",
		total.Load(), clients, dur, float64(total.Load())/dur.Seconds(), tail.Seconds(), slots)
	t.Logf("%-22s %7s %9s %9s", "kind", "200s", "p50", "p99")
	for _, k := range kinds {
		v := lat[k.name]
		ok += len(v)
		t.Logf("%-22s %7d %9s %9s", k.name, len(v), hardMS(hardPct(v, 50)), hardMS(hardPct(v, 99)))
	}
	t.Logf("%-22s %7d %9s %9s", "503 (cap, intended)", len(shed), hardMS(hardPct(shed, 50)), hardMS(hardPct(shed, 99)))
	if failed > 0 {
		t.Errorf("%d requests failed (other than the intended 503s); the first are above", failed)
	}
	if ok == 0 {
		t.Fatal("no request succeeded")
	}
	for _, k := range kinds {
		if len(lat[k.name]) == 0 {
			t.Errorf("no %s request succeeded", k.name)
		}
	}

	// RSS stays flat: the peak of the last third of the run within 15% of
	// the peak of the first third. By the end of the first third every
	// kind of request has run and the store's pages are mapped, and Go
	// returns freed memory to the system slowly, so RSS follows the
	// highest heap so far: what may still rise is a new peak of garbage
	// when heavy requests happen to coincide, a few percent in the runs
	// measured (BENCHMARKS.md). The two peaks are at least a third of the
	// run apart, so a leak trips the check once it adds 15% of RSS in 20 s
	// (about 1 MB/s without the race detector, a few KB per request);
	// smaller leaks are the heap check's, below.
	if len(rss) < 6 {
		t.Fatalf("only %d RSS samples", len(rss))
	}
	third := len(rss) / 3
	first, last := hardPeak(rss[:third]), hardPeak(rss[len(rss)-third:])
	t.Logf("RSS: first third peak %.0f MB, middle %.0f MB, last third peak %.0f MB (%+.1f%%); %d samples; peak goroutines %d",
		hardMB(first), hardMB(hardPeak(rss[third:len(rss)-third])), hardMB(last), 100*(float64(last)/float64(first)-1), len(rss), peakG)
	if float64(last) > 1.15*float64(first) {
		t.Errorf("RSS grew: last third's peak %.0f MB is over 115%% of the first third's %.0f MB", hardMB(last), hardMB(first))
	}

	// Every slot of the cap is free again: as many requests at once as
	// the cap, each holding its slot for half a second, all get 200.
	var slotWG sync.WaitGroup
	slotErrs := make(chan string, slots)
	for i := 0; i < slots; i++ {
		slotWG.Add(1)
		go func() {
			defer slotWG.Done()
			resp, err := client.Post(base+"/api/v2/query?lang=gizmo", "text/plain",
				strings.NewReader(`var t0 = Date.now(); while (Date.now() - t0 < 500) {} g.Emit(1);`))
			if err != nil {
				slotErrs <- err.Error()
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				slotErrs <- fmt.Sprintf("status %d: %s", resp.StatusCode, b)
			}
		}()
	}
	slotWG.Wait()
	close(slotErrs)
	for e := range slotErrs {
		t.Errorf("after the soak, one of %d requests at once (the cap) failed: %s", slots, e)
	}

	// Goroutines and heap back to the baseline once the clients' idle
	// connections are closed (their server goroutines then end). Margins:
	// 5 goroutines for ones still ending (a leak of one per request or
	// connection would be thousands); live heap within 10% + 8 MB of the
	// baseline, which a leak of a KB per request (a few KB under the race
	// detector, which serves fewer requests) over the run exceeds.
	tr.CloseIdleConnections()
	endG, endHeap := soakSettle(baseG + 5)
	t.Logf("after: %d goroutines (baseline %d), heap %.1f MB (baseline %.1f MB)", endG, baseG, hardMB(endHeap), hardMB(baseHeap))
	if endG > baseG+5 {
		t.Errorf("goroutines: %d after the soak, %d before", endG, baseG)
		buf := make([]byte, 1<<20)
		t.Logf("goroutines:\n%s", buf[:runtime.Stack(buf, true)])
	}
	if float64(endHeap) > 1.10*float64(baseHeap)+8<<20 {
		t.Errorf("heap: %.1f MB after the soak, %.1f MB before", hardMB(endHeap), hardMB(baseHeap))
	}
}

// soakKinds returns the requests of the soak, with names, people,
// organisations and IRIs taken from the served graph.
func soakKinds(t *testing.T, client *http.Client, base string, size int64) []soakKind {
	t.Helper()
	gizmo := func(q string) []map[string]any {
		resp, err := client.Post(base+"/api/v2/query?lang=gizmo&limit=10000", "text/plain", strings.NewReader(q))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r struct {
			Result []map[string]any
			Error  string
		}
		if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || r.Error != "" {
			t.Fatalf("gizmo %s: %v %s", q, err, r.Error)
		}
		return r.Result
	}
	const typ = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
	// ids returns up to 200 ids of the query's results, spread over them.
	ids := func(q string) []string {
		res := gizmo(q)
		var out []string
		step := max(1, len(res)/200)
		for i := 0; i < len(res); i += step {
			if s, ok := res[i]["id"].(string); ok {
				out = append(out, s)
			}
		}
		if len(out) == 0 {
			t.Fatalf("nothing in the graph for %s", q)
		}
		return out
	}
	people := ids(`g.V().Has("` + typ + `", "<http://schema.org/Person>").Out("<http://schema.org/name>").All()`)
	orgs := ids(`g.V().Has("` + typ + `", "<http://schema.org/Organization>").Out("<http://schema.org/name>").All()`)
	personIRIs := ids(`g.V().Has("` + typ + `", "<http://schema.org/Person>").All()`)
	orgIRIs := ids(`g.V().Has("` + typ + `", "<http://schema.org/Organization>").All()`)
	// The seed's own names, as people ask for them.
	people = append(people, "Norov", "Fedotov", "Vladimir Norov")
	orgs = append(orgs, "UNODC", "SCO", "UN's Vienna Office")

	one := func(r *rand.Rand, xs []string) string { return url.QueryEscape(xs[r.IntN(len(xs))]) }
	named := func(body []byte) error {
		var a struct{ Results []any }
		if err := json.Unmarshal(body, &a); err != nil {
			return err
		}
		if a.Results == nil {
			return errors.New("no results array")
		}
		return nil
	}
	result := func(body []byte) error {
		var a struct{ Result []any }
		if err := json.Unmarshal(body, &a); err != nil {
			return err
		}
		if a.Result == nil {
			return errors.New("no result array")
		}
		return nil
	}
	get := func(f func(r *rand.Rand) string) func(r *rand.Rand) (string, string, string) {
		return func(r *rand.Rand) (string, string, string) { return http.MethodGet, f(r), "" }
	}
	post := func(f func(r *rand.Rand) string) func(r *rand.Rand) (string, string, string) {
		return func(r *rand.Rand) (string, string, string) {
			return http.MethodPost, "/api/v2/query?lang=gizmo&limit=1000", f(r)
		}
	}
	return []soakKind{
		{name: "entity", weight: 20, check: named, make: get(func(r *rand.Rand) string {
			if r.IntN(2) == 0 {
				return "/api/queries/entity?name=" + one(r, people)
			}
			return "/api/queries/entity?name=" + one(r, orgs)
		})},
		{name: "events", weight: 12, check: named, make: get(func(r *rand.Rand) string {
			return "/api/queries/events?limit=20&entity=" + one(r, people)
		})},
		{name: "roles", weight: 12, check: named, make: get(func(r *rand.Rand) string {
			return "/api/queries/roles?entity=" + one(r, people)
		})},
		{name: "agreements", weight: 8, check: named, make: get(func(r *rand.Rand) string {
			return "/api/queries/agreements?limit=20&entity=" + one(r, orgs)
		})},
		{name: "relations", weight: 6, check: named, make: get(func(r *rand.Rand) string {
			return "/api/queries/relations?entity=" + one(r, people)
		})},
		{name: "timeline", weight: 6, check: named, make: get(func(r *rand.Rand) string {
			return "/api/queries/timeline?entity=" + one(r, orgs)
		})},
		{name: "evidence", weight: 4, check: named, make: get(func(r *rand.Rand) string {
			return "/api/queries/evidence?predicate=jobTitle&subject=" + one(r, people)
		})},
		{name: "path (max 3)", weight: 8, check: named, make: get(func(r *rand.Rand) string {
			return "/api/queries/path?max=3&limit=10&from=" + one(r, people) + "&to=" + one(r, orgs)
		})},
		{name: "catalogue", weight: 4, check: func(b []byte) error {
			var a []any
			return json.Unmarshal(b, &a)
		}, make: get(func(*rand.Rand) string { return "/api/queries" })},
		{name: "gizmo 2 hops", weight: 14, check: result, make: post(func(r *rand.Rand) string {
			return fmt.Sprintf(`g.V(%q).Out().Out().All()`, personIRIs[r.IntN(len(personIRIs))])
		})},
		{name: "gizmo count", weight: 10, check: result, make: post(func(r *rand.Rand) string {
			return fmt.Sprintf(`g.Emit(g.V(%q).Both().Both().Count())`, orgIRIs[r.IntN(len(orgIRIs))])
		})},
		{name: "export", weight: 0, stream: func(body io.Reader) error {
			var n int64
			buf := make([]byte, 32<<10)
			for {
				k, err := body.Read(buf)
				n += int64(bytes.Count(buf[:k], []byte{'\n'}))
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					return err
				}
			}
			if n != size {
				return fmt.Errorf("export of %d lines, the store holds %d quads", n, size)
			}
			return nil
		}, make: get(func(*rand.Rand) string { return "/api/export?format=nquads" })},
	}
}

// soakSettle waits (up to 20 s) for the goroutines to drop to at most
// want (0: until they stop changing), collects garbage and returns the
// goroutine count and the live heap.
func soakSettle(want int) (int, uint64) {
	prev := -1
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		n := runtime.NumGoroutine()
		if (want > 0 && n <= want) || (want == 0 && n == prev) {
			break
		}
		prev = n
	}
	// Twice: sync.Pools keep their contents through one collection.
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return runtime.NumGoroutine(), m.HeapAlloc
}

// soakRSS reads this process's resident set size from /proc.
func soakRSS(t *testing.T) uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Error(err)
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				t.Error(err)
			}
			return kb << 10
		}
	}
	t.Error("no VmRSS in /proc/self/status")
	return 0
}

func hardPeak(xs []uint64) uint64 {
	var m uint64
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// pct returns the p-th percentile (nearest rank) of ds.
func hardPct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))]
}

func hardMB(b uint64) float64 { return float64(b) / (1 << 20) }

func hardMS(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}
