package cotejo

import (
	"strings"
	"time"
)

// ArticleStatus is where an article stands in its life; the table of
// statuses and the moves between them is in lifecycle.go.
type ArticleStatus string

// Limits on what one article or source may hold, in code points. A source is
// allowed to be long: a three-hour transcript is about a megabyte.
const (
	MaxTitleLen      = 500
	MaxShortFieldLen = 300
	MaxArticleLen    = 1_000_000
	MaxSourceLen     = 5_000_000
	MaxQuoteLen      = 20_000
)

// Article is a piece of journalism whose body quotes people in translation.
type Article struct {
	ID        int64         `json:"id"`
	Headline  string        `json:"headline"`
	Dek       string        `json:"dek"`
	Body      string        `json:"body"`
	Language  string        `json:"language"`
	Outlet    string        `json:"outlet"`
	Byline    string        `json:"byline"`
	Dateline  string        `json:"dateline"`
	Status    ArticleStatus `json:"status"`
	Version   int           `json:"version"`
	CreatedBy int64         `json:"created_by"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
}

// Validate reports the first rule the article breaks.
func (a *Article) Validate() error {
	for _, f := range []struct{ name, v string }{
		{"headline", a.Headline}, {"dek", a.Dek}, {"body", a.Body}, {"outlet", a.Outlet},
		{"byline", a.Byline}, {"dateline", a.Dateline},
	} {
		if err := CheckText(f.name, f.v); err != nil {
			return err
		}
	}
	if _, err := ParseLang("language", a.Language); err != nil {
		return err
	}
	if a.Status != "" && !a.Status.Valid() {
		return FieldError(CodeInvalid, "status", "%q is not an article status.", a.Status)
	}
	return firstErr(
		required("headline", a.Headline),
		checkLen("headline", a.Headline, MaxTitleLen),
		checkLen("dek", a.Dek, MaxTitleLen*4),
		checkLen("body", a.Body, MaxArticleLen),
		checkLen("outlet", a.Outlet, MaxShortFieldLen),
		checkLen("byline", a.Byline, MaxShortFieldLen),
		checkLen("dateline", a.Dateline, MaxShortFieldLen),
	)
}

// Normalize puts the article in canonical form: NFC texts, trimmed one-line
// fields, a canonical language tag, a status. Call it after Validate.
func (a *Article) Normalize() {
	a.Headline = strings.TrimSpace(Canonical(a.Headline))
	a.Dek = strings.TrimSpace(Canonical(a.Dek))
	a.Body = Canonical(a.Body)
	a.Outlet = strings.TrimSpace(Canonical(a.Outlet))
	a.Byline = strings.TrimSpace(Canonical(a.Byline))
	a.Dateline = strings.TrimSpace(Canonical(a.Dateline))
	if l, err := ParseLang("language", a.Language); err == nil {
		a.Language = l
	}
	if a.Status == "" {
		a.Status = ArticleDraft
	}
}

// ArticleUpdate is a partial change of an article: nil fields stay as they are.
type ArticleUpdate struct {
	Headline *string `json:"headline"`
	Dek      *string `json:"dek"`
	Body     *string `json:"body"`
	Language *string `json:"language"`
	Outlet   *string `json:"outlet"`
	Byline   *string `json:"byline"`
	Dateline *string `json:"dateline"`
}

// Apply copies the set fields of u onto a.
func (u ArticleUpdate) Apply(a *Article) {
	set(&a.Headline, u.Headline)
	set(&a.Dek, u.Dek)
	set(&a.Body, u.Body)
	set(&a.Language, u.Language)
	set(&a.Outlet, u.Outlet)
	set(&a.Byline, u.Byline)
	set(&a.Dateline, u.Dateline)
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// ArticleFilter narrows a list of articles.
type ArticleFilter struct {
	Status ArticleStatus
	Query  string // words of the headline and body; the last may be the start of a word
	PageRequest
}

// PageRequest asks for one page of a list: at most Limit items (the list's
// default when 0), after the place Cursor names (an earlier page's Next;
// "" for the first page).
type PageRequest struct {
	Limit  int
	Cursor string
}
