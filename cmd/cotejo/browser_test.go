package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/chromedp/chromedp/kb"
	"github.com/cotejo/cotejo/internal/testenv"
)

// The demo article, as the browser must show it (see internal/demo).
const (
	demoHeadline    = "Sheinbaum Firmly Rejects Trump's Offer of U.S. Military Intervention in Mexico"
	demoOriginal1   = "nosotros no queremos intervención de ningún gobierno extranjero"
	demoOriginal2   = "Hay colaboración y coordinación, pero ni hay subordinación"
	demoRendering1  = "We don't want intervention from any foreign government"
	demoRendering2  = "collaboration and coordination without subordination"
	demoSourceFirst = "La Razón, 18 Nov 2025"
	demoSourceOther = "Tribuna, 18 Nov 2025"
)

// TestBrowserDemoJourney drives a real, headless Chromium through the demo:
// log in, open the article, switch the interface to Spanish and find the
// choice kept. It catches what the HTML tests cannot: the script of the
// language switcher, the Content-Security-Policy as a browser enforces it,
// and any error the page writes to the console.
func TestBrowserDemoJourney(t *testing.T) {
	chromium := testenv.Chromium(t)
	in := start(t, "--demo", "--data", t.TempDir())

	t.Run("english then spanish", func(t *testing.T) {
		ctx := newBrowser(t, chromium, in.URL, "en-US", "en-US,en")

		// Log in. The browser asks for English, so the login page is English.
		do(t, ctx, chromedp.Navigate(in.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)))
		if h1 := text(t, ctx, "h1"); h1 != "Log in to Cotejo" {
			t.Fatalf("login heading for an English browser = %q", h1)
		}
		do(t, ctx,
			chromedp.SendKeys(chromedp.CSS(`form[action="/login"] input[name=email]`), "translator@demo.cotejo"),
			chromedp.SendKeys(chromedp.CSS(`form[action="/login"] input[name=password]`), testPassword),
		)
		resp := navigateBy(t, ctx, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)))
		if p := pathOf(t, resp.URL); p != "/articles" || resp.Status != 200 {
			t.Fatalf("after logging in: %d %s, want 200 /articles", resp.Status, p)
		}

		// Open the article from the list, as a reader would.
		link := chromedp.CSS(`a[href="/articles/1"]`)
		do(t, ctx, chromedp.WaitVisible(link))
		if got := text(t, ctx, `a[href="/articles/1"]`); got != demoHeadline {
			t.Fatalf("the article list links %q, want the demo headline", got)
		}
		resp = navigateBy(t, ctx, chromedp.Click(link))
		if p := pathOf(t, resp.URL); p != "/articles/1" || resp.Status != 200 {
			t.Fatalf("opening the article: %d %s", resp.Status, p)
		}
		en := readArticle(t, ctx)
		checkArticle(t, en, uiLabels{
			lang: "en", nav: []string{"Articles", "Sources", "My queue", "Glossary", "Memory"}, quotes: "Quotes", sources: "Sources", draft: "Draft",
			anchor: "Anchor in source", exact: "exact",
		})
		screenshot(t, ctx, "article-en.png")

		// Switch to Spanish with the switcher. chromedp's SetValue fires
		// "input" and "change" as a user's choice of option does; cotejo.js
		// must then submit the form, which posts to /lang and comes back to
		// this page. Without the script nothing navigates and navigateBy
		// fails. (Dispatching "change" once more would race the navigation
		// that the first one started.)
		resp = navigateBy(t, ctx, chromedp.SetValue(chromedp.ID("lang-switch"), "es"))
		if p := pathOf(t, resp.URL); p != "/articles/1" || resp.Status != 200 {
			t.Fatalf("after switching the language: %d %s, want back on /articles/1", resp.Status, p)
		}
		do(t, ctx, chromedp.WaitReady(chromedp.CSS(`html[lang=es]`)))
		es := readArticle(t, ctx)
		spanish := uiLabels{
			lang: "es", nav: []string{"Artículos", "Fuentes", "Mi cola", "Glosario", "Memoria"}, quotes: "Citas", sources: "Fuentes", draft: "Borrador",
			// Any word for the anchor state but the English one will do.
			anchor: "Anclaje en la fuente",
		}
		checkArticle(t, es, spanish)
		screenshot(t, ctx, "article-es.png")

		// The choice is kept: a reload is still Spanish. Then, without the
		// switcher's cookie, it must still be Spanish, because for a logged-in
		// user the choice is saved on the account (the browser itself asks
		// for English, so nothing else could make the page Spanish).
		do(t, ctx, chromedp.Reload())
		checkArticle(t, readArticle(t, ctx), spanish)
		if !hasCookie(t, ctx, in.URL, "cotejo_lang") {
			t.Fatal("the switcher set no cotejo_lang cookie")
		}
		if _, err := chromedp.Call(ctx, network.DeleteCookies, network.DeleteCookiesParams{Name: "cotejo_lang", URL: in.URL}); err != nil {
			t.Fatal(err)
		}
		if hasCookie(t, ctx, in.URL, "cotejo_lang") {
			t.Fatal("the cotejo_lang cookie is still there")
		}
		do(t, ctx, chromedp.Reload())
		checkArticle(t, readArticle(t, ctx), spanish)
	})

	t.Run("accept-language es-MX", func(t *testing.T) {
		// A fresh profile with no cookies, whose browser asks for Mexican
		// Spanish: the very first page, before any login, is Spanish.
		ctx := newBrowser(t, chromium, in.URL, "es-MX", "es-MX,es")
		do(t, ctx, chromedp.Navigate(in.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)))
		if lang := testenv.Eval[string](t, ctx, `document.documentElement.lang`); lang != "es" {
			t.Fatalf("html lang = %q, want es", lang)
		}
		for sel, want := range map[string]string{
			"h1": "Inicia sesión en Cotejo",
			`form[action="/login"] button[type=submit]`: "Iniciar sesión",
		} {
			if got := text(t, ctx, sel); got != want {
				t.Errorf("%s = %q, want %q", sel, got, want)
			}
		}
		if title := testenv.Eval[string](t, ctx, `document.title`); !strings.HasPrefix(title, "Iniciar sesión") {
			t.Errorf("title = %q, want the Spanish one", title)
		}
		if v := testenv.Eval[string](t, ctx, `document.getElementById("lang-switch").value`); v != "es" {
			t.Errorf("the switcher shows %q, want es", v)
		}

		// Logging in keeps Spanish. This is another demo user than above,
		// with no saved preference, so the header alone decides.
		do(t, ctx,
			chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "reviewer@demo.cotejo"),
			chromedp.SendKeys(chromedp.CSS(`input[name=password]`), testPassword),
		)
		resp := navigateBy(t, ctx, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)))
		if p := pathOf(t, resp.URL); p != "/articles" {
			t.Fatalf("after logging in: %s, want /articles", p)
		}
		if h1 := text(t, ctx, "h1"); h1 != "Artículos" {
			t.Errorf("articles heading after login = %q, want Artículos", h1)
		}
	})
}

