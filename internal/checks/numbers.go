package checks

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Number is a number as a check found it: the words or digits as written and
// the value they stand for.
type Number struct {
	Text     string  `json:"text"`
	Value    float64 `json:"value"`
	Currency string  `json:"currency,omitempty"` // "peso", "dollar", "euro"… when written next to it
}

// mention is a number found in a text.
//
// Optional mentions are words that are usually not numbers but may be: the
// articles "un/una/a/an", pronoun "one", "segundo" (a second, or second),
// "cuarto" (a room, or fourth), "at first". An optional mention may pair with
// a number on the other side (so "un país" = "one country") but is never
// reported as missing (so "una intervención" = "an intervention" passes).
// This rule replaces guessing whether each "un" is numeric: only firm
// numbers (digits, unambiguous number words, ordinals, Roman numerals in
// context) can make the check fire.
type mention struct {
	text     string
	value    float64
	alt      float64 // a second reading of an ambiguous separator ("1.500")
	hasAlt   bool
	more     []float64 // further readings: 5 p.m. is also 17; "la mitad" is also 50 (per cent)
	optional bool

	kind     mentionKind
	currency string // "peso", "dollar", "euro"…; "" when none or ambiguous ("$" in Spanish)
	approx   bool   // approximate wording stands before it: "alrededor de", "about"
	exact    bool   // never a rounding of another figure: ordinals, years, times, dates, fractions

	from, to int // the tokens it was read from
}

// mentionKind separates figures from the names of months and weekdays,
// which only pair with their own kind.
type mentionKind uint8

const (
	kindNumber mentionKind = iota
	kindMonth
	kindWeekday
)

// readings returns every value m may stand for.
func (m mention) readings() []float64 {
	out := []float64{m.value}
	if m.hasAlt {
		out = append(out, m.alt)
	}
	return append(out, m.more...)
}

func (m mention) matches(o mention) bool {
	if m.kind != o.kind || m.currency != "" && o.currency != "" && m.currency != o.currency {
		return false
	}
	for _, a := range m.readings() {
		for _, b := range o.readings() {
			if sameValue(a, b) {
				return true
			}
		}
	}
	return false
}

