package workflow

import (
	"context"
	"slices"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// QueueItem is a quote waiting for the current user, and why: the quote's
// own fields, with the article's headline, the role in which it waits for
// them and the moves they can make.
type QueueItem struct {
	*cotejo.Quote
	Headline string               `json:"headline"`
	Role     cotejo.Role          `json:"role"`
	Next     []cotejo.QuoteStatus `json:"next"`
}

// queueLimit bounds a queue page.
const queueLimit = 500

// waitsFor lists, per role, the statuses of the quotes that wait for it.
var waitsFor = map[cotejo.Role][]cotejo.QuoteStatus{
	cotejo.RoleTranslator: {cotejo.QuoteDraft, cotejo.QuoteRejected},
	cotejo.RoleReviewer:   {cotejo.QuoteTranslated, cotejo.QuoteNeedsReview},
	cotejo.RoleEditor:     {cotejo.QuoteVerified},
}

// Queue lists the quotes waiting for actor, by role: translators see drafts
// and rejected quotes; reviewers, translated quotes and those whose verified
// content changed; editors, verified quotes. The four-eyes rule keeps a
// person's own work out of their review and approval queues, and quotes of
// published articles wait for nobody. status narrows the list to one status.
func (s *Service) Queue(ctx context.Context, actor *cotejo.User, status cotejo.QuoteStatus) ([]QueueItem, error) {
	if err := require(actor, "have a queue", cotejo.Roles...); err != nil {
		return nil, err
	}
	if status != "" && !status.Valid() {
		return nil, cotejo.FieldError(cotejo.CodeInvalid, "status", "%q is not a quote status.", status)
	}
	rules, err := settingsOf(ctx, s.store)
	if err != nil {
		return nil, err
	}
	out := []QueueItem{}
	articles := map[int64]*cotejo.Article{}
	seen := map[int64]bool{}
	for _, role := range []cotejo.Role{cotejo.RoleTranslator, cotejo.RoleReviewer, cotejo.RoleEditor} {
		if !actor.Has(role) {
			continue
		}
		sts := waitsFor[role]
		if status != "" {
			if !slices.Contains(sts, status) {
				continue
			}
			sts = []cotejo.QuoteStatus{status}
		}
		qs, err := s.store.QuotesByStatus(ctx, sts, queueLimit)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			if seen[q.ID] || (role != cotejo.RoleTranslator && ownWork(q, actor)) {
				continue
			}
			var next []cotejo.QuoteStatus
			for _, m := range cotejo.MovesFrom(q.Status) {
				if !slices.Contains(m.Roles, role) {
					continue
				}
				if _, err := rules.MayMove(actor, q, m.To, "-"); err == nil {
					next = append(next, m.To)
				}
			}
			if len(next) == 0 {
				continue // nothing they may do: their own work, under four eyes
			}
			a, ok := articles[q.ArticleID]
			if !ok {
				if a, err = s.store.Article(ctx, q.ArticleID); err != nil {
					return nil, err
				}
				articles[q.ArticleID] = a
			}
			if a.Status == cotejo.ArticlePublished {
				continue
			}
			seen[q.ID] = true
			out = append(out, QueueItem{Quote: q, Headline: a.Headline, Role: role, Next: next})
		}
	}
	return out, nil
}

// mentionsLimit bounds the mentions a person is shown.
const mentionsLimit = 50

// Mentions lists the newest comments that mention actor.
func (s *Service) Mentions(ctx context.Context, actor *cotejo.User) ([]CommentView, error) {
	if err := require(actor, "be mentioned", cotejo.Roles...); err != nil {
		return nil, err
	}
	cs, err := s.store.CommentsMentioning(ctx, actor.ID, mentionsLimit)
	if err != nil {
		return nil, err
	}
	return s.commentViews(ctx, cs)
}

// ownWork reports whether actor translated or last edited q: under four
// eyes, it never waits for their review or approval.
func ownWork(q *cotejo.Quote, actor *cotejo.User) bool {
	return (q.TranslatorID != nil && *q.TranslatorID == actor.ID) || (q.LastEditorID != nil && *q.LastEditorID == actor.ID)
}
