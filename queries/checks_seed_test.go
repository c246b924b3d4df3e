package queries_test

import (
	"testing"

	"github.com/kgraph/kg/queries/checks"
)

// TestSeedChecks runs the seed check file against the seed graph: every
// fact of the curated seed must be answered.
func TestSeedChecks(t *testing.T) {
	s := checks.Run(t, seedServer(t), "../seeds/sco-unodc-2019-07-10.checks.json")
	if s.Total < 25 {
		t.Errorf("the seed check file has %d checks, want at least 25", s.Total)
	}
	if s.Passed != s.Total {
		t.Errorf("score %d/%d, want 100%%", s.Passed, s.Total)
	}
}
