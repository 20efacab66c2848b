package pages

import (
	"net/http"
	"sort"
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
	Query     string
	Statuses  []option
	CanCreate bool
}

var articleWriters = []cotejo.Role{cotejo.RoleTranslator, cotejo.RoleEditor, cotejo.RoleAdmin}

// Articles lists the articles.
func (pg *Pages) Articles(c *gin.Context) {
	f := cotejo.ArticleFilter{Status: cotejo.ArticleStatus(c.Query("status")), Query: c.Query("q")}
	if !f.Status.Valid() {
		f.Status = ""
	}
	list, err := pg.svc.Store().Articles(c.Request.Context(), f)
	if err != nil {
		pg.fail(c, err)
		return
	}
	p := pg.page(c, "Articles", nil)
	d := articlesData{Articles: list, Query: f.Query, CanCreate: httpx.User(c).HasAny(articleWriters...)}
	for _, s := range []cotejo.ArticleStatus{cotejo.ArticleDraft, cotejo.ArticleInReview, cotejo.ArticleApproved, cotejo.ArticlePublished} {
		d.Statuses = append(d.Statuses, option{Value: string(s), Label: p.StatusLabel(s), Selected: s == f.Status})
	}
	p.Data = d
	pg.render(c, http.StatusOK, "articles", p)
}

// segment is a run of an article paragraph, marked when a quote stands there.
type segment struct {
	Text    string
	QuoteID int64
	Status  cotejo.QuoteStatus
}

type articleData struct {
	Article    *cotejo.Article
	Paragraphs [][]segment
	Quotes     []*cotejo.Quote
	Sources    []*cotejo.Source
	Attachable []*cotejo.Source
	CanEdit    bool
}

// Article shows an article with its quotes highlighted, its quotes and its sources.
func (pg *Pages) Article(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		pg.fail(c, err)
		return
	}
	v, err := pg.svc.ViewArticle(c.Request.Context(), id)
	if err != nil {
		pg.fail(c, err)
		return
	}
	d := articleData{Article: v.Article, Quotes: v.Quotes, Sources: v.Sources,
		Paragraphs: paragraphs(v.Article.Body, v.Quotes), CanEdit: httpx.User(c).HasAny(articleWriters...)}
	if d.CanEdit {
		all, err := pg.svc.Store().Sources(c.Request.Context(), 200, 0)
		if err != nil {
			pg.fail(c, err)
			return
		}
		attached := map[int64]bool{}
		for _, s := range v.Sources {
			attached[s.ID] = true
		}
		for _, s := range all {
			if !attached[s.ID] {
				d.Attachable = append(d.Attachable, s)
			}
		}
	}
	p := pg.page(c, "Article", d)
	p.Title = v.Article.Headline
	pg.render(c, http.StatusOK, "article", p)
}

// paragraphs splits a body into paragraphs (blank-line separated) and each
// paragraph into segments, marking where quotes are anchored. Offsets are
// code points of the body, as anchors count them.
func paragraphs(body string, quotes []*cotejo.Quote) [][]segment {
	type span struct {
		start, end int
		q          *cotejo.Quote
	}
	var spans []span
	for _, q := range quotes {
		if a := q.ArticleAnchor; a != nil && a.State != cotejo.AnchorLost && a.End > a.Start {
			spans = append(spans, span{a.Start, a.End, q})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	runes := []rune(body)
	var out [][]segment
	var cur []segment
	pos, si := 0, 0
	emit := func(text string, q *cotejo.Quote) {
		for i, part := range strings.Split(text, "\n\n") {
			if i > 0 {
				if len(cur) > 0 {
					out = append(out, cur)
				}
				cur = nil
			}
			part = strings.Trim(part, "\n")
			if part == "" {
				continue
			}
			s := segment{Text: part}
			if q != nil {
				s.QuoteID, s.Status = q.ID, q.Status
			}
			cur = append(cur, s)
		}
	}
	for pos < len(runes) {
		for si < len(spans) && spans[si].start < pos {
			si++ // overlapping anchors: the first one wins
		}
		if si < len(spans) && spans[si].end <= len(runes) {
			sp := spans[si]
			emit(string(runes[pos:sp.start]), nil)
			emit(string(runes[sp.start:sp.end]), sp.q)
			pos = sp.end
			si++
			continue
		}
		emit(string(runes[pos:]), nil)
		pos = len(runes)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
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
	id, err := pathID(c)
	if err != nil {
		pg.fail(c, err)
		return
	}
	a, err := pg.svc.Store().Article(c.Request.Context(), id)
	if err != nil {
		pg.fail(c, err)
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
	if err := pg.svc.AttachSource(c.Request.Context(), httpx.User(c), id, sid); err != nil {
		pg.fail(c, err)
		return
	}
	pg.redirect(c, "/articles/"+strconv.FormatInt(id, 10), "attached")
}
