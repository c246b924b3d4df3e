// Package memlimit keeps a server's queries within a memory budget.
//
// Go cannot bound the memory of one goroutine, and a Gizmo query is a
// JavaScript program that can grow an array until the machine runs out.
// So the budget is the whole process's heap: a Guard watches it while
// requests run, and when the heap is still over the budget after a
// collection, it stops every request it tracks. Stopping is cooperative:
// the request's context is cancelled with an *Error as its cause, which
// interrupts a Gizmo program and ends Cayley's iterators.
package memlimit

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Error is the cause of a request stopped because the process's heap went
// over its budget.
type Error struct {
	// Budget is the heap budget, in bytes.
	Budget uint64
	// Heap is what the heap held when the request was stopped.
	Heap uint64
}

func (e *Error) Error() string {
	return fmt.Sprintf("stopped: the server's memory went over its budget of %s (it held %s); narrow the query or ask for fewer results",
		Size(e.Budget), Size(e.Heap))
}

// Guard stops the requests it tracks when the heap outgrows a budget.
type Guard struct {
	budget uint64
	every  time.Duration

	mu       sync.Mutex
	next     uint64
	running  map[uint64]context.CancelCauseFunc
	watching bool
}

// DefaultInterval is how often a Guard reads the heap size while requests
// run. An allocation loop grows the heap by tens of megabytes in that time.
const DefaultInterval = 10 * time.Millisecond

// New returns a guard that keeps the heap under budget bytes. A nil
// *Guard tracks nothing.
func New(budget uint64) *Guard {
	return &Guard{budget: budget, every: DefaultInterval, running: map[uint64]context.CancelCauseFunc{}}
}

// Budget returns the heap budget in bytes.
func (g *Guard) Budget() uint64 {
	if g == nil {
		return 0
	}
	return g.budget
}

// Track returns a context that is cancelled, with an *Error as its cause,
// if the heap goes over the budget before done is called. Call done when
// the request ends.
func (g *Guard) Track(ctx context.Context) (_ context.Context, done func()) {
	if g == nil {
		return ctx, func() {}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	g.mu.Lock()
	id := g.next
	g.next++
	g.running[id] = cancel
	if !g.watching {
		// The watcher runs only while requests do, so an idle server
		// costs nothing and leaves no goroutine behind.
		g.watching = true
		go g.watch()
	}
	g.mu.Unlock()
	return ctx, func() {
		g.mu.Lock()
		delete(g.running, id)
		g.mu.Unlock()
		cancel(nil)
	}
}

func (g *Guard) watch() {
	t := time.NewTicker(g.every)
	defer t.Stop()
	sample := []metrics.Sample{{Name: heapObjects}}
	for range t.C {
		g.mu.Lock()
		if len(g.running) == 0 {
			g.watching = false
			g.mu.Unlock()
			return
		}
		g.mu.Unlock()
		if heap(sample) <= g.budget {
			continue
		}
		// Dead objects count until the collector sweeps them; only what
		// survives a collection is over the budget.
		runtime.GC()
		h := heap(sample)
		if h <= g.budget {
			continue
		}
		g.mu.Lock()
		for id, cancel := range g.running {
			cancel(&Error{Budget: g.budget, Heap: h})
			delete(g.running, id)
		}
		g.mu.Unlock()
	}
}

// heapObjects is the runtime metric for the bytes in heap objects, live
// or not yet swept (https://pkg.go.dev/runtime/metrics). Reading it does
// not stop the world, unlike runtime.ReadMemStats.
const heapObjects = "/memory/classes/heap/objects:bytes"

func heap(s []metrics.Sample) uint64 {
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// Heap returns the bytes the heap holds in objects now.
func Heap() uint64 {
	return heap([]metrics.Sample{{Name: heapObjects}})
}

// Size formats a byte count for people, in binary units.
func Size(n uint64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := uint64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}

// ParseSize reads a byte count such as "512MiB", "2GiB", "1.5G" or
// "1048576". K, M, G and T, with or without "iB" or "B", are powers of
// 1024.
func ParseSize(s string) (uint64, error) {
	t := strings.TrimSpace(s)
	num := strings.TrimRightFunc(t, unicode.IsLetter)
	unit := strings.ToUpper(strings.TrimSpace(t[len(num):]))
	mult := uint64(1)
	switch strings.TrimSuffix(strings.TrimSuffix(unit, "B"), "I") {
	case "":
	case "K":
		mult = 1 << 10
	case "M":
		mult = 1 << 20
	case "G":
		mult = 1 << 30
	case "T":
		mult = 1 << 40
	default:
		return 0, fmt.Errorf("size %q: unknown unit %q (use B, KiB, MiB, GiB or TiB)", s, unit)
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || f < 0 || math.IsInf(f, 0) {
		return 0, fmt.Errorf("size %q: want a number of bytes such as 512MiB or 2GiB", s)
	}
	return uint64(f * float64(mult)), nil
}
