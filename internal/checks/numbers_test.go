package checks

import (
	"fmt"
	"strings"
	"testing"
)

// describe renders mentions as "text=value" (with "|alt" and " opt") so that
// tables can state exactly what was read.
func describe(ms []mention) string {
	var parts []string
	for _, m := range ms {
		s := fmt.Sprintf("%s=%v", m.text, m.value)
		if m.hasAlt {
			s += fmt.Sprintf("|%v", m.alt)
		}
		if m.optional {
			s += " opt"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func TestExtractNumbers(t *testing.T) {
	tests := []struct{ text, lang, want string }{
		// Digits and the language's separators.
		{"40.000 soldados", "es", "40.000=40000|40"},
		{"40,000 troops", "en", "40,000=40000|40"},
		{"40,000 elementos", "es-MX", "40,000=40000|40"},
		{"40,000 elementos", "es", "40,000=40|40000"},
		{"3,2 por ciento", "es", "3,2=3.2"},
		{"3.2 percent", "en", "3.2=3.2"},
		{"1.5 points", "en", "1.5=1.5"},
		{"1.500", "en", "1.500=1.5|1500"},
		{"1.234.567,89", "es", "1.234.567,89=1.23456789e+06"},
		{"1,234,567.89", "en", "1,234,567.89=1.23456789e+06"},
		{"40\u00a0000 personas", "es", "40\u00a0000=40000"},
		{"0,500", "es", "0,500=0.5"},
		{"18.11.2025", "es", "18=18; 11=11; 2025=2025"},
		{"a las 10:30", "es", "10:30=10.5"},
		{"en 2025", "es", "2025=2025"},
		{"COVID-19", "en", "19=19"},
		{"la 4T", "es", "4=4"},
		// Scale words after digits.
		{"40 mil millones de pesos", "es", "40 mil millones=4e+10"},
		{"40 billion pesos", "en", "40 billion=4e+10"},
		{"3,5 millones", "es", "3,5 millones=3.5e+06"},
		{"1.5 million", "en", "1.5 million=1.5e+06"},
		{"40.000 millones", "es-MX", "40.000 millones=4e+07|4e+10"},
		// The Mexican press adds a smaller number after a scale.
		{"2 mil 500 elementos", "es-MX", "2 mil 500=2500"},
		{"3 millones 200 mil votos", "es", "3 millones 200 mil=3.2e+06"},
		{"3 millones 200 mil 15 votos", "es", "3 millones 200 mil 15=3.200015e+06"},
		{"en 2 mil 2025", "es", "2 mil=2000; 2025=2025"},
		{"2 thousand 500", "en", "2 thousand=2000; 500=500"},
		// Number words.
		{"cinco", "es", "cinco=5"},
		{"five", "en", "five=5"},
		{"dos mil", "es", "dos mil=2000"},
		{"two thousand", "en", "two thousand=2000"},
		{"mil quinientos", "es", "mil quinientos=1500"},
		{"mil personas", "es", "mil=1000"},
		{"un millón", "es", "un millón=1e+06"},
		{"one million", "en", "one million=1e+06"},
		{"a hundred and five", "en", "a hundred and five=105"},
		{"veintiún años", "es", "veintiún=21"},
		{"treinta y dos", "es", "treinta y dos=32"},
		{"treinta y un días", "es", "treinta y un=31"},
		{"ciento un años", "es", "ciento un=101"},
		{"thirty-two", "en", "thirty-two=32"},
		{"dos mil quinientos millones", "es", "dos mil quinientos millones=2.5e+09"},
		{"dos millones trescientos mil", "es", "dos millones trescientos mil=2.3e+06"},
		{"seven hundred thousand", "en", "seven hundred thousand=700000"},
		{"un millón y medio de personas", "es", "un millón y medio=1.5e+06"},
		{"one and a half million people", "en", "one and a half million=1.5e+06"},
		{"medio millón", "es", "medio millón=500000"},
		{"half a million", "en", "half a million=500000"},
		{"una docena", "es", "una docena=12"},
		{"dos tres", "es", "dos=2; tres=3"},
		{"dos y tres", "es", "dos=2; tres=3"},
		{"miles de personas", "es", ""},
		{"millones de personas", "es", ""},
		{"thousands of people", "en", ""},
		{"thousand", "en", ""},
		// Percentages: "por ciento" is not a hundred.
		{"20 por ciento", "es", "20=20"},
		{"cien por ciento", "es", "cien=100"},
		{"20%", "en", "20=20"},
		// Ordinals.
		{"el primer día", "es", "primer=1"},
		{"la tercera vez", "es", "tercera=3"},
		{"3rd", "en", "3rd=3"},
		{"1.º de mayo", "es", "1.º=1"},
		{"vigésimo primero", "es", "vigésimo primero=21"},
		{"twenty-first century", "en", "twenty-first=21"},
		{"the Fourth Transformation", "en", "Fourth=4"},
		{"el cuarto informe", "es", "cuarto=4"},
		{"segundo piso", "es", "segundo=2"},
		// Roman numerals in context only.
		{"siglo XIX", "es", "XIX=19"},
		{"siglo xix", "es", "xix=19"},
		{"19th century", "en", "19th=19"},
		{"Juan Pablo II", "es", "II=2"},
		{"I said", "en", ""},
		{"Washington DC", "en", ""},
		{"MIX", "en", "MIX=1009 opt"},
		// Optional readings.
		{"una intervención", "es", "una=1 opt"},
		{"uno de los", "es", "uno=1 opt"},
		{"solo uno", "es", "uno=1"},
		{"one of the", "en", "one=1"},
		{"no one", "en", "one=1 opt"},
		{"an intervention", "en", "an=1 opt"},
		{"un segundo", "es", "un=1 opt; segundo=2 opt"},
		{"en mi cuarto", "es", "cuarto=4 opt"},
		{"at first", "en", "first=1 opt"},
		{"not without first consulting", "en", "first=1 opt"},
		{"the first time", "en", "first=1"},
		{"Mexico's first woman president", "en", "first=1"},
		{"primero consultamos", "es", "primero=1 opt"},
		{"fue el primero en llegar", "es", "primero=1"},
		{"por primera vez", "es", "primera=1"},
		{"primer ministro", "es", "primer=1 opt"},
		{"la primera mandataria", "es", "primera=1 opt"},
		{"a third of", "en", "a=1 opt; third=3 opt"},
		{"el sexenio", "es", "sexenio=6 opt"},
		{"both countries", "en", "both=2 opt"},
		{"ningún homicidio", "es", "ningún=0 opt"},
		{"no homicides", "en", "no=0 opt"},
		// Languages without a lexicon still get digits.
		{"40 000 habitants et cinq", "fr", "40=40; 000=0"},
		{"40\u202f000 habitants", "fr", "40\u202f000=40000"},
	}
	for _, tt := range tests {
		rs := nfcRunes(tt.text)
		if got := describe(extractNumbers(rs, tokenize(rs), tt.lang)); got != tt.want {
			t.Errorf("extractNumbers(%q, %s) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}

func TestRomanValue(t *testing.T) {
	for s, want := range map[string]int{"XIX": 19, "xxi": 21, "II": 2, "IV": 4, "MCMXC": 1990, "IIII": 0, "VX": 0, "ABC": 0, "": 0, "MMMM": 0} {
		if got := romanValue(s); got != want {
			t.Errorf("romanValue(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestCheckNumbers(t *testing.T) {
	tests := []struct {
		name                 string
		orig, origLang, rend string
		missingInRendering   []float64
		missingInOriginal    []float64
	}{
		{"thousands separators", "Llegaron 40.000 personas.", "es", "40,000 people arrived.", nil, nil},
		{"decimal comma", "Creció 3,2 por ciento.", "es", "It grew 3.2 percent.", nil, nil},
		{"words vs digits", "Son cinco estados y dos mil escuelas.", "es", "That is 5 states and 2,000 schools.", nil, nil},
		{"Mexican convention", "Hay 40,000 elementos.", "es-MX", "There are 40,000 troops.", nil, nil},
		{"Mexican text tagged plain es", "Hay 40,000 elementos.", "es", "There are 40,000 troops.", nil, nil},
		{"century", "en el siglo XIX", "es", "in the 19th century", nil, nil},
		{"percent", "el 20 por ciento", "es", "20% of them", nil, nil},
		{"article is not one", "No queremos una intervención.", "es", "We don't want an intervention.", nil, nil},
		{"un = one", "Solo queda un país.", "es", "Only one country remains.", nil, nil},
		{"ordinal = digits", "Es el primer informe de 2025.", "es", "It is the 1st report of 2025.", nil, nil},
		{"dropped digit", "Llegaron 40.000 personas.", "es", "4,000 people arrived.", []float64{40000}, []float64{4000}},
		{"changed count", "con tres países", "es", "with two countries", []float64{3}, []float64{2}},
		{"article vs two", "Visitó un país.", "es", "She visited two countries.", nil, []float64{2}},
		{"added year", "Lo haremos.", "es", "We will do it in 2026.", nil, []float64{2026}},
		{"dropped percentage", "Subió 20 por ciento.", "es", "It rose sharply.", []float64{20}, nil},
		{"wrong century", "en el siglo XIX", "es", "in the 18th century", []float64{19}, []float64{18}},
		{"million vs billion", "40 mil millones de pesos", "es", "40 million pesos", []float64{4e10}, []float64{4e7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := checkNumbers(prepare(Input{Original: tt.orig, OriginalLang: tt.origLang, Rendering: tt.rend, RenderingLang: "en"}))
			if len(tt.missingInRendering)+len(tt.missingInOriginal) == 0 {
				if len(fs) != 0 {
					t.Fatalf("unexpected finding: %s", fs[0].Message)
				}
				return
			}
			if len(fs) != 1 || fs[0].Code != CodeNumbersDiffer || fs[0].Severity != Error {
				t.Fatalf("findings = %+v, want one numbers_differ error", fs)
			}
			check := func(key string, want []float64) {
				got := fs[0].Details[key].([]Number)
				if len(got) != len(want) {
					t.Fatalf("%s = %+v, want values %v", key, got, want)
				}
				for i := range want {
					if !sameValue(got[i].Value, want[i]) {
						t.Errorf("%s[%d] = %+v, want %v", key, i, got[i], want[i])
					}
				}
			}
			check("missing_in_rendering", tt.missingInRendering)
			check("missing_in_original", tt.missingInOriginal)
		})
	}
}

// Numbers are compared only when both texts exist; an empty rendering is
// rendering_empty's business.
func TestCheckNumbersSkipsEmpty(t *testing.T) {
	if fs := checkNumbers(prepare(Input{Original: "Son 5.", OriginalLang: "es", RenderingLang: "en"})); len(fs) != 0 {
		t.Fatalf("findings on empty rendering: %+v", fs)
	}
}