// newBrowser starts a headless Chromium with a fresh profile that speaks
// lang and sends acceptLang as Accept-Language, to visit the site at origin. The browser stops when the
// test ends, and the test fails if a page wrote an error to the console.
func newBrowser(t *testing.T, exe, origin, lang, acceptLang string, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	return testenv.NewBrowser(t, exe, append([]chromedp.ExecAllocatorOption{
		chromedp.Flag("lang", lang),
		chromedp.Flag("accept-lang", acceptLang),
	}, extra...)...)
}

// refused lets pass, in testenv.WatchConsole, the failed loads of the form
// posts whose refusal the test provokes, as path → HTTP status: a page
// answered 422 is what a refused form looks like, and the browser logs it
// as a failed load.
func refused(refusals map[string]int) func(*log.Entry) bool {
	return func(e *log.Entry) bool {
		u, err := url.Parse(e.URL)
		return err == nil && e.Source == log.EntrySourceNetwork && refusals[u.Path] != 0 &&
			strings.Contains(e.Text, fmt.Sprintf("status of %d ", refusals[u.Path]))
	}
}

// newSession opens a tab in a new browser context of the browser of ctx: a
// separate cookie jar, as another person's browser would have. Its console
// is watched like the first tab's, but for the refusals the test expects
// (see refused).
func newSession(t *testing.T, browser context.Context, refusals map[string]int) context.Context {
	t.Helper()
	listener := testenv.WatchConsole(t, refused(refusals))
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext(), chromedp.WithListener(listener))
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a new browser context: %v", err)
	}
	return ctx
}

// do runs actions and fails the test on an error.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// navigateBy runs actions that make the page navigate (a click, a form
// submission) and waits until the new page has loaded. It returns the
// response of the final document, after redirects.
func navigateBy(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) *network.Response {
	t.Helper()
	// Well under the browser's deadline, so that an action that does not
	// navigate fails with this message, and soon.
	const wait = 15 * time.Second
	nctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	resp, err := chromedp.RunResponse(nctx, steps...)
	if errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("no new page loaded within %v: the action did not navigate", wait)
	}
	if err != nil {
		t.Fatal(err)
	}
	if resp == nil {
		t.Fatal("no page loaded")
	}
	return resp
}

// text returns the visible text of the first element that matches sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// hasCookie reports whether the browser holds a cookie for the site.
func hasCookie(t *testing.T, ctx context.Context, site, name string) bool {
	t.Helper()
	res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{site}})
	if err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(res.Cookies, func(c *network.Cookie) bool { return c.Name == name })
}

func pathOf(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}

// articleView is what the article page shows, read in one evaluation.
type articleView struct {
	Lang           string        `json:"lang"`
	Path           string        `json:"path"`
	User           string        `json:"user"`
	Nav            []string      `json:"nav"`
	QuotesHeading  string        `json:"quotesHeading"`
	SourcesHeading string        `json:"sourcesHeading"`
	Quotes         []quoteView   `json:"quotes"`
	Sources        []sourceView  `json:"sources"`
	Marks          []passageView `json:"marks"`
}

