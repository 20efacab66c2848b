package workflow_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/workflow"
)

// propertyBody is an article with several quoted passages, some of them
// alike, so that edits inside and around them exercise every step of the
// re-anchoring (position, exact search, approximate search, lost).
const propertyBody = "Mexico's president spoke on Tuesday.\n\n" +
	"\"We don't want intervention from any foreign government,\" Sheinbaum said in Spanish.\n\n" +
	"She asked for \"collaboration and coordination without subordination\" with the US.\n\n" +
	"\"We are not going to allow it,\" she added, \"we will defend our territory.\"\n\n" +
	"Later she said again: \"We don't want intervention from any foreign government.\""

// TestExactMeansTheQuotesOwnWords is a property of re-anchoring: after any
// sequence of edits of an article body, a quote whose article anchor says
// exact has its rendering, code point for code point, at the anchor's
// place. A change of case inside a passage ("from" → "FROM", "us" → "US")
// is a change of the printed words like any other.
func TestExactMeansTheQuotesOwnWords(t *testing.T) {
	ctx := context.Background()
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 12))
	f := onSQLite(t)
	a := f.article(t, propertyBody)
	for _, r := range []string{
		"We don't want intervention from any foreign government",
		"collaboration and coordination without subordination",
		"We are not going to allow it",
		"we will defend our territory.",
	} {
		if _, err := f.svc.CreateQuote(ctx, f.translator, a.ID, workflow.QuoteInput{Speaker: "CS",
			Original: cotejo.LangText{Text: "x", Lang: "es"}, Rendering: cotejo.LangText{Text: r}}); err != nil {
			t.Fatal(err)
		}
	}
	body := propertyBody
	words := []string{"us", "US", "from", "FROM", "not", "very", "\"", "“", "government", " ", "\n\n", "é", "—"}
	for step := range 150 {
		rs := []rune(body)
		at := rng.IntN(len(rs) + 1)
		n := min(1+rng.IntN(6), len(rs)-at)
		var what string
		switch rng.IntN(5) {
		case 0: // change the case of a few letters
			for i := at; i < at+n; i++ {
				if unicode.IsUpper(rs[i]) {
					rs[i] = unicode.ToLower(rs[i])
				} else {
					rs[i] = unicode.ToUpper(rs[i])
				}
			}
			what = "case"
		case 1: // insert a word
			w := []rune(words[rng.IntN(len(words))])
			rs = append(rs[:at], append(w, rs[at:]...)...)
			what = "insert " + string(w)
		case 2: // delete a few code points
			rs = append(rs[:at], rs[at+n:]...)
			what = "delete"
		case 3: // replace one code point
			if at < len(rs) {
				rs[at] = []rune("aeiouAEIOU. ,")[rng.IntN(13)]
			}
			what = "replace"
		default: // undo a case change somewhere: the words may come back
			what = "lower"
			for i := at; i < at+n; i++ {
				rs[i] = unicode.ToLower(rs[i])
			}
		}
		next := string(rs)
		if strings.TrimSpace(next) == "" || next == body {
			continue
		}
		body = next
		if _, err := f.svc.UpdateArticle(ctx, f.editor, a.ID, 0, cotejo.ArticleUpdate{Body: &body}); err != nil {
			t.Fatalf("step %d (%s at %d): %v", step, what, at, err)
		}
		quotes, err := f.st.Quotes(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		cur := []rune(cotejo.NFC(body))
		for _, q := range quotes {
			an := q.ArticleAnchor
			if an == nil || an.State != cotejo.AnchorExact {
				continue
			}
			if an.Start < 0 || an.End > len(cur) || string(cur[an.Start:an.End]) != q.Rendering.Text {
				got := ""
				if an.Start >= 0 && an.End <= len(cur) && an.Start <= an.End {
					got = string(cur[an.Start:an.End])
				}
				t.Fatalf("step %d (%s at %d): quote %d says exact at %d–%d, where the body has %q, not its rendering %q",
					step, what, at, q.ID, an.Start, an.End, got, q.Rendering.Text)
			}
		}
	}
}

// TestCaseChangeIsInexact: the case of one word changed inside a quoted
// passage, then an edit elsewhere: the anchor stays approximate (it once
// followed the body silently back to exact), and a verified quote is
// stale from the first edit.
func TestCaseChangeIsInexact(t *testing.T) {
	ctx := context.Background()
	f := onSQLite(t)
	a := f.article(t, "Intro.\n\n\"We don't want intervention from the US,\" she said in Spanish.")
	src := &cotejo.Source{Kind: cotejo.KindTranscript, Title: "T", Language: "es", Text: "No queremos intervención de Estados Unidos."}
	if err := f.svc.CreateSource(ctx, f.editor, src); err != nil {
		t.Fatal(err)
	}
	q, err := f.svc.CreateQuote(ctx, f.translator, a.ID, workflow.QuoteInput{Speaker: "CS", SourceID: &src.ID,
		Original: cotejo.LangText{Text: "No queremos intervención de Estados Unidos"}, Rendering: cotejo.LangText{Text: "We don't want intervention from the US"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.TransitionQuote(ctx, f.translator, q.ID, 0, workflow.TransitionInput{To: cotejo.QuoteTranslated}); err != nil {
		t.Fatal(err)
	}
	findings, err := f.svc.Checks(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	for _, fd := range findings {
		warnings = append(warnings, fd.Code)
	}
	if _, err := f.svc.TransitionQuote(ctx, f.reviewer, q.ID, 0, workflow.TransitionInput{To: cotejo.QuoteVerified,
		Override: warnings, Reason: "read"}); err != nil {
		t.Fatal(err)
	}
	for i, body := range []string{
		"Intro.\n\n\"We don't want intervention FROM the US,\" she said in Spanish.",
		"Introduction.\n\n\"We don't want intervention FROM the US,\" she said in Spanish.",
	} {
		if _, err := f.svc.UpdateArticle(ctx, f.editor, a.ID, 0, cotejo.ArticleUpdate{Body: &body}); err != nil {
			t.Fatal(err)
		}
		got, _ := f.st.Quote(ctx, q.ID)
		if got.ArticleAnchor.State != cotejo.AnchorApproximate || got.Status != cotejo.QuoteNeedsReview {
			t.Fatalf("edit %d: anchor %s, status %s; want approximate and needs_review", i+1, got.ArticleAnchor.State, got.Status)
		}
	}
}
