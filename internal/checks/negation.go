package checks

import (
	"fmt"
	"strings"
)

// negLexicon is what a language needs for the negation checks.
type negLexicon struct {
	words map[string]bool // negating words, folded
	// words include "cero"/"zero": "cero homicidios" is "no homicides".
	// concord holds the words that, in a clause that is already negated,
	// agree with the negation rather than add one: Spanish "no queremos
	// intervención de ningún gobierno" is one negation, as is "ni … ni".
	concord map[string]bool
	// notNegation lists phrases that contain a negating word but do not
	// negate the clause: "sin embargo" (however), "not only … but".
	notNegation [][]string
	contraction bool // English n't
}

var negLexicons = map[string]*negLexicon{
	"es": {
		words: set("no", "nunca", "jamas", "ni", "ningun", "ninguna", "ninguno", "ningunos", "ningunas",
			"nadie", "nada", "tampoco", "sin", "cero"),
		concord: set("ni", "ningun", "ninguna", "ninguno", "ningunos", "ningunas", "nadie", "nada", "nunca", "jamas", "tampoco"),
		notNegation: phrases("sin embargo", "no obstante", "no solo", "no solamente", "no nada mas", "nada mas",
			"mas que nada", "antes que nada", "primero que nada", "de nada", "sin duda", "como si nada", "no bien"),
	},
	"en": {
		words: set("not", "never", "no", "nobody", "none", "nothing", "neither", "nor", "without", "nowhere", "cannot", "zero",
			"dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "havent", "hasnt", "hadnt",
			"wouldnt", "shouldnt", "couldnt", "mustnt"),
		concord:     set("nor"),
		notNegation: phrases("not only", "not just", "no doubt", "no matter", "nonetheless", "nevertheless"),
		contraction: true,
	},
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func phrases(ps ...string) [][]string {
	out := make([][]string, len(ps))
	for i, p := range ps {
		out[i] = strings.Fields(p)
	}
	return out
}

// matchPhrase reports whether the word tokens of toks starting at i spell
// phrase (folded words), returning the index after it.
func matchPhrase(toks []token, i int, phrase []string) (int, bool) {
	j := i
	for _, w := range phrase {
		if j >= len(toks) || toks[j].kind != tkWord || toks[j].key != w {
			return 0, false
		}
		j++
	}
	return j, true
}

// isNegation reports whether toks[i] negates, given the phrases already
// excluded in skip.
func (lx *negLexicon) isNegation(toks []token, i int, skip []bool) bool {
	t := toks[i]
	if t.kind != tkWord || skip[i] {
		return false
	}
	if lx.contraction && (strings.HasSuffix(t.key, "n't")) {
		return true
	}
	if !lx.words[t.key] {
		return false
	}
	if t.key == "no" {
		// A tag question "…, ¿no?" asks for agreement; it negates nothing.
		if i+1 < len(toks) && toks[i+1].text == "?" && (i == 0 || toks[i-1].kind == tkPunct) {
			return false
		}
		// "No. 5" is a number sign.
		if i+2 < len(toks) && toks[i+1].text == "." && toks[i+2].kind == tkNumber {
			return false
		}
	}
	return true
}

// excluded marks the tokens that belong to a not-negation phrase.
func (lx *negLexicon) excluded(toks []token) []bool {
	skip := make([]bool, len(toks))
	for i := range toks {
		for _, ph := range lx.notNegation {
			if j, ok := matchPhrase(toks, i, ph); ok {
				for k := i; k < j; k++ {
					skip[k] = true
				}
			}
		}
	}
	return skip
}

// negatedClauses counts the clauses (stretches between , ; : . ? ! dashes
// and brackets) that hold at least one negation, and returns the negating
// words. Counting clauses rather than words is what keeps Spanish negative
// concord ("no … ningún") from counting twice. ok is false when the language
// has no lexicon.
func negatedClauses(toks []token, lang string) (n int, markers []string, ok bool) {
	lx := negLexicons[lang]
	if lx == nil {
		return 0, nil, false
	}
	skip := lx.excluded(toks)
	negated := false
	for i, t := range toks {
		if t.lineBreak || (t.kind == tkPunct && isClauseBoundary([]rune(t.text)[0])) {
			if negated {
				n++
			}
			negated = false
		}
		if lx.isNegation(toks, i, skip) {
			negated = true
			markers = append(markers, t.text)
		}
	}
	if negated {
		n++
	}
	return n, markers, true
}

// checkNegation flags a negation present on one side only, or negated-clause
// counts that differ by two or more. The comparison is loose on purpose: a
// translation may split or join clauses, so a difference of one is normal.
func checkNegation(p *prepared) []Finding {
	if blank(p.orig) || blank(p.rend) {
		return nil
	}
	no, om, ok1 := negatedClauses(p.origToks, p.origLang)
	nr, rm, ok2 := negatedClauses(p.rendToks, p.rendLang)
	if !ok1 || !ok2 {
		return nil
	}
	if (no == 0) == (nr == 0) && abs(no-nr) < 2 {
		return nil
	}
	var msg string
	switch {
	case nr == 0:
		msg = fmt.Sprintf("The original is negated (%s) but the rendering is not.", strings.Join(om, ", "))
	case no == 0:
		msg = fmt.Sprintf("The rendering is negated (%s) but the original is not.", strings.Join(rm, ", "))
	default:
		msg = fmt.Sprintf("The original has %d negated clauses and the rendering %d.", no, nr)
	}
	return []Finding{finding(CodeNegationMismatch, msg, map[string]any{
		"original_negated_clauses":  no,
		"rendering_negated_clauses": nr,
		"original_markers":          nonNil(om),
		"rendering_markers":         nonNil(rm),
	})}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
