package crosslingual

import (
	"math"
	"strconv"

	"github.com/cotejo/cotejo/internal/checks"
)

// A number found in a text: the tokens [first, last] it spans and the values
// it may stand for ("1.500" is fifteen hundred in Spain and one and a half in
// Mexico, so it has two).
type number struct {
	first, last int
	values      []float64
}

// findNumbers reads the numbers of toks, cut by tokenize from rs, in the
// language tag. The numbers check's reader does the reading (digits in
// either convention, "2 mil 500", "un millón 332 mil 126", "mil millones",
// "1.3 million", "a thousand"); only its firm figures count, so an "un" or
// an "a" is one only before a scale word. Their code points are mapped here
// onto toks, which split where the check's tokens do not ("twenty-five").
func findNumbers(rs []rune, toks []token, tag string) []number {
	if len(toks) == 0 {
		return nil
	}
	from := toks[0].start
	var out []number
	k := 0
	for _, f := range checks.Figures(rs[from:toks[len(toks)-1].end], tag) {
		if f.Optional {
			continue
		}
		start, end := from+f.Start, from+f.End
		for k < len(toks) && toks[k].end <= start {
			k++
		}
		if k == len(toks) {
			break
		}
		if toks[k].start >= end {
			continue
		}
		last := k
		for last+1 < len(toks) && toks[last+1].start < end {
			last++
		}
		// "25 por ciento", "25 percent", "25 per cent" are the number too.
		switch {
		case last+2 < len(toks) && toks[last+1].fold == "por" && toks[last+2].fold == "ciento":
			last += 2
		case last+1 < len(toks) && toks[last+1].fold == "percent":
			last++
		case last+2 < len(toks) && toks[last+1].fold == "per" && toks[last+2].fold == "cent":
			last += 2
		}
		out = append(out, number{first: k, last: last, values: f.Values})
	}
	return out
}

// numberKey is the key of a value: the same for 2500, 2,500 and "2 mil 500".
func numberKey(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return "#" + strconv.FormatInt(int64(v), 10)
	}
	return "#" + strconv.FormatFloat(v, 'g', 6, 64)
}