func sameValue(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// numLexicon holds one language's number words, folded (no accents).
type numLexicon struct {
	small     map[string]float64 // units, teens, tens and (Spanish) hundreds
	hundred   string             // English "hundred", a multiplier; "" in Spanish
	thousand  map[string]bool    // mil, thousand
	scales    map[string]float64 // millón, million, billion…
	plural    map[string]bool    // scale words that need a number before them (millones, thousands)
	vague     map[string]bool    // miles, cientos, hundreds: not a number on their own
	ordinals  map[string]float64
	connector string // y, and
	// andAfterTens: the connector joins tens and units (Spanish); otherwise
	// it follows hundreds and thousands (English).
	andAfterTens bool
	// bareScales: "mil" and "millón" are numbers without a number before
	// them (Spanish "mil personas"); English needs "a thousand".
	bareScales bool
	article    map[string]bool // un, una, uno / a, an: 1 before a scale word, else optional
	// implied holds words that carry a number without being number words:
	// "sexenio" is a six-year term, "ambos" and "both" are two. They are
	// optional, so "sexenio" = "six-year term" and "ambos países" = "the
	// two countries" pass without making either side require the number.
	implied map[string]float64
	// zeroDeterminer holds the negative determiners that can stand for zero
	// ("no homicides", "ningún homicidio"), as optional zeros.
	zeroDeterminer map[string]bool
	// calendar holds the months and weekdays; calendarLower says they are
	// written in lower case (Spanish), so English needs capitals ("May").
	calendar      map[string]calendarWord
	calendarLower bool
	// fractions holds the words of fractions after a count ("dos tercios",
	// "a third"), with their denominator.
	fractions map[string]float64
	// parts are the fraction words that need "parte(s)" after them ("la
	// tercera parte") or "de"/"of" ("un cuarto de"): alone they are an
	// ordinal or a room.
	parts map[string]float64
	// of is the word of "tres de cada cuatro"; in holds "in" and "out of".
	everyOf [][]string
	// currencies maps currency words to a currency; prefixes are the
	// currency signs and codes written before a figure.
	currencies map[string]string
	prefixes   map[string]string
	dollarSign string // what "$" alone means: "" in Spanish (pesos or dollars), "dollar" in English
	// approximators stand before a figure to say it is approximate.
	approximators map[string][][]string // by their last word
	// idioms are ordinals that belong to a set phrase ("primera fila",
	// "primera dama", "first lady"), optional like "at first".
	idioms phraseSet
}

// byLastWord indexes folded phrases by their last word.
func byLastWord(ps ...string) map[string][][]string {
	m := map[string][][]string{}
	for _, p := range phrases(ps...) {
		m[p[len(p)-1]] = append(m[p[len(p)-1]], p)
	}
	return m
}

// calendarWord is a month or a weekday and its number.
type calendarWord struct {
	kind mentionKind
	n    int
}

func calendarWords(months, weekdays []string) map[string]calendarWord {
	m := map[string]calendarWord{}
	for i, w := range months {
		for _, v := range strings.Split(w, "|") {
			m[v] = calendarWord{kindMonth, i%12 + 1}
		}
	}
	for i, w := range weekdays {
		for _, v := range strings.Split(w, "|") {
			m[v] = calendarWord{kindWeekday, i + 1}
		}
	}
	return m
}

var numLexicons = map[string]*numLexicon{
	"es": {
		small: map[string]float64{
			"cero": 0, "uno": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
			"seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
			"trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17,
			"dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiun": 21,
			"veintiuna": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24,
			"veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28,
			"veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
			"setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
			"doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
			"cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500, "quinientas": 500,
			"seiscientos": 600, "seiscientas": 600, "setecientos": 700, "setecientas": 700,
			"ochocientos": 800, "ochocientas": 800, "novecientos": 900, "novecientas": 900,
		},
		thousand: set("mil"),
		scales: map[string]float64{"millon": 1e6, "millones": 1e6, "billon": 1e12, "billones": 1e12,
			"mdp": 1e6, "mmdp": 1e9, "mdd": 1e6, "mmdd": 1e9},
		plural: set("millones", "billones", "mdp", "mmdp", "mdd", "mmdd"),
		vague:  set("miles", "cientos", "centenares", "decenas", "millares"),
		ordinals: map[string]float64{
			"primer": 1, "primero": 1, "primera": 1, "primeros": 1, "primeras": 1,
			"segundo": 2, "segunda": 2, "segundos": 2, "segundas": 2,
			"tercer": 3, "tercero": 3, "tercera": 3, "terceros": 3, "terceras": 3,
			"cuarto": 4, "cuarta": 4, "cuartos": 4, "cuartas": 4,
			"quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6, "septimo": 7, "septima": 7,
			"setimo": 7, "octavo": 8, "octava": 8, "noveno": 9, "novena": 9,
			"decimo": 10, "decima": 10, "undecimo": 11, "undecima": 11, "duodecimo": 12, "duodecima": 12,
			"vigesimo": 20, "vigesima": 20, "trigesimo": 30, "trigesima": 30,
			"cuadragesimo": 40, "quincuagesimo": 50, "sexagesimo": 60, "septuagesimo": 70,
			"octogesimo": 80, "nonagesimo": 90, "centesimo": 100, "milesimo": 1000,
		},
		connector:    "y",
		andAfterTens: true,
		bareScales:   true,
		article:      set("un", "una", "uno"),
		implied: map[string]float64{
			"ambos": 2, "ambas": 2, "par": 2, "bienio": 2, "trienio": 3, "cuatrienio": 4, "quinquenio": 5,
			"sexenio": 6, "decada": 10, "decadas": 10, "decenio": 10, "centenario": 100, "bicentenario": 200,
			"tricentenario": 300, "doble": 2, "triple": 3,
		},
		zeroDeterminer: set("ningun", "ninguna", "ningunos", "ningunas"),
		calendar: calendarWords(
			[]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre|setiembre", "octubre", "noviembre", "diciembre"},
			[]string{"lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"}),
		calendarLower: true,
		fractions:     map[string]float64{"tercio": 3, "tercios": 3},
		parts: map[string]float64{"tercera": 3, "terceras": 3, "cuarta": 4, "cuartas": 4, "quinta": 5, "quintas": 5,
			"sexta": 6, "decima": 10, "decimas": 10, "cuarto": 4, "cuartos": 4},
		everyOf: phrases("de cada"),
		currencies: map[string]string{"peso": "peso", "pesos": "peso", "dolar": "dollar", "dolares": "dollar",
			"euro": "euro", "euros": "euro", "bolivar": "bolivar", "bolivares": "bolivar", "sol": "sol", "soles": "sol",
			"real": "real", "reales": "real", "yen": "yen", "yenes": "yen", "yuan": "yuan", "yuanes": "yuan",
			"mdp": "peso", "mmdp": "peso", "mdd": "dollar", "mmdd": "dollar", "usd": "dollar", "mxn": "peso",
			"cop": "peso", "ars": "peso", "clp": "peso", "eur": "euro"},
		prefixes:   map[string]string{"us": "dollar", "usd": "dollar", "u": "dollar", "€": "euro", "eur": "euro", "mxn": "peso", "cop": "peso", "ars": "peso", "clp": "peso"},
		dollarSign: "",
		approximators: byLastWord("alrededor de", "cerca de", "casi", "mas de", "menos de", "unos", "unas", "aproximadamente",
			"poco mas de", "poco menos de", "en torno a", "del orden de", "arriba de", "por encima de", "por debajo de",
			"al menos", "por lo menos", "hasta", "aproximado de", "ronda", "rondan", "rondaria", "rondarian", "rondo",
			"rondaba", "rondando", "mas o menos", "cerca del", "alrededor del", "casi el", "mas del", "menos del"),
		idioms: phraseIndex("primera fila", "primera linea", "primera plana", "primera dama", "primer plano",
			"primera mano", "primer mundo", "primera necesidad"),
	},
	"en": {
		small: map[string]float64{
			"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
			"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
			"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
			"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
			"seventy": 70, "eighty": 80, "ninety": 90,
		},
		hundred:  "hundred",
		thousand: set("thousand"),
		scales:   map[string]float64{"million": 1e6, "billion": 1e9, "trillion": 1e12},
		plural:   set(),
		vague:    set("hundreds", "thousands", "millions", "billions", "dozens", "scores"),
		ordinals: map[string]float64{
			"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
			"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
			"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
			"nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
			"sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
			"thousandth": 1000, "seconds": 2, "thirds": 3, "fourths": 4, "fifths": 5,
		},
		connector: "and",
		article:   set("a", "an"),
		implied: map[string]float64{
			"both": 2, "couple": 2, "pair": 2, "twice": 2, "double": 2, "triple": 3, "decade": 10, "decades": 10,
			"centennial": 100, "centenary": 100, "bicentennial": 200, "bicentenary": 200,
			"century": 100, "halfway": 0.5, "midway": 0.5,
		},
		zeroDeterminer: set("no"),
		calendar: calendarWords(
			[]string{"january|jan", "february|feb", "march|mar", "april|apr", "may", "june|jun", "july|jul", "august|aug",
				"september|sept|sep", "october|oct", "november|nov", "december|dec"},
			[]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}),
		fractions: map[string]float64{"third": 3, "thirds": 3, "fifth": 5, "fifths": 5, "quarter": 4, "quarters": 4},
		everyOf:   phrases("in", "out of"),
		currencies: map[string]string{"peso": "peso", "pesos": "peso", "dollar": "dollar", "dollars": "dollar",
			"euro": "euro", "euros": "euro", "bolivar": "bolivar", "bolivars": "bolivar", "bolivares": "bolivar",
			"sol": "sol", "soles": "sol", "reais": "real", "yen": "yen", "yuan": "yuan", "usd": "dollar", "eur": "euro"},
		prefixes:   map[string]string{"us": "dollar", "usd": "dollar", "u": "dollar", "€": "euro", "eur": "euro", "mxn": "peso", "cop": "peso", "ars": "peso", "clp": "peso", "mex": "peso"},
		dollarSign: "dollar",
		approximators: byLastWord("about", "around", "nearly", "almost", "more than", "over", "less than", "under", "some",
			"roughly", "approximately", "close to", "upwards of", "at least", "up to", "just over", "just under",
			"an estimated", "as many as", "as much as"),
		idioms: phraseIndex("first lady", "first hand", "first-hand", "front row"),
	},
}

// decimalPointRegions are the Spanish-speaking regions whose convention (as
// in CLDR) is 3.5 and 40,000, like English, rather than Spain's 3,5 and 40.000.
var decimalPointRegions = set("MX", "US", "GT", "HN", "NI", "PA", "SV", "DO", "PR", "PE", "CU", "419")

// decimalCommaLangs write 3,5 for three and a half.
var decimalCommaLangs = set("es", "fr", "de", "it", "pt", "nl", "ca", "gl", "eu", "ro", "pl", "cs",
	"sk", "sl", "hr", "sr", "bg", "ru", "uk", "tr", "el", "da", "sv", "nb", "nn", "no", "fi", "hu", "id", "vi")

