package checks

import (
	"fmt"
	"slices"
	"strings"
)

// This file holds names_differ: a person, place or organization named in a
// Spanish original that the English rendering drops or spells differently.
//
// A name is a run of capitalised words, joined by the particles of names
// (de, del, la, los, las, y), that does not open a sentence: Spanish
// capitalises names and little else (months, days, nationalities and most
// titles are lower case), so "el ministro Ernesto Valbuena", "la Corte
// Constitucional" and "la Carta de Jamaica" stand out, and the word that
// opens a sentence is left aside unless it is a known place ("Bruselas nos
// ha dado la razón").
//
// What counts as rendered:
//   - the name itself, accents and case folded (Valparaíso = Valparaiso);
//   - a known English form (México = Mexico, Estados Unidos = the U.S.,
//     Casa Blanca = White House, Consejo de Ministros = cabinet, FMI = IMF);
//   - for a person, any of their names: reporters shorten "Claudia Sheinbaum
//     Pardo" to "Sheinbaum";
//   - for an institution whose name is made of common words (Guardia
//     Nacional, Secretaría de Hacienda, Corte Constitucional), the
//     translation of one of its words ("National Guard", "Finance
//     Ministry"). A single capitalised common word (el Gobierno, el Estado,
//     el Congreso) is style, not a name, and is not checked.
//
// A name of the original missing from the rendering is reported as dropped;
// one whose word the rendering writes with a letter or two changed
// ("Valbuena" as "Valbuela", "Feijóo" as "Feijó") as spelled differently.

// nameLexicon is what names_differ knows of a language pair.
type nameLexicon struct {
	// known maps a folded name to its English forms, folded.
	known map[string][]string
	// common maps the folded common words institutions are named with to
	// their English translations.
	common map[string][]string
	// particles join the words of a name.
	particles map[string]bool
}

// nameLexicons is keyed by "original>rendering" primary subtags.
var nameLexicons = map[string]*nameLexicon{
	"es>en": {known: esEnKnownNames, common: esEnNameWords, particles: set("de", "del", "la", "las", "los", "y", "e")},
}

// nameCandidate is a name found in the original.
type nameCandidate struct {
	words []token // capitalised words and the particles between them
}

