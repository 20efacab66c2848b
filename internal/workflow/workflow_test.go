package workflow_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/workflow"
)

// TestEveryChangeIsRecorded: each use case writes its event, with who, when
// and the values before and after.
func TestEveryChangeIsRecorded(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		a := f.article(t, "Intro.\n\n“Hola”, she said in Spanish.")
		if _, err := f.svc.UpdateArticle(ctx, f.translator, a.ID, 1, cotejo.ArticleUpdate{Headline: ptr("H2")}); err != nil {
			t.Fatal(err)
		}
		evs, err := f.st.Events(ctx, cotejo.EntityArticle, a.ID)
		if err != nil || len(evs) != 2 {
			t.Fatalf("events: %v, %v", evs, err)
		}
		if evs[0].Action != "create" || *evs[0].UserID != f.editor.ID || !evs[0].At.Equal(clock) || evs[0].From != nil {
			t.Fatalf("create event: %+v", evs[0])
		}
		var before, after cotejo.Article
		_ = json.Unmarshal(evs[1].From, &before)
		_ = json.Unmarshal(evs[1].To, &after)
		if evs[1].Action != "update" || *evs[1].UserID != f.translator.ID || before.Headline != "H" || after.Headline != "H2" {
			t.Fatalf("update event: %+v", evs[1])
		}
		// A refused change records nothing.
		if _, err := f.svc.UpdateArticle(ctx, f.translator, a.ID, 1, cotejo.ArticleUpdate{Headline: ptr("H3")}); cotejo.ErrorCode(err) != cotejo.CodeVersionConflict {
			t.Fatalf("stale: %v", err)
		}
		if _, err := f.svc.UpdateArticle(ctx, f.translator, a.ID, 2, cotejo.ArticleUpdate{Language: ptr("??")}); cotejo.ErrorCode(err) != cotejo.CodeInvalidLanguage {
			t.Fatalf("invalid: %v", err)
		}
		if evs, _ := f.st.Events(ctx, cotejo.EntityArticle, a.ID); len(evs) != 2 {
			t.Fatalf("refused changes were recorded: %d events", len(evs))
		}
	})
}

