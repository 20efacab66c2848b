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
	"sync"
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

// Candidates merges the posting lists of a probe (each the ascending ids of
// the pairs holding one term) and returns at most limit ids, those on the
// most lists first and the newest (highest id) first among equals: the
// pairs worth scoring word by word. The ids of a memory are dense (its
// pairs numbered one after another), so the hits are counted in an array
// over the ids' range and read back newest first; ids spread too thinly
// for that are merged list by list instead.
func Candidates(lists [][]int64, limit int) []int64 {
	if limit <= 0 || len(lists) == 0 {
		return nil
	}
	lo, hi, total := int64(math.MaxInt64), int64(math.MinInt64), 0
	for _, l := range lists {
		if len(l) > 0 {
			lo, hi, total = min(lo, l[0]), max(hi, l[len(l)-1]), total+len(l)
		}
	}
	if total == 0 {
		return nil
	}
	if span := hi - lo + 1; span <= int64(16*total+1<<16) {
		return countDense(lists, lo, int(span), limit)
	}
	best := newBuckets(len(lists), limit)
	mergeCount(lists, func(id int64, h int) { best.add(h, id) })
	return best.top(limit)
}

// hitArrays are the counting arrays of countDense, kept zeroed between
// searches: a million-pair memory's is a megabyte.
var hitArrays sync.Pool

// countDense is Candidates over ids spanning span from lo: each id's hits
// counted in an array, and how many ids have each count, so that the
// array is read back newest first only until the limit's ids are found.
func countDense(lists [][]int64, lo int64, span, limit int) []int64 {
	var hits []uint8
	if p, _ := hitArrays.Get().(*[]uint8); p != nil && cap(*p) >= span {
		hits = (*p)[:span]
	} else {
		hits = make([]uint8, span)
	}
	defer func() {
		clear(hits)
		hitArrays.Put(&hits)
	}()
	var level [math.MaxUint8 + 1]int // level[h]: ids on h lists
	for _, l := range lists {
		for _, id := range l {
			if h := &hits[id-lo]; *h < math.MaxUint8 {
				level[*h]--
				*h++
				level[*h]++
			}
		}
	}
	// take[h]: how many ids of h hits the limit leaves room for, most first.
	var take [math.MaxUint8 + 1]int
	left, floor := limit, math.MaxUint8
	for h := math.MaxUint8; h >= 1 && left > 0; h-- {
		if level[h] > 0 {
			take[h], floor = min(level[h], left), h
			left -= take[h]
		}
	}
	by := make([][]int64, math.MaxUint8+1)
	for i, need := span-1, limit-left; i >= 0 && need > 0; i-- {
		if h := int(hits[i]); h >= floor && take[h] > 0 {
			by[h] = append(by[h], lo+int64(i))
			take[h]--
			need--
		}
	}
	out := make([]int64, 0, limit-left)
	for h := math.MaxUint8; h >= floor; h-- {
		out = append(out, by[h]...)
	}
	return out
}

// buckets keeps, for each number of hits, the first limit ids given it.
type buckets struct {
	limit int
	by    [][]int64 // by[h-1]: ids on h lists
}

func newBuckets(lists, limit int) *buckets {
	return &buckets{limit: limit, by: make([][]int64, min(lists, math.MaxUint8))}
}

func (b *buckets) add(hits int, id int64) {
	h := min(hits, len(b.by)) - 1
	if len(b.by[h]) < b.limit {
		b.by[h] = append(b.by[h], id)
	}
}

// top returns up to limit ids, the most hits first, each bucket in the
// order its ids came.
func (b *buckets) top(limit int) []int64 {
	out := make([]int64, 0, limit)
	for h := len(b.by) - 1; h >= 0 && len(out) < limit; h-- {
		out = append(out, b.by[h][:min(len(b.by[h]), limit-len(out))]...)
	}
	return out
}

// mergeCount walks ascending lists together from their ends, newest id
// first, and calls f with each id and how many lists hold it.
func mergeCount(lists [][]int64, f func(id int64, hits int)) {
	pos := make([]int, len(lists)) // the next id of list k is lists[k][pos[k]-1]
	heads := make([]int, 0, len(lists))
	for k, l := range lists {
		if pos[k] = len(l); len(l) > 0 {
			heads = append(heads, k)
		}
	}
	at := func(i int) int64 { return lists[heads[i]][pos[heads[i]]-1] }
	down := func(i int) { // heads is a max-heap on each list's next id
		for {
			l, s := 2*i+1, i
			if l < len(heads) && at(l) > at(s) {
				s = l
			}
			if r := l + 1; r < len(heads) && at(r) > at(s) {
				s = r
			}
			if s == i {
				return
			}
			heads[i], heads[s] = heads[s], heads[i]
			i = s
		}
	}
	for i := len(heads)/2 - 1; i >= 0; i-- {
		down(i)
	}
	for len(heads) > 0 {
		id, hits := at(0), 0
		for len(heads) > 0 && at(0) == id {
			hits++
			k := heads[0]
			if pos[k]--; pos[k] == 0 {
				heads[0] = heads[len(heads)-1]
				heads = heads[:len(heads)-1]
			}
			if len(heads) > 0 {
				down(0)
			}
		}
		f(id, hits)
	}
}

// Intersect returns the ids on every one of the ascending lists, newest
// (highest) first, at most limit: the pairs holding all of a phrase's
// rarest words. The shortest list leads, the others are searched by
// halving what is left of them.
func Intersect(lists [][]int64, limit int) []int64 {
	if len(lists) == 0 || limit <= 0 {
		return nil
	}
	lists = slices.Clone(lists)
	slices.SortFunc(lists, func(a, b []int64) int { return cmp.Compare(len(a), len(b)) })
	ends := make([]int, len(lists)) // the part of each list still to search: [0, ends[k])
	for k, l := range lists {
		ends[k] = len(l)
	}
	var out []int64
	lead := lists[0]
next:
	for i := len(lead) - 1; i >= 0 && len(out) < limit; i-- {
		id := lead[i]
		for k := 1; k < len(lists); k++ {
			j, found := slices.BinarySearch(lists[k][:ends[k]], id)
			ends[k] = j // what is newer than id is behind us
			if !found {
				continue next
			}
		}
		out = append(out, id)
	}
	return out
}

// Near lists, for each term of a query that no pair holds (absent), the
// terms one deleted letter or digit away from it: a figure typed with one
// digit more than the memory's ("1631" for "163"), a word with a typo.
// The workflow looks them up and adds the lists of those that exist to the
// candidates, so that the pair holding the figure nearly as typed leads
// the many pairs that differ from the query only in it. Terms of fewer
// than three letters or more than maxNear are left out (short ones are
// near too much, long ones are rarely mistyped by a letter only).
func Near(absent []string) []string {
	const maxNear = 16
	var out []string
	for _, t := range absent {
		prefix, word, ok := strings.Cut(t, ":")
		if !ok {
			continue
		}
		rs := []rune(word)
		if len(rs) < 3 || len(rs) > maxNear {
			continue
		}
		for i := range rs {
			if i > 0 && rs[i] == rs[i-1] {
				continue // deleting either of two equal letters gives one term
			}
			out = append(out, prefix+":"+string(rs[:i])+string(rs[i+1:]))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
