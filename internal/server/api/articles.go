package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// Articles lists articles, filtered by status and a text query.
func (a *API) Articles(c *gin.Context) error {
	f := cotejo.ArticleFilter{Status: cotejo.ArticleStatus(c.Query("status")), Query: c.Query("q"), PageRequest: pageRequest(c)}
	list, next, err := a.svc.Articles(c.Request.Context(), f)
	return listPage(c, list, next, err)
}

// CreateArticle adds an article.
func (a *API) CreateArticle(c *gin.Context) error {
	return create[cotejo.ArticleUpdate]("articles", a.svc.CreateArticle, func(art *cotejo.Article) int64 { return art.ID })(c)
}

// Article returns one article.
func (a *API) Article(c *gin.Context) error { return show(a.svc.Article)(c) }

type articleChanged struct {
	*cotejo.Article
	Reanchored []workflow.QuoteReanchor `json:"reanchored"`
}

// UpdateArticle changes an article; a changed body re-anchors its quotes.
func (a *API) UpdateArticle(c *gin.Context) error {
	return update(func(ctx context.Context, u *cotejo.User, id int64, base int, upd cotejo.ArticleUpdate) (articleChanged, error) {
		ch, err := a.svc.UpdateArticle(ctx, u, id, base, upd)
		if err != nil {
			return articleChanged{}, err
		}
		return articleChanged{Article: ch.Article, Reanchored: nonNil(ch.Reanchored)}, nil
	})(c)
}

// DeleteArticle deletes an article and its quotes.
func (a *API) DeleteArticle(c *gin.Context) error { return remove(a.svc.DeleteArticle)(c) }

// ArticleSources lists the sources attached to an article.
func (a *API) ArticleSources(c *gin.Context) error { return show(a.svc.ArticleSourcesWithText)(c) }

type attachRequest struct {
	SourceID int64 `json:"source_id"`
}

// AttachSource attaches a source to an article: 201 when it is new to the
// article, 200 when it was attached already (nothing was created).
func (a *API) AttachSource(c *gin.Context) error {
	return withBody(func(c *gin.Context, id int64, req attachRequest) error {
		ctx := c.Request.Context()
		if req.SourceID < 1 {
			return cotejo.FieldError(cotejo.CodeInvalid, "source_id", "source_id is required.")
		}
		added, err := a.svc.AttachSource(ctx, httpx.User(c), id, req.SourceID)
		if err != nil {
			return err
		}
		list, err := a.svc.ArticleSourcesWithText(ctx, id)
		if err != nil {
			return err
		}
		status := http.StatusOK
		if added {
			status = http.StatusCreated
		}
		c.JSON(status, nonNil(list))
		return nil
	})(c)
}
