// Package pages serves Cotejo's server-rendered HTML pages. Every page works
// without JavaScript; handlers follow one shape: load, 404, parse the form,
// call the workflow, then re-render with a translated error (keeping what
// the user typed) or redirect.
//
// # What every template can call on its page
//
//   - T "English text" args…: the text in the page's language.
//   - N "%d warning" "%d warnings" count args…: a message that counts, in
//     the plural form of its count for the page's language ("1 aviso",
//     "3 avisos"); the count is the message's first argument. Both English
//     forms are written where it is used, and scripts/catalogs.py puts them
//     in the catalogs (see package i18n for the Spanish in es.json).
//   - When t: a time to the minute in the reader's time zone (their
//     preference, which their browser sets; UTC until it has), with the
//     zone's abbreviation. The zone is loaded once per request, never per
//     row. Machine-readable times stay UTC: <time datetime="…">.
//   - ReasonText r: a reason Cotejo recorded, in the page's language.
//   - ErrorText err: what went wrong and what to do, in the page's language.
package pages

import (
	"bytes"
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/i18n"
	"github.com/cotejo/cotejo/internal/media"
	"github.com/cotejo/cotejo/internal/server/httpx"
	"github.com/cotejo/cotejo/internal/workflow"
	"github.com/cotejo/cotejo/web"
)

// Pages holds the parsed templates and the page handlers' dependencies.
type Pages struct {
	svc    *workflow.Service
	i18n   *i18n.Bundle
	tmpl   map[string]*template.Template
	secure func(*http.Request) bool
	// MediaLimit is the largest recording the source form may upload.
	MediaLimit int64
}

// New parses the embedded templates.
func New(svc *workflow.Service, bundle *i18n.Bundle, secure func(*http.Request) bool) (*Pages, error) {
	p := &Pages{svc: svc, i18n: bundle, tmpl: map[string]*template.Template{}, secure: secure}
	names, err := fs.Glob(web.Templates, "templates/*.html")
	if err != nil {
		return nil, err
	}
	// Files whose names start with "_" hold pieces that several pages
	// share (the evidence pane, the moves of a quote); every page gets them.
	parts, err := fs.Glob(web.Templates, "templates/_*.html")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if strings.HasSuffix(n, "/layout.html") || strings.HasPrefix(n, "templates/_") {
			continue
		}
		t, err := template.ParseFS(web.Templates, append([]string{"templates/layout.html", n}, parts...)...)
		if err != nil {
			return nil, fmt.Errorf("pages: %s: %w", n, err)
		}
		p.tmpl[strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")] = t
	}
	return p, nil
}

// Page is what every template receives: the frame (user, language, CSRF
// token) and the page's own Data.
type Page struct {
	Title string
	Lang  string
	Langs []LangOption
	User  *cotejo.User
	CSRF  string
	Path  string
	Flash string
	Error string
	Data  any
	// Nav names the menu item of the page (articles, sources, queue,
	// glossary, memory, users, account), marked as the current one.
	Nav string
	// TimeZoneUnset says the reader's browser has not told their time zone
	// yet: the page's script sends it (PATCH /api/v1/me).
	TimeZoneUnset bool
	p             *message.Printer
	loc           *time.Location
	// flashTail says what the page adds to the flash: where a save or a
	// move went on to (see sayWhereNext).
	flashTail string
}

// LangOption is one entry of the language switcher.
type LangOption struct {
	Tag     string
	Name    string
	Current bool
}

// T translates a UI message into the page's language.
func (p *Page) T(key string, args ...any) string { return p.p.Sprintf(key, args...) }

// N translates a message that counts: one and other are its English forms,
// n the count (the message's first argument), args the rest. The catalogs
// hold it under other, with a form per plural category of each language.
func (p *Page) N(one, other string, n int, args ...any) string {
	_ = one // the catalogs' English singular; read by scripts/catalogs.py
	return p.p.Sprintf(other, append([]any{n}, args...)...)
}

// label names k in the page's language by its English key in labels; a
// value the table lacks shows as itself.
func label[K ~string](p *Page, labels map[K]string, k K) string {
	if l, ok := labels[k]; ok {
		return p.T(l)
	}
	return string(k)
}

// The names of the values of Cotejo's lists come from the lists' own
// tables (package cotejo, the checks' catalog); the page only translates
// them.

