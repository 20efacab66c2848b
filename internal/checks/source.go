package checks

import (
	"fmt"
	"math"
	"regexp"
	"strings"
)

// This file holds the checks that compare the original with its evidence.

// checkSourceMatch reports an original that is not in its source
// (original_not_in_source), or that matches only approximately
// (original_approximate): the caller's anchor says so, or only the
// punctuation differs. Without a source text it says nothing; evidence_missing
// covers that case.
func checkSourceMatch(p *prepared) []Finding {
	loc := p.loc
	switch loc.kind {
	case locPunct:
		passage := string(p.src[loc.span.Start:loc.span.End])
		return []Finding{finding(CodeOriginalApproximate,
			fmt.Sprintf("The original matches its source only when punctuation is ignored; the source reads “%s”.", passage),
			map[string]any{"reason": "punctuation", "source_passage": passage, "source_span": loc.span})}
	case locApprox:
		passage := string(p.src[loc.span.Start:loc.span.End])
		srcWords, origWords := words(tokenize(p.src[loc.span.Start:loc.span.End])), words(p.origToks)
		ops := wordDiff(srcWords, origWords)
		return []Finding{finding(CodeOriginalApproximate,
			fmt.Sprintf("The original is anchored only approximately in its source; the source reads “%s”.", passage),
			map[string]any{
				"reason":         "anchor_approximate",
				"source_passage": passage,
				"source_span":    loc.span,
				"diff":           ops,
				"similarity":     round2(diffSimilarity(ops, origWords)),
			})}
	case locMissing:
		details := map[string]any{}
		msg := "The original does not occur in its source text."
		if loc.closest != nil {
			passage := string(p.src[loc.closest.Start:loc.closest.End])
			details["closest_passage"] = passage
			details["closest_span"] = *loc.closest
			details["similarity"] = round2(loc.similarity)
			details["diff"] = loc.diff
			msg = fmt.Sprintf("The original does not occur in its source text; the closest passage reads “%s”.", passage)
		}
		return []Finding{finding(CodeOriginalNotInSource, msg, details)}
	}
	return nil
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// checkEvidence requires some evidence: an anchor in a source text (a lost
// one does not count), a valid recording time range, or a URL. A bare URL
// does not count: without a note saying what it shows or the text it holds,
// nobody can check the quote against it.
func checkEvidence(p *prepared) []Finding {
	in := p.in
	anchor := in.SourceAnchor != nil && in.SourceAnchorState != "lost"
	media := in.Media != nil && in.Media.Start >= 0 && in.Media.End > in.Media.Start && !math.IsInf(in.Media.End, 0)
	url := strings.TrimSpace(in.SourceURL) != "" && (strings.TrimSpace(in.EvidenceNote) != "" || !blank(p.src))
	if anchor || media || url {
		return nil
	}
	var missing []string
	if !anchor {
		missing = append(missing, "source anchor")
	}
	if !media {
		missing = append(missing, "media time range")
	}
	if !url {
		missing = append(missing, "source URL with a note or source text")
	}
	details := map[string]any{"missing": missing}
	msg := "The quote has no evidence: no source anchor, no recording time range, and no source URL."
	if strings.TrimSpace(in.SourceURL) != "" {
		msg = "The quote's only evidence is a URL with neither a note nor a source text."
		details["url_without_note"] = true
	}
	if in.SourceAnchor != nil && in.SourceAnchorState == "lost" {
		details["anchor_lost"] = true
	}
	return []Finding{finding(CodeEvidenceMissing, msg, details)}
}

// ellipsisMark matches an omission mark in a rendering: […], [...], (…), …, ...
var ellipsisMark = regexp.MustCompile(`\[\s*(?:…|\.{3,})\s*\]|\(\s*(?:…|\.{3,})\s*\)|…|\.{3,}`)

// bracketed matches square brackets and what they hold.
var bracketed = regexp.MustCompile(`\[([^\[\]]*)\]`)

// onlyPunct reports whether s holds no letters or digits.
func onlyPunct(s string) bool { return strings.IndexFunc(s, isWordRune) < 0 }

// checkEllipsisAndBrackets flags omission marks in the rendering that the
// original does not justify, and words inserted in square brackets.
//
// An omission mark inside the rendering needs one in the original (the
// original as stored shows what the speaker said, with its own marks where
// words were left out). A leading or trailing mark only says the quote starts
// or ends mid-sentence, which is true when the original is not a whole
// source sentence; it is flagged only when the source shows it is one.
func checkEllipsisAndBrackets(p *prepared) []Finding {
	if blank(p.rend) {
		return nil
	}
	rend := string(p.rend)
	if !strings.ContainsAny(rend, "[…") && !strings.Contains(rend, "...") {
		return nil // no bracket and no omission mark: nothing to look at
	}
	var out []Finding
	var inserted []string
	for _, m := range bracketed.FindAllStringSubmatch(rend, -1) {
		inner := strings.TrimSpace(m[1])
		if inner == "" || ellipsisMark.MatchString(inner) && onlyPunct(inner) || strings.EqualFold(inner, "sic") {
			continue
		}
		inserted = append(inserted, m[0])
	}
	if len(inserted) > 0 {
		out = append(out, finding(CodeBracketInsertion,
			fmt.Sprintf("The rendering inserts %s in square brackets; make sure the speaker's meaning is kept.", strings.Join(inserted, ", ")),
			map[string]any{"insertions": inserted}))
	}

	if hasEllipsis(p.orig) || p.loc.kind == locMissing {
		// The original marks its own omission, or does not match the source
		// at all (original_not_in_source says so).
		return out
	}
	var internal, edge []string
	// A mark is leading when no word comes before it, trailing when none
	// comes after it.
	firstWord := strings.IndexFunc(rend, isWordRune)
	lastWord := strings.LastIndexFunc(rend, isWordRune)
	starts, ends := p.startsSentence(), p.endsSentence()
	for _, ix := range ellipsisMark.FindAllStringIndex(rend, -1) {
		leading, trailing := firstWord < 0 || ix[0] < firstWord, ix[1] > lastWord
		mark := rend[ix[0]:ix[1]]
		switch {
		case leading && !starts:
		case trailing && !ends:
		case leading || trailing:
			edge = append(edge, mark)
		default:
			internal = append(internal, mark)
		}
	}
	if len(internal)+len(edge) == 0 {
		return out
	}
	msg := "The rendering marks an omission but the original is a contiguous passage: nothing was left out."
	if len(internal) == 0 {
		msg = "The rendering marks the quote as cut short, but the original is a whole sentence of its source."
	}
	return append(out, finding(CodeEllipsisWithoutOmission, msg,
		map[string]any{"internal_marks": nonNil(internal), "edge_marks": nonNil(edge)}))
}

// startsSentence reports whether the original is known to begin where its
// source sentence begins. Unknown (no source) counts as false, so a leading
// ellipsis is given the benefit of the doubt.
func (p *prepared) startsSentence() bool {
	if !p.locKnown() {
		return false
	}
	s, _ := sentenceAround(p.src, p.loc.span.Start, p.loc.span.End)
	return onlyPunct(string(p.src[s:p.loc.span.Start]))
}

// endsSentence is startsSentence for the end of the original.
func (p *prepared) endsSentence() bool {
	if !p.locKnown() {
		return false
	}
	_, e := sentenceAround(p.src, p.loc.span.Start, p.loc.span.End)
	return onlyPunct(string(p.src[p.loc.span.End:e]))
}

// locKnown reports whether the original's place in the source is known well
// enough to reason about its surroundings.
func (p *prepared) locKnown() bool {
	switch p.loc.kind {
	case locExact, locPunct, locApprox:
		return p.loc.contiguous && !p.loc.ambiguous
	}
	return false
}

// qualLexicon lists the words that qualify a statement.
type qualLexicon struct {
	conditions  [][]string // si, a menos que, unless
	contrasts   [][]string // pero, aunque, but
	concessions [][]string // clause openers that qualify the next clause: aunque, si bien
}

var qualLexicons = map[string]*qualLexicon{
	"es": {
		conditions: phrases("si", "a menos que", "a no ser que", "salvo", "salvo que", "excepto", "excepto que",
			"siempre que", "siempre y cuando", "en caso de que", "con tal de que", "solo si", "solamente si",
			"unicamente si", "mientras no"),
		contrasts:   phrases("pero", "aunque", "sino", "sin embargo", "no obstante", "a pesar de", "pese a", "salvo", "excepto"),
		concessions: phrases("aunque", "si bien", "a pesar de que", "pese a que"),
	},
	"en": {
		conditions: phrases("if", "unless", "except", "except that", "provided that", "providing that", "as long as",
			"only if", "in case"),
		contrasts:   phrases("but", "although", "though", "however", "except", "yet", "despite"),
		concessions: phrases("although", "though", "even though", "while", "despite"),
	},
}

// matchQual is matchPhrase, except that Spanish "si" (if) must be written
// without the accent: "sí" means yes.
func matchQual(toks []token, i int, phrase []string) (int, bool) {
	j, ok := matchPhrase(toks, i, phrase)
	if ok && phrase[0] == "si" && strings.ToLower(toks[i].text) != "si" {
		return 0, false
	}
	return j, ok
}

func matchAny(toks []token, i int, list [][]string) (string, bool) {
	for _, ph := range list {
		if j, ok := matchQual(toks, i, ph); ok {
			var ws []string
			for _, t := range toks[i:j] {
				ws = append(ws, t.text)
			}
			return strings.Join(ws, " "), true
		}
	}
	return "", false
}

// Qualifier is one word or phrase next to a partial quote that qualifies it.
type Qualifier struct {
	Words    string `json:"words"`
	Kind     string `json:"kind"`     // "negation", "condition" or "contrast"
	Position string `json:"position"` // "before" or "after" the quoted part
}

// checkPartialQuote looks at the words around a quote that is only part of a
// source sentence. Only the clause the quote stands in and the clauses right
// next to it count: the demo's "Sacaron un comunicado de que, a menos que
// nosotros lo pidiéramos, ellos intervendrían, pero nosotros no lo vamos a
// pedir, porque [nosotros no queremos intervención de ningún gobierno
// extranjero]" has "a menos que" and "pero" in the sentence, but they qualify
// other clauses, and the quote is faithful. What is flagged:
//
//   - in the quote's own clause, before or after it: a negation ("no [vamos a
//     subir los impuestos]") or a condition; after it also a contrast;
//   - the clause just before, when it opens with a condition or concession
//     ("Si el Congreso lo aprueba, [enviaremos tropas]");
//   - the clause just after, when it opens with a condition, a contrast or a
//     negation ("[Vamos a colaborar], pero no a subordinarnos").
//
// In a negated quote, Spanish concord words (ningún, nada, ni…) next to it
// agree with its negation and are not new qualifiers.
func checkPartialQuote(p *prepared) []Finding {
	if !p.locKnown() {
		return nil
	}
	ql, nl := qualLexicons[p.origLang], negLexicons[p.origLang]
	if ql == nil || nl == nil {
		return nil
	}
	src, sp := p.src, p.loc.span
	s, e := sentenceAround(src, sp.Start, sp.End)
	if onlyPunct(string(src[s:sp.Start])) && onlyPunct(string(src[sp.End:e])) {
		return nil // the quote is the whole sentence
	}
	// Clause limits around the quote.
	headStart := s
	for k := sp.Start - 1; k >= s; k-- {
		if isClauseBoundary(src[k]) {
			headStart = k + 1
			break
		}
	}
	tailEnd := e
	for k := sp.End; k < e; k++ {
		if isClauseBoundary(src[k]) {
			tailEnd = k
			break
		}
	}
	prevStart, prevEnd := headStart, headStart
	if headStart > s {
		prevEnd = headStart - 1
		prevStart = s
		for k := prevEnd - 1; k >= s; k-- {
			if isClauseBoundary(src[k]) {
				prevStart = k + 1
				break
			}
		}
	}
	nextStart, nextEnd := tailEnd, tailEnd
	if tailEnd < e {
		nextStart = tailEnd + 1
		nextEnd = e
		for k := nextStart; k < e; k++ {
			if isClauseBoundary(src[k]) {
				nextEnd = k
				break
			}
		}
	}
	origNegated, _, _ := negatedClauses(p.origToks, p.origLang)

	var hits []Qualifier
	negation := func(toks []token, i int, skip []bool) bool {
		if !nl.isNegation(toks, i, skip) {
			return false
		}
		return origNegated == 0 || !nl.concord[toks[i].key]
	}
	// Scan the quote's own clause.
	scan := func(from, to int, pos string, contrasts bool) {
		toks := tokenize(src[from:to])
		skip := nl.excluded(toks)
		for i := range toks {
			if negation(toks, i, skip) {
				hits = append(hits, Qualifier{toks[i].text, "negation", pos})
				continue
			}
			if w, ok := matchAny(toks, i, ql.conditions); ok {
				hits = append(hits, Qualifier{w, "condition", pos})
				continue
			}
			if contrasts {
				if w, ok := matchAny(toks, i, ql.contrasts); ok {
					hits = append(hits, Qualifier{w, "contrast", pos})
				}
			}
		}
	}
	scan(headStart, sp.Start, "before", false)
	scan(sp.End, tailEnd, "after", true)
	// The neighbouring clauses count by their opening words.
	opener := func(from, to int) []token {
		toks := tokenize(src[from:to])
		for len(toks) > 0 && toks[0].kind == tkPunct {
			toks = toks[1:]
		}
		return toks
	}
	if prev := opener(prevStart, prevEnd); len(prev) > 0 {
		if w, ok := matchAny(prev, 0, ql.conditions); ok {
			hits = append(hits, Qualifier{w, "condition", "before"})
		} else if w, ok := matchAny(prev, 0, ql.concessions); ok {
			hits = append(hits, Qualifier{w, "contrast", "before"})
		}
	}
	if next := opener(nextStart, nextEnd); len(next) > 0 {
		if w, ok := matchAny(next, 0, ql.conditions); ok {
			hits = append(hits, Qualifier{w, "condition", "after"})
		} else if w, ok := matchAny(next, 0, ql.contrasts); ok {
			hits = append(hits, Qualifier{w, "contrast", "after"})
		} else if negation(next, 0, nl.excluded(next)) {
			hits = append(hits, Qualifier{next[0].text, "negation", "after"})
		}
	}
	if len(hits) == 0 {
		return nil
	}
	before := trimPunct(string(src[prevStart:sp.Start]))
	after := trimPunct(string(src[sp.End:nextEnd]))
	var ws []string
	for _, h := range hits {
		ws = append(ws, fmt.Sprintf("“%s” (%s, %s)", h.Words, h.Kind, h.Position))
	}
	return []Finding{finding(CodePartialQuoteQualifier,
		fmt.Sprintf("The quote is part of a longer sentence whose surrounding words qualify it: %s.", strings.Join(ws, ", ")),
		map[string]any{
			"qualifiers": hits,
			"sentence":   strings.TrimSpace(string(src[s:e])),
			"before":     before,
			"after":      after,
		})}
}
