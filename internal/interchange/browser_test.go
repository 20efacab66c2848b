package interchange

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/cotejo/cotejo/internal/testenv"
)

// TestBilingualHTMLInBrowser opens the bilingual HTML in headless Chromium
// from a file, as an editor would open a download: it must render with no
// console error, load nothing from outside, show the originals with their
// language, and print to PDF.
func TestBilingualHTMLInBrowser(t *testing.T) {
	chromium := testenv.Chromium(t)
	ctx := testenv.NewBrowser(t, chromium)
	for name, b := range map[string]Bundle{"hand-draft": handBundle(t, true), "demo-final": demoBundle(t, false)} {
		t.Run(name, func(t *testing.T) {
			sel := Select(b)
			path := writeTemp(t, "bilingual.html", export(t, FormatHTML, b))
			if err := chromedp.Do(ctx, chromedp.Navigate("file://"+path), chromedp.WaitReady(chromedp.CSS("table.quotes"))); err != nil {
				t.Fatal(err)
			}
			if lang := testenv.Eval[string](t, ctx, `document.documentElement.lang`); lang != "en" {
				t.Errorf("html lang = %q", lang)
			}
			if n := testenv.Eval[int](t, ctx, `performance.getEntriesByType("resource").length`); n != 0 {
				t.Errorf("the page loaded %d resources; it must be self-contained", n)
			}
			// Every original is in the table with its language, and every
			// quote placed in the text has its original beside it.
			cells := testenv.Eval[[]string](t, ctx, `[...document.querySelectorAll("table.quotes tbody tr")].map(r => r.cells[1].lang + "|" + r.cells[1].textContent)`)
			inline := testenv.Eval[[]string](t, ctx, `[...document.querySelectorAll("article .annot .original")].map(q => q.lang + "|" + q.textContent)`)
			_, placed := layout(sel)
			if len(cells) != len(sel.Quotes) || len(inline) != len(placed) || len(inline) == 0 {
				t.Fatalf("%d table rows and %d inline originals, want %d and %d", len(cells), len(inline), len(sel.Quotes), len(placed))
			}
			for i, q := range sel.Quotes {
				if want := q.Original.Lang + "|" + q.Original.Text; cells[i] != want {
					t.Errorf("row %d original = %q, want %q", i, cells[i], want)
				}
			}
			text := testenv.Eval[string](t, ctx, `document.body.innerText`)
			for _, q := range sel.Quotes {
				if placed[q.ID] && !strings.Contains(text, q.Original.Text) {
					t.Errorf("the page does not show %q", q.Original.Text)
				}
			}
			banner := testenv.Eval[int](t, ctx, `document.querySelectorAll(".banner:not(#not-approved)").length`)
			if (banner == 1) != b.Draft {
				t.Errorf("%d draft banners in a draft=%v export", banner, b.Draft)
			}
			if stamp := testenv.Eval[int](t, ctx, `document.querySelectorAll("#not-approved").length`); (stamp == 1) != b.NotApproved() {
				t.Errorf("%d not-approved banners in an export with NotApproved %v", stamp, b.NotApproved())
			}
			// The annotation is an inline block after the highlighted
			// rendering, not a tooltip.
			if d := testenv.Eval[string](t, ctx, `getComputedStyle(document.querySelector(".annot")).display`); d != "block" {
				t.Errorf(".annot display = %q", d)
			}

			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
				t.Fatal("the screenshot is not a PNG")
			}
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 1000 {
				t.Fatalf("the print is not a PDF (%d bytes)", len(pdf))
			}
			dir := os.Getenv("COTEJO_SCREENSHOT_DIR")
			if dir == "" {
				dir = t.TempDir()
			}
			for file, data := range map[string][]byte{name + ".png": png, name + ".pdf": pdf} {
				p := filepath.Join(dir, "bilingual-"+file)
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s (%d bytes)", p, len(data))
			}
		})
	}
}
