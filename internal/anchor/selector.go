package anchor

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ContextLen is the number of code points of prefix and suffix a Selector keeps.
const ContextLen = 32

// Selector is a W3C Web Annotation TextQuoteSelector (exact + up to
// ContextLen code points of prefix and suffix) together with a
// TextPositionSelector (Start, End: code points of the NFC text, end
// exclusive).
type Selector struct {
	Start, End int
	Exact      string
	Prefix     string
	Suffix     string
}

// ErrRange is returned by SelectorAt for a span outside the text.
var ErrRange = errors.New("anchor: span out of range")

// SelectorAt returns the selector of the span [start, end) of the NFC form
// of text. It fails with ErrRange unless 0 ≤ start ≤ end ≤ length. The
// text's code point offsets come from the process-wide Index cache (see
// Locate), so anchoring the hundreds of quotes of one article measures the
// body once, not once per quote.
func SelectorAt(text string, start, end int) (Selector, error) {
	return selectorAt(&indexes.get(text, Options{}).f.orig, start, end)
}

func selectorAt(o *runeOffsets, start, end int) (Selector, error) {
	if start < 0 || end < start || end > o.n {
		return Selector{}, fmt.Errorf("%w: [%d, %d) in a text of %d code points", ErrRange, start, end, o.n)
	}
	return Selector{
		Start:  start,
		End:    end,
		Exact:  o.slice(start, end),
		Prefix: o.slice(max(start-ContextLen, 0), start),
		Suffix: o.slice(end, min(end+ContextLen, o.n)),
	}, nil
}

// State is how well a selector re-anchored in a changed text.
type State string

const (
	// StateExact: the exact text was found, unambiguously.
	StateExact State = "exact"
	// StateApproximate: the text found differs from the old exact text, or
	// the exact text occurs several times; a person must look (the quote
	// becomes needs_review).
	StateApproximate State = "approximate"
	// StateLost: nothing close enough, with supporting context, was found.
	StateLost State = "lost"
)

// Re-anchoring methods.
const (
	MethodPosition  = "position"
	MethodExactHint = "exact_hint"
	MethodFuzzy     = "fuzzy"
)

// Reanchored is the result of re-anchoring a selector in a changed text.
type Reanchored struct {
	Selector          // the new selector (zero when lost)
	State    State    // how it was found
	Method   string   // MethodPosition, MethodExactHint, MethodFuzzy, or "" when lost
	Diff     []DiffOp // word-level diff old Exact → new Exact when not exact
}

// Thresholds of the fuzzy step.
const (
	// fuzzyCandidates is how many approximate candidates are weighed.
	fuzzyCandidates = 10
	// minContext is the similarity (0..1) the prefix or the suffix must
	// reach for a fuzzy match to count as the same place. Contexts from
	// different places of English or Spanish prose score 0.16 on average
	// and 0.34 at the 99th percentile (TestContextSimilarityOfUnrelatedText);
	// a context that survived an edit nearby scores well above 0.6.
	minContext = 0.6
)

