package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
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

// MaxDepth is how many folders deep RunDocs looks for documents: DIR/a.txt
// is at depth 0, DIR/2019/05/a.txt at depth 2. Press releases filed by
// year, month and day are three deep; a folder sixteen deep is a mistake
// or a generated tree, and the bound keeps the walk and its paths finite.
const MaxDepth = 16

// maxSidecarBytes bounds a NAME.meta.json: a title, a date and a link take
// a few hundred bytes, so a megabyte is not a sidecar.
const maxSidecarBytes = 1 << 20

// RunDocs builds the graph from every NAME.txt in fsys and in its folders
// down to MaxDepth (with its NAME.meta.json sidecar beside it): the
// extractor reads the documents in parallel, their entities are merged
// across documents, and each document is loaded as one transaction with
// its sentences and facts. A document in a folder is named by its path,
// "2019/report.txt", so that two report.txt in two folders are two
// sources. Folders whose names begin with a dot (.git) are not read;
// symbolic links to files are followed, links to folders are not (so a
// link back up cannot make the walk endless) and are reported.
//
// A curated NAME.kg beside NAME.txt (else NAME.kg in opt.Curated) takes
// precedence over what the extractor found in NAME.txt: a full curation
// replaces it, a file of corrections removes and adds facts; each Result's
// Curation says what it changed. Its @document lines name documents
// relative to its own folder.
//
// A document that cannot be read (empty, binary, not UTF-8, over
// extract.MaxBytes, not a regular file, a broken or looping symbolic link,
// no sentences, a bad sidecar or curated line, a source IRI another
// document has) is reported in its Result naming it and why, and the
// others go on; so is a folder that cannot be read or is deeper than
// MaxDepth. A file over the size limit is refused by its size, before it
// is read.
//
// Memory: no document is loaded before every document is extracted. An
// entity of one document may be merged with those of any other, its name
// is the one most documents use (or a curator's), and the names of
// events, posts and agreements are made from those; extract.Resolve does
// this over every document's entities at once, and the facts point at
// them. So every document's extraction (entities, mentions, facts) is
// held until all are: about 5 KB for a one-sentence document (475 MB for
// 100,000, measured by docs_stress_test.go) and 15 KB for a 1.2 KB press
// release of seven sentences, about twelve times the text. Each
// document's part is let go once it is loaded, no text is read twice, and
// a file is never read past extract.MaxBytes.
func RunDocs(ctx context.Context, st *graph.Store, fsys fs.FS, opt DocsOptions) (*Report, error) {
	names, skipped, err := listDocs(fsys)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	type item struct {
		doc *source.Document
		res *extract.Result
		err error
	}
	items := make([]item, len(names))
	// Two documents that mint one source IRI would be one source in the
	// graph with the sentences of both: the later one is refused.
	iris := make(map[quad.IRI]string, len(names))
	for i, name := range names {
		iri := opt.Minter.Source(name)
		if first, ok := iris[iri]; ok {
			items[i].err = fmt.Errorf("document %s: its source IRI %s is that of %s; rename one of them", name, iri, first)
			continue
		}
		iris[iri] = name
	}
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
				if items[i].err == nil {
					items[i].doc, items[i].res, items[i].err = readExtract(fsys, names[i])
				}
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
	rep := &Report{Results: skipped}
	// The report lists files and folders in path order, whatever stopped it.
	defer func() {
		sort.SliceStable(rep.Results, func(i, j int) bool { return rep.Results[i].File < rep.Results[j].File })
	}()
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	var results []*extract.Result
	docs := map[string]*source.Document{}
	for _, it := range items {
		if it.err == nil {
			results = append(results, it.res)
			docs[it.doc.Name] = it.doc
		}
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
		curatedFiles[i], curatedErrs[i] = readCurated(name, fsys, opt, lookupFrom(docs, path.Dir(name)))
		if curatedFiles[i] != nil {
			known = append(known, knownEntities(curatedFiles[i].Quads)...)
		}
	}
	extract.Resolve(results, known...)
	// From here on each document needs only its own item, which is let go
	// once loaded: the entities of other documents that its entities were
	// merged into stay reachable through them.
	for i, name := range names {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		it, cf := items[i], curatedFiles[i]
		items[i], curatedFiles[i] = item{}, nil
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
			facts, res.Curation = curate(cf, facts)
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

// lookupFrom finds the document a curated file in folder dir names on a
// @document line: beside the curated file first, then from the top.
func lookupFrom(docs map[string]*source.Document, dir string) func(string) (*source.Document, error) {
	return func(name string) (*source.Document, error) {
		if d, ok := docs[path.Join(dir, name)]; ok {
			return d, nil
		}
		if d, ok := docs[name]; ok {
			return d, nil
		}
		return nil, fmt.Errorf("%s is not a document of this build", name)
	}
}

// listDocs walks fsys for documents: every NAME.txt at most MaxDepth
// folders down, sorted by path. What the walk does not go into is
// returned as failed Results naming it and why: a folder it cannot read
// or that is too deep, a symbolic link to a folder (fs.WalkDir does not
// follow them, so a link loop cannot make the walk endless), a symbolic
// link that leads nowhere. A link named NAME.txt is a document, whose
// reading says what is wrong with it; sidecars and curated files are
// read, and reported, with their documents.
func listDocs(fsys fs.FS) ([]string, []Result, error) {
	var names []string
	var skipped []Result
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			skipped = append(skipped, Result{File: p, Err: fmt.Errorf("read folder %s: %w", p, pathErr(err))})
			return nil
		}
		switch {
		case p == ".":
		case d.IsDir():
			if strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir // .git, .svn, .cache: not documents
			}
			// the depth of the documents in it
			if depth := strings.Count(p, "/") + 1; depth > MaxDepth {
				skipped = append(skipped, Result{File: p, Err: fmt.Errorf("folder %s is %d folders deep, more than %d: its documents are not read", p, depth, MaxDepth)})
				return fs.SkipDir
			}
		case strings.HasSuffix(p, ".txt"):
			names = append(names, p)
		case d.Type()&fs.ModeSymlink != 0 && !isSidecar(p):
			info, err := fs.Stat(fsys, p)
			switch {
			case err != nil:
				skipped = append(skipped, Result{File: p, Err: fmt.Errorf("symbolic link %s: %w", p, whyNot(fsys, p, err))})
			case info.IsDir():
				skipped = append(skipped, Result{File: p, Err: fmt.Errorf("symbolic link %s is to a folder: not followed (a link back up would make the walk endless); copy or link the documents themselves", p)})
			}
		}
		return nil
	})
	sort.Strings(names)
	return names, skipped, err
}

