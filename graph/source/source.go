// Package source holds the documents a graph is built from, with their
// sidecar metadata, and describes them in the graph: each document becomes
// a kg:Source node and each of its sentences a kg:Sentence node with its
// text and byte span, so that every fact can name the sentence behind it.
package source

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/kgraph/kg/extract/sentences"
	"github.com/kgraph/kg/graph/vocab"
)

// Meta is a document's sidecar, NAME.meta.json beside NAME.txt.
type Meta struct {
	Title string `json:"title,omitempty"`
	// Date is the publication date, YYYY-MM-DD.
	Date   string `json:"date,omitempty"`
	Source string `json:"source,omitempty"`
	Note   string `json:"note,omitempty"`
}

// Document is one source text.
type Document struct {
	// Name is the file name, such as "sco-unodc-2019-07-10.txt".
	Name string
	Text string
	Meta Meta

	once  sync.Once
	sents []sentences.Span
}

// Read reads NAME from fsys, with its sidecar if there is one.
func Read(fsys fs.FS, name string) (*Document, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read document %s: %w", name, err)
	}
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("read document %s: not UTF-8 text", name)
	}
	d := &Document{Name: path.Base(name), Text: string(b)}
	side := strings.TrimSuffix(name, path.Ext(name)) + ".meta.json"
	mb, err := fs.ReadFile(fsys, side)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("read sidecar %s: %w", side, err)
	default:
		if err := json.Unmarshal(mb, &d.Meta); err != nil {
			return nil, fmt.Errorf("read sidecar %s: %w", side, err)
		}
		if d.Meta.Date != "" {
			if _, err := vocab.DateLiteral(d.Meta.Date); err != nil {
				return nil, fmt.Errorf("read sidecar %s: date: %w", side, err)
			}
		}
	}
	return d, nil
}

// Sentences returns the document's sentences, numbered from 1 by position.
func (d *Document) Sentences() []sentences.Span {
	d.once.Do(func() { d.sents = sentences.Split(d.Text) })
	return d.sents
}

// Quads describes the document and its sentences, labelled with the
// document's own IRI.
func (d *Document) Quads(m vocab.Minter) []quad.Quad {
	src := m.Source(d.Name)
	var qs []quad.Quad
	add := func(s quad.Value, p quad.IRI, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: src})
	}
	add(src, vocab.Type, vocab.Source)
	name := d.Meta.Title
	if name == "" {
		name = d.Name
	}
	add(src, vocab.Name, quad.String(name))
	add(src, vocab.Identifier, quad.String(d.Name))
	if d.Meta.Date != "" {
		lit, _ := vocab.DateLiteral(d.Meta.Date) // checked by Read
		add(src, vocab.DatePublished, lit)
	}
	if d.Meta.Source != "" {
		add(src, vocab.URL, quad.IRI(d.Meta.Source))
	}
	for i, s := range d.Sentences() {
		id := m.Sentence(d.Name, i+1)
		add(id, vocab.Type, vocab.Sentence)
		add(id, vocab.InSource, src)
		add(id, vocab.Index, quad.Int(i+1))
		add(id, vocab.Text, quad.String(s.Text))
		add(id, vocab.StartOffset, quad.Int(s.Start))
		add(id, vocab.EndOffset, quad.Int(s.End))
	}
	return qs
}
