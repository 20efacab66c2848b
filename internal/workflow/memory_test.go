package workflow_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/workflow"
)

// TestMemorySearch: among thousands of pairs said from one template with
// other figures, the fuzzy search puts first the pair whose figure is the
// query's but for a digit (the near-term lists), and still finds a pair
// through its rare words alone; a concordance search finds a phrase inside
// longer segments, newest first, and nothing for a phrase no pair holds
// in order.
func TestMemorySearch(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		t0 := time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)
		pair := func(es, en string) *cotejo.TMUnit {
			return &cotejo.TMUnit{Source: cotejo.LangText{Text: es, Lang: "es"}, Target: cotejo.LangText{Text: en, Lang: "en"}, Origin: "tmx", CreatedAt: t0}
		}
		var us []*cotejo.TMUnit
		for n := 1000; n < 31000; n += 10 { // figures ending in 0
			us = append(us, pair(fmt.Sprintf("En Sinaloa se levantaron %d denuncias por el maíz transgénico.", n),
				fmt.Sprintf("%d complaints were filed in Sinaloa over GM corn.", n)))
		}
		us = append(us,
			pair("La reforma eléctrica no se negocia con nadie, dijo la secretaria de Energía.", "The electricity reform is not up for negotiation."),
			pair("Vamos a mantener la soberanía energética y la reforma eléctrica sigue adelante.", "We will keep energy sovereignty."),
			pair("No hay ninguna reforma eléctrica en discusión.", "No electricity reform is being discussed."))
		if err := f.st.Tx(ctx, func(tx *store.Tx) error { return tx.AddTMUnits(ctx, us) }); err != nil {
			t.Fatal(err)
		}

		ms, err := f.svc.SearchTM(ctx, "En Sinaloa se levantaron 16305 denuncias por el maíz transgénico.", "es", workflow.TMFuzzy, 5)
		if err != nil || len(ms) == 0 {
			t.Fatalf("fuzzy: %v, %v", ms, err)
		}
		if want := "En Sinaloa se levantaron 1630 denuncias por el maíz transgénico."; ms[0].Original.Text != want {
			t.Errorf("fuzzy: first %q, want %q", ms[0].Original.Text, want)
		}
		ms, err = f.svc.SearchTM(ctx, "La reforma eléctrica no se negocia, dijo la secretaria.", "es", workflow.TMFuzzy, 5)
		if err != nil || len(ms) == 0 || ms[0].Original.Text != us[3000].Source.Text {
			t.Errorf("fuzzy by rare words: %+v, %v", ms, err)
		}

		ms, err = f.svc.SearchTM(ctx, "reforma eléctrica", "es", workflow.TMConcordance, 10)
		if err != nil || len(ms) != 3 {
			t.Fatalf("concordance: %d matches, %v", len(ms), err)
		}
		// The shortest segment holding the phrase scores highest (the phrase
		// covers most of it).
		if ms[0].Original.Text != us[3002].Source.Text || ms[0].Score <= ms[2].Score {
			t.Errorf("concordance order: %q %.2f … %.2f", ms[0].Original.Text, ms[0].Score, ms[2].Score)
		}
		if ms, err := f.svc.SearchTM(ctx, "eléctrica reforma", "es", workflow.TMConcordance, 10); err != nil || len(ms) != 0 {
			t.Errorf("words out of order: %d matches, %v", len(ms), err)
		}
		if ms, err := f.svc.SearchTM(ctx, "denuncias por el maíz", "es", workflow.TMConcordance, 10); err != nil || len(ms) != 10 ||
			ms[0].Original.Text != us[2999].Source.Text {
			t.Errorf("a common phrase: %d matches, first %v, %v", len(ms), ms, err)
		}
	})
}

// TestSuggestionsFollowTheMemory: a quote's memory suggestions are searched
// once and reused while the memory is unchanged; a pair added to the
// memory, or taken out with the approval it came from, shows at the next
// view.
func TestSuggestionsFollowTheMemory(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		_, q := f.reviewed(t)
		_, other := f.reviewed(t)
		memoryTexts := func() []string {
			ss, err := f.svc.Suggestions(ctx, q.ID)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, s := range ss {
				if s.Kind == cotejo.SuggestMemory {
					out = append(out, s.Text)
				}
			}
			return out
		}
		if got := memoryTexts(); len(got) != 0 {
			t.Fatalf("an empty memory suggests %v", got)
		}
		before := workflow.MemorySearches(f.svc)
		memoryTexts()
		if n := workflow.MemorySearches(f.svc) - before; n != 0 {
			t.Fatalf("a second view with the memory unchanged searched it %d times", n)
		}
		pair := &cotejo.TMUnit{Source: cotejo.LangText{Text: "Nosotros no queremos intervención de ningún gobierno", Lang: "es"},
			Target: cotejo.LangText{Text: "We want no intervention by any government", Lang: "en"}, Origin: "approval", QuoteID: &other.ID, CreatedAt: clock}
		if err := f.st.Tx(ctx, func(tx *store.Tx) error { return tx.AddTMUnits(ctx, []*cotejo.TMUnit{pair}) }); err != nil {
			t.Fatal(err)
		}
		if got := memoryTexts(); len(got) != 1 || got[0] != pair.Target.Text {
			t.Fatalf("after a pair was added: %v", got)
		}
		if err := f.st.Tx(ctx, func(tx *store.Tx) error { return tx.DeleteTMUnitsOfQuote(ctx, other.ID) }); err != nil {
			t.Fatal(err)
		}
		if got := memoryTexts(); len(got) != 0 {
			t.Fatalf("after the pair was taken out: %v", got)
		}
	})
}