// decimalSep returns the decimal separator a text in the given language tag
// uses by convention.
func decimalSep(tag string) rune {
	b := baseLang(tag)
	if b == "es" && decimalPointRegions[region(tag)] {
		return '.'
	}
	if decimalCommaLangs[b] {
		return ','
	}
	return '.'
}

// parseDigits reads digits as written in a language whose decimal separator
// is dec. Both separators present: the last one is decimal. One kind used
// several times: grouping. One separator followed by exactly three digits is
// ambiguous ("1.500" is 1500 in Spain, 1.5 in the US): the language's
// convention gives the value and the other reading is kept as alt, so a
// Mexican "40,000" in a text tagged plain "es" still matches "40,000". A
// number whose groups are not all three digits long ("18.11.2025") is read as
// separate integers.
func parseDigits(s string, dec rune) []mention {
	body := strings.TrimRightFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
	if h, m, ok := strings.Cut(body, ":"); ok {
		hv, _ := strconv.ParseFloat(h, 64)
		mv, _ := strconv.ParseFloat(m, 64)
		return []mention{{text: s, value: hv + mv/60}}
	}
	var groups []string
	var seps []rune
	cur := strings.Builder{}
	for _, r := range body {
		if unicode.IsDigit(r) {
			cur.WriteRune(r)
			continue
		}
		groups = append(groups, cur.String())
		cur.Reset()
		if spaceGroup(r) {
			r = ' '
		}
		seps = append(seps, r)
	}
	groups = append(groups, cur.String())
	num := func(intPart, frac string) float64 {
		v, err := strconv.ParseFloat(intPart+"."+frac, 64)
		if err != nil || frac == "" {
			v, _ = strconv.ParseFloat(intPart, 64)
		}
		return v
	}
	if len(seps) == 0 {
		return []mention{{text: s, value: num(groups[0], "")}}
	}
	last := seps[len(seps)-1]
	mixed := false
	for _, r := range seps {
		if r != last && r != ' ' && last != ' ' {
			mixed = true
		}
	}
	if mixed {
		// "1.234,5" or "1,234.5": the last separator is the decimal one.
		return []mention{{text: s, value: num(strings.Join(groups[:len(groups)-1], ""), groups[len(groups)-1])}}
	}
	allThree := true
	for _, g := range groups[1:] {
		if len(g) != 3 {
			allThree = false
		}
	}
	if len(seps) > 1 || last == ' ' {
		if allThree {
			return []mention{{text: s, value: num(strings.Join(groups, ""), "")}}
		}
		var out []mention
		for _, g := range groups {
			out = append(out, mention{text: g, value: num(g, "")})
		}
		return out
	}
	grouped := num(groups[0]+groups[1], "")
	decimal := num(groups[0], groups[1])
	if !allThree || strings.TrimLeft(groups[0], "0") == "" {
		return []mention{{text: s, value: decimal}}
	}
	if strings.HasSuffix(groups[1], "0") {
		// Nobody writes 16.2 as "16.200" or 40 as "40,000": three digits
		// ending in zero after one separator group thousands, whatever the
		// convention ("16.200 millones" in Buenos Aires, "40,000" in Mexico).
		return []mention{{text: s, value: grouped}}
	}
	if last == dec {
		return []mention{{text: s, value: decimal, alt: grouped, hasAlt: true}}
	}
	return []mention{{text: s, value: grouped, alt: decimal, hasAlt: true}}
}

var romanValues = map[rune]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}

// romanValue parses a well-formed Roman numeral (upper or lower case),
// returning 0 when s is not one.
func romanValue(s string) int {
	u := strings.ToUpper(s)
	if u == "" || len(u) > 15 {
		return 0
	}
	total := 0
	for i, r := range u {
		v, ok := romanValues[r]
		if !ok {
			return 0
		}
		if i+1 < len(u) && romanValues[rune(u[i+1])] > v {
			total -= v
		} else {
			total += v
		}
	}
	// Reject malformed numerals ("IIII", "VX") by round-tripping.
	if total <= 0 || total >= 4000 || toRoman(total) != u {
		return 0
	}
	return total
}

func toRoman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// extractor walks the tokens of one text.
type extractor struct {
	rs   []rune // the text the tokens index
	toks []token
	lx   *numLexicon
	dec  rune
	out  []mention
	// lastScale is what the last scaled figure was multiplied by, for
	// figures whose scale is left unsaid ("uno por 12 billones y otro por 16").
	lastScale float64
}

func newExtractor(rs []rune, toks []token, tag string) *extractor {
	return &extractor{rs: rs, toks: toks, lx: numLexicons[baseLang(tag)], dec: decimalSep(tag)}
}

// extractNumbers returns the numbers of a text in the given language tag.
// Languages without a lexicon get digits only.
func extractNumbers(rs []rune, toks []token, tag string) []mention {
	return newExtractor(rs, toks, tag).run()
}

func (x *extractor) run() []mention {
	for i := 0; i < len(x.toks); {
		i = x.step(i)
	}
	if x.lx != nil {
		x.annotate()
	}
	return x.out
}

// Figure is a number that Figures found in a text: the code points it was
// read from and every value it may stand for ("1.500" is fifteen hundred
// and, by the other convention, one and a half; "5 p.m." is 5 and 17).
// Optional figures are words that may or may not be a number ("un país",
// "the one", "segundo"), as the numbers check pairs them: they can match a
// figure but are not one by themselves.
type Figure struct {
	Span
	Values   []float64
	Optional bool
}

// Figures returns the numbers of rs, the NFC code points of a text in the
// language tag, read as the numbers check reads them: digits in either
// decimal convention, words, "2 mil 500", "mil millones", ordinals and
// fractions. Months and weekdays are not figures and are left out.
func Figures(rs []rune, tag string) []Figure {
	toks := tokenize(rs)
	var out []Figure
	for _, m := range newExtractor(rs, toks, tag).run() {
		if m.kind != kindNumber {
			continue
		}
		out = append(out, Figure{
			Span:     Span{toks[m.from].start, toks[m.to-1].end},
			Values:   m.readings(),
			Optional: m.optional,
		})
	}
	return out
}

