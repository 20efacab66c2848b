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

// writeQuote answers with a quote just written, with its checks. It reads
// the quote back rather than showing q, so that a write answers exactly
// what a GET of the quote returns.
func (a *API) writeQuote(c *gin.Context, status int, q *cotejo.Quote) error {
	v, err := a.svc.ViewQuote(c.Request.Context(), q.ID)
	if err != nil {
		return err
	}
	etag(c, v.Version)
	c.JSON(status, v)
	return nil
}

// Quotes lists an article's quotes.
func (a *API) Quotes(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		out, err := a.svc.ViewQuotes(c.Request.Context(), id) // 404 for no such article
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, out)
		return nil
	})(c)
}

// CreateQuote adds a quote to an article.
func (a *API) CreateQuote(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		var in workflow.QuoteInput
		if err := decode(c, &in); err != nil {
			return err
		}
		q, err := a.svc.CreateQuote(c.Request.Context(), httpx.User(c), id, in)
		if err != nil {
			return err
		}
		c.Header("Location", "/api/v1/quotes/"+strconv.FormatInt(q.ID, 10))
		return a.writeQuote(c, http.StatusCreated, q)
	})(c)
}

// Quote returns one quote.
func (a *API) Quote(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		v, err := a.svc.ViewQuote(c.Request.Context(), id)
		if err != nil {
			return err
		}
		etag(c, v.Version)
		c.JSON(http.StatusOK, v)
		return nil
	})(c)
}

type quotePatch struct {
	cotejo.QuoteUpdate
	Version *int `json:"version"`
}

// UpdateQuote changes a quote.
func (a *API) UpdateQuote(c *gin.Context) {
	handler(func(c *gin.Context) error {
		var req quotePatch
		id, base, err := writeTarget(c, &req, func() *int { return req.Version })
		if err != nil {
			return err
		}
		q, err := a.svc.UpdateQuote(c.Request.Context(), httpx.User(c), id, base, req.QuoteUpdate)
		if err != nil {
			return err
		}
		return a.writeQuote(c, http.StatusOK, q)
	})(c)
}

// DeleteQuote deletes a quote.
func (a *API) DeleteQuote(c *gin.Context) { deleteHandler(a.svc.DeleteQuote)(c) }

// History returns a quote's events, oldest first, with word diffs.
func (a *API) History(c *gin.Context) { history(a.svc.History)(c) }

// ArticleHistory lists an article's events.
func (a *API) ArticleHistory(c *gin.Context) { history(a.svc.ArticleHistory)(c) }

// history answers with the history of the thing whose id is in the path.
func history(of func(context.Context, int64) ([]workflow.HistoryEntry, error)) gin.HandlerFunc {
	return handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		out, err := of(c.Request.Context(), id)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, out)
		return nil
	})
}

// draftCheck is a quote as it is being written, and which quote it is (0
// for a new one).
type draftCheck struct {
	workflow.QuoteInput
	QuoteID int64 `json:"quote_id"`
}

// CheckDraft runs the checks on a quote being written, without saving it.
func (a *API) CheckDraft(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		var req draftCheck
		if err := decode(c, &req); err != nil {
			return err
		}
		fs, err := a.svc.CheckDraft(c.Request.Context(), id, req.QuoteID, req.QuoteInput)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, fs)
		return nil
	})(c)
}
