package workflow_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/workflow"
)

// approvedArticle builds the review article with its quote approved, its
// scare quote marked, and the article approved.
func (f *fixture) approvedArticle(t *testing.T) (*cotejo.Article, *cotejo.Quote, *cotejo.PassageIgnore) {
	t.Helper()
	ctx := context.Background()
	a, q := f.reviewed(t)
	r, err := f.svc.Readiness(ctx, a.ID)
	if err != nil || len(r.UnlinkedPassages) != 1 {
		t.Fatalf("readiness: %+v, %v", r, err)
	}
	p := r.UnlinkedPassages[0]
	mark, err := f.svc.IgnorePassage(ctx, f.translator, a.ID, cotejo.Span{Start: p.Start, End: p.End}, "scare quotes")
	if err != nil {
		t.Fatal(err)
	}
	f.approveQuote(t, q.ID)
	f.approve(t, a.ID)
	return a, q, mark
}

func (f *fixture) approveQuote(t *testing.T, id int64) {
	t.Helper()
	f.step(t, f.translator, id, cotejo.QuoteTranslated)
	f.step(t, f.reviewer, id, cotejo.QuoteVerified)
	f.step(t, f.editor, id, cotejo.QuoteApproved)
}

func (f *fixture) approve(t *testing.T, id int64) {
	t.Helper()
	if art, err := f.svc.TransitionArticle(context.Background(), f.editor, id, 0, workflow.ArticleTransition{To: cotejo.ArticleApproved}); err != nil || art.Status != cotejo.ArticleApproved {
		t.Fatalf("approval: %+v, %v", art, err)
	}
}

// status returns an article's status, and the reason of its last event.
func (f *fixture) status(t *testing.T, id int64) (cotejo.ArticleStatus, string) {
	t.Helper()
	a, err := f.st.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := f.st.Events(context.Background(), cotejo.EntityArticle, id)
	if err != nil || len(evs) == 0 {
		t.Fatalf("events: %v", err)
	}
	return a.Status, evs[len(evs)-1].Reason.English()
}