// annotate gives each figure its currency and approximate wording, and
// joins "22 pesos con siete centavos" into 22.07 pesos.
func (x *extractor) annotate() {
	lx := x.lx
	out := x.out[:0]
	for k := 0; k < len(x.out); k++ {
		m := x.out[k]
		if m.kind == kindNumber && !m.exact {
			m.currency = x.currencyOf(m)
			// "22 pesos con siete centavos".
			if m.currency != "" && k+1 < len(x.out) && x.word(m.to+1) == "con" && x.out[k+1].from == m.to+2 &&
				strings.HasPrefix(x.word(x.out[k+1].to), "centavo") {
				c := x.out[k+1]
				m.value += c.value / 100
				m.to = c.to + 1
				m.text = x.surface(m.from, m.to)
				k++
			}
		}
		// A day of the month is not a figure to round: "18 de noviembre",
		// "Nov. 18", "November 18".
		if m.kind == kindNumber && (x.word(m.to) == "de" && x.monthAt(m.to+1) || x.monthAt(m.from-1) ||
			m.from >= 2 && x.toks[m.from-1].text == "." && x.monthAt(m.from-2)) {
			m.exact = true
		}
		// Approximate wording ends right before the figure, or before an
		// article in front of it: "alrededor de 300", "rondaría los 300".
		end := m.from
		if w := x.word(end - 1); lx.article[w] || w == "los" || w == "las" || w == "el" || w == "the" {
			end--
		}
		for _, e := range []int{m.from, end} {
			for _, ph := range lx.approximators[x.word(e-1)] {
				if st := e - len(ph); st >= 0 {
					if j, ok := matchPhrase(x.toks, st, ph); ok && j == e {
						m.approx = true
					}
				}
			}
		}
		out = append(out, m)
	}
	x.out = out
}

// monthAt reports whether token i names a month.
func (x *extractor) monthAt(i int) bool {
	k, ok := x.lx.calendar[x.word(i)]
	return ok && k.kind == kindMonth && (x.lx.calendarLower || isCapitalised(x.toks[i]))
}

// currencyOf returns the currency written next to m: a word after it
// ("pesos", "millones de dólares", "billion pesos") or a sign or code
// before it ("$", "US$", "€", "COP").
func (x *extractor) currencyOf(m mention) string {
	lx := x.lx
	j := m.to
	if w := x.word(j); w == "de" || w == "of" {
		j++
	}
	if c := lx.currencies[x.word(j)]; c != "" {
		return c
	}
	if m.from == 0 {
		return ""
	}
	prev := x.toks[m.from-1]
	switch {
	case prev.text == "$":
		if m.from >= 2 {
			if c := lx.prefixes[x.toks[m.from-2].key]; c != "" {
				return c // US$, MXN$
			}
			if x.toks[m.from-2].text == "." && m.from >= 3 && x.toks[m.from-3].key == "s" {
				return "dollar" // U.S.$
			}
		}
		return lx.dollarSign
	case prev.text == "€":
		return "euro"
	case prev.kind == tkWord && prev.end == x.toks[m.from].start:
		return lx.prefixes[prev.key] // COP557
	}
	return ""
}

// count reads a small whole count at token i for a fraction: digits, a
// number word, or an article ("un tercio", "a third"). It returns the count
// and the token after it.
func (x *extractor) count(i int) (float64, int, bool) {
	if i >= len(x.toks) {
		return 0, i, false
	}
	t := x.toks[i]
	if t.kind == tkNumber {
		if !isWhole(t.text) {
			return 0, i, false
		}
		v, _ := strconv.ParseFloat(t.text, 64)
		return v, i + 1, true
	}
	if t.kind != tkWord {
		return 0, i, false
	}
	if x.lx.article[t.key] || t.key == "one" || t.key == "uno" {
		return 1, i + 1, true
	}
	if v, ok := x.lx.small[t.key]; ok && v > 0 {
		return v, i + 1, true
	}
	return 0, i, false
}

// fraction reads a fraction or a proportion starting at token i: "la
// mitad", "dos tercios", "la tercera parte", "un cuarto de", "tres de cada
// cuatro", "half", "a third", "two-thirds", "eight in 10", "one out of
// four". It is emitted as the fraction (0.75) with the percentage (75) as
// another reading, so "tres de cada cuatro" = "75%".
func (x *extractor) fraction(i int) (int, bool) {
	lx := x.lx
	w := x.word(i)
	emit := func(j int, v float64, optional bool) (int, bool) {
		m := x.emit(i, j, v, optional)
		m.more, m.exact = []float64{v * 100}, true
		return j, true
	}
	if w == "mitad" {
		return emit(i+1, 0.5, false)
	}
	if w == "half" && x.word(i+1) != "a" && x.word(i+1) != "an" && (i+1 >= len(x.toks) || x.toks[i+1].text != "-") {
		return emit(i+1, 0.5, true)
	}
	// "la tercera parte", "una cuarta parte".
	if d := lx.parts[w]; d > 0 && (x.word(i-1) == "la" || x.word(i-1) == "una") && strings.HasPrefix(x.word(i+1), "parte") {
		return emit(i+2, 1/d, false)
	}
	n, j, ok := x.count(i)
	if !ok {
		return 0, false
	}
	if j < len(x.toks) && x.toks[j].text == "-" {
		j++ // two-thirds
	}
	fw := x.word(j)
	if d := lx.fractions[fw]; d > 0 {
		quarter := strings.HasPrefix(fw, "quarter")
		if n > d || quarter && (x.word(i-1) == "first" || x.word(i-1) == "second" || x.word(i-1) == "third" || x.word(i-1) == "fourth") {
			return 0, false
		}
		return emit(j+1, n/d, quarter)
	}
	if d := lx.parts[fw]; d > 0 && n <= d {
		switch next := x.word(j + 1); {
		case strings.HasPrefix(next, "parte"):
			return emit(j+2, n/d, false)
		case (fw == "cuarto" || fw == "cuartos") && next == "de":
			return emit(j+1, n/d, false)
		}
	}
	for _, ph := range lx.everyOf {
		k, ok := matchPhrase(x.toks, j, ph)
		if !ok {
			continue
		}
		d, e, ok := x.count(k)
		if ok && d > 1 && d <= 100 && n <= d && (k >= len(x.toks) || x.toks[k].kind != tkNumber || isWhole(x.toks[k].text)) {
			return emit(e, n/d, false)
		}
	}
	return 0, false
}

func (x *extractor) word(i int) string {
	if i < 0 || i >= len(x.toks) || x.toks[i].kind != tkWord {
		return ""
	}
	return x.toks[i].key
}

// emit records the number read from tokens [i, j).
func (x *extractor) emit(i, j int, v float64, optional bool) *mention {
	x.out = append(x.out, mention{text: x.surface(i, j), value: v, optional: optional, from: i, to: j})
	return &x.out[len(x.out)-1]
}

// surface returns the text of tokens [i, j) as written.
func (x *extractor) surface(i, j int) string {
	return string(x.rs[x.toks[i].start:x.toks[j-1].end])
}