type quoteView struct {
	ID            string `json:"id"`
	Status        string `json:"status"`
	Original      string `json:"original"`
	OriginalLang  string `json:"originalLang"`
	OriginalShown bool   `json:"originalShown"`
	Rendering     string `json:"rendering"`
	RenderingLang string `json:"renderingLang"`
	RenderingShow bool   `json:"renderingShown"`
	Anchor        string `json:"anchor"`
}

type sourceView struct {
	Title string `json:"title"`
	Shown bool   `json:"shown"`
}

type passageView struct {
	QuoteID string `json:"quoteId"`
	Text    string `json:"text"`
	Shown   bool   `json:"shown"`
}

// readArticleJS collects the article page. own() is an element's text
// without the small language tags and counters that decorate it, and
// shown() asks the browser whether the element is rendered at all.
const readArticleJS = `(() => {
  const own = el => {
    if (!el) return "";
    const c = el.cloneNode(true);
    c.querySelectorAll(".lang, .count").forEach(n => n.remove());
    return c.textContent.replace(/\s+/g, " ").trim();
  };
  const shown = el => !!el && el.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const all = sel => [...document.querySelectorAll(sel)];
  return {
    lang: document.documentElement.lang,
    path: location.pathname,
    user: own(document.querySelector("[data-testid=current-user]")),
    nav: all("header nav a").map(own),
    quotesHeading: own(document.querySelector("section.quotes h2")),
    sourcesHeading: own(document.querySelector("section.sources h2")),
    quotes: all("[data-testid=quote]").map(q => {
      const o = q.querySelector("blockquote.original"), r = q.querySelector("blockquote.rendering");
      return {
        id: q.id.replace(/^quote-/, ""),
        status: own(q.querySelector(".quote-head .status")),
        original: own(o), originalLang: o ? o.lang : "", originalShown: shown(o),
        rendering: own(r), renderingLang: r ? r.lang : "", renderingShown: shown(r),
        anchor: own(q.querySelector("p.small")),
      };
    }),
    sources: all("[data-testid=source]").map(s => ({title: own(s.querySelector("summary .source-title")), shown: shown(s.querySelector("summary"))})),
    marks: all("section.body .passage[data-quote-id]").map(m => ({quoteId: m.dataset.quoteId, text: own(m), shown: shown(m)})),
  };
})()`

func readArticle(t *testing.T, ctx context.Context) articleView {
	t.Helper()
	// The sources panel is the last part of the page that we read, so once
	// it is visible the parts before it are there too.
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`section.sources`)))
	return testenv.Eval[articleView](t, ctx, readArticleJS)
}

// uiLabels are the interface's words in one language.
type uiLabels struct {
	lang            string
	nav             []string
	quotes, sources string
	draft           string
	anchor          string // the words before the place of a quote in its source
	exact           string // what an exact anchor is called
}

// checkArticle checks the demo article page in the interface language of
// want. The content (quotes, sources, passages) is the same in every
// interface language; only the labels around it change.
func checkArticle(t *testing.T, v articleView, want uiLabels) {
	t.Helper()
	if v.Lang != want.lang || v.Path != "/articles/1" {
		t.Fatalf("page %s in %q, want /articles/1 in %q", v.Path, v.Lang, want.lang)
	}
	if v.User != "Demo Translator" {
		t.Errorf("current user = %q, want Demo Translator", v.User)
	}
	if strings.Join(v.Nav, "|") != strings.Join(want.nav, "|") {
		t.Errorf("nav = %q, want %q", v.Nav, want.nav)
	}
	if v.QuotesHeading != want.quotes || v.SourcesHeading != want.sources {
		t.Errorf("headings = %q and %q, want %q and %q", v.QuotesHeading, v.SourcesHeading, want.quotes, want.sources)
	}

	if len(v.Quotes) != 2 {
		t.Fatalf("%d quotes shown, want 2: %+v", len(v.Quotes), v.Quotes)
	}
	renderingOf := map[string]string{}
	for i, pair := range [][2]string{{demoOriginal1, demoRendering1}, {demoOriginal2, demoRendering2}} {
		q := v.Quotes[i]
		if !strings.Contains(q.Original, pair[0]) || q.OriginalLang != "es-MX" || !q.OriginalShown {
			t.Errorf("quote %d: original %q (lang %q, shown %v), want %q in es-MX, shown", i+1, q.Original, q.OriginalLang, q.OriginalShown, pair[0])
		}
		if !strings.Contains(q.Rendering, pair[1]) || q.RenderingLang != "en" || !q.RenderingShow {
			t.Errorf("quote %d: rendering %q (lang %q, shown %v), want %q in en, shown", i+1, q.Rendering, q.RenderingLang, q.RenderingShow, pair[1])
		}
		if q.Status != want.draft {
			t.Errorf("quote %d: status %q, want %q", i+1, q.Status, want.draft)
		}
		checkAnchor(t, i+1, q.Anchor, want)
		renderingOf[q.ID] = pair[1]
	}

	if len(v.Sources) != 2 {
		t.Fatalf("%d sources shown, want 2: %+v", len(v.Sources), v.Sources)
	}
	for i, prefix := range []string{demoSourceFirst, demoSourceOther} {
		if s := v.Sources[i]; !strings.HasPrefix(s.Title, prefix) || !s.Shown {
			t.Errorf("source %d: %q (shown %v), want a title starting %q", i+1, s.Title, s.Shown, prefix)
		}
	}

	// Each quote is highlighted in the body where the article renders it,
	// and the highlight points at that quote.
	marked := map[string]bool{}
	for _, m := range v.Marks {
		if r, ok := renderingOf[m.QuoteID]; ok && m.Text == r && m.Shown {
			marked[m.QuoteID] = true
		}
	}
	if len(marked) != 2 {
		t.Errorf("passages marked in the body: %+v; want the renderings of both quotes %v", v.Marks, renderingOf)
	}
}

