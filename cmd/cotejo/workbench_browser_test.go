package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/cotejo/cotejo/internal/testenv"
)

// The browser tests of the desk's two workplaces, the workbench and the
// quote page: one workspace per quote, nothing typed lost, the keyboard
// journeys of a translator and a reviewer, the player, and the pages at a
// desk's and a phone's sizes.

// shot saves what the window shows (not the whole page: a desk's journey
// must fit it), as screenshot does.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	writeShot(t, name, buf)
}

// picture saves the window at a desk's size (what fits it is what counts),
// the whole page at a phone's (where it is read by scrolling).
func picture(t *testing.T, ctx context.Context, whole bool, name string) {
	t.Helper()
	if whole {
		screenshot(t, ctx, name)
		return
	}
	shot(t, ctx, name)
}

// TestBrowserWorkbenchScreens looks at the article, the workbench with a
// quote open (and with the candidates of a search from the English) and
// the quote page of a quote waiting for review, as a translator and a
// reviewer, at a desk's size and two phones' (390 and 360 px), in English
// and Spanish: nothing is wider than the window, axe-core finds nothing
// serious, and the screenshots are written for a person to look at.
func TestBrowserWorkbenchScreens(t *testing.T) {
	chromium := testenv.Chromium(t)
	axe := axeSource(t)
	in := start(t, "--demo", "--data", t.TempDir())
	moveAPI(t, in, in.token(t, "translator@demo.cotejo"), 2, "translated", "")
	audit := func(t *testing.T, ctx context.Context, where string) {
		t.Helper()
		testenv.FitsViewport(t, ctx, where)
		checkAxe(t, ctx, axe, where)
	}
	for _, lang := range []string{"en", "es"} {
		t.Run(lang, func(t *testing.T) {
			ctx := newBrowser(t, chromium, in.URL, lang, lang)
			loginAs(t, ctx, in.URL, "translator@demo.cotejo")
			rev := newSession(t, ctx, nil)
			loginAs(t, rev, in.URL, "reviewer@demo.cotejo")
			for _, sz := range viewports {
				testenv.Viewport(t, ctx, sz.width, sz.height, sz.mobile)
				look := func(ctx context.Context, path, name, what string, then ...chromedp.Action[chromedp.Void]) {
					t.Helper()
					navigateBy(t, ctx, chromedp.Navigate(in.URL+path))
					for _, a := range then {
						navigateBy(t, ctx, a)
					}
					audit(t, ctx, what+" at "+sz.name)
					picture(t, ctx, sz.mobile, name+"-"+lang+"-"+sz.name+".png")
				}
				look(ctx, "/articles/1", "article", "the article")
				look(ctx, "/articles/1?quote=1", "workbench", "the workbench")
				look(ctx, "/articles/1?quote=1", "workbench-find", "the workbench's candidates", chromedp.KeyEvent("f", chromedp.KeyModifiers(kb.ModifierAlt)))
				testenv.Viewport(t, rev, sz.width, sz.height, sz.mobile)
				look(rev, "/quotes/2", "quote", "the quote page")
				look(rev, "/articles/1?quote=2&sq=intervenci%C3%B3n", "workbench-review", "the reviewer's workbench with a search")
			}
		})
	}
}

// key presses a key, with modifiers, as a keyboard does.
func key(t *testing.T, ctx context.Context, k string, mods ...kb.Modifier) {
	t.Helper()
	do(t, ctx, keyEvent(k, mods))
}

// keyTo presses a key that makes the page navigate, and waits for the new page.
func keyTo(t *testing.T, ctx context.Context, k string, mods ...kb.Modifier) *network.Response {
	t.Helper()
	return navigateBy(t, ctx, keyEvent(k, mods))
}

func keyEvent(k string, mods []kb.Modifier) chromedp.Action[chromedp.Void] {
	var m kb.Modifier
	for _, x := range mods {
		m |= x
	}
	return chromedp.KeyEvent(k, chromedp.KeyModifiers(m))
}