// step reads what starts at token i and returns the next index.
func (x *extractor) step(i int) int {
	t := x.toks[i]
	if x.lx != nil && t.kind != tkPunct {
		if j, ok := x.fraction(i); ok {
			return j
		}
	}
	if t.kind == tkNumber {
		return x.digits(i)
	}
	if t.kind != tkWord {
		return i + 1
	}
	if x.roman(i) {
		return i + 1
	}
	lx := x.lx
	if lx == nil {
		return i + 1
	}
	w := t.key
	switch {
	case w == "por" && (x.word(i+1) == "ciento" || x.word(i+1) == "cien"):
		// "20 por ciento": the percent sign spelled out, not a hundred.
		return i + 2
	case (w == "medio" && (x.word(i+1) == "millon")) || (w == "half" && lx.article[x.word(i+1)] && x.word(i+2) == "million"):
		j := i + 2
		if w == "half" {
			j = i + 3
		}
		x.emit(i, j, 5e5, false)
		return j
	}
	if k, ok := lx.calendar[w]; ok && (lx.calendarLower || isCapitalised(t)) {
		m := x.emit(i, i+1, float64(k.n), false)
		m.kind, m.exact = k.kind, true
		return i + 1
	}
	if lx.article[w] || w == "one" {
		return x.article(i)
	}
	if v, ok := lx.implied[w]; ok {
		x.emit(i, i+1, v, true).exact = true
		return i + 1
	}
	if lx.zeroDeterminer[w] && x.word(i+1) != "" && x.word(i+1) != "one" {
		// "no homicides" may render "cero homicidios".
		x.emit(i, i+1, 0, true).exact = true
		return i + 1
	}
	if v, ok := lx.ordinals[w]; ok {
		return x.ordinal(i, v)
	}
	if _, ok := lx.small[w]; ok || lx.thousand[w] || lx.scales[w] > 0 {
		if v, j, ok := x.phrase(i, false); ok {
			x.emit(i, j, v, false)
			return j
		}
	}
	return i + 1
}

// digits reads a number written in digits and the scale words after it
// ("40 mil", "3,5 millones", "1.5 billion", "300 MDP"). In Spanish a
// smaller whole number after "mil" or a scale adds to it, as the Mexican
// press writes numbers: "2 mil 500" is 2,500, "27 mil 48" is 27,048, "3
// millones 200 mil" is 3,200,000, and in "4 mil 50 millones" the millions
// multiply the whole "4 mil 50" (4,050 million). "millones de millones" is
// a million million. A bare whole number after a scaled one may stand for
// the same scale: in "uno por 12 billones y otro por 16" the 16 is 16
// billones too. Clock times with "p.m." are also read on the 24-hour clock.
func (x *extractor) digits(i int) int {
	ms := parseDigits(x.toks[i].text, x.dec)
	if x.lx == nil || len(ms) != 1 {
		for k := range ms {
			ms[k].from, ms[k].to = i, i+1
			ms[k].exact = strings.Contains(x.toks[i].text, ":")
		}
		x.out = append(x.out, ms...)
		return i + 1
	}
	m := ms[0]
	lx := x.lx
	// The number is total + group: group is the part below the last big
	// scale read so far.
	var total, totalAlt float64
	group, groupAlt := m.value, m.alt
	j := i + 1
	lastScale := math.Inf(1)
	milDone, scaled := false, false
	whole := func(k int) (float64, bool) {
		if k < len(x.toks) && x.toks[k].kind == tkNumber && isWhole(x.toks[k].text) {
			v, _ := strconv.ParseFloat(x.toks[k].text, 64)
			return v, true
		}
		return 0, false
	}
loop:
	for j < len(x.toks) {
		w := x.word(j)
		switch {
		case lx.thousand[w] && !milDone && lastScale > 1e3:
			group, groupAlt = group*1e3, groupAlt*1e3
			milDone, scaled = true, true
			j++
			if v, ok := whole(j); ok && lx.bareScales && v < 1000 {
				group, groupAlt = group+v, groupAlt+v
				j++
			}
		case lx.scales[w] > 0 && lx.scales[w] < lastScale:
			sc := lx.scales[w]
			j++
			if (w == "millon" || w == "millones") && x.word(j) == "de" && x.word(j+1) == "millones" {
				sc *= 1e6
				j += 2
			}
			total, totalAlt = total+group*sc, totalAlt+groupAlt*sc
			group, groupAlt = 0, 0
			lastScale, milDone, scaled = sc, false, true
			if v, ok := whole(j); ok && lx.bareScales {
				// "3 millones 200 mil": go on only if a smaller scale follows.
				if nx := x.word(j + 1); lx.thousand[nx] || lx.scales[nx] > 0 && lx.scales[nx] < lastScale {
					group, groupAlt = v, v
					j++
					continue
				}
			}
			break loop
		default:
			break loop
		}
	}
	m.value, m.alt = total+group, totalAlt+groupAlt
	m.from, m.to = i, j
	if scaled {
		m.text = x.surface(i, j)
		if !math.IsInf(lastScale, 1) {
			x.lastScale = lastScale // millions and up: "mil" alone is not left unsaid
		}
	} else {
		v := m.value
		switch {
		case x.lastScale > 1 && isWhole(x.toks[i].text) && v < 1000:
			m.more = append(m.more, v*x.lastScale)
		case isWhole(x.toks[i].text) && v >= 1000 && v <= 2100:
			m.exact = true // a year
		}
		if strings.Contains(x.toks[i].text, ":") {
			m.exact = true
		}
		if k, ok := x.meridiem(j); ok {
			if v < 12 {
				m.more = append(m.more, v+12)
			}
			m.exact = true
			j = k
			m.to = j
			m.text = x.surface(i, j)
		}
	}
	x.out = append(x.out, m)
	return j
}

// meridiem reads "p.m." or "pm" at token j and returns the token after it.
func (x *extractor) meridiem(j int) (int, bool) {
	if x.word(j) == "pm" {
		return j + 1, true
	}
	if x.word(j) == "p" && j+2 < len(x.toks) && x.toks[j+1].text == "." && x.word(j+2) == "m" {
		if j+3 < len(x.toks) && x.toks[j+3].text == "." {
			return j + 4, true
		}
		return j + 3, true
	}
	return j, false
}