// anchorLine is the line under a quote that says where it is in its source.
var anchorLine = regexp.MustCompile(`^([^:]*): ([^·]*) · `)

// checkAnchor checks that line ("Anchor in source: exact · Anchor in
// article: exact") in the interface language. The state of the anchor is a
// word of the interface like any other: in Spanish it must not be the
// English name of the state.
func checkAnchor(t *testing.T, n int, line string, want uiLabels) {
	t.Helper()
	m := anchorLine.FindStringSubmatch(line)
	if m == nil || m[1] != want.anchor {
		t.Errorf("quote %d: anchor line %q, want \"%s: state · …\"", n, line, want.anchor)
		return
	}
	switch {
	case want.exact != "" && m[2] != want.exact:
		t.Errorf("quote %d: anchor state %q, want %q", n, m[2], want.exact)
	case want.exact == "" && slices.Contains([]string{"exact", "approximate", "lost"}, m[2]):
		t.Errorf("quote %d: anchor state %q is not translated into %s", n, m[2], want.lang)
	}
}

// screenshot saves a full-page PNG. They go to the test's temporary
// folder, which go test removes; set COTEJO_SCREENSHOT_DIR to keep them
// (for example as CI artifacts, or to look at them).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	// Quality 100 makes chromedp ask for PNG; any other quality is JPEG.
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	writeShot(t, name, buf)
}

