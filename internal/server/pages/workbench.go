package pages

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/crosslingual"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/transcript"
	"github.com/cotejo/cotejo/internal/workflow"
)

// The workbench is the article page: the body with every quoted passage
// marked by its state, the quotes side by side, an editor for the chosen
// passage or quote, and the evidence with the original marked in it.

// segment is a run of text, marked when a passage or quote stands there.
type segment struct {
	Text    string
	Class   string // "", or the CSS classes of a mark
	ID      string // the element id, for links to a passage
	Href    string // where a click on the mark goes
	Title   string
	QuoteID int64
	Start   int
	End     int
}

// mark is a span of a text to highlight.
type mark struct {
	start, end int
	seg        segment
}

// segments cuts text into runs, marking the given spans. Offsets are code
// points; overlapping marks give way to the one that starts first (nested
// passages share the fate of the passage around them anyway).
func segments(text string, marks []mark) []segment {
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].start < marks[j].start })
	r := []rune(text)
	var out []segment
	pos := 0
	for _, m := range marks {
		if m.start < pos || m.end > len(r) || m.end <= m.start {
			continue
		}
		if m.start > pos {
			out = append(out, segment{Text: string(r[pos:m.start])})
		}
		s := m.seg
		s.Text, s.Start, s.End = string(r[m.start:m.end]), m.start, m.end
		out = append(out, s)
		pos = m.end
	}
	if pos < len(r) {
		out = append(out, segment{Text: string(r[pos:])})
	}
	return out
}

// editor is the workbench's panel for the current passage or quote: the
// form, what is known of the quote (its place in the source, why it was
// sent back, the last comments), the moves this person may make, and the
// candidates of a locate or of a search from the English.
type editor struct {
	New          bool
	Quote        *cotejo.Quote
	Speaker      string
	Original     string
	Rendering    string
	SourceID     int64
	SourceStart  string
	SourceEnd    string
	ArticleStart int
	ArticleEnd   int
	MediaStart   string
	MediaEnd     string
	Version      int
	Candidates   []anchor.Candidate
	Located      bool // a locate ran (so "no candidates" can be said)
	Passage      *workflow.PassageView
	Conflict     *cotejo.Quote

	// Finding says which search listed Hits: "locate" (the typed original
	// in the source) or "find" (the original of the English rendering).
	Finding  string
	Hits     []hitView
	Method   string // which method answered a search from the English
	Prepared bool   // the source was prepared for it
	// Found is the candidate chosen in a refused form, kept checked.
	Found string

	Key      string   // what a draft of this panel is kept under in the browser
	Place    *place   // where the original stands in the source
	Speakers []string // who may have said it: the source's speakers, the article's attribution
	Locked   bool     // an approved quote: nothing to type until an editor reopens it
	Drift    *driftView

	Moves      []moveButton
	Warnings   []checkRow // the warnings a reviewer may let stand with a verification
	ShowReason bool
	Reason     string   // a reason typed with a refused move
	Ticked     []string // the warnings ticked with it
	Blocking   []string // the checks a refused move named
	Comments   []commentRow
	Comments0  int  // how many comments the quote has in all
	writer     bool // the person may write quotes (the form is shown)
	translator bool // the person is a translator
}

// CanMarkTranslated says the form's bar offers saving and marking the
// quote translated in one go: the person may write quotes, and may make
// that move (a new quote always may, once saved).
func (e *editor) CanMarkTranslated() bool {
	if e.Locked || !e.writer {
		return false
	}
	if e.New {
		return e.translator
	}
	return slices.ContainsFunc(e.Moves, func(m moveButton) bool { return m.To == cotejo.QuoteTranslated })
}

// OtherMoves says whether the moves' form has anything to offer beyond
// what the form's bar does.
func (e *editor) OtherMoves() bool {
	return slices.ContainsFunc(e.Moves, func(m moveButton) bool { return m.To != cotejo.QuoteTranslated }) || (len(e.Moves) > 0 && !e.writer)
}

// driftView shows how the rendering differs from what the article prints
// where the quote is anchored, with what applying it needs.
type driftView struct {
	Printed        string
	Diff           []anchor.DiffOp
	ArticleVersion int
}

type workbenchData struct {
	Snap        *workflow.ArticleSnapshot
	Article     *cotejo.Article
	BodyHTML    template.HTML // the body with its passages marked
	Passages    []workflow.PassageView
	Quotes      []*cotejo.Quote
	Sources     []*cotejo.Source
	Ignored     []*cotejo.PassageIgnore
	Evidence    *evidenceView // the source the editor works with, around the quote's place
	QuotesHTML  template.HTML // the list of quotes, the editor's marked
	Editor      *editor
	NextHref    string
	PrevHref    string
	CanEdit     bool
	CanQuote    bool
	Reasons     []string
	Readiness   *readinessData
	Progress    []progressPart
	Checks      map[int64][]checks.Finding // each quote's findings, errors first
	Suggestions []workflow.Suggestion      // for the original in the editor: memory matches, glossary terms
	OrigLang    string                     // the language of the original in the editor
	Waiting     int                        // the places of the article that wait for this person
}

// exportFormat is a download offered on the article page.
type exportFormat struct{ Format, Label string }

