package workflow_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/workflow"
)

const (
	reviewBody = "Mexico rejects the offer.\n\n“We don't want intervention from any foreign government,” President Sheinbaum said in Spanish at her morning news conference.\n\nShe called the cartels “terrorist organizations.”"
	reviewSrc  = "Presidenta: Nosotros no queremos intervención de ningún gobierno extranjero. Hay colaboración y coordinación."
)

// reviewed builds an article with a source and one quote whose original is
// located in the source and whose rendering stands in the body: every
// check passes, so only the rules under test can refuse a move.
func (f *fixture) reviewed(t *testing.T) (*cotejo.Article, *cotejo.Quote) {
	t.Helper()
	ctx := context.Background()
	a := f.article(t, reviewBody)
	src := &cotejo.Source{Kind: cotejo.KindTranscript, Title: "Mañanera", Language: "es", Text: reviewSrc}
	if err := f.svc.CreateSource(ctx, f.editor, src); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.AttachSource(ctx, f.editor, a.ID, src.ID); err != nil {
		t.Fatal(err)
	}
	q, err := f.svc.CreateQuote(ctx, f.translator, a.ID, workflow.QuoteInput{Speaker: "Claudia Sheinbaum",
		Original:  cotejo.LangText{Text: "Nosotros no queremos intervención de ningún gobierno extranjero"},
		Rendering: cotejo.LangText{Text: "We don't want intervention from any foreign government"}, SourceID: &src.ID})
	if err != nil {
		t.Fatal(err)
	}
	if q.SourceAnchor == nil || q.SourceAnchor.State != cotejo.AnchorExact || q.ArticleAnchor == nil {
		t.Fatalf("anchors: %+v %+v", q.SourceAnchor, q.ArticleAnchor)
	}
	return a, q
}

func (f *fixture) move(t *testing.T, u *cotejo.User, id int64, in workflow.TransitionInput) (*workflow.QuoteView, error) {
	t.Helper()
	return f.svc.TransitionQuote(context.Background(), u, id, 0, in)
}

func mustMove(t *testing.T, v *workflow.QuoteView, err error, want cotejo.QuoteStatus) *workflow.QuoteView {
	t.Helper()
	if e := cotejo.AsError(err); e != nil && e.Code == cotejo.CodeBlocked {
		t.Fatalf("want %s: blocked by %+v", want, e.Details)
	}
	if err != nil || v.Status != want {
		t.Fatalf("want %s: %+v, %v", want, v, err)
	}
	return v
}

