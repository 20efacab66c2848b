// Package i18n chooses the UI language of a request and translates the UI's
// messages. The catalogs are golang.org/x/text gotext files (see package
// locales), loaded into an x/text catalog at start-up and read through
// x/text/message printers.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// File is one gotext catalog file (messages.gotext.json).
type File struct {
	Language string    `json:"language"`
	Messages []Message `json:"messages"`
}

// Message is one entry of a gotext catalog. Key is the format string the code
// passes to the printer (when absent, ID is); Translation may name
// placeholders as {Name}, which Placeholders map to format verbs.
type Message struct {
	ID           string        `json:"id"`
	Key          string        `json:"key,omitempty"`
	Message      string        `json:"message"`
	Translation  string        `json:"translation"`
	Placeholders []Placeholder `json:"placeholders,omitempty"`
}

// Placeholder maps a named placeholder to its format verb (e.g. "%[1]d").
type Placeholder struct {
	ID     string `json:"id"`
	String string `json:"string"`
	Type   string `json:"type,omitempty"`
	ArgNum int    `json:"argNum,omitempty"`
	Expr   string `json:"expr,omitempty"`
}

// Bundle is the loaded catalogs with a language matcher.
type Bundle struct {
	cat     catalog.Catalog
	tags    []language.Tag
	matcher language.Matcher
	files   map[language.Tag]*File
}

// Load reads every */messages.gotext.json of fsys. The fallback language
// (English) comes first, so it wins when nothing else matches.
func Load(fsys fs.FS) (*Bundle, error) {
	paths, err := fs.Glob(fsys, "*/messages.gotext.json")
	if err != nil {
		return nil, err
	}
	b := &Bundle{files: map[language.Tag]*File{}}
	builder := catalog.NewBuilder(catalog.Fallback(language.English))
	for _, p := range paths {
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		var f File
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", p, err)
		}
		tag, err := language.Parse(f.Language)
		if err != nil || tag.String() != path.Dir(p) {
			return nil, fmt.Errorf("i18n: %s: language %q does not match its folder", p, f.Language)
		}
		for _, m := range f.Messages {
			key := m.Key
			if key == "" {
				key = m.ID
			}
			if err := builder.SetString(tag, key, expand(m)); err != nil {
				return nil, fmt.Errorf("i18n: %s: %q: %w", p, m.ID, err)
			}
		}
		b.files[tag] = &f
		b.tags = append(b.tags, tag)
	}
	sort.Slice(b.tags, func(i, j int) bool {
		return b.tags[i] == language.English || (b.tags[j] != language.English && b.tags[i].String() < b.tags[j].String())
	})
	if len(b.tags) == 0 || b.tags[0] != language.English {
		return nil, fmt.Errorf("i18n: no English catalog")
	}
	b.cat = builder
	b.matcher = language.NewMatcher(b.tags)
	return b, nil
}

// expand turns {Name} placeholders into the format verbs they stand for.
func expand(m Message) string {
	s := m.Translation
	for _, p := range m.Placeholders {
		s = strings.ReplaceAll(s, "{"+p.ID+"}", p.String)
	}
	return s
}

// Languages lists the UI languages, English first.
func (b *Bundle) Languages() []language.Tag { return b.tags }

// File returns the catalog of a language, for tests and tools.
func (b *Bundle) File(tag language.Tag) *File { return b.files[tag] }

// Match picks the UI language: the first of the given preferences (a user's
// setting, a cookie, an Accept-Language header, in that order) that names a
// language Cotejo speaks; English when none does.
func (b *Bundle) Match(prefs ...string) language.Tag {
	for _, p := range prefs {
		if strings.TrimSpace(p) == "" {
			continue
		}
		tags, _, err := language.ParseAcceptLanguage(p)
		if err != nil || len(tags) == 0 {
			continue
		}
		if _, idx, conf := b.matcher.Match(tags...); conf >= language.High || (conf > language.No && idx > 0) {
			return b.tags[idx]
		}
	}
	return b.tags[0]
}

// Printer returns a printer for a UI language.
func (b *Bundle) Printer(tag language.Tag) *message.Printer {
	return message.NewPrinter(tag, message.Catalog(b.cat))
}

// Name is how a UI language names itself, for the language switcher.
func Name(tag language.Tag) string {
	switch tag {
	case language.English:
		return "English"
	case language.Spanish:
		return "Español"
	}
	return tag.String()
}
