package workflow

import (
	"context"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
)

// A rendering edited in the workbench or in a CAT tool no longer stands in
// the article where the quote is anchored. Rather than retyping the body,
// the translator applies the rendering to the article: the words at the
// anchor become the rendering, in one transaction, on the version of the
// article they saw.

// Drift is how a quote's rendering differs from what the article prints at
// its anchor: Printed is the body's text there, Diff the word diff from it
// to the rendering. ok is false when the article prints the rendering
// there, or when the quote has no place in the article to apply it to.
func Drift(a *cotejo.Article, q *cotejo.Quote) (printed string, diff []anchor.DiffOp, ok bool) {
	return DriftIn([]rune(a.Body), q)
}

// DriftIn is Drift for a body already read as code points.
func DriftIn(rs []rune, q *cotejo.Quote) (printed string, diff []anchor.DiffOp, ok bool) {
	an := q.ArticleAnchor
	if an == nil || an.State == cotejo.AnchorLost || q.Rendering.Text == "" {
		return "", nil, false
	}
	if an.Start < 0 || an.End > len(rs) || an.Start > an.End {
		return "", nil, false
	}
	printed = string(rs[an.Start:an.End])
	if printed == q.Rendering.Text {
		return "", nil, false
	}
	return printed, anchor.WordDiff(printed, q.Rendering.Text), true
}

// ApplyRendering writes quote id's rendering into its article at the
// quote's anchor, based on the article's version base: the body changes as
// an edit of the article would change it (every other quote and mark is
// found again, and an approved article goes back to review), and the quote
// is anchored exactly on its own words. It refuses a quote without a place
// in the article (CodeInvalid) and a stale version (CodeVersionConflict);
// when the article prints the rendering already, nothing changes.
func (s *Service) ApplyRendering(ctx context.Context, actor *cotejo.User, id int64, base int) (*ArticleChange, error) {
	if err := cotejo.Can(actor, cotejo.EditArticles, nil); err != nil {
		return nil, err
	}
	var change ArticleChange
	err := s.store.InTx(ctx, func(tx Tx) error {
		q, err := tx.Quote(ctx, id)
		if err != nil {
			return err
		}
		a, err := changeableArticle(ctx, tx, q.ArticleID)
		if err != nil {
			return err
		}
		if err := checkBase(base, a.Version, a); err != nil {
			return err
		}
		change.Article = a
		if q.Status == cotejo.QuoteApproved {
			return cotejo.Errorf(cotejo.CodeLocked, "This quote is approved; an editor must reopen it before its rendering is applied.")
		}
		if _, _, ok := Drift(a, q); !ok {
			if an := q.ArticleAnchor; an == nil || an.State == cotejo.AnchorLost {
				return cotejo.FieldError(cotejo.CodeInvalid, "article_anchor",
					"The quote has no place in the article to apply its rendering to; link it to a passage first.")
			}
			return nil // the article prints it already
		}
		rs := []rune(a.Body)
		an := *q.ArticleAnchor
		before := *a
		a.Body = string(rs[:an.Start]) + q.Rendering.Text + string(rs[an.End:])
		if err := a.Validate(); err != nil {
			return err
		}
		a.Normalize()
		a.UpdatedAt = s.Now()
		var reason cotejo.Reason
		if a.Status == cotejo.ArticleApproved {
			a.Status, reason = cotejo.ArticleInReview, cotejo.Because(cotejo.ReasonBodyChanged)
		}
		if err := tx.UpdateArticle(ctx, a); err != nil {
			return err
		}
		if err := s.record(ctx, tx, actor, cotejo.EntityArticle, a.ID, &a.ID, cotejo.ActionUpdate, before, a, reason); err != nil {
			return err
		}
		// The quote first, on its own words, so that finding the others
		// again cannot take its place for a look-alike elsewhere.
		sp := cotejo.Span{Start: an.Start, End: an.Start + cotejo.RuneLen(q.Rendering.Text)}
		placed, err := anchorAt("article_anchor", a.Body, sp)
		if err != nil {
			return err
		}
		qBefore := *q
		q.ArticleAnchor = placed
		var why cotejo.Reason
		if changed := cotejo.ChangedVouched(&qBefore, q); len(changed) > 0 {
			s.markStale(q)
			if q.Status != qBefore.Status {
				why = cotejo.Because(cotejo.ReasonChangedAfterVerification, changed...)
				q.StatusReason = why
			}
		}
		q.LastEditorID, q.UpdatedAt = &actor.ID, s.Now()
		if err := tx.UpdateQuote(ctx, q); err != nil {
			return err
		}
		if err := s.record(ctx, tx, actor, cotejo.EntityQuote, q.ID, &q.ArticleID, cotejo.ActionReanchor, qBefore, q, why); err != nil {
			return err
		}
		change.Reanchored = append(change.Reanchored, QuoteReanchor{QuoteID: q.ID, Before: &an, After: placed, Status: q.Status})
		others, err := s.reanchorArticle(ctx, tx, actor, a)
		change.Reanchored = append(change.Reanchored, others...)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &change, nil
}
