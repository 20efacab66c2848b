package pages

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
)

// The quote page is where a quote is reviewed: both texts side by side, the
// evidence and the article with the quote marked in them, the checks, the
// buttons of the moves this person may make, the history with its diffs,
// the comments and the suggestions of the memory and the glossary. What it
// shows is loaded by workflow.ReviewQuote; this file puts it on the page.

// suggestionList is what the "suggestion-list" template needs: the page,
// for its words, the suggestions, and the languages of original and rendering.
type suggestionList struct {
	P                  *Page
	List               []workflow.Suggestion
	OrigLang, RendLang string
}

// SuggestionList pairs the page with suggestions for an original in origLang
// rendered in rendLang.
func (p *Page) SuggestionList(list []workflow.Suggestion, origLang, rendLang string) suggestionList {
	return suggestionList{P: p, List: list, OrigLang: origLang, RendLang: rendLang}
}

// checkRow is one finding as the page shows it.
type checkRow struct {
	checks.Finding
	Overridable bool // a warning this person may let stand now
	Checked     bool // the person ticked it (kept across a refusal)
	Blocking    bool // the last refusal named it
	Override    *overrideView
}

type overrideView struct {
	By, Reason string
	At         time.Time
}

// commentRow is a comment with its @mentions marked, and how deep in its
// thread it is indented.
type commentRow struct {
	workflow.CommentView
	Parts []textPart
	Depth int
}

// maxCommentDepth is how far replies indent; deeper ones stay at this depth.
const maxCommentDepth = 3

type textPart struct {
	Text    string
	Mention bool
}

// mentionParts cuts a comment into text and the @mentions the domain reads
// in it (cotejo.Mentions).
func mentionParts(body string) []textPart {
	var out []textPart
	pos := 0
	for _, m := range cotejo.Mentions(body) {
		if m.Start > pos {
			out = append(out, textPart{Text: body[pos:m.Start]})
		}
		out = append(out, textPart{Text: body[m.Start:m.End], Mention: true})
		pos = m.End
	}
	if pos < len(body) {
		out = append(out, textPart{Text: body[pos:]})
	}
	return out
}

// moveButton is one move this person may make.
type moveButton struct {
	To     cotejo.QuoteStatus
	Label  string
	Reason bool // a reason is required
	Reopen bool
}

// conflictView shows what another person saved while this one was working:
// the saved values against what this person saw or typed.
type conflictView struct {
	Status cotejo.QuoteStatus
	Diffs  []diffField
}

type quoteData struct {
	Quote    *cotejo.Quote
	Article  *cotejo.Article
	Source   *cotejo.Source
	Evidence *evidenceView // the source around the original's place
	Place    *place        // where the original stands, in its words
	Locked   bool          // approved: nothing changes until an editor reopens it
	// A search of the source for the original of the rendering (?find=1).
	Found       bool
	FoundHits   []hitView
	Method      string
	Prepared    bool
	Context     []segment // the article around the rendering
	Checks      []checkRow
	Errors      int
	Warnings    int
	Moves       []moveButton
	CanVerify   bool
	ShowReason  bool
	Reason      string
	History     []historyRow
	Comments    []commentRow
	CommentBody string // a refused comment, as typed
	ReplyTo     int64  // the comment a refused reply answers; 0 for a new thread
	Suggestions []workflow.Suggestion
	Conflict    *conflictView
	CanWrite    bool
	People      map[string]string // translator, verifier, approver: names
}

// QuotePage shows a quote for review.
func (pg *Pages) QuotePage(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		d, err := pg.quoteData(c, id)
		if err != nil {
			return err
		}
		pg.renderQuote(c, http.StatusOK, d, nil)
		return nil
	})(c)
}

