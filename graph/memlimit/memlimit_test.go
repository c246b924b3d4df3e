package memlimit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kgraph/kg/graph/memlimit"
)

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint64
		bad  bool
	}{
		{in: "0", want: 0},
		{in: "1048576", want: 1 << 20},
		{in: "512MiB", want: 512 << 20},
		{in: "2GiB", want: 2 << 30},
		{in: "2G", want: 2 << 30},
		{in: "1.5 GB", want: 3 << 29},
		{in: "64k", want: 64 << 10},
		{in: "1TiB", want: 1 << 40},
		{in: "", bad: true},
		{in: "-1G", bad: true},
		{in: "2 parsecs", bad: true},
		{in: "GiB", bad: true},
	} {
		got, err := memlimit.ParseSize(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("ParseSize(%q) = %d, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[uint64]string{0: "0 B", 1023: "1023 B", 1536: "1.5 KiB", 2 << 30: "2.0 GiB"} {
		if got := memlimit.Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestGuard grows the heap past a budget while a request is tracked, and
// checks that the request, and only it, is stopped with the cause.
func TestGuard(t *testing.T) {
	g := memlimit.New(memlimit.Heap() + 64<<20)
	ctx, done := g.Track(context.Background())
	defer done()
	idle, idleDone := g.Track(context.Background())
	idleDone() // finished before the heap grew

	var hog [][]byte
	deadline := time.Now().Add(10 * time.Second)
	for ctx.Err() == nil && time.Now().Before(deadline) {
		hog = append(hog, make([]byte, 1<<20))
		time.Sleep(100 * time.Microsecond)
	}
	var me *memlimit.Error
	if !errors.As(context.Cause(ctx), &me) {
		t.Fatalf("after growing %d MiB: cause %v, want a *memlimit.Error", len(hog), context.Cause(ctx))
	}
	if me.Heap <= me.Budget {
		t.Errorf("stopped at %d, under the budget %d", me.Heap, me.Budget)
	}
	if errors.As(context.Cause(idle), &me) {
		t.Error("a finished request was charged too")
	}
}

func TestNilGuard(t *testing.T) {
	var g *memlimit.Guard
	ctx, done := g.Track(context.Background())
	done()
	if ctx.Err() != nil {
		t.Fatal("a nil guard cancelled its context")
	}
}
