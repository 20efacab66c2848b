package workflow

import (
	"context"
	"slices"

	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
)

// QuoteView is a quote with the findings of its checks, as pages and the API
// show it.
type QuoteView struct {
	*cotejo.Quote
	Checks []checks.Finding `json:"checks"`
}

// checkContext is what the checks of several quotes of one article share,
// loaded once: the article, its sources, its quotes, the glossary.
type checkContext struct {
	article  *cotejo.Article
	sources  map[int64]*cotejo.Source
	quotes   []*cotejo.Quote
	glossary []checks.Term
}

// loadCheckContext loads what the checks of article a's quotes share. quotes
// are the article's quotes when the caller has them already; nil loads them.
func loadCheckContext(ctx context.Context, r Reader, a *cotejo.Article, quotes []*cotejo.Quote) (*checkContext, error) {
	c := &checkContext{article: a, sources: map[int64]*cotejo.Source{}, quotes: quotes}
	srcs, err := r.ArticleSources(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	for _, src := range srcs {
		c.sources[src.ID] = src
	}
	if c.quotes == nil {
		if c.quotes, err = r.Quotes(ctx, a.ID); err != nil {
			return nil, err
		}
	}
	terms, err := r.Glossary(ctx)
	if err != nil {
		return nil, err
	}
	for _, g := range terms {
		c.glossary = append(c.glossary, checks.Term{ID: g.ID, Source: g.Source.Text, SourceLang: g.Source.Lang,
			Targets: append(nonEmpty(g.Target.Text), g.Alternatives...), Forbidden: g.Forbidden, Note: g.Note})
	}
	return c, nil
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// sameOriginalLimit bounds how many other quotes of the newsroom with the
// same original the consistency check compares, per original.
const sameOriginalLimit = 50

// views checks quotes of the context's article. Quotes of any article with
// the same originals feed the consistency check; they are found with one
// query for all the quotes, not one per quote.
func (c *checkContext) views(ctx context.Context, r Reader, qs []*cotejo.Quote) ([]QuoteView, error) {
	var originals []string
	for _, q := range qs {
		if q.Original.Text != "" && !slices.Contains(originals, q.Original.Text) {
			originals = append(originals, q.Original.Text)
		}
	}
	same := map[string][]*cotejo.Quote{}
	if len(originals) > 0 {
		found, err := r.QuotesWithOriginals(ctx, originals, sameOriginalLimit*len(originals))
		if err != nil {
			return nil, err
		}
		for _, o := range found {
			same[o.Original.Text] = append(same[o.Original.Text], o)
		}
	}
	out := make([]QuoteView, len(qs))
	for i, q := range qs {
		fs, err := c.run(ctx, r, q, same[q.Original.Text])
		if err != nil {
			return nil, err
		}
		out[i] = QuoteView{Quote: q, Checks: fs}
	}
	return out, nil
}

// run checks one quote; same are quotes of any article with its original.
func (c *checkContext) run(ctx context.Context, r Reader, q *cotejo.Quote, same []*cotejo.Quote) ([]checks.Finding, error) {
	in := checks.Input{
		Original: q.Original.Text, OriginalLang: q.Original.Lang,
		Rendering: q.Rendering.Text, RenderingLang: q.Rendering.Lang,
		Speaker: q.Speaker, EvidenceNote: q.EvidenceNote,
		ArticleBody: c.article.Body, ArticleLang: c.article.Language,
		Glossary: c.glossary,
	}
	if q.SourceID != nil {
		src := c.sources[*q.SourceID]
		if src == nil {
			var err error
			if src, err = r.Source(ctx, *q.SourceID); err != nil && cotejo.ErrorCode(err) != cotejo.CodeNotFound {
				return nil, err
			}
		}
		if src != nil {
			in.SourceText, in.SourceURL = src.Text, src.URL
		}
	}
	if a := q.SourceAnchor; a != nil {
		in.SourceAnchor = &checks.Span{Start: a.Start, End: a.End}
		in.SourceAnchorState = string(a.State)
	}
	if a := q.ArticleAnchor; a != nil && a.State != cotejo.AnchorLost {
		in.ArticleAnchor = &checks.Span{Start: a.Start, End: a.End}
	}
	if q.Media != nil {
		in.Media = &checks.MediaRange{Start: q.Media.Start, End: q.Media.End}
	}
	seen := map[int64]bool{q.ID: true}
	for _, o := range slices.Concat(c.quotes, same) {
		if !seen[o.ID] && o.Original.Text != "" && o.Rendering.Text != "" {
			seen[o.ID] = true
			in.Others = append(in.Others, checks.Pair{QuoteID: o.ID, Original: o.Original.Text, Rendering: o.Rendering.Text})
		}
	}
	return checks.Run(in), nil
}

// check runs the checks of one quote within the context.
func (c *checkContext) check(ctx context.Context, r Reader, q *cotejo.Quote) ([]checks.Finding, error) {
	v, err := c.views(ctx, r, []*cotejo.Quote{q})
	if err != nil {
		return nil, err
	}
	return v[0].Checks, nil
}

// Checks runs the checks of one quote.
func (s *Service) Checks(ctx context.Context, id int64) ([]checks.Finding, error) {
	v, err := s.ViewQuote(ctx, id)
	if err != nil {
		return nil, err
	}
	return v.Checks, nil
}

// ViewQuote loads a quote with its checks.
func (s *Service) ViewQuote(ctx context.Context, id int64) (*QuoteView, error) {
	v, _, err := s.ViewQuoteAndArticle(ctx, id)
	return v, err
}

// ViewQuoteAndArticle is ViewQuote for a caller that shows the quote's
// article too (the quote page): it returns the article it loaded for the
// checks, so that the caller does not load it a second time.
func (s *Service) ViewQuoteAndArticle(ctx context.Context, id int64) (*QuoteView, *cotejo.Article, error) {
	q, err := s.store.Quote(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	a, err := s.store.Article(ctx, q.ArticleID)
	if err != nil {
		return nil, nil, err
	}
	v, err := s.Views(ctx, a, nil, []*cotejo.Quote{q})
	if err != nil {
		return nil, nil, err
	}
	return &v[0], a, nil
}

// ViewQuotes loads an article's quotes with their checks.
func (s *Service) ViewQuotes(ctx context.Context, articleID int64) ([]QuoteView, error) {
	a, err := s.store.Article(ctx, articleID)
	if err != nil {
		return nil, err
	}
	qs, err := s.store.Quotes(ctx, articleID)
	if err != nil {
		return nil, err
	}
	return s.Views(ctx, a, qs, qs)
}

// Views adds checks to quotes qs of article a. all are the article's quotes
// when the caller has them loaded already (nil loads them).
func (s *Service) Views(ctx context.Context, a *cotejo.Article, all, qs []*cotejo.Quote) ([]QuoteView, error) {
	c, err := loadCheckContext(ctx, s.store, a, all)
	if err != nil {
		return nil, err
	}
	return c.views(ctx, s.store, qs)
}

// CheckDraft runs the checks on a quote as it is being written, before it
// is saved: the workbench's live checks. quoteID is the quote being edited
// (0 for a new one), which the consistency check leaves out. Nothing is
// stored. Spans that no longer fit what is typed are dropped and the texts
// searched for instead: a draft is checked, not refused.
func (s *Service) CheckDraft(ctx context.Context, articleID, quoteID int64, in QuoteInput) ([]checks.Finding, error) {
	a, err := s.store.Article(ctx, articleID)
	if err != nil {
		return nil, err
	}
	if err := cotejo.CheckText("speaker", in.Speaker); err != nil {
		return nil, err
	}
	q, src, err := draftQuote(ctx, s.store, a, in)
	if err != nil {
		return nil, err
	}
	q.ID, q.Speaker = quoteID, cotejo.NFC(q.Speaker)
	if err := s.anchorQuote(q, a, src, in.SourceAnchor, in.ArticleAnchor); err != nil {
		if cotejo.ErrorCode(err) != cotejo.CodeInvalid || (in.SourceAnchor == nil && in.ArticleAnchor == nil) {
			return nil, err
		}
		if err := s.anchorQuote(q, a, src, nil, nil); err != nil {
			return nil, err
		}
	}
	v, err := s.Views(ctx, a, nil, []*cotejo.Quote{q})
	if err != nil {
		return nil, err
	}
	return v[0].Checks, nil
}
