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
	// negate the clause: "sin embargo" (however), "not only … but", the
	// expletive "hasta que no", certainty idioms ("no tengo ninguna duda",
	// "no doubt"), quantity phrases ("nada menos que", "no less than").
	notNegation phraseSet
	// optional lists words and phrases that carry a negation in their
	// meaning but not in their grammar: "imposible" = "not possible",
	// "unprecedented" = "sin precedentes", "rather than" and "instead of"
	// for "no … sino", "fail to" = "no". They can answer a negation of the
	// other side but never demand one.
	optional phraseSet
	// restrict holds the restrictive adverbs that must be rendered (apenas,
	// barely); restrictOK the words that render one (solo, only, just,
	// "as soon as").
	restrict, restrictOK phraseSet
	contraction          bool // English n't
	// onlyBut holds the words of "no es solo … sino …" (not only … but):
	// a "no" shortly before one of them, in a text with "sino", does not
	// negate.
	onlyBut map[string]bool
}

var negLexicons = map[string]*negLexicon{
	"es": {
		words: set("no", "nunca", "jamas", "ni", "ningun", "ninguna", "ninguno", "ningunos", "ningunas",
			"nadie", "nada", "tampoco", "sin", "cero"),
		concord: set("ni", "ningun", "ninguna", "ninguno", "ningunos", "ningunas", "nadie", "nada", "nunca", "jamas", "tampoco"),
		notNegation: phraseIndex("sin embargo", "no obstante", "no solo", "no solamente", "no nada mas", "nada mas",
			"mas que nada", "antes que nada", "primero que nada", "de nada", "sin duda", "como si nada", "no bien",
			"hasta que no", "nada menos", "ni mas ni menos", "sin lugar a dudas", "sin ninguna duda",
			"no tengo ninguna duda", "no tengo duda", "no tengo dudas", "no tenemos ninguna duda", "no tenemos duda",
			"no tenemos dudas", "no hay duda", "no hay ninguna duda", "no cabe duda", "no cabe ninguna duda",
			"no me cabe duda", "no me cabe ninguna duda", "no nos cabe duda", "no nos cabe ninguna duda",
			"no tengas dudas", "no tengas duda", "no tengas ninguna duda", "no tenga duda", "no tenga ninguna duda",
			"no tengan duda", "no tengan ninguna duda"),
		optional: phraseIndex("imposible", "imposibles", "inaceptable", "inaceptables", "inadmisible", "incapaz", "incapaces",
			"innecesario", "innecesaria", "innecesarios", "ilegal", "ilegales", "ilegitimo", "ilegitima", "impune",
			"inviable", "insuficiente", "insuficientes", "injusto", "injusta", "inexistente", "falta", "faltan",
			"carece", "carecen", "negamos", "niego", "rechazamos", "rechazo"),
		restrict:   phraseIndex("apenas", "escasamente"),
		restrictOK: phraseIndex("apenas", "escasamente", "solo", "solamente", "unicamente", "casi no", "poco", "pocos", "pocas", "recien", "nada mas"),
		onlyBut:    set("solo", "solamente", "unicamente"),
	},
	"en": {
		words: set("not", "never", "no", "nobody", "none", "nothing", "neither", "nor", "without", "nowhere", "cannot", "zero",
			"dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "havent", "hasnt", "hadnt",
			"wouldnt", "shouldnt", "couldnt", "mustnt"),
		concord: set("nor"),
		notNegation: phraseIndex("not only", "not just", "no doubt", "no matter", "nonetheless", "nevertheless",
			"no less than", "no more than", "no fewer than", "no later than", "make no mistake", "no wonder",
			"none other than", "not least"),
		optional: phraseIndex("rather than", "instead of", "unprecedented", "impossible", "unacceptable", "inadmissible",
			"unable", "incapable", "unnecessary", "illegal", "illegitimate", "unpunished", "unviable", "insufficient",
			"unfair", "unjust", "nonexistent", "fail", "fails", "failed", "failing", "lack", "lacks", "lacking",
			"short", "deny", "denies", "reject", "rejects", "refuse", "refused", "refuses", "free of", "no longer"),
		restrict:    phraseIndex("barely", "hardly", "scarcely"),
		restrictOK:  phraseIndex("barely", "hardly", "scarcely", "only", "just", "mere", "merely", "little", "few", "as soon as", "once", "no sooner"),
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

// phraseSet holds folded phrases by their first word, so that looking them
// up at every token of a text costs one map access, not one comparison per
// phrase.
type phraseSet map[string][][]string

func phraseIndex(ps ...string) phraseSet {
	m := phraseSet{}
	for _, p := range phrases(ps...) {
		m[p[0]] = append(m[p[0]], p)
	}
	return m
}

// match returns the end of the longest phrase of s that starts at toks[i].
func (s phraseSet) match(toks []token, i int) (int, bool) {
	if i >= len(toks) || toks[i].kind != tkWord {
		return 0, false
	}
	best := 0
	for _, ph := range s[toks[i].key] {
		if j, ok := matchPhrase(toks, i, ph); ok && j > best {
			best = j
		}
	}
	return best, best > 0
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
	sino := -1
	for i := range toks {
		if toks[i].key == "sino" {
			sino = i
		}
		if toks[i].kind != tkWord {
			continue
		}
		for _, ph := range lx.notNegation[toks[i].key] {
			if j, ok := matchPhrase(toks, i, ph); ok {
				for k := i; k < j; k++ {
					skip[k] = true
				}
			}
		}
	}
	if lx.onlyBut != nil && sino >= 0 {
		// "no es solo un eslogan, sino…", "no fue solamente…, sino…".
		for i := 0; i < sino; i++ {
			if toks[i].key != "no" {
				continue
			}
			for k := i + 1; k < i+4 && k < sino; k++ {
				if lx.onlyBut[toks[k].key] {
					skip[i] = true
				}
			}
		}
	}
	return skip
}

// negationProfile is what a text's negations amount to.
type negationProfile struct {
	firm        int // clauses negated by a negating word
	optional    int // clauses negated only by an optional word ("imposible", "rather than")
	clauses     int // clauses with words in them
	markers     []string
	restrict    []string // restrictive adverbs: apenas, barely
	canRestrict bool     // a word that can render a restriction: solo, only, just
}

// profile reads the negations of a text's tokens, clause by clause (the
// stretches between , ; : . ? ! dashes and brackets). Counting clauses
// rather than words is what keeps Spanish negative concord ("no …
// ningún") from counting twice; a clause negated only by "ni" or "nor"
// right after a negated clause continues it ("no vamos a subir impuestos,
// ni a crear nuevos") and counts as optional. ok is false when the
// language has no lexicon.
func profile(toks []token, lang string) (negationProfile, bool) {
	lx := negLexicons[lang]
	if lx == nil {
		return negationProfile{}, false
	}
	skip := lx.excluded(toks)
	var np negationProfile
	var firm, opt, concordOnly, words, prevFirm bool
	close := func() {
		if words {
			np.clauses++
		}
		switch {
		case firm && concordOnly && prevFirm:
			np.optional++
			prevFirm = true
		case firm:
			np.firm++
			prevFirm = true
		case opt:
			np.optional++
			prevFirm = false
		default:
			prevFirm = false
		}
		firm, opt, concordOnly, words = false, false, false, false
	}
	for i, t := range toks {
		if t.lineBreak || (t.kind == tkPunct && isClauseBoundary([]rune(t.text)[0])) {
			close()
		}
		if t.kind != tkPunct {
			words = true
		}
		if lx.isNegation(toks, i, skip) {
			if !firm {
				concordOnly = t.key == "ni" || t.key == "nor"
			} else if t.key != "ni" && t.key != "nor" {
				concordOnly = false
			}
			firm = true
			np.markers = append(np.markers, t.text)
			continue
		}
		if skip[i] || t.kind != tkWord {
			continue
		}
		if j, ok := lx.optional.match(toks, i); ok {
			opt = true
			np.markers = append(np.markers, surfaceOf(toks, i, j))
		}
		if j, ok := lx.restrict.match(toks, i); ok {
			np.restrict = append(np.restrict, surfaceOf(toks, i, j))
		}
		if _, ok := lx.restrictOK.match(toks, i); ok {
			np.canRestrict = true
		}
	}
	close()
	return np, true
}

// negatedClauses counts the clauses with a firm negation and returns the
// negating words; ok is false when the language has no lexicon.
func negatedClauses(toks []token, lang string) (n int, markers []string, ok bool) {
	np, ok := profile(toks, lang)
	return np.firm, np.markers, ok
}

// checkNegation flags a negation present on one side only, negated-clause
// counts that differ by two or more, a difference of one between texts of
// as many clauses (a clause-for-clause rendering that lost or gained a
// negation), and a restrictive adverb (apenas, barely) left unrendered.
// Optional negations ("imposible", "rather than") answer a negation of the
// other side without demanding one. A translation may split or join
// clauses, so counts are compared loosely unless the clauses line up.
func checkNegation(p *prepared) []Finding {
	o, r, ok := bothSides(p, profile)
	if !ok {
		return nil
	}
	var msg string
	lost := o.firm - (r.firm + r.optional) // negated clauses of the original the rendering cannot account for
	gained := r.firm - (o.firm + o.optional)
	aligned := o.clauses == r.clauses && o.clauses >= 2
	switch {
	case o.firm > 0 && r.firm+r.optional == 0:
		msg = fmt.Sprintf("The original is negated (%s) but the rendering is not.", strings.Join(o.markers, ", "))
	case r.firm > 0 && o.firm+o.optional == 0:
		msg = fmt.Sprintf("The rendering is negated (%s) but the original is not.", strings.Join(r.markers, ", "))
	case lost >= 2 || gained >= 2 || aligned && (lost >= 1 || gained >= 1):
		msg = fmt.Sprintf("The original has %d negated clauses and the rendering %d.", o.firm, r.firm)
	case len(o.restrict) > 0 && !r.canRestrict:
		msg = fmt.Sprintf("The original restricts (%s) but the rendering does not (barely, only, just…).", strings.Join(o.restrict, ", "))
	case len(r.restrict) > 0 && !o.canRestrict:
		msg = fmt.Sprintf("The rendering restricts (%s) but the original does not.", strings.Join(r.restrict, ", "))
	default:
		return nil
	}
	return []Finding{finding(CodeNegationMismatch, msg, map[string]any{
		"original_negated_clauses":  o.firm,
		"rendering_negated_clauses": r.firm,
		"original_markers":          nonNil(o.markers),
		"rendering_markers":         nonNil(r.markers),
	})}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
