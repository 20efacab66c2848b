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
		for _, v := range m.more {
			s += fmt.Sprintf("|%v", v)
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
		{"40.000 soldados", "es", "40.000=40000"},
		{"40,000 troops", "en", "40,000=40000"},
		{"40,000 elementos", "es-MX", "40,000=40000"},
		{"40,000 elementos", "es", "40,000=40000"},
		{"3,2 por ciento", "es", "3,2=3.2"},
		{"3.2 percent", "en", "3.2=3.2"},
		{"1.5 points", "en", "1.5=1.5"},
		{"1.500", "en", "1.500=1500"},
		{"1.234", "en", "1.234=1.234|1234"},
		{"1.234", "es", "1.234=1234|1.234"},
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
		{"40.000 millones", "es-MX", "40.000 millones=4e+10"},
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
		{"1.º de mayo", "es", "1.º=1; mayo=5"},
		{"vigésimo primero", "es", "vigésimo primero=21"},
		{"twenty-first century", "en", "twenty-first=21; century=100 opt"},
		{"the Fourth Transformation", "en", "Fourth=4"},
		{"el cuarto informe", "es", "cuarto=4"},
		{"segundo piso", "es", "segundo=2"},
		// Roman numerals in context only.
		{"siglo XIX", "es", "XIX=19"},
		{"siglo xix", "es", "xix=19"},
		{"19th century", "en", "19th=19; century=100 opt"},
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
		{"a third of", "en", "a third=0.3333333333333333|33.33333333333333"},
		{"el sexenio", "es", "sexenio=6 opt"},
		{"both countries", "en", "both=2 opt"},
		{"ningún homicidio", "es", "ningún=0 opt"},
		{"no homicides", "en", "no=0 opt"},
		// Languages without a lexicon still get digits.
		{"40 000 habitants et cinq", "fr", "40=40; 000=0"},
		{"40\u202f000 habitants", "fr", "40\u202f000=40000"},
	}
	tests = append(tests, []struct{ text, lang, want string }{
		// The Mexican press mixes digits and words.
		{"27 mil 48 elementos", "es-MX", "27 mil 48=27048"},
		{"mil 900 pesos", "es-MX", "mil 900=1900"},
		{"mil 300 millones", "es-MX", "mil 300 millones=1.3e+09"},
		{"4 mil 50 millones", "es-MX", "4 mil 50 millones=4.05e+09"},
		{"620,000 millones", "es-MX", "620,000 millones=6.2e+11"},
		{"un millón de millones", "es", "un millón de millones=1e+12"},
		{"2 billones 300 mil millones", "es", "2 billones 300 mil millones=2.3e+12"},
		{"300 MDP", "es-MX", "300 MDP=3e+08"},
		// One separator before three digits ending in zero groups thousands.
		{"16.200 millones", "es-AR", "16.200 millones=1.62e+10"},
		{"200.000 millones", "es-CO", "200.000 millones=2e+11"},
		// A scale left unsaid after a scaled figure.
		{"uno por 12 billones y otro por 16", "es-CO", "uno=1 opt; 12 billones=1.2e+13; 16=16|1.6e+13"},
		// Fractions and proportions, with their percentage.
		{"la mitad", "es", "mitad=0.5|50"},
		{"dos tercios", "es", "dos tercios=0.6666666666666666|66.66666666666666"},
		{"la tercera parte", "es", "tercera parte=0.3333333333333333|33.33333333333333"},
		{"tres de cada cuatro", "es", "tres de cada cuatro=0.75|75"},
		{"ocho de cada 10", "es", "ocho de cada 10=0.8|80"},
		{"two-thirds of Argentina", "en", "two-thirds=0.6666666666666666|66.66666666666666"},
		{"Eight in 10 Chileans", "en", "Eight in 10=0.8|80"},
		{"one out of four", "en", "one out of four=0.25|25"},
		{"half of the funds", "en", "half=0.5|50 opt"},
		{"in the first quarter", "en", "first=1"},
		{"un cuarto de hora", "es", "un cuarto=0.25|25"},
		// Clock times, dates and currencies.
		{"at 5 p.m.", "en", "5 p.m.=5|17"},
		{"a las 17:00", "es", "17:00=17"},
		{"el martes 14 de enero", "es", "martes=2; 14=14; enero=1"},
		{"next Tuesday, Jan. 14", "en", "Tuesday=2; Jan=1; 14=14"},
		{"may reach", "en", ""},
		{"22 pesos con siete centavos", "es-MX", "22 pesos con siete centavos=22.07"},
		{"primera fila", "es", "primera=1 opt"},
		{"a century", "en", "a=1 opt; century=100 opt"},
	}...)
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
				wantCodes(t, fs, nil)
				return
			}
			f := wantOne(t, fs, CodeNumbersDiffer, Error)
			check := func(key string, want []float64) {
				got := f.Details[key].([]Number)
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
	wantCodes(t, checkNumbers(prepare(Input{Original: "Son 5.", OriginalLang: "es", RenderingLang: "en"})), nil)
}