// writeShot writes a screenshot where screenshot says.
func writeShot(t *testing.T, name string, buf []byte) {
	t.Helper()
	if !bytes.HasPrefix(buf, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("%s: the screenshot is not a PNG", name)
	}
	dir := os.Getenv("COTEJO_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// TestBrowserWorkbench is the translator's journey of the workbench: the
// passage "We don't want intervention from any foreign government" has no
// quote (the test deletes the demo's); the translator opens it, captures the
// original by selecting it in the La Razón report, saves with Ctrl+Enter,
// and sees the passage linked, with the original anchored exactly.
func TestBrowserWorkbench(t *testing.T) {
	chromium := testenv.Chromium(t)
	in := start(t, "--demo", "--data", t.TempDir())
	const passage = "We don't want intervention from any foreign government"
	const original = "nosotros no queremos intervención de ningún gobierno extranjero"
	tok := in.token(t, "translator@demo.cotejo")
	deleteDemoQuote(t, in, tok)
	var src struct {
		Text string `json:"text"`
	}
	in.getJSON(t, tok, "/api/v1/sources/1", &src)
	at := strings.Index(src.Text, original)
	wantStart := utf8.RuneCountInString(src.Text[:at])
	wantEnd := wantStart + utf8.RuneCountInString(original)

	ctx := newBrowser(t, chromium, in.URL, "en-US", "en-US,en")
	do(t, ctx, chromedp.Navigate(in.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "translator@demo.cotejo"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), testPassword))
	navigateBy(t, ctx, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)))
	navigateBy(t, ctx, chromedp.Navigate(in.URL+"/articles/1"))

	// The passage is unlinked; a click opens the editor with it as the rendering.
	unlinked := testenv.Eval[[]string](t, ctx, `[...document.querySelectorAll("section.body a.passage.unlinked")].map(a => a.textContent)`)
	if !slices.Contains(unlinked, passage) {
		t.Fatalf("unlinked passages %q lack %q", unlinked, passage)
	}
	navigateBy(t, ctx, chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll("section.body a.passage.unlinked")].find(a => a.textContent === `+strconv.Quote(passage)+`).click()`))
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#quote-form`)))
	if got := testenv.Eval[string](t, ctx, `document.querySelector("#quote-form textarea[name=rendering]").value`); got != passage {
		t.Fatalf("the editor's rendering is %q", got)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#quote-form input[name=speaker]`), "Claudia Sheinbaum"))

	// Select the original in the evidence, as a mouse would, and let go.
	selected := testenv.Eval[string](t, ctx, `(() => {
	  const ev = document.querySelector("[data-role=evidence]");
	  const want = `+strconv.Quote(original)+`;
	  const walker = document.createTreeWalker(ev, NodeFilter.SHOW_TEXT);
	  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
	    const i = n.data.indexOf(want);
	    if (i < 0) continue;
	    const r = document.createRange();
	    r.setStart(n, i); r.setEnd(n, i + want.length + 1); // a trailing character, as a hand selects
	    const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
	    ev.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
	    return s.toString();
	  }
	  return "";
	})()`)
	if selected == "" {
		t.Fatal("the original is not in the evidence pane")
	}
	form := testenv.Eval[map[string]string](t, ctx, `(() => { const f = document.getElementById("quote-form");
	  return {original: f.original.value, start: f.source_start.value, end: f.source_end.value, source: f.source_id.value}; })()`)
	if form["original"] != original || form["start"] != strconv.Itoa(wantStart) || form["end"] != strconv.Itoa(wantEnd) || form["source"] != "1" {
		t.Fatalf("the selection filled the form with %v; want %q at %d–%d of source 1", form, original, wantStart, wantEnd)
	}

	// Ctrl+Enter saves and goes on.
	do(t, ctx, chromedp.Focus(chromedp.CSS(`#quote-form input[name=speaker]`)))
	navigateBy(t, ctx, chromedp.KeyEvent("\r", chromedp.KeyModifiers(kb.ModifierCtrl)))
	linked := testenv.Eval[[]string](t, ctx, `[...document.querySelectorAll("section.body a.passage.linked")].map(a => a.textContent)`)
	if !slices.Contains(linked, passage) {
		t.Fatalf("after saving, the linked passages are %q", linked)
	}
	if flash := text(t, ctx, ".flash"); flash != "Saved. Next: quote #2 “collaboration and coordination without subordination”" {
		t.Fatalf("flash %q", flash)
	}
	screenshot(t, ctx, "workbench-linked.png")

	var quotes []struct {
		Speaker      string         `json:"speaker"`
		Original     map[string]any `json:"original"`
		SourceAnchor struct {
			Start, End int
			State      string
		} `json:"source_anchor"`
		ArticleAnchor struct{ State string } `json:"article_anchor"`
	}
	in.getJSON(t, tok, "/api/v1/articles/1/quotes", &quotes)
	last := quotes[len(quotes)-1]
	if last.Speaker != "Claudia Sheinbaum" || last.Original["text"] != original || last.SourceAnchor.Start != wantStart ||
		last.SourceAnchor.End != wantEnd || last.SourceAnchor.State != "exact" || last.ArticleAnchor.State != "exact" {
		t.Fatalf("the saved quote: %+v", last)
	}

	// Saving went on to the next passage waiting for a translator: the
	// demo's other quote, still a draft. Alt+↑ goes back to the quote just
	// saved, Alt+↓ forward again.
	after := testenv.Eval[string](t, ctx, `location.pathname + location.search`)
	if after != "/articles/1?quote=2" {
		t.Fatalf("after saving, the workbench is at %s, want the next draft quote (2)", after)
	}
	navigateBy(t, ctx, chromedp.KeyEvent(kb.ArrowUp, chromedp.KeyModifiers(kb.ModifierAlt)))
	if got := testenv.Eval[string](t, ctx, `document.getElementById("quote-form").rendering.value`); got != passage {
		t.Fatalf("Alt+Up from %s opened the quote rendered %q, want the one just saved", after, got)
	}
	// Alt+C puts the located original, with its place, back into the form.
	testenv.Eval[bool](t, ctx, `(() => { const f = document.getElementById("quote-form");
	  f.original.value = ""; f.source_start.value = ""; f.source_end.value = ""; return true; })()`)
	do(t, ctx, chromedp.KeyEvent("c", chromedp.KeyModifiers(kb.ModifierAlt)))
	form = testenv.Eval[map[string]string](t, ctx, `(() => { const f = document.getElementById("quote-form");
	  return {original: f.original.value, start: f.source_start.value, end: f.source_end.value}; })()`)
	if form["original"] != original || form["start"] != strconv.Itoa(wantStart) || form["end"] != strconv.Itoa(wantEnd) {
		t.Fatalf("Alt+C filled the form with %v; want %q at %d–%d", form, original, wantStart, wantEnd)
	}
	// The checks follow what is typed: dropping the negation is flagged
	// before anything is saved, in the page's language.
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`#quote-form textarea[name=rendering]`), "We want intervention from any foreign government"),
		chromedp.WaitVisible(chromedp.CSS(`[data-role=live-checks] li[data-code="negation_mismatch"]`)))
	if got := text(t, ctx, `[data-role=live-checks] li[data-code="negation_mismatch"]`); got != "One text is negated and the other is not." {
		t.Fatalf("the live check says %q", got)
	}
	navigateBy(t, ctx, chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(kb.ModifierAlt)))
	if got := testenv.Eval[string](t, ctx, `location.pathname + location.search`); got != after {
		t.Fatalf("Alt+Down went to %s, want back to %s", got, after)
	}
}

