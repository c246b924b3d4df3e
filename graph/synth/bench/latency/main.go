// Command latency measures a running kg server from a second process: the
// p50 and p99 latency over HTTP of the named queries entity, events and
// roles, a 4-hop path and a 2-hop Gizmo query, one request at a time; and
// the entity query's throughput with concurrent clients. It finds the
// names to ask about in the served graph itself. See BENCHMARKS.md.
//
//	go run ./graph/synth/bench/latency -url http://127.0.0.1:64210 -n 500
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:64210", "server to measure")
	n := flag.Int("n", 500, "requests per query, one at a time")
	conc := flag.Int("c", 8, "concurrent clients for the throughput run")
	dur := flag.Duration("d", 10*time.Second, "length of the throughput run")
	flag.Parse()
	if err := run(*base, *n, *conc, *dur); err != nil {
		fmt.Fprintln(os.Stderr, "latency:", err)
		os.Exit(1)
	}
}

var client = &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

func gizmo(base, q string) ([]any, error) {
	resp, err := client.Post(base+"/api/v2/query?lang=gizmo&limit=10000", "text/plain", strings.NewReader(q))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var r struct {
		Result []any
		Error  string
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return nil, err
	}
	if r.Error != "" {
		return nil, fmt.Errorf("gizmo: %s", r.Error)
	}
	return r.Result, nil
}

// names returns up to k names of entities of a schema.org type, spread
// over them in name order: the same names from any store of the same
// graph, whatever order its IDs put them in.
func names(base, typ string, k int) ([]string, error) {
	// All of them, a page at a time: the server answers at most 10,000.
	const page = 10000
	var all []string
	for skip := 0; ; skip += page {
		res, err := gizmo(base, fmt.Sprintf(`g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://schema.org/%s>").Out("<http://schema.org/name>").Skip(%d).Limit(%d).All()`, typ, skip, page))
		if err != nil {
			return nil, err
		}
		for _, r := range res {
			if m, ok := r.(map[string]any); ok {
				if s, ok := m["id"].(string); ok {
					all = append(all, s)
				}
			}
		}
		if len(res) < page {
			break
		}
	}
	sort.Strings(all)
	all = slices.Compact(all)
	var out []string
	step := max(1, len(all)/k)
	for i := 0; i < len(all) && len(out) < k; i += step {
		out = append(out, all[i])
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no %s in the graph", typ)
	}
	return out, nil
}

type request struct {
	method, path, body string
}

func (r request) do(base string) error {
	var resp *http.Response
	var err error
	if r.method == "POST" {
		resp, err = client.Post(base+r.path, "text/plain", strings.NewReader(r.body))
	} else {
		resp, err = client.Get(base + r.path)
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return fmt.Errorf("%s: %d %s", r.path, resp.StatusCode, bytes.TrimSpace(b))
	}
	return nil
}

func run(base string, n, conc int, dur time.Duration) error {
	people, err := names(base, "Person", 50)
	if err != nil {
		return err
	}
	orgs, err := names(base, "Organization", 50)
	if err != nil {
		return err
	}
	q := url.QueryEscape
	iriOf := func(name string) string {
		res, err := client.Get(base + "/api/queries/entity?limit=1&name=" + q(name))
		if err != nil {
			return ""
		}
		defer res.Body.Close()
		var r struct{ Results []struct{ ID string } }
		json.NewDecoder(res.Body).Decode(&r)
		if len(r.Results) == 0 {
			return ""
		}
		return r.Results[0].ID
	}
	kinds := []struct {
		name string
		make func(i int) request
	}{
		{"entity", func(i int) request { return request{"GET", "/api/queries/entity?name=" + q(orgs[i%len(orgs)]), ""} }},
		{"events", func(i int) request {
			return request{"GET", "/api/queries/events?entity=" + q(people[i%len(people)]), ""}
		}},
		{"roles", func(i int) request {
			return request{"GET", "/api/queries/roles?entity=" + q(people[i%len(people)]), ""}
		}},
		{"path (max 4)", func(i int) request {
			return request{"GET", "/api/queries/path?max=4&limit=10&from=" + q(people[i%len(people)]) + "&to=" + q(orgs[(i*7)%len(orgs)]), ""}
		}},
	}
	iris := make([]string, len(people))
	for i, p := range people {
		iris[i] = iriOf(p)
	}
	kinds = append(kinds, struct {
		name string
		make func(i int) request
	}{"gizmo, 2 hops", func(i int) request {
		return request{"POST", "/api/v2/query?lang=gizmo&limit=1000", fmt.Sprintf(`g.V("<%s>").Out().Out().All()`, iris[i%len(iris)])}
	}})

	fmt.Printf("| query (%d requests, one at a time) | p50 | p99 |\n|---|---|---|\n", n)
	for _, k := range kinds {
		if err := k.make(0).do(base); err != nil { // warm up, and check
			return err
		}
		lat := make([]time.Duration, 0, n)
		for i := 0; i < n; i++ {
			r := k.make(i)
			t := time.Now()
			if err := r.do(base); err != nil {
				return err
			}
			lat = append(lat, time.Since(t))
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		fmt.Printf("| %s | %.2f ms | %.2f ms |\n", k.name, ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]))
	}

	var count, fails atomic.Int64
	stop := time.Now().Add(dur)
	var wg sync.WaitGroup
	for c := 0; c < conc; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := c; time.Now().Before(stop); i += conc {
				if err := kinds[0].make(i).do(base); err != nil {
					fails.Add(1)
					continue
				}
				count.Add(1)
			}
		}(c)
	}
	wg.Wait()
	fmt.Printf("\nentity throughput, %d clients for %v: %.0f requests/s (%d failed)\n", conc, dur, float64(count.Load())/dur.Seconds(), fails.Load())
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
