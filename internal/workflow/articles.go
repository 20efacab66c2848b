package workflow

import (
	"context"
	"slices"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
)

// CreateArticle adds an article in draft.
func (s *Service) CreateArticle(ctx context.Context, actor *cotejo.User, a *cotejo.Article) error {
	return create(ctx, s, actor, cotejo.CreateArticles, a, func(tx Tx) error {
		a.Status, a.CreatedBy = cotejo.ArticleDraft, actor.ID
		a.CreatedAt, a.UpdatedAt = s.Now(), s.Now()
		if err := tx.CreateArticle(ctx, a); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, cotejo.EntityArticle, a.ID, &a.ID, cotejo.ActionCreate, nil, a, cotejo.Reason{})
	})
}

// ArticleChange is what an article edit did to the quotes anchored in it.
type ArticleChange struct {
	Article *cotejo.Article `json:"article"`
	// Reanchored lists the quotes whose anchor in the body moved or was lost.
	Reanchored []QuoteReanchor `json:"reanchored"`
}

// QuoteReanchor tells what happened to one quote's anchor after its text changed.
type QuoteReanchor struct {
	QuoteID int64              `json:"quote_id"`
	Before  *cotejo.Anchor     `json:"before"`
	After   *cotejo.Anchor     `json:"after"`
	Status  cotejo.QuoteStatus `json:"status"`
	Reason  cotejo.Reason      `json:"reason,omitzero"`
	Diff    []anchor.DiffOp    `json:"diff,omitempty"` // old anchored text → new, word by word
}