// loginAs logs a browser in through the login form.
func loginAs(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`form[action="/login"] input[name=email]`), email),
		chromedp.SendKeys(chromedp.CSS(`form[action="/login"] input[name=password]`), testPassword))
	if resp := navigateBy(t, ctx, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`))); pathOf(t, resp.URL) != "/articles" {
		t.Fatalf("logging in as %s: ended on %s", email, resp.URL)
	}
}

// has reports whether an element matches sel on the current page.
func has(t *testing.T, ctx context.Context, sel string) bool {
	t.Helper()
	return testenv.Eval[bool](t, ctx, `document.querySelector(`+strconv.Quote(sel)+`) !== null`)
}

// move clicks the button of a quote's move on the quote page and checks
// the quote's new status. Before verifying, it lets every warning stand
// with a reason, as a reviewer who read them would; an error would block.
// The move goes on to the next quote that waits, if any: move returns the
// flash it said there, and comes back to the quote.
func move(t *testing.T, ctx context.Context, to, wantStatus string) string {
	t.Helper()
	here := testenv.Eval[string](t, ctx, `location.href`)
	btn := `#transition-form button[data-move="` + to + `"]`
	if !has(t, ctx, btn) {
		t.Fatalf("no %q button on %s", to, testenv.Eval[string](t, ctx, `location.pathname`))
	}
	if to == "verified" {
		if errs := testenv.Eval[[]string](t, ctx, `[...document.querySelectorAll("li.finding.sev-error")].map(li => li.dataset.code)`); len(errs) > 0 {
			t.Fatalf("errors block the verification: %v", errs)
		}
		warnings := testenv.Eval[[]string](t, ctx, `[...document.querySelectorAll("li.finding.sev-warning input[name=override]")].map(i => i.value)`)
		for _, code := range warnings {
			do(t, ctx, chromedp.Click(chromedp.CSS(`input[name=override][value="`+code+`"]`)))
		}
		if len(warnings) > 0 {
			do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#transition-form textarea[name=reason]`), "Checked against the transcript: the rendering is faithful."))
		}
	}
	resp := navigateBy(t, ctx, chromedp.Click(chromedp.CSS(btn)))
	if resp.Status != 200 {
		t.Fatalf("%s: %d, with %q", to, resp.Status, testenv.Eval[string](t, ctx, `(document.querySelector(".error")||{}).textContent||""`))
	}
	flash := testenv.Eval[string](t, ctx, `(document.querySelector(".flash")||{}).textContent||""`)
	if testenv.Eval[string](t, ctx, `location.href`) != here {
		navigateBy(t, ctx, chromedp.Navigate(here))
	}
	if got := text(t, ctx, `[data-testid=quote-status]`); got != wantStatus {
		t.Fatalf("after %q the quote is %q, want %q", to, got, wantStatus)
	}
	return flash
}