// Figures as officials say them and reporters render them: faithful pairs
// raise nothing, faults raise numbers_differ, roundings numbers_rounded.
// The patterns come from the pieces noted in testdata/labelled.json.
func TestCheckNumbersAsSpoken(t *testing.T) {
	tests := []struct {
		name, orig, lang, rend string
		want                   []string
	}{
		{"mil millones is a billion", "Vamos a invertir 620 mil millones de pesos.", "es-MX", "We will invest 620 billion pesos.", nil},
		{"mil millones is not a million", "Vamos a invertir 620 mil millones de pesos.", "es-MX", "We will invest 620 million pesos.", []string{CodeNumbersDiffer}},
		{"billón is a trillion", "La inversión será de 5.9 billones de pesos.", "es-MX", "Investment will be 5.9 trillion pesos.", nil},
		{"billón is not a billion", "Vendrá otro recorte por 16 billones de pesos.", "es-CO", "Another cut of $16 billion pesos will come.", []string{CodeNumbersDiffer}},
		{"millones de millones", "Un millón de millones de dólares.", "es-MX", "One trillion dollars.", nil},
		{"digits and words", "Son 27 mil 48 elementos.", "es-MX", "There are 27,048 troops.", nil},
		{"mil 900", "La beca es de mil 900 pesos.", "es-MX", "The grant is 1,900 pesos.", nil},
		{"un millón 800 mil", "Son un millón 800 mil viviendas.", "es-MX", "That is 1.8 million homes.", nil},
		{"un millón 332 mil 126", "Se entregaron un millón 332 mil 126 pastillas.", "es-MX", "1,332,126 pills were delivered.", nil},
		{"2 millones 300 mil", "Son 2 millones 300 mil pesos.", "es-MX", "That is 2.3 million pesos.", nil},
		{"un millón 800 mil misread", "Son un millón 800 mil viviendas.", "es-MX", "That is 1,800 homes.", []string{CodeNumbersDiffer}},
		{"mil 900 dropped", "La beca es de mil 900 pesos.", "es-MX", "The grant is 900 pesos.", []string{CodeNumbersDiffer}},
		{"4 mil 50 millones", "Son 4 mil 50 millones.", "es-MX", "That is 4.05 billion.", nil},
		{"4 mil 50 millones misread", "Son 4 mil 50 millones.", "es-MX", "That is 4.5 billion.", []string{CodeNumbersDiffer}},
		{"Mexican convention in a Spain-tagged text", "Hay 40,000 soldados.", "es-ES", "There are 40,000 soldiers.", nil},
		{"decimal point in a Spain-tagged text", "La inflación fue de 2.4%.", "es-ES", "Inflation was 2.4%.", nil},
		{"decimal comma in a Mexico-tagged text", "La inflación fue de 3,2%.", "es-MX", "Inflation was 3.2%.", nil},
		{"16.200 millones is not 16.2 million", "Son 16.200 millones de dólares.", "es-AR", "That is $16.2 million.", []string{CodeNumbersDiffer}},
		{"month names", "El 18 de noviembre firmamos.", "es-MX", "On Nov. 18 we signed.", nil},
		{"wrong day", "El 18 de noviembre firmamos.", "es-MX", "On Nov. 19 we signed.", []string{CodeNumbersDiffer}},
		{"wrong month", "El 20 de julio se instala.", "es-CO", "It is sworn in on June 20.", []string{CodeNumbersDiffer}},
		{"weekday left out", "El martes 14 de enero.", "es-ES", "On Jan. 14.", nil},
		{"wrong weekday", "El martes 14 de enero.", "es-ES", "On Thursday, Jan. 14.", []string{CodeNumbersDiffer}},
		{"1o. de octubre", "El 1o. de octubre empieza.", "es-MX", "It starts on Oct. 1.", nil},
		{"24-hour clock", "A las 15:00.", "es-ES", "At 3 p.m.", nil},
		{"wrong hour", "Llega a las 9:40.", "es-MX", "He arrives at 9:30 a.m.", []string{CodeNumbersDiffer}},
		{"percentage points", "Subió dos puntos porcentuales.", "es-CL", "It rose two percentage points.", nil},
		{"half", "La mitad de los recursos.", "es-MX", "Half of the resources.", nil},
		{"half is not a third", "La mitad de los recursos.", "es-MX", "A third of the resources.", []string{CodeNumbersDiffer}},
		{"three in four as a percentage", "Tres de cada cuatro mexicanos.", "es-MX", "75% of Mexicans.", nil},
		{"a third is not a quarter", "Un tercio de los votos.", "es-AR", "A quarter of the votes.", []string{CodeNumbersDiffer}},
		{"range", "Entre 25% y 30%.", "es-AR", "Between 25% and 30%.", nil},
		{"centavos", "Cuesta 22 pesos con siete centavos.", "es-MX", "It costs 22.07 pesos.", nil},
		{"MDP", "Son 300 MDP.", "es-MX", "That is 300 million pesos.", nil},
		{"pesos are not dollars", "Son 722 mil millones de pesos.", "es-MX", "That is $722 billion.", []string{CodeNumbersDiffer}},
		{"Spanish $ may be pesos", "Cuesta $1.300.", "es-AR", "It costs 1,300 pesos.", nil},
		{"a century", "Llevamos 100 años.", "es-AR", "It has been a century.", nil},
		{"scale left unsaid", "Uno por 12 billones y otro por 16.", "es-CO", "One of 12 trillion and another of 16 trillion.", nil},
		{"rounded to two digits", "Alcanzó los 3761 millones de dólares.", "es-AR", "It reached $3.8 billion.", []string{CodeNumbersRounded}},
		{"approximate wording", "Alrededor de 32 mil personas.", "es-MX", "About 30,000 people.", []string{CodeNumbersRounded}},
		{"rounded without approximate wording to one digit", "Llegaron 32 mil personas.", "es-MX", "30,000 people came.", []string{CodeNumbersDiffer}},
		{"approximate wording on both sides, same figure", "Casi 45 millones de argentinos.", "es-AR", "Almost 45 million Argentines.", nil},
		{"a year is never a rounding", "Empieza en 2024.", "es-MX", "It starts in 2025.", []string{CodeNumbersDiffer}},
		{"front row is not first", "No faltó nadie de la primera fila.", "es-ES", "Nobody from the front rank was missing.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := checkNumbers(prepare(Input{Original: tt.orig, OriginalLang: tt.lang, Rendering: tt.rend, RenderingLang: "en"}))
			wantCodes(t, fs, tt.want)
			for _, f := range fs {
				if f.Code == CodeNumbersRounded && (f.Severity != Warning || !strings.Contains(f.Message, "warning only")) {
					t.Errorf("a rounding must be a warning that says so: %+v", f)
				}
			}
		})
	}
}

