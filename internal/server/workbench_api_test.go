package server_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/interchange"
	"github.com/cotejo/cotejo/internal/workflow"
)

type passage struct {
	Start, End int
	Text       string
	QuoteID    *int64 `json:"quote_id"`
	Ignored    bool
	IgnoreID   *int64 `json:"ignore_id"`
	Reason     string
	Short      bool
}

type candidate struct {
	Start, End int
	Exact      string
	Score      float64
	Kind       string
}

func TestDemoPassages(t *testing.T) {
	eachDemo(t, func(t *testing.T, e *env) {
		var ps []passage
		e.must(200, request{method: "GET", path: "/api/v1/articles/1/passages", as: "demo-reviewer"}).json(t, &ps)
		byText := map[string]passage{}
		for _, p := range ps {
			byText[p.Text] = p
		}
		if len(ps) != len(e.demo.Links) {
			t.Fatalf("%d passages, want %d: %+v", len(ps), len(e.demo.Links), ps)
		}
		for _, l := range e.demo.Links {
			p, ok := byText[l.Passage]
			if !ok {
				t.Errorf("passage %q not detected", l.Passage)
				continue
			}
			switch {
			case l.NotTranslated != "":
				if !p.Ignored || p.Reason != l.NotTranslated || p.QuoteID != nil {
					t.Errorf("%q should be ignored (%s): %+v", l.Passage, l.NotTranslated, p)
				}
			case p.QuoteID == nil || p.Ignored:
				t.Errorf("%q should be linked: %+v", l.Passage, p)
			}
		}
		if !byText["terrorist organizations"].Short || byText[e.demo.Links[0].Passage].Short {
			t.Error("short passages are labelled, long ones are not")
		}

		// Undo a mark, and the passage is unlinked again; mark it anew.
		p := byText["terrorist organizations"]
		e.must(403, request{method: "DELETE", path: fmt.Sprintf("/api/v1/articles/1/passages/ignore/%d", *p.IgnoreID), as: "demo-reviewer"})
		e.must(204, request{method: "DELETE", path: fmt.Sprintf("/api/v1/articles/1/passages/ignore/%d", *p.IgnoreID), as: "demo-translator"})
		e.must(200, request{method: "GET", path: "/api/v1/articles/1/passages", as: "demo-reviewer"}).json(t, &ps)
		for _, q := range ps {
			if q.Text == p.Text && (q.Ignored || q.QuoteID != nil) {
				t.Fatalf("after undo: %+v", q)
			}
		}
		e.must(422, request{method: "POST", path: "/api/v1/articles/1/passages/ignore", as: "demo-translator", body: map[string]any{"start": p.Start, "end": p.End, "reason": " "}})
		e.must(422, request{method: "POST", path: "/api/v1/articles/1/passages/ignore", as: "demo-translator", body: map[string]any{"start": p.Start, "end": 99999, "reason": "x"}})
		e.must(201, request{method: "POST", path: "/api/v1/articles/1/passages/ignore", as: "demo-translator", body: map[string]any{"start": p.Start, "end": p.End, "reason": "scare quotes"}})
		e.must(200, request{method: "GET", path: "/api/v1/articles/1/passages", as: "demo-reviewer"}).json(t, &ps)
		for _, q := range ps {
			if q.Text == p.Text && (!q.Ignored || q.Reason != "scare quotes") {
				t.Fatalf("after marking again: %+v", q)
			}
		}
	})
}

