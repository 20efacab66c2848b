package pages

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/interchange"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// Readiness says how far an article is from approval, what blocks it and
// whose move each blocker waits for; the workbench shows it too.

// blockerRow is a blocker as the page shows it.
type blockerRow struct {
	workflow.Blocker
	Label string
	Href  string
}

type readinessData struct {
	Article  *cotejo.Article
	R        *workflow.Readiness
	Resolved int
	Percent  int
	Blockers []blockerRow
	Moves    []cotejo.ArticleMove
	Reason   bool
	Typed    string       // the reason typed with a refused move, kept in the form
	Refused  bool         // the last move was refused: the blockers are why
	History  []historyRow // the article's own events, newest first (the readiness page only)
	From     string       // the page the form posts from: "readiness" or "article"
	// Verified counts the quotes waiting for approval; CanApproveAll says
	// this person may approve them, all at once (ApproveVerified).
	Verified      int
	CanApproveAll bool
	Approvals     []approvalRow // what the last "approve all" did, quote by quote

	snap         *workflow.ArticleSnapshot // what it was computed from
	BlockersHTML template.HTML             // the list of blockers, rendered once per revision and language
}

// renderBlockers renders the list of blockers in the page's language, once
// per revision of the article.
func (pg *Pages) renderBlockers(p *Page, d *readinessData) {
	if d == nil || len(d.Blockers) == 0 {
		return
	}
	render := func() any {
		var b strings.Builder
		if err := pg.tmpl["readiness"].ExecuteTemplate(&b, "blocker-items", struct {
			P        *Page
			Blockers []blockerRow
		}{p, d.Blockers}); err != nil {
			return template.HTML("<!-- " + template.HTMLEscapeString(err.Error()) + " -->")
		}
		return template.HTML(b.String())
	}
	if d.snap == nil {
		d.BlockersHTML = render().(template.HTML)
		return
	}
	d.BlockersHTML = d.snap.Memo("blockers:"+p.Lang, render).(template.HTML)
}

// readiness loads an article with its readiness and the moves this person
// may make, the article and what the readiness is computed from loaded once.
func (pg *Pages) readiness(c *gin.Context, id int64, from string) (*readinessData, error) {
	snap, err := pg.svc.Snapshot(c.Request.Context(), id)
	if err != nil {
		return nil, err
	}
	r := snap.Readiness
	d := readinessFrom(c, snap.Article, &r, from)
	d.snap = snap
	return d, nil
}

// readinessFrom prepares a computed readiness for a page.
func readinessFrom(c *gin.Context, a *cotejo.Article, r *workflow.Readiness, from string) *readinessData {
	d := &readinessData{Article: a, R: r, Resolved: r.ResolvedPassages, From: from}
	if total := r.Passages + r.Quotes.Total; total > 0 {
		d.Percent = 100 * (d.Resolved + r.Quotes.Of(cotejo.QuoteApproved)) / total
	}
	for _, b := range r.Blockers {
		row := blockerRow{Blocker: b, Label: blockerLabels[b.Kind]}
		switch {
		case b.QuoteID != nil:
			row.Href = pathTo("/quotes/", *b.QuoteID)
		case b.Start != nil && b.End != nil:
			row.Href = passageHref(a.ID, *b.Start, *b.End)
		}
		d.Blockers = append(d.Blockers, row)
	}
	u := httpx.User(c)
	d.Moves = cotejo.ArticleMovesFor(u, a)
	for _, m := range d.Moves {
		d.Reason = d.Reason || m.Reason
	}
	d.Verified = r.Quotes.Of(cotejo.QuoteVerified)
	if m, ok := cotejo.QuoteMove(cotejo.QuoteVerified, cotejo.QuoteApproved); ok {
		d.CanApproveAll = d.Verified > 0 && u.HasAny(m.Roles...)
	}
	return d
}

// Held says whether a move of the article waits for its blockers: its
// button is shown disabled, beside them.
func (d *readinessData) Held(m cotejo.ArticleMove) bool { return m.Gate && len(d.Blockers) > 0 }

// approvalRow is one quote of an "approve all": approved, or why not.
type approvalRow struct {
	QuoteID   int64
	Rendering string
	Approved  bool
	Why       string
}

// ApproveVerified approves every verified quote of the article, each
// checked on its own, and shows the readiness page with what happened to
// each: which were approved, which were refused and why.
func (pg *Pages) ApproveVerified(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		results, err := pg.svc.ApproveVerified(c.Request.Context(), httpx.User(c), id)
		if err != nil {
			return err
		}
		d, err := pg.readiness(c, id, "readiness")
		if err != nil {
			return err
		}
		p := pg.page(c, "Readiness", d)
		for _, r := range results {
			row := approvalRow{QuoteID: r.QuoteID, Rendering: r.Rendering, Approved: r.Approved}
			if r.Err != nil {
				if cotejo.AsError(r.Err) == nil {
					httpx.Logger(c).Error("approve verified", "quote", r.QuoteID, "err", r.Err)
				}
				row.Why = p.ErrorText(r.Err)
			}
			d.Approvals = append(d.Approvals, row)
		}
		return pg.renderReadiness(c, http.StatusOK, d, nil)
	})(c)
}