// StatusLabel names an article or quote status in the page's language.
func (p *Page) StatusLabel(s any) string { return p.T(statusInfo(s).label) }

// StatusClass is the CSS class of a status's badge: its tone.
func (p *Page) StatusClass(s any) string { return string(statusInfo(s).tone) }

type statusLook struct {
	label string
	tone  cotejo.Tone
}

// statusInfo looks a status up in the table of quote statuses or of
// article statuses; a history entry gives it as a plain string.
func statusInfo(s any) statusLook {
	switch v := s.(type) {
	case cotejo.QuoteStatus:
		i := v.Info()
		return statusLook{i.Label, i.Tone}
	case cotejo.ArticleStatus:
		i := v.Info()
		return statusLook{i.Label, i.Tone}
	}
	str := fmt.Sprint(s)
	if q := cotejo.QuoteStatus(str); q.Valid() {
		return statusInfo(q)
	}
	return statusInfo(cotejo.ArticleStatus(str))
}

// KindLabel names a source kind in the page's language.
func (p *Page) KindLabel(k cotejo.SourceKind) string { return p.T(k.Info().Label) }

// RoleLabel names a role in the page's language.
func (p *Page) RoleLabel(r any) string { return p.T(cotejo.Role(fmt.Sprint(r)).Info().Label) }

// MoveLabel names the move of a quote in status from to status to.
func (p *Page) MoveLabel(from, to cotejo.QuoteStatus) string {
	if m, ok := cotejo.QuoteMove(from, to); ok {
		return p.T(m.Label)
	}
	return string(to)
}

// NeedsReason says whether the move of a quote from status from to status
// to needs a reason (a rejection).
func (p *Page) NeedsReason(from, to cotejo.QuoteStatus) bool {
	m, ok := cotejo.QuoteMove(from, to)
	return ok && m.Reason
}

// SuggestionLabel names the kind of a suggestion.
func (p *Page) SuggestionLabel(k cotejo.SuggestionKind) string { return p.T(k.Info().Label) }

// ShowScore says whether a suggestion's score means something to show.
func (p *Page) ShowScore(k cotejo.SuggestionKind) bool { return k.Info().ShowScore }

// checkLabels are the labels of the checks' catalog, by code.
var checkLabels = func() map[string]string {
	m := map[string]string{}
	for _, c := range checks.Catalog() {
		m[c.Code] = c.Label
	}
	return m
}()

// CheckLabel says what a check found, in the page's language.
func (p *Page) CheckLabel(code string) string { return label(p, checkLabels, code) }

// BlockingLabel says what a finding that held up a move asks for: an error
// blocks verification; a warning only waits to be let stand with a
// reason, and is never called a blocker.
func (p *Page) BlockingLabel(s checks.Severity) string {
	if s == checks.Error {
		return p.T("Blocks verification")
	}
	return p.T("Let it stand with a reason, or fix it")
}

// SeverityLabel names a check's severity.
func (p *Page) SeverityLabel(s checks.Severity) string { return p.T(s.Label()) }

// CheckLabelsJSON is every check's label in the page's language, as JSON
// for the script that shows the checks as the translator types; "" holds
// what to say when every check passes.
func (p *Page) CheckLabelsJSON() string {
	if v, ok := checkLabelsJSON.Load(p.Lang); ok {
		return v.(string) // the labels are the same for every page of a language
	}
	m := map[string]string{"": p.T("Every check passes.")}
	for code, key := range checkLabels {
		m[code] = p.T(key)
	}
	b, _ := json.Marshal(m)
	checkLabelsJSON.Store(p.Lang, string(b))
	return string(b)
}

// checkLabelsJSON keeps CheckLabelsJSON by language.
var checkLabelsJSON sync.Map

// AnchorLabel names an anchor state in the page's language.
func (p *Page) AnchorLabel(s cotejo.AnchorState) string { return label(p, anchorLabels, s) }

// CandidateLabel says how a located candidate matched, in the page's language.
func (p *Page) CandidateLabel(k anchor.Kind) string { return label(p, candidateLabels, k) }

// KB is a size in kilobytes, rounded up.
func (p *Page) KB(bytes int64) int64 { return (bytes + 1023) / 1024 }

// Duration shows a length in seconds as h:mm:ss or m:ss.
func (p *Page) Duration(sec *float64) string {
	if sec == nil {
		return ""
	}
	d := time.Duration(*sec * float64(time.Second)).Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}

