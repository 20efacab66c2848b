// Package anchor finds where a quote stands in a text: it normalizes and
// folds text, locates quotes (exact, normalized, approximate), builds and
// re-anchors W3C Web Annotation selectors, and detects the quoted passages
// of an article body. It is pure: the standard library and golang.org/x/text
// only, no database, no HTTP, no other package of Cotejo.
//
// # Offsets
//
// All offsets (Start, End) count Unicode code points (runes) of the
// NFC-normalized text, end exclusive. Callers store NFC text (see NFC);
// every function still accepts other input, decomposed (NFD) included,
// normalizes it first and reports offsets into its NFC form. Invalid UTF-8
// is replaced by U+FFFD before anything else. Code points, not bytes,
// because browsers and databases disagree about bytes and UTF-16 units but
// agree on code points of NFC text; NFC, because the same word typed on two
// keyboards must have the same offsets.
//
// # Folding
//
// Fold makes a text comparable: NFC, compatibility decomposition (ﬁ → fi),
// full case folding (ß → ss), diacritics removed (á → a, ü → u, ç → c; ñ kept
// when Options.KeepEnye, the default for Spanish), every quotation-mark
// variant (“ ” „ « » ‘ ’ ' 「 」 …) folded to ", every dash (‐ ‑ ‒ – — ― −)
// to -, every whitespace run (NBSP, thin space, CR/LF, tabs) to one space,
// and invisible format characters (soft hyphen, zero-width space) dropped.
// Each folded code point remembers the NFC code point that produced it,
// so a match found in the folded text is reported in the original.
//
// # Locating a quote
//
// Index.Locate tries, in order:
//
//   - exact: the NFC text equals the quote (Score 1);
//   - normalized: the folded text equals the folded quote (Score 0.99);
//   - approximate: a span of the folded text within Levenshtein distance
//     MaxEdits (15% of the folded quote, rounded up) of the folded quote,
//     fewest edits first (Score 1 - edits/len, at most 0.98).
//
// It returns several non-overlapping candidates, best first, and every
// occurrence when the quote occurs more than once (up to max); beyond the
// bound it returns nothing rather than a guess. Quotation marks and spaces
// around the quote are ignored, so a quote pasted with its marks is found.
//
// The approximate search is semi-global alignment (the quote may match
// anywhere) computed with Myers' bit-parallel algorithm, in 64-row blocks
// (Hyyrö's extension) for quotes longer than 64 code points. It is
// preceded by a pigeonhole filter: of k+2 disjoint pieces of the quote, k
// edits leave at least two intact, so only places where two pieces occur at
// consistent offsets are verified (k+1 pieces and one occurrence for short
// quotes). The pieces are chosen by dynamic programming among the quote's
// substrings to be as rare as possible, and found through an index of the
// 4-byte grams of the folded text, built once per Index. Each run of end
// positions within the bound is one match; its start comes from the edit
// distances of the reversed quote, and its ends are moved to word
// boundaries when that costs at most one edit, so reviewers read whole
// words.
//
// An Index folds a text once (a 1 MB, three-hour transcript takes about 12
// ms) and is safe for concurrent use; the function Locate keeps a
// process-wide bounded cache of them.
//
// # Selectors and re-anchoring
//
// A Selector is a TextQuoteSelector (exact text with ContextLen code points
// of prefix and suffix) plus a TextPositionSelector. Reanchor follows the
// Hypothesis algorithm when the text changed: position, then exact search
// near the old position, then approximate search scored on quote, prefix,
// suffix and position. Anything but an unambiguous exact match is reported
// as StateApproximate with a WordDiff, and a fuzzy match must be supported
// by its context, so an anchor is never moved silently to a look-alike.
//
// # Quoted passages
//
// DetectPassages lists the quoted passages of an article body for English,
// Spanish, French, German, Portuguese, Italian and CJK conventions, telling
// quotation marks from apostrophes, following quotes over several
// paragraphs and Spanish em-dash dialogue; see its documentation.
package anchor