func (c nameCandidate) text() string {
	var b strings.Builder
	for i, w := range c.words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

func (c nameCandidate) key() string {
	ks := make([]string, len(c.words))
	for i, w := range c.words {
		ks[i] = w.key
	}
	return strings.Join(ks, " ")
}

// opensSentence reports whether toks[i] is the first word of a sentence or
// of a quotation inside the text.
func opensSentence(toks []token, i int) bool {
	if i == 0 || toks[i].lineBreak {
		return true
	}
	prev := toks[i-1]
	if prev.kind != tkPunct {
		return false
	}
	switch prev.text {
	case ".", "?", "!", ":", ";", "¿", "¡", "“", "«", "\"", "‘", "'", "—", "–", "…":
		return true
	}
	return false
}

// findNames returns the names of the original's tokens.
func (lx *nameLexicon) findNames(toks []token) []nameCandidate {
	var out []nameCandidate
	for i := 0; i < len(toks); {
		if !isCapitalised(toks[i]) {
			i++
			continue
		}
		start := i
		words := []token{toks[i]}
		j := i + 1
		for j < len(toks) {
			t := toks[j]
			if isCapitalised(t) {
				words = append(words, t)
				j++
				continue
			}
			// "López-Gatell": a hyphen inside one name.
			if t.kind == tkPunct && isDash([]rune(t.text)[0]) && j+1 < len(toks) && isCapitalised(toks[j+1]) &&
				t.start == toks[j-1].end && toks[j+1].start == t.end {
				words = append(words, toks[j+1])
				j += 2
				continue
			}
			k := j
			for k < len(toks) && toks[k].kind == tkWord && lx.particles[toks[k].key] {
				k++
			}
			if k > j && k < len(toks) && isCapitalised(toks[k]) {
				words = append(words, toks[j:k]...)
				j = k
				continue
			}
			break
		}
		i = j
		if opensSentence(toks, start) {
			// The first word of a sentence is capitalised anyway: keep it only
			// when it is a known name.
			if lx.known[words[0].key] == nil && lx.known[nameCandidate{words}.key()] == nil {
				words = words[1:]
				for len(words) > 0 && lx.particles[words[0].key] {
					words = words[1:]
				}
			}
		}
		if len(words) == 0 {
			continue
		}
		out = append(out, lx.split(nameCandidate{words})...)
	}
	return out
}

// split cuts a run such as "Estados Unidos y México" at its conjunctions
// when every part is a name of its own; "Secretaría de Hacienda y Crédito
// Público" stays one.
func (lx *nameLexicon) split(c nameCandidate) []nameCandidate {
	var parts []nameCandidate
	cur := nameCandidate{}
	for _, w := range c.words {
		if w.key == "y" || w.key == "e" {
			parts = append(parts, cur)
			cur = nameCandidate{}
			continue
		}
		cur.words = append(cur.words, w)
	}
	parts = append(parts, cur)
	if len(parts) == 1 {
		return parts
	}
	for _, p := range parts {
		if len(p.words) == 0 || lx.known[p.key()] == nil && len(lx.properWords(p)) == 0 {
			return []nameCandidate{c}
		}
	}
	return parts
}

// properWords are the words of a name that are neither particles, nor the
// common words institutions are named with, nor Roman numerals.
func (lx *nameLexicon) properWords(c nameCandidate) []token {
	var out []token
	for _, w := range c.words {
		if lx.particles[w.key] || lx.common[w.key] != nil || romanValue(w.text) > 0 && strings.ToUpper(w.text) == w.text {
			continue
		}
		out = append(out, w)
	}
	return out
}

// renderingWords indexes the rendering's words for names_differ.
type renderingWords struct {
	keys  []string // folded words in order, possessive 's removed
	texts []string // the same words as written, when capitalised; "" otherwise
}

// hasWord reports whether the folded word stands in the rendering. A
// rendering is a sentence or two, so a scan beats building a set per call.
func (rw renderingWords) hasWord(w string) bool { return slices.Contains(rw.keys, w) }

func indexRendering(toks []token) renderingWords {
	var rw renderingWords
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind == tkPunct {
			continue
		}
		k := strings.TrimSuffix(t.key, "'s")
		// "U.S.", "U.N.": single letters joined by dots are one word, "u.s".
		if len([]rune(t.key)) == 1 {
			j := i
			for j+2 < len(toks) && toks[j+1].text == "." && toks[j+2].kind == tkWord && len([]rune(toks[j+2].key)) == 1 &&
				toks[j+1].start == toks[j].end && toks[j+2].start == toks[j+1].end {
				j += 2
			}
			if j > i {
				var b strings.Builder
				for m := i; m <= j; m += 2 {
					if m > i {
						b.WriteByte('.')
					}
					b.WriteString(toks[m].key)
				}
				k = strings.TrimSuffix(b.String(), "'s")
				i = j
			}
		}
		rw.keys = append(rw.keys, k)
		text := ""
		if isCapitalised(t) {
			text = strings.TrimSuffix(strings.TrimSuffix(t.text, "'s"), "’s")
		}
		rw.texts = append(rw.texts, text)
	}
	return rw
}