// ExportFormats lists the article's downloads, in the order an editor
// reaches for them: what readers see first, then what programs and CAT
// tools read.
func (workbenchData) ExportFormats() []exportFormat {
	return []exportFormat{{"html", "HTML"}, {"md", "Markdown"}, {"csv", "CSV"}, {"json", "JSON"}, {"jsonld", "JSON-LD"},
		{"xliff12", "XLIFF 1.2"}, {"xliff20", "XLIFF 2.0"}, {"tmx", "TMX"}}
}

// ignoreReasons are the usual reasons a passage is not a translated quote.
var ignoreReasons = []string{"said in English", "scare quotes", "a title or a name", "a quote from a document in English"}

// Article shows the workbench of an article.
func (pg *Pages) Article(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		d, err := pg.workbench(c, id)
		if err != nil {
			return err
		}
		if err := pg.chooseEditor(c, d); err != nil {
			return err
		}
		return pg.renderWorkbench(c, http.StatusOK, d, nil)
	})(c)
}

// workbench loads everything the page shows, without the editor.
func (pg *Pages) workbench(c *gin.Context, id int64) (*workbenchData, error) {
	ctx := c.Request.Context()
	snap, err := pg.svc.Snapshot(ctx, id)
	if err != nil {
		return nil, err
	}
	u := httpx.User(c)
	d := &workbenchData{Snap: snap, Article: snap.Article, Quotes: snap.Quotes, Sources: snap.Sources, Ignored: snap.Ignores,
		Passages: snap.Passages, CanEdit: cotejo.May(u, cotejo.EditArticles, nil),
		CanQuote: cotejo.May(u, cotejo.WriteQuotes, nil), Reasons: ignoreReasons, Checks: snap.Checks}
	// The progress bar shows the readiness's counts.
	r := snap.Readiness
	d.Readiness = readinessFrom(c, snap.Article, &r, "article")
	d.Readiness.snap = snap
	return d, nil
}

func passageKey(p workflow.PassageView) string { return fmt.Sprintf("%d-%d", p.Start, p.End) }

// chooseEditor opens the editor the query asks for: ?passage=START-END for a
// new quote from a passage, ?quote=ID to edit a quote; &pick=START-END
// takes that place of the source (&source=ID) as the original.
func (pg *Pages) chooseEditor(c *gin.Context, d *workbenchData) error {
	if key := c.Query("passage"); key != "" {
		for i, p := range d.Passages {
			if passageKey(p) == key {
				if p.QuoteID != nil {
					q := c.Request.URL.Query()
					q.Del("passage")
					q.Set("quote", strconv.FormatInt(*p.QuoteID, 10))
					c.Request.URL.RawQuery = q.Encode()
					break
				}
				e := &editor{New: true, Rendering: p.Text, ArticleStart: p.Start, ArticleEnd: p.End, Passage: &d.Passages[i]}
				if len(d.Sources) > 0 {
					e.SourceID = d.Sources[0].ID
					for _, src := range d.Sources {
						if src.TextLength > 0 {
							e.SourceID = src.ID
							break
						}
					}
				}
				d.Editor = e
			}
		}
	}
	if qid, err := strconv.ParseInt(c.Query("quote"), 10, 64); err == nil {
		for _, q := range d.Quotes {
			if q.ID == qid {
				d.Editor = editorFor(q)
			}
		}
	}
	if d.Editor == nil && (c.Query("quote") != "" || c.Query("passage") != "") {
		return cotejo.Errorf(cotejo.CodeNotFound, "No such passage or quote.")
	}
	if e := d.Editor; e != nil {
		if sid, err := strconv.ParseInt(c.Query("source"), 10, 64); err == nil && slices.ContainsFunc(d.Sources, func(s *cotejo.Source) bool { return s.ID == sid }) {
			e.SourceID = sid
		}
		if start, end, ok := spanParam(c.Query("pick")); ok && e.SourceID > 0 {
			src, err := pg.sourceText(c, d.Snap, e.SourceID)
			if err != nil {
				return err
			}
			if rs := pg.runes(d.Snap, src); end <= len(rs) {
				e.Original, e.SourceStart, e.SourceEnd = string(rs[start:end]), strconv.Itoa(start), strconv.Itoa(end)
			}
		}
	}
	return nil
}

// spanParam reads START-END.
func spanParam(v string) (start, end int, ok bool) {
	a, b, found := strings.Cut(v, "-")
	s, err1 := strconv.Atoi(a)
	e, err2 := strconv.Atoi(b)
	if !found || err1 != nil || err2 != nil || s < 0 || e < s {
		return 0, 0, false
	}
	return s, e, true
}

func editorFor(q *cotejo.Quote) *editor {
	e := &editor{Quote: q, Speaker: q.Speaker, Original: q.Original.Text, Rendering: q.Rendering.Text, Version: q.Version}
	if q.SourceID != nil {
		e.SourceID = *q.SourceID
	}
	if a := q.SourceAnchor; a != nil && a.State != cotejo.AnchorLost {
		e.SourceStart, e.SourceEnd = strconv.Itoa(a.Start), strconv.Itoa(a.End)
	}
	if a := q.ArticleAnchor; a != nil {
		e.ArticleStart, e.ArticleEnd = a.Start, a.End
	}
	if q.Media != nil {
		e.MediaStart, e.MediaEnd = fmtSeconds(q.Media.Start), fmtSeconds(q.Media.End)
	}
	return e
}