// TestApproverIsNeitherTranslatorNorVerifier: one person who holds both the
// reviewer and the editor role cannot verify a quote and then approve it
// too, unless the newsroom relaxed the rule for its small desk; then the
// approval's event says that the relaxed rule allowed it. Even relaxed, the
// translator never approves their own translation. Only admins change the
// setting, against its version, to a value it has.
func TestApproverIsNeitherTranslatorNorVerifier(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		both := f.addUser(t, &cotejo.User{Email: "desk@example.org", Name: "Desk", Roles: []cotejo.Role{cotejo.RoleReviewer, cotejo.RoleEditor}})
		admin := f.addUser(t, &cotejo.User{Email: "admin@example.org", Name: "Admin", Roles: []cotejo.Role{cotejo.RoleAdmin}})
		_, q := f.reviewed(t)
		v, err := f.move(t, f.translator, q.ID, workflow.TransitionInput{To: cotejo.QuoteTranslated})
		mustMove(t, v, err, cotejo.QuoteTranslated)
		v, err = f.move(t, both, q.ID, workflow.TransitionInput{To: cotejo.QuoteVerified})
		mustMove(t, v, err, cotejo.QuoteVerified)
		if _, err := f.move(t, both, q.ID, workflow.TransitionInput{To: cotejo.QuoteApproved}); cotejo.ErrorCode(err) != cotejo.CodeFourEyes {
			t.Fatalf("the verifier approves by default: %v", err)
		}

		// The setting: read by all, changed by admins only, against its version.
		set, err := f.svc.Settings(ctx)
		if err != nil || set.FourEyesApproval != cotejo.ApprovalStrict || set.Version != 1 {
			t.Fatalf("the default settings: %+v, %v", set, err)
		}
		relaxed := cotejo.ApprovalRelaxed
		if _, err := f.svc.UpdateSettings(ctx, f.editor, set.Version, cotejo.SettingsUpdate{FourEyesApproval: &relaxed}); cotejo.ErrorCode(err) != cotejo.CodeForbidden {
			t.Fatalf("an editor relaxes the rule: %v", err)
		}
		odd := cotejo.FourEyesApproval("nobody")
		if _, err := f.svc.UpdateSettings(ctx, admin, set.Version, cotejo.SettingsUpdate{FourEyesApproval: &odd}); cotejo.ErrorCode(err) != cotejo.CodeInvalid {
			t.Fatalf("an unknown value: %v", err)
		}
		if _, err := f.svc.UpdateSettings(ctx, admin, set.Version+1, cotejo.SettingsUpdate{FourEyesApproval: &relaxed}); cotejo.ErrorCode(err) != cotejo.CodeVersionConflict {
			t.Fatalf("a stale version: %v", err)
		}
		if set, err = f.svc.UpdateSettings(ctx, admin, set.Version, cotejo.SettingsUpdate{FourEyesApproval: &relaxed}); err != nil ||
			set.FourEyesApproval != cotejo.ApprovalRelaxed || set.Version != 2 {
			t.Fatalf("relaxing: %+v, %v", set, err)
		}
		if evs, err := f.st.Events(ctx, cotejo.EntitySettings, 0); err != nil || len(evs) != 1 || evs[0].UserID == nil || *evs[0].UserID != admin.ID {
			t.Fatalf("the change is not in the audit trail: %+v, %v", evs, err)
		}

		v, err = f.move(t, both, q.ID, workflow.TransitionInput{To: cotejo.QuoteApproved})
		mustMove(t, v, err, cotejo.QuoteApproved)
		evs := mustEvents(t, f.st, q.ID)
		var to map[string]any
		if err := json.Unmarshal(evs[len(evs)-1].To, &to); err != nil || to["four_eyes"] != "relaxed" {
			t.Fatalf("the approval's event does not say the relaxed rule allowed it: %s", evs[len(evs)-1].To)
		}

		// Relaxed or not, the translator does not approve their own work,
		// and an approval by a third person is not marked relaxed.
		_, q2 := f.reviewed(t)
		trEd := &cotejo.User{ID: f.translator.ID, Roles: []cotejo.Role{cotejo.RoleTranslator, cotejo.RoleEditor}}
		v, err = f.move(t, trEd, q2.ID, workflow.TransitionInput{To: cotejo.QuoteTranslated})
		mustMove(t, v, err, cotejo.QuoteTranslated)
		v, err = f.move(t, f.reviewer, q2.ID, workflow.TransitionInput{To: cotejo.QuoteVerified})
		mustMove(t, v, err, cotejo.QuoteVerified)
		if _, err := f.move(t, trEd, q2.ID, workflow.TransitionInput{To: cotejo.QuoteApproved}); cotejo.ErrorCode(err) != cotejo.CodeFourEyes {
			t.Fatalf("the translator approves under the relaxed rule: %v", err)
		}
		v, err = f.move(t, f.editor, q2.ID, workflow.TransitionInput{To: cotejo.QuoteApproved})
		mustMove(t, v, err, cotejo.QuoteApproved)
		evs = mustEvents(t, f.st, q2.ID)
		to = nil
		if err := json.Unmarshal(evs[len(evs)-1].To, &to); err != nil || to["four_eyes"] != nil {
			t.Fatalf("a third person's approval is marked: %s", evs[len(evs)-1].To)
		}
	})
}

