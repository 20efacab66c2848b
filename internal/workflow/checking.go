package workflow

import (
	"context"

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
// loaded once.
type checkContext struct {
	article  *cotejo.Article
	sources  map[int64]*cotejo.Source
	quotes   []*cotejo.Quote
	glossary []checks.Term
}

func (s *Service) loadCheckContext(ctx context.Context, r Reader, a *cotejo.Article) (*checkContext, error) {
	c := &checkContext{article: a, sources: map[int64]*cotejo.Source{}}
	srcs, err := r.ArticleSources(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	for _, src := range srcs {
		c.sources[src.ID] = src
	}
	if c.quotes, err = r.Quotes(ctx, a.ID); err != nil {
		return nil, err
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

// run checks one quote. Other quotes with the same original, in this
// article or any other, feed the consistency check.
func (c *checkContext) run(ctx context.Context, r Reader, q *cotejo.Quote) ([]checks.Finding, error) {
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
	add := func(o *cotejo.Quote) {
		if !seen[o.ID] && o.Original.Text != "" && o.Rendering.Text != "" {
			seen[o.ID] = true
			in.Others = append(in.Others, checks.Pair{QuoteID: o.ID, Original: o.Original.Text, Rendering: o.Rendering.Text})
		}
	}
	for _, o := range c.quotes {
		add(o)
	}
	if q.Original.Text != "" {
		same, err := r.QuotesWithOriginal(ctx, q.Original.Text, 50)
		if err != nil {
			return nil, err
		}
		for _, o := range same {
			add(o)
		}
	}
	return checks.Run(in), nil
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
	q, err := s.store.Quote(ctx, id)
	if err != nil {
		return nil, err
	}
	v, err := s.viewQuotes(ctx, s.store, q.ArticleID, []*cotejo.Quote{q})
	if err != nil {
		return nil, err
	}
	return &v[0], nil
}

// ViewQuotes loads an article's quotes with their checks.
func (s *Service) ViewQuotes(ctx context.Context, articleID int64) ([]QuoteView, error) {
	qs, err := s.store.Quotes(ctx, articleID)
	if err != nil {
		return nil, err
	}
	return s.viewQuotes(ctx, s.store, articleID, qs)
}

// Views adds checks to quotes of one article already loaded.
func (s *Service) Views(ctx context.Context, a *cotejo.Article, qs []*cotejo.Quote) ([]QuoteView, error) {
	c, err := s.loadCheckContext(ctx, s.store, a)
	if err != nil {
		return nil, err
	}
	return c.views(ctx, s.store, qs)
}

func (s *Service) viewQuotes(ctx context.Context, r Reader, articleID int64, qs []*cotejo.Quote) ([]QuoteView, error) {
	a, err := r.Article(ctx, articleID)
	if err != nil {
		return nil, err
	}
	c, err := s.loadCheckContext(ctx, r, a)
	if err != nil {
		return nil, err
	}
	return c.views(ctx, r, qs)
}

func (c *checkContext) views(ctx context.Context, r Reader, qs []*cotejo.Quote) ([]QuoteView, error) {
	out := make([]QuoteView, len(qs))
	for i, q := range qs {
		fs, err := c.run(ctx, r, q)
		if err != nil {
			return nil, err
		}
		out[i] = QuoteView{Quote: q, Checks: fs}
	}
	return out, nil
}