// loginByKeyboard logs in by typing, Enter sending the form.
func loginByKeyboard(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`form[action="/login"] input[name=email]`), email),
		chromedp.SendKeys(chromedp.CSS(`form[action="/login"] input[name=password]`), testPassword))
	if resp := keyTo(t, ctx, "\r"); pathOf(t, resp.URL) != "/articles" {
		t.Fatalf("logging in as %s: ended on %s", email, resp.URL)
	}
}

// here is the page's path and query.
func here(t *testing.T, ctx context.Context) string {
	t.Helper()
	return testenv.Eval[string](t, ctx, `location.pathname + location.search`)
}

// inWindowJS lists, of the given selectors, those not wholly in the window
// (or shown less than min pixels high).
const inWindowJS = `((sels, min) => sels.filter(s => {
  const el = document.querySelector(s);
  if (!el) return true;
  const r = el.getBoundingClientRect();
  return r.top < 0 || r.bottom > window.innerHeight + 1 || r.left < 0 || r.right > window.innerWidth + 1 || r.height < min;
}))`

// inWindow fails unless each selector's element is in the window.
func inWindow(t *testing.T, ctx context.Context, min int, sels ...string) {
	t.Helper()
	b, _ := json.Marshal(sels)
	if out := testenv.Eval[[]string](t, ctx, inWindowJS+`(`+string(b)+`, `+strconv.Itoa(min)+`)`); len(out) > 0 {
		t.Fatalf("at %s, not in the window: %v", here(t, ctx), out)
	}
}

// formValue reads a field of the editor's form.
func formValue(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	return testenv.Eval[string](t, ctx, `document.getElementById("quote-form").elements[`+strconv.Quote(name)+`].value`)
}

// flashText is the page's flash, or "".
func flashText(t *testing.T, ctx context.Context) string {
	t.Helper()
	return testenv.Eval[string](t, ctx, `(document.querySelector(".flash")||{}).textContent||""`)
}

