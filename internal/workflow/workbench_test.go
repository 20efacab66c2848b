package workflow_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/interchange"
	"github.com/cotejo/cotejo/internal/workflow"
)

// TestEmptyOriginalDoesNotResolve: a quote saved without its original
// links its passage but does not resolve it; with its original and
// evidence it does; a not-a-quote mark always does.
func TestEmptyOriginalDoesNotResolve(t *testing.T) {
	ctx := context.Background()
	f := onSQLite(t)
	a, q := f.reviewed(t)
	r, err := f.svc.Readiness(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Passages != 2 || r.ResolvedPassages != 1 {
		t.Fatalf("with one complete quote: %d passages, %d resolved", r.Passages, r.ResolvedPassages)
	}
	if _, err := f.svc.UpdateQuote(ctx, f.translator, q.ID, 0, cotejo.QuoteUpdate{Original: &cotejo.LangText{Text: ""}, ClearSource: true}); err != nil {
		t.Fatal(err)
	}
	r, _ = f.svc.Readiness(ctx, a.ID)
	ps, _ := f.svc.Passages(ctx, a.ID)
	if r.ResolvedPassages != 0 || ps[0].QuoteID == nil || ps[0].Resolved() {
		t.Fatalf("a quote without its original resolves its passage: %d resolved, %+v", r.ResolvedPassages, ps[0])
	}
	if _, err := f.svc.IgnorePassage(ctx, f.translator, a.ID, cotejo.Span{Start: ps[1].Start, End: ps[1].End}, "scare quotes"); err != nil {
		t.Fatal(err)
	}
	if r, _ = f.svc.Readiness(ctx, a.ID); r.ResolvedPassages != 1 {
		t.Fatalf("a mark does not resolve its passage: %d resolved", r.ResolvedPassages)
	}
}

// nextBody has four quoted passages; the test links the first and third.
const nextBody = "Intro.\n\n“One passage here, long enough,” she said.\n\n“A second passage, also long,” she said.\n\n" +
	"“The third passage of the body,” she said.\n\n“And a fourth passage to finish,” she said."

// TestNextWaitingPerPerson: "save and go to the next" goes, in body order
// and wrapping once, to the next place that waits for this person and
// nowhere else: unlinked passages and drafts for a translator, translated
// quotes of others for a reviewer; nothing when nothing waits.
func TestNextWaitingPerPerson(t *testing.T) {
	ctx := context.Background()
	f := onSQLite(t)
	a := f.article(t, nextBody)
	src := &cotejo.Source{Kind: cotejo.KindTranscript, Title: "T", Language: "es", Text: "Un pasaje. Un tercer pasaje."}
	if err := f.svc.CreateSource(ctx, f.editor, src); err != nil {
		t.Fatal(err)
	}
	mk := func(rendering, original string) *cotejo.Quote {
		q, err := f.svc.CreateQuote(ctx, f.translator, a.ID, workflow.QuoteInput{Speaker: "S", SourceID: &src.ID,
			Original: cotejo.LangText{Text: original}, Rendering: cotejo.LangText{Text: rendering}})
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	q1 := mk("One passage here, long enough", "Un pasaje")
	q3 := mk("The third passage of the body", "Un tercer pasaje")
	ps, _ := f.svc.Passages(ctx, a.ID)
	at := func(i int) workflow.Stop {
		return workflow.Stop{Start: ps[i].Start, End: ps[i].End, QuoteID: ps[i].QuoteID}
	}
	next := func(u *cotejo.User, from workflow.Stop) string {
		t.Helper()
		st, ok, err := f.svc.NextWaiting(ctx, u, a.ID, from)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return "none"
		}
		return st.Text
	}
	for _, tt := range []struct {
		name string
		who  *cotejo.User
		from workflow.Stop
		want string
	}{
		{"translator after the first", f.translator, at(0), "A second passage, also long"},
		{"translator after the second", f.translator, at(1), "The third passage of the body"},
		{"translator after the last wraps", f.translator, at(3), "One passage here, long enough"},
		{"reviewer: nothing translated", f.reviewer, at(0), "none"},
	} {
		if got := next(tt.who, tt.from); got != tt.want {
			t.Errorf("%s: went to %q, want %q", tt.name, got, tt.want)
		}
	}
	for _, q := range []*cotejo.Quote{q1, q3} {
		if _, err := f.svc.TransitionQuote(ctx, f.translator, q.ID, 0, workflow.TransitionInput{To: cotejo.QuoteTranslated}); err != nil {
			t.Fatal(err)
		}
	}
	if got := next(f.translator, at(1)); got != "And a fourth passage to finish" {
		t.Errorf("translator skips the translated third: went to %q", got)
	}
	if got := next(f.reviewer, at(0)); got != "The third passage of the body" {
		t.Errorf("reviewer after the first: went to %q", got)
	}
	if got := next(f.reviewer, at(2)); got != "One passage here, long enough" {
		t.Errorf("reviewer after the third wraps to the first: went to %q", got)
	}
	// Four eyes: a reviewer who edited the quote does not review it.
	other := f.addUser(t, &cotejo.User{Email: "both@example.org", Name: "Both", Roles: []cotejo.Role{cotejo.RoleTranslator, cotejo.RoleReviewer}})
	cur, _ := f.svc.Quote(ctx, q3.ID)
	if _, err := f.svc.UpdateQuote(ctx, other, q3.ID, cur.Version, cotejo.QuoteUpdate{Speaker: ptr("Someone")}); err != nil {
		t.Fatal(err)
	}
	if got := next(other, at(0)); got != "A second passage, also long" {
		t.Errorf("the translator-reviewer after the first: went to %q, want the unlinked second (not their own third)", got)
	}
	for _, st := range ps[1:] {
		if st.QuoteID == nil {
			if _, err := f.svc.IgnorePassage(ctx, f.translator, a.ID, cotejo.Span{Start: st.Start, End: st.End}, "other"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got := next(f.translator, at(0)); got != "none" {
		t.Errorf("nothing waits for the translator, yet it went to %q", got)
	}
}

// TestApplyRendering: a rendering edited after the article was written is
// applied to the article at the quote's anchor, on the article's version:
// the body prints it, the quote's anchor is exact on its words, the other
// quotes are found again, and a stale version changes nothing.
func TestApplyRendering(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		a, q := f.reviewed(t)
		if _, _, drift := workflow.Drift(a, q); drift {
			t.Fatal("a fresh quote drifts")
		}
		q, err := f.svc.UpdateQuote(ctx, f.translator, q.ID, q.Version, cotejo.QuoteUpdate{Rendering: &cotejo.LangText{Text: "We do not want intervention by any foreign government"}})
		if err != nil {
			t.Fatal(err)
		}
		a, _ = f.svc.Article(ctx, a.ID)
		printed, diff, drift := workflow.Drift(a, q)
		if !drift || printed != "We don't want intervention from any foreign government" || len(diff) < 3 {
			t.Fatalf("drift: %v %q %+v", drift, printed, diff)
		}
		if _, err := f.svc.ApplyRendering(ctx, f.translator, q.ID, a.Version+1); cotejo.ErrorCode(err) != cotejo.CodeVersionConflict {
			t.Fatalf("a stale version: %v", err)
		}
		if _, err := f.svc.ApplyRendering(ctx, f.reviewer, q.ID, a.Version); cotejo.ErrorCode(err) != cotejo.CodeForbidden {
			t.Fatalf("a reviewer applies: %v", err)
		}
		ch, err := f.svc.ApplyRendering(ctx, f.translator, q.ID, a.Version)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Replace(reviewBody, "We don't want intervention from any foreign government", "We do not want intervention by any foreign government", 1)
		if ch.Article.Body != want || ch.Article.Version != a.Version+1 {
			t.Fatalf("body after applying:\n%s\nversion %d", ch.Article.Body, ch.Article.Version)
		}
		got, _ := f.svc.Quote(ctx, q.ID)
		if an := got.ArticleAnchor; an.State != cotejo.AnchorExact || an.Exact != got.Rendering.Text {
			t.Fatalf("the quote's anchor after applying: %+v", an)
		}
		if _, _, drift := workflow.Drift(ch.Article, got); drift {
			t.Fatal("still drifts")
		}
		// Applying again changes nothing.
		if ch2, err := f.svc.ApplyRendering(ctx, f.translator, q.ID, ch.Article.Version); err != nil || ch2.Article.Version != ch.Article.Version {
			t.Fatalf("applying twice: %+v %v", ch2, err)
		}
	})
}

// TestImportReportsRenderingsNotInTheArticle: an XLIFF target that changes
// a rendering is reported as updated and as no longer standing in the
// article; one the article prints is not.
func TestImportReportsRenderingsNotInTheArticle(t *testing.T) {
	ctx := context.Background()
	f := onSQLite(t)
	a, q := f.reviewed(t)
	xliff := func(target string) string {
		return fmt.Sprintf(`<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="article-%d" source-language="es" target-language="en" datatype="plaintext"><body>`+
			`<trans-unit id="q%d"><source>x</source><target>%s</target></trans-unit></body></file></xliff>`, a.ID, q.ID, target)
	}
	rep, err := f.svc.ImportXLIFF(ctx, f.translator, a.ID, strings.NewReader(xliff("We do not want intervention by any foreign government")), interchange.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Updated != 1 || rep.NotInArticle != 1 || !rep.Units[0].NotInArticle {
		t.Fatalf("a changed target: %+v", rep)
	}
	rep, err = f.svc.ImportXLIFF(ctx, f.translator, a.ID, strings.NewReader(xliff("We don&apos;t want intervention from any foreign government")), interchange.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Updated != 1 || rep.NotInArticle != 0 || rep.Units[0].NotInArticle {
		t.Fatalf("a target the article prints: %+v", rep)
	}
}

// TestConcordance: every place a phrase stands, in text order, folded as
// locating folds, with its sentence and the speaker of its turn.
func TestConcordance(t *testing.T) {
	text := "PRESIDENTA CLAUDIA SHEINBAUM PARDO: Buenos días. No queremos intervención. Nada más.\n\n" +
		"PREGUNTA: ¿Y la intervencion militar? Gracias.\n\n" +
		"PRESIDENTA CLAUDIA SHEINBAUM PARDO: No habrá INTERVENCIÓN de ningún gobierno extranjero, lo he dicho muchas veces y lo repito hoy otra vez aquí, a todos ustedes."
	hits, more := workflow.Concordance(text, "es-MX", "intervención", 10)
	if len(hits) != 3 || more {
		t.Fatalf("%d hits (more %v): %+v", len(hits), more, hits)
	}
	rs := []rune(text)
	for i, h := range hits {
		if string(rs[h.Start:h.End]) != h.Exact || (i > 0 && h.Start <= hits[i-1].Start) {
			t.Fatalf("hit %d: %+v", i, h)
		}
	}
	if hits[0].Speaker != "Claudia Sheinbaum Pardo" || hits[0].Context.Before != "No queremos " || hits[0].Context.After != "." {
		t.Errorf("first hit: %+v", hits[0])
	}
	if hits[1].Speaker != "Pregunta" || hits[1].Exact != "intervencion" || hits[1].Context.Before != "¿Y la " {
		t.Errorf("the questioner's hit: %+v", hits[1])
	}
	if hits[2].Exact != "INTERVENCIÓN" || !strings.HasSuffix(hits[2].Context.After, "…") {
		t.Errorf("third hit: %+v", hits[2])
	}
	if hits, more := workflow.Concordance(text, "es-MX", "intervención", 2); len(hits) != 2 || !more {
		t.Errorf("bounded: %d hits, more %v", len(hits), more)
	}
}

// TestEditorLearnsOfArticlesBackInReview: an approved article whose body
// is edited goes back to review, and its editors find it among the
// articles that came back, with who changed it and why; others do not.
func TestEditorLearnsOfArticlesBackInReview(t *testing.T) {
	ctx := context.Background()
	f := onSQLite(t)
	a := f.article(t, "Intro, with no quoted passage at all.")
	for _, to := range []cotejo.ArticleStatus{cotejo.ArticleInReview, cotejo.ArticleApproved} {
		if _, err := f.svc.TransitionArticle(ctx, f.editor, a.ID, 0, workflow.ArticleTransition{To: to}); err != nil {
			t.Fatal(to, err)
		}
	}
	if got, _ := f.svc.ArticlesBackInReview(ctx, f.editor, 10); len(got) != 0 {
		t.Fatalf("an approved article is listed as back in review: %+v", got)
	}
	body := "Intro, rewritten after approval."
	if _, err := f.svc.UpdateArticle(ctx, f.translator, a.ID, 0, cotejo.ArticleUpdate{Body: &body}); err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.ArticlesBackInReview(ctx, f.editor, 10)
	if err != nil || len(got) != 1 || got[0].Article.ID != a.ID || got[0].By != f.translator.Name || got[0].Reason.Code != cotejo.ReasonBodyChanged {
		t.Fatalf("the editor's list: %+v, %v", got, err)
	}
	if got, _ := f.svc.ArticlesBackInReview(ctx, f.translator, 10); len(got) != 0 {
		t.Fatal("a translator is given the editor's list")
	}
}
