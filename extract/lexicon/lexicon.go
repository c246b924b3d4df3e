// Package lexicon holds the extractor's lists of general knowledge:
// countries, capitals and other cities, regions, international
// organisations with their acronyms, titles, forms of address, name
// variants and the head nouns that tell an organisation from an event or a
// document. The lists are the TSV files of this folder, embedded in the
// binary; README.md says what each holds and where it comes from.
package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/kgraph/kg/graph/vocab"
)

//go:embed *.tsv
var files embed.FS

// Classes of lexicon entries and head nouns.
const (
	Country      = "Country"
	City         = "City"
	Region       = "Region"
	Organization = "Organization"
	Event        = "Event"
	Agreement    = "Agreement"
	Plan         = "Plan"
	Strategy     = "Strategy"
	Report       = "Report"
)

// Entry is one named thing of the lexicon.
type Entry struct {
	// Name is the canonical name.
	Name  string
	Class string
	// Aliases are other full names; Acronyms short forms.
	Aliases  []string
	Acronyms []string
	// Demonyms are adjectives of a country ("Tajik").
	Demonyms []string
	// Capital is a country's capital; Country a city's country.
	Capital string
	Country string
}

// Lexicon is the parsed lists.
type Lexicon struct {
	names    map[string]*Entry // Key(name or alias or acronym) -> entry
	demonyms map[string]*Entry
	// MaxWords is the most words of any name, for longest match.
	MaxWords    int
	titles      map[string]bool
	titleForm   map[string]string // key -> first spelling in titles.tsv
	titleWords  int
	honorifics  map[string]bool
	heads       map[string]string
	eventNouns  map[string]bool
	docNouns    map[string]string
	variants    map[string]string
	spellings   map[string][]string // key -> every spelling of its group
	acronymCase map[string]bool     // acronyms exactly as written
	stopwords   map[string]bool
	firstWords  map[string]bool
	prefixes    map[string]bool
	titlePrefix map[string]bool
	notNames    map[string]bool
	ordinals    map[string]bool
}

var (
	once sync.Once
	def  *Lexicon
	err  error
)

// Default returns the embedded lexicon. It panics if an embedded file is
// malformed, which the package's tests rule out.
func Default() *Lexicon {
	once.Do(func() { def, err = load() })
	if err != nil {
		panic(err)
	}
	return def
}

// Key folds a name for lookup: accents dropped, lower case, apostrophes
// removed, any other run of punctuation or space one space.
func Key(s string) string { return vocab.NameKey(s) }

