package build

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/extract"
	"github.com/kgraph/kg/graph"
	"github.com/kgraph/kg/graph/curated"
	"github.com/kgraph/kg/graph/source"
	"github.com/kgraph/kg/graph/vocab"
)

// DocsOptions configure RunDocs.
type DocsOptions struct {
	Minter vocab.Minter
	// Curated is another place to look for NAME.kg when the documents'
	// folder has none (the bundled seeds); nil for none.
	Curated fs.FS
	// Workers is how many documents are read at once; 0 means one per CPU.
	Workers int
	// Progress, if set, is called after each document is extracted, with
	// how many are done out of how many.
	Progress func(done, total int)
}

// RunDocs builds the graph from every NAME.txt in fsys (with its
// NAME.meta.json sidecar): the extractor reads the documents in parallel,
// their entities are merged across documents, and each document is
// loaded as one transaction with its sentences and facts. A curated
// NAME.kg (in fsys, else in opt.Curated) takes precedence over what the
// extractor found in NAME.txt: a full curation replaces it, a file of
// corrections removes and adds facts; each Result's Curation says what it
// changed. A document that cannot be read (empty, binary, not UTF-8, too
// big, no sentences, a bad curated line) is reported in its Result and the
// others go on.
func RunDocs(ctx context.Context, st *graph.Store, fsys fs.FS, opt DocsOptions) (*Report, error) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	sort.Strings(names)
	type item struct {
		doc *source.Document
		res *extract.Result
		err error
	}
	items := make([]item, len(names))
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				items[i].doc, items[i].res, items[i].err = readExtract(fsys, names[i])
				if opt.Progress != nil {
					mu.Lock()
					done++
					opt.Progress(done, len(names))
					mu.Unlock()
				}
			}
		}()
	}
feed:
	for i := range names {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return &Report{}, err
	}
	var results []*extract.Result
	for _, it := range items {
		if it.err == nil {
			results = append(results, it.res)
		}
	}
	docs := map[string]*source.Document{}
	for _, it := range items {
		if it.doc != nil {
			docs[it.doc.Name] = it.doc
		}
	}
	lookup := func(name string) (*source.Document, error) {
		if d, ok := docs[name]; ok {
			return d, nil
		}
		return nil, fmt.Errorf("%s is not a document of this build", name)
	}
	// The curated files, read before entities are merged: the entities a
	// curator named keep the curated names in every document.
	curatedFiles := make([]*curated.File, len(names))
	curatedErrs := make([]error, len(names))
	var known []extract.Known
	for i, name := range names {
		if items[i].err != nil {
			continue
		}
		curatedFiles[i], curatedErrs[i] = readCurated(name, fsys, opt, lookup)
		if curatedFiles[i] != nil {
			known = append(known, knownEntities(curatedFiles[i].Quads)...)
		}
	}
	extract.Resolve(results, known...)
	rep := &Report{}
	for i, name := range names {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		it := items[i]
		res := Result{File: name, Err: it.err}
		if it.err != nil {
			rep.Results = append(rep.Results, res)
			continue
		}
		it.res.Refresh()
		var facts []quad.Quad
		for _, q := range it.res.Quads(opt.Minter) {
			facts = append(facts, q.Quad)
		}
		res.Extracted = len(facts)
		res.Err = curatedErrs[i]
		if res.Err == nil {
			facts, res.Curation = curate(curatedFiles[i], facts)
		}
		if res.Err != nil {
			rep.Results = append(rep.Results, res)
			continue
		}
		if err := rep.load(ctx, st, res, append(it.doc.Quads(opt.Minter), facts...)); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// readExtract reads one document and runs the extractor on it.
func readExtract(fsys fs.FS, name string) (*source.Document, *extract.Result, error) {
	if info, err := fs.Stat(fsys, name); err == nil && info.Size() > extract.MaxBytes {
		return nil, nil, fmt.Errorf("extract %s: %d MB is too big for a document (at most %d MB)", name, info.Size()>>20, extract.MaxBytes>>20)
	}
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, nil, fmt.Errorf("read document %s: %w", name, err)
	}
	if err := extract.CheckText(name, b); err != nil {
		return nil, nil, err
	}
	doc, err := source.Read(fsys, name)
	if err != nil {
		return nil, nil, err
	}
	var ref time.Time
	if doc.Meta.Date != "" {
		ref, _ = time.Parse("2006-01-02", doc.Meta.Date)
	}
	res := extract.Extract(extract.Input{Name: doc.Name, Text: doc.Text, Ref: ref, Sentences: doc.Sentences()})
	return doc, res, nil
}