// ApprovedCount counts the quotes the last "approve all" approved.
func (d *readinessData) ApprovedCount() int {
	n := 0
	for _, a := range d.Approvals {
		if a.Approved {
			n++
		}
	}
	return n
}

// passageHref is the lasting link to a quoted passage: it opens the
// passage on the workbench while it is unlinked, and its quote once it is
// linked (see Passage).
func passageHref(articleID int64, start, end int) string {
	return pathTo("/articles/", articleID) + "/passages/" + strconv.Itoa(start) + "-" + strconv.Itoa(end)
}

// Passage follows a link to a quoted passage of an article: to the quote
// that links it, or to the passage on the workbench while none does (also
// when the body changed and the passage is elsewhere now: the workbench
// says which passages there are).
func (pg *Pages) Passage(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		s, e, ok := strings.Cut(c.Param("span"), "-")
		start, err1 := strconv.Atoi(s)
		end, err2 := strconv.Atoi(e)
		if !ok || err1 != nil || err2 != nil || start < 0 || end <= start {
			return cotejo.Errorf(cotejo.CodeNotFound, "No such passage.")
		}
		snap, err := pg.svc.Snapshot(c.Request.Context(), id)
		if err != nil {
			return err
		}
		for _, p := range snap.Passages {
			if p.Start == start && p.End == end && p.QuoteID != nil {
				c.Redirect(http.StatusSeeOther, pathTo("/quotes/", *p.QuoteID))
				return nil
			}
		}
		c.Redirect(http.StatusSeeOther, pathTo("/articles/", id)+"?passage="+s+"-"+e+"#editor")
		return nil
	})(c)
}

// ArticleReadiness is the editor's view of an article's readiness.
func (pg *Pages) ArticleReadiness(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		d, err := pg.readiness(c, id, "readiness")
		if err != nil {
			return err
		}
		return pg.renderReadiness(c, http.StatusOK, d, nil)
	})(c)
}

func (pg *Pages) renderReadiness(c *gin.Context, status int, d *readinessData, err error) error {
	hist, herr := pg.svc.ArticleHistory(c.Request.Context(), d.Article.ID)
	if herr != nil {
		return herr
	}
	d.History = make([]historyRow, 0, len(hist))
	for i := len(hist) - 1; i >= 0; i-- {
		d.History = append(d.History, newArticleHistoryRow(hist[i]))
	}
	p := pg.page(c, "Readiness", d)
	p.Title = p.T("Readiness") + ": " + d.Article.Headline
	pg.renderBlockers(p, d)
	p.refuse(err)
	pg.render(c, status, "readiness", p)
	return nil
}

// TransitionArticle moves an article. A refused approval shows the page it
// came from again, with the blockers.
func (pg *Pages) TransitionArticle(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		from := c.PostForm("from")
		back := pathTo("/articles/", id)
		if from == "readiness" {
			back += "/readiness"
		}
		in := workflow.ArticleTransition{To: cotejo.ArticleStatus(c.PostForm("to")), Reason: c.PostForm("reason")}
		write := func(base int) error {
			_, err := pg.svc.TransitionArticle(c.Request.Context(), httpx.User(c), id, base, in)
			return err
		}
		return pg.save(c, write, back, "article_moved", func(_ int, err error) error {
			status := httpx.Status(err)
			if from == "readiness" {
				d, lerr := pg.readiness(c, id, from)
				if lerr != nil {
					return lerr
				}
				d.Refused, d.Typed = true, in.Reason
				return pg.renderReadiness(c, status, d, err)
			}
			d, lerr := pg.workbench(c, id)
			if lerr != nil {
				return lerr
			}
			d.Readiness.Refused, d.Readiness.Typed = true, in.Reason
			return pg.renderWorkbench(c, status, d, err)
		})
	})(c)
}

// Exports are the formats the readiness page offers to download, in the
// order of the table of formats.
func (d *readinessData) Exports() []interchange.FormatInfo { return interchange.FormatTable() }

// Approved says whether the article is approved or published: its final
// exports are then clean, else stamped as not approved.
func (d *readinessData) Approved() bool {
	return d.Article.Status == cotejo.ArticleApproved || d.Article.Status == cotejo.ArticlePublished
}

// Ready is the readiness the "readiness" template shows.
func (d *readinessData) Ready() *readinessData { return d }

// Ready is the readiness the "readiness" template shows on the workbench.
func (d *workbenchData) Ready() *readinessData { return d.Readiness }

// PassagePercent is the share of the quoted passages resolved, in percent.
func (d *readinessData) PassagePercent() int {
	if d.R.Passages == 0 {
		return 0
	}
	return 100 * d.Resolved / d.R.Passages
}

// Statuses are the columns of the counts: every status of the table.
func (d *readinessData) Statuses() []cotejo.QuoteStatus { return cotejo.QuoteStatuses }