func fmtSeconds(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// renderWorkbench finishes the page: body marks, neighbours, progress, and
// the editor with the evidence when one is open.
func (pg *Pages) renderWorkbench(c *gin.Context, status int, d *workbenchData, err error) error {
	p := pg.page(c, "Article", nil)
	p.Title = d.Article.Headline
	pg.renderBlockers(p, d.Readiness)
	f := pg.fragments(p, d)
	d.BodyHTML, d.QuotesHTML = f.body(pg, p, d), f.quotes(pg, p, d)
	d.PrevHref, d.NextHref = neighbours(d)
	d.Progress = progressOf(p, d.Passages)
	if d.Editor != nil {
		if lerr := pg.openEditor(c, p, d, err); lerr != nil {
			return lerr
		}
	}
	p.Data = d
	p.refuse(err)
	pg.sayWhereNext(p, d)
	if d.Editor == nil && err == nil && status == http.StatusOK && p.Flash == "" && c.Request.URL.RawQuery == "" {
		// The plain view of an article is the same for everyone with the
		// same roles and language until the article changes: it is kept
		// with the article's snapshot, with the person's own name and form
		// token put in as it is sent.
		pg.renderShared(c, d.Snap, "article", p)
		return nil
	}
	pg.render(c, status, "article", p)
	return nil
}

// openEditor fills the editor's panel: the evidence around the quote's
// place, where the original stands, who may have said it, the quote's
// moves, the reason it was sent back and its last comments, how its
// rendering differs from the article, and the suggestions.
func (pg *Pages) openEditor(c *gin.Context, p *Page, d *workbenchData, failure error) error {
	ctx, u, e := c.Request.Context(), httpx.User(c), d.Editor
	e.writer, e.translator = d.CanQuote, u.Has(cotejo.RoleTranslator)
	if e.Quote != nil {
		e.Key = "q-" + strconv.FormatInt(e.Quote.ID, 10)
	} else {
		e.Key = "p-" + strconv.Itoa(e.ArticleStart) + "-" + strconv.Itoa(e.ArticleEnd)
	}
	if src := evidenceSource(d); src != nil {
		full, err := pg.sourceText(c, d.Snap, src.ID)
		if err != nil {
			return err
		}
		rs, turns := pg.runes(d.Snap, full), pg.turns(d.Snap, full)
		var marks []mark
		for i, k := range e.Candidates {
			marks = append(marks, mark{k.Start, k.End, segment{Class: "hit candidate", ID: "candidate-" + strconv.Itoa(i)}})
		}
		for i, h := range e.Hits {
			marks = append(marks, mark{h.Start, h.End, segment{Class: "hit candidate", ID: "candidate-" + strconv.Itoa(i)}})
		}
		at, atEnd := 0, 0
		if s, err1 := strconv.Atoi(e.SourceStart); err1 == nil && e.SourceID == full.ID {
			if en, err2 := strconv.Atoi(e.SourceEnd); err2 == nil && en >= s && en <= len(rs) {
				var an *cotejo.Anchor
				if e.Quote != nil {
					an = e.Quote.SourceAnchor
				}
				if len(marks) == 0 {
					marks = append(marks, mark{s, en, segment{Class: hitClass(an), ID: "evidence-hit"}})
				}
				at, atEnd = s, en
				e.Place = placeOf(rs, turns, s, en, an != nil && an.State == cotejo.AnchorApproximate)
			}
		}
		if len(e.Hits) > 0 {
			at, atEnd = e.Hits[0].Start, e.Hits[0].End
		} else if len(e.Candidates) > 0 {
			at, atEnd = e.Candidates[0].Start, e.Candidates[0].End
		}
		if v, err := strconv.Atoi(c.Query("at")); err == nil {
			at, atEnd = v, v
		}
		ev := newEvidence(full, rs, at, atEnd, marks)
		var media *cotejo.MediaRange
		if e.Quote != nil && e.Quote.SourceID != nil && *e.Quote.SourceID == full.ID {
			media = e.Quote.Media
		}
		ev.Player = playerFor(src, media)
		for _, s := range d.Sources {
			if s.TextLength > 0 {
				ev.Choices = append(ev.Choices, sourceChoice{ID: s.ID, Title: s.Title, Current: s.ID == full.ID})
			}
		}
		ev.search(p, c, turns)
		if d.CanQuote && (e.Quote == nil || e.Quote.Status != cotejo.QuoteApproved) {
			ev.Pick = "fill" // the places fill the editor's form
		}
		params := c.Request.URL.Query()
		if c.Request.Method != http.MethodGet {
			params = url.Values{}
			if e.Quote != nil {
				params.Set("quote", strconv.FormatInt(e.Quote.ID, 10))
			} else {
				params.Set("passage", strconv.Itoa(e.ArticleStart)+"-"+strconv.Itoa(e.ArticleEnd))
			}
		}
		params.Del("pick")
		ev.links(pathTo("/articles/", d.Article.ID), params)
		for i := range ev.Choices {
			q := url.Values{}
			for k, vs := range params {
				if k != "at" && k != "sq" {
					q[k] = vs
				}
			}
			q.Set("source", strconv.FormatInt(ev.Choices[i].ID, 10))
			ev.Choices[i].Href = pathTo("/articles/", d.Article.ID) + "?" + q.Encode()
		}
		d.Evidence = ev
		if e.Finding == "locate" {
			e.Hits = located(p, rs, turns, e.Candidates)
		}
		e.Speakers = speakerChoices(full, turns, pg.bodyRunes(d.Snap), e.ArticleStart, e.ArticleEnd)
	} else {
		e.Speakers = speakerChoices(nil, nil, pg.bodyRunes(d.Snap), e.ArticleStart, e.ArticleEnd)
	}
	if e.Found != "" {
		for i := range e.Hits {
			e.Hits[i].Checked = strconv.Itoa(e.Hits[i].Start)+"-"+strconv.Itoa(e.Hits[i].End) == e.Found
		}
	}
	if q := e.Quote; q != nil {
		e.Locked = q.Status == cotejo.QuoteApproved
		if printed, diff, ok := workflow.DriftIn(pg.bodyRunes(d.Snap), q); ok && !e.Locked {
			e.Drift = &driftView{Printed: printed, Diff: diff, ArticleVersion: d.Article.Version}
		}
		moves, err := pg.svc.MovesFor(ctx, u, d.Article, q)
		if err != nil {
			return err
		}
		canVerify := false
		for _, m := range moves {
			if m.Err != nil {
				continue
			}
			e.Moves = append(e.Moves, moveButton{To: m.To, Label: m.Label, Reason: m.Reason, Reopen: m.Reopen})
			canVerify = canVerify || m.To == cotejo.QuoteVerified
			e.ShowReason = e.ShowReason || m.Reason || m.Reopen
		}
		if canVerify {
			for _, f := range d.Checks[q.ID] {
				if checks.CanOverride(f.Code) && !slices.ContainsFunc(q.Overrides, func(o cotejo.Override) bool { return o.Code == f.Code }) {
					e.Warnings = append(e.Warnings, checkRow{Finding: f, Overridable: true})
					e.ShowReason = true
				}
			}
		}
		if blocked, ok := cotejo.DetailsOf[workflow.BlockedByChecks](failure); ok {
			e.Blocking = blocked.Codes()
		}
		for i := range e.Warnings {
			e.Warnings[i].Blocking = slices.Contains(e.Blocking, e.Warnings[i].Code)
			e.Warnings[i].Checked = slices.Contains(e.Ticked, e.Warnings[i].Code)
		}
		cs, err := pg.svc.Comments(ctx, q.ID)
		if err != nil {
			return err
		}
		e.Comments0 = len(cs)
		for _, cv := range cs[max(len(cs)-3, 0):] {
			e.Comments = append(e.Comments, commentRow{CommentView: cv, Parts: mentionParts(cv.Body)})
		}
	}
	if strings.TrimSpace(e.Original) != "" {
		var except int64 // the quote itself, whose own pair the memory may hold
		if e.Quote != nil {
			d.OrigLang, except = e.Quote.Original.Lang, e.Quote.ID
		} else if d.Evidence != nil {
			d.OrigLang = d.Evidence.Source.Language
		}
		// Suggestions help; the page stands without them.
		var serr error
		if d.Suggestions, serr = pg.svc.SuggestionsFor(ctx, cotejo.LangText{Text: e.Original, Lang: d.OrigLang}, d.Article.Language, except); serr != nil {
			httpx.Logger(c).Warn("suggestions", "err", serr)
		}
	}
	return nil
}

// bodySegments marks the passages of the body by state, and any quote
// anchored outside a detected passage. Which passage the editor has open is
// marked when the page is put together (see fragments).
func bodySegments(p *Page, d *workbenchData) []segment {
	base := pathTo("/articles/", d.Article.ID)
	var marks []mark
	inPassage := map[int64]bool{}
	for _, ps := range d.Passages {
		if ps.Depth > 0 {
			continue
		}
		s := segment{ID: "p-" + passageKey(ps), Href: base + "?passage=" + passageKey(ps)}
		switch {
		case ps.Linked():
			inPassage[*ps.QuoteID] = true
			s.Class, s.QuoteID, s.Title = "passage linked "+p.StatusClass(ps.QuoteStatus), *ps.QuoteID, p.StatusLabel(ps.QuoteStatus)
			if !ps.QuoteComplete {
				s.Class += " incomplete"
				s.Title += " · " + p.T("not resolved: the quote lacks its original or its evidence")
			}
			s.Href = base + "?quote=" + strconv.FormatInt(*ps.QuoteID, 10)
		case ps.Ignored:
			s.Class, s.Title = "passage ignored", p.T("Not a translated quote")+": "+ps.Reason
		default:
			s.Class, s.Title = "passage unlinked", p.T("Unlinked passage")
			if ps.Short {
				s.Class += " short"
				s.Title = p.T("Probably not a quotation (very short)")
			}
		}
		marks = append(marks, mark{ps.Start, ps.End, s})
	}
	for _, q := range d.Quotes {
		if a := q.ArticleAnchor; a != nil && a.State != cotejo.AnchorLost && !inPassage[q.ID] {
			marks = append(marks, mark{a.Start, a.End, segment{Class: "passage linked " + p.StatusClass(q.Status), QuoteID: q.ID,
				Href: base + "?quote=" + strconv.FormatInt(q.ID, 10), Title: p.StatusLabel(q.Status)}})
		}
	}
	return segments(d.Article.Body, marks)
}

// neighbours links the previous and next passage or quote to the current one
// (Alt+↑ and Alt+↓), in body order.
func neighbours(d *workbenchData) (prev, next string) {
	base := pathTo("/articles/", d.Article.ID)
	var hrefs []string
	cur := -1
	for _, ps := range d.Passages {
		if ps.Depth > 0 || ps.Ignored {
			continue
		}
		h := base + "?passage=" + passageKey(ps)
		if ps.Linked() {
			h = base + "?quote=" + strconv.FormatInt(*ps.QuoteID, 10)
		}
		if d.Editor != nil && d.Editor.ArticleStart == ps.Start && d.Editor.ArticleEnd == ps.End {
			cur = len(hrefs)
		}
		hrefs = append(hrefs, h)
	}
	if len(hrefs) == 0 {
		return "", ""
	}
	if cur < 0 {
		return "", hrefs[0]
	}
	if cur > 0 {
		prev = hrefs[cur-1]
	}
	if cur+1 < len(hrefs) {
		next = hrefs[cur+1]
	}
	return prev, next
}

// evidenceSource picks the source the editor works with: the editor's, or
// the first with a text.
func evidenceSource(d *workbenchData) *cotejo.Source {
	var src *cotejo.Source
	e := d.Editor
	for _, s := range d.Sources {
		if (e != nil && s.ID == e.SourceID && s.TextLength > 0) || (src == nil && s.TextLength > 0) {
			src = s
		}
	}
	return src
}

// sourceText returns a source of the article with its text, read once per
// article revision (a change of the source's text moves the revision).
func (pg *Pages) sourceText(c *gin.Context, snap *workflow.ArticleSnapshot, id int64) (*cotejo.Source, error) {
	type loaded struct {
		src *cotejo.Source
		err error
	}
	l := snap.Memo("source:"+strconv.FormatInt(id, 10), func() any {
		src, err := pg.svc.Source(c.Request.Context(), id)
		return loaded{src, err}
	}).(loaded)
	if l.err != nil {
		// A failed read is not kept: this request's may have been cancelled.
		return pg.svc.Source(c.Request.Context(), id)
	}
	return l.src, nil
}

// runes and turns are a source's text as code points and its speaker
// turns, computed once per article revision.
func (pg *Pages) runes(snap *workflow.ArticleSnapshot, src *cotejo.Source) []rune {
	return snap.Memo("runes:"+strconv.FormatInt(src.ID, 10)+":"+src.TextHash, func() any { return []rune(src.Text) }).([]rune)
}

// bodyRunes is the article's body as code points, once per revision.
func (pg *Pages) bodyRunes(snap *workflow.ArticleSnapshot) []rune {
	return snap.Memo("body-runes", func() any { return []rune(snap.Article.Body) }).([]rune)
}

func (pg *Pages) turns(snap *workflow.ArticleSnapshot, src *cotejo.Source) []transcript.Turn {
	return snap.Memo("turns:"+strconv.FormatInt(src.ID, 10)+":"+src.TextHash, func() any { return transcript.Turns(src.Text) }).([]transcript.Turn)
}

// workbenchFragments are the workbench's heavy parts rendered once per
// article revision and language: the runs of the body and the quotes of the
// list. Only the run and the quote the editor has open are rendered again
// for a request, to mark them current.
type workbenchFragments struct {
	segs               []segment
	segHTML            []template.HTML
	cardHTML           []template.HTML
	cardIndex          map[int64]int
	bodyLen, quotesLen int // the lengths of the pieces together

	plainOnce              sync.Once
	plainBody, plainQuotes template.HTML // put together once, for pages without an editor
}

// fragment is what the card and segment templates receive.
type fragment struct {
	P         *Page
	S         segment
	Q         *cotejo.Quote
	Checks    []checks.Finding
	ArticleID int64
	Current   bool
}

func (pg *Pages) fragments(p *Page, d *workbenchData) *workbenchFragments {
	return d.Snap.Memo("workbench:"+p.Lang, func() any {
		f := &workbenchFragments{segs: bodySegments(p, d), cardIndex: map[int64]int{}}
		for _, s := range f.segs {
			f.segHTML = append(f.segHTML, pg.fragment("wb-segment", fragment{P: p, S: s}))
		}
		for i, q := range d.Quotes {
			f.cardIndex[q.ID] = i
			f.cardHTML = append(f.cardHTML, pg.fragment("wb-quote", fragment{P: p, Q: q, Checks: d.Checks[q.ID], ArticleID: d.Article.ID}))
		}
		for _, h := range f.segHTML {
			f.bodyLen += len(h)
		}
		for _, h := range f.cardHTML {
			f.quotesLen += len(h)
		}
		return f
	}).(*workbenchFragments)
}

// body puts the body together, marking the passage the editor has open;
// without an editor it is put together once.
func (f *workbenchFragments) body(pg *Pages, p *Page, d *workbenchData) template.HTML {
	if d.Editor == nil {
		f.plainOnce.Do(func() { f.plainBody, f.plainQuotes = f.join(pg, p, d) })
		return f.plainBody
	}
	var b strings.Builder
	b.Grow(f.bodyLen)
	for i, s := range f.segs {
		if e := d.Editor; e != nil && s.Class != "" && e.ArticleStart == s.Start && e.ArticleEnd == s.End {
			s.Class += " current"
			b.WriteString(string(pg.fragment("wb-segment", fragment{P: p, S: s})))
			continue
		}
		b.WriteString(string(f.segHTML[i]))
	}
	return template.HTML(b.String())
}

// join puts the body and the list together for a page without an editor.
func (f *workbenchFragments) join(pg *Pages, p *Page, d *workbenchData) (body, quotes template.HTML) {
	var b strings.Builder
	for _, h := range f.segHTML {
		b.WriteString(string(h))
	}
	body = template.HTML(b.String())
	b.Reset()
	for _, h := range f.cardHTML {
		b.WriteString(string(h))
	}
	return body, template.HTML(b.String())
}

// quotes puts the list of quotes together, marking the editor's quote.
func (f *workbenchFragments) quotes(pg *Pages, p *Page, d *workbenchData) template.HTML {
	if d.Editor == nil {
		f.plainOnce.Do(func() { f.plainBody, f.plainQuotes = f.join(pg, p, d) })
		return f.plainQuotes
	}
	cur := -1
	if e := d.Editor; e != nil && e.Quote != nil {
		if i, ok := f.cardIndex[e.Quote.ID]; ok {
			cur = i
		}
	}
	var b strings.Builder
	b.Grow(f.quotesLen)
	for i, h := range f.cardHTML {
		if i == cur {
			q := d.Quotes[i]
			h = pg.fragment("wb-quote", fragment{P: p, Q: q, Checks: d.Checks[q.ID], ArticleID: d.Article.ID, Current: true})
		}
		b.WriteString(string(h))
	}
	return template.HTML(b.String())
}

// fragment renders one of the workbench's piece templates.
func (pg *Pages) fragment(name string, data any) template.HTML {
	var b strings.Builder
	if err := pg.tmpl["article"].ExecuteTemplate(&b, name, data); err != nil {
		// The templates are parsed at start-up and tested; a failure here
		// is a bug, shown rather than hidden.
		return template.HTML("<!-- " + template.HTMLEscapeString(err.Error()) + " -->")
	}
	return template.HTML(b.String())
}

// quoteForm reads the editor's form.
func quoteForm(c *gin.Context) *editor {
	atoi := func(k string) int { v, _ := strconv.Atoi(c.PostForm(k)); return v }
	sid := formID(c, "source_id")
	e := &editor{Speaker: c.PostForm("speaker"), Original: normalizeNewlines(c.PostForm("original")),
		Rendering: normalizeNewlines(c.PostForm("rendering")), SourceID: sid,
		SourceStart: strings.TrimSpace(c.PostForm("source_start")), SourceEnd: strings.TrimSpace(c.PostForm("source_end")),
		ArticleStart: atoi("article_start"), ArticleEnd: atoi("article_end"),
		MediaStart: strings.TrimSpace(c.PostForm("media_start")), MediaEnd: strings.TrimSpace(c.PostForm("media_end")),
		Version: atoi("version")}
	// A candidate chosen after a locate or a search from the English is
	// the place in the source; the script has put its words in the
	// original too, and without the script the place is what counts.
	if k := c.PostForm("candidate"); k != "" {
		if s, en, ok := spanParam(k); ok {
			e.SourceStart, e.SourceEnd, e.Found = strconv.Itoa(s), strconv.Itoa(en), k
		}
	}
	return e
}

// spans turns the form's offsets and times into the workflow's values.
func (e *editor) spans() (src *cotejo.Span, media *cotejo.MediaRange, err error) {
	if e.SourceStart != "" || e.SourceEnd != "" {
		s, err1 := strconv.Atoi(e.SourceStart)
		en, err2 := strconv.Atoi(e.SourceEnd)
		if err1 != nil || err2 != nil {
			return nil, nil, cotejo.FieldError(cotejo.CodeInvalid, "source_anchor", "The place in the source must be two numbers.")
		}
		src = &cotejo.Span{Start: s, End: en}
	}
	if e.MediaStart != "" || e.MediaEnd != "" {
		s, err1 := strconv.ParseFloat(e.MediaStart, 64)
		en, err2 := strconv.ParseFloat(e.MediaEnd, 64)
		if err1 != nil || err2 != nil {
			return nil, nil, cotejo.FieldError(cotejo.CodeInvalid, "media", "The time range must be two numbers of seconds.")
		}
		media = &cotejo.MediaRange{Start: s, End: en}
	}
	return src, media, nil
}

// input is the editor's form as a new quote of the article.
func (e *editor) input() (workflow.QuoteInput, error) {
	srcSpan, media, err := e.spans()
	in := workflow.QuoteInput{Speaker: e.Speaker, Original: cotejo.LangText{Text: e.Original}, Rendering: cotejo.LangText{Text: e.Rendering},
		SourceAnchor: srcSpan, ArticleAnchor: &cotejo.Span{Start: e.ArticleStart, End: e.ArticleEnd}, Media: media}
	if e.SourceID > 0 {
		in.SourceID = &e.SourceID
	}
	return in, err
}

// update is the editor's form as a change of the quote it edits.
func (e *editor) update() (cotejo.QuoteUpdate, error) {
	srcSpan, media, err := e.spans()
	u := cotejo.QuoteUpdate{Speaker: &e.Speaker, Original: &cotejo.LangText{Text: e.Original}, Rendering: &cotejo.LangText{Text: e.Rendering},
		SourceAnchor: srcSpan, Media: media, ClearMedia: media == nil}
	if e.SourceID > 0 {
		u.SourceID = &e.SourceID
	} else {
		u.ClearSource = true
	}
	return u, err
}

// CreateQuote saves a new quote from the editor, or searches the chosen
// source for its original (action=locate: the typed Spanish; action=find:
// the English rendering), and goes on to the next place that waits.
func (pg *Pages) CreateQuote(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		e := quoteForm(c)
		e.New = true
		switch c.PostForm("action") {
		case "locate":
			return pg.locate(c, id, e)
		case "find":
			return pg.findOriginal(c, id, e)
		}
		if err := pg.takeCandidate(c, id, e); err != nil {
			return err
		}
		in, err := e.input()
		var q *cotejo.Quote
		if err == nil {
			q, err = pg.svc.CreateQuote(c.Request.Context(), httpx.User(c), id, in)
		}
		if err != nil {
			return pg.rerenderEditor(c, id, e, err)
		}
		if c.PostForm("action") == "translated" {
			return pg.markTranslated(c, q)
		}
		to, tail := pg.nextAfter(c, id, q)
		return pg.redirect(c, to, withTail("saved", tail))
	})(c)
}