// TestApprovalHolds: an approved article stays approved only while what the
// editor approved is there. Reopening a quote, adding one, or removing a
// passage mark takes it back to review, with the reason in its history; a
// published article refuses all of them.
func TestApprovalHolds(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		a, q, mark := f.approvedArticle(t)

		if _, err := f.move(t, f.editor, q.ID, workflow.TransitionInput{To: cotejo.QuoteDraft, Reason: "wrong speaker"}); err != nil {
			t.Fatal(err)
		}
		if s, why := f.status(t, a.ID); s != cotejo.ArticleInReview || why != "a quote was reopened after approval" {
			t.Fatalf("after reopening a quote: %s (%q)", s, why)
		}
		hist, err := f.svc.ArticleHistory(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		last := hist[len(hist)-1]
		if last.Action != cotejo.ActionTransition || last.From["status"] != "approved" || last.To["status"] != "in_review" ||
			last.Reason != cotejo.Because(cotejo.ReasonQuoteReopened) || last.UserName != f.editor.Name {
			t.Fatalf("the article's history ends with %+v", last)
		}
		var marks int
		for _, h := range hist {
			if h.Entity == cotejo.EntityPassage {
				marks++
			}
		}
		if marks != 1 {
			t.Fatalf("%d passage events in the article's history, want the one mark", marks)
		}

		f.approveQuote(t, q.ID)
		f.approve(t, a.ID)
		if err := f.svc.UnignorePassage(ctx, f.translator, a.ID, mark.ID); err != nil {
			t.Fatal(err)
		}
		if s, why := f.status(t, a.ID); s != cotejo.ArticleInReview || why != "a passage mark was removed after approval" {
			t.Fatalf("after removing a mark: %s (%q)", s, why)
		}

		r, _ := f.svc.Readiness(ctx, a.ID)
		p := r.UnlinkedPassages[0]
		mark, err = f.svc.IgnorePassage(ctx, f.translator, a.ID, cotejo.Span{Start: p.Start, End: p.End}, "scare quotes")
		if err != nil {
			t.Fatal(err)
		}
		f.approve(t, a.ID)
		extra, err := f.svc.CreateQuote(ctx, f.translator, a.ID, workflow.QuoteInput{Speaker: "Claudia Sheinbaum",
			Original: cotejo.LangText{Text: "Hay colaboración y coordinación", Lang: "es"}, Rendering: cotejo.LangText{Text: "There is collaboration and coordination"}})
		if err != nil {
			t.Fatal(err)
		}
		if s, why := f.status(t, a.ID); s != cotejo.ArticleInReview || why != "a quote was added after approval" {
			t.Fatalf("after adding a quote: %s (%q)", s, why)
		}

		// An approval that still holds is left alone: deleting the draft
		// quote while in review changes nothing of the article.
		if err := f.svc.DeleteQuote(ctx, f.editor, extra.ID, 0); err != nil {
			t.Fatal(err)
		}
		f.approve(t, a.ID)

		// A corrected transcript that no longer says what was approved.
		corrected := strings.Replace(reviewSrc, "ningún", "algún", 1)
		if _, err := f.svc.UpdateSource(ctx, f.editor, *q.SourceID, 0, cotejo.SourceUpdate{Text: &corrected}); err != nil {
			t.Fatal(err)
		}
		if s, why := f.status(t, a.ID); s != cotejo.ArticleInReview || why != "a source changed after approval" {
			t.Fatalf("after the source changed: %s (%q)", s, why)
		}
		original := reviewSrc
		if _, err := f.svc.UpdateSource(ctx, f.editor, *q.SourceID, 0, cotejo.SourceUpdate{Text: &original}); err != nil {
			t.Fatal(err)
		}
		// Undone, the text says again what the quote says: the anchor is
		// exact again, and the quote waits for a reviewer all the same.
		if cur, _ := f.st.Quote(ctx, q.ID); cur.SourceAnchor.State != cotejo.AnchorExact || cur.SourceAnchor.Exact != q.Original.Text || cur.Status != cotejo.QuoteNeedsReview {
			t.Fatalf("after the correction was undone: %s %+v", cur.Status, cur.SourceAnchor)
		}
		f.step(t, f.reviewer, q.ID, cotejo.QuoteVerified)
		f.step(t, f.editor, q.ID, cotejo.QuoteApproved)
		f.approve(t, a.ID)
		if _, err := f.svc.TransitionArticle(ctx, f.editor, a.ID, 0, workflow.ArticleTransition{To: cotejo.ArticlePublished}); err != nil {
			t.Fatal(err)
		}
		// Published: frozen.
		locked := map[string]error{
			"delete a quote": f.svc.DeleteQuote(ctx, f.editor, q.ID, 0),
			"remove a mark":  f.svc.UnignorePassage(ctx, f.editor, a.ID, mark.ID),
			"add a quote": func() error {
				_, err := f.svc.CreateQuote(ctx, f.editor, a.ID, workflow.QuoteInput{Speaker: "X"})
				return err
			}(),
			"mark a passage": func() error {
				_, err := f.svc.IgnorePassage(ctx, f.editor, a.ID, cotejo.Span{Start: p.Start, End: p.End}, "title")
				return err
			}(),
			"reopen the quote": func() error {
				_, err := f.move(t, f.editor, q.ID, workflow.TransitionInput{To: cotejo.QuoteDraft, Reason: "x"})
				return err
			}(),
			"delete the article": f.svc.DeleteArticle(ctx, f.editor, a.ID, 0),
		}
		for what, err := range locked {
			if cotejo.ErrorCode(err) != cotejo.CodeLocked {
				t.Errorf("%s in a published article: %v", what, err)
			}
		}
		// Its evidence too: the source's text stays; its title may change.
		src := *q.SourceID
		_, err = f.svc.UpdateSource(ctx, f.editor, src, 0, cotejo.SourceUpdate{Text: &corrected})
		if e := cotejo.AsError(err); e == nil || e.Code != cotejo.CodeLocked || e.Field != "text" {
			t.Fatalf("changing the text of a published article's source: %v", err)
		}
		if cur, _ := f.st.Source(ctx, src); cur.Text != reviewSrc {
			t.Fatalf("the source's text changed: %q", cur.Text)
		}
		title := "Mañanera del 18 de noviembre"
		if _, err := f.svc.UpdateSource(ctx, f.editor, src, 0, cotejo.SourceUpdate{Title: &title}); err != nil {
			t.Fatalf("renaming the source: %v", err)
		}
		if s, _ := f.status(t, a.ID); s != cotejo.ArticlePublished {
			t.Fatalf("the published article is now %s", s)
		}
	})
}