// isWhole reports whether a token is a whole number in plain digits.
func isWhole(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// roman emits a Roman numeral when the context says it is one: after
// "siglo"/"century" (any numeral, "siglo XIX"), or written in capitals, at
// least two letters long and containing I, V or X ("Juan Pablo II", "Felipe
// VI"), which keeps "DC" or "CD" and the pronoun "I" out. Capitals after a
// capitalized word (a name) are firm; elsewhere they are optional.
func (x *extractor) roman(i int) bool {
	t := x.toks[i]
	if c := t.text[0]; !strings.ContainsRune("IVXLCDMivxlcdm", rune(c)) {
		return false
	}
	v := romanValue(t.text)
	if v == 0 {
		return false
	}
	prev := x.word(i - 1)
	if prev == "siglo" || prev == "siglos" || prev == "century" || prev == "centuries" {
		x.emit(i, i+1, float64(v), false).exact = true
		return true
	}
	if len(t.text) < 2 || t.text != strings.ToUpper(t.text) || !strings.ContainsAny(t.text, "IVX") {
		return false
	}
	optional := true
	if i > 0 && x.toks[i-1].kind == tkWord {
		if r := []rune(x.toks[i-1].text); unicode.IsUpper(r[0]) && romanValue(x.toks[i-1].text) == 0 {
			optional = false
		}
	}
	x.emit(i, i+1, float64(v), optional).exact = true
	return true
}

// article handles un/una/uno, a/an and one: part of a number before a scale
// word ("un millón", "a hundred"), otherwise an optional 1 — except English
// "one" and Spanish "uno" after "solo"/"número", which are numerals unless
// used as pronouns ("no one", "the one", "each one").
func (x *extractor) article(i int) int {
	w := x.word(i)
	next := x.word(i + 1)
	lx := x.lx
	if next == "docena" || next == "dozen" {
		x.emit(i, i+2, 12, false)
		return i + 2
	}
	if lx.thousand[next] || lx.scales[next] > 0 || (lx.hundred != "" && next == lx.hundred) {
		if v, j, ok := x.phrase(i+1, true); ok {
			x.emit(i, j, v, false)
			return j
		}
	}
	if w == "one" {
		if v, j, ok := x.phrase(i, false); ok && j > i+1 {
			x.emit(i, j, v, false)
			return j
		}
		optional := pronounOne[x.word(i-1)] || next == "another" || next == "'s"
		x.emit(i, i+1, 1, optional)
		return i + 1
	}
	prev := x.word(i - 1)
	firm := w == "uno" && (prev == "solo" || prev == "solamente" || prev == "unicamente" || prev == "numero")
	x.emit(i, i+1, 1, !firm)
	return i + 1
}

// Words before an ambiguous ordinal that make it mean something else.
var (
	pronounOne          = set("no", "every", "any", "some", "the", "this", "that", "which", "each", "little", "another")
	beforeSegundoOfTime = set("un", "cada", "por", "medio", "unos", "algunos")
	beforeCuartoRoom    = set("un", "mi", "tu", "su", "sus", "mis")
	beforeSecondOfTime  = set("a", "per", "every", "split", "one")
)

// determinerBeforeFirst and determinerBeforePrimero are the words that make
// "first" and "primero" ordinals of a noun rather than adverbs.
var (
	determinerBeforeFirst = set("the", "a", "an", "his", "her", "its", "our", "their", "my", "your",
		"this", "that", "these", "those", "whose", "every")
	determinerBeforePrimero = set("el", "lo", "al", "del", "su", "sus", "mi", "tu", "nuestro",
		"este", "ese", "aquel", "un")
)

// ordinal emits an ordinal word. Ambiguous ones are optional: "segundo" (a
// second of time), "cuarto" (a room), "primer ministro" (prime minister),
// "primera mandataria" (the president), "at first", "first of all", "a
// third" (a fraction).
func (x *extractor) ordinal(i int, v float64) int {
	w, prev, next := x.word(i), x.word(i-1), x.word(i+1)
	// "vigésimo primero", "twenty-first" are one ordinal.
	if v >= 20 && v < 100 {
		j := i + 1
		if j < len(x.toks) && x.toks[j].text == "-" {
			j++
		}
		if u, ok := x.lx.ordinals[x.word(j)]; ok && u < 10 {
			x.emit(i, j+1, v+u, false).exact = true
			return j + 1
		}
	}
	optional := false
	switch w {
	case "primer", "primera", "primero":
		optional = strings.HasPrefix(next, "ministr") || strings.HasPrefix(next, "mandatari") ||
			(next == "que" && x.word(i+2) == "nada") ||
			// "primero consultamos": an adverb, unless a determiner makes it "el primero".
			(w == "primero" && !determinerBeforePrimero[prev])
	case "segundo":
		optional = beforeSegundoOfTime[prev] || x.isNumberTok(i-1)
	case "segundos":
		optional = true
	case "cuarto", "cuartos":
		optional = w == "cuartos" || next == "" || next == "de" || next == "del" || beforeCuartoRoom[prev]
	case "tercera", "cuarta":
		optional = next == "parte"
	case "first":
		// "the first time", "her first visit" count; "first consulting",
		// "first of all", "at first", "we met first" are adverbs.
		optional = !determinerBeforeFirst[prev] && !strings.HasSuffix(prev, "'s") && !strings.HasSuffix(prev, "’s")
	case "second":
		optional = beforeSecondOfTime[prev] || x.isNumberTok(i-1)
	case "seconds", "thirds", "fourths", "fifths":
		optional = true
	case "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth":
		optional = prev == "a" || prev == "one"
	}
	if _, ok := x.lx.idioms.match(x.toks, i); ok {
		optional = true
	}
	x.emit(i, i+1, v, optional).exact = true
	return i + 1
}

func (x *extractor) isNumberTok(i int) bool {
	if i < 0 || i >= len(x.toks) {
		return false
	}
	if x.toks[i].kind == tkNumber {
		return true
	}
	_, ok := x.lx.small[x.toks[i].key]
	return ok
}

// place is the order of magnitude a small number word fills, for deciding
// whether the next word continues the number: "ciento cinco" is one number,
// "dos tres" two, "treinta y dos" one.
func place(v float64) float64 {
	switch {
	case v >= 100:
		return 100
	case v >= 20 && math.Mod(v, 10) == 0:
		return 10
	default:
		return 1
	}
}

// phrase reads a number written in words starting at token i: units, tens,
// hundreds, "mil"/"thousand" and the big scales, joined by "y"/"and" or a
// hyphen where the language joins them ("treinta y dos", "two hundred and
// five", "twenty-two", "dos mil quinientos millones"). seeded starts it with
// a group of 1 (the "un" of "un millón", the "a" of "a hundred"). It returns
// the value and the index after the phrase; ok is false when no number starts
// at i.
func (x *extractor) phrase(i int, seeded bool) (v float64, next int, ok bool) {
	lx := x.lx
	var total, thousands, group float64
	started := seeded
	lastPlace, lastScale := math.Inf(1), math.Inf(1)
	if seeded {
		group, lastPlace = 1, 1
	}
	// takes reports whether the word at k continues the number.
	takes := func(k int) (float64, bool) {
		v, ok := lx.small[x.word(k)]
		return v, ok && v > 0 && v < lastPlace
	}
	j := i
loop:
	for j < len(x.toks) {
		t := x.toks[j]
		w := t.key
		switch {
		case t.kind == tkPunct && t.text == "-" && started && lastPlace == 10:
			// English joins tens and units with a hyphen: twenty-two, twenty-first.
			if _, ok := takes(j + 1); ok {
				j++
				continue
			}
			if u, ok := lx.ordinals[x.word(j+1)]; ok && u < 10 {
				group += u
				j += 2
			}
			break loop
		case t.kind != tkWord:
			break loop
		case w == lx.connector && started && lx.andAfterTens && lastScale < math.Inf(1) && thousands+group == 0 &&
			(x.word(j+1) == "medio" || x.word(j+1) == "media"):
			// "un millón y medio", "dos millones y medio".
			total += lastScale / 2
			j += 2
			break loop
		case w == lx.connector && started && !lx.andAfterTens && lastPlace < 100 && x.word(j+1) == "a" && x.word(j+2) == "half" &&
			(lx.thousand[x.word(j+3)] || lx.scales[x.word(j+3)] > 0):
			// "one and a half million": the half joins the group the scale multiplies.
			group += 0.5
			j += 3
		case w == lx.connector:
			// Spanish joins tens and units (treinta y dos); English puts
			// "and" after hundreds or thousands (two hundred and five).
			_, ok := takes(j + 1)
			if !started || !ok || (lx.andAfterTens && lastPlace != 10) || (!lx.andAfterTens && lastPlace < 100) {
				break loop
			}
			j++
		case lx.small[w] > 0 || (lx.small[w] == 0 && hasKey(lx.small, w) && !started):
			v := lx.small[w]
			if started {
				if _, ok := takes(j); !ok {
					break loop
				}
			}
			group += v
			lastPlace = place(v)
			started = true
			j++
		case lx.hundred != "" && w == lx.hundred:
			if !started || group == 0 || group >= 100 {
				break loop
			}
			group *= 100
			lastPlace = 100
			j++
		case lx.thousand[w]:
			if thousands > 0 || (!started && !lx.bareScales) {
				break loop // "mil mil"; English "thousand" needs a number before it
			}
			thousands = max(group, 1) * 1000
			group = 0
			lastPlace = 1000
			started = true
			j++
			// The Mexican press writes "mil 300" and "dos mil 500".
			if lx.bareScales && j < len(x.toks) && x.toks[j].kind == tkNumber && isWhole(x.toks[j].text) {
				if v, _ := strconv.ParseFloat(x.toks[j].text, 64); v < 1000 {
					group = v
					lastPlace = 1
					j++
				}
			}
		case lx.scales[w] > 0:
			s := lx.scales[w]
			if (!started && (lx.plural[w] || !lx.bareScales)) || s >= lastScale {
				break loop
			}
			j++
			if (w == "millon" || w == "millones") && x.word(j) == "de" && x.word(j+1) == "millones" {
				s *= 1e6 // "un millón de millones": a billón
				j += 2
			}
			total += max(thousands+group, 1) * s
			thousands, group = 0, 0
			lastPlace, lastScale = s, s
			started = true
			// "un millón 800 mil" (1,800,000), as Mexican transcripts and
			// press write figures: go on in digits only if a smaller scale
			// follows.
			if lx.bareScales && j < len(x.toks) && x.toks[j].kind == tkNumber && isWhole(x.toks[j].text) {
				if nx := x.word(j + 1); lx.thousand[nx] || lx.scales[nx] > 0 && lx.scales[nx] < s {
					group, _ = strconv.ParseFloat(x.toks[j].text, 64)
					lastPlace = 1
					j++
				}
			}
		default:
			// "twenty first" without the hyphen is one ordinal.
			if u, ok := lx.ordinals[w]; ok && started && lastPlace == 10 && u < 10 {
				group += u
				j++
			}
			break loop
		}
	}
	if !started {
		return 0, i, false
	}
	return total + thousands + group, j, true
}

func hasKey(m map[string]float64, k string) bool {
	_, ok := m[k]
	return ok
}

// asNumbers formats mentions for details.
func asNumbers(ms []mention) []Number {
	out := []Number{}
	for _, m := range ms {
		out = append(out, Number{Text: m.text, Value: m.value, Currency: m.currency})
	}
	return out
}

// matchNumbers pairs the mentions of two texts and returns the firm ones
// left without a partner on each side. Firm pairs are matched first, then
// what is left pairs with optional mentions; this maximizes the firm numbers
// matched.
func matchNumbers(a, b []mention) (missA, missB []mention) {
	matchA, matchB := unpaired(len(a)), unpaired(len(b))
	// Kuhn's augmenting paths between firm mentions; the texts are short.
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for j := range b {
			if seen[j] || b[j].optional || !a[i].matches(b[j]) {
				continue
			}
			seen[j] = true
			if matchB[j] < 0 || try(matchB[j], seen) {
				matchA[i], matchB[j] = j, i
				return true
			}
		}
		return false
	}
	for i := range a {
		if !a[i].optional {
			try(i, make([]bool, len(b)))
		}
	}
	// Remaining firm mentions of each side against optional ones of the
	// other (matches is symmetric).
	pairWithOptional(a, b, matchA, matchB)
	pairWithOptional(b, a, matchB, matchA)
	return firmUnpaired(a, matchA), firmUnpaired(b, matchB)
}

