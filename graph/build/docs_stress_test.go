//go:build stress

package build_test

import "testing"

// TestStressManyTinyDocs builds 100,000 one-sentence documents in 100
// folders, with an empty, a binary and a 100 MB file among them: every
// document is in the store, each bad file is reported, and what the build
// holds until all are extracted stays a few kilobytes per document (5 KB,
// 475 MB in all, when measured). It takes about three minutes on two
// cores and, with the memory store the graph lives in, 3.5 GB of memory
// (not -race, which would take several times both); run it with
//
//	go test -tags stress -run TestStress -v -timeout 60m ./graph/build/
func TestStressManyTinyDocs(t *testing.T) {
	const n = 100000
	perDoc := buildTiny(t, memStore(t), n, 1000)
	t.Logf("held %d bytes per document, %d MB in all, before loading", perDoc, perDoc*n>>20)
	if perDoc > maxHeldPerDoc {
		t.Errorf("the build held %d bytes per document, want at most %d", perDoc, maxHeldPerDoc)
	}
}
