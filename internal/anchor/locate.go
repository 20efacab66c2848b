package anchor

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Kind says how a candidate matched its quote.
type Kind string

const (
	// Exact: the NFC text equals the quote.
	Exact Kind = "exact"
	// Normalized: the folded text equals the folded quote (accents, case,
	// quotation marks, dashes or whitespace differ).
	Normalized Kind = "normalized"
	// Approximate: the folded text is within the edit bound of the folded quote.
	Approximate Kind = "approximate"
)

// Scores of the match kinds. Approximate scores are 1 - edits/len, capped
// below the normalized score so that ordering by score agrees with ordering
// by kind even for long quotes with a single edit.
const (
	exactScore       = 1.0
	normalizedScore  = 0.99
	approximateScore = 0.98
)

// Candidate is one place where a quote may stand in a text.
type Candidate struct {
	Start, End int     // code points in the NFC text
	Exact      string  // the NFC text between Start and End
	Score      float64 // 1.0 for exact, 0.99 for normalized, 1 - edits/len (at most 0.98) for approximate
	Kind       Kind
	Edits      int // edit distance on folded text (0 for exact/normalized)
}

// Index is a text folded once, so many quotes can be located in it cheaply
// (a 1 MB, three-hour transcript is folded once). An Index is immutable and
// safe for concurrent use.
type Index struct {
	opt Options
	f   *Folded
	// gramIndex is built on the first approximate search: many indexes
	// only ever answer exact and normalized ones.
	gramIndex func() *gramIndex
}

// NewIndex normalizes and folds text for locating quotes in it.
func NewIndex(text string, opt Options) *Index {
	ix := &Index{opt: opt, f: fold(NFC(text), opt)}
	ix.gramIndex = sync.OnceValue(func() *gramIndex { return newGramIndex(ix.f.folded.s) })
	return ix
}

// Text returns the NFC text that offsets refer to.
func (ix *Index) Text() string { return ix.f.orig.s }

// Len returns the length of the NFC text in code points.
func (ix *Index) Len() int { return ix.f.orig.n }

// Locate returns up to max places where quote stands in the text, best
// first: exact matches on the NFC text, then normalized matches on the folded
// text, then approximate matches (see the package documentation), never
// overlapping each other. Whitespace and quotation marks around the quote are
// ignored, so a quote pasted with its marks is found without them. Folded
// quotes shorter than 8 or longer than 2,000 code points are only matched
// exactly or normalized. An empty quote, or max < 1, gives nothing.
//
// A quote typed between quotation marks is reported with the text's own
// marks around it, whatever their style (« », “ ”, " "), where the text
// has a mark at both ends of the match: the person quoted the marks too.
func (ix *Index) Locate(quote string, max int) []Candidate {
	nfc := NFC(quote)
	out := ix.find(trimQuote(nfc), max)
	if typed := strings.TrimSpace(nfc); quotedBetweenMarks(typed) {
		for i := range out {
			out[i] = ix.withMarks(out[i], typed)
		}
	}
	return out
}

// quotedBetweenMarks reports whether s starts and ends with a quotation
// mark (and holds something between them).
func quotedBetweenMarks(s string) bool {
	first, n := utf8.DecodeRuneInString(s)
	last, m := utf8.DecodeLastRuneInString(s)
	return len(s) > n+m && isQuoteMark(first) && isQuoteMark(last)
}

// withMarks widens c over the quotation marks that open and close it in
// the text, when it has both, and says how the widened span matches the
// typed quote (marks included).
func (ix *Index) withMarks(c Candidate, typed string) Candidate {
	o := &ix.f.orig
	if c.Start < 1 || c.End >= o.n {
		return c
	}
	open, _ := utf8.DecodeRuneInString(o.slice(c.Start-1, c.Start))
	close, _ := utf8.DecodeRuneInString(o.slice(c.End, c.End+1))
	if !isQuoteMark(open) || !isQuoteMark(close) {
		return c
	}
	// A mark that touches a word on its outer side is an apostrophe
	// ("d'Artagnan"), not a quotation mark.
	if c.Start >= 2 && isWordRune([]rune(o.slice(c.Start-2, c.Start-1))[0]) {
		return c
	}
	if c.End+1 < o.n && isWordRune([]rune(o.slice(c.End+1, c.End+2))[0]) {
		return c
	}
	c.Start, c.End = c.Start-1, c.End+1
	c.Exact = o.slice(c.Start, c.End)
	if c.Kind == Exact && c.Exact != typed {
		c.Kind, c.Score = Normalized, normalizedScore
	}
	return c
}

