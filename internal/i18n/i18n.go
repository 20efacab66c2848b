// Package i18n chooses the UI language of a request and translates the UI's
// messages. The catalogs are golang.org/x/text gotext files (see package
// locales), loaded into an x/text catalog at start-up and read through
// x/text/message printers.
//
// # Plurals
//
// A message that counts something has one translation per plural category
// of its language (CLDR's rules, as golang.org/x/text/feature/plural knows
// them: English and Spanish have "one" and "other"), written in the catalog
// as gotext writes a plural select:
//
//	"translation": {"select": {"feature": "plural", "arg": "Arg_1",
//	    "cases": {"one": {"msg": "{Arg_1} aviso"}, "other": {"msg": "{Arg_1} avisos"}}}}
//
// The count is always the first argument, and the key is the English
// "other" form ("%d warnings"), so a printer given the key and the count
// picks the case: Sprintf("%d warnings", 1) is "1 warning" in English and
// "1 aviso" in Spanish. Pages use it through the template function N:
//
//	{{.N "%d warning" "%d warnings" .Warnings}}
//
// which names both English forms where the message is used; the catalog
// script (scripts/catalogs.py) reads them from there, and the Spanish forms
// from scripts/es.json, where such a key maps to {"one": …, "other": …}.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/feature/plural"
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
	Translation  Text          `json:"translation"`
	Placeholders []Placeholder `json:"placeholders,omitempty"`
}

// Text is a translation: one string, or one per plural category of the
// first argument (Cases, by CLDR category: "one", "other"…). In the file it
// is a JSON string, or gotext's plural select (see the package doc).
type Text struct {
	Msg   string
	Cases map[string]string
}

// Plural makes a Text with a form per plural category.
func Plural(cases map[string]string) Text { return Text{Cases: cases} }

// String is the text, or its "other" form when it has plural forms.
func (t Text) String() string {
	if t.Cases != nil {
		return t.Cases["other"]
	}
	return t.Msg
}

// pluralSelect is gotext's JSON shape of a plural translation.
type pluralSelect struct {
	Select struct {
		Feature string `json:"feature"`
		Arg     string `json:"arg"`
		Cases   map[string]struct {
			Msg string `json:"msg"`
		} `json:"cases"`
	} `json:"select"`
}

// UnmarshalJSON reads a string or a plural select.
func (t *Text) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &t.Msg); err == nil {
		t.Cases = nil
		return nil
	}
	var sel pluralSelect
	if err := json.Unmarshal(b, &sel); err != nil {
		return err
	}
	if sel.Select.Feature != "plural" || sel.Select.Cases["other"].Msg == "" {
		return fmt.Errorf("i18n: a select translation must be a plural with an \"other\" case")
	}
	t.Msg, t.Cases = "", map[string]string{}
	for k, c := range sel.Select.Cases {
		t.Cases[k] = c.Msg
	}
	return nil
}

// MarshalJSON writes a string or a plural select on the first argument.
func (t Text) MarshalJSON() ([]byte, error) {
	if t.Cases == nil {
		return json.Marshal(t.Msg)
	}
	var sel pluralSelect
	sel.Select.Feature, sel.Select.Arg = "plural", "Arg_1"
	sel.Select.Cases = map[string]struct {
		Msg string `json:"msg"`
	}{}
	for k, v := range t.Cases {
		sel.Select.Cases[k] = struct {
			Msg string `json:"msg"`
		}{v}
	}
	return json.Marshal(sel)
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
			if err := builder.Set(tag, key, compile(m)); err != nil {
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

// compile makes the catalog's message of an entry: its text, or a plural
// select on the first argument with a case per category, "other" last (a
// select tries its cases in order).
func compile(m Message) catalog.Message {
	if m.Translation.Cases == nil {
		return catalog.String(expand(m, m.Translation.Msg))
	}
	var cases []any
	for _, cat := range []string{"zero", "one", "two", "few", "many", "other"} {
		if c, ok := m.Translation.Cases[cat]; ok {
			cases = append(cases, cat, expand(m, c))
		}
	}
	return plural.Selectf(1, "%d", cases...)
}

// expand turns {Name} placeholders into the format verbs they stand for.
func expand(m Message, s string) string {
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