// TestBrowserReviewJourneys follows a quote through review in a real
// browser: the translator marks it translated and cannot verify it (neither
// on the page nor through the API); the reviewer, in another browser
// context, verifies it; the editor approves it, is refused the article's
// approval while another quote waits, and approves the article once the
// rest is done.
func TestBrowserReviewJourneys(t *testing.T) {
	chromium := testenv.Chromium(t)
	in := start(t, "--demo", "--data", t.TempDir())
	trans := newBrowser(t, chromium, in.URL, "en-US", "en-US,en")
	loginAs(t, trans, in.URL, "translator@demo.cotejo")

	// (1) The translator opens the first quote from the workbench and marks it translated.
	navigateBy(t, trans, chromedp.Navigate(in.URL+"/articles/1"))
	resp := navigateBy(t, trans, chromedp.Click(chromedp.CSS(`#quote-1 a.review-link`)))
	if p := pathOf(t, resp.URL); p != "/quotes/1" || resp.Status != 200 {
		t.Fatalf("the quote page: %d %s", resp.Status, p)
	}
	if got := text(t, trans, `[data-testid=original]`); !strings.Contains(got, demoOriginal1) {
		t.Fatalf("the quote page shows the original %q", got)
	}
	// Marking it translated went on to the next quote waiting for the
	// translator, and said so.
	if flash := move(t, trans, "translated", "Translated"); flash != "Marked translated. Next: quote #2 “collaboration and coordination without subordination”" {
		t.Fatalf("flash %q", flash)
	}

	// (2) Four eyes: no Verify button for the translator, and the API says 403.
	if has(t, trans, `button[data-move="verified"]`) {
		t.Fatal("the translator sees Verify on a quote they translated")
	}
	ttok := in.token(t, "translator@demo.cotejo")
	var q1 struct {
		Version int `json:"version"`
	}
	in.getJSON(t, ttok, "/api/v1/quotes/1", &q1)
	if status, body := sendJSON(t, in, ttok, http.MethodPost, "/api/v1/quotes/1/transition", fmt.Sprintf(`{"to":"verified","version":%d}`, q1.Version)); status != http.StatusForbidden {
		t.Fatalf("the translator verifies through the API: %d %s", status, body)
	}

	// (3) The reviewer, in a browser context of their own, finds the quote in
	// their queue and verifies it.
	rev := newSession(t, trans, nil)
	loginAs(t, rev, in.URL, "reviewer@demo.cotejo")
	navigateBy(t, rev, chromedp.Navigate(in.URL+"/queue"))
	if !has(t, rev, `[data-testid=queue-item][data-quote-id="1"]`) || has(t, rev, `[data-testid=queue-item][data-quote-id="2"]`) {
		t.Fatal("the reviewer's queue: want the translated quote 1 and not the draft 2")
	}
	navigateBy(t, rev, chromedp.Click(chromedp.CSS(`[data-quote-id="1"] .queue-quote a[href="/quotes/1"]`)))
	move(t, rev, "verified", "Verified")
	screenshot(t, rev, "quote-verified.png")

	// (4) The editor approves it.
	ed := newSession(t, trans, map[string]int{"/articles/1/transition": http.StatusUnprocessableEntity})
	loginAs(t, ed, in.URL, "editor@demo.cotejo")
	navigateBy(t, ed, chromedp.Navigate(in.URL+"/quotes/1"))
	move(t, ed, "approved", "Approved")

	// (5) The article cannot be approved yet: the page says why. To have an
	// unlinked passage among the blockers, the translator takes back one of
	// the demo's not-a-translated-quote marks.
	var passages []struct {
		Text     string
		Ignored  bool
		IgnoreID int64 `json:"ignore_id"`
	}
	if status, out := sendJSON(t, in, ttok, http.MethodGet, "/api/v1/articles/1/passages", ""); status != http.StatusOK {
		t.Fatalf("passages: %d %s", status, out)
	} else if err := json.Unmarshal([]byte(out), &passages); err != nil {
		t.Fatal(err)
	}
	unmarked := ""
	for _, p := range passages {
		if p.Ignored && unmarked == "" {
			unmarked = p.Text
			if status, out := sendJSON(t, in, ttok, http.MethodDelete, fmt.Sprintf("/api/v1/articles/1/passages/ignore/%d", p.IgnoreID), ""); status != http.StatusNoContent {
				t.Fatalf("undoing a mark: %d %s", status, out)
			}
		}
	}
	if unmarked == "" {
		t.Fatal("the demo has no passage marked not a translated quote")
	}
	// The approval is held, disabled beside the blockers it waits for.
	navigateBy(t, ed, chromedp.Navigate(in.URL+"/articles/1/readiness"))
	if !testenv.Eval[bool](t, ed, `document.querySelector('#article-transition button[value="approved"]').disabled`) {
		t.Fatal("the article's approval is enabled while blockers remain")
	}
	if got := text(t, ed, `[data-testid=held]`); got != "Approval waits for the 2 problems listed above." {
		t.Fatalf("beside the held approval: %q", got)
	}
	blockers := testenv.Eval[[]string](t, ed, `[...document.querySelectorAll(".blockers li.blocker a")].map(a => a.getAttribute("href"))`)
	if !slices.Contains(blockers, "/quotes/2") {
		t.Fatalf("the blockers %q do not name quote 2", blockers)
	}
	if got := text(t, ed, `.blockers li.blocker[data-kind=unlinked_passage]`); !strings.Contains(got, unmarked) {
		t.Fatalf("the unlinked passage %q is not among the blockers: %q", unmarked, got)
	}
	if got := text(t, ed, `[data-testid=article-status]`); got != "Draft" {
		t.Fatalf("the refused article is %q", got)
	}
	screenshot(t, ed, "article-blocked.png")

	// (6) The rest: quote 2 through its life by the right people, any
	// unlinked passage marked, then the article approved on the workbench.
	navigateBy(t, trans, chromedp.Navigate(in.URL+"/quotes/2"))
	move(t, trans, "translated", "Translated")
	navigateBy(t, rev, chromedp.Navigate(in.URL+"/quotes/2"))
	move(t, rev, "verified", "Verified") // lets the demo's partial-quote warning stand
	navigateBy(t, ed, chromedp.Navigate(in.URL+"/quotes/2"))
	move(t, ed, "approved", "Approved")
	var ready struct {
		Unlinked []struct{ Start, End int } `json:"unlinked_passages"`
	}
	in.getJSON(t, ttok, "/api/v1/articles/1/readiness", &ready)
	for _, p := range ready.Unlinked {
		body := fmt.Sprintf(`{"start":%d,"end":%d,"reason":"a title or a name"}`, p.Start, p.End)
		if status, out := sendJSON(t, in, ttok, http.MethodPost, "/api/v1/articles/1/passages/ignore", body); status != http.StatusCreated {
			t.Fatalf("marking a passage: %d %s", status, out)
		}
	}
	navigateBy(t, ed, chromedp.Navigate(in.URL+"/articles/1"))
	if !has(t, ed, `[data-testid=approvable]`) {
		t.Fatalf("the workbench still shows blockers: %q", text(t, ed, `[data-testid=readiness]`))
	}
	resp = navigateBy(t, ed, chromedp.Click(chromedp.CSS(`#article-transition button[value="approved"]`)))
	if p := pathOf(t, resp.URL); p != "/articles/1" || resp.Status != 200 {
		t.Fatalf("approving the article: %d %s", resp.Status, p)
	}
	if got := text(t, ed, `[data-testid=article-status]`); got != "Approved" {
		t.Fatalf("the article is %q after approval", got)
	}
	screenshot(t, ed, "article-approved.png")
}