// markTranslated hands a quote just saved on to review ("Save and mark
// translated"), and goes on as a move from the workbench goes on. A
// refusal (no original or evidence yet) shows the saved quote with what
// it lacks.
func (pg *Pages) markTranslated(c *gin.Context, q *cotejo.Quote) error {
	moved, err := pg.svc.TransitionQuote(c.Request.Context(), httpx.User(c), q.ID, q.Version, workflow.TransitionInput{To: cotejo.QuoteTranslated})
	if err != nil {
		e := editorFor(q)
		return pg.rerenderEditor(c, q.ArticleID, e, err)
	}
	to, tail := pg.afterMove(c, moved.Quote, "workbench")
	return pg.redirect(c, to, withTail(moveFlash(cotejo.QuoteTranslated), tail))
}

// takeCandidate makes the candidate chosen in the form the original: its
// place and its words as the source has them.
func (pg *Pages) takeCandidate(c *gin.Context, articleID int64, e *editor) error {
	start, end, ok := spanParam(e.Found)
	if !ok || e.SourceID == 0 {
		return nil
	}
	snap, err := pg.svc.Snapshot(c.Request.Context(), articleID)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(snap.Sources, func(s *cotejo.Source) bool { return s.ID == e.SourceID }) {
		return nil // not evidence of the article yet: the workflow checks the place itself
	}
	src, err := pg.sourceText(c, snap, e.SourceID)
	if err != nil {
		return err
	}
	if rs := pg.runes(snap, src); end <= len(rs) {
		e.Original = string(rs[start:end])
	}
	return nil
}

