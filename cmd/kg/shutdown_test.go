package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kgraph/kg/graph"
)

// The helpers of this file are shared with stress_test.go (build tag
// stress); their names start with "hard" (issue #7, hardening) so that they
// do not collide with the helpers of other test files of this package.

// hardBuildKG builds the kg binary into a temporary directory of t's. With
// race, the binary has the race detector, so that a data race in the real
// process fails the test through its exit status (66).
func hardBuildKG(t *testing.T, race bool) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build kg: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "kg")
	args := []string{"build", "-o", bin}
	if race {
		args = append(args, "-race")
	}
	start := time.Now()
	out, err := exec.Command(goTool, append(args, ".")...).CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	t.Logf("built kg (race detector: %v) in %.1fs", race, time.Since(start).Seconds())
	return bin
}

// hardRaceEnabled reports whether this test binary has the race detector;
// the kg binary under test then gets it too.
func hardRaceEnabled() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// hardRun runs the kg binary to completion, within limit, and returns its
// standard output; it fails the test unless kg exits with status 0.
func hardRun(t *testing.T, bin string, limit time.Duration, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("kg %s: %v (limit %v)\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, limit, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// hardSyncBuffer is an io.Writer for a subprocess's output that the test
// may read while the process still writes.
type hardSyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *hardSyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *hardSyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// hardStoreState opens the bolt store at db in this process, as every kg
// command does, and returns its size and its quads as sorted N-Quads lines.
func hardStoreState(t *testing.T, db string) (int64, []string) {
	t.Helper()
	st, err := graph.Open(graph.Config{Kind: graph.Bolt, Path: db})
	if err != nil {
		t.Fatalf("open the store after kg exited: %v", err)
	}
	defer st.Close()
	ctx := context.Background()
	n, err := st.Size(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := st.Export(ctx, &buf, "nquads"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	sort.Strings(lines)
	return n, lines
}

var hardServingRe = regexp.MustCompile(`serving on http://(\S+)`)

// TestServeSIGTERM stops a real kg serve with SIGTERM while a request is in
// flight: the request must still get its whole answer, the port must stop
// taking connections at once, kg must exit with status 0 within its 5 s
// grace, and the bolt store must open afterwards with the same quads.
func TestServeSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the kg binary")
	}
	bin := hardBuildKG(t, hardRaceEnabled())
	db := filepath.Join(t.TempDir(), "kg.db")
	hardRun(t, bin, 2*time.Minute, "build", "--db", db)
	sizeBefore, quadsBefore := hardStoreState(t, db)
	if sizeBefore == 0 {
		t.Fatal("kg build left an empty store")
	}

	// Port 0: the kernel picks a free port and kg prints the one it got.
	var stdout, stderr hardSyncBuffer
	cmd := exec.Command(bin, "serve", "--db", db, "--addr", "127.0.0.1:0")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	waited := false // set once the test has received from exited
	t.Cleanup(func() {
		// Only if the test stopped early: kg is still running.
		if !waited {
			cmd.Process.Kill()
			<-exited
		}
	})
	output := func() string { return "stdout:\n" + stdout.String() + "stderr:\n" + stderr.String() }

	var addr string
	for deadline := time.Now().Add(time.Minute); addr == ""; time.Sleep(20 * time.Millisecond) {
		if m := hardServingRe.FindStringSubmatch(stdout.String()); m != nil {
			addr = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("kg serve did not say where it listens within a minute\n%s", output())
		}
		select {
		case err := <-exited:
			waited = true
			t.Fatalf("kg serve exited early: %v\n%s", err, output())
		default:
		}
	}
	base := "http://" + addr
	quick := &http.Client{Timeout: 5 * time.Second}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		resp, err := quick.Get(base + "/health")
		if err == nil {
			var h struct{ Quads int64 }
			derr := json.NewDecoder(resp.Body).Decode(&h)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				if derr != nil || h.Quads != sizeBefore {
					t.Fatalf("/health: quads %d (%v), want %d", h.Quads, derr, sizeBefore)
				}
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/health did not answer 200 within a minute (last: %v)\n%s", err, output())
		}
	}
	quick.CloseIdleConnections()

	// The request in flight: a Gizmo query that spins for busy (well under
	// both the 5 s grace and the query timeout) and then emits a sizeable
	// answer whose every element the test checks, so that a cut-short
	// body cannot pass. It has a connection of its own, so that shutting
	// down idle connections cannot race with it.
	const busy, emits = 1500 * time.Millisecond, 5000
	pad := strings.Repeat("x", 64)
	query := fmt.Sprintf(`var t0 = Date.now(); while (Date.now() - t0 < %d) {}
for (var i = 0; i < %d; i++) { g.Emit({i: i, pad: %q}); }`, busy.Milliseconds(), emits, pad)
	type answer struct {
		status int
		body   []byte
		err    error
		at     time.Time
	}
	inflight := make(chan answer, 1)
	wrote := make(chan struct{})
	go func() {
		req, err := http.NewRequest(http.MethodPost, base+"/api/v2/query?lang=gizmo&limit=10000", strings.NewReader(query))
		if err != nil {
			inflight <- answer{err: err}
			return
		}
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
			WroteRequest: func(httptrace.WroteRequestInfo) { close(wrote) },
		}))
		c := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
		resp, err := c.Do(req)
		if err != nil {
			inflight <- answer{err: err, at: time.Now()}
			return
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		inflight <- answer{status: resp.StatusCode, body: body, err: err, at: time.Now()}
	}()
	select {
	case <-wrote:
	case a := <-inflight:
		t.Fatalf("the long request ended before it was sent: %v", a.err)
	case <-time.After(10 * time.Second):
		t.Fatal("the long request was not sent within 10 s")
	}
	// Give the server time to read the request and start the query, so
	// that it is in a handler, not in a socket buffer, at the signal.
	time.Sleep(300 * time.Millisecond)
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}

	// The listener closes at once: new connections are refused while the
	// request above is still running.
	refused := false
	for deadline := time.Now().Add(busy); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			continue
		}
		if !errors.Is(err, syscall.ECONNREFUSED) {
			t.Fatalf("dial after SIGTERM: %v, want connection refused", err)
		}
		refused = true
		break
	}
	if !refused {
		t.Fatalf("kg serve still took connections %v after SIGTERM", busy)
	}
	select {
	case a := <-inflight:
		t.Fatalf("the long request ended (%d, %v) before new connections were refused; it should run for %v", a.status, a.err, busy)
	default:
	}
	t.Logf("connections refused %v after SIGTERM", time.Since(sent).Round(time.Millisecond))

	var a answer
	select {
	case a = <-inflight:
	case <-time.After(20 * time.Second):
		t.Fatalf("the request in flight got no answer within 20 s of SIGTERM\n%s", output())
	}
	if a.err != nil {
		t.Fatalf("the request in flight at SIGTERM failed: %v\n%s", a.err, output())
	}
	if a.status != http.StatusOK {
		t.Fatalf("the request in flight at SIGTERM: status %d, want 200: %s", a.status, a.body)
	}
	var res struct {
		Result []struct {
			I   int
			Pad string
		}
	}
	if err := json.Unmarshal(a.body, &res); err != nil {
		t.Fatalf("the answer of the request in flight is not whole JSON (%d bytes): %v", len(a.body), err)
	}
	if len(res.Result) != emits {
		t.Fatalf("the request in flight got %d results, want %d", len(res.Result), emits)
	}
	for i, r := range res.Result {
		if r.I != i || r.Pad != pad {
			t.Fatalf("result %d of the request in flight is %+v", i, r)
		}
	}
	t.Logf("the request in flight got its %d-byte answer %v after SIGTERM", len(a.body), a.at.Sub(sent).Round(time.Millisecond))

	// Still refused once the server is idle again.
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Fatal("kg serve took a connection after its last request ended")
	} else if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("dial after the last request: %v, want connection refused", err)
	}

	// kg gives in-flight requests 5 s; it must be gone well before the
	// grace and a margin for a loaded machine have run out.
	select {
	case err := <-exited:
		waited = true
		if err != nil {
			t.Fatalf("kg serve exited with %v after SIGTERM, want status 0\n%s", err, output())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("kg serve still running 15 s after SIGTERM\n%s", output())
	}
	t.Logf("kg serve exited with status 0 %v after SIGTERM", time.Since(sent).Round(time.Millisecond))
	if s := stderr.String(); s != "" {
		t.Errorf("kg serve wrote to stderr:\n%s", s)
	}

	sizeAfter, quadsAfter := hardStoreState(t, db)
	if sizeAfter != sizeBefore {
		t.Fatalf("the store holds %d quads after shutdown, %d before", sizeAfter, sizeBefore)
	}
	if strings.Join(quadsAfter, "\n") != strings.Join(quadsBefore, "\n") {
		t.Fatal("the store's quads changed across serve and shutdown")
	}
}
