package pages

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
)

type option struct {
	Value, Label string
	Selected     bool
}

type articlesData struct {
	Articles  []*cotejo.Article
	Next      string // the link to the next page, if any
	Query     string
	Filtered  bool // a query or a status narrows the list
	Statuses  []option
	CanCreate bool
}

var articleWriters = []cotejo.Role{cotejo.RoleTranslator, cotejo.RoleEditor, cotejo.RoleAdmin}

// Articles lists the articles.
func (pg *Pages) Articles(c *gin.Context) {
	f := cotejo.ArticleFilter{Status: cotejo.ArticleStatus(c.Query("status")), Query: c.Query("q"),
		PageRequest: cotejo.PageRequest{Cursor: c.Query("cursor")}}
	if !f.Status.Valid() {
		f.Status = ""
	}
	list, next, err := pg.svc.Store().Articles(c.Request.Context(), f)
	if err != nil {
		pg.fail(c, err)
		return
	}
	p := pg.page(c, "Articles", nil)
	d := articlesData{Articles: list, Next: nextHref(c, next), Query: f.Query, Filtered: f.Query != "" || f.Status != "",
		CanCreate: httpx.User(c).HasAny(articleWriters...)}
	for _, s := range []cotejo.ArticleStatus{cotejo.ArticleDraft, cotejo.ArticleInReview, cotejo.ArticleApproved, cotejo.ArticlePublished} {
		d.Statuses = append(d.Statuses, option{Value: string(s), Label: p.StatusLabel(s), Selected: s == f.Status})
	}
	p.Data = d
	pg.render(c, http.StatusOK, "articles", p)
}

type articleFormData struct {
	Article  *cotejo.Article
	Conflict *cotejo.Article
}

// NewArticle shows the form for a new article.
func (pg *Pages) NewArticle(c *gin.Context) {
	pg.render(c, http.StatusOK, "article_form", pg.page(c, "New article", articleFormData{Article: &cotejo.Article{Language: "en"}}))
}

func articleFromForm(c *gin.Context) *cotejo.Article {
	return &cotejo.Article{Headline: c.PostForm("headline"), Dek: c.PostForm("dek"), Body: normalizeNewlines(c.PostForm("body")),
		Language: c.PostForm("language"), Outlet: c.PostForm("outlet"), Byline: c.PostForm("byline"), Dateline: c.PostForm("dateline")}
}

// normalizeNewlines turns the CRLF line ends that browsers send into LF, so
// that offsets mean the same whether a text came through a form or the API.
func normalizeNewlines(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// CreateArticle saves a new article.
func (pg *Pages) CreateArticle(c *gin.Context) {
	a := articleFromForm(c)
	if err := pg.svc.CreateArticle(c.Request.Context(), httpx.User(c), a); err != nil {
		p := pg.page(c, "New article", articleFormData{Article: a})
		p.Error = p.ErrorText(err)
		pg.render(c, httpx.Status(err), "article_form", p)
		return
	}
	pg.redirect(c, "/articles/"+strconv.FormatInt(a.ID, 10), "created")
}

// EditArticle shows the form to edit an article.
func (pg *Pages) EditArticle(c *gin.Context) {
	a, ok := pg.article(c)
	if !ok {
		return
	}
	pg.render(c, http.StatusOK, "article_form", pg.page(c, "Edit article", articleFormData{Article: a}))
}

// UpdateArticle saves an edited article. On a conflict, it shows the saved
// version beside what this person typed, which is kept in the form.
func (pg *Pages) UpdateArticle(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		pg.fail(c, err)
		return
	}
	in := articleFromForm(c)
	upd := cotejo.ArticleUpdate{Headline: &in.Headline, Dek: &in.Dek, Body: &in.Body, Language: &in.Language,
		Outlet: &in.Outlet, Byline: &in.Byline, Dateline: &in.Dateline}
	base := formVersion(c)
	if _, err := pg.svc.UpdateArticle(c.Request.Context(), httpx.User(c), id, max(base, 1), upd); err != nil {
		in.ID, in.Version = id, base
		d := articleFormData{Article: in}
		if e := cotejo.AsError(err); e != nil && e.Code == cotejo.CodeVersionConflict {
			if cur, ok := e.Details.(*cotejo.Article); ok {
				d.Conflict, in.Version = cur, cur.Version
			}
		}
		p := pg.page(c, "Edit article", d)
		p.Error = p.ErrorText(err)
		pg.render(c, httpx.Status(err), "article_form", p)
		return
	}
	pg.redirect(c, "/articles/"+strconv.FormatInt(id, 10), "saved")
}

// AttachSource attaches a source to an article.
func (pg *Pages) AttachSource(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		pg.fail(c, err)
		return
	}
	sid, _ := strconv.ParseInt(c.PostForm("source_id"), 10, 64)
	if _, err := pg.svc.AttachSource(c.Request.Context(), httpx.User(c), id, sid); err != nil {
		pg.fail(c, err)
		return
	}
	pg.redirect(c, "/articles/"+strconv.FormatInt(id, 10), "attached")
}