// nextAfter is where "save and go to the next" goes (see
// workflow.NextWaiting): the next place that waits for this person, or
// the saved quote when nothing does; and what the flash then says.
func (pg *Pages) nextAfter(c *gin.Context, articleID int64, q *cotejo.Quote) (string, string) {
	stop := workflow.Stop{QuoteID: &q.ID}
	if a := q.ArticleAnchor; a != nil {
		stop.Start, stop.End = a.Start, a.End
	}
	next, ok, err := pg.svc.NextWaiting(c.Request.Context(), httpx.User(c), articleID, stop)
	if err != nil || !ok {
		return editorHref(articleID, stop), flashEnd
	}
	return editorHref(articleID, next), flashNext
}

// editorHref links the workbench's editor at a stop.
func editorHref(articleID int64, s workflow.Stop) string {
	base := pathTo("/articles/", articleID)
	if s.QuoteID != nil {
		return base + "?quote=" + strconv.FormatInt(*s.QuoteID, 10)
	}
	return base + "?passage=" + strconv.Itoa(s.Start) + "-" + strconv.Itoa(s.End)
}

// startSearch starts a search of the editor's chosen source, the finding
// ("locate" or "find") the editor then shows; it refuses the search when
// no source is chosen.
func (e *editor) startSearch(finding string) error {
	e.Finding = finding
	if e.SourceID == 0 {
		return cotejo.FieldError(cotejo.CodeInvalid, "source_id", "Choose a source to search.")
	}
	return nil
}