// TestBrowserUsersPage: the demo admin finds the users page in the menu,
// adds a reviewer with the form (roles as checkboxes) and sees them listed;
// the page raises no console error.
func TestBrowserUsersPage(t *testing.T) {
	chromium := testenv.Chromium(t)
	in := start(t, "--demo", "--data", t.TempDir())
	ctx := newBrowser(t, chromium, in.URL, "en-US", "en-US,en")
	loginAs(t, ctx, in.URL, "admin@demo.cotejo")
	resp := navigateBy(t, ctx, chromedp.Click(chromedp.CSS(`nav a[href="/users"]`)))
	if p := pathOf(t, resp.URL); p != "/users" || resp.Status != 200 {
		t.Fatalf("the menu's users link: %d %s", resp.Status, p)
	}
	if n := testenv.Eval[int](t, ctx, `document.querySelectorAll('[data-testid=user]').length`); n != 4 {
		t.Fatalf("%d accounts listed, want the 4 demo users", n)
	}
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(`#new-user input[name=name]`), "Lucía Ortega"),
		chromedp.SendKeys(chromedp.CSS(`#new-user input[name=email]`), "lucia@demo.cotejo"),
		chromedp.Click(chromedp.CSS(`#new-user input[name=roles][value=translator]`)), // ticked by default: untick
		chromedp.Click(chromedp.CSS(`#new-user input[name=roles][value=reviewer]`)),
		chromedp.SendKeys(chromedp.CSS(`#new-user input[name=password]`), testPassword),
	)
	resp = navigateBy(t, ctx, chromedp.Click(chromedp.CSS(`#new-user button[type=submit]`)))
	if p := pathOf(t, resp.URL); p != "/users" || resp.Status != 200 {
		t.Fatalf("after adding: %d %s", resp.Status, p)
	}
	row := testenv.Eval[string](t, ctx, `[...document.querySelectorAll('[data-testid=user]')].map(r => r.innerText).find(t => t.includes('lucia@demo.cotejo')) || ''`)
	if !strings.Contains(row, "Lucía Ortega") || !strings.Contains(row, "Reviewer") || strings.Contains(row, "Translator") {
		t.Fatalf("the new account's row: %q", row)
	}
	screenshot(t, ctx, "users.png")
}

// axeSource returns axe-core, the accessibility engine of the field's audit
// tools: COTEJO_AXE_JS, or node_modules/axe-core/axe.min.js at the
// repository's root (npm install --no-save axe-core). It skips without it,
// or fails when tools are required.
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("COTEJO_AXE_JS")
	if path == "" {
		path = filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		testenv.SkipOrFail(t, "axe-core not found at %s (npm install --no-save axe-core, or set COTEJO_AXE_JS): %v", path, err)
	}
	return string(src)
}

// TestBrowserAccessibility runs axe-core's WCAG 2 A and AA rules on every
// page of the demo, in English and in Spanish, as the people who use them,
// and fails on any violation axe rates serious or critical.
func TestBrowserAccessibility(t *testing.T) {
	chromium := testenv.Chromium(t)
	axe := axeSource(t)
	in := start(t, "--demo", "--data", t.TempDir())
	pages := map[string][]string{
		"":                       {"/login"},
		"translator@demo.cotejo": {"/articles", "/articles/1", "/articles/1?quote=1", "/sources", "/sources/1", "/articles/new", "/sources/new", "/queue"},
		"reviewer@demo.cotejo":   {"/quotes/1", "/quotes/2", "/queue", "/glossary", "/memory?q=intervenci%C3%B3n"},
		"editor@demo.cotejo":     {"/articles/1/readiness", "/articles/1/edit", "/glossary", "/memory"},
		"admin@demo.cotejo":      {"/users"},
	}
	eachVisitor(t, chromium, in, pages, func(t *testing.T, ctx context.Context, lang, _ string, paths []string) {
		for _, p := range paths {
			do(t, ctx, chromedp.Navigate(in.URL+p), chromedp.WaitReady(chromedp.CSS("body")))
			checkAxe(t, ctx, axe, p+" ("+lang+")")
		}
	})
}

// eachVisitor runs visit for each language of the interface and each
// person of pages, who maps the email they log in with ("" for someone
// not logged in) to the paths they open. Each runs as the subtest
// "LANG WHO", in a browser of its own that asks for that language and is
// logged in as that person.
func eachVisitor(t *testing.T, chromium string, in *instance, pages map[string][]string, visit func(t *testing.T, ctx context.Context, lang, who string, paths []string)) {
	t.Helper()
	for _, lang := range []string{"en", "es"} {
		for who, paths := range pages {
			name := who
			if name == "" {
				name = "anonymous"
			}
			t.Run(lang+" "+name, func(t *testing.T) {
				ctx := newBrowser(t, chromium, in.URL, lang, lang)
				if who != "" {
					loginAs(t, ctx, in.URL, who)
				}
				visit(t, ctx, lang, who, paths)
			})
		}
	}
}

// axeViolation is the part of an axe-core violation the test reports.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}
