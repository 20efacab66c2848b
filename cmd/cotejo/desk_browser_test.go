package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/cotejo/cotejo/internal/testenv"
)

// The desk's pages in a real browser: every page fits a phone, a narrow
// window and a desktop; the editor's journey runs with the keyboard alone.

// viewports are the sizes every page must fit: a desktop, a common phone,
// and the narrowest phone in use.
var viewports = []struct {
	name          string
	width, height int64
	mobile        bool
}{
	{"1440x900", 1440, 900, false},
	{"390x844", 390, 844, true},
	{"360x740", 360, 740, true},
}

// deskReady puts the demo where an editor's day starts: both quotes
// translated, the first verified by the reviewer, the second verified too
// with its warning let stand, so that the editor's queue holds two quotes.
func deskReady(t *testing.T, in *instance) {
	t.Helper()
	tr, rv := in.token(t, "translator@demo.cotejo"), in.token(t, "reviewer@demo.cotejo")
	move := func(tok string, id int, body string) {
		t.Helper()
		var q struct{ Version int }
		in.getJSON(t, tok, fmt.Sprintf("/api/v1/quotes/%d", id), &q)
		body = strings.Replace(body, "{", fmt.Sprintf(`{"version":%d,`, q.Version), 1)
		if status, out := sendJSON(t, in, tok, http.MethodPost, fmt.Sprintf("/api/v1/quotes/%d/transition", id), body); status != http.StatusOK {
			t.Fatalf("quote %d %s: %d %s", id, body, status, out)
		}
	}
	for _, id := range []int{1, 2} {
		move(tr, id, `{"to":"translated"}`)
	}
	move(rv, 1, `{"to":"verified"}`)
	move(rv, 2, `{"to":"verified","override":["partial_quote_qualifier"],"reason":"The qualifier is reported in the next sentence."}`)
}

// checkAxe runs axe-core's WCAG 2 A and AA rules on the page of ctx and
// fails on any violation it rates serious or critical.
func checkAxe(t *testing.T, ctx context.Context, axe, what string) {
	t.Helper()
	if !testenv.Eval[bool](t, ctx, `typeof axe !== "undefined"`) {
		testenv.Eval[bool](t, ctx, axe+";true")
	}
	report, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
		.then(r => r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe on %s: %v", what, err)
	}
	for _, v := range report {
		t.Errorf("%s: %s [%s] at %s", what, v.Help, v.ID, strings.Join(v.Nodes, "; "))
	}
}

