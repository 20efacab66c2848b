package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
)

// TestNewChecksShown: a warning added to the checks reaches the API, the
// workbench and the quote page, in the page's language. The demo's faithful
// quote is edited so that its rendering hedges what the original asserts.
func TestNewChecksShown(t *testing.T) {
	e, _ := demoEnv(t, storetest.Open(t, store.SQLite))
	if _, err := e.svc.UpdateQuote(context.Background(), e.users["demo-translator"], 1, 0,
		cotejo.QuoteUpdate{Rendering: &cotejo.LangText{Text: "We may not want intervention from any foreign government"}}); err != nil {
		t.Fatal(err)
	}
	var fs []struct {
		Code     string `json:"code"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}
	e.must(200, request{method: "GET", path: "/api/v1/quotes/1/checks", as: "translator"}).json(t, &fs)
	found := false
	for _, f := range fs {
		if f.Code == "certainty_changed" {
			found = true
			if f.Severity != "warning" || !strings.Contains(f.Message, "may") {
				t.Errorf("certainty_changed = %+v", f)
			}
		}
	}
	if !found {
		t.Fatalf("GET /api/v1/quotes/1/checks lacks certainty_changed: %+v", fs)
	}
	b := newBrowser(t, e)
	b.login("translator@demo.cotejo")
	b.lang = "es"
	const label = `data-code="certainty_changed">Uno de los textos matiza con duda y el otro afirma.<`
	if _, _, page := b.get("/articles/1"); !strings.Contains(between(page, `id="quote-1"`, `id="quote-2"`), label) {
		t.Errorf("the workbench does not show certainty_changed in Spanish:\n%s", between(page, `id="quote-1"`, `id="quote-2"`))
	}
	if _, _, page := b.get("/quotes/1"); !strings.Contains(page, "Uno de los textos matiza con duda y el otro afirma.") {
		t.Errorf("the quote page does not show certainty_changed in Spanish")
	}
}