// quoteData puts what the review of a quote shows into the page's shape.
func (pg *Pages) quoteData(c *gin.Context, id int64) (*quoteData, error) {
	u := httpx.User(c)
	r, err := pg.svc.ReviewQuote(c.Request.Context(), u, id)
	if err != nil {
		return nil, err
	}
	q, a := r.Quote, r.Article
	d := &quoteData{Quote: q, Article: a, Source: r.Source, CanWrite: cotejo.May(u, cotejo.WriteQuotes, nil),
		Suggestions: r.Suggestions, People: map[string]string{
			"translator": r.Name(q.TranslatorID), "verifier": r.Name(q.VerifierID), "approver": r.Name(q.ApproverID)}}
	d.Locked = q.Status == cotejo.QuoteApproved
	if s := r.Source; s != nil && s.Text != "" {
		snap, err := pg.svc.Snapshot(c.Request.Context(), a.ID)
		if err != nil {
			return nil, err
		}
		rs, turns := pg.runes(snap, s), pg.turns(snap, s)
		var marks []mark
		at, atEnd := 0, 0
		if an := q.SourceAnchor; an != nil && an.State != cotejo.AnchorLost {
			marks = append(marks, mark{an.Start, an.End, segment{Class: hitClass(an), ID: "evidence-hit"}})
			at, atEnd = an.Start, an.End
			d.Place = placeOf(rs, turns, an.Start, an.End, an.State == cotejo.AnchorApproximate)
		}
		p := pg.page(c, "Quote", nil)
		if c.Query("find") != "" {
			res, err := pg.svc.FindOriginal(c.Request.Context(), s.ID, workflow.FindRequest{Rendering: q.Rendering.Text, Speaker: q.Speaker, MaxCandidates: 5})
			if err == nil {
				d.Found, d.Method, d.Prepared = true, res.Method, res.Prepared
				d.FoundHits = foundFromEnglish(p, rs, res)
				for i, h := range d.FoundHits {
					marks = append(marks, mark{h.Start, h.End, segment{Class: "hit candidate", ID: "candidate-" + strconv.Itoa(i)}})
				}
			}
		}
		if v, err := strconv.Atoi(c.Query("at")); err == nil {
			at, atEnd = v, v
		}
		ev := newEvidence(s, rs, at, atEnd, marks)
		ev.Player = playerFor(s, q.Media)
		ev.search(p, c, turns)
		if d.CanWrite {
			ev.PickHref = pathTo("/articles/", a.ID) + "?quote=" + strconv.FormatInt(q.ID, 10) + "&source=" + strconv.FormatInt(s.ID, 10) + "&pick="
		}
		params := c.Request.URL.Query()
		if c.Request.Method != http.MethodGet {
			params = url.Values{}
		}
		ev.links(pathTo("/quotes/", q.ID), params)
		d.Evidence = ev
	}
	if an := q.ArticleAnchor; an != nil && an.State != cotejo.AnchorLost {
		d.Context = around(a.Body, an.Start, an.End, 160)
	}
	for _, m := range r.Moves {
		if m.Err != nil {
			continue
		}
		d.Moves = append(d.Moves, moveButton{To: m.To, Label: m.Label, Reason: m.Reason, Reopen: m.Reopen})
		d.CanVerify = d.CanVerify || m.To == cotejo.QuoteVerified
		d.ShowReason = d.ShowReason || m.Reason || m.Reopen || m.To == cotejo.QuoteVerified
	}
	for _, f := range r.Checks {
		row := checkRow{Finding: f}
		if f.Severity == checks.Error {
			d.Errors++
		} else {
			d.Warnings++
		}
		for _, o := range q.Overrides {
			if o.Code == f.Code {
				row.Override = &overrideView{By: r.Name(&o.UserID), Reason: o.Reason, At: o.At}
			}
		}
		row.Overridable = d.CanVerify && row.Override == nil && checks.CanOverride(f.Code)
		d.Checks = append(d.Checks, row)
	}
	for i := len(r.History) - 1; i >= 0; i-- { // newest first
		d.History = append(d.History, newHistoryRow(r.History[i], q))
	}
	for _, tc := range r.Comments {
		d.Comments = append(d.Comments, commentRow{CommentView: tc.CommentView, Parts: mentionParts(tc.Body), Depth: min(tc.Depth, maxCommentDepth)})
	}
	return d, nil
}

// hitClass is the class of the mark of an anchor in its text.
func hitClass(an *cotejo.Anchor) string {
	if an != nil && an.State == cotejo.AnchorApproximate {
		return "hit approximate"
	}
	return "hit"
}

// around returns the text around [start, end) with that span marked, cut to
// about n code points on each side.
func around(text string, start, end, n int) []segment {
	r := []rune(text)
	if start < 0 || end > len(r) || end < start {
		return nil
	}
	from, to := max(start-n, 0), min(end+n, len(r))
	var out []segment
	if from > 0 {
		out = append(out, segment{Text: "…"})
	}
	out = append(out, segment{Text: string(r[from:start])}, segment{Text: string(r[start:end]), Class: "hit", ID: "article-hit"},
		segment{Text: string(r[end:to])})
	if to < len(r) {
		out = append(out, segment{Text: "…"})
	}
	return out
}

