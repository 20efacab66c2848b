package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cotejo/cotejo/internal/testenv"
)

// The browser tests of the desk's two workplaces, the workbench and the
// quote page: one workspace per quote, nothing typed lost, the keyboard
// journeys of a translator and a reviewer, the player, and the pages at a
// desk's and a phone's sizes.

// sizes are the windows the pages are looked at in: a desk's screen and a
// phone's.
var sizes = []struct {
	name          string
	width, height int64
}{{"1440x900", 1440, 900}, {"390x844", 390, 844}}

// viewport sets the window's size.
func viewport(t *testing.T, ctx context.Context, w, h int64) {
	t.Helper()
	do(t, ctx, chromedp.EmulateViewport(w, h))
}

// shot saves what the window shows (not the whole page: a desk's journey
// must fit it) as a PNG in COTEJO_SCREENSHOT_DIR, or the test's folder.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
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

// widerThanViewport lists the elements of the page's own content (inside
// main, the header being another matter) whose right edge passes the
// window's, or the page's own width when it is wider.
const widerThanViewportJS = `(() => {
  const w = document.documentElement.clientWidth;
  const out = [];
  const root = document.querySelector("main article") || document.querySelector("main");
  if (root.scrollWidth > w) out.push("article scrollWidth " + root.scrollWidth + " > " + w);
  for (const el of root.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (el.closest("[hidden], details:not([open]) > :not(summary)")) continue;
    // Inside a box that scrolls sideways on its own, a long line is fine.
    let p = el.parentElement, clipped = false;
    for (; p && p !== root; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX === "auto" || s.overflowX === "scroll" || s.overflowX === "hidden") { clipped = true; break; }
    }
    if (!clipped && r.right > w + 1) out.push((el.id ? "#" + el.id : el.tagName.toLowerCase() + "." + [...el.classList].join(".")) + " right " + Math.round(r.right));
  }
  return out.slice(0, 10);
})()`

// checkWidth fails when the page's content is wider than the window.
func checkWidth(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	if wide := testenv.Eval[[]string](t, ctx, widerThanViewportJS); len(wide) > 0 {
		t.Errorf("%s: wider than the window: %v", where, wide)
	}
}

// TestBrowserDeskScreens looks at the workbench with a quote open and at
// the quote page, as a translator and a reviewer, at a desk's and a
// phone's size, in English and Spanish: nothing is wider than the window,
// and the screenshots are written for a person to look at.
func TestBrowserDeskScreens(t *testing.T) {
	chromium := testenv.Chromium(t)
	in := start(t, "--demo", "--data", t.TempDir())
	for _, lang := range []string{"en", "es"} {
		t.Run(lang, func(t *testing.T) {
			ctx := newBrowser(t, chromium, in.URL, lang, lang)
			loginAs(t, ctx, in.URL, "translator@demo.cotejo")
			rev := newSession(t, ctx, nil)
			loginAs(t, rev, in.URL, "reviewer@demo.cotejo")
			for _, sz := range sizes {
				viewport(t, ctx, sz.width, sz.height)
				navigateBy(t, ctx, chromedp.Navigate(in.URL+"/articles/1?quote=1"))
				checkWidth(t, ctx, "workbench "+sz.name)
				shot(t, ctx, "workbench-"+lang+"-"+sz.name+".png")
				viewport(t, rev, sz.width, sz.height)
				navigateBy(t, rev, chromedp.Navigate(in.URL+"/quotes/1"))
				checkWidth(t, rev, "quote page "+sz.name)
				shot(t, rev, "quote-"+lang+"-"+sz.name+".png")
			}
		})
	}
}
