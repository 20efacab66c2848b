package workflow_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/crosslingual/apertium"
	"github.com/cotejo/cotejo/internal/mt"
	"github.com/cotejo/cotejo/internal/testenv"
	"github.com/cotejo/cotejo/internal/workflow"
)

// withApertium gives a fixture's service the installed Apertium: the
// lexicon and translation for preparing sources, and machine suggestions.
func withApertium(t *testing.T) []workflow.Option {
	t.Helper()
	testenv.Tool(t, "apertium", "apertium apertium-eng-spa")
	testenv.Tool(t, "lt-proc", "lttoolbox")
	lex, err := apertium.Default()
	if err != nil {
		testenv.SkipOrFail(t, "the Apertium lexicon: %v", err)
	}
	tr := &mt.Apertium{}
	return []workflow.Option{workflow.WithLexicon(lex), workflow.WithSourceTranslator(tr), workflow.WithSuggester(tr)}
}

// TestPreparedWithApertium: a source is prepared in the background with the
// lexicon and machine translation, and then answers by them; a paraphrase
// that shares no word with the Spanish is found through the lexicon.
func TestPreparedWithApertium(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		src := &cotejo.Source{Kind: cotejo.KindTranscript, Title: "Mañanera", Language: "es", Text: reviewSrc +
			"\n\nPREGUNTA: ¿Y la economía?\n\nPRESIDENTA: La economía crece y los salarios suben cada año."}
		if err := f.svc.CreateSource(ctx, f.editor, src); err != nil {
			t.Fatal(err)
		}
		f.drain(t, "w")
		p, err := f.svc.PreparationOf(ctx, src)
		if err != nil || !p.Prepared || p.State != string(workflow.JobDone) || !strings.Contains(p.Method, "lexicon") {
			t.Fatalf("preparation: %+v %v", p, err)
		}
		res, err := f.svc.FindOriginal(ctx, src.ID, workflow.FindRequest{Rendering: "Wages rise every year, she said."})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Prepared || res.Method != "lexicon+mt" || len(res.Candidates) == 0 || !strings.Contains(res.Candidates[0].Exact, "salarios suben") {
			t.Fatalf("a paraphrase: %+v", res)
		}
	}, withApertium(t)...)
}

// TestMachineSuggestionIsMarkedAndChecked: the machine's rendering of an
// original is offered as a suggestion of kind mt, kept, and a quote saved
// with it word for word raises the machine-output warning; edited, it does
// not.
func TestMachineSuggestionIsMarkedAndChecked(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		original := cotejo.LangText{Text: "Hay colaboración y coordinación.", Lang: "es"}
		sugg, err := f.svc.SuggestionsFor(ctx, original, "en", 0)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(sugg, func(s workflow.Suggestion) bool { return s.Kind == cotejo.SuggestMachine })
		if i < 0 || sugg[i].Origin != "apertium" || sugg[i].Text == "" {
			t.Fatalf("suggestions: %+v", sugg)
		}
		machine := sugg[i].Text
		a := f.article(t, "“"+machine+"”, she said in Spanish.\n\n“We do work together, in coordination”, she said in Spanish.")
		raised := func(rendering string) bool {
			t.Helper()
			q, err := f.svc.CreateQuote(ctx, f.translator, a.ID, workflow.QuoteInput{Speaker: "CS", Original: original,
				Rendering: cotejo.LangText{Text: rendering}})
			if err != nil {
				t.Fatal(err)
			}
			fs, err := f.svc.Checks(ctx, q.ID)
			if err != nil {
				t.Fatal(err)
			}
			return slices.ContainsFunc(fs, func(f checks.Finding) bool { return f.Code == checks.CodeMachineOutput })
		}
		if !raised(machine) {
			t.Error("a rendering that is the machine's, unedited, raises nothing")
		}
		if raised("We do work together, in coordination") {
			t.Error("an edited rendering is taken for machine output")
		}
	}, withApertium(t)...)
}
