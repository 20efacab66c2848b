package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// quoteJSON is a quote as the API shows it, with its checks.
type quoteJSON struct {
	*cotejo.Quote
	Checks []any `json:"checks"`
}

func (a *API) quoteOut(q *cotejo.Quote) quoteJSON {
	return quoteJSON{Quote: q, Checks: []any{}}
}

// Quotes lists an article's quotes.
func (a *API) Quotes(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		if _, err := a.svc.Store().Article(c.Request.Context(), id); err != nil {
			return err
		}
		list, err := a.svc.Store().Quotes(c.Request.Context(), id)
		if err != nil {
			return err
		}
		out := make([]quoteJSON, len(list))
		for i, q := range list {
			out[i] = a.quoteOut(q)
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
		etag(c, q.Version)
		c.JSON(http.StatusCreated, a.quoteOut(q))
		return nil
	})(c)
}

// Quote returns one quote.
func (a *API) Quote(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		q, err := a.svc.Store().Quote(c.Request.Context(), id)
		if err != nil {
			return err
		}
		etag(c, q.Version)
		c.JSON(http.StatusOK, a.quoteOut(q))
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
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		var req quotePatch
		if err := decode(c, &req); err != nil {
			return err
		}
		base, err := baseVersion(c, req.Version)
		if err != nil {
			return err
		}
		q, err := a.svc.UpdateQuote(c.Request.Context(), httpx.User(c), id, base, req.QuoteUpdate)
		if err != nil {
			return err
		}
		etag(c, q.Version)
		c.JSON(http.StatusOK, a.quoteOut(q))
		return nil
	})(c)
}

// DeleteQuote deletes a quote.
func (a *API) DeleteQuote(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		base, err := baseVersion(c, nil)
		if err != nil {
			return err
		}
		if err := a.svc.DeleteQuote(c.Request.Context(), httpx.User(c), id, base); err != nil {
			return err
		}
		c.Status(http.StatusNoContent)
		return nil
	})(c)
}

type historyEntry struct {
	At     string `json:"at"`
	UserID *int64 `json:"user_id"`
	Action string `json:"action"`
	From   any    `json:"from"`
	To     any    `json:"to"`
	Reason string `json:"reason,omitempty"`
	Diff   []any  `json:"diff"`
}

// History returns a quote's events, oldest first.
func (a *API) History(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		if _, err := a.svc.Store().Quote(c.Request.Context(), id); err != nil {
			return err
		}
		evs, err := a.svc.Store().Events(c.Request.Context(), cotejo.EntityQuote, id)
		if err != nil {
			return err
		}
		out := make([]historyEntry, len(evs))
		for i, e := range evs {
			out[i] = historyEntry{At: e.At.Format(time.RFC3339Nano), UserID: e.UserID, Action: e.Action,
				From: e.From, To: e.To, Reason: e.Reason, Diff: []any{}}
		}
		c.JSON(http.StatusOK, out)
		return nil
	})(c)
}