// renderQuote writes the quote page.
func (pg *Pages) renderQuote(c *gin.Context, status int, d *quoteData, err error) {
	p := pg.page(c, "Quote", d)
	p.Title = p.T("Quote") + " #" + strconv.FormatInt(d.Quote.ID, 10)
	p.refuse(err)
	switch p.flashTail {
	case flashNext:
		p.Flash += " " + p.T("Next: %s", p.T("quote #%d", int(d.Quote.ID))+" “"+clipText(d.Quote.Rendering.Text, 60)+"”")
	case flashEnd:
		p.Flash += " " + p.T("Nothing else waits for you.")
	}
	pg.render(c, status, "quote", p)
}

// quoteConflict compares the quote saved in the meantime with what this
// person saw (the form's seen_* fields) or typed.
func quoteConflict(c *gin.Context, err error, mine map[string]string) *conflictView {
	cur, ok := cotejo.Current[*cotejo.Quote](err)
	if !ok {
		return nil
	}
	cv := &conflictView{Status: cur.Status}
	for _, f := range []struct{ key, label, theirs string }{
		{"speaker", "Speaker", cur.Speaker}, {"original", "Original", cur.Original.Text}, {"rendering", "Rendering", cur.Rendering.Text},
	} {
		m, ok := mine[f.key]
		if !ok {
			m = c.PostForm("seen_" + f.key)
		}
		cv.Diffs = append(cv.Diffs, diffField{Label: f.label, Ops: anchor.WordDiff(m, f.theirs)})
	}
	return cv
}

// transitionForm is a move as the quote page's form sends it.
type transitionForm struct {
	workflow.TransitionInput
}

func readTransitionForm(c *gin.Context) transitionForm {
	return transitionForm{workflow.TransitionInput{To: cotejo.QuoteStatus(c.PostForm("to")), Reason: c.PostForm("reason"), Override: c.PostFormArray("override")}}
}

// TransitionQuote makes one move of a quote, from the quote page or from
// the workbench's editor (from=workbench), and goes on to the next place
// that waits for this person, saying what it did and where it went. A
// refusal shows the page it came from again with what the person typed
// and ticked, and the findings that block.
func (pg *Pages) TransitionQuote(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		f := readTransitionForm(c)
		from := c.PostForm("from")
		base, err := formBase(c)
		var moved *workflow.QuoteView
		if err == nil {
			moved, err = pg.svc.TransitionQuote(c.Request.Context(), httpx.User(c), id, base, f.TransitionInput)
		}
		next := c.PostForm("next") // a list the move was made from, such as the queue
		if err == nil {
			if next != "" {
				return pg.redirect(c, safeNext(next), moveFlash(f.To))
			}
			to, tail := pg.afterMove(c, moved.Quote, from)
			return pg.redirect(c, to, withTail(moveFlash(f.To), tail))
		}
		blocked, _ := cotejo.DetailsOf[workflow.BlockedByChecks](err)
		if from == "workbench" {
			cur, lerr := pg.svc.Quote(c.Request.Context(), id)
			if lerr != nil {
				return lerr
			}
			e := editorFor(cur)
			e.Reason, e.Ticked = f.Reason, f.Override
			return pg.rerenderEditor(c, cur.ArticleID, e, err)
		}
		return pg.refused(c, id, err, func(d *quoteData) {
			d.Reason = f.Reason
			for i := range d.Checks {
				d.Checks[i].Checked = slices.Contains(f.Override, d.Checks[i].Code)
				d.Checks[i].Blocking = slices.Contains(blocked.Codes(), d.Checks[i].Code)
			}
			d.Conflict = quoteConflict(c, err, nil)
		})
	})(c)
}

// afterMove is where the person goes after moving quote q: the next place
// of the article that waits for them (the workbench's editor there, or,
// from the quote page, the next quote's page), else from the quote page
// the next quote of their queue; and what the flash adds.
func (pg *Pages) afterMove(c *gin.Context, q *cotejo.Quote, from string) (string, string) {
	ctx, u := c.Request.Context(), httpx.User(c)
	stop := workflow.Stop{QuoteID: &q.ID}
	if a := q.ArticleAnchor; a != nil {
		stop.Start, stop.End = a.Start, a.End
	}
	here := pathTo("/quotes/", q.ID)
	if from == "workbench" {
		here = editorHref(q.ArticleID, stop)
	}
	next, ok, err := pg.svc.NextWaiting(ctx, u, q.ArticleID, stop)
	switch {
	case err != nil:
		httpx.Logger(c).Warn("next waiting", "err", err)
		return here, ""
	case ok && (from == "workbench" || next.QuoteID == nil):
		return editorHref(q.ArticleID, next), flashNext
	case ok:
		return pathTo("/quotes/", *next.QuoteID), flashNext
	case from == "workbench":
		return here, flashEnd
	}
	if item, ok, err := pg.svc.NextInQueue(ctx, u, q.ID); err == nil && ok {
		return pathTo("/quotes/", item.ID), flashNext
	}
	return here, flashEnd
}

