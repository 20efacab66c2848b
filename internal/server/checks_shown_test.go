package server_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/workflow"
)

// TestNewChecksShown: a warning added to the checks reaches the API, the
// workbench and the quote page, in the page's language. The demo's faithful
// quote is edited so that its rendering hedges what the original asserts.
func TestNewChecksShown(t *testing.T) {
	e := sqliteDemo(t)
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
	b := loggedIn(t, e, "translator@demo.cotejo")
	b.lang = "es"
	const label = `data-code="certainty_changed">Uno de los textos matiza con duda y el otro afirma.<`
	if _, _, page := b.get("/articles/1"); !strings.Contains(between(page, `id="quote-1"`, `id="quote-2"`), label) {
		t.Errorf("the workbench does not show certainty_changed in Spanish:\n%s", between(page, `id="quote-1"`, `id="quote-2"`))
	}
	if _, _, page := b.get("/quotes/1"); !strings.Contains(page, "Uno de los textos matiza con duda y el otro afirma.") {
		t.Errorf("the quote page does not show certainty_changed in Spanish")
	}
}

// TestWrongSpeakerShown: a quote whose original a transcript's labels give
// to a reporter is flagged as wrong_speaker, through the API and on the
// quote page: the workflow's shared source brings the speaker turns.
func TestWrongSpeakerShown(t *testing.T) {
	e := sqliteDemo(t)
	ctx := context.Background()
	src := &cotejo.Source{Kind: cotejo.KindTranscript, Title: "Versión estenográfica", Language: "es-MX", Text: "" +
		"PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Buenos días.\n\n" +
		"PREGUNTA: Presidenta, nosotros no queremos intervención de ningún gobierno extranjero, dicen los transportistas.\n\n" +
		"PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Coincidimos con ellos."}
	if err := e.svc.CreateSource(ctx, e.users["demo-editor"], src); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.AttachSource(ctx, e.users["demo-editor"], 1, src.ID); err != nil {
		t.Fatal(err)
	}
	q, err := e.svc.CreateQuote(ctx, e.users["demo-translator"], 1, workflow.QuoteInput{Speaker: "Claudia Sheinbaum",
		Original:  cotejo.LangText{Text: "nosotros no queremos intervención de ningún gobierno extranjero"},
		Rendering: cotejo.LangText{Text: "We don't want intervention from any foreign government"}, SourceID: &src.ID})
	if err != nil {
		t.Fatal(err)
	}
	var fs []struct {
		Code     string `json:"code"`
		Severity string `json:"severity"`
	}
	e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/quotes/%d/checks", q.ID), as: "translator"}).json(t, &fs)
	if !slices.ContainsFunc(fs, func(f struct {
		Code     string `json:"code"`
		Severity string `json:"severity"`
	}) bool {
		return f.Code == "wrong_speaker" && f.Severity == "warning"
	}) {
		t.Fatalf("the reporter's words quoted as the president's are not flagged: %+v", fs)
	}
	b := loggedIn(t, e, "translator@demo.cotejo")
	b.lang = "es"
	if _, _, page := b.get(fmt.Sprintf("/quotes/%d", q.ID)); !strings.Contains(page, "En la transcripción, el original son palabras de otra persona o la pregunta de un periodista.") {
		t.Error("the quote page does not show wrong_speaker in Spanish")
	}
}
