package workflow

import (
	"context"
	"strings"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// IgnorePassage marks a span of an article body as not a translated quote
// (said in English, scare quotes, a title), with a reason.
func (s *Service) IgnorePassage(ctx context.Context, actor *cotejo.User, articleID int64, sp cotejo.Span, reason string) (*cotejo.PassageIgnore, error) {
	if err := require(actor, "mark passages", quoteWriters...); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if err := cotejo.CheckText("reason", reason); err != nil {
		return nil, err
	}
	if reason == "" {
		return nil, cotejo.FieldError(cotejo.CodeInvalid, "reason", "Say why this passage is not a translated quote.")
	}
	var out *cotejo.PassageIgnore
	err := s.store.InTx(ctx, func(tx Tx) error {
		a, err := tx.Article(ctx, articleID)
		if err != nil {
			return err
		}
		anc, err := anchorAt("span", a.Body, sp)
		if err != nil {
			return err
		}
		out = &cotejo.PassageIgnore{ArticleID: articleID, Anchor: *anc, Reason: reason, UserID: actor.ID, CreatedAt: s.Now()}
		if err := tx.CreatePassageIgnore(ctx, out); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, cotejo.EntityPassage, out.ID, &articleID, cotejo.ActionIgnore, nil, out, reason)
	})
	return out, err
}

// UnignorePassage removes a not-a-translated-quote mark.
func (s *Service) UnignorePassage(ctx context.Context, actor *cotejo.User, articleID, id int64) error {
	if err := require(actor, "mark passages", quoteWriters...); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx Tx) error {
		if err := tx.DeletePassageIgnore(ctx, articleID, id); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, cotejo.EntityPassage, id, &articleID, cotejo.ActionUnignore, nil, nil, "")
	})
}

// LocateInArticle returns the span of text in an article body, if it occurs.
func LocateInArticle(body, text string) (cotejo.Span, bool) {
	a := locateExact(body, cotejo.NFC(text))
	if a == nil {
		return cotejo.Span{}, false
	}
	return cotejo.Span{Start: a.Start, End: a.End}, true
}