// Percent shows a score of 0–1 as a whole percentage.
func (p *Page) Percent(f float64) int { return int(f*100 + 0.5) }

// ImportResult names an import's outcome for a unit in the page's language.
func (p *Page) ImportResult(r string) string { return label(p, importLabels, r) }

// When shows a time to the minute in the reader's time zone, with the
// zone's abbreviation ("2025-11-18 09:42 CST").
func (p *Page) When(t any) string {
	loc := p.loc
	if loc == nil {
		loc = time.UTC
	}
	show := func(tt time.Time) string { return tt.In(loc).Format("2006-01-02 15:04 MST") }
	switch v := t.(type) {
	case time.Time:
		return show(v)
	case *time.Time:
		if v == nil {
			return ""
		}
		return show(*v)
	case string:
		if tt, err := time.Parse(time.RFC3339, v); err == nil {
			return show(tt)
		}
		return v
	}
	return ""
}

// zones caches time zones by name: loading one reads the zone database.
var zones sync.Map

// zoneOf is the time zone a user reads times in; UTC when unset or unknown.
func zoneOf(u *cotejo.User) *time.Location {
	if u == nil || u.TimeZone == "" {
		return time.UTC
	}
	if l, ok := zones.Load(u.TimeZone); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(u.TimeZone)
	if err != nil {
		return time.UTC
	}
	zones.Store(u.TimeZone, l)
	return l
}

// navItems are the menu's items by the first part of the paths under them.
var navItems = map[string]string{"articles": "articles", "sources": "sources", "queue": "queue",
	"glossary": "glossary", "memory": "memory", "users": "users", "quotes": "articles", "account": "account"}

// navOf is the menu item of a path.
func navOf(path string) string {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	first, _, _ = strings.Cut(first, "?")
	return navItems[first]
}

// ErrorText says what went wrong, in the page's language: the sentence of
// the error's code, with the field it concerns, and the domain's own words
// when the page can show them (see errorParts).
func (p *Page) ErrorText(err error) string {
	sentence, detail := p.errorParts(err)
	if detail == "" {
		return sentence
	}
	return sentence + " " + detail
}

// errorParts says what went wrong in two parts: the sentence of the error's
// code in the page's language, with the field it concerns; and the
// domain's own message, which is meant for the user too and is often more
// precise (which rule, which limit) but is written in English, so that only
// an English page adds it. A refused character is named with its place in
// every language. Internal errors are logged by the caller and never
// described.
func (p *Page) errorParts(err error) (sentence, detail string) {
	e := cotejo.AsError(err)
	if e == nil {
		return p.T(errorKeys[cotejo.CodeInternal]), ""
	}
	field := ""
	if f, ok := fieldKeys[e.Field]; ok {
		field = p.T(f)
	}
	if d, ok := e.Details.(cotejo.BadCharacter); ok {
		return p.T("%s at character %d of %s: Cotejo does not store control characters or noncharacters; remove it.",
			d.Character, d.Offset+1, cmp.Or(field, e.Field)), ""
	}
	if advice := p.advice(e, field); advice != "" {
		if _, cues := e.Details.(workflow.UnreadableCues); cues && p.Lang == domainLanguage {
			return advice, e.Message // what is wrong on that line, in English
		}
		return advice, ""
	}
	sentence = p.T(errorKeys[e.Code])
	if field != "" {
		sentence += " (" + field + ")"
	}
	if p.Lang == domainLanguage && e.Message != sentence {
		detail = e.Message
	}
	return sentence, detail
}