// TestBrowserTranslatorJourney is a translator's day on the workbench,
// with the keyboard alone, at a desk's size: the first waiting passage
// opens from the article; the article, the editor and the evidence are in
// the window together; the speaker field offers the article's attribution;
// a search from the English lists candidates and the one chosen is the one
// saved; Ctrl+Enter saves and says where it went; what is typed survives
// moving between passages, and leaving the page asks first; a quote typed
// with its quotation marks is located with the source's own; Save and
// mark translated goes on until nothing is left, and says so; the
// concordance of the source fills the original; a selection dragged past
// the box's edge is still captured.
func TestBrowserTranslatorJourney(t *testing.T) {
	chromium := testenv.Chromium(t)
	in := start(t, "--demo", "--data", t.TempDir())
	tok := in.token(t, "translator@demo.cotejo")
	deleteDemoQuote(t, in, tok)
	const passage = "We don't want intervention from any foreign government"
	ctx := newBrowser(t, chromium, in.URL, "en-US", "en-US,en")
	testenv.Viewport(t, ctx, 1440, 900, false)
	loginByKeyboard(t, ctx, in.URL, "translator@demo.cotejo")
	navigateBy(t, ctx, chromedp.Navigate(in.URL+"/articles/1"))

	// Alt+↓ opens the first passage that waits: the one without a quote.
	keyTo(t, ctx, kb.ArrowDown, kb.ModifierAlt)
	if got := formValue(t, ctx, "rendering"); got != passage {
		t.Fatalf("Alt+Down opened %s with the rendering %q", here(t, ctx), got)
	}
	inWindow(t, ctx, 200, "section.body", "#editor", "#evidence", "[data-role=evidence]")
	inWindow(t, ctx, 10, "#quote-form [data-role=save]", "#quote-form [data-action=find]", ".body-text .passage.current")
	testenv.FitsViewport(t, ctx, "the workbench at 1440")
	if speakers := testenv.Eval[[]string](t, ctx, `[...document.querySelectorAll("#speaker-choices option")].map(o => o.value)`); len(speakers) == 0 || speakers[0] != "Claudia Sheinbaum" {
		t.Errorf("the speaker field offers %q; want the article's Sheinbaum, by the source's full name, first", speakers)
	}
	do(t, ctx, chromedp.Focus(chromedp.CSS(`#quote-form input[name=speaker]`)), chromedp.SendKeys(chromedp.CSS(`#quote-form input[name=speaker]`), "Claudia Sheinbaum"))

	// Alt+F: where the source may say it, from the English.
	keyTo(t, ctx, "f", kb.ModifierAlt)
	type place struct {
		Start, End int
		Exact      string
		Meta       string
		Checked    bool
	}
	places := func() []place {
		return testenv.Eval[[]place](t, ctx, `[...document.querySelectorAll("[data-testid=candidates] [data-testid=place]")].map(li => ({
		  start: Number(li.dataset.start), end: Number(li.dataset.end), exact: li.dataset.exact,
		  meta: li.querySelector(".place-meta").textContent, checked: li.querySelector("input").checked}))`)
	}
	cands := places()
	if len(cands) < 2 || !cands[0].Checked || !strings.Contains(cands[0].Exact, "no queremos intervención de ningún gobierno extranjero") {
		t.Fatalf("the candidates from the English: %+v", cands)
	}
	if method := text(t, ctx, `[data-testid=find-method]`); !strings.HasPrefix(method, "Method: ") {
		t.Errorf("the search does not say which method answered: %q", method)
	}
	if !strings.Contains(cands[0].Meta, "into the source") || !strings.Contains(cands[0].Meta, "strong") {
		t.Errorf("the first candidate says %q; want its strength and where it stands", cands[0].Meta)
	}
	if got := formValue(t, ctx, "original"); got != cands[0].Exact {
		t.Errorf("the chosen candidate did not fill the original: %q", got)
	}
	// Choose another with the arrow keys, then come back to the first.
	do(t, ctx, chromedp.Focus(chromedp.CSS(`[data-testid=candidates] input:checked`)))
	key(t, ctx, kb.ArrowDown)
	if got := formValue(t, ctx, "original"); got != cands[1].Exact || formValue(t, ctx, "source_start") != strconv.Itoa(cands[1].Start) {
		t.Fatalf("choosing the second candidate filled %q at %s", got, formValue(t, ctx, "source_start"))
	}
	key(t, ctx, kb.ArrowUp)
	chosen := cands[0]

	// Ctrl+Enter saves, goes on to the next passage that waits, and says so.
	keyTo(t, ctx, "\r", kb.ModifierCtrl)
	if got := flashText(t, ctx); got != "Saved. Next: quote #2 “collaboration and coordination without subordination”" {
		t.Fatalf("after saving: %q at %s", got, here(t, ctx))
	}
	var quotes []struct {
		ID           int64 `json:"id"`
		Rendering    struct{ Text string }
		Original     struct{ Text string }
		SourceAnchor *struct{ Start, End int } `json:"source_anchor"`
	}
	in.getJSON(t, tok, "/api/v1/articles/1/quotes", &quotes)
	saved := quotes[len(quotes)-1]
	if saved.Rendering.Text != passage || saved.Original.Text != chosen.Exact || saved.SourceAnchor == nil ||
		saved.SourceAnchor.Start != chosen.Start || saved.SourceAnchor.End != chosen.End {
		t.Fatalf("the saved quote %+v is not the chosen candidate %+v", saved, chosen)
	}

	// What is typed is kept across Alt+↑ and Alt+↓, and offered back.
	do(t, ctx, chromedp.Focus(chromedp.CSS(`#quote-form textarea[name=rendering]`)))
	key(t, ctx, kb.End, kb.ModifierCtrl)
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#quote-form textarea[name=rendering]`), " with Mexico"))
	typed := formValue(t, ctx, "rendering")
	keyTo(t, ctx, kb.ArrowUp, kb.ModifierAlt)
	if got := here(t, ctx); got != fmt.Sprintf("/articles/1?quote=%d", saved.ID) {
		t.Fatalf("Alt+Up went to %s", got)
	}
	keyTo(t, ctx, kb.ArrowDown, kb.ModifierAlt)
	if !testenv.Eval[bool](t, ctx, `!document.querySelector("[data-role=draft-offer]").hidden`) {
		t.Fatal("back at quote 2, the unsaved rendering is not offered back")
	}
	do(t, ctx, chromedp.Focus(chromedp.CSS(`[data-action=restore-draft]`)))
	key(t, ctx, "\r")
	if got := formValue(t, ctx, "rendering"); got != typed {
		t.Fatalf("restored %q, want %q", got, typed)
	}
	// Leaving the page with unsaved work asks first; staying keeps it.
	dialogs := make(chan string, 4)
	if err := chromedp.Listen(ctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs <- string(d.Type)
		}
	}); err != nil {
		t.Fatal(err)
	}
	testenv.Eval[bool](t, ctx, `(() => { setTimeout(() => { location.href = "/sources"; }, 0); return true; })()`)
	select {
	case typ := <-dialogs:
		if typ != "beforeunload" {
			t.Fatalf("a %s dialog, want beforeunload", typ)
		}
		if _, err := chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false}); err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("leaving with unsaved work asked nothing")
	}
	if got := here(t, ctx); got != "/articles/1?quote=2" || formValue(t, ctx, "rendering") != typed {
		t.Fatalf("after staying: at %s with %q", got, formValue(t, ctx, "rendering"))
	}
	// Put the rendering back as the article prints it.
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`#quote-form textarea[name=rendering]`), "collaboration and coordination without subordination"))

	// A quote typed with its quotation marks is located with the source's
	// own marks at both ends.
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`#quote-form textarea[name=original]`), `"Hay colaboración y coordinación, pero ni hay subordinación no podemos permitir una intervención"`))
	keyTo(t, ctx, "l", kb.ModifierAlt)
	cands = places()
	if len(cands) == 0 || cands[0].Exact != "“Hay colaboración y coordinación, pero ni hay subordinación no podemos permitir una intervención”" {
		t.Fatalf("typed with marks, located as %+v", cands)
	}
	key(t, ctx, "c", kb.ModifierAlt)
	if got := formValue(t, ctx, "original"); got != cands[0].Exact {
		t.Fatalf("Alt+C put %q into the original", got)
	}

	// Save and mark translated: on to the quote just saved, still a draft;
	// then nothing is left, and the page says so.
	keyTo(t, ctx, "t", kb.ModifierAlt)
	if got := flashText(t, ctx); !strings.HasPrefix(got, fmt.Sprintf("Marked translated. Next: quote #%d", saved.ID)) {
		t.Fatalf("after marking quote 2 translated: %q at %s", got, here(t, ctx))
	}
	keyTo(t, ctx, "t", kb.ModifierAlt)
	if got := flashText(t, ctx); got != "Marked translated. Nothing else in this article waits for you." {
		t.Fatalf("after the last: %q at %s", got, here(t, ctx))
	}

	// The concordance: "/" to search, Enter, and a hit fills the original.
	key(t, ctx, "/")
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`input[name=sq]`), "intervención"))
	keyTo(t, ctx, "\r")
	hits := testenv.Eval[[]place](t, ctx, `[...document.querySelectorAll("[data-testid=source-hits] [data-testid=place]")].map(li => ({
	  start: Number(li.dataset.start), end: Number(li.dataset.end), exact: li.dataset.exact, meta: li.textContent}))`)
	if len(hits) < 4 {
		t.Fatalf("the concordance of “intervención” at %s: %+v", here(t, ctx), hits)
	}
	for _, h := range hits {
		if !strings.EqualFold(h.Exact, "intervención") || !strings.Contains(h.Meta, "into the source") {
			t.Errorf("a hit: %+v", h)
		}
	}
	do(t, ctx, chromedp.Focus(chromedp.CSS(`[data-testid=source-hits] [data-testid=place]:nth-child(2) [data-action=use-place]`)))
	key(t, ctx, "\r")
	if formValue(t, ctx, "original") != hits[1].Exact || formValue(t, ctx, "source_start") != strconv.Itoa(hits[1].Start) {
		t.Fatalf("using the second hit filled %q at %s", formValue(t, ctx, "original"), formValue(t, ctx, "source_start"))
	}

	// A selection dragged from the text past the box's edge is captured up
	// to the edge.
	got := testenv.Eval[map[string]string](t, ctx, `(() => {
	  const ev = document.querySelector("[data-role=evidence]");
	  const w = document.createTreeWalker(ev, NodeFilter.SHOW_TEXT);
	  let first = w.nextNode();
	  while (first && first.data.indexOf("Nosotros no aceptamos") < 0) first = w.nextNode();
	  const r = document.createRange();
	  r.setStart(first, first.data.indexOf("Nosotros no aceptamos"));
	  r.setEnd(document.querySelector(".wb-more summary").firstChild, 3); // dragged on below the box

	  const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
	  document.body.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
	  const f = document.getElementById("quote-form");
	  return {original: f.original.value, end: f.source_end.value, length: ev.dataset.length};
	})()`)
	if !strings.HasPrefix(got["original"], "Nosotros no aceptamos") || !strings.HasSuffix(got["original"], "ellos han entendido”.") || got["end"] != got["length"] {
		t.Fatalf("a selection past the box's edge captured %v", got)
	}
}

