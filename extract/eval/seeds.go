package eval

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/graph/curated"
	"github.com/kgraph/kg/graph/source"
	"github.com/kgraph/kg/graph/vocab"
)

// Seeds scores the extractor on every NAME.txt of fsys that has a curated
// NAME.kg, all documents together.
func Seeds(fsys fs.FS, m vocab.Minter) (Result, error) {
	kgs, err := fs.Glob(fsys, "*"+curated.Ext)
	if err != nil {
		return Result{}, fmt.Errorf("list curated files: %w", err)
	}
	sort.Strings(kgs)
	var docs []*source.Document
	var results []*extract.Result
	byName := map[string]*source.Document{}
	for _, kg := range kgs {
		name := strings.TrimSuffix(kg, curated.Ext) + ".txt"
		d, err := source.Read(fsys, name)
		if err != nil {
			return Result{}, err
		}
		var ref time.Time
		if d.Meta.Date != "" {
			ref, _ = time.Parse("2006-01-02", d.Meta.Date)
		}
		docs = append(docs, d)
		byName[d.Name] = d
		results = append(results, extract.Extract(extract.Input{Name: d.Name, Text: d.Text, Ref: ref, Sentences: d.Sentences()}))
	}
	if len(docs) == 0 {
		return Result{}, fmt.Errorf("no curated files (*%s) to score against", curated.Ext)
	}
	extract.Resolve(results)
	var ext, cur []quad.Quad
	for _, r := range results {
		r.Refresh()
		for _, q := range r.Quads(m) {
			ext = append(ext, q.Quad)
		}
	}
	lookup := func(n string) (*source.Document, error) {
		if d, ok := byName[path.Base(n)]; ok {
			return d, nil
		}
		return source.Read(fsys, n)
	}
	for _, kg := range kgs {
		f, err := fsys.Open(kg)
		if err != nil {
			return Result{}, fmt.Errorf("open %s: %w", kg, err)
		}
		cf, err := curated.Parse(kg, f, curated.Options{Minter: m, Document: lookup})
		f.Close()
		if err != nil {
			return Result{}, err
		}
		cur = append(cur, cf.Quads...)
	}
	return Compare(ext, cur), nil
}
