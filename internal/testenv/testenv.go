// Package testenv is what tests share about the machine they run on: the
// tools outside Go they use (Chromium, xmllint, translate-toolkit,
// PostgreSQL) and the rule for a missing one. A test that needs a tool the
// machine lacks skips with a message naming the Debian package, unless
// COTEJO_REQUIRE_TOOLS=1 (as CI sets), which turns the skip into a failure.
//
// Only tests import this package; it links nothing into the cotejo binary.
package testenv

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Required reports whether missing tools must fail tests instead of skipping them.
func Required() bool { return os.Getenv("COTEJO_REQUIRE_TOOLS") == "1" }

// SkipOrFail skips the test with a reason, or fails it when tools are required.
func SkipOrFail(t testing.TB, format string, args ...any) {
	t.Helper()
	if Required() {
		t.Fatalf("COTEJO_REQUIRE_TOOLS=1 but "+format, args...)
	}
	t.Skipf(format, args...)
}

// Tool returns the path of an executable, or skips (fails when required)
// naming the Debian package that provides it.
func Tool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		SkipOrFail(t, "%s not found (apt-get install %s)", name, pkg)
	}
	return p
}

// Chromium returns Debian's Chromium, or skips (fails when required).
func Chromium(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	return Tool(t, "chromium", "chromium")
}

// BrowserOptions are the options of a headless Chromium for tests: a fresh
// profile in profileDir, and nothing that reaches beyond localhost.
func BrowserOptions(exe, profileDir string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true), // tests run as root in containers, where the sandbox cannot start
		chromedp.Flag("disable-gpu", true),
		// The machine reaches nothing but localhost: keep Chromium from
		// trying to phone home, which only costs time and logs noise.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profileDir),
		// Wide enough for the article's two columns.
		chromedp.WindowSize(1280, 900),
	)
}

// NewBrowser starts a headless Chromium (BrowserOptions, then opts) with a
// fresh profile in the test's temporary folder, and returns its first tab.
// The browser stops when the test ends, and the test fails if a page wrote
// an error to the console (see WatchConsole).
func NewBrowser(t testing.TB, exe string, opts ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	// One deadline for the whole browser, so that a hung page fails the test
	// instead of waiting for go test's own timeout.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(BrowserOptions(exe, t.TempDir()), opts...)...)
	// The watcher's report runs after the browser has stopped (cleanups run
	// last registered first).
	listener := WatchConsole(t, nil)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx, chromedp.WithListener(listener))
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc() // waits for Chromium to exit, before t.TempDir is removed
		cancel()
	})
	// Start the browser now, so that a browser that cannot start is told
	// apart from a page that does not work.
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return browserCtx
}

// WatchConsole returns a listener (for chromedp.WithListener) that records
// every error a page writes to the console, every uncaught exception and
// every error of the browser's own log (failed loads, CSP violations); the
// test fails with them when it ends. WithListener sees every event of the
// tab from its first message, so an error during the first page load is
// not missed. It runs in the tab's loop: it only records.
//
// allow, when not nil, lets pass the entries of the browser's log that the
// test expects, such as the failed load of a form it has the server refuse.
func WatchConsole(t testing.TB, allow func(*log.Entry) bool) func(ev any) {
	t.Helper()
	var mu sync.Mutex
	var problems []string
	report := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		problems = append(problems, fmt.Sprintf(format, args...))
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("the page reported an error: %s", p)
		}
	})
	return func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					if a.Description != "" {
						args = append(args, a.Description)
					} else {
						args = append(args, string(a.Value))
					}
				}
				report("console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			report("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg)
		case *log.EventEntryAdded:
			if e := ev.Entry; e.Level == log.EntryLevelError && (allow == nil || !allow(e)) {
				report("browser log (%s): %s %s", e.Source, e.Text, e.URL)
			}
		}
	}
}

// Eval evaluates a JavaScript expression in the page of ctx, failing the
// test when it throws or its value does not decode as T.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// Viewport sets the size of the page's window, as a phone or a narrow
// window has it (width and height in CSS pixels, at a device scale of 1;
// mobile makes the page lay out as a phone's browser does, with the
// viewport meta tag honoured).
func Viewport(t testing.TB, ctx context.Context, width, height int64, mobile bool) {
	t.Helper()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
	if mobile {
		opts = append(opts, chromedp.EmulateMobile)
	}
	if _, err := chromedp.Run(ctx, chromedp.EmulateViewport(width, height, opts...)); err != nil {
		t.Fatalf("viewport %dx%d: %v", width, height, err)
	}
}

// Overflow is an element that reaches past the right edge of the viewport.
type Overflow struct {
	Element string  `json:"element"` // tag, id and classes, as a CSS selector would name it
	Right   float64 `json:"right"`   // its right edge, in CSS pixels
	Text    string  `json:"text"`    // the start of its text
}

// overflowJS lists the elements whose box ends right of the viewport, and
// the document's width. An element inside a box that scrolls or clips
// sideways is let be (it is where it is meant to be); so is one hidden
// off-screen on purpose (a skip link, a screen-reader label: right edge
// at or before 0), and one not drawn (inside a closed <details>).
const overflowJS = `(() => {
  const vw = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= 0 || r.right <= vw + 1 || clipped(el)) continue;
    // Not drawn: inside a closed <details>, or hidden.
    if (el.checkVisibility && !el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})) continue;
    const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
      (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "") +
      (e.getAttribute("name") ? "[name=" + e.getAttribute("name") + "]" : "");
    const path = [];
    for (let p = el; p && p !== document.body && path.length < 4; p = p.parentElement) path.unshift(name(p));
    out.push({element: path.join(" > "), right: r.right,
      text: (el.innerText || "").trim().slice(0, 60)});
    if (out.length >= 8) break;
  }
  return {width: document.documentElement.scrollWidth, viewport: vw, over: out};
})()`

type pageWidth struct {
	Width    float64    `json:"width"`
	Viewport float64    `json:"viewport"`
	Over     []Overflow `json:"over"`
}

// FitsViewport fails the test when the page of ctx is wider than its
// viewport: the document scrolls sideways, or an element reaches past the
// right edge (outside a box meant to scroll). The report names the widest
// offenders, so that the fix is where the test points.
func FitsViewport(t testing.TB, ctx context.Context, what string) {
	t.Helper()
	r := Eval[pageWidth](t, ctx, overflowJS)
	if r.Width > r.Viewport || len(r.Over) > 0 {
		var b strings.Builder
		for _, o := range r.Over {
			fmt.Fprintf(&b, "\n\t%s reaches %.0f px: %q", o.Element, o.Right, o.Text)
		}
		t.Errorf("%s: the page is %.0f px wide in a %.0f px viewport%s", what, r.Width, r.Viewport, b.String())
	}
}