// TestBrowserReviewerJourney is a reviewer's round with the keyboard
// alone: from the queue to a quote whose decision is in the window with
// its evidence; a rejection asks for its reason and says so in words that
// say what to do; each step goes on to the next quote that waits and says
// what it did; a blocked verification names the check that blocks it, and
// a warning is never called a block; at the end nothing is left, and the
// page says so. The translator then sees the reason in the workbench,
// approved quotes show their lock before anyone types, and a reviewer's
// step from the workbench stays in the article.
func TestBrowserReviewerJourney(t *testing.T) {
	chromium := testenv.Chromium(t)
	in := start(t, "--demo", "--data", t.TempDir())
	ttok := in.token(t, "translator@demo.cotejo")
	moveAPI(t, in, ttok, 1, "translated", "")
	moveAPI(t, in, ttok, 2, "translated", "")
	trans := newBrowser(t, chromium, in.URL, "en-US", "en-US,en")
	rev := newSession(t, trans, map[string]int{"/quotes/1/transition": http.StatusUnprocessableEntity, "/quotes/2/transition": http.StatusUnprocessableEntity})
	testenv.Viewport(t, rev, 1440, 900, false)
	loginByKeyboard(t, rev, in.URL, "reviewer@demo.cotejo")
	navigateBy(t, rev, chromedp.Navigate(in.URL+"/queue"))
	do(t, rev, chromedp.Focus(chromedp.CSS(`li[data-quote-id="1"] .queue-quote a[href="/quotes/1"]`)))
	keyTo(t, rev, "\r")
	inWindow(t, rev, 30, "[data-testid=original]", "[data-testid=rendering]", "#checks", "#transition-form button[data-move=verified]",
		"#transition-form textarea[name=reason]", "#evidence", "#evidence-hit")
	testenv.FitsViewport(t, rev, "the quote page at 1440")

	// Alt+R with no reason yet: the reason box, not a refusal.
	key(t, rev, "r", kb.ModifierAlt)
	if name := testenv.Eval[string](t, rev, `document.activeElement.name || ""`); name != "reason" || here(t, rev) != "/quotes/1" {
		t.Fatalf("Alt+R without a reason: focus on %q at %s", name, here(t, rev))
	}
	// Sent without a reason anyway, the page says what to do.
	do(t, rev, chromedp.Focus(chromedp.CSS(`#transition-form button[data-move=rejected]`)))
	if resp := keyTo(t, rev, "\r"); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("a rejection without a reason: %d", resp.Status)
	}
	if msg := text(t, rev, ".error"); !strings.HasPrefix(msg, "Say why you send it back") {
		t.Fatalf("a rejection without a reason says %q", msg)
	}
	do(t, rev, chromedp.SendKeys(chromedp.CSS(`#transition-form textarea[name=reason]`), "The source says “no aceptamos”, not “no queremos”."))
	keyTo(t, rev, "r", kb.ModifierAlt)
	if got := flashText(t, rev); got != "Sent back to the translator, with your reason. Next: quote #2 “collaboration and coordination without subordination”" || here(t, rev) != "/quotes/2" {
		t.Fatalf("after rejecting: %q at %s", got, here(t, rev))
	}

	// Quote 2 has a warning: verifying without letting it stand is
	// blocked, and the banner names the check.
	keyTo(t, rev, "v", kb.ModifierAlt)
	msg := text(t, rev, ".error")
	if !strings.HasPrefix(msg, "Blocked by 1 warning not let stand: The quote leaves out a qualifier that stands next to it in the source sentence.") {
		t.Fatalf("a blocked verification says %q", msg)
	}
	if page := testenv.Eval[string](t, rev, `document.body.innerText`); strings.Contains(page, "Blocks verification") {
		t.Fatal("a warning is labelled as blocking the verification")
	}
	if got := text(t, rev, `li.finding.blocking .blocks`); got != "Let it stand with a reason, or fix it" {
		t.Fatalf("the pending warning says %q", got)
	}
	do(t, rev, chromedp.Focus(chromedp.CSS(`input[name=override][value=partial_quote_qualifier]`)))
	key(t, rev, " ")
	do(t, rev, chromedp.SendKeys(chromedp.CSS(`#transition-form textarea[name=reason]`), "The qualifier is reported in the next paragraph."))
	keyTo(t, rev, "v", kb.ModifierAlt)
	if got := flashText(t, rev); got != "Verified. Nothing else waits for you." || here(t, rev) != "/quotes/2" {
		t.Fatalf("after the last verification: %q at %s", got, here(t, rev))
	}

	// The translator sees why quote 1 came back, in the workbench.
	loginByKeyboard(t, trans, in.URL, "translator@demo.cotejo")
	navigateBy(t, trans, chromedp.Navigate(in.URL+"/articles/1?quote=1"))
	if got := text(t, trans, `#editor [data-testid=status-reason]`); !strings.Contains(got, "no aceptamos") {
		t.Fatalf("the workbench shows the reason as %q", got)
	}
	// An approved quote is locked before anyone types.
	etok := in.token(t, "editor@demo.cotejo")
	moveAPI(t, in, etok, 2, "approved", "")
	navigateBy(t, trans, chromedp.Navigate(in.URL+"/articles/1?quote=2"))
	if !has(t, trans, `#editor [data-testid=locked]`) || has(t, trans, `#quote-form`) {
		t.Fatal("the workbench offers an approved quote for editing")
	}
	navigateBy(t, rev, chromedp.Navigate(in.URL+"/quotes/2"))
	if !has(t, rev, `[data-testid=locked]`) {
		t.Fatal("the quote page does not show the approved quote's lock")
	}

	// A step from the workbench stays in the article.
	moveAPI(t, in, ttok, 1, "translated", "")
	navigateBy(t, rev, chromedp.Navigate(in.URL+"/articles/1?quote=1"))
	inWindow(t, rev, 10, "#move-form button[data-move=verified]", "#evidence-hit")
	keyTo(t, rev, "v", kb.ModifierAlt)
	if got := flashText(t, rev); got != "Verified. Nothing else in this article waits for you." || here(t, rev) != "/articles/1?quote=1" {
		t.Fatalf("verifying from the workbench: %q at %s", got, here(t, rev))
	}
}

