package loadgen_test

import (
	"context"
	"testing"

	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/loadgen"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/workflow"
)

// TestWrite: the generated newsroom is what Cotejo itself would hold: every
// quote's anchors are exact, its original stands in its source and its
// rendering in its article, and the memory holds the pairs.
func TestWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if err := loadgen.Write(ctx, st, loadgen.Spec{Articles: 3, QuotesPerArticle: 20, TMPairs: 150, Seed: 1}); err != nil {
			t.Fatal(err)
		}
		arts, _, err := st.Articles(ctx, cotejo.ArticleFilter{})
		if err != nil || len(arts) != 3 {
			t.Fatalf("articles: %d, %v", len(arts), err)
		}
		svc := workflow.New(st)
		for _, a := range arts {
			vs, err := svc.ViewQuotes(ctx, a.ID)
			if err != nil || len(vs) != 20 {
				t.Fatalf("quotes of %d: %d, %v", a.ID, len(vs), err)
			}
			for _, v := range vs {
				if v.SourceAnchor.State != cotejo.AnchorExact || v.ArticleAnchor.State != cotejo.AnchorExact {
					t.Fatalf("anchors of quote %d: %+v %+v", v.ID, v.SourceAnchor, v.ArticleAnchor)
				}
				for _, f := range v.Checks {
					if f.Code == checks.CodeOriginalNotInSource || f.Code == checks.CodeRenderingNotInArticle {
						t.Fatalf("quote %d: %s", v.ID, f.Message)
					}
				}
			}
		}
		if us, err := st.TMUnits(ctx, "es", 1000); err != nil || len(us) != 150 {
			t.Fatalf("memory: %d pairs, %v", len(us), err)
		}
	})
}