// TestDemoLocate: the demo's Spanish reports yield the expected originals,
// typed exactly, without accents, or with other quotation marks.
func TestDemoLocate(t *testing.T) {
	eachDemo(t, func(t *testing.T, e *env) {
		ids := map[string]int64{"larazon": 1, "tribuna": 2}
		for _, l := range e.demo.Links {
			if l.Original == "" {
				continue
			}
			path := fmt.Sprintf("/api/v1/sources/%d/locate", ids[l.Source])
			var out struct{ Candidates []candidate }
			e.must(200, request{method: "POST", path: path, as: "demo-translator", body: map[string]any{"text": l.Original}}).json(t, &out)
			if len(out.Candidates) == 0 || out.Candidates[0].Exact != l.Original || out.Candidates[0].Kind != "exact" || out.Candidates[0].Score != 1 {
				t.Errorf("%q: %+v", l.Original, out.Candidates)
			}
			typed := foldForTyping(l.Original)
			e.must(200, request{method: "POST", path: path, as: "demo-translator", body: map[string]any{"text": typed}}).json(t, &out)
			if len(out.Candidates) == 0 || out.Candidates[0].Exact != l.Original || out.Candidates[0].Kind == "exact" {
				t.Errorf("typed %q: %+v", typed, out.Candidates)
			}
		}
		var out struct{ Candidates []candidate }
		// The Tribuna report has the close variant; a typo still finds it.
		e.must(200, request{method: "POST", path: "/api/v1/sources/2/locate", as: "demo-reviewer", body: map[string]any{"text": "No aceptamos una intervencion de ningun gobierno extrangero"}}).json(t, &out)
		if len(out.Candidates) != 1 || out.Candidates[0].Kind != "approximate" || out.Candidates[0].Exact != "No aceptamos una intervención de ningún gobierno extranjero" {
			t.Errorf("approximate: %+v", out.Candidates)
		}
		e.must(200, request{method: "POST", path: "/api/v1/sources/1/locate", as: "demo-reviewer", body: map[string]any{"text": "el precio del petróleo subió en Veracruz"}}).json(t, &out)
		if len(out.Candidates) != 0 {
			t.Errorf("nothing close should find nothing: %+v", out.Candidates)
		}
		e.must(422, request{method: "POST", path: "/api/v1/sources/1/locate", as: "demo-reviewer", body: map[string]any{"text": ""}})
		e.must(422, request{method: "POST", path: "/api/v1/sources/1/locate", as: "demo-reviewer", body: map[string]any{"text": "x", "max_candidates": 500}})
		e.must(404, request{method: "POST", path: "/api/v1/sources/99/locate", as: "demo-reviewer", body: map[string]any{"text": "x"}})
		e.must(401, request{method: "POST", path: "/api/v1/sources/1/locate", body: map[string]any{"text": "x"}})
	})
}

// TestCreateQuoteLocatesTheOriginal: with a source and no span, Cotejo finds
// the typed original in the source and the rendering in the body.
func TestCreateQuoteLocatesTheOriginal(t *testing.T) {
	eachDemo(t, func(t *testing.T, e *env) {
		link := e.demo.Links[0]
		e.must(204, request{method: "DELETE", path: "/api/v1/quotes/1", as: "demo-translator", header: e.current("/api/v1/quotes/1")})
		var ps []passage
		e.must(200, request{method: "GET", path: "/api/v1/articles/1/passages", as: "demo-translator"}).json(t, &ps)
		var unlinked *passage
		for i := range ps {
			if ps[i].Text == link.Passage && ps[i].QuoteID == nil && !ps[i].Ignored {
				unlinked = &ps[i]
			}
		}
		if unlinked == nil {
			t.Fatalf("the passage should be unlinked after deleting its quote: %+v", ps)
		}
		var q cotejo.Quote
		e.must(201, request{method: "POST", path: "/api/v1/articles/1/quotes", as: "demo-translator", body: map[string]any{
			"speaker": link.Speaker, "source_id": 1,
			"original":       map[string]string{"text": foldForTyping(link.Original)},
			"rendering":      map[string]string{"text": link.Passage},
			"article_anchor": map[string]int{"start": unlinked.Start, "end": unlinked.End},
		}}).json(t, &q)
		if q.SourceAnchor == nil || q.SourceAnchor.Exact != link.Original || q.SourceAnchor.State != cotejo.AnchorApproximate {
			t.Fatalf("the typed original was not located: %+v", q.SourceAnchor)
		}
		if q.ArticleAnchor == nil || q.ArticleAnchor.Start != unlinked.Start || q.ArticleAnchor.State != cotejo.AnchorExact {
			t.Fatalf("article anchor: %+v", q.ArticleAnchor)
		}
		e.must(200, request{method: "GET", path: "/api/v1/articles/1/passages", as: "demo-translator"}).json(t, &ps)
		for _, p := range ps {
			if p.Text == link.Passage && (p.QuoteID == nil || *p.QuoteID != q.ID) {
				t.Fatalf("the passage is not linked to the new quote: %+v", p)
			}
		}
	})
}

// foldForTyping writes a text as a reporter types it from memory: no
// accents, straight quotes, no comma.
func foldForTyping(s string) string {
	r := []rune(s)
	repl := map[rune]rune{'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u', 'ñ': 'ñ', '“': '"', '”': '"'}
	out := make([]rune, 0, len(r))
	for _, c := range r {
		if c == ',' {
			continue
		}
		if x, ok := repl[c]; ok {
			c = x
		}
		out = append(out, c)
	}
	return string(out)
}

