package workflow

import (
	"context"
	"sync"

	"github.com/cotejo/cotejo/internal/checks"
)

// An article's pages show the same thing to everyone until something
// changes: the article, its quotes with their checks, its passages, its
// readiness. The store counts the changes of each article (its revision,
// see Reader.ArticleRevision), so what is computed from one revision is kept
// and shared by every request until the revision moves. The revision is
// read from the database on every request, so an instance never shows what
// another instance has changed since.

// ArticleSnapshot is what an article's pages show, computed once per
// revision. It is shared: callers must not modify it.
type ArticleSnapshot struct {
	Revision string
	ArticleView
	Views     []QuoteView                // the quotes with their checks, in Quotes' order
	Checks    map[int64][]checks.Finding // each quote's findings
	Passages  []PassageView
	Readiness Readiness

	memo sync.Map // key → *memoEntry
}

type memoEntry struct {
	once sync.Once
	v    any
}

// Memo returns what build makes of the snapshot, built once per key: a
// page keeps its renderings of the snapshot with it, so they are dropped
// with it when the article changes.
func (a *ArticleSnapshot) Memo(key string, build func() any) any {
	e, _ := a.memo.LoadOrStore(key, &memoEntry{})
	m := e.(*memoEntry)
	m.once.Do(func() { m.v = build() })
	return m.v
}

// Quote returns the view of one of the snapshot's quotes.
func (a *ArticleSnapshot) Quote(id int64) (*QuoteView, bool) {
	for i := range a.Views {
		if a.Views[i].ID == id {
			return &a.Views[i], true
		}
	}
	return nil, false
}

// snapshotEntries bounds how many articles' snapshots an instance keeps, with
// the pages rendered from them (a few hundred kilobytes each).
const snapshotEntries = 64

// Snapshot returns what article id's pages show, computed now only when
// the article changed since it was last computed; concurrent requests for
// an article being computed wait for it.
func (s *Service) Snapshot(ctx context.Context, id int64) (*ArticleSnapshot, error) {
	rev, err := s.store.ArticleRevision(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.snaps.get(id, rev, func() (*ArticleSnapshot, error) { return s.buildSnapshot(ctx, id, rev) })
}

// buildSnapshot computes article id's snapshot. rev was read before the
// rest, so the snapshot is at least as new as its revision says.
func (s *Service) buildSnapshot(ctx context.Context, id int64, rev string) (*ArticleSnapshot, error) {
	v, err := s.viewArticle(ctx, id)
	if err != nil {
		return nil, err
	}
	views, err := s.Views(ctx, v.Article, v.Sources, v.Quotes)
	if err != nil {
		return nil, err
	}
	snap := &ArticleSnapshot{Revision: rev, ArticleView: *v, Views: views, Checks: make(map[int64][]checks.Finding, len(views))}
	for _, qv := range views {
		snap.Checks[qv.ID] = qv.Checks
	}
	snap.Passages = JoinPassages(v.Article, v.Quotes, v.Ignores)
	snap.Readiness = ReadinessFrom(v.Article, v.Quotes, snap.Passages)
	return snap, nil
}

// viewArticle loads an article with its sources (without texts), quotes and
// passage marks.
func (s *Service) viewArticle(ctx context.Context, id int64) (*ArticleView, error) {
	a, err := s.store.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &ArticleView{Article: a}
	if v.Sources, err = s.store.ArticleSources(ctx, id); err != nil {
		return nil, err
	}
	if v.Quotes, err = s.store.Quotes(ctx, id); err != nil {
		return nil, err
	}
	if v.Ignores, err = s.store.PassageIgnores(ctx, id); err != nil {
		return nil, err
	}
	return v, nil
}

// ViewArticle returns an article with its sources (without texts), quotes
// and passage marks, as its snapshot holds them: callers must not modify
// them.
func (s *Service) ViewArticle(ctx context.Context, id int64) (*ArticleView, error) {
	snap, err := s.Snapshot(ctx, id)
	if err != nil {
		return nil, err
	}
	return &snap.ArticleView, nil
}
