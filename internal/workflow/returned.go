package workflow

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// ReturnedArticle is an article that was approved and that a change took
// back to review: who changed it, when and why (the body changed, a quote
// was reopened, a source's text changed).
type ReturnedArticle struct {
	Article *cotejo.Article `json:"article"`
	At      time.Time       `json:"at"`
	By      string          `json:"by"`
	Reason  cotejo.Reason   `json:"reason"`
}

// returnedScan bounds how many articles in review are looked at for the
// ones that came back from approval.
const returnedScan = 50

// ArticlesBackInReview lists, for an editor, the articles in review that
// had been approved and that a change took back, the most recent first,
// at most limit: what they approved is no longer what is there, and they
// approve it again. Others get none.
func (s *Service) ArticlesBackInReview(ctx context.Context, actor *cotejo.User, limit int) ([]ReturnedArticle, error) {
	if actor == nil || !actor.Has(cotejo.RoleEditor) {
		return nil, nil
	}
	arts, _, err := s.store.Articles(ctx, cotejo.ArticleFilter{Status: cotejo.ArticleInReview, PageRequest: cotejo.PageRequest{Limit: returnedScan}})
	if err != nil {
		return nil, err
	}
	var names map[int64]string
	var out []ReturnedArticle
	for _, a := range arts {
		evs, err := s.store.Events(ctx, cotejo.EntityArticle, a.ID)
		if err != nil {
			return nil, err
		}
		// The last change of the article's status says how it came to be
		// in review.
		for i := len(evs) - 1; i >= 0; i-- {
			from, to := statusOf(evs[i].From), statusOf(evs[i].To)
			if from == to {
				continue
			}
			if from == string(cotejo.ArticleApproved) && to == string(cotejo.ArticleInReview) {
				if names == nil {
					if names, err = s.userNames(ctx); err != nil {
						return nil, err
					}
				}
				r := ReturnedArticle{Article: a, At: evs[i].At, Reason: evs[i].Reason}
				if evs[i].UserID != nil {
					r.By = names[*evs[i].UserID]
				}
				out = append(out, r)
			}
			break
		}
	}
	slices.SortStableFunc(out, func(x, y ReturnedArticle) int { return y.At.Compare(x.At) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// statusOf reads the status an event's before or after value records.
func statusOf(raw json.RawMessage) string {
	var v struct {
		Status string `json:"status"`
	}
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return ""
	}
	return v.Status
}
