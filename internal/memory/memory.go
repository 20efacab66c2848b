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