// trimQuote removes from both ends of an NFC quote the code points that fold
// to a space, a quotation mark or nothing at all.
func trimQuote(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		var f string
		if r < utf8.RuneSelf {
			f = string(rune(asciiFold[r]))
		} else {
			f = foldRune(r)
		}
		return f == "" || f == " " || f == string(foldedQuote)
	})
}

// find locates core, an NFC quote already trimmed.
func (ix *Index) find(core string, max int) []Candidate {
	if max < 1 || core == "" {
		return nil
	}
	fq := foldString(core, ix.opt)
	if fq == "" {
		return nil
	}
	out := ix.equal(core, fq, max)
	if len(out) < max {
		out = ix.approximate(fq, max, out)
	}
	return out
}

// equal returns up to max exact and normalized matches, exact ones first,
// none overlapping another. Both are occurrences of the folded quote in the
// folded text (the NFC text equal to the quote folds to the folded quote);
// they are exact where the NFC text is the quote itself. Looking them up in
// the gram index costs the occurrences of the quote's rarest gram, not two
// passes over the text.
func (ix *Index) equal(core, fq string, max int) []Candidate {
	n := utf8.RuneCountInString(fq)
	var exact, normalized []Candidate
	for _, b := range ix.foldedOccurrences(fq) {
		a := ix.f.folded.runeOf(b)
		if !ix.f.aligned(a, a+n) {
			continue // cuts an expansion (half of ß → ss): not the same text
		}
		start, end := ix.f.OriginalSpan(a, a+n)
		text := ix.f.orig.slice(start, end)
		// The span ends with any invisible code points that folded away
		// (a zero-width space); the quote itself is still there.
		if rest, ok := strings.CutPrefix(text, core); ok && (rest == "" || foldString(rest, ix.opt) == "") {
			exact = append(exact, Candidate{
				Start: start, End: start + utf8.RuneCountInString(core), Exact: core,
				Score: exactScore, Kind: Exact,
			})
			continue
		}
		normalized = append(normalized, Candidate{
			Start: start, End: end, Exact: text, Score: normalizedScore, Kind: Normalized,
		})
	}
	var out []Candidate
	for _, c := range slices.Concat(exact, normalized) {
		if len(out) < max && !overlaps(out, c.Start, c.End) {
			out = append(out, c)
		}
	}
	return out
}

// foldedOccurrences returns the byte offsets of every occurrence of fq in
// the folded text, ascending, overlapping ones included.
func (ix *Index) foldedOccurrences(fq string) []int {
	folded := ix.f.folded.s
	if len(fq) < gramLen {
		return indexAll(folded, fq)
	}
	g := ix.gramIndex()
	return g.occurrences(folded, fq, g.rarest(fq, 0, len(fq)))
}

// indexAll returns the byte offsets of every occurrence of sub in s,
// ascending, overlapping ones included. Both are valid UTF-8, so sub starts
// with a lead byte and only matches at code-point starts.
func indexAll(s, sub string) []int {
	var out []int
	for from := 0; ; {
		i := strings.Index(s[from:], sub)
		if i < 0 {
			return out
		}
		out = append(out, from+i)
		from += i + 1
	}
}

// overlaps reports whether [start, end) overlaps a candidate in cs.
func overlaps(cs []Candidate, start, end int) bool {
	for _, c := range cs {
		if start < c.End && c.Start < end {
			return true
		}
	}
	return false
}
