package crosslingual

import (
	"slices"
	"testing"
)

func TestNumbers(t *testing.T) {
	cases := []struct {
		text    string
		english bool
		want    [][]float64
	}{
		{"son 40.000 personas", false, [][]float64{{40000}}}, // three digits ending in zero group thousands
		{"son 1.375 personas", false, [][]float64{{1375, 1.375}}},
		{"creció 3,2 por ciento", false, [][]float64{{3.2}}},
		{"2 mil 500 pesos", false, [][]float64{{2500}}},
		{"mil millones de dólares", false, [][]float64{{1e9}}},
		{"un millón 332 mil 126 pastillas", false, [][]float64{{1332126}}},
		{"182,000 millones de dólares", false, [][]float64{{182e9}}},
		{"un millón 800 mil viviendas", false, [][]float64{{1.8e6}}},
		{"el primer año", false, [][]float64{{1}}},
		{"para cada uno de ellos", false, nil},
		{"6 mil 998 armas y 121.4 toneladas", false, [][]float64{{6998}, {121.4}}},
		{"treinta y dos estados", false, [][]float64{{32}}},
		{"cuatro mil elementos", false, [][]float64{{4000}}},
		{"un gobierno", false, nil},
		{"$182 billion", true, [][]float64{{182e9}}},
		{"1.3 million people", true, [][]float64{{1.3e6}}},
		{"two thousand three hundred and five", true, [][]float64{{2305}}},
		{"twenty-five states", true, [][]float64{{25}}},
		{"a thousand troops", true, [][]float64{{1000}}},
		{"thousand", true, nil},
	}
	for _, c := range cases {
		rs := []rune(c.text)
		toks := tokenize(rs, 0, len(rs), nil)
		tag := "es"
		if c.english {
			tag = "en"
		}
		var got [][]float64
		for _, n := range findNumbers(rs, toks, tag) {
			got = append(got, n.values)
		}
		if !slices.EqualFunc(got, c.want, func(a, b []float64) bool { return slices.Equal(a, b) }) {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
	}
}

// TestNumberTokens: a number's tokens are those its code points cover, with
// the words of a percent sign after it.
func TestNumberTokens(t *testing.T) {
	cases := []struct {
		text        string
		tag         string
		first, last int
	}{
		{"son twenty-five states", "en", 1, 2},
		{"creció 3,2 por ciento", "es", 1, 3},
		{"grew 25 percent", "en", 1, 2},
		{"son 2 mil 500 pesos", "es", 1, 3},
	}
	for _, c := range cases {
		rs := []rune(c.text)
		toks := tokenize(rs, 0, len(rs), nil)
		ns := findNumbers(rs, toks, c.tag)
		if len(ns) != 1 || ns[0].first != c.first || ns[0].last != c.last {
			t.Errorf("%q: got %+v, want tokens %d–%d", c.text, ns, c.first, c.last)
		}
	}
}
