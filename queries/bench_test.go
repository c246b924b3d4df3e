package queries_test

import (
	"io"
	"net/http"
	"net/url"
	"sort"
	"testing"
	"time"
)

// benchLatency asks the seed server one request after another, cycling
// through the parameter sets, and reports the median and 99th percentile
// of the wall-clock latency of each HTTP round trip (client to server and
// back, body read), in milliseconds.
func benchLatency(b *testing.B, name string, params []url.Values) {
	base := seedServer(b)
	client := &http.Client{}
	urls := make([]string, len(params))
	for i, p := range params {
		urls[i] = base + "/api/queries/" + name + "?" + p.Encode()
	}
	// Warm up: the first request builds the name index.
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		resp, err := client.Get(urls[i%len(urls)])
		if err != nil {
			b.Fatal(err)
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("%s: %d %v", urls[i%len(urls)], resp.StatusCode, err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[int(p*float64(len(lat)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

func BenchmarkEntity(b *testing.B) {
	benchLatency(b, "entity", []url.Values{
		vals("name", "UNODC"), vals("name", "UN's Vienna Office"), vals("name", "Norov"),
		vals("name", "https://kg.example.org/id/bishkek-summit"), vals("name", "nobody"),
	})
}

func BenchmarkEvents(b *testing.B) {
	benchLatency(b, "events", []url.Values{
		nil, vals("entity", "SCO"), vals("entity", "Vladimir Norov"), vals("entity", "Vienna"),
	})
}

func BenchmarkPath(b *testing.B) {
	benchLatency(b, "path", []url.Values{
		vals("from", "Norov", "to", "Fedotov"), vals("from", "Vladimir Norov", "to", "Astana"),
		vals("from", "UN", "to", "Bishkek", "max", "6"), vals("from", "CND", "to", "Eurasia"),
	})
}
