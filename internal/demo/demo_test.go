package demo_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/demo"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/workflow"
)

func TestArticleFromSeed(t *testing.T) {
	m, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	a, err := demo.Article(m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Dek, "Mexican President Claudia Sheinbaum rejected") || strings.Contains(a.Dek, "\n\n") {
		t.Errorf("dek: %q", a.Dek)
	}
	if !strings.HasPrefix(a.Body, "Mexican President Claudia Sheinbaum on Tuesday") || !strings.HasSuffix(a.Body, "into the United States.") || strings.Contains(a.Body, a.Headline) {
		t.Errorf("body: %q…", a.Body[:60])
	}
	for _, l := range m.Links {
		if !strings.Contains(a.Body, l.Passage) {
			t.Errorf("passage %q is not in the body", l.Passage)
		}
	}
}

func TestSeedOnceAndUsersEveryTime(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t, store.SQLite)
	svc := workflow.New(st, workflow.WithBcryptCost(bcrypt.MinCost))
	loaded, err := demo.Seed(ctx, svc, "first password")
	if err != nil || !loaded {
		t.Fatalf("first seed: %v, %v", loaded, err)
	}
	loaded, err = demo.Seed(ctx, svc, "second password")
	if err != nil || loaded {
		t.Fatalf("second seed: %v, %v", loaded, err)
	}
	arts, _, _ := st.Articles(ctx, cotejo.ArticleFilter{})
	if len(arts) != 1 {
		t.Fatalf("%d articles after two seeds", len(arts))
	}
	quotes, _ := st.Quotes(ctx, arts[0].ID)
	ignores, _ := st.PassageIgnores(ctx, arts[0].ID)
	sources, _ := st.ArticleSources(ctx, arts[0].ID)
	if len(quotes) != 2 || len(ignores) != 2 || len(sources) != 2 {
		t.Fatalf("quotes %d, ignored passages %d, sources %d", len(quotes), len(ignores), len(sources))
	}
	for _, q := range quotes {
		if q.SourceAnchor == nil || q.SourceAnchor.State != cotejo.AnchorExact || q.ArticleAnchor == nil || q.ArticleAnchor.State != cotejo.AnchorExact {
			t.Errorf("quote %q is not anchored exactly: %+v %+v", q.Rendering.Text, q.SourceAnchor, q.ArticleAnchor)
		}
	}
	// The glossary is loaded once, and the demo's faithful renderings keep
	// to it: no glossary finding, and its terms are offered as suggestions.
	terms, _ := st.GlossaryTerms(ctx)
	if len(terms) != 6 {
		t.Fatalf("%d glossary terms after two seeds", len(terms))
	}
	views, err := svc.ViewQuotes(ctx, arts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		for _, f := range v.Checks {
			if strings.HasPrefix(string(f.Code), "glossary") {
				t.Errorf("quote %q: %s: %s", v.Rendering.Text, f.Code, f.Message)
			}
		}
	}
	sugg, err := svc.Suggestions(ctx, quotes[0].ID)
	if err != nil || !slices.ContainsFunc(sugg, func(s workflow.Suggestion) bool { return s.Kind == "glossary" && s.Text == "intervention" }) {
		t.Fatalf("suggestions for %q: %+v, %v", quotes[0].Original.Text, sugg, err)
	}
	// The password is the latest one given.
	if _, err := svc.Login(ctx, "reviewer@demo.cotejo", "second password", "127.0.0.1"); err != nil {
		t.Fatalf("login with the new password: %v", err)
	}
	if _, err := svc.Login(ctx, "reviewer@demo.cotejo", "first password", "127.0.0.1"); err == nil {
		t.Fatal("the old password still works")
	}
}