// TestBrowserPlayback plays a quote's moment of the demo's recording, in
// Chromium: Alt+P plays exactly the quote's range and stops inside it; a
// sentence clicked in the transcript plays that sentence; a candidate of
// a search from the English plays its own moment.
func TestBrowserPlayback(t *testing.T) {
	chromium := testenv.Chromium(t)
	in := start(t, "--demo", "--data", t.TempDir())
	ctx := newBrowser(t, chromium, in.URL, "en-US", "en-US,en", chromedp.Flag("autoplay-policy", "no-user-gesture-required"))
	testenv.Viewport(t, ctx, 1440, 900, false)
	loginByKeyboard(t, ctx, in.URL, "reviewer@demo.cotejo")
	navigateBy(t, ctx, chromedp.Navigate(in.URL+"/quotes/1"))
	tok := in.token(t, "reviewer@demo.cotejo")
	var q struct {
		Media struct{ Start, End float64 } `json:"media"`
	}
	in.getJSON(t, tok, "/api/v1/quotes/1", &q)
	if q.Media.End <= q.Media.Start {
		t.Fatalf("the demo quote has no moment: %+v", q.Media)
	}
	var cues []struct {
		Start, End         float64
		TextStart, TextEnd int
	}
	var raw []map[string]any
	in.getJSON(t, tok, "/api/v1/sources/1/cues", &raw)
	for _, c := range raw {
		cues = append(cues, struct {
			Start, End         float64
			TextStart, TextEnd int
		}{c["start"].(float64), c["end"].(float64), int(c["text_start"].(float64)), int(c["text_end"].(float64))})
	}
	// played waits until the recording has played and stopped, and returns
	// where it stopped.
	played := func(what string) float64 {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		started := false
		for time.Now().Before(deadline) {
			st := testenv.Eval[map[string]any](t, ctx, `(() => { const m = document.querySelector("[data-role=media]"); return {paused: m.paused, t: m.currentTime, now: !!(window.CSS && CSS.highlights && CSS.highlights.has("cotejo-now"))}; })()`)
			if !st["paused"].(bool) {
				started = true
			} else if started {
				return st["t"].(float64)
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("%s: the recording did not play and stop (started: %v)", what, started)
		return 0
	}
	key(t, ctx, "p", kb.ModifierAlt)
	if at := played("Alt+P"); at < q.Media.Start || at > q.Media.End {
		t.Fatalf("Alt+P stopped at %.3f s, outside the quote's %.3f–%.3f s", at, q.Media.Start, q.Media.End)
	}
	if !testenv.Eval[bool](t, ctx, `CSS.highlights.has("cotejo-now")`) {
		t.Error("the transcript does not show where the recording is")
	}

	// A click in a sentence plays its cue.
	var cue = cues[5] // “Hay colaboración y coordinación,”
	testenv.Eval[bool](t, ctx, `(() => {
	  const ev = document.querySelector("[data-role=evidence]");
	  const w = document.createTreeWalker(ev, NodeFilter.SHOW_TEXT);
	  let n = w.nextNode();
	  while (n && n.data.indexOf("Hay colaboración") < 0) n = w.nextNode();
	  const r = document.createRange(); r.setStart(n, n.data.indexOf("Hay colaboración") + 4); r.collapse(true);
	  const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
	  ev.dispatchEvent(new MouseEvent("click", {bubbles: true}));
	  return true;
	})()`)
	if at := played("a click on a sentence"); at < cue.Start || at > cue.End {
		t.Fatalf("the clicked sentence stopped at %.3f s, outside its cue %.3f–%.3f s", at, cue.Start, cue.End)
	}

	// A candidate from the English plays its own moment.
	navigateBy(t, ctx, chromedp.Navigate(in.URL+"/quotes/2?find=1"))
	span := testenv.Eval[[]int](t, ctx, `(() => { const li = document.querySelector("#find [data-testid=place]"); return [Number(li.dataset.start), Number(li.dataset.end)]; })()`)
	from, to := -1.0, -1.0
	for _, c := range cues {
		if c.TextEnd > span[0] && c.TextStart < span[1] {
			if from < 0 {
				from = c.Start
			}
			to = c.End
		}
	}
	do(t, ctx, chromedp.Focus(chromedp.CSS(`#find [data-testid=place] [data-action=play-place]`)))
	key(t, ctx, "\r")
	if at := played("a candidate's play button"); at < from || at > to {
		t.Fatalf("the candidate stopped at %.3f s, outside its moment %.3f–%.3f s", at, from, to)
	}
}
