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

// Queue lists a page of the quotes waiting for actor, longest waiting
// first, and the cursor of the next page: translators see drafts and
// rejected quotes; reviewers, translated quotes and those whose verified
// content changed; editors, verified quotes. The four-eyes rule keeps a
// person's own work out of their review and approval queues, and quotes of
// published articles wait for nobody. status narrows the list to one status.
func (s *Service) Queue(ctx context.Context, actor *cotejo.User, status cotejo.QuoteStatus, p cotejo.PageRequest) ([]QueueItem, string, error) {
	if err := cotejo.Can(actor, cotejo.HaveQueue, nil); err != nil {
		return nil, "", err
	}
	if status != "" && !status.Valid() {
		return nil, "", cotejo.FieldError(cotejo.CodeInvalid, "status", "%q is not a quote status.", status)
	}
	// A person's own work waits for them only as a translator: the other
	// roles' statuses leave it out, in the store's query.
	roleOf := map[cotejo.QuoteStatus]cotejo.Role{}
	var ws []Waiting
	for _, role := range cotejo.Roles {
		if !actor.Has(role) {
			continue
		}
		for _, info := range cotejo.QuoteStatusTable() {
			st := info.Status
			if info.WaitsFor != role || (status != "" && st != status) {
				continue
			}
			roleOf[st] = role
			w := Waiting{Status: st}
			if role != cotejo.RoleTranslator {
				w.NotOf = actor.ID
			}
			ws = append(ws, w)
		}
	}
	out := []QueueItem{}
	if len(ws) == 0 {
		return out, "", nil
	}
	qs, next, err := s.store.QuotesWaiting(ctx, ws, p)
	if err != nil {
		return nil, "", err
	}
	ids := make([]int64, 0, len(qs))
	for _, q := range qs {
		ids = append(ids, q.ArticleID)
	}
	articles, err := s.store.ArticleHeadlines(ctx, ids)
	if err != nil {
		return nil, "", err
	}
	rules, err := settingsOf(ctx, s.store)
	if err != nil {
		return nil, "", err
	}
	for _, q := range qs {
		role := roleOf[q.Status]
		var moves []cotejo.QuoteStatus
		for _, m := range rules.Moves(actor, q) {
			if m.Err == nil && slices.Contains(m.Roles, role) {
				moves = append(moves, m.To)
			}
		}
		a := articles[q.ArticleID]
		if len(moves) == 0 || a == nil {
			continue // nothing they may do: their own work, under four eyes
		}
		out = append(out, QueueItem{Quote: q, Headline: a.Headline, Role: role, Next: moves})
	}
	return out, next, nil
}

// mentionsLimit bounds the mentions a person is shown.
const mentionsLimit = 50

// Mentions lists the newest comments that mention actor.
func (s *Service) Mentions(ctx context.Context, actor *cotejo.User) ([]CommentView, error) {
	if err := cotejo.Can(actor, cotejo.BeMentioned, nil); err != nil {
		return nil, err
	}
	cs, err := s.store.CommentsMentioning(ctx, actor.ID, mentionsLimit)
	if err != nil {
		return nil, err
	}
	return s.commentViews(ctx, cs)
}
