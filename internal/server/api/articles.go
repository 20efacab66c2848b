package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// Articles lists articles, filtered by status and a text query.
func (a *API) Articles(c *gin.Context) {
	handler(func(c *gin.Context) error {
		f := cotejo.ArticleFilter{Status: cotejo.ArticleStatus(c.Query("status")), Query: c.Query("q")}
		if f.Status != "" && !f.Status.Valid() {
			return cotejo.FieldError(cotejo.CodeInvalid, "status", "%q is not an article status.", f.Status)
		}
		f.PageRequest = pageRequest(c)
		list, next, err := a.svc.Store().Articles(c.Request.Context(), f)
		if err != nil {
			return err
		}
		listPage(c, list, next)
		return nil
	})(c)
}

type articleRequest struct {
	Headline string `json:"headline"`
	Dek      string `json:"dek"`
	Body     string `json:"body"`
	Language string `json:"language"`
	Outlet   string `json:"outlet"`
	Byline   string `json:"byline"`
	Dateline string `json:"dateline"`
}

// CreateArticle adds an article.
func (a *API) CreateArticle(c *gin.Context) {
	handler(func(c *gin.Context) error {
		var req articleRequest
		if err := decode(c, &req); err != nil {
			return err
		}
		art := &cotejo.Article{Headline: req.Headline, Dek: req.Dek, Body: req.Body, Language: req.Language,
			Outlet: req.Outlet, Byline: req.Byline, Dateline: req.Dateline}
		if err := a.svc.CreateArticle(c.Request.Context(), httpx.User(c), art); err != nil {
			return err
		}
		created(c, "articles", art.ID, art.Version, art)
		return nil
	})(c)
}

// Article returns one article.
func (a *API) Article(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		art, err := a.svc.Store().Article(c.Request.Context(), id)
		if err != nil {
			return err
		}
		etag(c, art.Version)
		c.JSON(http.StatusOK, art)
		return nil
	})(c)
}

type articlePatch struct {
	cotejo.ArticleUpdate
	Version *int `json:"version"`
}

type articleChanged struct {
	*cotejo.Article
	Reanchored []workflow.QuoteReanchor `json:"reanchored"`
}

// UpdateArticle changes an article; a changed body re-anchors its quotes.
func (a *API) UpdateArticle(c *gin.Context) {
	handler(func(c *gin.Context) error {
		var req articlePatch
		id, base, err := writeTarget(c, &req, func() *int { return req.Version })
		if err != nil {
			return err
		}
		ch, err := a.svc.UpdateArticle(c.Request.Context(), httpx.User(c), id, base, req.ArticleUpdate)
		if err != nil {
			return err
		}
		etag(c, ch.Article.Version)
		c.JSON(http.StatusOK, articleChanged{Article: ch.Article, Reanchored: nonNil(ch.Reanchored)})
		return nil
	})(c)
}

// DeleteArticle deletes an article and its quotes.
func (a *API) DeleteArticle(c *gin.Context) { deleteHandler(a.svc.DeleteArticle)(c) }

// ArticleSources lists the sources attached to an article.
func (a *API) ArticleSources(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		list, err := a.svc.ArticleSourcesWithText(c.Request.Context(), id)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, nonNil(list))
		return nil
	})(c)
}

type attachRequest struct {
	SourceID int64 `json:"source_id"`
}

// AttachSource attaches a source to an article.
func (a *API) AttachSource(c *gin.Context) {
	handler(func(c *gin.Context) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		var req attachRequest
		if err := decode(c, &req); err != nil {
			return err
		}
		if req.SourceID < 1 {
			return cotejo.FieldError(cotejo.CodeInvalid, "source_id", "source_id is required.")
		}
		added, err := a.svc.AttachSource(c.Request.Context(), httpx.User(c), id, req.SourceID)
		if err != nil {
			if cotejo.ErrorCode(err) == cotejo.CodeNotFound {
				if _, aerr := a.svc.Store().Article(c.Request.Context(), id); aerr == nil {
					return cotejo.FieldError(cotejo.CodeInvalid, "source_id", "No source with id %d.", req.SourceID)
				}
			}
			return err
		}
		list, err := a.svc.ArticleSourcesWithText(c.Request.Context(), id)
		if err != nil {
			return err
		}
		status := http.StatusOK // already attached: nothing was created
		if added {
			status = http.StatusCreated
		}
		c.JSON(status, nonNil(list))
		return nil
	})(c)
}