// isSidecar reports whether a file is a sidecar or curated file, read
// with its document.
func isSidecar(p string) bool {
	return strings.HasSuffix(p, ".meta.json") || strings.HasSuffix(p, curated.Ext)
}

// readExtract reads one document and runs the extractor on it.
func readExtract(fsys fs.FS, name string) (*source.Document, *extract.Result, error) {
	b, err := readFile(fsys, name, extract.MaxBytes, "document")
	if err != nil {
		return nil, nil, err
	}
	if err := extract.CheckText(name, b); err != nil {
		return nil, nil, err
	}
	doc, err := source.Read(preread{fsys, name, b}, name)
	if err != nil {
		return nil, nil, err
	}
	// source.Read names a document by its file's base name; its path
	// below the folder tells two report.txt in two folders apart.
	doc.Name = name
	var ref time.Time
	if doc.Meta.Date != "" {
		ref, _ = time.Parse("2006-01-02", doc.Meta.Date)
	}
	res := extract.Extract(extract.Input{Name: doc.Name, Text: doc.Text, Ref: ref, Sentences: doc.Sentences()})
	return doc, res, nil
}

// preread hands source.Read the document already read, so that it is
// not read twice, and bounds the sidecar it reads.
type preread struct {
	fs.FS
	name string
	text []byte
}

