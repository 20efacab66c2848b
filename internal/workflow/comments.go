package workflow

import (
	"context"
	"strconv"

	"github.com/cotejo/cotejo/internal/cotejo"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// CommentInput is a new comment.
type CommentInput struct {
	Body     string `json:"body"`
	ParentID *int64 `json:"parent_id"`
}

// CommentView is a comment with its author's name.
type CommentView struct {
	*cotejo.Comment
	UserName string `json:"user_name"`
}

// AddComment adds a comment to a quote. Anyone who works on quotes may
// comment; the people it @mentions find it in their queue.
func (s *Service) AddComment(ctx context.Context, actor *cotejo.User, quoteID int64, in CommentInput) (*CommentView, error) {
	if err := cotejo.Can(actor, cotejo.WriteComments, nil); err != nil {
		return nil, err
	}
	c := &cotejo.Comment{QuoteID: quoteID, ParentID: in.ParentID, UserID: actor.ID, Body: in.Body, CreatedAt: s.Now()}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	c.Normalize()
	err := s.store.InTx(ctx, func(tx Tx) error {
		q, err := tx.Quote(ctx, quoteID)
		if err != nil {
			return err
		}
		c.ArticleID = q.ArticleID
		if c.ParentID != nil {
			parents, err := tx.Comments(ctx, quoteID)
			if err != nil {
				return err
			}
			found := false
			for _, p := range parents {
				found = found || p.ID == *c.ParentID
			}
			if !found {
				return cotejo.FieldError(cotejo.CodeInvalid, "parent_id", "Comment %d is not a comment on this quote.", *c.ParentID)
			}
		}
		users, err := tx.Users(ctx)
		if err != nil {
			return err
		}
		c.Mentions = cotejo.Mentioned(c.Body, users)
		if err := tx.CreateComment(ctx, c); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, cotejo.EntityQuote, quoteID, &q.ArticleID, cotejo.ActionComment, nil, c, cotejo.Reason{})
	})
	if err != nil {
		return nil, err
	}
	return &CommentView{Comment: c, UserName: actor.Name}, nil
}

// Comments lists a quote's comments, oldest first.
func (s *Service) Comments(ctx context.Context, quoteID int64) ([]CommentView, error) {
	cs, err := childrenOf(ctx, s.store.Quote, quoteID, s.store.Comments)
	if err != nil {
		return nil, err
	}
	return s.commentViews(ctx, cs)
}

func (s *Service) commentViews(ctx context.Context, cs []*cotejo.Comment) ([]CommentView, error) {
	return withNames(ctx, s, cs, func(c *cotejo.Comment, names map[int64]string) CommentView {
		return CommentView{Comment: c, UserName: names[c.UserID]}
	})
}

// withNames makes a view of each of xs with view, which is given the names
// of the newsroom's people to say who did what (see userNames).
func withNames[X, V any](ctx context.Context, s *Service, xs []X, view func(x X, names map[int64]string) V) ([]V, error) {
	names, err := s.userNames(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]V, len(xs))
	for i, x := range xs {
		out[i] = view(x, names)
	}
	return out, nil
}

// userNames maps every user's id to their name. The newsroom's users are a
// short list, read once per view rather than once per name.
func (s *Service) userNames(ctx context.Context) (map[int64]string, error) {
	users, err := s.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(users))
	for _, u := range users {
		names[u.ID] = u.Name
	}
	return names, nil
}