// Reanchor finds the selector old in newText, following the Hypothesis
// algorithm:
//
//  1. position: the text at old.Start..old.End still equals old.Exact →
//     StateExact, MethodPosition;
//  2. exact search: old.Exact occurs once → StateExact, MethodExactHint; it
//     occurs several times → the occurrence whose prefix and suffix match
//     best, nearest the old position, as StateApproximate (an ambiguous
//     anchor is never silent);
//  3. approximate search (Locate's bound: at most 15% edits of the folded
//     exact text), each candidate scored on quote, prefix, suffix and
//     position → StateApproximate, MethodFuzzy, with a WordDiff. A candidate
//     whose prefix and suffix both differ from the old ones is a look-alike
//     elsewhere, not the same quote, and is refused;
//  4. otherwise StateLost, with a zero Selector.
//
// Texts are compared in NFC; the fuzzy step folds with the zero Options.
func Reanchor(newText string, old Selector) Reanchored {
	ix := indexes.get(newText, Options{})
	o := &ix.f.orig
	exact := NFC(old.Exact)
	if exact == "" {
		return Reanchored{State: StateLost}
	}
	if old.Start >= 0 && old.Start <= old.End && old.End <= o.n && o.slice(old.Start, old.End) == exact {
		return reanchored(o, old.Start, old.End, StateExact, MethodPosition, exact)
	}

	n := utf8.RuneCountInString(exact)
	starts := occurrences(o, exact)
	if len(starts) == 1 {
		return reanchored(o, starts[0], starts[0]+n, StateExact, MethodExactHint, exact)
	}
	ctx := newContextScorer(o, old.Prefix, old.Suffix)
	if len(starts) > 1 {
		best, bestScore := starts[0], ctx.score(starts[0], starts[0]+n)
		for _, s := range starts[1:] {
			if cs := ctx.score(s, s+n); cs > bestScore || cs == bestScore && abs(s-old.Start) < abs(best-old.Start) {
				best, bestScore = s, cs
			}
		}
		return reanchored(o, best, best+n, StateApproximate, MethodExactHint, exact)
	}

	m := max(utf8.RuneCountInString(foldString(exact, ix.opt)), 1)
	bestScore, found := -1.0, Candidate{}
	for _, c := range ix.find(strings.TrimSpace(exact), fuzzyCandidates) {
		pre, suf := ctx.prefixSim(c.Start), ctx.suffixSim(c.End)
		if max(pre, suf) < minContext {
			continue
		}
		quote := 1 - float64(c.Edits)/float64(m)
		pos := 1 - float64(abs(c.Start-old.Start))/float64(max(o.n, 1))
		if score := 0.5*quote + 0.2*pre + 0.2*suf + 0.1*pos; score > bestScore {
			bestScore, found = score, c
		}
	}
	if bestScore < 0 {
		return Reanchored{State: StateLost}
	}
	return reanchored(o, found.Start, found.End, StateApproximate, MethodFuzzy, exact)
}

// reanchored builds the result for the span [start, end) of the new text.
func reanchored(o *runeOffsets, start, end int, state State, method, oldExact string) Reanchored {
	sel, _ := selectorAt(o, start, end) // spans come from the text itself
	r := Reanchored{Selector: sel, State: state, Method: method}
	if state != StateExact {
		r.Diff = WordDiff(oldExact, sel.Exact)
	}
	return r
}

// occurrences returns the code-point offsets of every occurrence of s in the
// text, overlapping ones included.
func occurrences(o *runeOffsets, s string) []int {
	bs := indexAll(o.s, s)
	for i, b := range bs {
		bs[i] = o.runeOf(b)
	}
	return bs
}

// contextScorer compares the context of a span of the new text with the old
// selector's prefix and suffix, folded once for all the spans it scores.
type contextScorer struct {
	o              *runeOffsets
	prefix, suffix []rune // folded
}

func newContextScorer(o *runeOffsets, prefix, suffix string) contextScorer {
	return contextScorer{o: o, prefix: foldContext(prefix), suffix: foldContext(suffix)}
}

func (c contextScorer) score(start, end int) float64 {
	return c.prefixSim(start) + c.suffixSim(end)
}

func (c contextScorer) prefixSim(start int) float64 {
	return foldedSimilarity(c.prefix, foldContext(c.o.slice(max(start-ContextLen, 0), start)))
}

func (c contextScorer) suffixSim(end int) float64 {
	return foldedSimilarity(c.suffix, foldContext(c.o.slice(end, min(end+ContextLen, c.o.n))))
}

// foldContext folds a context for similarity, with the zero Options.
func foldContext(s string) []rune { return []rune(foldString(NFC(s), Options{})) }

// similarity is 1 - edits/length of the folded texts: 1 for equal texts
// (two empty contexts mean the same edge of the document), 0 when only one
// is empty.
func similarity(a, b string) float64 { return foldedSimilarity(foldContext(a), foldContext(b)) }

func foldedSimilarity(fa, fb []rune) float64 {
	if len(fa) == 0 && len(fb) == 0 {
		return 1
	}
	return 1 - float64(Levenshtein(fa, fb))/float64(max(len(fa), len(fb)))
}
