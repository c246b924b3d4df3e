package eval

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/kgraph/kg/extract"
)

// Mention scoring on the NewsReader MEANTIME corpus (Minard et al.,
// "MEANTIME, the NewsReader Multilingual Event and Time Corpus", LREC
// 2016): the extractor's person, organisation and place mentions against
// the corpus's named (NAM) entity mentions of types PER, ORG and LOC.

// MentionScore is precision and recall of mentions, overall and by type.
type MentionScore struct {
	Docs int `json:"documents"`
	// Strict needs the same span and type; Lenient an overlapping span of
	// the same type.
	Strict  PRF            `json:"strict"`
	Lenient PRF            `json:"lenient"`
	ByType  map[string]PRF `json:"by_type_lenient"`
}

type mtDoc struct {
	Tokens []struct {
		ID   string `xml:"t_id,attr"`
		Sent string `xml:"sentence,attr"`
		Text string `xml:",chardata"`
	} `xml:"token"`
	Markables struct {
		Mentions []struct {
			ID      string `xml:"m_id,attr"`
			Syn     string `xml:"syntactic_type,attr"`
			Anchors []struct {
				ID string `xml:"t_id,attr"`
			} `xml:"token_anchor"`
		} `xml:"ENTITY_MENTION"`
		Entities []struct {
			ID   string `xml:"m_id,attr"`
			Type string `xml:"ent_type,attr"`
		} `xml:"ENTITY"`
	} `xml:"Markables"`
	Relations struct {
		Refers []struct {
			Source []struct {
				ID string `xml:"m_id,attr"`
			} `xml:"source"`
			Target struct {
				ID string `xml:"m_id,attr"`
			} `xml:"target"`
		} `xml:"REFERS_TO"`
	} `xml:"Relations"`
}

type span struct {
	start, end int
	typ        string
}

// detokenize writes the tokens as text, one sentence a paragraph, and
// returns each token's byte span.
func detokenize(d *mtDoc) (string, map[string][2]int) {
	var b strings.Builder
	pos := map[string][2]int{}
	prevSent := ""
	prev := ""
	for i, t := range d.Tokens {
		w := t.Text
		switch {
		case i == 0:
		case t.Sent != prevSent:
			b.WriteString("\n\n")
		case strings.Contains(".,;:)!?%", w) && len(w) == 1, w == "'s", w == "n't", w == "'", prev == "(", prev == "$":
		default:
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(w)
		pos[t.ID] = [2]int{start, b.Len()}
		prevSent, prev = t.Sent, w
	}
	return b.String(), pos
}

var mtTypes = map[string]bool{"PER": true, "ORG": true, "LOC": true}

// annotatedSentences is how many sentences of a MEANTIME document are
// annotated.
const annotatedSentences = 6

func typeOf(class string) string {
	switch {
	case class == extract.ClassPerson:
		return "PER"
	case class == extract.ClassOrg:
		return "ORG"
	case extract.IsPlace(class):
		return "LOC"
	}
	return ""
}

// Mentions scores the extractor's mentions on the MEANTIME CAT XML files
// under dir.
func Mentions(dir string) (MentionScore, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(p, ".xml") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return MentionScore{}, fmt.Errorf("list %s: %w", dir, err)
	}
	sort.Strings(files)
	res := MentionScore{ByType: map[string]PRF{}}
	byType := map[string]*PRF{"PER": {}, "ORG": {}, "LOC": {}}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return res, fmt.Errorf("mentions %s: %w", f, err)
		}
		var d mtDoc
		err = xml.NewDecoder(fh).Decode(&d)
		fh.Close()
		if err != nil && err != io.EOF {
			return res, fmt.Errorf("mentions %s: %w", f, err)
		}
		if len(d.Tokens) == 0 {
			continue
		}
		res.Docs++
		text, pos := detokenize(&d)
		entType := map[string]string{}
		for _, e := range d.Markables.Entities {
			entType[e.ID] = e.Type
		}
		refers := map[string]string{}
		for _, r := range d.Relations.Refers {
			for _, s := range r.Source {
				refers[s.ID] = entType[r.Target.ID]
			}
		}
		// Only the title, the dateline and the first four sentences of
		// each document are annotated (as in timex/eval).
		limit := len(text)
		for _, t := range d.Tokens {
			if n, err := strconv.Atoi(t.Sent); err == nil && n >= annotatedSentences {
				limit = pos[t.ID][0]
				break
			}
		}
		var gold []span
		for _, m := range d.Markables.Mentions {
			typ := refers[m.ID]
			if m.Syn != "NAM" && m.Syn != "PRE.NAM" || !mtTypes[typ] || len(m.Anchors) == 0 {
				continue
			}
			a, ok1 := pos[m.Anchors[0].ID]
			z, ok2 := pos[m.Anchors[len(m.Anchors)-1].ID]
			if ok1 && ok2 {
				gold = append(gold, span{a[0], z[1], typ})
			}
		}
		r := extract.Extract(extract.Input{Name: filepath.Base(f), Text: text})
		var sys []span
		seen := map[[2]int]bool{}
		for _, m := range r.Mentions {
			typ := typeOf(m.Entity.Class)
			if typ == "" || m.Start >= limit || seen[[2]int{m.Start, m.End}] || m.Rule == "title-coreference" || m.Rule == "head-of-coreference" {
				continue
			}
			seen[[2]int{m.Start, m.End}] = true
			sys = append(sys, span{m.Start, m.End, typ})
		}
		score(gold, sys, &res.Strict, true, nil)
		score(gold, sys, &res.Lenient, false, byType)
	}
	res.Strict.computeCounts()
	res.Lenient.computeCounts()
	for t, p := range byType {
		p.computeCounts()
		res.ByType[t] = *p
	}
	return res, nil
}

// score counts matches: each system mention matches at most one gold
// mention and the other way round.
func score(gold, sys []span, p *PRF, strict bool, byType map[string]*PRF) {
	used := make([]bool, len(gold))
	match := func(g, s span) bool {
		if g.typ != s.typ {
			return false
		}
		if strict {
			return g.start == s.start && g.end == s.end
		}
		return s.start < g.end && g.start < s.end
	}
	for _, s := range sys {
		p.Extracted++
		if byType != nil {
			byType[s.typ].Extracted++
		}
		for i, g := range gold {
			if !used[i] && match(g, s) {
				used[i] = true
				p.Hit++
				p.HitP++
				if byType != nil {
					byType[s.typ].Hit++
					byType[s.typ].HitP++
				}
				break
			}
		}
	}
	for _, g := range gold {
		p.Curated++
		if byType != nil {
			byType[g.typ].Curated++
		}
	}
}

func (p *PRF) computeCounts() { p.compute() }

// WriteTable prints the mention scores.
func (m MentionScore) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d documents; gold: named (NAM, PRE.NAM) PER, ORG, LOC mentions in the annotated first six sentences\n", m.Docs)
	fmt.Fprintf(&b, "%-16s %6s %6s %6s %6s %6s %6s\n", "", "system", "gold", "hit", "P", "R", "F1")
	row := func(name string, p PRF) {
		fmt.Fprintf(&b, "%-16s %6d %6d %6d %6.3f %6.3f %6.3f\n", name, p.Extracted, p.Curated, p.Hit, p.Precision, p.Recall, p.F1)
	}
	row("strict", m.Strict)
	row("lenient", m.Lenient)
	for _, t := range []string{"PER", "ORG", "LOC"} {
		row("lenient "+t, m.ByType[t])
	}
	_, err := io.WriteString(w, b.String())
	return err
}
