package anchor

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestSelectorAt(t *testing.T) {
	text := "Sheinbaum said: “We don't want intervention from any foreign government,” in Spanish."
	tests := []struct {
		name       string
		text       string
		start, end int
		want       Selector
	}{
		{
			"middle", text, 17, 71,
			Selector{17, 71, "We don't want intervention from any foreign government",
				"Sheinbaum said: “", ",” in Spanish."},
		},
		{
			"context cut at ContextLen", strings.Repeat("a", 40) + "X" + strings.Repeat("b", 40), 40, 41,
			Selector{40, 41, "X", strings.Repeat("a", ContextLen), strings.Repeat("b", ContextLen)},
		},
		{"empty span", "abc", 1, 1, Selector{1, 1, "", "a", "bc"}},
		{"whole text", "abc", 0, 3, Selector{0, 3, "abc", "", ""}},
		{
			"NFD input, NFC offsets", "Intervencio\u0301n extranjera", 0, 12,
			Selector{0, 12, "Intervención", "", " extranjera"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SelectorAt(tt.text, tt.start, tt.end)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("SelectorAt = %+v, want %+v", got, tt.want)
			}
		})
	}
	for _, bad := range [][2]int{{-1, 2}, {2, 1}, {0, 4}, {4, 4}} {
		if _, err := SelectorAt("abc", bad[0], bad[1]); !errors.Is(err, ErrRange) {
			t.Errorf("SelectorAt(abc, %d, %d): err = %v, want ErrRange", bad[0], bad[1], err)
		}
	}
}

func mustSelector(t *testing.T, text, exact string) Selector {
	t.Helper()
	b := strings.Index(text, exact)
	if b < 0 {
		t.Fatalf("%q not in %q", exact, text)
	}
	start := len([]rune(text[:b]))
	sel, err := SelectorAt(text, start, start+len([]rune(exact)))
	if err != nil {
		t.Fatal(err)
	}
	return sel
}

func TestReanchor(t *testing.T) {
	body := seedBody(t)
	quote := "collaboration and coordination without subordination"
	old := mustSelector(t, body, quote)
	idx := strings.Index(body, quote)
	duplicate := `"collaboration and coordination without subordination"`
	tests := []struct {
		name      string
		newText   string
		old       Selector
		state     State
		method    string
		exact     string
		wantDiff  []DiffOp
		wantStart int // -1: do not check
	}{
		{"unchanged", body, old, StateExact, MethodPosition, quote, nil, old.Start},
		{
			"text inserted before", "EDITOR'S NOTE: updated.\n\n" + body, old,
			StateExact, MethodExactHint, quote, nil, old.Start + 25,
		},
		{
			"NFD text, NFC offsets", strings.Replace(body, "Speaking at", "Hablando e\u0301n la", 1), old,
			StateExact, MethodExactHint, quote, nil, old.Start + 3,
		},
		{
			"old position beyond the shortened text", body[:idx+len(quote)+10],
			Selector{Start: 5000, End: 5052, Exact: quote, Prefix: old.Prefix, Suffix: old.Suffix},
			StateExact, MethodExactHint, quote, nil, old.Start,
		},
		{
			"ambiguous: context decides, never silent",
			"Officials repeated " + duplicate + " twice.\n\n" + body, old,
			StateApproximate, MethodExactHint, quote, []DiffOp{{OpEqual, quote}}, old.Start + 19 + len(duplicate) + 9,
		},
		{
			"words changed inside, same context",
			strings.Replace(body, quote, "collaboration and coordination, but without subordination", 1), old,
			StateApproximate, MethodFuzzy, "collaboration and coordination, but without subordination",
			[]DiffOp{{OpEqual, "collaboration and coordination"}, {OpInsert, ", but"}, {OpEqual, " without subordination"}},
			old.Start,
		},
		{
			"accent added",
			strings.Replace(body, quote, "collaboration and coördination without subordination", 1), old,
			StateApproximate, MethodFuzzy, "collaboration and coördination without subordination",
			[]DiffOp{{OpEqual, "collaboration and "}, {OpDelete, "coordination"}, {OpInsert, "coördination"}, {OpEqual, " without subordination"}},
			old.Start,
		},
		{
			"quote gone, look-alike elsewhere is not taken",
			strings.Replace(body, `she seeks "`+quote+`"`, "she seeks closer ties", 1) +
				"\n\nAn unrelated column argued for collaboration and coordination with subordination to Washington.",
			old, StateLost, "", "", nil, 0,
		},
		{"quote gone", strings.Replace(body, quote, "cooperation", 1), old, StateLost, "", "", nil, 0},
		{"empty exact", body, Selector{Start: 3, End: 3}, StateLost, "", "", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Reanchor(tt.newText, tt.old)
			if got.State != tt.state || got.Method != tt.method || got.Exact != tt.exact {
				t.Fatalf("Reanchor = %s/%q %q [%d,%d), want %s/%q %q", got.State, got.Method, got.Exact, got.Start, got.End, tt.state, tt.method, tt.exact)
			}
			if !slices.Equal(got.Diff, tt.wantDiff) {
				t.Errorf("Diff = %+v, want %+v", got.Diff, tt.wantDiff)
			}
			if tt.state == StateLost {
				if got.Selector != (Selector{}) {
					t.Errorf("lost anchor has a selector %+v", got.Selector)
				}
				return
			}
			if tt.wantStart >= 0 && got.Start != tt.wantStart {
				t.Errorf("Start = %d, want %d", got.Start, tt.wantStart)
			}
			want, err := SelectorAt(tt.newText, got.Start, got.End)
			if err != nil || want != got.Selector {
				t.Errorf("selector %+v is not SelectorAt of its span (%+v, %v)", got.Selector, want, err)
			}
		})
	}
}