// TestQuoteLife walks a quote through its life with the people of each
// role, and checks what each step records.
func TestQuoteLife(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		_, q := f.reviewed(t)

		v, err := f.move(t, f.translator, q.ID, workflow.TransitionInput{To: cotejo.QuoteTranslated})
		mustMove(t, v, err, cotejo.QuoteTranslated)
		if len(checks.Blocking(v.Checks)) != 0 || *v.TranslatorID != f.translator.ID {
			t.Fatalf("translated: %+v", v)
		}
		// Four eyes: the translator cannot verify, even holding the reviewer role.
		both := &cotejo.User{ID: f.translator.ID, Roles: []cotejo.Role{cotejo.RoleTranslator, cotejo.RoleReviewer}}
		if _, err := f.move(t, both, q.ID, workflow.TransitionInput{To: cotejo.QuoteVerified}); cotejo.ErrorCode(err) != cotejo.CodeFourEyes {
			t.Fatalf("self-verification: %v", err)
		}
		v, err = f.move(t, f.reviewer, q.ID, workflow.TransitionInput{To: cotejo.QuoteVerified})
		mustMove(t, v, err, cotejo.QuoteVerified)
		v, err = f.move(t, f.editor, q.ID, workflow.TransitionInput{To: cotejo.QuoteApproved})
		mustMove(t, v, err, cotejo.QuoteApproved)
		if *v.VerifierID != f.reviewer.ID || *v.ApproverID != f.editor.ID || v.ApprovedAt == nil {
			t.Fatalf("approved: %+v", v)
		}
		// The approved pair is in the memory.
		ms, err := f.svc.SearchTM(ctx, "no queremos intervención de ningún gobierno extranjero", "es", "", 5)
		if err != nil || len(ms) != 1 || ms[0].Rendering.Text != q.Rendering.Text || ms[0].Score < 0.8 {
			t.Fatalf("memory: %+v, %v", ms, err)
		}
		// Approved quotes are locked.
		cur, _ := f.st.Quote(ctx, q.ID)
		if _, err := f.svc.UpdateQuote(ctx, f.editor, q.ID, cur.Version, cotejo.QuoteUpdate{Speaker: ptr("C. Sheinbaum")}); cotejo.ErrorCode(err) != cotejo.CodeLocked {
			t.Fatalf("edit of an approved quote: %v", err)
		}
		// An editor reopens it (logged), which takes the pair out of the memory.
		if _, err := f.move(t, f.reviewer, q.ID, workflow.TransitionInput{To: cotejo.QuoteNeedsReview}); cotejo.ErrorCode(err) != cotejo.CodeForbidden {
			t.Fatalf("reviewer reopening: %v", err)
		}
		v, err = f.move(t, f.editor, q.ID, workflow.TransitionInput{To: cotejo.QuoteNeedsReview, Reason: "name style"})
		mustMove(t, v, err, cotejo.QuoteNeedsReview)
		if ms, _ := f.svc.SearchTM(ctx, "no queremos intervención de ningún gobierno extranjero", "es", "", 5); len(ms) != 0 {
			t.Fatalf("a reopened quote stays in the memory: %+v", ms)
		}
		evs := mustEvents(t, f.st, q.ID)
		if last := evs[len(evs)-1]; last.Action != "reopen" || last.Reason != cotejo.Said("name style") || *last.UserID != f.editor.ID {
			t.Fatalf("reopen event: %+v", last)
		}
		// A rejection needs a reason and goes back to the translator.
		if _, err := f.move(t, f.reviewer, q.ID, workflow.TransitionInput{To: cotejo.QuoteRejected}); cotejo.ErrorCode(err) != cotejo.CodeInvalid {
			t.Fatalf("rejection without reason: %v", err)
		}
		v, err = f.move(t, f.reviewer, q.ID, workflow.TransitionInput{To: cotejo.QuoteRejected, Reason: "check the transcript"})
		mustMove(t, v, err, cotejo.QuoteRejected)
		if v.StatusReason != cotejo.Said("check the transcript") || v.VerifierID != nil {
			t.Fatalf("rejected: %+v", v)
		}
		// A move the status does not allow is a 422 with the allowed ones.
		_, err = f.move(t, f.editor, q.ID, workflow.TransitionInput{To: cotejo.QuoteApproved})
		if e := cotejo.AsError(err); e == nil || e.Code != cotejo.CodeInvalidMove {
			t.Fatalf("rejected → approved: %v", err)
		}
		// Someone who may not make the move hears so, whatever version they saw.
		if _, err := f.svc.TransitionQuote(ctx, f.reviewer, q.ID, 1, workflow.TransitionInput{To: cotejo.QuoteTranslated}); cotejo.ErrorCode(err) != cotejo.CodeForbidden {
			t.Fatalf("a stale move by the wrong role: %v", err)
		}
		// A stale version overwrites nothing.
		if _, err := f.svc.TransitionQuote(ctx, f.translator, q.ID, 1, workflow.TransitionInput{To: cotejo.QuoteTranslated}); cotejo.ErrorCode(err) != cotejo.CodeVersionConflict {
			t.Fatalf("stale transition: %v", err)
		}
	})
}

