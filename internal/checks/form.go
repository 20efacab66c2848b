package checks

import (
	"fmt"
	"math"
	"strings"
	"unicode"
)

// This file holds the checks on the form of the two texts: presence,
// untranslated text, length, quotation marks and Spanish ¿? ¡! pairing.

func checkPresence(p *prepared) []Finding {
	var out []Finding
	if blank(p.orig) {
		out = append(out, finding(CodeOriginalEmpty, "The quote has no original text.", nil))
	}
	if blank(p.rend) {
		out = append(out, finding(CodeRenderingEmpty, "The quote has no rendering.", nil))
	}
	return out
}

// differentLangs reports whether the original and the rendering are known to
// be in different languages.
func differentLangs(p *prepared) bool {
	return p.origLang != "" && p.rendLang != "" && p.origLang != p.rendLang
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// checkUntranslated flags a rendering that is the original copied over. Text
// without letters (a figure, a date) is the same in every language.
func checkUntranslated(p *prepared) []Finding {
	if blank(p.orig) || blank(p.rend) || !differentLangs(p) {
		return nil
	}
	if !sameWords(p.origToks, p.rendToks) {
		return nil
	}
	if o := tokensKey(p.origToks); !hasLetter(o) {
		return nil
	}
	return []Finding{finding(CodeRenderingUntranslated,
		fmt.Sprintf("The rendering is the original, untranslated (%s → %s).", p.in.OriginalLang, p.in.RenderingLang),
		map[string]any{"original_lang": p.in.OriginalLang, "rendering_lang": p.in.RenderingLang})}
}

// minRatioLength is the original length, in characters, under which the
// length ratio says nothing: "Nunca." → "Never." is fine, and so is "Sí." →
// "Yes, we will."
const minRatioLength = 20

// cjk are the languages whose writing packs a word into one or two
// characters, so their texts are far shorter than an alphabetic rendering.
var cjk = set("zh", "ja", "ko", "yue", "wuu")

// lengthBounds returns the accepted range of rendering/original length
// ratios for a language pair. Between alphabetic languages a faithful
// rendering stays within half to twice the original (English is typically
// 10–20% shorter than Spanish); from or into Chinese, Japanese or Korean the
// ratio moves by a factor of two to four.
func lengthBounds(orig, rend string) (lo, hi float64) {
	switch {
	case cjk[orig] && !cjk[rend]:
		return 0.8, 6
	case !cjk[orig] && cjk[rend]:
		return 0.15, 1.2
	default:
		return 0.5, 2.0
	}
}

// textLength counts the characters of the folded text without spaces, so
// that spacing and line breaks do not move the ratio.
func textLength(rs []rune) int {
	n := 0
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// checkLengthRatio flags a rendering far shorter or longer than the original,
// the sign of a dropped or an added clause. Unknown languages get the
// alphabetic bounds; a pair in the same language is not a translation.
func checkLengthRatio(p *prepared) []Finding {
	no, nr := textLength(p.orig), textLength(p.rend)
	if no < minRatioLength || nr == 0 || (p.origLang != "" && p.origLang == p.rendLang) {
		return nil
	}
	lo, hi := lengthBounds(p.origLang, p.rendLang)
	ratio := float64(nr) / float64(no)
	if ratio >= lo && ratio <= hi {
		return nil
	}
	how := "shorter"
	if ratio > hi {
		how = "longer"
	}
	return []Finding{finding(CodeLengthRatio,
		fmt.Sprintf("The rendering is much %s than the original (%d vs %d characters, ratio %.2f; expected %.2f–%.2f).", how, nr, no, ratio, lo, hi),
		map[string]any{
			"original_length":  no,
			"rendering_length": nr,
			"ratio":            math.Round(ratio*100) / 100,
			"min":              lo,
			"max":              hi,
		})}
}

// quoteProblem describes the first unbalanced quotation mark of a text.
type quoteProblem struct {
	Mark     string `json:"mark"`
	Position int    `json:"position"` // code point offset
	Problem  string `json:"problem"`  // "unclosed" or "unopened"
}

// unbalancedQuotes pairs quotation marks with a stack. Curly and guillemet
// marks have a direction; „ may close with “ (German) or ” (Polish); straight
// " toggles. An apostrophe between letters (don't, Mexico’s) or after a
// plural s (the countries’) is not a quotation mark, nor is a straight or
// curly single mark that nothing opened.
func unbalancedQuotes(rs []rune) *quoteProblem {
	type open struct {
		r   rune
		pos int
	}
	var stack []open
	letter := func(i int) bool { return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i])) }
	top := func() rune {
		if len(stack) == 0 {
			return 0
		}
		return stack[len(stack)-1].r
	}
	pop := func() { stack = stack[:len(stack)-1] }
	for i, r := range rs {
		switch r {
		case '«', '„', '‹':
			stack = append(stack, open{r, i})
		case '»', '›', '”':
			if !strings.ContainsRune(closedBy[r], top()) {
				return &quoteProblem{string(r), i, "unopened"}
			}
			pop()
		case '“', '"':
			// “ closes „ (German) and opens otherwise; " toggles.
			if r == '“' && top() == '„' || r == '"' && top() == '"' {
				pop()
			} else {
				stack = append(stack, open{r, i})
			}
		case '‘':
			if letter(i-1) && letter(i+1) {
				continue // a misused apostrophe inside a word
			}
			stack = append(stack, open{r, i})
		case '’', '\'':
			if letter(i-1) && letter(i+1) {
				continue // don't, Mexico’s
			}
			if top() == '‘' && r == '’' || top() == '\'' && r == '\'' {
				pop()
				continue
			}
			if r == '\'' && !letter(i-1) && letter(i+1) {
				stack = append(stack, open{r, i}) // an opening straight single quote
			}
			// Otherwise a possessive (the countries’) or an elision (’90s).
		}
	}
	if len(stack) > 0 {
		o := stack[0]
		return &quoteProblem{string(o.r), o.pos, "unclosed"}
	}
	return nil
}