// advice says what to do about a refusal whose details the page can put in
// the reader's language: the value to give, the limit to keep, the checks
// or blockers that stand in the way. "" when it has nothing better than the
// code's sentence.
func (p *Page) advice(e *cotejo.Error, field string) string {
	switch d := e.Details.(type) {
	case cotejo.Required:
		if key, ok := requiredKeys[d.Field+":"+d.For]; ok {
			return p.T(key)
		}
		return p.T("Fill in %s.", cmp.Or(field, d.Field))
	case workflow.UnreadableCues:
		if d.Line > 0 {
			return p.T("The %s file cannot be read at line %d, so nothing was changed: correct that line and import it again.", media.Format(d.Format).Name(), d.Line)
		}
		return p.T("The %s file cannot be read, so nothing was changed.", media.Format(d.Format).Name())
	case cotejo.TooLong:
		return p.T("Shorten %s: at most %d characters.", cmp.Or(field, d.Field), d.Max)
	case workflow.BlockedByChecks:
		var names []string
		errs, warns := 0, 0
		for _, f := range d.Checks {
			names = append(names, strings.TrimSuffix(p.CheckLabel(f.Code), "."))
			if f.Severity == checks.Error {
				errs++
			} else {
				warns++
			}
		}
		var counts string
		switch {
		case errs > 0 && warns > 0:
			counts = p.T("%s and %s", p.N("%d error", "%d errors", errs), p.N("%d warning not let stand", "%d warnings not let stand", warns))
		case errs > 0:
			counts = p.N("%d error", "%d errors", errs)
		case warns > 0:
			counts = p.N("%d warning not let stand", "%d warnings not let stand", warns)
		default:
			return ""
		}
		return p.T("Blocked by %s: %s. Fix the errors; let a warning stand by ticking it and saying why.", counts, strings.Join(names, "; "))
	case workflow.ArticleBlocked:
		quotes, passages := 0, 0
		for _, b := range d.Blockers {
			if b.Kind == workflow.BlockerUnlinkedPassage {
				passages++
			} else {
				quotes++
			}
		}
		var parts []string
		if quotes > 0 {
			parts = append(parts, p.N("%d quote is not approved", "%d quotes are not approved", quotes))
		}
		if passages > 0 {
			parts = append(parts, p.N("%d quoted passage is linked to no quote", "%d quoted passages are linked to no quote", passages))
		}
		if len(parts) == 0 {
			return ""
		}
		return p.T("Not approved: %s. Each is listed below with whose move it is.", strings.Join(parts, "; "))
	}
	return ""
}

// domainLanguage is the language the domain's messages are written in.
const domainLanguage = "en"

// page builds the frame of a page for the request.
func (pg *Pages) page(c *gin.Context, title string, data any) *Page {
	tag := httpx.Language(c)
	u := httpx.User(c)
	p := &Page{Lang: tag.String(), User: u, CSRF: httpx.CSRF(c), Path: c.Request.URL.RequestURI(),
		Data: data, p: httpx.Printer(c), loc: zoneOf(u), Nav: navOf(c.Request.URL.Path),
		TimeZoneUnset: u != nil && u.TimeZone == ""}
	p.Title = p.T(title)
	for _, t := range pg.i18n.Languages() {
		p.Langs = append(p.Langs, LangOption{Tag: t.String(), Name: i18n.Name(t), Current: t == tag})
	}
	if f, err := c.Cookie(flashCookie); err == nil && flashKeys[strings.SplitN(f, "|", 2)[0]] != "" {
		key, tail, _ := strings.Cut(f, "|")
		p.Flash, p.flashTail = p.T(flashKeys[key]), tail
		http.SetCookie(c.Writer, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true})
	}
	return p
}

