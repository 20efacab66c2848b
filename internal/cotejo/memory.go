package cotejo

import (
	"slices"
	"strings"
	"time"
)

// GlossaryTerm is the newsroom's decision on how a source term is rendered:
// the approved rendering (and acceptable alternatives), the renderings it
// forbids, and a note. Editors and admins manage the glossary.
type GlossaryTerm struct {
	ID           int64     `json:"id"`
	Source       LangText  `json:"source"`
	Target       LangText  `json:"target"`
	Alternatives []string  `json:"alternatives"`
	Forbidden    []string  `json:"forbidden"`
	Note         string    `json:"note"`
	Version      int       `json:"version"`
	CreatedBy    int64     `json:"created_by"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Validate reports the first rule the term breaks.
func (g *GlossaryTerm) Validate() error {
	if err := firstErr(g.Source.validate("source"), g.Target.validate("target"),
		required("source.text", g.Source.Text), required("source.lang", g.Source.Lang), required("target.lang", g.Target.Lang),
		CheckText("note", g.Note), checkLen("note", g.Note, MaxShortFieldLen*10)); err != nil {
		return err
	}
	if strings.TrimSpace(g.Target.Text) == "" && len(g.Forbidden) == 0 {
		return FieldError(CodeInvalid, "target.text", "A glossary term needs an approved rendering, a forbidden one, or both.")
	}
	for _, list := range [][]string{g.Alternatives, g.Forbidden} {
		for _, s := range list {
			if err := firstErr(CheckText("forbidden", s), checkLen("forbidden", s, MaxShortFieldLen)); err != nil {
				return err
			}
		}
	}
	return nil
}

// Normalize puts the term in canonical form. Call it after Validate.
func (g *GlossaryTerm) Normalize() {
	g.Source.normalize()
	g.Target.normalize()
	g.Note = strings.TrimSpace(Canonical(g.Note))
	g.Alternatives = cleanList(g.Alternatives)
	g.Forbidden = cleanList(g.Forbidden)
}

func cleanList(in []string) []string {
	out := []string{}
	for _, s := range in {
		if s = strings.TrimSpace(Canonical(s)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// GlossaryUpdate is a partial change of a term: nil fields stay as they are.
type GlossaryUpdate struct {
	Source       *LangText `json:"source"`
	Target       *LangText `json:"target"`
	Alternatives *[]string `json:"alternatives"`
	Forbidden    *[]string `json:"forbidden"`
	Note         *string   `json:"note"`
}

// Apply copies the set fields of u onto g.
func (u GlossaryUpdate) Apply(g *GlossaryTerm) {
	set(&g.Source, u.Source)
	set(&g.Target, u.Target)
	set(&g.Alternatives, u.Alternatives)
	set(&g.Forbidden, u.Forbidden)
	set(&g.Note, u.Note)
}

// SuggestionKind says where a suggestion for a rendering comes from.
type SuggestionKind string

// The kinds of suggestions.
const (
	SuggestMemory   SuggestionKind = "tm"       // a pair of the translation memory
	SuggestGlossary SuggestionKind = "glossary" // a term of the glossary
	SuggestMachine  SuggestionKind = "mt"       // machine output, to be checked as such
)

// SuggestionKindInfo is what the rest of Cotejo knows about a kind of
// suggestion: its name in the UI and whether its score means something to
// show (a memory match's similarity; a glossary term is a rule).
type SuggestionKindInfo struct {
	Kind      SuggestionKind
	Label     string
	ShowScore bool
}

// suggestionKinds is the one table of suggestion kinds.
var suggestionKinds = table[SuggestionKind, SuggestionKindInfo]{
	{SuggestMemory, "Memory", true},
	{SuggestGlossary, "Glossary", false},
	{SuggestMachine, "Machine translation", false},
}

// SuggestionKinds lists every kind of suggestion.
var SuggestionKinds = suggestionKinds.keys()

func (i SuggestionKindInfo) key() SuggestionKind { return i.Kind }

// Info returns what the table says of k.
func (k SuggestionKind) Info() SuggestionKindInfo {
	return suggestionKinds.or(k, SuggestionKindInfo{Kind: k, Label: string(k)})
}

// TMUnit is one pair of the translation memory: an original and the
// rendering the newsroom approved for it, from a quote or an imported TMX.
type TMUnit struct {
	ID        int64     `json:"id"`
	Source    LangText  `json:"original"`
	Target    LangText  `json:"rendering"`
	QuoteID   *int64    `json:"quote_id,omitempty"`
	Origin    string    `json:"origin"` // "quote" or the name of the imported file
	Note      string    `json:"note,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate reports the first rule the unit breaks.
func (t *TMUnit) Validate() error {
	return firstErr(t.Source.validate("original"), t.Target.validate("rendering"),
		required("original.text", t.Source.Text), required("rendering.text", t.Target.Text),
		required("original.lang", t.Source.Lang), required("rendering.lang", t.Target.Lang),
		CheckText("note", t.Note))
}

// Normalize puts the unit in canonical form. Call it after Validate.
func (t *TMUnit) Normalize() {
	t.Source.normalize()
	t.Target.normalize()
	t.Note = strings.TrimSpace(Canonical(t.Note))
}

// Comment is a note on a quote, threaded by ParentID, that may mention
// people (@name), who then find it in their queue.
type Comment struct {
	ID        int64     `json:"id"`
	QuoteID   int64     `json:"quote_id"`
	ArticleID int64     `json:"article_id"`
	ParentID  *int64    `json:"parent_id"`
	UserID    int64     `json:"user_id"`
	Body      string    `json:"body"`
	Mentions  []int64   `json:"mentions"`
	CreatedAt time.Time `json:"created_at"`
}

// MaxCommentLen bounds a comment, in code points.
const MaxCommentLen = 10_000

// Validate reports the first rule the comment breaks.
func (c *Comment) Validate() error {
	return firstErr(CheckText("body", c.Body), requiredFor("body", "comment", c.Body), checkLen("body", c.Body, MaxCommentLen))
}

// Normalize puts the comment in canonical form. Call it after Validate.
func (c *Comment) Normalize() { c.Body = strings.TrimSpace(Canonical(c.Body)) }

// Mention is an @mention in a comment's body: where it stands (bytes, end
// exclusive, the @ included) and the name after the @, lower-cased.
type Mention struct {
	Start, End int
	Name       string
}

// mentionBreak reports whether r ends a word a mention can be.
func mentionBreak(r rune) bool { return strings.ContainsRune(" \n\t,;:()!?", r) }

// Mentions finds the @mentions of a comment's body: words (between spaces,
// line breaks and the punctuation , ; : ( ) ! ?) that start with @ and have
// a name after it; a final full stop ends the sentence, not the name. It is
// the one reading of mentions: Mentioned matches them to people, and pages
// mark them.
func Mentions(body string) []Mention {
	var out []Mention
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := body[start:end]
		start = -1
		trimmed := strings.TrimRight(w, ".")
		if !strings.HasPrefix(trimmed, "@") || len(trimmed) < 2 {
			return
		}
		b := end - (len(w) - len(trimmed))
		out = append(out, Mention{Start: b - len(trimmed), End: b, Name: strings.ToLower(trimmed[1:])})
	}
	for i, r := range body {
		if mentionBreak(r) {
			flush(i)
		} else if start < 0 {
			start = i
		}
	}
	flush(len(body))
	return out
}

// Mentioned finds the people a comment mentions: @ followed by the local part
// of their email (@maria for maria@example.org) or their whole email.
func Mentioned(body string, users []*User) []int64 {
	out := []int64{}
	for _, m := range Mentions(body) {
		for _, u := range users {
			email := strings.ToLower(u.Email)
			local, _, _ := strings.Cut(email, "@")
			if (m.Name == email || m.Name == local) && !slices.Contains(out, u.ID) {
				out = append(out, u.ID)
			}
		}
	}
	return out
}