// closedBy lists, for each closing mark, the marks it may close.
var closedBy = map[rune]string{'»': "«", '›': "‹", '”': "“„"}

func checkQuoteMarks(p *prepared) []Finding {
	details := map[string]any{}
	var where []string
	if q := unbalancedQuotes(p.orig); q != nil {
		details["original"] = *q
		where = append(where, "the original")
	}
	if q := unbalancedQuotes(p.rend); q != nil {
		details["rendering"] = *q
		where = append(where, "the rendering")
	}
	if len(where) == 0 {
		return nil
	}
	return []Finding{finding(CodeUnbalancedQuotes,
		fmt.Sprintf("Quotation marks do not pair up in %s.", strings.Join(where, " and ")), details)}
}

// checkSpanishPunctuation pairs ¿ with ? and ¡ with ! in a Spanish original.
// "¡¿Qué?!" pairs; "Qué vamos a hacer?" lacks its ¿.
func checkSpanishPunctuation(p *prepared) []Finding {
	if p.origLang != "es" {
		return nil
	}
	var problems []string
	for _, pair := range [][2]rune{{'¿', '?'}, {'¡', '!'}} {
		open, unopened := 0, 0
		for _, r := range p.orig {
			switch r {
			case pair[0]:
				open++
			case pair[1]:
				if open > 0 {
					open--
				} else {
					unopened++
				}
			}
		}
		if open > 0 {
			problems = append(problems, fmt.Sprintf("%c without %c", pair[0], pair[1]))
		}
		if unopened > 0 {
			problems = append(problems, fmt.Sprintf("%c without %c", pair[1], pair[0]))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return []Finding{finding(CodeSpanishPunctuationUnpaired,
		"The Spanish original has unpaired punctuation: "+strings.Join(problems, ", ")+".",
		map[string]any{"problems": problems})}
}

// sameWords reports whether two token lists hold the same folded words,
// punctuation aside; it is tokensKey(a) == tokensKey(b) without building
// either key, since the words of a rendering and its original differ at
// once.
func sameWords(a, b []token) bool {
	i, j := 0, 0
	for {
		for i < len(a) && a[i].kind == tkPunct {
			i++
		}
		for j < len(b) && b[j].kind == tkPunct {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i].key != b[j].key {
			return false
		}
		i++
		j++
	}
}
