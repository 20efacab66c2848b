package pages

import (
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server/httpx"
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

// editor is the form of the workbench's editing panel.
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
}

type workbenchData struct {
	Snap         *workflow.ArticleSnapshot
	Article      *cotejo.Article
	BodyHTML     template.HTML // the body with its passages marked
	Passages     []workflow.PassageView
	Quotes       []*cotejo.Quote
	Sources      []*cotejo.Source
	Ignored      []*cotejo.PassageIgnore
	Evidence     *cotejo.Source
	EvidenceHTML template.HTML // the evidence's text with the original marked
	MediaFrag    string
	QuotesHTML   template.HTML // the list of quotes, the editor's marked
	Editor       *editor
	NextHref     string
	PrevHref     string
	CanEdit      bool
	CanQuote     bool
	Reasons      []string
	Readiness    *readinessData
	Checks       map[int64][]checks.Finding // each quote's findings, errors first
	// Suggestions for the original in the editor: memory matches, glossary terms.
	Suggestions []workflow.Suggestion
	OrigLang    string // the language of the original in the editor
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
// new quote from a passage, ?quote=ID to edit a quote.
func (pg *Pages) chooseEditor(c *gin.Context, d *workbenchData) error {
	if key := c.Query("passage"); key != "" {
		for i, p := range d.Passages {
			if passageKey(p) == key {
				if p.QuoteID != nil {
					c.Request.URL.RawQuery = "quote=" + strconv.FormatInt(*p.QuoteID, 10)
					break
				}
				e := &editor{New: true, Rendering: p.Text, ArticleStart: p.Start, ArticleEnd: p.End, Passage: &d.Passages[i]}
				if len(d.Sources) > 0 {
					e.SourceID = d.Sources[0].ID
				}
				if sid, err := strconv.ParseInt(c.Query("source"), 10, 64); err == nil {
					e.SourceID = sid
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
	return nil
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

// renderWorkbench finishes the page: body and evidence marks, neighbours.
func (pg *Pages) renderWorkbench(c *gin.Context, status int, d *workbenchData, err error) error {
	p := pg.page(c, "Article", nil)
	p.Title = d.Article.Headline
	pg.renderBlockers(p, d.Readiness)
	f := pg.fragments(p, d)
	d.BodyHTML, d.QuotesHTML = f.body(pg, p, d), f.quotes(pg, p, d)
	d.PrevHref, d.NextHref = neighbours(d)
	if src := evidenceSource(d); src != nil {
		full, serr := pg.sourceText(c, d.Snap, src.ID)
		if serr != nil {
			return serr
		}
		d.Evidence = full
		d.EvidenceHTML, d.MediaFrag = pg.evidence(p, d, full)
	}
	if e := d.Editor; e != nil && strings.TrimSpace(e.Original) != "" {
		var except int64 // the quote itself, whose own pair the memory may hold
		if e.Quote != nil {
			d.OrigLang, except = e.Quote.Original.Lang, e.Quote.ID
		} else if d.Evidence != nil {
			d.OrigLang = d.Evidence.Language
		}
		// Suggestions help; the page stands without them.
		var serr error
		if d.Suggestions, serr = pg.svc.SuggestionsFor(c.Request.Context(), cotejo.LangText{Text: e.Original, Lang: d.OrigLang}, d.Article.Language, except); serr != nil {
			httpx.Logger(c).Warn("suggestions", "err", serr)
		}
	}
	p.Data = d
	if err != nil {
		p.Error = p.ErrorText(err)
	}
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

// bodySegments marks the passages of the body by state, and any quote
// anchored outside a detected passage. Which passage the editor has open is
// marked when the page is put together (see fragments).
func bodySegments(p *Page, d *workbenchData) []segment {
	base := "/articles/" + strconv.FormatInt(d.Article.ID, 10)
	var marks []mark
	inPassage := map[int64]bool{}
	for _, ps := range d.Passages {
		if ps.Depth > 0 {
			continue
		}
		s := segment{ID: "p-" + passageKey(ps), Href: base + "?passage=" + passageKey(ps) + "#editor"}
		switch {
		case ps.Linked():
			inPassage[*ps.QuoteID] = true
			s.Class, s.QuoteID, s.Title = "passage linked "+p.StatusClass(ps.QuoteStatus), *ps.QuoteID, p.StatusLabel(ps.QuoteStatus)
			s.Href = base + "?quote=" + strconv.FormatInt(*ps.QuoteID, 10) + "#editor"
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
				Href: base + "?quote=" + strconv.FormatInt(q.ID, 10) + "#editor", Title: p.StatusLabel(q.Status)}})
		}
	}
	return segments(d.Article.Body, marks)
}

// neighbours links the previous and next passage or quote to the current one
// (Alt+↑ and Alt+↓), in body order.
func neighbours(d *workbenchData) (prev, next string) {
	base := "/articles/" + strconv.FormatInt(d.Article.ID, 10)
	var hrefs []string
	cur := -1
	for _, ps := range d.Passages {
		if ps.Depth > 0 || ps.Ignored {
			continue
		}
		h := base + "?passage=" + passageKey(ps) + "#editor"
		if ps.Linked() {
			h = base + "?quote=" + strconv.FormatInt(*ps.QuoteID, 10) + "#editor"
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
		if (e != nil && s.ID == e.SourceID) || (src == nil && s.TextLength > 0) {
			src = s
		}
	}
	return src
}

// evidence renders src, the source the editor works with (with its text),
// with the original marked in it: the candidates of a locate, or the quote's
// anchor. Without marks the text is rendered once per article revision.
func (pg *Pages) evidence(p *Page, d *workbenchData, src *cotejo.Source) (template.HTML, string) {
	e := d.Editor
	var marks []mark
	if e != nil {
		for i, k := range e.Candidates {
			marks = append(marks, mark{k.Start, k.End, segment{Class: "hit candidate", ID: "candidate-" + strconv.Itoa(i)}})
		}
		if len(e.Candidates) == 0 {
			if s, err1 := strconv.Atoi(e.SourceStart); err1 == nil {
				if en, err2 := strconv.Atoi(e.SourceEnd); err2 == nil && e.SourceID == src.ID {
					var an *cotejo.Anchor
					if e.Quote != nil {
						an = e.Quote.SourceAnchor
					}
					marks = append(marks, mark{s, en, segment{Class: hitClass(an), ID: "evidence-hit"}})
				}
			}
		}
	}
	frag := ""
	if e != nil && e.MediaStart != "" {
		frag = "#t=" + e.MediaStart
		if e.MediaEnd != "" {
			frag += "," + e.MediaEnd
		}
	}
	if len(marks) == 0 {
		h := d.Snap.Memo("evidence:"+strconv.FormatInt(src.ID, 10), func() any {
			return pg.fragment("wb-evidence", segments(src.Text, nil))
		}).(template.HTML)
		return h, frag
	}
	return pg.fragment("wb-evidence", segments(src.Text, marks)), frag
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
	sid, _ := strconv.ParseInt(c.PostForm("source_id"), 10, 64)
	e := &editor{Speaker: c.PostForm("speaker"), Original: normalizeNewlines(c.PostForm("original")),
		Rendering: normalizeNewlines(c.PostForm("rendering")), SourceID: sid,
		SourceStart: strings.TrimSpace(c.PostForm("source_start")), SourceEnd: strings.TrimSpace(c.PostForm("source_end")),
		ArticleStart: atoi("article_start"), ArticleEnd: atoi("article_end"),
		MediaStart: strings.TrimSpace(c.PostForm("media_start")), MediaEnd: strings.TrimSpace(c.PostForm("media_end")),
		Version: atoi("version")}
	// A candidate chosen after a locate is the place in the source.
	if k := c.PostForm("candidate"); k != "" {
		e.SourceStart, e.SourceEnd, _ = strings.Cut(k, "-")
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

// CreateQuote saves a new quote from the editor, or locates the typed
// original in the chosen source (action=locate), and goes on to the next
// unlinked passage.
func (pg *Pages) CreateQuote(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		e := quoteForm(c)
		e.New = true
		if c.PostForm("action") == "locate" {
			return pg.locate(c, id, e)
		}
		in, err := e.input()
		var q *cotejo.Quote
		if err == nil {
			q, err = pg.svc.CreateQuote(c.Request.Context(), httpx.User(c), id, in)
		}
		if err != nil {
			return pg.rerenderEditor(c, id, e, err)
		}
		return pg.redirect(c, pg.nextAfter(c, id, q), "saved")
	})(c)
}

// nextAfter is where "save and go to the next quote" goes (see
// workflow.NextWaiting): the next passage that waits, or the saved quote
// when nothing does.
func (pg *Pages) nextAfter(c *gin.Context, articleID int64, q *cotejo.Quote) string {
	stop := workflow.Stop{QuoteID: &q.ID}
	if a := q.ArticleAnchor; a != nil {
		stop.Start, stop.End = a.Start, a.End
	}
	if next, ok, err := pg.svc.NextWaiting(c.Request.Context(), httpx.User(c), articleID, stop); err == nil && ok {
		stop = next
	}
	return editorHref(articleID, stop)
}

// editorHref links the workbench's editor at a stop.
func editorHref(articleID int64, s workflow.Stop) string {
	base := "/articles/" + strconv.FormatInt(articleID, 10)
	if s.QuoteID != nil {
		return base + "?quote=" + strconv.FormatInt(*s.QuoteID, 10) + "#editor"
	}
	return base + "?passage=" + strconv.Itoa(s.Start) + "-" + strconv.Itoa(s.End) + "#editor"
}

// locate shows the candidates for the typed original in the chosen source.
func (pg *Pages) locate(c *gin.Context, articleID int64, e *editor) error {
	var err error
	if e.SourceID == 0 {
		err = cotejo.FieldError(cotejo.CodeInvalid, "source_id", "Choose a source to search.")
	} else {
		e.Candidates, err = pg.svc.LocateInSource(c.Request.Context(), e.SourceID, e.Original, 5)
		e.Located = err == nil
	}
	return pg.rerenderEditor(c, articleID, e, err)
}

// rerenderEditor shows the workbench again with the editor as the user left
// it, so nothing typed is lost: after a refused write, with its error, or
// after a locate (err nil), with the candidates.
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
		if c.PostForm("action") == "locate" {
			return pg.locate(c, cur.ArticleID, e)
		}
		base, err := formBase(c)
		var u cotejo.QuoteUpdate
		if err == nil {
			u, err = e.update()
		}
		if err == nil {
			_, err = pg.svc.UpdateQuote(c.Request.Context(), httpx.User(c), id, base, u)
		}
		if err != nil {
			return pg.rerenderEditor(c, cur.ArticleID, e, err)
		}
		return pg.redirect(c, pg.nextAfter(c, cur.ArticleID, cur), "saved")
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
		return pg.redirect(c, "/articles/"+strconv.FormatInt(id, 10), "ignored")
	})(c)
}

// UnignorePassage undoes a not-a-translated-quote mark.
func (pg *Pages) UnignorePassage(c *gin.Context) error {
	return withID(func(c *gin.Context, id int64) error {
		mark, _ := strconv.ParseInt(c.Param("mark"), 10, 64)
		if err := pg.svc.UnignorePassage(c.Request.Context(), httpx.User(c), id, mark); err != nil {
			return err
		}
		return pg.redirect(c, "/articles/"+strconv.FormatInt(id, 10), "unignored")
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
