package cotejo_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// TestMayMoveMatrix tries every status × every target × every single role
// (and a person with all roles) × whether the person translated or last
// edited the quote, against the table of PRODUCT.md written out here.
func TestMayMoveMatrix(t *testing.T) {
	type who = cotejo.Role
	// allowed[from][to] = the roles that may make the move, and whether the
	// four-eyes rule applies and a reason is required.
	type rule struct {
		roles            []who
		fourEyes, reason bool
	}
	T, R, E := cotejo.RoleTranslator, cotejo.RoleReviewer, cotejo.RoleEditor
	allowed := map[cotejo.QuoteStatus]map[cotejo.QuoteStatus]rule{
		cotejo.QuoteDraft:       {cotejo.QuoteTranslated: {roles: []who{T}}},
		cotejo.QuoteRejected:    {cotejo.QuoteTranslated: {roles: []who{T}}, cotejo.QuoteDraft: {roles: []who{T}}},
		cotejo.QuoteTranslated:  {cotejo.QuoteVerified: {roles: []who{R}, fourEyes: true}, cotejo.QuoteRejected: {roles: []who{R, E}, reason: true}, cotejo.QuoteDraft: {roles: []who{T}}},
		cotejo.QuoteNeedsReview: {cotejo.QuoteVerified: {roles: []who{R}, fourEyes: true}, cotejo.QuoteRejected: {roles: []who{R, E}, reason: true}, cotejo.QuoteTranslated: {roles: []who{T}}},
		cotejo.QuoteVerified:    {cotejo.QuoteApproved: {roles: []who{E}, fourEyes: true}, cotejo.QuoteRejected: {roles: []who{R, E}, reason: true}},
		cotejo.QuoteApproved:    {cotejo.QuoteDraft: {roles: []who{E}}, cotejo.QuoteNeedsReview: {roles: []who{E}}},
	}
	people := [][]who{{T}, {R}, {E}, {cotejo.RoleAdmin}, {T, R, E, cotejo.RoleAdmin}}
	cases := 0
	for _, from := range cotejo.QuoteStatuses {
		for _, to := range cotejo.QuoteStatuses {
			for _, roles := range people {
				for _, own := range []string{"", "translated", "last edited"} {
					for _, reason := range []string{"", "a reason"} {
						cases++
						actor := &cotejo.User{ID: 7, Roles: roles}
						other, self := int64(8), int64(7)
						q := &cotejo.Quote{Status: from, TranslatorID: &other, LastEditorID: &other}
						switch own {
						case "translated":
							q.TranslatorID = &self
						case "last edited":
							q.LastEditorID = &self
						}
						name := fmt.Sprintf("%s→%s by %v (%s) reason=%q", from, to, roles, own, reason)
						_, err := cotejo.MayMove(actor, q, to, reason)
						r, exists := allowed[from][to]
						// Who could ever move a quote to "to", from any status.
						var anyRole []who
						for _, m := range allowed {
							if rr, ok := m[to]; ok {
								anyRole = append(anyRole, rr.roles...)
							}
						}
						has := func(rs []who) bool {
							return slices.ContainsFunc(roles, func(x who) bool { return slices.Contains(rs, x) })
						}
						var want cotejo.Code
						switch {
						case !has(anyRole):
							want = cotejo.CodeForbidden
						case !exists:
							want = cotejo.CodeInvalidMove
						case !has(r.roles):
							want = cotejo.CodeForbidden
						case r.fourEyes && own != "":
							want = cotejo.CodeFourEyes
						case r.reason && reason == "":
							want = cotejo.CodeInvalid
						}
						if got := cotejo.ErrorCode(err); got != want {
							t.Errorf("%s: got %q (%v), want %q", name, got, err, want)
						}
						if (want == "") != cotejo.CanTransition(from, to) && want != cotejo.CodeForbidden && want != cotejo.CodeFourEyes && want != cotejo.CodeInvalid {
							t.Errorf("%s: CanTransition disagrees", name)
						}
					}
				}
			}
		}
	}
	if cases != 6*6*5*3*2 {
		t.Fatalf("%d cases", cases)
	}
}