// TestApprovalRacesAChange: an editor approves the article while another
// reopens its quote, many times over. Whichever runs second sees the
// first: the article never ends approved with a quote that is not.
func TestApprovalRacesAChange(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		a, q, _ := f.approvedArticle(t)
		editor2 := f.addUser(t, &cotejo.User{Email: "editor2@example.org", Name: "Editor 2", Roles: []cotejo.Role{cotejo.RoleEditor}})
		for round := range 12 {
			// In review, with the quote approved: the approval may pass.
			if art, _ := f.st.Article(ctx, a.ID); art.Status == cotejo.ArticleApproved {
				if _, err := f.svc.TransitionArticle(ctx, f.editor, a.ID, 0, workflow.ArticleTransition{To: cotejo.ArticleDraft, Reason: "again"}); err != nil {
					t.Fatal(err)
				}
			}
			if art, _ := f.st.Article(ctx, a.ID); art.Status == cotejo.ArticleDraft {
				if _, err := f.svc.TransitionArticle(ctx, f.editor, a.ID, 0, workflow.ArticleTransition{To: cotejo.ArticleInReview}); err != nil {
					t.Fatal(err)
				}
			}
			var wg sync.WaitGroup
			wg.Go(func() {
				_, _ = f.svc.TransitionArticle(ctx, f.editor, a.ID, 0, workflow.ArticleTransition{To: cotejo.ArticleApproved})
			})
			wg.Go(func() {
				_, _ = f.svc.TransitionQuote(ctx, editor2, q.ID, 0, workflow.TransitionInput{To: cotejo.QuoteNeedsReview, Reason: "check the tape"})
			})
			wg.Wait()
			art, _ := f.st.Article(ctx, a.ID)
			cur, _ := f.st.Quote(ctx, q.ID)
			if cur.Status != cotejo.QuoteNeedsReview {
				t.Fatalf("round %d: the reopening did not happen: %s", round, cur.Status)
			}
			if art.Status != cotejo.ArticleInReview {
				t.Fatalf("round %d: the article is %s with its quote %s", round, art.Status, cur.Status)
			}
			f.step(t, f.reviewer, q.ID, cotejo.QuoteVerified)
			f.step(t, f.editor, q.ID, cotejo.QuoteApproved)
		}
	})
}