func rows(name string, fn func(cols []string) error) error {
	f, err := files.Open(name)
	if err != nil {
		return fmt.Errorf("lexicon %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		if err := fn(cols); err != nil {
			return fmt.Errorf("lexicon %s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func list(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ";") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func col(cols []string, i int) string {
	if i < len(cols) {
		return cols[i]
	}
	return ""
}

func load() (*Lexicon, error) {
	lx := &Lexicon{
		names: map[string]*Entry{}, demonyms: map[string]*Entry{},
		titles: map[string]bool{}, titleForm: map[string]string{}, honorifics: map[string]bool{}, heads: map[string]string{},
		eventNouns: map[string]bool{}, docNouns: map[string]string{}, variants: map[string]string{}, spellings: map[string][]string{},
		acronymCase: map[string]bool{}, stopwords: map[string]bool{}, firstWords: map[string]bool{}, prefixes: map[string]bool{}, titlePrefix: map[string]bool{}, notNames: map[string]bool{}, ordinals: map[string]bool{},
	}
	add := func(e *Entry) {
		for _, n := range append(append([]string{e.Name}, e.Aliases...), e.Acronyms...) {
			k := Key(n)
			if _, ok := lx.names[k]; !ok {
				lx.names[k] = e
			}
			if f := strings.Fields(k); len(f) > 1 {
				lx.firstWords[f[0]] = true
				for i := 1; i <= len(f); i++ {
					lx.prefixes[strings.Join(f[:i], " ")] = true
				}
			}
			if w := len(strings.Fields(k)); w > lx.MaxWords {
				lx.MaxWords = w
			}
		}
		for _, a := range e.Acronyms {
			lx.acronymCase[a] = true
		}
	}
	var cities []*Entry
	err := rows("countries.tsv", func(c []string) error {
		e := &Entry{Name: c[0], Class: Country, Aliases: list(col(c, 1)), Demonyms: list(col(c, 2)), Capital: col(c, 3)}
		for _, a := range e.Aliases {
			if isAcronym(a) {
				e.Acronyms = append(e.Acronyms, a)
			}
		}
		add(e)
		for _, d := range e.Demonyms {
			lx.demonyms[Key(d)] = e
		}
		if e.Capital != "" {
			cities = append(cities, &Entry{Name: e.Capital, Class: City, Country: e.Name})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, c := range cities {
		if _, ok := lx.names[Key(c.Name)]; !ok {
			add(c)
		}
	}
	steps := []struct {
		file string
		fn   func([]string) error
	}{
		{"cities.tsv", func(c []string) error {
			add(&Entry{Name: c[0], Class: City, Aliases: list(col(c, 1)), Country: col(c, 2)})
			return nil
		}},
		{"regions.tsv", func(c []string) error {
			add(&Entry{Name: c[0], Class: Region, Aliases: list(col(c, 1))})
			return nil
		}},
		{"orgs.tsv", func(c []string) error {
			add(&Entry{Name: c[0], Class: Organization, Acronyms: list(col(c, 1)), Aliases: list(col(c, 2))})
			return nil
		}},
		{"titles.tsv", func(c []string) error {
			lx.titles[Key(c[0])] = true
			if _, ok := lx.titleForm[Key(c[0])]; !ok {
				lx.titleForm[Key(c[0])] = c[0]
			}
			f := strings.Fields(Key(c[0]))
			for i := 1; i <= len(f); i++ {
				lx.titlePrefix[strings.Join(f[:i], " ")] = true
			}
			if w := len(strings.Fields(Key(c[0]))); w > lx.titleWords {
				lx.titleWords = w
			}
			return nil
		}},
		{"ordinals.tsv", func(c []string) error { lx.ordinals[c[0]] = true; return nil }},
		{"notnames.tsv", func(c []string) error { lx.notNames[c[0]] = true; return nil }},
		{"stopwords.tsv", func(c []string) error { lx.stopwords[c[0]] = true; return nil }},
		{"honorifics.tsv", func(c []string) error { lx.honorifics[c[0]] = true; return nil }},
		{"heads.tsv", func(c []string) error {
			if len(c) < 2 {
				return fmt.Errorf("want CLASS<TAB>words")
			}
			for _, w := range list(c[1]) {
				lx.heads[w] = c[0]
			}
			return nil
		}},
		{"eventnouns.tsv", func(c []string) error { lx.eventNouns[c[0]] = true; return nil }},
		{"docnouns.tsv", func(c []string) error {
			if len(c) < 2 {
				return fmt.Errorf("want noun<TAB>CLASS")
			}
			lx.docNouns[c[0]] = c[1]
			return nil
		}},
		{"variants.tsv", func(c []string) error {
			var group []string
			for _, v := range c {
				if v != "" {
					group = append(group, v)
				}
			}
			for _, v := range group {
				lx.variants[Key(v)] = Key(c[0])
				lx.spellings[Key(v)] = group
			}
			return nil
		}},
	}
	for _, s := range steps {
		if err := rows(s.file, s.fn); err != nil {
			return nil, err
		}
	}
	return lx, nil
}

func isAcronym(s string) bool {
	up := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			up++
		}
	}
	return up >= 2
}

// Lookup returns the entry a name (in any case or spelling the lists
// give) stands for, or nil.
func (lx *Lexicon) Lookup(name string) *Entry { return lx.names[Key(name)] }

// LookupKey is Lookup for a name already folded with Key.
func (lx *Lexicon) LookupKey(key string) *Entry { return lx.names[key] }

// Demonym returns the country of an adjective such as "Tajik", or nil.
func (lx *Lexicon) Demonym(word string) *Entry { return lx.demonyms[Key(word)] }

// IsTitle reports whether the words (folded with Key) are a title.
func (lx *Lexicon) IsTitle(key string) bool { return lx.titles[key] }

// TitleWords is the most words of any title.
func (lx *Lexicon) TitleWords() int { return lx.titleWords }

// IsHonorific reports whether a word is a form of address (Mr, H.E.).
func (lx *Lexicon) IsHonorific(word string) bool { return lx.honorifics[word] }

// Head returns the class a capitalised head noun gives a name, or "".
func (lx *Lexicon) Head(word string) string { return lx.heads[word] }

// IsEventNoun reports whether a lower-case noun (or two) names an event.
func (lx *Lexicon) IsEventNoun(s string) bool { return lx.eventNouns[s] }

// DocNoun returns the class of a lower-case document noun, or "".
func (lx *Lexicon) DocNoun(s string) string { return lx.docNouns[s] }

// Variant returns the spelling keys use for a word folded with Key.
func (lx *Lexicon) Variant(word string) string {
	if v, ok := lx.variants[word]; ok {
		return v
	}
	return word
}

// IsKnownAcronym reports whether s is an acronym the lists give, exactly
// as written.
func (lx *Lexicon) IsKnownAcronym(s string) bool { return lx.acronymCase[s] }

// IsStopword reports whether a capitalised word opening a sentence is a
// common word rather than a name.
func (lx *Lexicon) IsStopword(word string) bool { return lx.stopwords[word] }

// StartsName reports whether a word (folded with Key) opens a name of
// several words.
func (lx *Lexicon) StartsName(key string) bool { return lx.firstWords[key] }

// NotName reports whether a capitalised word is a common word that is no
// part of a person's name ("Member", "States").
func (lx *Lexicon) NotName(word string) bool { return lx.notNames[word] }

// IsPrefix reports whether a key is the first words of a name of several
// words.
func (lx *Lexicon) IsPrefix(key string) bool { return lx.prefixes[key] }

// IsTitlePrefix reports whether a key is the first words of a title.
func (lx *Lexicon) IsTitlePrefix(key string) bool { return lx.titlePrefix[key] }

// Spellings returns every spelling of a word's group ("Yury", "Yuri",
// "Yuriy"), or nil.
func (lx *Lexicon) Spellings(word string) []string { return lx.spellings[Key(word)] }

// IsOrdinal reports whether a capitalised word is an ordinal ("Seventh").
func (lx *Lexicon) IsOrdinal(word string) bool { return lx.ordinals[word] }

// IsPrefixBytes is IsPrefix for a key in a byte slice (no allocation).
func (lx *Lexicon) IsPrefixBytes(key []byte) bool { return lx.prefixes[string(key)] }

// LookupKeyBytes is LookupKey for a key in a byte slice.
func (lx *Lexicon) LookupKeyBytes(key []byte) *Entry { return lx.names[string(key)] }

// IsTitleBytes and IsTitlePrefixBytes are IsTitle and IsTitlePrefix for a
// key in a byte slice.
func (lx *Lexicon) IsTitleBytes(key []byte) bool { return lx.titles[string(key)] }

// IsTitlePrefixBytes reports whether a key is the first words of a title.
func (lx *Lexicon) IsTitlePrefixBytes(key []byte) bool { return lx.titlePrefix[string(key)] }

// TitleForm returns the spelling of a title the lists give first
// ("Secretary-General" for "Secretary General"), or the title itself.
func (lx *Lexicon) TitleForm(title string) string {
	if f, ok := lx.titleForm[Key(title)]; ok {
		return f
	}
	return title
}