// locate shows the candidates for the typed original in the chosen source.
func (pg *Pages) locate(c *gin.Context, articleID int64, e *editor) error {
	err := e.startSearch("locate")
	if err == nil {
		e.Candidates, err = pg.svc.LocateInSource(c.Request.Context(), e.SourceID, e.Original, 5)
		e.Located = err == nil
	}
	return pg.rerenderEditor(c, articleID, e, err)
}

// findOriginal shows where the chosen source may hold the original of the
// English rendering (see workflow.FindOriginal), with the words that
// matched, which method answered and whether the source was prepared.
func (pg *Pages) findOriginal(c *gin.Context, articleID int64, e *editor) error {
	err := e.startSearch("find")
	if err == nil {
		var res *crosslingual.Result
		res, err = pg.svc.FindOriginal(c.Request.Context(), e.SourceID, workflow.FindRequest{Rendering: e.Rendering, MaxCandidates: 5, Speaker: e.Speaker})
		if err == nil {
			e.Located, e.Method, e.Prepared = true, res.Method, res.Prepared
			snap, serr := pg.svc.Snapshot(c.Request.Context(), articleID)
			if serr != nil {
				return serr
			}
			src, serr := pg.sourceText(c, snap, e.SourceID)
			if serr != nil {
				return serr
			}
			p := pg.page(c, "Article", nil)
			e.Hits = foundFromEnglish(p, pg.runes(snap, src), res)
		}
	}
	return pg.rerenderEditor(c, articleID, e, err)
}

