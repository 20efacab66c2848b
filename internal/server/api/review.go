package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

type quoteTransition struct {
	workflow.TransitionInput
	Version *int `json:"version"`
}

// TransitionQuote moves a quote along its life.
func (a *API) TransitionQuote(c *gin.Context) {
	handler(func(c *gin.Context) error {
		var req quoteTransition
		id, base, err := writeTarget(c, &req, func() *int { return req.Version })
		if err != nil {
			return err
		}
		v, err := a.svc.TransitionQuote(c.Request.Context(), httpx.User(c), id, base, req.TransitionInput)
		if err != nil {
			return err
		}
		etag(c, v.Version)
		c.JSON(http.StatusOK, v)
		return nil
	})(c)
}

// Checks runs a quote's checks.
func (a *API) Checks(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		fs, err := a.svc.Checks(c.Request.Context(), id)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, fs)
		return nil
	})(c)
}

// Comments lists a quote's comments.
func (a *API) Comments(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		cs, err := a.svc.Comments(c.Request.Context(), id)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, cs)
		return nil
	})(c)
}

// AddComment comments on a quote.
func (a *API) AddComment(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		var in workflow.CommentInput
		if err := decode(c, &in); err != nil {
			return err
		}
		cv, err := a.svc.AddComment(c.Request.Context(), httpx.User(c), id, in)
		if err != nil {
			return err
		}
		c.JSON(http.StatusCreated, cv)
		return nil
	})(c)
}

// Suggestions lists memory and glossary suggestions for a quote.
func (a *API) Suggestions(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		out, err := a.svc.Suggestions(c.Request.Context(), id)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, out)
		return nil
	})(c)
}

// Queue lists the quotes waiting for the current user.
func (a *API) Queue(c *gin.Context) {
	handler(func(c *gin.Context) error {
		items, next, err := a.svc.Queue(c.Request.Context(), httpx.User(c), cotejo.QuoteStatus(c.Query("status")), pageRequest(c))
		if err != nil {
			return err
		}
		listPage(c, items, next)
		return nil
	})(c)
}

// Mentions lists the newest comments that mention the current user.
func (a *API) Mentions(c *gin.Context) {
	handler(func(c *gin.Context) error {
		ms, err := a.svc.Mentions(c.Request.Context(), httpx.User(c))
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, ms)
		return nil
	})(c)
}

// Readiness tells how far an article is from approval.
func (a *API) Readiness(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		r, err := a.svc.Readiness(c.Request.Context(), id)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, r)
		return nil
	})(c)
}

type articleTransition struct {
	workflow.ArticleTransition
	Version *int `json:"version"`
}

// TransitionArticle moves an article along its life.
func (a *API) TransitionArticle(c *gin.Context) {
	handler(func(c *gin.Context) error {
		var req articleTransition
		id, base, err := writeTarget(c, &req, func() *int { return req.Version })
		if err != nil {
			return err
		}
		art, err := a.svc.TransitionArticle(c.Request.Context(), httpx.User(c), id, base, req.ArticleTransition)
		if err != nil {
			return err
		}
		etag(c, art.Version)
		c.JSON(http.StatusOK, art)
		return nil
	})(c)
}

// Glossary lists the glossary.
func (a *API) Glossary(c *gin.Context) {
	handler(func(c *gin.Context) error {
		gs, next, err := a.svc.Store().Glossary(c.Request.Context(), c.Query("q"), pageRequest(c))
		if err != nil {
			return err
		}
		listPage(c, gs, next)
		return nil
	})(c)
}

// CreateGlossaryTerm adds a glossary term.
func (a *API) CreateGlossaryTerm(c *gin.Context) {
	handler(func(c *gin.Context) error {
		var g cotejo.GlossaryTerm
		if err := decode(c, &g); err != nil {
			return err
		}
		g.ID, g.Version = 0, 0
		if err := a.svc.CreateGlossaryTerm(c.Request.Context(), httpx.User(c), &g); err != nil {
			return err
		}
		created(c, "glossary", g.ID, g.Version, g)
		return nil
	})(c)
}

type glossaryPatch struct {
	cotejo.GlossaryUpdate
	Version *int `json:"version"`
}

// UpdateGlossaryTerm changes a glossary term.
func (a *API) UpdateGlossaryTerm(c *gin.Context) {
	handler(func(c *gin.Context) error {
		var req glossaryPatch
		id, base, err := writeTarget(c, &req, func() *int { return req.Version })
		if err != nil {
			return err
		}
		g, err := a.svc.UpdateGlossaryTerm(c.Request.Context(), httpx.User(c), id, base, req.GlossaryUpdate)
		if err != nil {
			return err
		}
		etag(c, g.Version)
		c.JSON(http.StatusOK, g)
		return nil
	})(c)
}

// DeleteGlossaryTerm deletes a glossary term.
func (a *API) DeleteGlossaryTerm(c *gin.Context) { deleteHandler(a.svc.DeleteGlossaryTerm)(c) }

// SearchTM searches the translation memory.
func (a *API) SearchTM(c *gin.Context) {
	handler(func(c *gin.Context) error {
		limit, _ := strconv.Atoi(c.Query("limit"))
		out, err := a.svc.SearchTM(c.Request.Context(), c.Query("q"), c.Query("lang"), c.Query("mode"), limit)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, out)
		return nil
	})(c)
}
