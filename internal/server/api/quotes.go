package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// Quotes lists an article's quotes (404 for no such article).
func (a *API) Quotes(c *gin.Context) error { return show(a.svc.ViewQuotes)(c) }

// CreateQuote adds a quote to an article. It answers with the quote as a
// GET of it returns it, with its checks.
func (a *API) CreateQuote(c *gin.Context) error {
	return withBody(func(c *gin.Context, id int64, in workflow.QuoteInput) error {
		ctx := c.Request.Context()
		q, err := a.svc.CreateQuote(ctx, httpx.User(c), id, in)
		if err != nil {
			return err
		}
		v, err := a.svc.ViewQuote(ctx, q.ID)
		if err != nil {
			return err
		}
		c.Header("Location", "/api/v1/quotes/"+strconv.FormatInt(q.ID, 10))
		return answer(c, http.StatusCreated, v)
	})(c)
}

// Quote returns one quote with its checks.
func (a *API) Quote(c *gin.Context) error { return show(a.svc.ViewQuote)(c) }

// UpdateQuote changes a quote, and answers with it as a GET returns it.
func (a *API) UpdateQuote(c *gin.Context) error {
	return update(func(ctx context.Context, u *cotejo.User, id int64, base int, upd cotejo.QuoteUpdate) (*workflow.QuoteView, error) {
		q, err := a.svc.UpdateQuote(ctx, u, id, base, upd)
		if err != nil {
			return nil, err
		}
		return a.svc.ViewQuote(ctx, q.ID)
	})(c)
}

// DeleteQuote deletes a quote.
func (a *API) DeleteQuote(c *gin.Context) error { return remove(a.svc.DeleteQuote)(c) }

// History returns a quote's events, oldest first, with word diffs.
func (a *API) History(c *gin.Context) error { return show(a.svc.History)(c) }

// ArticleHistory lists an article's events.
func (a *API) ArticleHistory(c *gin.Context) error { return show(a.svc.ArticleHistory)(c) }

// draftCheck is a quote as it is being written, and which quote it is (0
// for a new one).
type draftCheck struct {
	workflow.QuoteInput
	QuoteID int64 `json:"quote_id"`
}

// CheckDraft runs the checks on a quote being written, without saving it.
func (a *API) CheckDraft(c *gin.Context) error {
	return withBody(func(c *gin.Context, id int64, req draftCheck) error {
		fs, err := a.svc.CheckDraft(c.Request.Context(), id, req.QuoteID, req.QuoteInput)
		return reply(c, http.StatusOK, fs, err)
	})(c)
}

// TransitionQuote moves a quote along its life.
func (a *API) TransitionQuote(c *gin.Context) error { return update(a.svc.TransitionQuote)(c) }

// Checks runs a quote's checks.
func (a *API) Checks(c *gin.Context) error { return show(a.svc.Checks)(c) }

// Comments lists a quote's comments.
func (a *API) Comments(c *gin.Context) error { return show(a.svc.Comments)(c) }

// AddComment comments on a quote.
func (a *API) AddComment(c *gin.Context) error {
	return withBody(func(c *gin.Context, id int64, in workflow.CommentInput) error {
		cv, err := a.svc.AddComment(c.Request.Context(), httpx.User(c), id, in)
		return reply(c, http.StatusCreated, cv, err)
	})(c)
}

// Suggestions lists memory and glossary suggestions for a quote.
func (a *API) Suggestions(c *gin.Context) error { return show(a.svc.Suggestions)(c) }

// Queue lists the quotes waiting for the current user.
func (a *API) Queue(c *gin.Context) error {
	items, next, err := a.svc.Queue(c.Request.Context(), httpx.User(c), cotejo.QuoteStatus(c.Query("status")), pageRequest(c))
	return listPage(c, items, next, err)
}

// Mentions lists the newest comments that mention the current user.
func (a *API) Mentions(c *gin.Context) error {
	ms, err := a.svc.Mentions(c.Request.Context(), httpx.User(c))
	return reply(c, http.StatusOK, ms, err)
}

// Readiness tells how far an article is from approval.
func (a *API) Readiness(c *gin.Context) error { return show(a.svc.Readiness)(c) }

// TransitionArticle moves an article along its life.
func (a *API) TransitionArticle(c *gin.Context) error { return update(a.svc.TransitionArticle)(c) }

// ApplyRendering writes a quote's rendering into its article where the
// quote is anchored; the version is the article's.
func (a *API) ApplyRendering(c *gin.Context) error { return update(a.applyRendering)(c) }

func (a *API) applyRendering(ctx context.Context, actor *cotejo.User, id int64, base int, _ struct{}) (articleChanged, error) {
	ch, err := a.svc.ApplyRendering(ctx, actor, id, base)
	if err != nil {
		return articleChanged{}, err
	}
	return articleChanged{Article: ch.Article, Reanchored: nonNil(ch.Reanchored)}, nil
}
