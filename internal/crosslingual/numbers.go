package crosslingual

import (
	"math"
	"strconv"
	"strings"
)

// A number found in a text: the tokens [first, last] it spans and the values
// it may stand for ("1.500" is fifteen hundred in Spain and one and a half in
// Mexico, so it has two).
type number struct {
	first, last int
	values      []float64
}

type numberWords struct {
	small    map[string]float64 // units, teens, tens (and Spanish hundreds)
	hundred  string             // English "hundred" multiplies what comes before
	thousand string
	scales   map[string]float64
	article  map[string]bool // "un", "a": one only before a scale word
	connect  string          // "y", "and" between parts of one number
}

var spanishNumbers = numberWords{
	small: map[string]float64{
		"cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
		"seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
		"trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17,
		"dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintidos": 22, "veintitres": 23,
		"veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28,
		"veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
		"setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
		"doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
		"cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500, "quinientas": 500,
		"seiscientos": 600, "seiscientas": 600, "setecientos": 700, "setecientas": 700,
		"ochocientos": 800, "ochocientas": 800, "novecientos": 900, "novecientas": 900,
	},
	thousand: "mil",
	scales:   map[string]float64{"millon": 1e6, "millones": 1e6, "billon": 1e12, "billones": 1e12},
	article:  map[string]bool{"un": true, "una": true},
	connect:  "y",
}

var englishNumbers = numberWords{
	small: map[string]float64{
		"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
		"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
		"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
		"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
		"seventy": 70, "eighty": 80, "ninety": 90,
	},
	hundred:  "hundred",
	thousand: "thousand",
	scales:   map[string]float64{"million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12},
	article:  map[string]bool{"a": true, "an": true},
	connect:  "and",
}

// digitValues reads a run of digits with separators. A single separator
// followed by exactly three digits is ambiguous between conventions
// ("40.000" and "40,000" are forty thousand; "1.500" may be 1.5 in Mexico,
// where the point is decimal), so both readings are returned; "3,2" is
// three point two and "121.4" one hundred twenty-one point four.
func digitValues(s string) []float64 {
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	parse := func(x string) (float64, bool) {
		v, err := strconv.ParseFloat(x, 64)
		return v, err == nil
	}
	switch {
	case dots == 0 && commas == 0:
		if v, ok := parse(s); ok {
			return []float64{v}
		}
		return nil
	case dots+commas == 1:
		sep := "."
		if commas == 1 {
			sep = ","
		}
		i := strings.Index(s, sep)
		whole, frac := s[:i], s[i+1:]
		dec, _ := parse(whole + "." + frac)
		if len(frac) == 3 {
			thou, _ := parse(whole + frac)
			return []float64{thou, dec}
		}
		return []float64{dec}
	default:
		// Several separators: the last kind that appears once and last is
		// the decimal mark ("1,500.5", "1.500,5"); one kind only groups thousands.
		last := strings.LastIndexAny(s, ".,")
		lastSep := s[last]
		if (lastSep == '.' && dots == 1 && commas > 0) || (lastSep == ',' && commas == 1 && dots > 0) {
			whole := strings.NewReplacer(".", "", ",", "").Replace(s[:last])
			if v, ok := parse(whole + "." + s[last+1:]); ok {
				return []float64{v}
			}
			return nil
		}
		if v, ok := parse(strings.NewReplacer(".", "", ",", "").Replace(s)); ok {
			return []float64{v}
		}
		return nil
	}
}

// findNumbers reads the numbers of toks, in digits, words or both ("2 mil
// 500", "un millón 332 mil 126", "mil millones", "1.3 million", "a
// thousand"). Single-digit article words ("un", "a") count only before a
// scale word.
func findNumbers(toks []token, w *numberWords) []number {
	var out []number
	for i := 0; i < len(toks); {
		n, next := readNumber(toks, i, w)
		if next > i {
			out = append(out, n)
			i = next
			continue
		}
		i++
	}
	return out
}

func readNumber(toks []token, i int, w *numberWords) (number, int) {
	isScale := func(f string) bool { _, ok := w.scales[f]; return ok || f == w.thousand }
	// total holds what is complete ("un millón" in "un millón 332 mil"),
	// group what is being read; both hold one value per reading.
	total, group := []float64{0}, []float64(nil)
	add := func(vs []float64) {
		if len(vs) > len(total) {
			total = []float64{total[0], total[0]}
		}
		if group == nil {
			group = make([]float64, len(total))
		}
		if len(vs) > len(group) {
			group = []float64{group[0], group[0]}
		}
		for k := range group {
			group[k] += vs[min(k, len(vs)-1)]
		}
	}
	mul := func(f float64) {
		for k := range group {
			group[k] *= f
		}
	}
	var last float64
	lastWasNumber := false
	j := i
	for ; j < len(toks); j++ {
		f := toks[j].fold
		v, isSmall := w.small[f]
		switch {
		case toks[j].digits:
			vs := digitValues(f)
			if vs == nil || lastWasNumber {
				goto done // "2 3": two numbers
			}
			add(vs)
			last, lastWasNumber = vs[0], true
		case isSmall && f == "ciento" && j > 0 && toks[j-1].fold == "por":
			goto done // "por ciento" marks a percentage
		case isSmall:
			if lastWasNumber && !(last >= 100 && v < 100) && !(last >= 20 && last < 100 && v < 10 && w.hundred != "") {
				goto done
			}
			add([]float64{v})
			last, lastWasNumber = v, true
		case w.article[f] && group == nil && j+1 < len(toks) && isScale(toks[j+1].fold):
			add([]float64{1})
			last, lastWasNumber = 1, true
		case f == w.hundred && group != nil && lastWasNumber:
			for k := range group {
				group[k] += last*100 - last
			}
			last, lastWasNumber = 0, false
		case f == w.thousand:
			if group == nil {
				if w.hundred != "" { // English needs "a thousand"
					goto done
				}
				add([]float64{1})
			}
			mul(1000)
			last, lastWasNumber = 0, false
		case w.scales[f] != 0 && group != nil:
			mul(w.scales[f])
			for k := range total {
				total[k] += group[min(k, len(group)-1)]
			}
			group = make([]float64, len(total))
			last, lastWasNumber = 0, false
		case f == w.connect && group != nil && j+1 < len(toks) && w.small[toks[j+1].fold] != 0 &&
			(w.hundred != "" && !lastWasNumber || w.hundred == "" && lastWasNumber && last >= 20 && last < 100 && int(last)%10 == 0):
			// "treinta y dos", "two hundred and five"
			lastWasNumber = false
			last = 0
		default:
			goto done
		}
	}
done:
	if group == nil {
		return number{}, i
	}
	end := j - 1
	for end > i && toks[end].fold == w.connect {
		end--
	}
	// "25 por ciento", "25 percent", "25 per cent" are the number too.
	switch {
	case end+2 < len(toks) && toks[end+1].fold == "por" && toks[end+2].fold == "ciento":
		end += 2
	case end+1 < len(toks) && toks[end+1].fold == "percent":
		end++
	case end+2 < len(toks) && toks[end+1].fold == "per" && toks[end+2].fold == "cent":
		end += 2
	}
	vals := make([]float64, 0, 2)
	for k := range max(len(total), len(group)) {
		vals = append(vals, total[min(k, len(total)-1)]+group[min(k, len(group)-1)])
	}
	return number{first: i, last: end, values: vals}, end + 1
}

// numberKey is the key of a value: the same for 2500, 2,500 and "2 mil 500".
func numberKey(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return "#" + strconv.FormatInt(int64(v), 10)
	}
	return "#" + strconv.FormatFloat(v, 'g', 6, 64)
}