// has reports whether the folded phrase (words separated by spaces) stands
// in the rendering.
func (rw renderingWords) has(phrase string) bool {
	ws := strings.Fields(phrase)
	if len(ws) == 1 {
		return rw.hasWord(ws[0])
	}
	for i := 0; i+len(ws) <= len(rw.keys); i++ {
		match := true
		for k, w := range ws {
			if rw.keys[i+k] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

func (rw renderingWords) hasAny(phrases []string) bool {
	for _, p := range phrases {
		if rw.has(p) {
			return true
		}
	}
	return false
}

// after returns the capitalised word that follows the word key in the
// rendering, if one does.
func (rw renderingWords) after(key string) (string, bool) {
	for i, k := range rw.keys {
		if k == key && i+1 < len(rw.keys) && rw.texts[i+1] != "" {
			return rw.texts[i+1], true
		}
	}
	return "", false
}

// nearMiss returns a capitalised word of the rendering that is the name's
// word with a letter or two changed, if there is one.
func (rw renderingWords) nearMiss(w token) (string, bool) {
	k := []rune(w.key)
	if len(k) < 4 {
		return "", false
	}
	limit := 1
	if len(k) > 6 {
		limit = 2
	}
	for i, key := range rw.keys {
		ck := []rune(key)
		if rw.texts[i] == "" || len(ck) < 4 || ck[0] != k[0] || key == w.key {
			continue
		}
		if d := editDistance(k, ck, limit); d <= limit {
			return rw.texts[i], true
		}
	}
	return "", false
}

// editDistance is the Levenshtein distance of a and b, or limit+1 once it
// is known to exceed limit.
func editDistance(a, b []rune, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// NameChange is one name names_differ reports.
type NameChange struct {
	Name      string `json:"name"`                // as the original writes it
	Kind      string `json:"kind"`                // "dropped" or "spelled_differently"
	Word      string `json:"word,omitempty"`      // the word spelled differently
	Rendering string `json:"rendering,omitempty"` // how the rendering spells it
}

// judge says whether the rendering renders name c.
func (lx *nameLexicon) judge(c nameCandidate, rw renderingWords) (NameChange, bool) {
	key := c.key()
	if rw.has(key) {
		return NameChange{}, true
	}
	if forms := lx.known[key]; forms != nil {
		if rw.hasAny(forms) {
			return NameChange{}, true
		}
		return NameChange{Name: c.text(), Kind: "dropped"}, false
	}
	proper := lx.properWords(c)
	if len(proper) == 0 {
		var content []token
		for _, w := range c.words {
			if !lx.particles[w.key] {
				content = append(content, w)
			}
		}
		if len(content) < 2 {
			return NameChange{}, true // "el Gobierno": style, not a name
		}
		for _, w := range content {
			if rw.hasWord(w.key) || rw.hasAny(lx.common[w.key]) {
				return NameChange{}, true
			}
		}
		return NameChange{Name: c.text(), Kind: "dropped"}, false
	}
	present := 0
	for k, w := range proper {
		if rw.hasWord(w.key) || rw.hasAny(lx.known[w.key]) {
			present++
			// "Diosdado Cabello" as "Diosdado Cabrera": the word after a
			// name's word is another capitalised word in the rendering.
			if k+1 < len(proper) && !rw.hasWord(proper[k+1].key) && !rw.hasAny(lx.known[proper[k+1].key]) {
				if next, ok := rw.after(w.key); ok {
					return NameChange{Name: c.text(), Kind: "spelled_differently", Word: proper[k+1].text, Rendering: next}, false
				}
			}
			continue
		}
		if near, ok := rw.nearMiss(w); ok {
			return NameChange{Name: c.text(), Kind: "spelled_differently", Word: w.text, Rendering: near}, false
		}
	}
	if present == 0 {
		return NameChange{Name: c.text(), Kind: "dropped"}, false
	}
	return NameChange{}, true
}

// checkNames reports the names of the original that the rendering drops or
// spells differently.
func checkNames(p *prepared) []Finding {
	lx := nameLexicons[p.origLang+">"+p.rendLang]
	if lx == nil || blank(p.orig) || blank(p.rend) {
		return nil
	}
	names := lx.findNames(p.origToks)
	if len(names) == 0 {
		return nil
	}
	rw := indexRendering(p.rendToks)
	var changes []NameChange
	var parts []string
	for _, c := range names {
		ch, ok := lx.judge(c, rw)
		if ok {
			continue
		}
		changes = append(changes, ch)
		if ch.Kind == "dropped" {
			parts = append(parts, fmt.Sprintf("“%s” is not in the rendering", ch.Name))
		} else {
			parts = append(parts, fmt.Sprintf("“%s” is spelled “%s” in the rendering", ch.Word, ch.Rendering))
		}
	}
	if len(changes) == 0 {
		return nil
	}
	return []Finding{finding(CodeNamesDiffer, "A name of the original differs in the rendering: "+strings.Join(parts, "; ")+".",
		map[string]any{"names": changes})}
}