// readCurated reads the curated file of a document, NAME.kg in the
// documents' folder or else in opt.Curated; nil if there is none.
func readCurated(name string, fsys fs.FS, opt DocsOptions, lookup func(string) (*source.Document, error)) (*curated.File, error) {
	kg := strings.TrimSuffix(name, path.Ext(name)) + curated.Ext
	for _, dir := range []fs.FS{fsys, opt.Curated} {
		if dir == nil {
			continue
		}
		f, err := dir.Open(kg)
		if err != nil {
			continue
		}
		cf, err := curated.Parse(kg, f, curated.Options{Minter: opt.Minter, Document: lookup})
		f.Close()
		return cf, err
	}
	return nil, nil
}

// knownEntities returns the entities a curated file names, with their
// names, other names and class.
func knownEntities(qs []quad.Quad) []extract.Known {
	byIRI := map[quad.Value]*extract.Known{}
	var order []quad.Value
	get := func(v quad.Value) *extract.Known {
		if k, ok := byIRI[v]; ok {
			return k
		}
		k := &extract.Known{}
		byIRI[v] = k
		order = append(order, v)
		return k
	}
	for _, q := range qs {
		switch q.Predicate {
		case vocab.Name:
			if s, ok := q.Object.(quad.String); ok {
				get(q.Subject).Name = string(s)
			}
		case vocab.AlternateName:
			if s, ok := q.Object.(quad.String); ok {
				k := get(q.Subject)
				k.Aliases = append(k.Aliases, string(s))
			}
		case vocab.Type:
			k := get(q.Subject)
			if c := classOf(q.Object); c != "" && (k.Class == "" || k.Class == extract.ClassPlace) {
				k.Class = c
			}
		}
	}
	var out []extract.Known
	for _, v := range order {
		out = append(out, *byIRI[v])
	}
	return out
}

// classOf maps a vocabulary class to the extractor's.
func classOf(v quad.Value) string {
	switch v {
	case vocab.Person:
		return extract.ClassPerson
	case vocab.Organization:
		return extract.ClassOrg
	case vocab.City:
		return extract.ClassCity
	case vocab.Country:
		return extract.ClassCountry
	case vocab.Place:
		return extract.ClassPlace
	case vocab.Event:
		return extract.ClassEvent
	case vocab.Agreement:
		return extract.ClassAgreement
	case vocab.Plan:
		return extract.ClassPlan
	case vocab.Strategy:
		return extract.ClassStrategy
	case vocab.Report:
		return extract.ClassReport
	}
	return ""
}

// curate applies a document's curated file, if it has one, to the facts
// the extractor found, and says what it changed.
func curate(cf *curated.File, facts []quad.Quad) ([]quad.Quad, string) {
	if cf == nil {
		return facts, ""
	}
	kg := cf.Name
	if !cf.Corrections {
		return cf.Quads, fmt.Sprintf("%s replaces the %d extracted facts with %d curated ones", kg, len(facts), len(cf.Quads))
	}
	type spo struct{ s, p, o quad.Value }
	reject := map[spo]bool{}
	for _, q := range cf.Rejects {
		reject[spo{q.Subject, q.Predicate, q.Object}] = true
	}
	var out []quad.Quad
	removed := 0
	for _, q := range facts {
		if reject[spo{q.Subject, q.Predicate, q.Object}] {
			removed++
			continue
		}
		out = append(out, q)
	}
	out = append(out, cf.Quads...)
	msg := fmt.Sprintf("%s rejects %d of %d extracted facts and adds %d", kg, removed, len(facts), len(cf.Quads))
	if removed < len(cf.Rejects) {
		msg += fmt.Sprintf(" (%d rejected facts were not extracted)", len(cf.Rejects)-removed)
	}
	return out, msg
}