func TestRolesAreEnforced(t *testing.T) {
	ctx := context.Background()
	f := onSQLite(t)
	a := f.article(t, "Body")
	cases := map[string]error{
		"reviewer creates an article": f.svc.CreateArticle(ctx, f.reviewer, &cotejo.Article{Headline: "h", Body: "b", Language: "en"}),
		"translator deletes":          f.svc.DeleteArticle(ctx, f.translator, a.ID, 0),
		"anonymous creates":           f.svc.CreateArticle(ctx, nil, &cotejo.Article{Headline: "h", Body: "b", Language: "en"}),
		"non-admin adds a user":       f.svc.CreateUser(ctx, f.editor, &cotejo.User{Email: "x@example.org", Name: "X", Roles: []cotejo.Role{cotejo.RoleAdmin}}, "a long enough password"),
	}
	_, err := f.svc.CreateQuote(ctx, f.reviewer, a.ID, workflow.QuoteInput{Original: cotejo.LangText{Text: "x", Lang: "es"}})
	cases["reviewer writes a quote"] = err
	for name, err := range cases {
		if c := cotejo.ErrorCode(err); c != cotejo.CodeForbidden && c != cotejo.CodeUnauthorized {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestEditingVerifiedQuoteNeedsReview: what was verified is bound to what is
// there; changing it sends the quote back to review, and re-anchoring after
// a body edit does so only when the anchor is no longer exact.
func TestEditingVerifiedQuoteNeedsReview(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		a := f.article(t, "Para one.\n\n\"We don't want intervention,\" she said in Spanish.")
		q, err := f.svc.CreateQuote(ctx, f.translator, a.ID, workflow.QuoteInput{Speaker: "CS",
			Original: cotejo.LangText{Text: "no queremos intervención", Lang: "es"}, Rendering: cotejo.LangText{Text: "We don't want intervention"}})
		if err != nil {
			t.Fatal(err)
		}
		if q.ArticleAnchor == nil || q.ArticleAnchor.Start != 12 || q.Rendering.Lang != "en" {
			t.Fatalf("anchor: %+v", q.ArticleAnchor)
		}
		setStatus(t, f.st, q.ID, cotejo.QuoteVerified)

		// Moving the passage keeps it exact: the status stays.
		ch, err := f.svc.UpdateArticle(ctx, f.editor, a.ID, 0, cotejo.ArticleUpdate{Body: ptr("New lead.\n\nPara one.\n\n\"We don't want intervention,\" she said in Spanish.")})
		if err != nil || len(ch.Reanchored) != 1 || ch.Reanchored[0].Status != cotejo.QuoteVerified || ch.Reanchored[0].After.Start != 23 {
			t.Fatalf("moved: %+v, %v", ch, err)
		}
		// Changing the quoted words loses the anchor: the quote needs review.
		ch, err = f.svc.UpdateArticle(ctx, f.editor, a.ID, 0, cotejo.ArticleUpdate{Body: ptr("\"We do not want any intervention,\" she said in Spanish.")})
		if err != nil || len(ch.Reanchored) != 1 || ch.Reanchored[0].Status != cotejo.QuoteNeedsReview || ch.Reanchored[0].After.State != cotejo.AnchorLost {
			t.Fatalf("changed: %+v, %v", ch, err)
		}
		got, _ := f.st.Quote(ctx, q.ID)
		if got.Status != cotejo.QuoteNeedsReview {
			t.Fatalf("status %s", got.Status)
		}
		evs, _ := f.st.Events(ctx, cotejo.EntityQuote, q.ID)
		if last := evs[len(evs)-1]; last.Action != "reanchor" || last.Reason != cotejo.Because(cotejo.ReasonArticleAnchor, "lost") {
			t.Fatalf("the re-anchor is not recorded with its reason: %+v", last)
		}

		// An edit of the rendering of a verified quote sends it to review too.
		setStatus(t, f.st, q.ID, cotejo.QuoteVerified)
		got, _ = f.st.Quote(ctx, q.ID)
		q2, err := f.svc.UpdateQuote(ctx, f.translator, q.ID, got.Version, cotejo.QuoteUpdate{Rendering: &cotejo.LangText{Text: "We do not want any intervention"}})
		if err != nil || q2.Status != cotejo.QuoteNeedsReview || q2.ArticleAnchor == nil || q2.ArticleAnchor.State != cotejo.AnchorExact {
			t.Fatalf("edit: %+v, %v", q2, err)
		}
		// Saving the same values changes nothing and records nothing.
		n := len(mustEvents(t, f.st, q.ID))
		q3, err := f.svc.UpdateQuote(ctx, f.translator, q.ID, q2.Version, cotejo.QuoteUpdate{Speaker: ptr("CS")})
		if err != nil || q3.Version != q2.Version || len(mustEvents(t, f.st, q.ID)) != n {
			t.Fatalf("a no-op save: %+v, %v", q3, err)
		}
	})
}

func TestLoginFailuresAreCountedPerAddress(t *testing.T) {
	ctx := context.Background()
	f := onSQLite(t)
	for i := 0; i < workflow.MaxFailsPerAddress; i++ {
		// Many accounts from one address, none of them over its own limit.
		email := "guess" + string(rune('a'+i)) + "@example.org"
		if _, err := f.svc.Login(ctx, email, "wrong", "10.1.2.3"); cotejo.ErrorCode(err) != cotejo.CodeUnauthorized {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if _, err := f.svc.Login(ctx, "editor@example.org", "a long enough password", "10.1.2.3"); cotejo.ErrorCode(err) != cotejo.CodeRateLimited {
		t.Fatalf("the address should be throttled: %v", err)
	}
	if u, err := f.svc.Login(ctx, "editor@example.org", "a long enough password", "10.9.9.9"); err != nil || u.ID != f.editor.ID {
		t.Fatalf("another address: %v", err)
	}
}

func TestSessionsAndTokens(t *testing.T) {
	ctx := context.Background()
	f := onSQLite(t)
	secret, err := f.svc.NewSession(ctx, f.editor.ID)
	if err != nil {
		t.Fatal(err)
	}
	if u, err := f.svc.SessionUser(ctx, secret); err != nil || u.ID != f.editor.ID {
		t.Fatalf("session: %v", err)
	}
	if err := f.svc.EndSession(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SessionUser(ctx, secret); cotejo.ErrorCode(err) != cotejo.CodeUnauthorized {
		t.Fatalf("ended session: %v", err)
	}
	tok, info, err := f.svc.CreateToken(ctx, f.editor, "")
	if err != nil || !strings.HasPrefix(tok, workflow.TokenPrefix) || !strings.HasPrefix(tok, info.Hint) || info.Name == "" {
		t.Fatalf("token: %v %+v", err, info)
	}
	if err := f.svc.RevokeToken(ctx, f.reviewer, info.ID); cotejo.ErrorCode(err) != cotejo.CodeNotFound {
		t.Fatalf("revoking someone else's token: %v", err)
	}
	if err := f.svc.RevokeToken(ctx, f.editor, info.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.TokenUser(ctx, tok); cotejo.ErrorCode(err) != cotejo.CodeUnauthorized {
		t.Fatalf("revoked token: %v", err)
	}
	for _, pw := range []string{"short", strings.Repeat("x", 80)} {
		if err := workflow.CheckPassword(pw); err == nil {
			t.Errorf("password of %d bytes accepted", len(pw))
		}
	}
}

func setStatus(t *testing.T, st *store.Store, id int64, s cotejo.QuoteStatus) {
	t.Helper()
	ctx := context.Background()
	err := st.Tx(ctx, func(tx *store.Tx) error {
		q, err := tx.Quote(ctx, id)
		if err != nil {
			return err
		}
		q.Status = s
		return tx.UpdateQuote(ctx, q)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func mustEvents(t *testing.T, st *store.Store, id int64) []*cotejo.Event {
	t.Helper()
	evs, err := st.Events(context.Background(), cotejo.EntityQuote, id)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func ptr[T any](v T) *T { return &v }