// TestMoveApply: who and when are recorded, a verification is bound to the
// fingerprint, and taking a step back clears what it takes back.
func TestMoveApply(t *testing.T) {
	at := time.Date(2025, 11, 18, 12, 0, 0, 0, time.UTC)
	tr, rv, ed := &cotejo.User{ID: 1, Roles: []cotejo.Role{cotejo.RoleTranslator}}, &cotejo.User{ID: 2, Roles: []cotejo.Role{cotejo.RoleReviewer}}, &cotejo.User{ID: 3, Roles: []cotejo.Role{cotejo.RoleEditor}}
	q := &cotejo.Quote{Status: cotejo.QuoteDraft, Original: cotejo.LangText{Text: "No queremos", Lang: "es"}, Rendering: cotejo.LangText{Text: "We don't want", Lang: "en"}}
	step := func(u *cotejo.User, to cotejo.QuoteStatus, reason string) {
		t.Helper()
		m, err := cotejo.MayMove(u, q, to, reason)
		if err != nil {
			t.Fatalf("→%s: %v", to, err)
		}
		m.Apply(q, u, at, reason)
	}
	step(tr, cotejo.QuoteTranslated, "")
	if *q.TranslatorID != 1 || !q.TranslatedAt.Equal(at) {
		t.Fatalf("translated: %+v", q)
	}
	step(rv, cotejo.QuoteVerified, "")
	if *q.VerifierID != 2 || q.VerifiedHash != q.Fingerprint() || q.Stale() {
		t.Fatalf("verified: %+v", q)
	}
	q.Rendering.Text = "We do want"
	if !q.Stale() {
		t.Fatal("a changed rendering does not make the verification stale")
	}
	q.Rendering.Text = "We don't want"
	step(ed, cotejo.QuoteApproved, "")
	if *q.ApproverID != 3 {
		t.Fatalf("approved: %+v", q)
	}
	step(ed, cotejo.QuoteDraft, "reopened for a correction")
	if q.VerifierID != nil || q.ApproverID != nil || q.VerifiedHash != "" || q.StatusReason != cotejo.Said("reopened for a correction") {
		t.Fatalf("reopened: %+v", q)
	}
}

func TestMayMoveArticle(t *testing.T) {
	T, E := &cotejo.User{ID: 1, Roles: []cotejo.Role{cotejo.RoleTranslator}}, &cotejo.User{ID: 2, Roles: []cotejo.Role{cotejo.RoleEditor}}
	R := &cotejo.User{ID: 3, Roles: []cotejo.Role{cotejo.RoleReviewer}}
	for _, c := range []struct {
		who      *cotejo.User
		from, to cotejo.ArticleStatus
		reason   string
		want     cotejo.Code
		gate     bool
	}{
		{T, cotejo.ArticleDraft, cotejo.ArticleInReview, "", "", false},
		{R, cotejo.ArticleDraft, cotejo.ArticleInReview, "", cotejo.CodeForbidden, false},
		{T, cotejo.ArticleInReview, cotejo.ArticleApproved, "", cotejo.CodeForbidden, false},
		{E, cotejo.ArticleInReview, cotejo.ArticleApproved, "", "", true},
		{E, cotejo.ArticleApproved, cotejo.ArticlePublished, "", "", true},
		{E, cotejo.ArticleDraft, cotejo.ArticlePublished, "", cotejo.CodeInvalidMove, false},
		{E, cotejo.ArticlePublished, cotejo.ArticleDraft, "", cotejo.CodeInvalid, false},
		{E, cotejo.ArticlePublished, cotejo.ArticleDraft, "correction", "", false},
		{T, cotejo.ArticlePublished, cotejo.ArticleDraft, "correction", cotejo.CodeForbidden, false},
		{E, cotejo.ArticleDraft, "gone", "", cotejo.CodeInvalid, false},
	} {
		gate, err := cotejo.MayMoveArticle(c.who, &cotejo.Article{Status: c.from}, c.to, c.reason)
		if cotejo.ErrorCode(err) != c.want || gate != c.gate {
			t.Errorf("%v %s→%s: %v gate=%v, want %q gate=%v", c.who.Roles, c.from, c.to, err, gate, c.want, c.gate)
		}
	}
}

