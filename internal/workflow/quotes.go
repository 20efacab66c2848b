package workflow

import (
	"context"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// QuoteInput is a new quote as a client describes it. Anchors are given as
// spans and read from their texts; when the source span is absent and a
// source is given, the original is located in the source; the rendering is
// located in the article body unless its span is given.
type QuoteInput struct {
	Speaker       string             `json:"speaker"`
	Original      cotejo.LangText    `json:"original"`
	Rendering     cotejo.LangText    `json:"rendering"`
	SourceID      *int64             `json:"source_id"`
	SourceAnchor  *cotejo.Span       `json:"source_anchor"`
	ArticleAnchor *cotejo.Span       `json:"article_anchor"`
	Media         *cotejo.MediaRange `json:"media"`
	EvidenceNote  string             `json:"evidence_note"`
}

// CreateQuote adds a quote to an article, in draft.
func (s *Service) CreateQuote(ctx context.Context, actor *cotejo.User, articleID int64, in QuoteInput) (*cotejo.Quote, error) {
	if err := cotejo.Can(actor, cotejo.WriteQuotes, nil); err != nil {
		return nil, err
	}
	var q *cotejo.Quote
	err := s.inOpenArticle(ctx, articleID, func(tx Tx, a *cotejo.Article) error {
		draft, src, err := draftQuote(ctx, tx, a, in)
		if err != nil {
			return err
		}
		q = draft
		q.LastEditorID, q.CreatedAt, q.UpdatedAt = &actor.ID, s.Now(), s.Now()
		if src != nil {
			// Quoting from a source makes it evidence of the article.
			if _, err := s.attach(ctx, tx, actor, a.ID, src.ID); err != nil {
				return err
			}
		}
		if err := s.anchorQuote(q, a, src, in.SourceAnchor, in.ArticleAnchor); err != nil {
			return err
		}
		if err := s.placeMedia(ctx, tx, q, src, in.Media, false); err != nil {
			return err
		}
		if err := q.Validate(); err != nil {
			return err
		}
		q.Normalize()
		if err := tx.CreateQuote(ctx, q); err != nil {
			return err
		}
		if err := s.record(ctx, tx, actor, cotejo.EntityQuote, q.ID, &a.ID, cotejo.ActionCreate, nil, q, cotejo.Reason{}); err != nil {
			return err
		}
		return s.keepApproval(ctx, tx, actor, a, cotejo.ReasonQuoteAdded)
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// draftQuote is in as a draft quote of article a, not yet anchored: the
// languages not given are the article's (rendering) and the source's
// (original), and the source it cites is loaded; an unknown source is the
// caller's mistake in source_id.
func draftQuote(ctx context.Context, r Reader, a *cotejo.Article, in QuoteInput) (*cotejo.Quote, *cotejo.Source, error) {
	q := &cotejo.Quote{ArticleID: a.ID, Speaker: in.Speaker, Original: in.Original, Rendering: in.Rendering,
		SourceID: in.SourceID, Media: in.Media, EvidenceNote: in.EvidenceNote, Status: cotejo.QuoteDraft}
	if q.Rendering.Lang == "" {
		q.Rendering.Lang = a.Language
	}
	if q.SourceID == nil {
		return q, nil, nil
	}
	src, err := citedSource(ctx, r, *q.SourceID)
	if err != nil {
		return nil, nil, err
	}
	if q.Original.Lang == "" {
		q.Original.Lang = src.Language
	}
	return q, src, nil
}

// citedSource loads the source a quote cites; an unknown one is the
// caller's mistake in source_id, not a missing page.
func citedSource(ctx context.Context, r Reader, id int64) (*cotejo.Source, error) {
	src, err := r.Source(ctx, id)
	if cotejo.ErrorCode(err) == cotejo.CodeNotFound {
		return nil, cotejo.FieldError(cotejo.CodeInvalid, "source_id", "No source with id %d.", id)
	}
	return src, err
}

// sourceFor loads the source a quote of an article cites and attaches it to
// the article if it is not yet: quoting from a source makes it evidence.
func (s *Service) sourceFor(ctx context.Context, tx Tx, actor *cotejo.User, articleID, sourceID int64) (*cotejo.Source, error) {
	src, err := citedSource(ctx, tx, sourceID)
	if err != nil {
		return nil, err
	}
	_, err = s.attach(ctx, tx, actor, articleID, sourceID)
	return src, err
}

// anchorQuote sets the quote's anchors from the given spans, or by locating
// its texts. A span given by the client fills an empty text from the span.
func (s *Service) anchorQuote(q *cotejo.Quote, a *cotejo.Article, src *cotejo.Source, srcSpan, artSpan *cotejo.Span) error {
	if err := quoteTexts(q); err != nil {
		return err
	}
	if err := anchorSource(q, src, srcSpan); err != nil {
		return err
	}
	return anchorArticle(q, a, artSpan)
}

// quoteTexts refuses texts that are not text and puts them in canonical
// form (LF line breaks, NFC), which anchors count in.
func quoteTexts(q *cotejo.Quote) error {
	if err := cotejo.CheckText("original.text", q.Original.Text); err != nil {
		return err
	}
	if err := cotejo.CheckText("rendering.text", q.Rendering.Text); err != nil {
		return err
	}
	q.Original.Text, q.Rendering.Text = cotejo.Canonical(q.Original.Text), cotejo.Canonical(q.Rendering.Text)
	return nil
}

// anchorSource sets where the original stands in its source src (nil for
// none): the given span, or where the original is found.
func anchorSource(q *cotejo.Quote, src *cotejo.Source, srcSpan *cotejo.Span) error {
	switch {
	case srcSpan != nil && src == nil:
		return cotejo.FieldError(cotejo.CodeInvalid, "source_anchor", "A source anchor needs a source_id.")
	case srcSpan != nil:
		anc, err := spanAnchor("source_anchor", src.Text, *srcSpan, &q.Original.Text)
		if err != nil {
			return err
		}
		q.SourceAnchor = anc
	case src != nil:
		q.SourceAnchor = locate(src.Text, src.Language, q.Original.Text)
	default:
		q.SourceAnchor = nil
	}
	return nil
}

// anchorArticle sets where the rendering stands in the article's body: the
// given span, or where the rendering is found.
func anchorArticle(q *cotejo.Quote, a *cotejo.Article, artSpan *cotejo.Span) error {
	if artSpan != nil {
		anc, err := spanAnchor("article_anchor", a.Body, *artSpan, &q.Rendering.Text)
		if err != nil {
			return err
		}
		q.ArticleAnchor = anc
	} else {
		q.ArticleAnchor = locate(a.Body, a.Language, q.Rendering.Text)
	}
	return nil
}

// reanchorRendering anchors an edited rendering in the article's body: where
// the body holds it (or the same words folded), else at its old place, now
// approximate, since the body there still prints what the rendering said
// before (without an old place, where it is found, near matches included). A rendering edited elsewhere (in a CAT tool) is thus never lost
// from its passage, and the checks say it no longer stands in the article.
func reanchorRendering(q *cotejo.Quote, a *cotejo.Article, old *cotejo.Anchor) {
	if old == nil || old.State == cotejo.AnchorLost {
		q.ArticleAnchor = locate(a.Body, a.Language, q.Rendering.Text)
		return
	}
	if anc := locateEqual(a.Body, a.Language, q.Rendering.Text); anc != nil {
		q.ArticleAnchor = anc
		return
	}
	kept := *old
	if kept.Exact != q.Rendering.Text {
		kept.State = cotejo.AnchorApproximate
	}
	q.ArticleAnchor = &kept
}

// spanAnchor anchors a span a client chose in text. The quoted words come
// from the span when the client left them empty; when they differ from the
// span's text, the anchor is only approximate.
func spanAnchor(field, text string, sp cotejo.Span, quoted *string) (*cotejo.Anchor, error) {
	anc, err := anchorAt(field, text, sp)
	if err != nil {
		return nil, err
	}
	if *quoted == "" {
		*quoted = anc.Exact
	} else if anc.Exact != *quoted {
		anc.State = cotejo.AnchorApproximate
	}
	return anc, nil
}

// UpdateQuote applies u to a quote, based on version base. Changing what was
// verified (original, rendering, speaker, an anchor, the evidence) sends a
// verified or approved quote back to review.
func (s *Service) UpdateQuote(ctx context.Context, actor *cotejo.User, id int64, base int, u cotejo.QuoteUpdate) (*cotejo.Quote, error) {
	var out *cotejo.Quote
	err := write(ctx, s, actor, cotejo.WriteQuotes, kindQuote, id, base, func(tx Tx, q *cotejo.Quote) error {
		a, err := changeableArticle(ctx, tx, q.ArticleID)
		if err != nil {
			return err
		}
		out, err = s.updateQuote(ctx, tx, actor, a, q, u)
		return err
	})
	return out, err
}

// updateQuote applies u to q, an article a's quote, within tx: the rules of
// UpdateQuote without the loading. a comes from changeableArticle, so it is
// not published.
func (s *Service) updateQuote(ctx context.Context, tx Tx, actor *cotejo.User, a *cotejo.Article, q *cotejo.Quote, u cotejo.QuoteUpdate) (*cotejo.Quote, error) {
	var err error
	if q.Status == cotejo.QuoteApproved {
		return nil, cotejo.Errorf(cotejo.CodeLocked, "This quote is approved; an editor must reopen it before it can change.")
	}
	before := *q
	if u.Speaker != nil {
		q.Speaker = *u.Speaker
	}
	if u.Original != nil {
		q.Original = *u.Original
		if q.Original.Lang == "" {
			q.Original.Lang = before.Original.Lang
		}
	}
	if u.Rendering != nil {
		q.Rendering = *u.Rendering
		if q.Rendering.Lang == "" {
			q.Rendering.Lang = before.Rendering.Lang
		}
	}
	if u.EvidenceNote != nil {
		q.EvidenceNote = *u.EvidenceNote
	}
	if u.ClearMedia {
		q.Media = nil
	} else if u.Media != nil {
		q.Media = u.Media
	}
	if u.ClearSource {
		q.SourceID, q.SourceAnchor = nil, nil
	} else if u.SourceID != nil {
		q.SourceID = u.SourceID
	}
	if err := quoteTexts(q); err != nil {
		return nil, err
	}
	// Anchors are recomputed when their text or span changed, and kept
	// otherwise: a rendering edited in a CAT tool does not read the source.
	// The media range follows the source anchor, and one set by hand is
	// checked against the source's recording.
	srcSpan, artSpan := u.SourceAnchor, u.ArticleSpan
	reSource := srcSpan != nil || u.Original != nil || u.SourceID != nil || u.ClearSource
	reMedia := reSource || u.Media != nil || u.ClearMedia
	var src *cotejo.Source
	if reMedia && q.SourceID != nil {
		if src, err = s.sourceFor(ctx, tx, actor, a.ID, *q.SourceID); err != nil {
			return nil, err
		}
	}
	if reSource {
		if err := anchorSource(q, src, srcSpan); err != nil {
			return nil, err
		}
	}
	if artSpan != nil {
		if err := anchorArticle(q, a, artSpan); err != nil {
			return nil, err
		}
	} else if u.Rendering != nil {
		reanchorRendering(q, a, before.ArticleAnchor)
	}
	if reMedia {
		if err := s.placeMedia(ctx, tx, q, src, u.Media, u.ClearMedia); err != nil {
			return nil, err
		}
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	q.Normalize()
	changed := cotejo.ChangedVouched(&before, q)
	if len(changed) == 0 {
		return &before, nil
	}
	s.markStale(q)
	var reason cotejo.Reason
	if q.Status != before.Status {
		reason = cotejo.Because(cotejo.ReasonChangedAfterVerification, changed...)
		q.StatusReason = reason
	}
	q.LastEditorID, q.UpdatedAt = &actor.ID, s.Now()
	if err := tx.UpdateQuote(ctx, q); err != nil {
		return nil, err
	}
	return q, s.record(ctx, tx, actor, cotejo.EntityQuote, q.ID, &q.ArticleID, cotejo.ActionUpdate, before, q, reason)
}

func eqPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// DeleteQuote deletes a quote, based on version base.
func (s *Service) DeleteQuote(ctx context.Context, actor *cotejo.User, id int64, base int) error {
	return write(ctx, s, actor, cotejo.DeleteQuotes, kindQuote, id, base, func(tx Tx, q *cotejo.Quote) error {
		if err := cotejo.Can(actor, cotejo.DeleteQuotes, q); err != nil {
			return err
		}
		a, err := changeableArticle(ctx, tx, q.ArticleID)
		if err != nil {
			return err
		}
		if err := tx.DeleteQuote(ctx, id, q.Version); err != nil {
			return err
		}
		if err := s.record(ctx, tx, actor, cotejo.EntityQuote, id, &q.ArticleID, cotejo.ActionDelete, q, nil, cotejo.Reason{}); err != nil {
			return err
		}
		return s.keepApproval(ctx, tx, actor, a, cotejo.ReasonQuoteDeleted)
	})
}