// unpaired is the partners of n mentions, none paired yet (-1).
func unpaired(n int) []int {
	match := make([]int, n)
	for i := range match {
		match[i] = -1
	}
	return match
}

// pairWithOptional pairs each firm mention of xs still without a partner
// with the first free optional mention of ys that it matches; matchX and
// matchY hold the partners' indexes.
func pairWithOptional(xs, ys []mention, matchX, matchY []int) {
	for i := range xs {
		if xs[i].optional || matchX[i] >= 0 {
			continue
		}
		for j := range ys {
			if ys[j].optional && matchY[j] < 0 && xs[i].matches(ys[j]) {
				matchX[i], matchY[j] = j, i
				break
			}
		}
	}
}

// firmUnpaired lists the firm mentions left without a partner.
func firmUnpaired(ms []mention, match []int) []mention {
	var out []mention
	for i, m := range ms {
		if !m.optional && match[i] < 0 {
			out = append(out, m)
		}
	}
	return out
}

// maxMentions bounds the numbers compared per text; a quote with more than
// this is not a quote, and the matching is quadratic.
const maxMentions = 200

// checkNumbers compares the numbers of the original and the rendering as
// multisets. What is left unpaired is an error (numbers_differ), except:
//   - a figure rendered rounded, or approximately when approximate wording
//     stands next to it on either side ("alrededor de 32 mil" = "about
//     30,000", "3761 millones" = "$3.8 billion"), which is a warning
//     (numbers_rounded);
//   - a month or weekday that the other side leaves out ("el martes 14 de
//     enero" = "on Jan. 14"): only a different one is reported.
func checkNumbers(p *prepared) []Finding {
	if blank(p.orig) || blank(p.rend) {
		return nil
	}
	a := extractNumbers(p.orig, p.origToks, p.in.OriginalLang)
	b := extractNumbers(p.rend, p.rendToks, p.in.RenderingLang)
	if len(a) > maxMentions || len(b) > maxMentions {
		return nil
	}
	missA, missB := matchNumbers(a, b)
	missA, missB = dropUnpairedCalendar(missA, missB), dropUnpairedCalendar(missB, missA)
	missA, missB, rounded := pairRounded(missA, missB)
	var out []Finding
	if len(missA) > 0 || len(missB) > 0 {
		var parts []string
		if len(missA) > 0 {
			parts = append(parts, fmt.Sprintf("%s in the original %s not in the rendering", joinMentions(missA), isAre(len(missA))))
		}
		if len(missB) > 0 {
			parts = append(parts, fmt.Sprintf("%s in the rendering %s not in the original", joinMentions(missB), isAre(len(missB))))
		}
		out = append(out, finding(CodeNumbersDiffer, "The numbers differ: "+strings.Join(parts, "; ")+".", map[string]any{
			"original_numbers":     asNumbers(firm(a)),
			"rendering_numbers":    asNumbers(firm(b)),
			"missing_in_rendering": asNumbers(missA),
			"missing_in_original":  asNumbers(missB),
		}))
	}
	if len(rounded) > 0 {
		var parts []string
		approx := false
		var pairs []RoundedNumber
		for _, r := range rounded {
			parts = append(parts, fmt.Sprintf("%s as %s", joinMentions([]mention{r[0]}), joinMentions([]mention{r[1]})))
			approx = approx || r[0].approx || r[1].approx
			pairs = append(pairs, RoundedNumber{Original: asNumbers(r[:1])[0], Rendering: asNumbers(r[1:])[0], Approximate: r[0].approx || r[1].approx})
		}
		how := "rounded"
		if approx {
			how = "rounded, with approximate wording next to it,"
		}
		out = append(out, finding(CodeNumbersRounded,
			fmt.Sprintf("A figure is rendered %s: %s. This is a warning only: check that the rounding is acceptable.", how, strings.Join(parts, "; ")),
			map[string]any{"rounded": pairs}))
	}
	return out
}

