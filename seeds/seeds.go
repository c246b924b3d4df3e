// Package seeds holds the documents bundled with kg and their hand-curated
// triples, embedded in the binary: each NAME.txt with its NAME.meta.json
// sidecar, and the curated statements about it in NAME.kg.
package seeds

import "embed"

// FS holds the bundled documents, sidecars and curated files.
//
//go:embed *.txt *.meta.json *.kg
var FS embed.FS
