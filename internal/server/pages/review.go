package pages

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
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
// the comments and the suggestions of the memory and the glossary.

// checkLabels are the English keys of what each check says, for the UI.
var checkLabels = map[string]string{
	checks.CodeOriginalEmpty:              "The original is missing.",
	checks.CodeOriginalNotInSource:        "The original is not in its source.",
	checks.CodeOriginalApproximate:        "The original matches its source only approximately.",
	checks.CodeEvidenceMissing:            "There is no evidence: no place in a source, no time in a recording, no link.",
	checks.CodeRenderingEmpty:             "The rendering is missing.",
	checks.CodeRenderingUntranslated:      "The rendering is the original, untranslated.",
	checks.CodeRenderingNotInArticle:      "The rendering does not stand in the article where it is anchored.",
	checks.CodeNumbersDiffer:              "The numbers of the original and the rendering differ.",
	checks.CodeNegationMismatch:           "One text is negated and the other is not.",
	checks.CodeGlossaryForbidden:          "The rendering uses a rendering the glossary forbids.",
	checks.CodeEllipsisWithoutOmission:    "The rendering marks an omission that the original does not have.",
	checks.CodeBracketInsertion:           "The rendering inserts words in brackets that the speaker did not say.",
	checks.CodePartialQuoteQualifier:      "The quote leaves out a qualifier that stands next to it in the source sentence.",
	checks.CodeGlossaryMissingTarget:      "A glossary term of the original is not rendered as the glossary says.",
	checks.CodeInconsistentRendering:      "Another quote renders the same original differently.",
	checks.CodeLengthRatio:                "The rendering is much shorter or much longer than the original.",
	checks.CodeUnbalancedQuotes:           "Quotation marks do not pair up.",
	checks.CodeSpanishPunctuationUnpaired: "An opening ¿ or ¡ has no closing mark, or the reverse.",
	checks.CodeTranslationNotDisclosed:    "The article does not tell readers near the quote that it was translated.",
	checks.CodeNumbersRounded:             "A figure of the original is rendered rounded or approximately.",
	checks.CodeCertaintyChanged:           "One text hedges and the other asserts.",
	checks.CodeNamesDiffer:                "A name of the original is missing from the rendering or spelled differently.",
	checks.CodeWrongSpeaker:               "In the transcript, the original is someone else's words or a reporter's question.",
	checks.CodeMachineOutput:              "The rendering is a machine translation, unedited.",
}

var severityLabels = map[string]string{"error": "Error", "warning": "Warning"}

// moveLabels name the buttons of a quote's moves: by target status, and
// "reopen…" for an editor taking back an approval.
var moveLabels = map[string]string{
	"translated": "Mark translated", "verified": "Verify", "rejected": "Reject", "approved": "Approve",
	"draft": "Back to draft", "reopen": "Reopen", "reopen_review": "Reopen for review",
}

var roleLabels = map[string]string{
	"translator": "Translator", "reviewer": "Reviewer", "editor": "Editor", "admin": "Admin",
}

// actionLabels name the events of a quote's history.
var actionLabels = map[string]string{
	"create": "Created", "update": "Edited", "transition": "Status changed", "reopen": "Reopened",
	"comment": "Commented", "delete": "Deleted", "attach": "Source attached", "reanchor": "Anchor moved",
	"ignore": "Marked not a translated quote", "unignore": "Mark removed", "import": "Imported",
}

// changeLabels name the fields an edit can change, for the history.
var changeLabels = map[string]string{
	"speaker": "Speaker", "original": "Original", "rendering": "Rendering", "evidence_note": "Evidence note",
	"source_id": "Source", "source_anchor": "Place in the source", "article_anchor": "Place in the article",
	"media": "Time in the recording", "overrides": "Warnings let stand", "status_reason": "Reason",
}

// reasonLabels are the reasons Cotejo writes itself in the history, in English
// as the API gives them; the pages say them in the reader's language.
var reasonLabels = map[string]string{
	workflow.ReasonBodyChanged:   "The article's text changed after approval",
	workflow.ReasonQuoteReopened: "A quote was reopened after approval",
	workflow.ReasonQuoteAdded:    "A quote was added after approval",
	workflow.ReasonQuoteDeleted:  "A quote was deleted after approval",
	workflow.ReasonMarkRemoved:   "A not-a-quote mark was removed after approval",
	workflow.ReasonSourceChanged: "A source changed after approval",
}

