// Package build builds the knowledge graph from a folder of documents: each
// NAME.txt with its NAME.meta.json sidecar and its curated triples NAME.kg.
// Each document goes into the store as one transaction, so one bad document
// neither stops the others nor leaves half of itself behind.
package build

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/curated"
	"github.com/kgraph/kg/graph/source"
	"github.com/kgraph/kg/graph/vocab"
)

// Options configure a build.
type Options struct {
	Minter vocab.Minter
}

// Result is what a build did with one file.
type Result struct {
	// File is the document or curated file.
	File string `json:"file"`
	// Quads is how many quads the file gave; Added how many were new.
	Quads int   `json:"quads"`
	Added int64 `json:"added"`
	// Extracted is how many facts the extractor found (RunDocs only);
	// Curation says what a curated file changed of them, if one did.
	Extracted int    `json:"extracted,omitempty"`
	Curation  string `json:"curation,omitempty"`
	// Err is why the file was not loaded; nil when it was.
	Err error `json:"-"`
}

// Report is what a build did, file by file.
type Report struct {
	Results []Result
}

// Failed returns the results of files that were not loaded.
func (r *Report) Failed() []Result {
	var out []Result
	for _, res := range r.Results {
		if res.Err != nil {
			out = append(out, res)
		}
	}
	return out
}

// Added returns the number of new quads over all files.
func (r *Report) Added() int64 {
	var n int64
	for _, res := range r.Results {
		n += res.Added
	}
	return n
}

// Run loads every document in fsys, with its sidecar and curated triples,
// into the store. A document that cannot be read or whose curated file has
// a bad line is reported in the Report and skipped; Run's own error is for
// failures that stop the whole build (a cancelled context, a failing store).
func Run(ctx context.Context, st *graph.Store, fsys fs.FS, opt Options) (*Report, error) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	sort.Strings(names)
	rep := &Report{}
	docs := map[string]*source.Document{}
	lookup := func(name string) (*source.Document, error) {
		if d, ok := docs[name]; ok {
			return d, nil
		}
		d, err := source.Read(fsys, name)
		if err != nil {
			return nil, err
		}
		docs[name] = d
		return d, nil
	}
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		res := Result{File: name}
		doc, err := lookup(name)
		if err != nil {
			res.Err = err
			rep.Results = append(rep.Results, res)
			continue
		}
		quads := doc.Quads(opt.Minter)
		kg := strings.TrimSuffix(name, path.Ext(name)) + curated.Ext
		if f, err := fsys.Open(kg); err == nil {
			cf, perr := curated.Parse(kg, f, curated.Options{Minter: opt.Minter, Document: lookup})
			f.Close()
			if perr != nil {
				res.Err = perr
				rep.Results = append(rep.Results, res)
				continue
			}
			quads = append(quads, cf.Quads...)
		}
		if err := rep.load(ctx, st, res, quads); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// load puts one document's quads into the store as one transaction and
// records the result. It returns an error only when the build must stop:
// its context is done.
func (rep *Report) load(ctx context.Context, st *graph.Store, res Result, quads []quad.Quad) error {
	res.Quads = len(quads)
	var err error
	res.Added, err = st.Load(ctx, res.File, quads)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		res.Err = err
	}
	rep.Results = append(rep.Results, res)
	return nil
}