// refused shows the quote page again after a refused write, with its error;
// keep puts back what the person typed or ticked.
func (pg *Pages) refused(c *gin.Context, id int64, err error, keep func(d *quoteData)) error {
	d, lerr := pg.quoteData(c, id)
	if lerr != nil {
		return lerr
	}
	keep(d)
	pg.renderQuote(c, httpx.Status(err), d, err)
	return nil
}

// RestoreRendering saves an earlier rendering from the history as a new
// edit of the quote.
func (pg *Pages) RestoreRendering(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		ctx := c.Request.Context()
		hist, err := pg.svc.History(ctx, id)
		if err != nil {
			return err
		}
		ev := formID(c, "event")
		text := ""
		for _, h := range hist {
			if h.ID == ev {
				text = h.EarlierRendering()
			}
		}
		base, err := formBase(c)
		switch {
		case err != nil:
		case text == "":
			err = cotejo.FieldError(cotejo.CodeInvalid, "event", "This entry of the history holds no earlier rendering.")
		default:
			_, err = pg.svc.UpdateQuote(ctx, httpx.User(c), id, base, cotejo.QuoteUpdate{Rendering: &cotejo.LangText{Text: text}})
		}
		if err == nil {
			return pg.redirect(c, pathTo("/quotes/", id), "restored")
		}
		return pg.refused(c, id, err, func(d *quoteData) { d.Conflict = quoteConflict(c, err, map[string]string{"rendering": text}) })
	})(c)
}

// commentForm is a comment as its form sends it.
type commentForm struct{ workflow.CommentInput }

func readCommentForm(c *gin.Context) commentForm {
	f := commentForm{workflow.CommentInput{Body: normalizeNewlines(c.PostForm("body"))}}
	if pid, err := strconv.ParseInt(c.PostForm("parent_id"), 10, 64); err == nil && pid > 0 {
		f.ParentID = &pid
	}
	return f
}

// AddComment comments on a quote.
func (pg *Pages) AddComment(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		f := readCommentForm(c)
		_, err := pg.svc.AddComment(c.Request.Context(), httpx.User(c), id, f.CommentInput)
		if err == nil {
			return pg.redirect(c, pathTo("/quotes/", id)+"#comments", "commented")
		}
		return pg.refused(c, id, err, func(d *quoteData) {
			d.CommentBody = f.Body
			if f.ParentID != nil {
				d.ReplyTo = *f.ParentID // kept in its own reply form, not as a new thread
			}
		})
	})(c)
}

// queueGroup is the part of a queue that waits for one role.
type queueGroup struct {
	Role  cotejo.Role
	Items []workflow.QueueItem
}

type queueData struct {
	Groups   []queueGroup
	Mentions []commentRow
	Total    int
	Next     string // the link to the next page, if any
	Statuses []option
	Filtered bool // a status narrows the list
	// Returned are the approved articles a change took back to review,
	// for an editor to approve again.
	Returned []workflow.ReturnedArticle
}

// Queue shows the quotes waiting for the current user, by role, and the
// comments that mention them.
func (pg *Pages) Queue(c *gin.Context) error {
	ctx, u := c.Request.Context(), httpx.User(c)
	status := cotejo.QuoteStatus(c.Query("status"))
	if !status.Valid() {
		status = ""
	}
	items, next, err := pg.svc.Queue(ctx, u, status, cotejo.PageRequest{Cursor: c.Query("cursor")})
	if err != nil {
		return err
	}
	mentions, err := pg.svc.Mentions(ctx, u)
	if err != nil {
		return err
	}
	d := queueData{Total: len(items), Next: nextHref(c, next), Filtered: status != ""}
	if d.Returned, err = pg.svc.ArticlesBackInReview(ctx, u, 10); err != nil {
		return err
	}
	for _, it := range items {
		if n := len(d.Groups); n == 0 || d.Groups[n-1].Role != it.Role {
			d.Groups = append(d.Groups, queueGroup{Role: it.Role})
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Items = append(g.Items, it)
	}
	for _, cv := range mentions {
		d.Mentions = append(d.Mentions, commentRow{CommentView: cv, Parts: mentionParts(cv.Body)})
	}
	p := pg.page(c, "My queue", nil)
	for _, s := range cotejo.QuoteStatuses {
		d.Statuses = append(d.Statuses, option{Value: string(s), Label: p.StatusLabel(s), Selected: s == status})
	}
	p.Data = d
	pg.render(c, http.StatusOK, "queue", p)
	return nil
}