// ReadFile implements fs.ReadFileFS, which fs.ReadFile prefers. A sidecar
// that is not there gives an error that is fs.ErrNotExist, which
// source.Read takes for no sidecar; a broken link to one does not.
func (p preread) ReadFile(name string) ([]byte, error) {
	if name == p.name {
		return p.text, nil
	}
	return readFile(p.FS, name, maxSidecarBytes, "")
}

// readFile reads a file of at most limit bytes. What is not a regular
// file (a pipe would block, a device never end) or is bigger is refused
// by its stat, before a byte is read; what grows past the limit while it
// is read is cut off at limit+1 bytes and refused. kind, if set, names
// the file in the error ("read document a.txt: ..."); for a file that is
// not there (and is not a broken link) the error is fs.ErrNotExist.
func readFile(fsys fs.FS, name string, limit int64, kind string) ([]byte, error) {
	what := func(err error) error {
		if kind == "" {
			return err
		}
		return fmt.Errorf("read %s %s: %w", kind, name, err)
	}
	tooBig := func(size int64) error {
		// in MB rounded up: a file just over 10 MB is "11 MB", not "10 MB"
		mb := (size + 1<<20 - 1) >> 20
		if kind == "document" {
			return fmt.Errorf("extract %s: %d MB is too big for a document (at most %d MB)", name, mb, limit>>20)
		}
		return what(fmt.Errorf("%d MB is too big (at most %d MB)", mb, limit>>20))
	}
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, what(whyNot(fsys, name, err))
	}
	if !info.Mode().IsRegular() {
		return nil, what(fmt.Errorf("not a regular file but %s", modeName(info.Mode())))
	}
	if info.Size() > limit {
		return nil, tooBig(info.Size())
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, what(pathErr(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, what(pathErr(err))
	}
	if int64(len(b)) > limit {
		return nil, tooBig(int64(len(b)))
	}
	return b, nil
}

// isLink reports whether name is a symbolic link (on a file system that
// can tell).
func isLink(fsys fs.FS, name string) bool {
	info, err := fs.Lstat(fsys, name)
	return err == nil && info.Mode()&fs.ModeSymlink != 0
}

// whyNot says why a path cannot be opened: a symbolic link whose target
// is missing, a loop of links, no permission. What is not there at all
// stays fs.ErrNotExist.
func whyNot(fsys fs.FS, name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) && isLink(fsys, name) {
		target, lerr := fs.ReadLink(fsys, name)
		if lerr != nil {
			return errors.New("broken symbolic link: its target does not exist")
		}
		return fmt.Errorf("broken symbolic link: its target %s does not exist", target)
	}
	return pathErr(err)
}

// pathErr drops the operation and path from an *fs.PathError, which the
// message that wraps it already names: "read document a.txt: permission
// denied", not "... open a.txt: permission denied".
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// modeName names a kind of file that is not a regular file.
func modeName(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file (" + m.String() + ")"
}

// readCurated reads the curated file of a document: NAME.kg beside
// NAME.txt, or else NAME.kg in opt.Curated; nil if there is none. A
// curated file that is there but cannot be read (a broken link, a
// folder, too big) is an error: building without it would quietly put
// back the facts its curator took out.
func readCurated(name string, fsys fs.FS, opt DocsOptions, lookup func(string) (*source.Document, error)) (*curated.File, error) {
	kg := strings.TrimSuffix(name, path.Ext(name)) + curated.Ext
	for _, c := range []struct {
		dir fs.FS
		kg  string
	}{{fsys, kg}, {opt.Curated, path.Base(kg)}} {
		if c.dir == nil {
			continue
		}
		b, err := readFile(c.dir, c.kg, extract.MaxBytes, "curated file")
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return curated.Parse(c.kg, bytes.NewReader(b), curated.Options{Minter: opt.Minter, Document: lookup})
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