func TestMentioned(t *testing.T) {
	users := []*cotejo.User{{ID: 1, Email: "reviewer@demo.cotejo"}, {ID: 2, Email: "Ana.Lopez@example.org"}}
	got := cotejo.Mentioned("@reviewer, please check; cc @ana.lopez. And @nobody, email@reviewer", users)
	if !slices.Equal(got, []int64{1, 2}) {
		t.Fatalf("mentions %v", got)
	}
	// What pages mark is what Mentioned reads: the @ and the name, without
	// the comma or full stop after it, and no email address in the text.
	body := "@reviewer, please check; cc @ana.lopez. And @nobody, email@reviewer (@x)"
	var marked []string
	for _, m := range cotejo.Mentions(body) {
		marked = append(marked, body[m.Start:m.End]+"="+m.Name)
	}
	if want := []string{"@reviewer=reviewer", "@ana.lopez=ana.lopez", "@nobody=nobody", "@x=x"}; !slices.Equal(marked, want) {
		t.Fatalf("Mentions marks %q, want %q", marked, want)
	}
}

// TestApprovalFourEyes: by default (and under the strict rule) the verifier
// of a quote may not approve it; the relaxed rule lets them, and says so on
// the move; under neither may its translator or last editor.
func TestApprovalFourEyes(t *testing.T) {
	desk := &cotejo.User{ID: 7, Roles: []cotejo.Role{cotejo.RoleReviewer, cotejo.RoleEditor}}
	self, other := int64(7), int64(8)
	for _, c := range []struct {
		rules                       cotejo.Settings
		translator, editor, checker *int64
		want                        cotejo.Code
		relaxed                     bool
	}{
		{cotejo.Settings{}, &other, &other, &self, cotejo.CodeFourEyes, false},
		{cotejo.Settings{FourEyesApproval: cotejo.ApprovalStrict}, &other, &other, &self, cotejo.CodeFourEyes, false},
		{cotejo.Settings{FourEyesApproval: cotejo.ApprovalRelaxed}, &other, &other, &self, "", true},
		{cotejo.Settings{FourEyesApproval: cotejo.ApprovalRelaxed}, &self, &other, &other, cotejo.CodeFourEyes, false},
		{cotejo.Settings{FourEyesApproval: cotejo.ApprovalRelaxed}, &other, &self, &other, cotejo.CodeFourEyes, false},
		{cotejo.Settings{}, &other, &other, &other, "", false},
		{cotejo.Settings{FourEyesApproval: cotejo.ApprovalRelaxed}, &other, &other, &other, "", false},
	} {
		q := &cotejo.Quote{Status: cotejo.QuoteVerified, TranslatorID: c.translator, LastEditorID: c.editor, VerifierID: c.checker}
		m, err := c.rules.MayMove(desk, q, cotejo.QuoteApproved, "")
		if cotejo.ErrorCode(err) != c.want || m.Relaxed != c.relaxed {
			t.Errorf("%+v translator=%d editor=%d verifier=%d: %v relaxed=%v, want %q relaxed=%v",
				c.rules, *c.translator, *c.editor, *c.checker, err, m.Relaxed, c.want, c.relaxed)
		}
	}
	if _, err := cotejo.MayMove(desk, &cotejo.Quote{Status: cotejo.QuoteVerified, VerifierID: &self}, cotejo.QuoteApproved, ""); cotejo.ErrorCode(err) != cotejo.CodeFourEyes {
		t.Errorf("MayMove without settings lets the verifier approve: %v", err)
	}
}