// TestEvidenceAndChecksGate: translated needs evidence; verified needs the
// errors fixed and the warnings overridden with a reason.
func TestEvidenceAndChecksGate(t *testing.T) {
	ctx := context.Background()
	f := onSQLite(t)
	// The article marks an omission the original does not have.
	a := f.article(t, strings.Replace(reviewBody, "intervention from", "intervention … from", 1))
	// No source, no media, no note: no evidence.
	q, err := f.svc.CreateQuote(ctx, f.translator, a.ID, workflow.QuoteInput{Speaker: "CS",
		Original:  cotejo.LangText{Text: "No queremos intervención de ningún gobierno extranjero", Lang: "es"},
		Rendering: cotejo.LangText{Text: "We don't want intervention … from any foreign government"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.move(t, f.translator, q.ID, workflow.TransitionInput{To: cotejo.QuoteTranslated})
	if !blockedBy(err, checks.CodeEvidenceMissing) {
		t.Fatalf("translated without evidence: %v", err)
	}
	// A recording's time range is evidence.
	q, err = f.svc.UpdateQuote(ctx, f.translator, q.ID, 0, cotejo.QuoteUpdate{Media: &cotejo.MediaRange{Start: 61, End: 66.5}})
	if err != nil {
		t.Fatal(err)
	}
	v, err := f.move(t, f.translator, q.ID, workflow.TransitionInput{To: cotejo.QuoteTranslated})
	mustMove(t, v, err, cotejo.QuoteTranslated)

	// The reviewer finds a number where the speaker said none: an error
	// check, which no override lifts.
	if _, err := f.svc.UpdateQuote(ctx, f.editor, q.ID, 0, cotejo.QuoteUpdate{Rendering: &cotejo.LangText{Text: "We don't want intervention from any of 3 foreign governments"}}); err != nil {
		t.Fatal(err)
	}
	_, err = f.move(t, f.reviewer, q.ID, workflow.TransitionInput{To: cotejo.QuoteVerified, Override: []string{checks.CodeNumbersDiffer}, Reason: "fine"})
	if cotejo.ErrorCode(err) != cotejo.CodeInvalid {
		t.Fatalf("overriding an error: %v", err)
	}
	_, err = f.move(t, f.reviewer, q.ID, workflow.TransitionInput{To: cotejo.QuoteVerified})
	if !blockedBy(err, checks.CodeNumbersDiffer) {
		t.Fatalf("verified with differing numbers: %v", err)
	}
	// Back to the faithful rendering, with an ellipsis the original lacks:
	// a warning, which blocks until overridden with a reason.
	if _, err := f.svc.UpdateQuote(ctx, f.editor, q.ID, 0, cotejo.QuoteUpdate{Rendering: &cotejo.LangText{Text: "We don't want intervention … from any foreign government"}}); err != nil {
		t.Fatal(err)
	}
	_, err = f.move(t, f.reviewer, q.ID, workflow.TransitionInput{To: cotejo.QuoteVerified})
	if !blockedBy(err, checks.CodeEllipsisWithoutOmission) {
		t.Fatalf("verified over a warning: %v", err)
	}
	if _, err := f.move(t, f.reviewer, q.ID, workflow.TransitionInput{To: cotejo.QuoteVerified, Override: []string{checks.CodeEllipsisWithoutOmission}}); cotejo.ErrorCode(err) != cotejo.CodeInvalid {
		t.Fatalf("override without reason: %v", err)
	}
	v, err = f.move(t, f.reviewer, q.ID, workflow.TransitionInput{To: cotejo.QuoteVerified, Override: []string{checks.CodeEllipsisWithoutOmission}, Reason: "the pause is hers"})
	mustMove(t, v, err, cotejo.QuoteVerified)
	if len(v.Overrides) != 1 || v.Overrides[0].Code != checks.CodeEllipsisWithoutOmission || v.Overrides[0].UserID != f.reviewer.ID {
		t.Fatalf("override not kept: %+v", v.Overrides)
	}
	evs := mustEvents(t, f.st, q.ID)
	if last := evs[len(evs)-1]; last.Action != "transition" || last.Reason != cotejo.Said("the pause is hers") || !strings.Contains(string(last.To), checks.CodeEllipsisWithoutOmission) {
		t.Fatalf("override not logged: %+v", last)
	}
	// Stale on change: an edit of the speaker sends it to review, says what
	// changed, and voids the override.
	q2, err := f.svc.UpdateQuote(ctx, f.translator, q.ID, 0, cotejo.QuoteUpdate{Speaker: ptr("Claudia Sheinbaum")})
	if err != nil || q2.Status != cotejo.QuoteNeedsReview || q2.StatusReason.Code != cotejo.ReasonChangedAfterVerification || !strings.Contains(q2.StatusReason.Text, "speaker") || len(q2.Overrides) != 0 {
		t.Fatalf("edit of a verified quote: %+v, %v", q2, err)
	}
}

func blockedBy(err error, code string) bool {
	e := cotejo.AsError(err)
	if e == nil || e.Code != cotejo.CodeBlocked {
		return false
	}
	d, _ := cotejo.DetailsOf[workflow.BlockedByChecks](err)
	return slices.ContainsFunc(d.Checks, func(f checks.Finding) bool { return f.Code == code })
}

// TestArticleGate: an article is approved only when every passage is linked
// to an approved quote or marked, and a published article is frozen.
func TestArticleGate(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		a, q := f.reviewed(t)
		r, err := f.svc.Readiness(ctx, a.ID)
		if err != nil || r.Approvable || r.Passages != 2 || r.LinkedPassages != 1 || len(r.UnlinkedPassages) != 1 || r.Quotes.Of(cotejo.QuoteDraft) != 1 {
			t.Fatalf("readiness: %+v, %v", r, err)
		}
		if _, err := f.svc.TransitionArticle(ctx, f.translator, a.ID, 0, workflow.ArticleTransition{To: cotejo.ArticleInReview}); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.TransitionArticle(ctx, f.editor, a.ID, 0, workflow.ArticleTransition{To: cotejo.ArticleApproved})
		e := cotejo.AsError(err)
		if e == nil || e.Code != cotejo.CodeBlocked {
			t.Fatalf("approval with blockers: %v", err)
		}
		d, _ := cotejo.DetailsOf[workflow.ArticleBlocked](err)
		bs := d.Blockers
		if len(bs) != 2 || bs[0].Kind != workflow.BlockerUnlinkedPassage || bs[0].Text != "terrorist organizations" ||
			bs[1].Kind != workflow.BlockerQuoteNotApproved || *bs[1].QuoteID != q.ID || bs[1].WaitingFor != cotejo.RoleTranslator {
			t.Fatalf("blockers: %+v", bs)
		}
		// Resolve: mark the scare quote, take the quote through its life.
		p := r.UnlinkedPassages[0]
		if _, err := f.svc.IgnorePassage(ctx, f.translator, a.ID, cotejo.Span{Start: p.Start, End: p.End}, "scare quotes"); err != nil {
			t.Fatal(err)
		}
		f.step(t, f.translator, q.ID, cotejo.QuoteTranslated)
		f.step(t, f.reviewer, q.ID, cotejo.QuoteVerified)
		if r, _ := f.svc.Readiness(ctx, a.ID); r.Approvable || r.Blockers[0].WaitingFor != cotejo.RoleEditor {
			t.Fatalf("verified is not enough: %+v", r)
		}
		f.step(t, f.editor, q.ID, cotejo.QuoteApproved)
		art, err := f.svc.TransitionArticle(ctx, f.editor, a.ID, 0, workflow.ArticleTransition{To: cotejo.ArticleApproved})
		if err != nil || art.Status != cotejo.ArticleApproved {
			t.Fatalf("approval: %+v, %v", art, err)
		}
		if _, err := f.svc.TransitionArticle(ctx, f.editor, a.ID, 0, workflow.ArticleTransition{To: cotejo.ArticlePublished}); err != nil {
			t.Fatal(err)
		}
		// Published: frozen for everyone until an editor reopens it.
		if _, err := f.svc.UpdateArticle(ctx, f.editor, a.ID, 0, cotejo.ArticleUpdate{Headline: ptr("New")}); cotejo.ErrorCode(err) != cotejo.CodeLocked {
			t.Fatalf("edit of a published article: %v", err)
		}
		if _, err := f.move(t, f.editor, q.ID, workflow.TransitionInput{To: cotejo.QuoteDraft}); cotejo.ErrorCode(err) != cotejo.CodeLocked {
			t.Fatalf("reopening a quote of a published article: %v", err)
		}
		if _, err := f.svc.TransitionArticle(ctx, f.editor, a.ID, 0, workflow.ArticleTransition{To: cotejo.ArticleDraft, Reason: "correction"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.UpdateArticle(ctx, f.editor, a.ID, 0, cotejo.ArticleUpdate{Headline: ptr("New")}); err != nil {
			t.Fatalf("edit after reopening: %v", err)
		}
	})
}

// step makes a move that must succeed.
func (f *fixture) step(t *testing.T, u *cotejo.User, id int64, to cotejo.QuoteStatus) {
	t.Helper()
	v, err := f.move(t, u, id, workflow.TransitionInput{To: to})
	mustMove(t, v, err, to)
}

// TestHistoryQueueComments: the history shows word diffs; the queue follows
// roles and four eyes; a mention reaches the person mentioned.
func TestHistoryQueueComments(t *testing.T) {
	ctx := context.Background()
	f := onSQLite(t)
	_, q := f.reviewed(t)
	if _, err := f.svc.UpdateQuote(ctx, f.translator, q.ID, 0, cotejo.QuoteUpdate{Rendering: &cotejo.LangText{Text: "We do not want intervention from any foreign government"}}); err != nil {
		t.Fatal(err)
	}
	h, err := f.svc.History(ctx, q.ID)
	if err != nil || len(h) != 2 || h[1].Action != "update" {
		t.Fatalf("history: %+v, %v", h, err)
	}
	var ins, del []string
	for _, op := range h[1].Diff["rendering"] {
		switch op.Op {
		case "insert":
			ins = append(ins, op.Text)
		case "delete":
			del = append(del, op.Text)
		}
	}
	if strings.Join(del, "|") != "don't" || strings.Join(ins, "|") != "do not" || h[1].UserName != "translator" {
		t.Fatalf("diff: -%q +%q (%+v)", del, ins, h[1])
	}
	if _, ok := h[1].To["speaker"]; ok {
		t.Fatalf("unchanged fields in the diff: %+v", h[1].To)
	}

	queue := func(u *cotejo.User) []int64 {
		t.Helper()
		qu, _, err := f.svc.Queue(ctx, u, "", cotejo.PageRequest{})
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, it := range qu {
			ids = append(ids, it.Quote.ID)
		}
		return ids
	}
	if got := queue(f.translator); !slices.Equal(got, []int64{q.ID}) || len(queue(f.reviewer)) != 0 {
		t.Fatalf("draft queues: %v / %v", got, queue(f.reviewer))
	}
	f.step(t, f.translator, q.ID, cotejo.QuoteTranslated)
	if got := queue(f.reviewer); !slices.Equal(got, []int64{q.ID}) {
		t.Fatalf("reviewer's queue: %v", got)
	}
	// A translator who also reviews does not find their own work to review.
	both := &cotejo.User{ID: f.translator.ID, Roles: []cotejo.Role{cotejo.RoleTranslator, cotejo.RoleReviewer}}
	if qu, _, _ := f.svc.Queue(ctx, both, cotejo.QuoteTranslated, cotejo.PageRequest{}); len(qu) != 0 {
		t.Fatalf("own work in the review queue: %+v", qu)
	}

	c, err := f.svc.AddComment(ctx, f.translator, q.ID, workflow.CommentInput{Body: "@reviewer the transcript says «nosotros»"})
	if err != nil || !slices.Equal(c.Mentions, []int64{f.reviewer.ID}) {
		t.Fatalf("comment: %+v, %v", c, err)
	}
	if _, err := f.svc.AddComment(ctx, f.reviewer, q.ID, workflow.CommentInput{Body: "Seen.", ParentID: &c.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.AddComment(ctx, f.reviewer, q.ID, workflow.CommentInput{Body: "   "}); cotejo.ErrorCode(err) != cotejo.CodeInvalid {
		t.Fatalf("empty comment: %v", err)
	}
	ms, err := f.svc.Mentions(ctx, f.reviewer)
	if err != nil || len(ms) != 1 || ms[0].ID != c.ID || ms[0].UserName != "translator" {
		t.Fatalf("mentions: %+v, %v", ms, err)
	}
	cs, _ := f.svc.Comments(ctx, q.ID)
	if len(cs) != 2 || *cs[1].ParentID != c.ID {
		t.Fatalf("thread: %+v", cs)
	}
}

// TestReadinessCountsOuterPassages: a quote within a quote is one passage
// to resolve, the outer one.
func TestReadinessCountsOuterPassages(t *testing.T) {
	ctx := context.Background()
	f := onSQLite(t)
	a := f.article(t, "“We said ‘never again’ and we meant it,” she said in Spanish.")
	r, err := f.svc.Readiness(ctx, a.ID)
	if err != nil || r.Passages != 1 || len(r.Blockers) != 1 || r.Blockers[0].Text != "We said ‘never again’ and we meant it" {
		t.Fatalf("readiness: %+v, %v", r, err)
	}
}

// TestConsistencyAcrossArticles: a quote whose original another article
// renders differently is flagged, whether its checks run alone or with the
// rest of its article's quotes.
func TestConsistencyAcrossArticles(t *testing.T) {
	ctx := context.Background()
	f := onSQLite(t)
	_, first := f.reviewed(t)
	other := f.article(t, "“We do not want interference by any foreign government,” she said in Spanish.")
	q, err := f.svc.CreateQuote(ctx, f.translator, other.ID, workflow.QuoteInput{Speaker: "CS",
		Original:  first.Original,
		Rendering: cotejo.LangText{Text: "We do not want interference by any foreign government"}})
	if err != nil {
		t.Fatal(err)
	}
	flagged := func(fs []checks.Finding) bool {
		for _, f := range fs {
			if f.Code == checks.CodeInconsistentRendering {
				var others []checks.OtherRendering
				b, _ := json.Marshal(f.Details["others"])
				_ = json.Unmarshal(b, &others)
				return len(others) == 1 && others[0].QuoteID == first.ID
			}
		}
		return false
	}
	fs, err := f.svc.Checks(ctx, q.ID)
	if err != nil || !flagged(fs) {
		t.Fatalf("one quote's checks: %+v, %v", fs, err)
	}
	vs, err := f.svc.ViewQuotes(ctx, other.ID)
	if err != nil || len(vs) != 1 || !flagged(vs[0].Checks) {
		t.Fatalf("the article's checks: %+v, %v", vs, err)
	}
}