// TestWorkbenchShowsChecks: each quote on the workbench carries its checks,
// in the page's language: the demo's faithful quote passes them all, and an
// edit that drops the negation is flagged at once.
func TestWorkbenchShowsChecks(t *testing.T) {
	e := sqliteDemo(t)
	b := loggedIn(t, e, "translator@demo.cotejo")
	_, _, page := b.get("/articles/1")
	first := between(page, `id="quote-1"`, `id="quote-2"`)
	if !strings.Contains(first, `data-testid="quote-checks">Every check passes.`) {
		t.Fatalf("the faithful demo quote:\n%s", first)
	}
	if _, err := e.svc.UpdateQuote(context.Background(), e.users["demo-translator"], 1, 0,
		cotejo.QuoteUpdate{Rendering: &cotejo.LangText{Text: "We want intervention from any foreign government"}}); err != nil {
		t.Fatal(err)
	}
	b.lang = "es"
	_, _, page = b.get("/articles/1")
	first = between(page, `id="quote-1"`, `id="quote-2"`)
	if !strings.Contains(first, `class="sev-error" data-code="negation_mismatch">Un texto está negado y el otro no.<`) || strings.Contains(first, "Every check passes") {
		t.Fatalf("the negation dropped is not flagged in Spanish:\n%s", first)
	}
}

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

// TestWorkbenchProgress: the workbench's progress counts what the
// article's readiness counts, shows each state of the passages as its share
// of the bar (green only as far as quotes are approved: the untouched demo
// is not), and moves when a passage is resolved or unresolved.
func TestWorkbenchProgress(t *testing.T) {
	e := sqliteDemo(t)
	b := loggedIn(t, e, "translator@demo.cotejo")
	check := func(when string, parts ...string) (resolved int) {
		t.Helper()
		var r struct {
			Passages         int `json:"passages"`
			ResolvedPassages int `json:"resolved_passages"`
		}
		e.must(200, request{method: "GET", path: "/api/v1/articles/1/readiness", as: "demo-translator"}).json(t, &r)
		_, _, page := b.get("/articles/1")
		progress := between(page, `data-testid="progress"`, `</section>`)
		want := append([]string{fmt.Sprintf("%d of %d quoted passages resolved", r.ResolvedPassages, r.Passages)}, parts...)
		for _, w := range want {
			if !strings.Contains(progress, w) {
				t.Fatalf("%s: the progress lacks %q:\n%s", when, w, progress)
			}
		}
		if strings.Contains(progress, "seg-approved") {
			t.Fatalf("%s: nothing is approved, yet the bar shows approved passages:\n%s", when, progress)
		}
		if r.Passages == 0 {
			t.Fatalf("%s: the demo article should have quoted passages", when)
		}
		return r.ResolvedPassages
	}
	before := check("as seeded", `seg-draft" x="0.00" width="50.00"`, `seg-ignored" x="50.00" width="50.00"`, "in draft: 2", "not translated quotes: 2")
	e.must(204, request{method: "DELETE", path: "/api/v1/quotes/1", as: "demo-translator", header: e.current("/api/v1/quotes/1")})
	if after := check("after deleting a quote", "unlinked: 1", "in draft: 1"); after != before-1 {
		t.Fatalf("deleting a linked quote: %d resolved, then %d", before, after)
	}
	// A quote without its original links its passage without resolving it.
	e.must(200, request{method: "PATCH", path: "/api/v1/quotes/2", as: "demo-translator", header: e.current("/api/v1/quotes/2"),
		body: map[string]any{"original": map[string]string{"text": ""}, "source_id": nil}})
	if after := check("after emptying an original", "started, without its original or evidence: 1"); after != before-2 {
		t.Fatalf("an empty original: %d resolved, want %d", after, before-2)
	}
}

