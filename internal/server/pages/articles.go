package pages

import (
	"net/http"
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

// Articles lists the articles.
func (pg *Pages) Articles(c *gin.Context) error {
	f := cotejo.ArticleFilter{Status: cotejo.ArticleStatus(c.Query("status")), Query: c.Query("q"),
		PageRequest: cotejo.PageRequest{Cursor: c.Query("cursor")}}
	if !f.Status.Valid() {
		f.Status = ""
	}
	list, next, err := pg.svc.Articles(c.Request.Context(), f)
	if err != nil {
		return err
	}
	p := pg.page(c, "Articles", nil)
	d := articlesData{Articles: list, Next: nextHref(c, next), Query: f.Query, Filtered: f.Query != "" || f.Status != "",
		CanCreate: cotejo.May(httpx.User(c), cotejo.CreateArticles, nil)}
	for _, s := range cotejo.ArticleStatuses {
		d.Statuses = append(d.Statuses, option{Value: string(s), Label: p.StatusLabel(s), Selected: s == f.Status})
	}
	p.Data = d
	pg.render(c, http.StatusOK, "articles", p)
	return nil
}

type articleFormData struct {
	Article  *cotejo.Article
	Conflict []diffField // the saved article against what was typed
	// Approved says the article is approved: a changed text takes it
	// back to review, which the form says before saving; Confirm asks for
	// it, after a first sending of a changed text.
	Approved bool
	Confirm  bool
}

// articleForm is an article as its form sends it.
type articleForm struct{ cotejo.Article }

func readArticleForm(c *gin.Context) *articleForm {
	return &articleForm{cotejo.Article{Headline: c.PostForm("headline"), Dek: c.PostForm("dek"), Body: normalizeNewlines(c.PostForm("body")),
		Language: c.PostForm("language"), Outlet: c.PostForm("outlet"), Byline: c.PostForm("byline"), Dateline: c.PostForm("dateline")}}
}

// update is the form as a change of every field it holds.
func (f *articleForm) update() cotejo.ArticleUpdate {
	a := &f.Article
	return cotejo.ArticleUpdate{Headline: &a.Headline, Dek: &a.Dek, Body: &a.Body, Language: &a.Language,
		Outlet: &a.Outlet, Byline: &a.Byline, Dateline: &a.Dateline}
}

// normalizeNewlines turns the CRLF line ends that browsers send into LF, so
// that offsets mean the same whether a text came through a form or the API.
func normalizeNewlines(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// NewArticle shows the form for a new article.
func (pg *Pages) NewArticle(c *gin.Context) error {
	pg.renderForm(c, http.StatusOK, "article_form", "New article", articleFormData{Article: &cotejo.Article{Language: "en"}}, nil)
	return nil
}

// renderForm shows a form page with the error of its last sending, if any.
func (pg *Pages) renderForm(c *gin.Context, status int, name, title string, data any, err error) {
	p := pg.page(c, title, data)
	p.refuse(err)
	pg.render(c, status, name, p)
}

// CreateArticle saves a new article.
func (pg *Pages) CreateArticle(c *gin.Context) error {
	f := readArticleForm(c)
	if err := pg.svc.CreateArticle(c.Request.Context(), httpx.User(c), &f.Article); err != nil {
		pg.renderForm(c, httpx.Status(err), "article_form", "New article", articleFormData{Article: &f.Article}, err)
		return nil
	}
	return pg.redirect(c, pathTo("/articles/", f.ID), "created")
}

// EditArticle shows the form to edit an article.
func (pg *Pages) EditArticle(c *gin.Context) error {
	return shown(pg.svc.Article, func(c *gin.Context, a *cotejo.Article) error {
		pg.renderForm(c, http.StatusOK, "article_form", "Edit article", articleFormData{Article: a, Approved: a.Status == cotejo.ArticleApproved}, nil)
		return nil
	})(c)
}

// UpdateArticle saves an edited article. On a conflict, it shows the saved
// version beside what this person typed, which is kept in the form.
func (pg *Pages) UpdateArticle(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		f := readArticleForm(c)
		// A changed text takes an approved article back to review: the
		// person says so before it is saved.
		cur, err := pg.svc.Article(c.Request.Context(), id)
		if err != nil {
			return err
		}
		if cur.Status == cotejo.ArticleApproved && cotejo.Canonical(f.Body) != cur.Body && c.PostForm("confirm") != "review" {
			f.ID, f.Version, f.Status = id, formVersion(c), cur.Status
			pg.renderForm(c, http.StatusOK, "article_form", "Edit article", articleFormData{Article: &f.Article, Approved: true, Confirm: true}, nil)
			return nil
		}
		return saveEdit(pg, c, id, pg.svc.UpdateArticle, f.update(), pathTo("/articles/", id), func(base int, saved *cotejo.Article, err error) {
			f.ID, f.Version = id, base
			if saved != nil {
				f.Version = saved.Version
			}
			d := articleFormData{Article: &f.Article, Approved: cur.Status == cotejo.ArticleApproved}
			if saved != nil {
				d.Conflict = articleConflict(&f.Article, saved)
			}
			pg.renderForm(c, httpx.Status(err), "article_form", "Edit article", d, err)
		})
	})(c)
}

// articleConflict diffs what was typed against the saved article, field by
// field: the fields someone else changed show, whichever they were.
func articleConflict(mine, theirs *cotejo.Article) []diffField {
	return diffFields(
		fieldPair{"Headline", mine.Headline, theirs.Headline}, fieldPair{"Summary", mine.Dek, theirs.Dek},
		fieldPair{"Outlet", mine.Outlet, theirs.Outlet}, fieldPair{"Byline", mine.Byline, theirs.Byline},
		fieldPair{"Dateline", mine.Dateline, theirs.Dateline}, fieldPair{"Language", mine.Language, theirs.Language},
		fieldPair{"Body", mine.Body, theirs.Body})
}

// AttachSource attaches a source to an article.
func (pg *Pages) AttachSource(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		sid := formID(c, "source_id")
		if _, err := pg.svc.AttachSource(c.Request.Context(), httpx.User(c), id, sid); err != nil {
			return err
		}
		return pg.redirect(c, pathTo("/articles/", id), "attached")
	})(c)
}