// TestContextSimilarityOfUnrelatedText backs minContext: contexts taken
// from different places of real text must score well below it. (A few
// pairs share a phrase, such as "intervención de ningún", which is why the
// 99th percentile is checked rather than the worst pair.)
func TestContextSimilarityOfUnrelatedText(t *testing.T) {
	var windows []string
	for _, name := range []string{"seed-article.txt", "larazon.txt"} {
		rs := []rune(readTestdata(t, name))
		for i := 0; i+ContextLen <= len(rs); i += 47 {
			windows = append(windows, string(rs[i:i+ContextLen]))
		}
	}
	var sims []float64
	sum := 0.0
	for i := range windows {
		for j := i + 1; j < len(windows); j++ {
			s := similarity(windows[i], windows[j])
			sims = append(sims, s)
			sum += s
		}
	}
	slices.Sort(sims)
	mean, p99 := sum/float64(len(sims)), sims[len(sims)*99/100]
	if mean > 0.25 || p99 > 0.4 {
		t.Errorf("unrelated contexts: mean similarity %.2f, 99th percentile %.2f; minContext %.2f leaves too little margin", mean, p99, minContext)
	}
}

// TestReanchorRefusesLookAlike makes sure the look-alike case above is
// decided by context: the look-alike is within the edit bound, so the
// approximate search finds it, yet Reanchor reports the anchor lost.
func TestReanchorRefusesLookAlike(t *testing.T) {
	body := seedBody(t)
	quote := "collaboration and coordination without subordination"
	old := mustSelector(t, body, quote)
	lookAlike := "collaboration and coordination with subordination"
	edited := strings.Replace(body, `she seeks "`+quote+`"`, "she seeks closer ties", 1) +
		"\n\nAn unrelated column argued for " + lookAlike + " to Washington."
	cs := Locate(edited, quote, Options{}, 1)
	if len(cs) != 1 || cs[0].Exact != lookAlike {
		t.Fatalf("Locate = %+v, want the look-alike", cs)
	}
	if got := Reanchor(edited, old); got.State != StateLost {
		t.Errorf("Reanchor = %+v, want lost", got)
	}
	// The same look-alike where the quote stood, in the same context, is
	// the quote edited, and is found.
	inPlace := strings.Replace(body, quote, lookAlike, 1)
	if got := Reanchor(inPlace, old); got.State != StateApproximate || got.Exact != lookAlike {
		t.Errorf("Reanchor in place = %+v, want the edited quote", got)
	}
}