// ReasonText is a reason in the page's language when Cotejo wrote it, and
// as typed when a person did.
func (p *Page) ReasonText(s string) string {
	if k, ok := reasonLabels[s]; ok {
		return p.T(k)
	}
	if rest, ok := strings.CutPrefix(s, workflow.ReasonChangedFields); ok {
		fields := strings.Split(rest, ", ")
		for i, f := range fields {
			fields[i] = label(p, changeLabels, f)
		}
		return p.T("Changed after verification: %s", strings.Join(fields, ", "))
	}
	if state, ok := strings.CutPrefix(s, workflow.ReasonArticleAnchor); ok {
		return p.T("The article's text changed: the quote's place in it is %s", p.AnchorLabel(cotejo.AnchorState(state)))
	}
	if state, ok := strings.CutPrefix(s, workflow.ReasonSourceAnchor); ok {
		return p.T("The source's text changed: the original's place in it is %s", p.AnchorLabel(cotejo.AnchorState(state)))
	}
	return s
}

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

// CheckLabelsJSON is every check's label in the page's language, as JSON
// for the script that shows the checks as the translator types; "" holds
// what to say when every check passes.
func (p *Page) CheckLabelsJSON() string {
	m := map[string]string{"": p.T("Every check passes.")}
	for code, key := range checkLabels {
		m[code] = p.T(key)
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// CheckLabel says what a check found, in the page's language.
func (p *Page) CheckLabel(code string) string { return label(p, checkLabels, code) }

// SeverityLabel names a check's severity.
func (p *Page) SeverityLabel(s any) string { return label(p, severityLabels, fmt.Sprint(s)) }

// RoleLabel names a role in the page's language.
func (p *Page) RoleLabel(r any) string { return label(p, roleLabels, fmt.Sprint(r)) }

// MoveLabel names the move to status to.
func (p *Page) MoveLabel(to any) string { return label(p, moveLabels, fmt.Sprint(to)) }

// When shows a time to the minute, in UTC.
func (p *Page) When(t any) string {
	switch v := t.(type) {
	case time.Time:
		return v.UTC().Format("2006-01-02 15:04 UTC")
	case *time.Time:
		if v == nil {
			return ""
		}
		return v.UTC().Format("2006-01-02 15:04 UTC")
	case string:
		if tt, err := time.Parse(time.RFC3339, v); err == nil {
			return tt.UTC().Format("2006-01-02 15:04 UTC")
		}
		return v
	}
	return ""
}

// moveButton is one move this person may make.
type moveButton struct {
	To     cotejo.QuoteStatus
	Label  string
	Reason bool // a reason is required
	Reopen bool
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

// diffField is one field compared: ops of a word diff.
type diffField struct {
	Label string
	Ops   []anchor.DiffOp
}

// fieldPair is one field of a refused form: its label, what was typed and
// what is saved.
type fieldPair struct{ label, mine, theirs string }

// diffFields diffs, word by word, the fields that differ.
func diffFields(fs ...fieldPair) []diffField {
	var out []diffField
	for _, f := range fs {
		if f.mine != f.theirs {
			out = append(out, diffField{Label: f.label, Ops: anchor.WordDiff(f.mine, f.theirs)})
		}
	}
	return out
}

// historyRow is one entry of the history.
type historyRow struct {
	workflow.HistoryEntry
	Label     string
	FromState string
	ToState   string
	Diffs     []diffField
	Other     []string // other fields that changed
	Overrides []string // warnings let stand by this move
	Restore   string   // an earlier rendering that can be restored
	Relaxed   bool     // an approval by the verifier, which the relaxed four-eyes setting allowed
	Passage   string   // the passage a not-a-quote mark is about (article history)
}

// commentRow is a comment with its @mentions marked, and how deep in its
// thread it stands (0 for a comment that answers none).
type commentRow struct {
	workflow.CommentView
	Parts []textPart
	Depth int
}

// maxCommentDepth is how far replies indent; deeper ones stay at this depth.
const maxCommentDepth = 3

// threads orders comments as threads: each comment followed by its replies,
// oldest first at every level.
func threads(cs []workflow.CommentView) []commentRow {
	children := map[int64][]workflow.CommentView{}
	ids := map[int64]bool{}
	for _, c := range cs {
		ids[c.ID] = true
	}
	var roots []workflow.CommentView
	for _, c := range cs {
		if c.ParentID != nil && ids[*c.ParentID] {
			children[*c.ParentID] = append(children[*c.ParentID], c)
		} else {
			roots = append(roots, c)
		}
	}
	out := make([]commentRow, 0, len(cs))
	var walk func(c workflow.CommentView, depth int)
	walk = func(c workflow.CommentView, depth int) {
		out = append(out, commentRow{CommentView: c, Parts: mentionParts(c.Body), Depth: min(depth, maxCommentDepth)})
		for _, r := range children[c.ID] {
			walk(r, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return out
}

type textPart struct {
	Text    string
	Mention bool
}

// conflictView shows what another person saved while this one was working:
// the saved values against what this person saw or typed.
type conflictView struct {
	Status cotejo.QuoteStatus
	Diffs  []diffField
}

type quoteData struct {
	Quote       *cotejo.Quote
	Article     *cotejo.Article
	Source      *cotejo.Source
	EvText      []segment
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
	Names       map[int64]string
	People      map[string]string // translator, verifier, approver: names
}

// QuotePage shows a quote for review.
func (pg *Pages) QuotePage(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		pg.fail(c, err)
		return
	}
	d, err := pg.quoteData(c, id)
	if err != nil {
		pg.fail(c, err)
		return
	}
	pg.renderQuote(c, http.StatusOK, d, nil)
}

// quoteData loads everything the quote page shows.
func (pg *Pages) quoteData(c *gin.Context, id int64) (*quoteData, error) {
	ctx := c.Request.Context()
	v, a, err := pg.svc.ViewQuoteAndArticle(ctx, id)
	if err != nil {
		return nil, err
	}
	q := v.Quote
	u := httpx.User(c)
	d := &quoteData{Quote: q, Article: a, CanWrite: u.HasAny(quoteWriters...), Names: map[int64]string{}, People: map[string]string{}}
	name := func(id *int64) string {
		if id == nil {
			return ""
		}
		if n, ok := d.Names[*id]; ok {
			return n
		}
		n := "#" + strconv.FormatInt(*id, 10)
		if usr, err := pg.svc.Store().User(ctx, *id); err == nil {
			n = usr.Name
		}
		d.Names[*id] = n
		return n
	}
	d.People["translator"], d.People["verifier"], d.People["approver"] = name(q.TranslatorID), name(q.VerifierID), name(q.ApproverID)
	if q.SourceID != nil {
		if s, err := pg.svc.Store().Source(ctx, *q.SourceID); err == nil {
			d.Source = s
			var marks []mark
			if an := q.SourceAnchor; an != nil && an.State != cotejo.AnchorLost {
				cls := "hit"
				if an.State == cotejo.AnchorApproximate {
					cls += " approximate"
				}
				marks = append(marks, mark{an.Start, an.End, segment{Class: cls, ID: "evidence-hit"}})
			}
			d.EvText = segments(s.Text, marks)
		}
	}
	if an := q.ArticleAnchor; an != nil && an.State != cotejo.AnchorLost {
		d.Context = around(a.Body, an.Start, an.End, 240)
	}
	// The moves this person may make; none while the article is published.
	var moves []cotejo.Move
	if a.Status != cotejo.ArticlePublished {
		moves = cotejo.MovesFrom(q.Status)
	}
	rules, err := pg.svc.Settings(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range moves {
		if _, err := rules.MayMove(u, q, m.To, "-"); err != nil {
			continue
		}
		key := string(m.To)
		if m.Reopen {
			key = "reopen"
			if m.To == cotejo.QuoteNeedsReview {
				key = "reopen_review"
			}
		}
		d.Moves = append(d.Moves, moveButton{To: m.To, Label: moveLabels[key], Reason: m.Reason, Reopen: m.Reopen})
		if m.To == cotejo.QuoteVerified {
			d.CanVerify = true
		}
		if m.Reason || m.Reopen || m.To == cotejo.QuoteVerified {
			d.ShowReason = true
		}
	}
	for _, f := range v.Checks {
		r := checkRow{Finding: f}
		if f.Severity == checks.Error {
			d.Errors++
		} else {
			d.Warnings++
		}
		for _, o := range q.Overrides {
			if o.Code == f.Code {
				uid := o.UserID
				r.Override = &overrideView{By: name(&uid), Reason: o.Reason, At: o.At}
			}
		}
		r.Overridable = d.CanVerify && r.Override == nil && checks.CanOverride(f.Code)
		d.Checks = append(d.Checks, r)
	}
	hist, err := pg.svc.History(ctx, id)
	if err != nil {
		return nil, err
	}
	for i := len(hist) - 1; i >= 0; i-- { // newest first
		d.History = append(d.History, newHistoryRow(hist[i], q))
	}
	cs, err := pg.svc.Comments(ctx, id)
	if err != nil {
		return nil, err
	}
	d.Comments = threads(cs)
	if d.Suggestions, err = pg.svc.Suggestions(ctx, id); err != nil {
		return nil, err
	}
	return d, nil
}

// historyBase is what every history row shows, a quote's or an article's:
// the action's name and the status it moved, if it moved one.
func historyBase(h workflow.HistoryEntry) historyRow {
	r := historyRow{HistoryEntry: h, Label: actionLabels[h.Action]}
	if r.Label == "" {
		r.Label = h.Action
	}
	if h.Action != cotejo.ActionCreate && h.Action != cotejo.ActionComment {
		r.FromState, _ = h.From["status"].(string)
		r.ToState, _ = h.To["status"].(string)
	}
	return r
}

// newHistoryRow prepares one history entry: the status it moved, the word
// diffs of the texts, the other fields it changed, and the earlier
// rendering it replaced, which can be restored.
func newHistoryRow(h workflow.HistoryEntry, q *cotejo.Quote) historyRow {
	r := historyBase(h)
	for _, k := range []string{"speaker", "original", "rendering", "evidence_note"} {
		if ops := h.Diff[k]; len(ops) > 0 {
			r.Diffs = append(r.Diffs, diffField{Label: changeLabels[k], Ops: ops})
		}
	}
	if h.Action == cotejo.ActionUpdate {
		for _, k := range []string{"source_id", "source_anchor", "article_anchor", "media"} {
			if _, ok := h.To[k]; ok {
				r.Other = append(r.Other, changeLabels[k])
			}
		}
	}
	if h.Action == cotejo.ActionTransition {
		r.Relaxed = h.To["four_eyes"] == string(cotejo.ApprovalRelaxed)
		if os, ok := h.To["overrides"].([]any); ok {
			for _, o := range os {
				if m, ok := o.(map[string]any); ok {
					if code, ok := m["code"].(string); ok {
						r.Overrides = append(r.Overrides, code)
					}
				}
			}
		}
	}
	if t, ok := textOf(h.From["rendering"]); ok && t != "" && t != q.Rendering.Text {
		r.Restore = t
	}
	return r
}

func textOf(v any) (string, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return "", false
	}
	s, ok := m["text"].(string)
	return s, ok
}

var mentionRE = regexp.MustCompile(`@[\p{L}\p{N}._+\-]*[\p{L}\p{N}](@[\p{L}\p{N}.\-]*[\p{L}\p{N}])?`)

// mentionParts cuts a comment into text and @mentions.
func mentionParts(body string) []textPart {
	var out []textPart
	pos := 0
	for _, m := range mentionRE.FindAllStringIndex(body, -1) {
		if m[0] > 0 && !isMentionBoundary(body[m[0]-1]) {
			continue // an email address in the text, not a mention
		}
		if m[0] > pos {
			out = append(out, textPart{Text: body[pos:m[0]]})
		}
		out = append(out, textPart{Text: body[m[0]:m[1]], Mention: true})
		pos = m[1]
	}
	if pos < len(body) {
		out = append(out, textPart{Text: body[pos:]})
	}
	return out
}

func isMentionBoundary(b byte) bool { return strings.IndexByte(" \n\t,;:()!?", b) >= 0 }

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
	if err != nil {
		p.Error = p.ErrorText(err)
	}
	pg.render(c, status, "quote", p)
}

// quoteConflict compares the quote saved in the meantime with what this
// person saw (the form's seen_* fields) or typed.
func quoteConflict(c *gin.Context, err error, mine map[string]string) *conflictView {
	e := cotejo.AsError(err)
	if e == nil || e.Code != cotejo.CodeVersionConflict {
		return nil
	}
	cur, ok := e.Details.(*cotejo.Quote)
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

// TransitionQuote makes one move of a quote. A refusal shows the page again
// with what the person typed and ticked, and the findings that block.
func (pg *Pages) TransitionQuote(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		pg.fail(c, err)
		return
	}
	in := workflow.TransitionInput{To: cotejo.QuoteStatus(c.PostForm("to")), Reason: c.PostForm("reason"), Override: c.PostFormArray("override")}
	base, err := formBase(c)
	if err == nil {
		_, err = pg.svc.TransitionQuote(c.Request.Context(), httpx.User(c), id, base, in)
	}
	if err == nil {
		pg.redirect(c, "/quotes/"+strconv.FormatInt(id, 10), "moved")
		return
	}
	var blocking []string
	if e := cotejo.AsError(err); e != nil && e.Code == cotejo.CodeBlocked {
		if m, ok := e.Details.(map[string]any); ok {
			if fs, ok := m["checks"].([]checks.Finding); ok {
				for _, f := range fs {
					blocking = append(blocking, f.Code)
				}
			}
		}
	}
	pg.refused(c, id, err, func(d *quoteData) {
		d.Reason = in.Reason
		for i := range d.Checks {
			d.Checks[i].Checked = slices.Contains(in.Override, d.Checks[i].Code)
			d.Checks[i].Blocking = slices.Contains(blocking, d.Checks[i].Code)
		}
		d.Conflict = quoteConflict(c, err, nil)
	})
}

// refused shows the quote page again after a refused write, with its error;
// keep puts back what the person typed or ticked.
func (pg *Pages) refused(c *gin.Context, id int64, err error, keep func(d *quoteData)) {
	d, lerr := pg.quoteData(c, id)
	if lerr != nil {
		pg.fail(c, lerr)
		return
	}
	keep(d)
	pg.renderQuote(c, httpx.Status(err), d, err)
}

// RestoreRendering saves an earlier rendering from the history as a new
// edit of the quote.
func (pg *Pages) RestoreRendering(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		pg.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	hist, err := pg.svc.History(ctx, id)
	if err != nil {
		pg.fail(c, err)
		return
	}
	ev, _ := strconv.ParseInt(c.PostForm("event"), 10, 64)
	text, found := "", false
	for _, h := range hist {
		if h.ID == ev {
			text, found = textOf(h.From["rendering"])
		}
	}
	base, err := formBase(c)
	switch {
	case err != nil:
	case !found:
		err = cotejo.FieldError(cotejo.CodeInvalid, "event", "This entry of the history holds no earlier rendering.")
	default:
		_, err = pg.svc.UpdateQuote(ctx, httpx.User(c), id, base, cotejo.QuoteUpdate{Rendering: &cotejo.LangText{Text: text}})
	}
	if err == nil {
		pg.redirect(c, "/quotes/"+strconv.FormatInt(id, 10), "restored")
		return
	}
	pg.refused(c, id, err, func(d *quoteData) { d.Conflict = quoteConflict(c, err, map[string]string{"rendering": text}) })
}

// AddComment comments on a quote.
func (pg *Pages) AddComment(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		pg.fail(c, err)
		return
	}
	in := workflow.CommentInput{Body: normalizeNewlines(c.PostForm("body"))}
	if pid, err := strconv.ParseInt(c.PostForm("parent_id"), 10, 64); err == nil && pid > 0 {
		in.ParentID = &pid
	}
	if _, err = pg.svc.AddComment(c.Request.Context(), httpx.User(c), id, in); err == nil {
		pg.redirect(c, "/quotes/"+strconv.FormatInt(id, 10)+"#comments", "commented")
		return
	}
	pg.refused(c, id, err, func(d *quoteData) {
		d.CommentBody = in.Body
		if in.ParentID != nil {
			d.ReplyTo = *in.ParentID // kept in its own reply form, not as a new thread
		}
	})
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
}

// Queue shows the quotes waiting for the current user, by role, and the
// comments that mention them.
func (pg *Pages) Queue(c *gin.Context) {
	ctx, u := c.Request.Context(), httpx.User(c)
	items, next, err := pg.svc.Queue(ctx, u, "", cotejo.PageRequest{Cursor: c.Query("cursor")})
	if err != nil {
		pg.fail(c, err)
		return
	}
	mentions, err := pg.svc.Mentions(ctx, u)
	if err != nil {
		pg.fail(c, err)
		return
	}
	d := queueData{Total: len(items), Next: nextHref(c, next)}
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
	pg.render(c, http.StatusOK, "queue", pg.page(c, "My queue", d))
}
