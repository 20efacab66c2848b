package workflow

import "github.com/cotejo/cotejo/internal/checks"

// The details of the errors the use cases return, each a type of its own,
// so that pages and the API read them with cotejo.DetailsOf rather than
// out of maps. Their JSON is the "details" of an API error.

// BlockedByChecks is the detail of a CodeBlocked refusal of a quote's move:
// the findings that block it.
type BlockedByChecks struct {
	Checks []checks.Finding `json:"checks"`
}

// Codes lists the codes of the blocking findings.
func (b BlockedByChecks) Codes() []string {
	out := make([]string, len(b.Checks))
	for i, f := range b.Checks {
		out[i] = f.Code
	}
	return out
}

// ArticleBlocked is the detail of a CodeBlocked refusal of an article's
// move: what blocks it, and its readiness.
type ArticleBlocked struct {
	Blockers  []Blocker `json:"blockers"`
	Readiness Readiness `json:"readiness"`
}

// PublishedArticles is the detail of a CodeLocked refusal to change a
// source that published articles stand on.
type PublishedArticles struct {
	IDs []int64 `json:"published_articles"`
}

// NotOverridable is the detail of a refused override: the check that is
// not a warning.
type NotOverridable struct {
	Code string `json:"code"`
}

// UnreadableCues is the detail of a timed transcript that cannot be read:
// its format and, when known, the line.
type UnreadableCues struct {
	Format string `json:"format"`
	Line   int    `json:"line,omitempty"`
}
