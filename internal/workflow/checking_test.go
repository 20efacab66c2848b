package workflow_test

import (
	"context"
	"slices"
	"testing"

	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/workflow"
)

func codes(fs []checks.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

// TestFindingsComputedOnceAndKeptFresh: a second view of an article checks
// nothing, because nothing changed; a change of the glossary, of a sibling
// quote (same original, other article), of the quote itself, of the source's
// text or of the article's body makes exactly the affected findings fresh,
// and what the views show is what checking afresh shows.
func TestFindingsComputedOnceAndKeptFresh(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		a, q := f.reviewed(t)
		view := func() []checks.Finding {
			t.Helper()
			vs, err := f.svc.ViewQuotes(ctx, a.ID)
			if err != nil || len(vs) != 1 {
				t.Fatalf("view: %v, %v", vs, err)
			}
			return vs[0].Checks
		}
		computed := func() int64 { return workflow.ChecksComputed(f.svc) }

		first := view()
		if len(first) != 0 {
			t.Fatalf("the reviewed quote raises %v", codes(first))
		}
		n := computed()
		for range 3 {
			view()
			if _, err := f.svc.ViewQuote(ctx, q.ID); err != nil {
				t.Fatal(err)
			}
		}
		if computed() != n {
			t.Fatalf("views of an unchanged article checked %d quotes again", computed()-n)
		}

		// The glossary: a new term about the quote's original is seen at once.
		g := &cotejo.GlossaryTerm{Source: cotejo.LangText{Text: "intervención", Lang: "es"},
			Target: cotejo.LangText{Text: "interference", Lang: "en"}, Forbidden: []string{"intervention"}}
		if err := f.svc.CreateGlossaryTerm(ctx, f.editor, g); err != nil {
			t.Fatal(err)
		}
		if got := codes(view()); !slices.Contains(got, checks.CodeGlossaryForbidden) {
			t.Fatalf("after the glossary changed: %v", got)
		}
		if computed() != n+1 {
			t.Fatalf("the glossary change checked %d quotes, want 1", computed()-n)
		}
		if err := f.svc.DeleteGlossaryTerm(ctx, f.editor, g.ID, g.Version); err != nil {
			t.Fatal(err)
		}
		if got := codes(view()); len(got) != 0 {
			t.Fatalf("after the term was deleted: %v", got)
		}

		// A sibling: another article renders the same original differently.
		other := f.article(t, "“We want no interference by any foreign government,” she said in Spanish.")
		sib, err := f.svc.CreateQuote(ctx, f.translator, other.ID, workflow.QuoteInput{Speaker: "CS",
			Original: q.Original, Rendering: cotejo.LangText{Text: "We want no interference by any foreign government"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := codes(view()); !slices.Contains(got, checks.CodeInconsistentRendering) {
			t.Fatalf("after a sibling appeared: %v", got)
		}
		n = computed()
		view()
		if computed() != n {
			t.Fatal("a second view after the sibling appeared checked again")
		}
		// The sibling changes its words to agree: the warning goes.
		if _, err := f.svc.UpdateQuote(ctx, f.translator, sib.ID, sib.Version, cotejo.QuoteUpdate{
			Rendering: &cotejo.LangText{Text: q.Rendering.Text}}); err != nil {
			t.Fatal(err)
		}
		if got := codes(view()); len(got) != 0 {
			t.Fatalf("after the sibling agreed: %v", got)
		}

		// The article's body: the rendering no longer stands there.
		if _, err := f.svc.UpdateArticle(ctx, f.editor, a.ID, 0, cotejo.ArticleUpdate{Body: ptr("Nothing quoted any more.")}); err != nil {
			t.Fatal(err)
		}
		if got := codes(view()); !slices.Contains(got, checks.CodeRenderingNotInArticle) {
			t.Fatalf("after the body changed: %v", got)
		}
		// Every view agrees with checking afresh (live checks store nothing).
		fresh, err := f.svc.CheckDraft(ctx, a.ID, q.ID, workflow.QuoteInput{Speaker: q.Speaker, Original: q.Original,
			Rendering: q.Rendering, SourceID: q.SourceID})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := codes(view()), codes(fresh); !slices.Equal(got, want) {
			t.Fatalf("stored %v, fresh %v", got, want)
		}
	})
}