// render writes a page with a status.
func (pg *Pages) render(c *gin.Context, status int, name string, p *Page) {
	buf := buffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			buf.Reset()
			buffers.Put(buf)
		}
	}()
	if err := pg.execute(buf, name, p); err != nil {
		httpx.Logger(c).Error("render", "template", name, "err", err)
		c.String(http.StatusInternalServerError, "Internal error")
		return
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

func (pg *Pages) execute(w io.Writer, name string, p *Page) error {
	t, ok := pg.tmpl[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	return t.ExecuteTemplate(w, "layout", p)
}

// Placeholders for what differs between people shown the same page: their
// form token and their name. They are made anew at every start, so no text
// typed into Cotejo can contain them.
var placeholderCSRF, placeholderName = func() (string, string) {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	h := hex.EncodeToString(b)
	return "cotejo-csrf-" + h, "cotejo-name-" + h
}()

// renderShared writes a page that is the same for everyone of the same
// roles and language while snap holds: rendered once, with placeholders for
// the person's token and name, kept with the snapshot.
func (pg *Pages) renderShared(c *gin.Context, snap *workflow.ArticleSnapshot, name string, p *Page) {
	csrf, user := p.CSRF, p.User
	roles := make([]string, len(user.Roles))
	for i, r := range user.Roles {
		roles[i] = string(r)
	}
	key := "page:" + name + ":" + p.Lang + ":" + strings.Join(roles, ",")
	type rendered struct {
		parts [][]byte // the page cut at its placeholders: text, placeholder, text…
		err   error
	}
	r := snap.Memo(key, func() any {
		shared := *p
		anon := *user
		anon.Name = placeholderName
		shared.CSRF, shared.User = placeholderCSRF, &anon
		var buf bytes.Buffer
		if err := pg.execute(&buf, name, &shared); err != nil {
			return rendered{err: err}
		}
		return rendered{parts: cutPlaceholders(buf.Bytes())}
	}).(rendered)
	if r.err != nil {
		httpx.Logger(c).Error("render", "template", name, "err", r.err)
		c.String(http.StatusInternalServerError, "Internal error")
		return
	}
	fill := map[string][]byte{placeholderCSRF: []byte(csrf), placeholderName: []byte(template.HTMLEscapeString(user.Name))}
	n := 0
	for i, part := range r.parts {
		if i%2 == 1 {
			part = fill[string(part)]
		}
		n += len(part)
	}
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Header("Content-Length", strconv.Itoa(n))
	c.Status(http.StatusOK)
	for i, part := range r.parts {
		if i%2 == 1 {
			part = fill[string(part)]
		}
		if _, err := c.Writer.Write(part); err != nil {
			return // the client went away
		}
	}
}

// cutPlaceholders cuts a page at each placeholder: the even parts are the
// page's own bytes, the odd ones the placeholders, to be filled in as the
// page is written, without copying the page for each request.
func cutPlaceholders(page []byte) [][]byte {
	var parts [][]byte
	for {
		i, ph := -1, ""
		for _, p := range []string{placeholderCSRF, placeholderName} {
			if j := bytes.Index(page, []byte(p)); j >= 0 && (i < 0 || j < i) {
				i, ph = j, p
			}
		}
		if i < 0 {
			return append(parts, page)
		}
		parts = append(parts, page[:i], []byte(ph))
		page = page[i+len(ph):]
	}
}

// buffers are the render buffers, reused: a workbench page is a few hundred
// kilobytes, and growing a buffer to that size for every page is most of
// what rendering it costs.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer keeps a rare huge page (a whole transcript) from pinning
// its buffer.
const maxPooledBuffer = 4 << 20

// fail renders the error page for err.
func (pg *Pages) fail(c *gin.Context, err error) {
	if cotejo.AsError(err) == nil {
		httpx.Logger(c).Error("internal error", "err", err, "path", c.Request.URL.Path)
	}
	p := pg.page(c, "Error", nil)
	p.Title, p.Error = p.errorParts(err)
	pg.render(c, httpx.Status(err), "error", p)
}

// Fail lets the server render its own errors (413, 404, CSRF) as pages.
func (pg *Pages) Fail(c *gin.Context, err error) { pg.fail(c, err); c.Abort() }

// HandlerFunc is a page handler: it renders a page or redirects, or returns
// the error for the error page. A handler that shows a form again with the
// error (keeping what was typed) does so itself and returns nil.
type HandlerFunc func(c *gin.Context) error

// Routes registers page handlers on a group of routes, wrapping each once:
// its error becomes the error page there and nowhere else.
type Routes struct {
	pg *Pages
	g  gin.IRoutes
}

// Routes registers on g.
func (pg *Pages) Routes(g gin.IRoutes) Routes { return Routes{pg: pg, g: g} }

func (r Routes) wrap(h HandlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			r.pg.fail(c, err)
		}
	}
}

// GET registers h for GET path.
func (r Routes) GET(path string, h HandlerFunc) { r.g.GET(path, r.wrap(h)) }

// POST registers h for POST path.
func (r Routes) POST(path string, h HandlerFunc) { r.g.POST(path, r.wrap(h)) }

const flashCookie = "cotejo_flash"

// redirect sends the browser on with a message (a key of flashKeys) for the next page.
func (pg *Pages) redirect(c *gin.Context, to, flash string) error {
	if flash != "" {
		http.SetCookie(c.Writer, &http.Cookie{Name: flashCookie, Value: flash, Path: "/", HttpOnly: true,
			SameSite: http.SameSiteLaxMode, Secure: pg.secure(c.Request), MaxAge: 60})
	}
	c.Redirect(http.StatusSeeOther, to)
	return nil
}

// MatchLanguage exposes the bundle's matcher to the server's middleware.
func (pg *Pages) MatchLanguage(prefs ...string) (language.Tag, *message.Printer) {
	t := pg.i18n.Match(prefs...)
	return t, pg.i18n.Printer(t)
}