// TestBrowserDeskPagesFit opens every page of the desk at each viewport, in
// English and Spanish, and fails when anything is wider than the window or
// axe-core finds a serious or critical violation (at a phone's width, where
// the layout differs most); it writes the screenshots of the queue and
// readiness.
func TestBrowserDeskPagesFit(t *testing.T) {
	chromium := testenv.Chromium(t)
	axe := axeSource(t)
	in := start(t, "--demo", "--data", t.TempDir())
	deskReady(t, in)
	// A source with a long title and a long unbroken word, attached from
	// the sources page: it must not widen the page.
	long := strings.Repeat("Conferencia de prensa matutina de la Presidenta ", 4) + "https://www.gob.mx/presidencia/prensa/version-estenografica-de-la-conferencia-de-prensa-matutina-del-18-de-noviembre-de-2025"
	ed := in.token(t, "editor@demo.cotejo")
	if status, out := sendJSON(t, in, ed, http.MethodPost, "/api/v1/sources", `{"title":"`+long+`","kind":"transcript","language":"es","text":"PRESIDENTA: Buenos días."}`); status != http.StatusCreated {
		t.Fatalf("a source with a long title: %d %s", status, out)
	}
	// The import report is the answer to a form: an XLIFF exported from the
	// article, sent back through the article's import form.
	xliff := filepath.Join(t.TempDir(), "article-1.xlf")
	req, _ := http.NewRequest(http.MethodGet, in.URL+"/api/v1/articles/1/export?format=xliff12&draft=1", nil)
	req.Header.Set("Authorization", "Bearer "+ed)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if err := os.WriteFile(xliff, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	pages := map[string][]string{
		"":                   {"/login"},
		"editor@demo.cotejo": {"/articles", "/articles?q=zzzz", "/sources", "/sources?article=1", "/sources/1", "/sources/new", "/sources/1/edit", "/queue", "/articles/1/readiness", "/glossary", "/glossary?q=gobierno", "/memory", "/memory?q=intervenci%C3%B3n&mode=concordance"},
		"admin@demo.cotejo":  {"/users", "/account"},
	}
	eachVisitor(t, chromium, in, pages, func(t *testing.T, ctx context.Context, lang, who string, paths []string) {
		for _, vp := range viewports {
			testenv.Viewport(t, ctx, vp.width, vp.height, vp.mobile)
			if who == "editor@demo.cotejo" {
				do(t, ctx, chromedp.Navigate(in.URL+"/articles/1"), chromedp.WaitReady(chromedp.CSS("body")),
					chromedp.SetUploadFiles(chromedp.CSS(`form[action="/articles/1/import"] input[type=file]`), []string{xliff}))
				navigateBy(t, ctx, chromedp.Submit(chromedp.CSS(`form[action="/articles/1/import"]`)))
				if !has(t, ctx, `[data-testid=import-summary]`) {
					t.Fatalf("no import report: %s", testenv.Eval[string](t, ctx, `document.body.innerText`))
				}
				testenv.FitsViewport(t, ctx, fmt.Sprintf("the import report at %s (%s)", vp.name, lang))
			}
			for _, p := range paths {
				do(t, ctx, chromedp.Navigate(in.URL+p), chromedp.WaitReady(chromedp.CSS("body")))
				testenv.FitsViewport(t, ctx, fmt.Sprintf("%s at %s (%s)", p, vp.name, lang))
				if vp.name == "390x844" {
					checkAxe(t, ctx, axe, fmt.Sprintf("%s at %s (%s)", p, vp.name, lang))
				}
				if vp.name != "360x740" && who == "editor@demo.cotejo" && (p == "/queue" || p == "/articles/1/readiness") {
					shot := strings.Trim(strings.NewReplacer("/", "-", "articles-1-", "").Replace(p), "-")
					screenshot(t, ctx, fmt.Sprintf("%s-%s-%s.png", shot, vp.name, lang))
				}
				if p == "/glossary" || p == "/users" {
					// A row opened for editing keeps the table readable
					// beside it, and fits.
					do(t, ctx, chromedp.Click(chromedp.CSS(`tbody tr:first-child details summary`), chromedp.NodeVisible))
					testenv.FitsViewport(t, ctx, fmt.Sprintf("%s with a row open at %s (%s)", p, vp.name, lang))
					if broken := testenv.Eval[[]string](t, ctx, brokenWordsJS); len(broken) > 0 {
						t.Errorf("%s with a row open at %s (%s): words broken across lines: %q", p, vp.name, lang, broken)
					}
					if vp.name != "360x740" {
						screenshot(t, ctx, fmt.Sprintf("%s-edit-%s-%s.png", strings.Trim(p, "/"), vp.name, lang))
					}
				}
			}
		}
	})
}

// brokenWordsJS lists the words of a list's headings and cells that stand
// on more than one line: a column squeezed below its longest word. The
// edit form open in a row is not a column's text.
const brokenWordsJS = `(() => {
  const out = [];
  for (const el of document.querySelectorAll("table.list th, table.list td")) {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT,
      {acceptNode: n => n.parentElement.closest("details, form") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      for (const m of n.data.matchAll(/[\p{L}\p{N}]{4,}/gu)) {
        const r = document.createRange();
        r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].map(c => Math.round(c.top)));
        if (tops.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
})()`

// tabTo presses Tab until the focused element matches sel, as a person
// without a mouse moves through a page, and fails when it never does.
func tabTo(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	is := `(document.activeElement && document.activeElement.matches(` + strconv.Quote(sel) + `))`
	for range 120 {
		if testenv.Eval[bool](t, ctx, is) {
			return
		}
		do(t, ctx, chromedp.KeyEvent(kb.Tab))
	}
	t.Fatalf("Tab never reaches %s on %s", sel, testenv.Eval[string](t, ctx, `location.pathname`))
}

// press presses Enter on the focused element and waits for the page it loads.
func pressEnter(t *testing.T, ctx context.Context) {
	t.Helper()
	if resp := navigateBy(t, ctx, chromedp.KeyEvent(kb.Enter)); resp.Status >= 400 {
		t.Fatalf("Enter loaded %s with %d", resp.URL, resp.Status)
	}
}

// TestBrowserEditorKeyboardJourney: the editor's day with the keyboard
// alone, at a phone's size: from the queue to the article's readiness,
// every verified quote approved at once, the article approved, and the
// final export, clean now, reached from the same page.
func TestBrowserEditorKeyboardJourney(t *testing.T) {
	chromium := testenv.Chromium(t)
	in := start(t, "--demo", "--data", t.TempDir())
	deskReady(t, in)
	ctx := newBrowser(t, chromium, in.URL, "en-US", "en-US,en")
	testenv.Viewport(t, ctx, 390, 844, true)

	// Log in by keyboard.
	do(t, ctx, chromedp.Navigate(in.URL+"/queue"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)))
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "editor@demo.cotejo"+kb.Tab+testPassword))
	pressEnter(t, ctx)
	if p := testenv.Eval[string](t, ctx, `location.pathname`); p != "/queue" {
		t.Fatalf("after logging in: %s, want back on the queue", p)
	}
	if n := testenv.Eval[int](t, ctx, `document.querySelectorAll("[data-testid=queue-item]").length`); n != 2 {
		t.Fatalf("the editor's queue holds %d quotes, want the 2 verified", n)
	}
	if got := text(t, ctx, `.queue-group h2 .count`); got != "2 quotes" {
		t.Fatalf("the queue counts %q", got)
	}

	// To the article's readiness, from the first quote.
	tabTo(t, ctx, `[data-testid=queue-readiness]`)
	pressEnter(t, ctx)
	if has(t, ctx, `[data-testid=approvable]`) {
		t.Fatal("nothing blocks before the quotes are approved")
	}
	if !testenv.Eval[bool](t, ctx, `document.querySelector('#article-transition button[value="approved"]').disabled`) {
		t.Fatal("the article's approval is enabled while quotes wait")
	}
	// Approve every verified quote at once.
	tabTo(t, ctx, `[data-testid=approve-verified]`)
	pressEnter(t, ctx)
	if got := text(t, ctx, `[data-testid=approvals] h3`); got != "2 quotes approved" {
		t.Fatalf("the report says %q", got)
	}
	if !has(t, ctx, `[data-testid=approvable]`) {
		t.Fatalf("blockers remain: %q", text(t, ctx, `[data-testid=readiness]`))
	}
	testenv.FitsViewport(t, ctx, "readiness after approving all")
	screenshot(t, ctx, "readiness-approved-quotes-390x844-en.png")

	// Approve the article, from the same page.
	tabTo(t, ctx, `#article-transition button[value="approved"]:not([disabled])`)
	pressEnter(t, ctx)
	if got := text(t, ctx, `[data-testid=article-status]`); got != "Approved" {
		t.Fatalf("the article is %q", got)
	}

	// The final export is on the same page, clean now: no stamp, both quotes.
	tabTo(t, ctx, `a[data-testid=export-final][data-format=xliff12]`)
	href := testenv.Eval[string](t, ctx, `document.activeElement.href`)
	body, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(`+strconv.Quote(href)+`).then(r => r.text())`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(body, "NOT APPROVED") || !strings.Contains(body, demoRendering1) || !strings.Contains(body, demoRendering2) {
		t.Fatalf("the final XLIFF after approval:\n%s", body)
	}
	screenshot(t, ctx, "readiness-article-approved-390x844-en.png")
}

// TestBrowserConflictSaidOnce: an editor's save refused because someone
// else saved first, in the glossary, the article form and the source form,
// at a desk's and a phone's size. The page answers 409 with one alert, the
// conflict box beside the saved version; what was typed is still in the
// form; the page fits its window.
func TestBrowserConflictSaidOnce(t *testing.T) {
	chromium := testenv.Chromium(t)
	in := start(t, "--demo", "--data", t.TempDir())
	ed := in.token(t, "editor@demo.cotejo")
	type versioned struct {
		ID      int64 `json:"id"`
		Version int   `json:"version"`
	}
	// The glossary is read as a list (it has no GET by id); the first term
	// is the one the test edits.
	termVersion := func() versioned {
		var terms []versioned
		in.getJSON(t, ed, "/api/v1/glossary", &terms)
		if len(terms) == 0 {
			t.Fatal("the demo has no glossary")
		}
		return terms[0]
	}
	version := func(path string) func() int {
		return func() int {
			var v versioned
			in.getJSON(t, ed, path, &v)
			return v.Version
		}
	}
	term := termVersion().ID
	forms := []struct {
		name, page, open, field, api, theirs string
		version                              func() int
	}{
		{"glossary", "/glossary", fmt.Sprintf(`#term-%d details summary`, term), fmt.Sprintf(`#term-%d form[action$="/edit"] input[name=note]`, term),
			fmt.Sprintf("/api/v1/glossary/%d", term), `"note":"Changed at the other desk at %s."`, func() int { return termVersion().Version }},
		{"article", "/articles/1/edit", "", `textarea[name=body]`, "/api/v1/articles/1", `"dek":"Changed at the other desk at %s."`, version("/api/v1/articles/1")},
		{"source", "/sources/1/edit", "", `textarea[name=text]`, "/api/v1/sources/1", `"title":"Changed at the other desk at %s"`, version("/api/v1/sources/1")},
	}
	refusals := map[string]int{}
	for _, f := range forms {
		refusals[strings.TrimPrefix(f.api, "/api/v1")+"/edit"] = http.StatusConflict
	}
	ctx := newSession(t, newBrowser(t, chromium, in.URL, "en-US", "en-US,en"), refusals)
	loginAs(t, ctx, in.URL, "editor@demo.cotejo")
	for _, vp := range viewports[:2] {
		testenv.Viewport(t, ctx, vp.width, vp.height, vp.mobile)
		for _, f := range forms {
			what := fmt.Sprintf("the %s form at %s", f.name, vp.name)
			do(t, ctx, chromedp.Navigate(in.URL+f.page), chromedp.WaitReady(chromedp.CSS("body")))
			if f.open != "" {
				do(t, ctx, chromedp.Click(chromedp.CSS(f.open), chromedp.NodeVisible))
			}
			typed := " Typed at this desk " + vp.name + "."
			do(t, ctx, chromedp.SendKeys(chromedp.CSS(f.field), typed, chromedp.NodeVisible))
			// Someone else saves the same thing in the meantime (a change
			// of their own: a save that changes nothing keeps the version).
			if status, out := sendJSON(t, in, ed, http.MethodPatch, f.api, fmt.Sprintf(`{"version":%d,`+f.theirs+`}`, f.version(), vp.name)); status != http.StatusOK {
				t.Fatalf("%s: the other desk's save: %d %s", what, status, out)
			}
			resp := navigateBy(t, ctx, chromedp.Submit(chromedp.CSS(f.field)))
			if resp.Status != http.StatusConflict {
				t.Fatalf("%s: %d, want 409", what, resp.Status)
			}
			alerts := testenv.Eval[[]string](t, ctx, `[...document.querySelectorAll('[role=alert]')].map(e => e.dataset.testid || e.className)`)
			if len(alerts) != 1 || alerts[0] != "conflict" {
				t.Errorf("%s: the alerts are %q, want the conflict box alone", what, alerts)
			}
			if got := testenv.Eval[string](t, ctx, `document.querySelector(`+strconv.Quote(f.field)+`).value`); !strings.Contains(got, strings.TrimSpace(typed)) {
				t.Errorf("%s: what was typed is gone: %q", what, got)
			}
			testenv.FitsViewport(t, ctx, what)
			screenshot(t, ctx, fmt.Sprintf("conflict-%s-%s.png", f.name, vp.name))
		}
	}
}