// UpdateArticle applies u to the article, based on version base (0: the
// current one). When the body changes, every quote's anchor in it is found
// again; an inexact result sends a verified or approved quote back to review.
func (s *Service) UpdateArticle(ctx context.Context, actor *cotejo.User, id int64, base int, u cotejo.ArticleUpdate) (*ArticleChange, error) {
	var change ArticleChange
	err := update(ctx, s, actor, cotejo.EditArticles, kindOpenArticle, id, base, u, func(tx Tx, a *cotejo.Article, before cotejo.Article) (err error) {
		change.Article = a
		if *a == before {
			return nil // nothing changed: no new version, no event
		}
		a.UpdatedAt = s.Now()
		var reason cotejo.Reason
		if a.Body != before.Body && a.Status == cotejo.ArticleApproved {
			// What the editor approved is no longer what is there.
			a.Status, reason = cotejo.ArticleInReview, cotejo.Because(cotejo.ReasonBodyChanged)
		}
		if err := tx.UpdateArticle(ctx, a); err != nil {
			return err
		}
		if err := s.record(ctx, tx, actor, cotejo.EntityArticle, a.ID, &a.ID, cotejo.ActionUpdate, before, a, reason); err != nil {
			return err
		}
		if a.Body != before.Body {
			change.Reanchored, err = s.reanchorArticle(ctx, tx, actor, a)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &change, nil
}

// reanchorArticle finds every quote and passage mark again in a changed body.
func (s *Service) reanchorArticle(ctx context.Context, tx Tx, actor *cotejo.User, a *cotejo.Article) ([]QuoteReanchor, error) {
	quotes, err := tx.Quotes(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	var out []QuoteReanchor
	for _, q := range quotes {
		r, err := s.reanchorQuote(ctx, tx, actor, q, a.Body, "article", func(q *cotejo.Quote) **cotejo.Anchor { return &q.ArticleAnchor })
		if err != nil {
			return nil, err
		}
		if r != nil {
			out = append(out, *r)
		}
	}
	ignores, err := tx.PassageIgnores(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	for _, p := range ignores {
		if after := Reanchor(a.Body, p.Anchor).Anchor; after != p.Anchor {
			if err := tx.UpdatePassageIgnoreAnchor(ctx, p.ID, after); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// reanchorQuote finds one of a quote's anchors (which picks it) again in a
// changed text. An exact re-anchor keeps the quote's status; anything else
// sends a verified or approved quote back to review, and says why. The
// change is recorded; nil means the anchor did not move.
func (s *Service) reanchorQuote(ctx context.Context, tx Tx, actor *cotejo.User, q *cotejo.Quote, text, where string, which func(*cotejo.Quote) **cotejo.Anchor) (*QuoteReanchor, error) {
	slot := which(q)
	if *slot == nil {
		return nil, nil
	}
	old := **slot
	r := Reanchor(text, old)
	said := quoteText(q, where)
	if r.Anchor.State == cotejo.AnchorExact && said != "" && r.Anchor.Exact != said {
		// The text there is what the anchor held, not what the quote says:
		// an earlier change (a case changed, "us" → "US") left the anchor
		// on other words. Exact means the quote's own words, code point for
		// code point, so this is an inexact anchor, and says how it differs.
		r.Anchor.State = cotejo.AnchorApproximate
		r.Diff = anchor.WordDiff(said, r.Anchor.Exact)
	}
	if r.Anchor.State != cotejo.AnchorExact && said != "" && said != old.Exact {
		// The anchor held an inexact span since an earlier change; the text
		// may now say again what the quote says (a correction undone).
		if again := Reanchor(text, cotejo.Anchor{Start: old.Start, End: old.End, Exact: said, Prefix: old.Prefix, Suffix: old.Suffix}); again.Anchor.State == cotejo.AnchorExact {
			r = again
		}
	}
	if r.Anchor == old {
		return nil, nil
	}
	before := *q
	*slot = &r.Anchor
	var reason cotejo.Reason
	if r.Anchor.State != cotejo.AnchorExact {
		reason = cotejo.Because(cotejo.ReasonArticleAnchor, string(r.Anchor.State))
		if where == "source" {
			reason = cotejo.Because(cotejo.ReasonSourceAnchor, string(r.Anchor.State))
		}
		s.markStale(q)
	}
	q.UpdatedAt = s.Now()
	if err := tx.UpdateQuote(ctx, q); err != nil {
		return nil, err
	}
	if err := s.record(ctx, tx, actor, cotejo.EntityQuote, q.ID, &q.ArticleID, cotejo.ActionReanchor, before, q, reason); err != nil {
		return nil, err
	}
	return &QuoteReanchor{QuoteID: q.ID, Before: &old, After: *slot, Status: q.Status, Reason: reason, Diff: r.Diff}, nil
}

// quoteText is what a quote says where an anchor points: its original in a
// source, its rendering in the article.
func quoteText(q *cotejo.Quote, where string) string {
	if where == "source" {
		return q.Original.Text
	}
	return q.Rendering.Text
}

// markStale sends a verified or approved quote back to review: what was
// checked is no longer what is there.
func (s *Service) markStale(q *cotejo.Quote) {
	if q.Status.Info().Vouched {
		q.Status = cotejo.QuoteNeedsReview
	}
	// Overridden warnings were about the old text.
	q.Overrides = []cotejo.Override{}
}

// DeleteArticle deletes an article with its quotes.
func (s *Service) DeleteArticle(ctx context.Context, actor *cotejo.User, id int64, base int) error {
	return remove(ctx, s, actor, cotejo.DeleteArticles, kindOpenArticle, id, base)
}

// ArticleView is an article with everything a page shows beside it.
type ArticleView struct {
	Article *cotejo.Article
	Sources []*cotejo.Source
	Quotes  []*cotejo.Quote
	Ignores []*cotejo.PassageIgnore
}

// CreateSource adds a source of evidence.
func (s *Service) CreateSource(ctx context.Context, actor *cotejo.User, src *cotejo.Source) error {
	return create(ctx, s, actor, cotejo.AddSources, src, func(tx Tx) error {
		src.CreatedBy, src.CreatedAt, src.UpdatedAt = actor.ID, s.Now(), s.Now()
		if err := tx.CreateSource(ctx, src); err != nil {
			return err
		}
		if err := s.prepareLater(ctx, tx, src); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, cotejo.EntitySource, src.ID, nil, cotejo.ActionCreate, nil, src, cotejo.Reason{})
	})
}

// UpdateSource applies u to a source, based on version base. When its text
// changes, the quotes anchored in it are found again, as for article bodies;
// the text of a source that a published article quotes does not change until
// an editor reopens the article.
func (s *Service) UpdateSource(ctx context.Context, actor *cotejo.User, id int64, base int, u cotejo.SourceUpdate) (*cotejo.Source, error) {
	var out *cotejo.Source
	err := update(ctx, s, actor, cotejo.EditSources, kindSource, id, base, u, func(tx Tx, src *cotejo.Source, before cotejo.Source) error {
		out = src
		if sameSource(src, &before) {
			return nil // nothing changed: no new version, no event
		}
		src.UpdatedAt = s.Now()
		cues, err := s.retime(ctx, tx, &before, src)
		if err != nil {
			return err
		}
		if err := tx.UpdateSource(ctx, src); err != nil {
			return err
		}
		if err := s.record(ctx, tx, actor, cotejo.EntitySource, id, nil, cotejo.ActionUpdate, before, src, cotejo.Reason{}); err != nil {
			return err
		}
		if src.Text != before.Text {
			if err := s.prepareLater(ctx, tx, src); err != nil {
				return err
			}
			if err := s.reanchorSource(ctx, tx, actor, src); err != nil {
				return err
			}
			return s.rederiveMedia(ctx, tx, actor, src, cues)
		}
		return nil
	})
	return out, err
}

// reanchorSource finds the originals of every quote on a source again.
func (s *Service) reanchorSource(ctx context.Context, tx Tx, actor *cotejo.User, src *cotejo.Source) error {
	quotes, err := tx.QuotesBySource(ctx, src.ID)
	if err != nil {
		return err
	}
	// The articles are held first, in id order, so that this transaction
	// takes them in the same order as any other that changes their quotes.
	articles := map[int64]*cotejo.Article{}
	ids := make([]int64, 0, len(quotes))
	for _, q := range quotes {
		ids = append(ids, q.ArticleID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var frozen []int64
	for _, id := range ids {
		if articles[id], err = tx.Article(ctx, id); err != nil {
			return err
		}
		if articles[id].Status == cotejo.ArticlePublished {
			frozen = append(frozen, id)
		}
	}
	if len(frozen) > 0 {
		// The quotes of a published article stand on this text as it is.
		return &cotejo.Error{Code: cotejo.CodeLocked, Field: "text", Details: PublishedArticles{IDs: frozen},
			Message: "This source is evidence for a published article; an editor must reopen the article before its text can change."}
	}
	changed := map[int64]bool{}
	for _, q := range quotes {
		was := q.Status
		if _, err := s.reanchorQuote(ctx, tx, actor, q, src.Text, "source", func(q *cotejo.Quote) **cotejo.Anchor { return &q.SourceAnchor }); err != nil {
			return err
		}
		changed[q.ArticleID] = changed[q.ArticleID] || q.Status != was
	}
	for _, id := range ids {
		if changed[id] {
			if err := s.keepApproval(ctx, tx, actor, articles[id], cotejo.ReasonSourceChanged); err != nil {
				return err
			}
		}
	}
	return nil
}

// AttachSource attaches a source to an article. It reports whether the
// source was new to the article: attaching it again changes nothing.
func (s *Service) AttachSource(ctx context.Context, actor *cotejo.User, articleID, sourceID int64) (added bool, err error) {
	if err := cotejo.Can(actor, cotejo.AttachSources, nil); err != nil {
		return false, err
	}
	err = s.store.InTx(ctx, func(tx Tx) error {
		if _, err := tx.Article(ctx, articleID); err != nil {
			return err
		}
		if _, err := citedSource(ctx, tx, sourceID); err != nil {
			return err // an unknown source is the caller's mistake in source_id
		}
		added, err = s.attach(ctx, tx, actor, articleID, sourceID)
		return err
	})
	return added, err
}

// attach makes a source evidence of an article, once, and records it. It
// reports whether the source was attached now.
func (s *Service) attach(ctx context.Context, tx Tx, actor *cotejo.User, articleID, sourceID int64) (bool, error) {
	if ok, err := tx.SourceAttached(ctx, articleID, sourceID); err != nil || ok {
		return false, err
	}
	if err := tx.AttachSource(ctx, articleID, sourceID); err != nil {
		return false, err
	}
	return true, s.record(ctx, tx, actor, cotejo.EntityArticle, articleID, &articleID, cotejo.ActionAttach, nil,
		Record{SourceID: &sourceID}, cotejo.Reason{})
}

// sameSource reports whether two sources hold the same values.
func sameSource(a, b *cotejo.Source) bool {
	return a.Kind == b.Kind && a.Title == b.Title && a.Language == b.Language && a.URL == b.URL &&
		a.MediaURL == b.MediaURL && a.RecordedAt == b.RecordedAt && a.Text == b.Text && slices.Equal(a.Speakers, b.Speakers)
}

// ArticleSourcesWithText lists the sources attached to an article with
// their texts (404 for no such article).
func (s *Service) ArticleSourcesWithText(ctx context.Context, articleID int64) ([]*cotejo.Source, error) {
	srcs, err := childrenOf(ctx, s.store.Article, articleID, s.store.ArticleSources)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(srcs))
	for i, src := range srcs {
		ids[i] = src.ID
	}
	return s.store.SourcesWithText(ctx, ids)
}