// rerenderEditor shows the workbench again with the editor as the user left
// it, so nothing typed is lost: after a refused write, with its error, or
// after a search (err nil), with the candidates.
func (pg *Pages) rerenderEditor(c *gin.Context, articleID int64, e *editor, err error) error {
	status := http.StatusOK
	if err != nil {
		status = httpx.Status(err)
	}
	d, lerr := pg.workbench(c, articleID)
	if lerr != nil {
		return lerr
	}
	for i, p := range d.Passages {
		if p.Start == e.ArticleStart && p.End == e.ArticleEnd {
			e.Passage = &d.Passages[i]
		}
	}
	if cur, ok := cotejo.Current[*cotejo.Quote](err); ok {
		e.Conflict, e.Version = cur, cur.Version
	}
	d.Editor = e
	return pg.renderWorkbench(c, status, d, err)
}

// UpdateQuote saves an edited quote.
func (pg *Pages) UpdateQuote(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		cur, err := pg.svc.Quote(c.Request.Context(), id)
		if err != nil {
			return err
		}
		e := quoteForm(c)
		e.Quote = cur
		switch c.PostForm("action") {
		case "locate":
			return pg.locate(c, cur.ArticleID, e)
		case "find":
			return pg.findOriginal(c, cur.ArticleID, e)
		}
		if err := pg.takeCandidate(c, cur.ArticleID, e); err != nil {
			return err
		}
		base, err := formBase(c)
		var u cotejo.QuoteUpdate
		if err == nil {
			u, err = e.update()
		}
		var saved *cotejo.Quote
		if err == nil {
			saved, err = pg.svc.UpdateQuote(c.Request.Context(), httpx.User(c), id, base, u)
		}
		if err != nil {
			return pg.rerenderEditor(c, cur.ArticleID, e, err)
		}
		if c.PostForm("action") == "translated" {
			return pg.markTranslated(c, saved)
		}
		to, tail := pg.nextAfter(c, cur.ArticleID, saved)
		return pg.redirect(c, to, withTail("saved", tail))
	})(c)
}