// A rounding's details name both figures and whether approximate wording
// stood next to them; a currency mismatch names the currencies.
func TestCheckNumbersDetails(t *testing.T) {
	f := wantOne(t, checkNumbers(prepare(Input{Original: "Alrededor de 32 mil personas.", OriginalLang: "es-MX", Rendering: "About 30,000 people.", RenderingLang: "en"})), CodeNumbersRounded, "")
	r := f.Details["rounded"].([]RoundedNumber)
	if len(r) != 1 || r[0].Original.Value != 32000 || r[0].Rendering.Value != 30000 || !r[0].Approximate {
		t.Errorf("rounded = %+v", r)
	}
	if !strings.Contains(f.Message, "approximate wording") {
		t.Errorf("message = %q", f.Message)
	}
	f = wantOne(t, checkNumbers(prepare(Input{Original: "Son 722 mil millones de pesos.", OriginalLang: "es-MX", Rendering: "That is $722 billion.", RenderingLang: "en"})), CodeNumbersDiffer, Error)
	if !strings.Contains(f.Message, "peso") || !strings.Contains(f.Message, "dollar") {
		t.Fatalf("the message does not name both currencies: %q", f.Message)
	}
	if got := f.Details["missing_in_rendering"].([]Number); len(got) != 1 || got[0].Currency != "peso" {
		t.Errorf("missing_in_rendering = %+v", got)
	}
}