// TestWorkbenchSuggests: beside the quote being edited, the workbench offers
// the glossary's renderings of the terms in its original and the memory's
// matches from other quotes, never the quote's own pair.
func TestWorkbenchSuggests(t *testing.T) {
	e := sqliteDemo(t)
	ctx := context.Background()
	tmx := `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="es" datatype="plaintext"/>
<body><tu><tuv xml:lang="es"><seg>No queremos intervención de ningún gobierno extranjero.</seg></tuv><tuv xml:lang="en"><seg>We do not want intervention by any foreign government.</seg></tuv></tu></body></tmx>`
	if _, err := e.svc.ImportTMX(ctx, e.users["demo-editor"], strings.NewReader(tmx), interchange.Limits{}, "archive"); err != nil {
		t.Fatal(err)
	}
	// Approved, quote 1's own pair enters the memory: the memory would
	// suggest it, but not to quote 1 itself.
	for _, step := range []struct {
		who string
		to  cotejo.QuoteStatus
	}{{"demo-translator", cotejo.QuoteTranslated}, {"demo-reviewer", cotejo.QuoteVerified}, {"demo-editor", cotejo.QuoteApproved}} {
		if _, err := e.svc.TransitionQuote(ctx, e.users[step.who], 1, 0, workflow.TransitionInput{To: step.to}); err != nil {
			t.Fatal(step.to, err)
		}
	}
	q1, _ := e.st.Quote(ctx, 1)
	all, err := e.svc.SuggestionsFor(ctx, q1.Original, "en", 0)
	if err != nil || !slices.ContainsFunc(all, func(s workflow.Suggestion) bool { return s.Text == q1.Rendering.Text }) {
		t.Fatalf("the memory does not hold quote 1's pair: %+v, %v", all, err)
	}
	b := loggedIn(t, e, "translator@demo.cotejo")
	_, _, page := b.get("/articles/1?quote=1")
	s := between(page, `data-testid="suggestions"`, `</section>`)
	for _, want := range []string{"intervención</span> → <strong lang=\"en\">intervention</strong>", "We do not want intervention by any foreign government.", "Memory · "} {
		if !strings.Contains(s, want) {
			t.Errorf("the suggestions lack %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "We don&#39;t want intervention from any foreign government") {
		t.Error("the quote's own rendering is suggested to it")
	}
	// The quote page lists the same suggestions.
	_, _, page = b.get("/quotes/1")
	if s := between(page, `class="fold suggestions"`, `</details>`); !strings.Contains(s, "intervención</span> → <strong lang=\"en\">intervention</strong>") ||
		!strings.Contains(s, "We do not want intervention by any foreign government.") {
		t.Errorf("the quote page's suggestions:\n%s", s)
	}
}

// TestCheckDraft: the live checks see what is typed, store nothing, leave
// the quote being edited out of the consistency check, and check a span
// that no longer fits instead of refusing it.
func TestCheckDraft(t *testing.T) {
	e := sqliteDemo(t)
	codes := func(body map[string]any) []string {
		t.Helper()
		var fs []struct {
			Code     string `json:"code"`
			Severity string `json:"severity"`
		}
		e.must(200, request{method: "POST", path: "/api/v1/articles/1/checks", as: "translator", body: body}).json(t, &fs)
		var out []string
		for _, f := range fs {
			out = append(out, f.Code)
		}
		return out
	}
	original := map[string]string{"text": "nosotros no queremos intervención de ningún gobierno extranjero"}
	dropped := map[string]string{"text": "We want intervention from any foreign government"}
	got := codes(map[string]any{"quote_id": 1, "speaker": "Claudia Sheinbaum", "original": original, "rendering": dropped, "source_id": 1})
	if !slices.Contains(got, "negation_mismatch") || slices.Contains(got, "inconsistent_rendering") {
		t.Fatalf("quote 1 as typed: %v", got)
	}
	// As a new quote, the same original rendered otherwise than quote 1 is inconsistent.
	if got := codes(map[string]any{"speaker": "Claudia Sheinbaum", "original": original, "rendering": dropped, "source_id": 1}); !slices.Contains(got, "inconsistent_rendering") {
		t.Fatalf("a new quote as typed: %v", got)
	}
	// A span beyond the source's end is checked as if absent.
	got = codes(map[string]any{"quote_id": 1, "speaker": "Claudia Sheinbaum", "original": original, "source_id": 1,
		"rendering": map[string]string{"text": "We don't want intervention from any foreign government"}, "source_anchor": map[string]int{"start": 1 << 20, "end": 1<<20 + 5}})
	if len(got) != 0 {
		t.Fatalf("the faithful quote with a stale span: %v", got)
	}
	if q, _ := e.st.Quote(context.Background(), 1); q.Version != 1 || q.Rendering.Text != "We don't want intervention from any foreign government" {
		t.Fatalf("checking a draft changed the quote: %+v", q)
	}
	e.must(422, request{method: "POST", path: "/api/v1/articles/1/checks", as: "translator", body: map[string]any{"source_id": 999, "original": original}})
	e.must(404, request{method: "POST", path: "/api/v1/articles/999/checks", as: "translator", body: map[string]any{"original": original}})
}
