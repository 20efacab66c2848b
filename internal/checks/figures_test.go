package checks

import (
	"slices"
	"testing"
)

func TestFigures(t *testing.T) {
	cases := []struct {
		text, tag string
		want      []Figure
	}{
		{"creció 3,2 por ciento", "es", []Figure{{Span{7, 10}, []float64{3.2}, false}}},
		{"1.375 personas", "es", []Figure{{Span{0, 5}, []float64{1375, 1.375}, false}}},
		{"un millón 800 mil viviendas", "es", []Figure{{Span{0, 17}, []float64{1.8e6}, false}}},
		{"un país", "es", []Figure{{Span{0, 2}, []float64{1}, true}}},
		{"el 18 de noviembre", "es", []Figure{{Span{3, 5}, []float64{18}, false}}}, // the month is no figure
		{"twenty-five states", "en", []Figure{{Span{0, 11}, []float64{25}, false}}},
	}
	for _, c := range cases {
		got := Figures(nfcRunes(c.text), c.tag)
		if !slices.EqualFunc(got, c.want, func(a, b Figure) bool {
			return a.Span == b.Span && a.Optional == b.Optional && slices.Equal(a.Values, b.Values)
		}) {
			t.Errorf("Figures(%q) = %+v, want %+v", c.text, got, c.want)
		}
	}
	// The numbers check reads the same: one figure, not a million and
	// eight hundred thousand.
	rs := nfcRunes("un millón 800 mil viviendas")
	if got, want := describe(extractNumbers(rs, tokenize(rs), "es")), "un millón 800 mil=1.8e+06"; got != want {
		t.Errorf("the check reads %s, want %s", got, want)
	}
}