// RoundedNumber is a figure of the original and its rounded rendering.
type RoundedNumber struct {
	Original    Number `json:"original"`
	Rendering   Number `json:"rendering"`
	Approximate bool   `json:"approximate"` // approximate wording stands next to one of them
}

// dropUnpairedCalendar removes the months and weekdays of miss that have
// no unpaired month or weekday on the other side: a rendering may leave the
// weekday out, but not name another.
func dropUnpairedCalendar(miss, other []mention) []mention {
	var out []mention
	for _, m := range miss {
		if m.kind != kindNumber && !slices.ContainsFunc(other, func(o mention) bool { return o.kind == m.kind }) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// pairRounded pairs the unpaired figures of the two sides that are
// roundings of each other, and returns what is left and the pairs.
func pairRounded(missA, missB []mention) (restA, restB []mention, pairs [][2]mention) {
	used := make([]bool, len(missB))
	for _, a := range missA {
		found := false
		for j, b := range missB {
			if !used[j] && isRounding(a, b) {
				used[j], found = true, true
				pairs = append(pairs, [2]mention{a, b})
				break
			}
		}
		if !found {
			restA = append(restA, a)
		}
	}
	for j, b := range missB {
		if !used[j] {
			restB = append(restB, b)
		}
	}
	return restA, restB, pairs
}

// isRounding reports whether b renders a rounded: b is a rounded to b's own
// precision (3,761 million as 3.8 billion, 16.2% as 16%) keeping at least
// two significant digits, or, with approximate wording next to either, any
// rounding or a difference of at most a tenth ("alrededor de 32 mil" as
// "about 30,000"). Ordinals, years, dates, times and fractions are never
// roundings.
func isRounding(a, b mention) bool {
	if a.kind != kindNumber || b.kind != kindNumber || a.exact || b.exact || a.optional || b.optional ||
		a.currency != "" && b.currency != "" && a.currency != b.currency {
		return false
	}
	approx := a.approx || b.approx
	for _, av := range a.readings() {
		for _, bv := range b.readings() {
			if av == 0 || bv == 0 || math.Signbit(av) != math.Signbit(bv) {
				continue
			}
			rel := math.Abs(av-bv) / math.Max(math.Abs(av), math.Abs(bv))
			if rel > 0.25 {
				continue
			}
			if roundsTo(av, bv) && (approx || significantDigits(bv) >= 2) {
				return true
			}
			if approx && (roundsTo(bv, av) || rel <= 0.1) {
				return true
			}
		}
	}
	return false
}

// roundsTo reports whether precise rounded to the last significant digit of
// rounded gives rounded.
func roundsTo(precise, rounded float64) bool {
	unit := math.Pow(10, float64(exponent(rounded)-significantDigits(rounded)+1))
	return sameValue(math.Round(precise/unit)*unit, rounded)
}

// significantDigits counts the significant digits of v as the shortest
// decimal that reads back as v: 3.8e9 has two, 30000 one, 16.25 four.
func significantDigits(v float64) int {
	s := strconv.FormatFloat(math.Abs(v), 'e', -1, 64)
	mant, _, _ := strings.Cut(s, "e")
	return len(strings.ReplaceAll(mant, ".", ""))
}

func exponent(v float64) int {
	s := strconv.FormatFloat(math.Abs(v), 'e', -1, 64)
	_, e, _ := strings.Cut(s, "e")
	n, _ := strconv.Atoi(e)
	return n
}

func firm(ms []mention) []mention {
	var out []mention
	for _, m := range ms {
		if !m.optional {
			out = append(out, m)
		}
	}
	return out
}

func joinMentions(ms []mention) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		v := strconv.FormatFloat(m.value, 'f', -1, 64)
		switch {
		case m.currency != "":
			parts[i] = fmt.Sprintf("“%s” (%s %s)", m.text, v, m.currency)
		case strings.EqualFold(m.text, v):
			parts[i] = "“" + m.text + "”"
		default:
			parts[i] = fmt.Sprintf("“%s” (%s)", m.text, v)
		}
	}
	return strings.Join(parts, ", ")
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