// ApplyRendering writes the quote's rendering into its article where the
// quote is anchored, on the article version the page showed.
func (pg *Pages) ApplyRendering(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		cur, err := pg.svc.Quote(c.Request.Context(), id)
		if err != nil {
			return err
		}
		base, err := formBase(c)
		if err == nil {
			_, err = pg.svc.ApplyRendering(c.Request.Context(), httpx.User(c), id, base)
		}
		if err != nil {
			e := editorFor(cur)
			return pg.rerenderEditor(c, cur.ArticleID, e, err)
		}
		return pg.redirect(c, editorHref(cur.ArticleID, workflow.Stop{QuoteID: &cur.ID}), "applied")
	})(c)
}

// ignoreForm is a not-a-quote mark as its form sends it: the passage and
// the reason, one of the usual ones or the person's own.
type ignoreForm struct {
	Span      cotejo.Span
	Reason    string
	Rendering string
}

func readIgnoreForm(c *gin.Context) ignoreForm {
	start, _ := strconv.Atoi(c.PostForm("start"))
	end, _ := strconv.Atoi(c.PostForm("end"))
	reason := strings.TrimSpace(c.PostForm("reason"))
	if reason == "other" || reason == "" {
		reason = strings.TrimSpace(c.PostForm("other_reason"))
	}
	return ignoreForm{Span: cotejo.Span{Start: start, End: end}, Reason: reason, Rendering: c.PostForm("rendering")}
}

// IgnorePassage marks a passage not-a-translated-quote.
func (pg *Pages) IgnorePassage(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		f := readIgnoreForm(c)
		if _, err := pg.svc.IgnorePassage(c.Request.Context(), httpx.User(c), id, f.Span, f.Reason); err != nil {
			e := &editor{New: true, Rendering: f.Rendering, ArticleStart: f.Span.Start, ArticleEnd: f.Span.End}
			return pg.rerenderEditor(c, id, e, err)
		}
		return pg.redirect(c, pathTo("/articles/", id), "ignored")
	})(c)
}

// UnignorePassage undoes a not-a-translated-quote mark.
func (pg *Pages) UnignorePassage(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		mark, _ := strconv.ParseInt(c.Param("mark"), 10, 64)
		if err := pg.svc.UnignorePassage(c.Request.Context(), httpx.User(c), id, mark); err != nil {
			return err
		}
		return pg.redirect(c, pathTo("/articles/", id), "unignored")
	})(c)
}

// ConflictDiffs compares the quote saved in the meantime with what this
// person typed, word by word.
func (e *editor) ConflictDiffs() []diffField {
	if e.Conflict == nil {
		return nil
	}
	return []diffField{
		{Label: "Speaker", Ops: anchor.WordDiff(e.Speaker, e.Conflict.Speaker)},
		{Label: "Original", Ops: anchor.WordDiff(e.Original, e.Conflict.Original.Text)},
		{Label: "Rendering", Ops: anchor.WordDiff(e.Rendering, e.Conflict.Rendering.Text)},
	}
}

// EvidenceLang is the language of the source the editor shows.
func (d *workbenchData) EvidenceLang() string {
	if d.Evidence == nil {
		return ""
	}
	return d.Evidence.Source.Language
}

// EvidencePlays says whether the source the editor shows has a recording.
func (d *workbenchData) EvidencePlays() bool { return d.Evidence != nil && d.Evidence.Player != nil }
