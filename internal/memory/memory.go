// Package memory ranks the translation memory and the glossary against a
// text: which approved pairs and terms a translator should see for the
// original in front of them. It is pure (no database): the workflow loads
// the candidates and asks this package how close each is.
//
// Similarity is measured on words after folding case, accents, quotation
// marks and spacing (see package anchor), as the edit distance between the
// two word sequences relative to the longer one — the "fuzzy match"
// percentage CAT tools show, which counts a changed word as one edit
// whatever its length.
package memory

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/cotejo/cotejo/internal/anchor"
)

// Words splits a text into its folded words, for lang's folding rules.
func Words(text, lang string) []string {
	return words(text, anchor.OptionsFor(lang))
}

func words(text string, opt anchor.Options) []string {
	f := anchor.Fold(text, opt).String()
	return strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// Similarity is 1 for texts whose folded words are the same, falling to 0
// as words are inserted, deleted or replaced.
func Similarity(a, b []string) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	return 1 - float64(anchor.Levenshtein(a, b))/float64(n)
}

// Match is a candidate with its similarity to the query.
type Match[T any] struct {
	Item  T
	Score float64
}

// Rank scores every candidate's text against query and returns those at or
// above threshold, best first, at most limit. A quick bound on the word
// counts skips candidates that cannot reach the threshold.
func Rank[T any](query, lang string, candidates []T, text func(T) string, threshold float64, limit int) []Match[T] {
	opt := anchor.OptionsFor(lang) // parsed once, not per candidate
	q := words(query, opt)
	var out []Match[T]
	for _, c := range candidates {
		w := words(text(c), opt)
		if n := max(len(q), len(w)); n > 0 && float64(min(len(q), len(w)))/float64(n) < threshold {
			continue
		}
		if s := Similarity(q, w); s >= threshold {
			out = append(out, Match[T]{Item: c, Score: s})
		}
	}
	slices.SortStableFunc(out, func(a, b Match[T]) int { return cmp.Compare(b.Score, a.Score) })
	return out[:min(len(out), max(limit, 0))]
}

// Contains reports whether the folded words of term occur, in order and
// next to each other, in the folded words of text: a glossary term found in
// an original.
func Contains(text, term []string) bool {
	if len(term) == 0 {
		return false
	}
	for i := 0; i+len(term) <= len(text); i++ {
		if slices.Equal(text[i:i+len(term)], term) {
			return true
		}
	}
	return false
}

// Terms are the distinct folded words of a text, each prefixed with the
// primary subtag of its language ("es:gobierno"): what the memory's term
// index holds for a pair's original and looks up for a query, so that
// Spanish "general" and English "general" are different terms.
func Terms(text, lang string) []string {
	ws := Words(text, lang)
	prefix := anchor.PrimaryLang(lang) + ":"
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		out = append(out, prefix+w)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Probe chooses which of a query's terms a fuzzy search looks up in the
// term index, from how many pairs hold each (counts; a term no pair holds
// is absent): the rarest first, as long as the postings they hold stay
// within budget (and at least the rarest one). Rare words are what make a
// pair the near-duplicate of a query — the names, figures and places of a
// remark said again — and reading them costs little; the commonest words
// are in every other pair and tell nothing.
//
// A pair at least threshold similar to the query shares at least that
// share of the query's words, so among the terms some pair holds, the
// rarest ones — all but as many as such a pair may lack, plus one — cannot
// all be missing from it: complete says whether the probe holds that many,
// so that no pair that can reach the threshold is missed. When it does
// not, a pair that shares only the query's commonest words may be left
// out. ok is false when no pair can reach the threshold.
func Probe(terms []string, counts map[string]int64, threshold float64, budget int64) (probe []string, complete, ok bool) {
	held := make([]string, 0, len(terms))
	for _, t := range terms {
		if counts[t] > 0 {
			held = append(held, t)
		}
	}
	need := int(math.Ceil(threshold * float64(len(terms))))
	if len(held) == 0 || len(held) < need {
		return nil, false, false
	}
	slices.SortFunc(held, func(a, b string) int { return cmp.Or(cmp.Compare(counts[a], counts[b]), cmp.Compare(a, b)) })
	must := len(held) - need + 1
	var read int64
	for i, t := range held {
		if i > 0 && read+counts[t] > budget {
			break
		}
		probe = append(probe, t)
		read += counts[t]
	}
	return probe, len(probe) >= must, true
}
