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
		{"son 40.000 personas", false, [][]float64{{40000, 40}}},
		{"creció 3,2 por ciento", false, [][]float64{{3.2}}},
		{"2 mil 500 pesos", false, [][]float64{{2500}}},
		{"mil millones de dólares", false, [][]float64{{1e9}}},
		{"un millón 332 mil 126 pastillas", false, [][]float64{{1332126}}},
		{"182,000 millones de dólares", false, [][]float64{{182e9, 182e6}}},
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
		w := &spanishNumbers
		if c.english {
			w = &englishNumbers
		}
		var got [][]float64
		for _, n := range findNumbers(toks, w) {
			got = append(got, n.values)
		}
		if !slices.EqualFunc(got, c.want, func(a, b []float64) bool { return slices.Equal(a, b) }) {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
	}
}
