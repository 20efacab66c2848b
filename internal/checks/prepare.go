package checks

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/transcript"
)

// prepared is the input in the form the checks work on: NFC runes, tokens,
// primary language subtags, and where the original stands in its source,
// computed once because several checks need it.
type prepared struct {
	in Input

	orig, rend, src, body []rune
	origToks, rendToks    []token
	srcText, bodyText     *Text             // src and body, with their folded forms built once
	turns                 []transcript.Turn // the source's speaker turns, nil when unknown

	origLang, rendLang, artLang string // primary subtags, "" when unknown

	loc sourceLoc
}

func prepare(in Input) *prepared {
	turns := in.SourceTurns
	if turns == nil && in.Source != nil {
		turns = in.Source.speakerTurns() // read once for every quote sharing the source
	}
	srcText, bodyText := textOf(in.Source, in.SourceText), textOf(in.Body, in.ArticleBody)
	in.SourceText, in.ArticleBody, in.Source, in.Body = srcText.s, bodyText.s, nil, nil
	in = clean(in)
	p := &prepared{
		in:       in,
		orig:     []rune(in.Original),
		rend:     []rune(in.Rendering),
		src:      srcText.r,
		body:     bodyText.r,
		srcText:  srcText,
		bodyText: bodyText,
		turns:    turns,
		origLang: baseLang(in.OriginalLang),
		rendLang: baseLang(in.RenderingLang),
		artLang:  baseLang(in.ArticleLang),
	}
	if p.artLang == "" {
		p.artLang = p.rendLang
	}
	p.origToks = tokenize(p.orig)
	p.rendToks = tokenize(p.rend)
	p.loc = locate(p)
	return p
}

// clean returns a copy of in whose texts are valid UTF-8 in NFC, so that
// what the checks quote back in messages and details is well formed and
// compares the way offsets count. The caller's slices are not modified. The
// source and the body are NFC already (they come from a Text).
func clean(in Input) Input {
	c := anchor.NFC
	cs := func(ss []string) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = c(s)
		}
		return out
	}
	in.Original, in.Rendering, in.Speaker = c(in.Original), c(in.Rendering), c(in.Speaker)
	in.OriginalLang, in.RenderingLang, in.ArticleLang = c(in.OriginalLang), c(in.RenderingLang), c(in.ArticleLang)
	in.SourceURL, in.EvidenceNote = c(in.SourceURL), c(in.EvidenceNote)
	others := make([]Pair, len(in.Others))
	for i, o := range in.Others {
		others[i] = Pair{QuoteID: o.QuoteID, Original: c(o.Original), Rendering: c(o.Rendering)}
	}
	in.Others = others
	terms := make([]Term, len(in.Glossary))
	for i, t := range in.Glossary {
		terms[i] = Term{ID: t.ID, Source: c(t.Source), SourceLang: c(t.SourceLang), Targets: cs(t.Targets), Forbidden: cs(t.Forbidden), Note: c(t.Note)}
	}
	in.Glossary = terms
	return in
}

// bothSides reads the original and the rendering the same way, with a
// reading that needs a lexicon of their language (read's ok is false
// without one); ok is false when either text is blank or either language
// has no lexicon, and the check then has nothing to say.
func bothSides[T any](p *prepared, read func(toks []token, lang string) (T, bool)) (orig, rend T, ok bool) {
	if blank(p.orig) || blank(p.rend) {
		return orig, rend, false
	}
	orig, okOrig := read(p.origToks, p.origLang)
	rend, okRend := read(p.rendToks, p.rendLang)
	return orig, rend, okOrig && okRend
}

// blank reports whether rs holds nothing but white space.
func blank(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// validSpan reports whether sp is a non-empty span inside a text of n runes.
func validSpan(sp *Span, n int) bool {
	return sp != nil && sp.Start >= 0 && sp.Start < sp.End && sp.End <= n
}

// locKind says how the original was found in its source.
type locKind int

const (
	locNone    locKind = iota // no source text or no original: nothing to say
	locExact                  // an exact anchor, or the normalized search found it
	locPunct                  // found only when punctuation is ignored
	locApprox                 // the anchor is approximate
	locMissing                // not found
)

// sourceLoc is where the original stands in the source.
type sourceLoc struct {
	kind       locKind
	span       Span // in source runes, for every kind but locNone and locMissing
	contiguous bool // the original is one unbroken passage of the source
	viaAnchor  bool // span comes from the caller's anchor
	ambiguous  bool // found several times and no anchor chose one

	// For locMissing: the closest passage, when one resembles the original.
	closest    *Span
	similarity float64
	diff       []DiffOp
}

// omission matches an omission mark in folded text: ..., […], (…).
var omission = regexp.MustCompile(`[\[(]?\s*\.{3,}\s*[\])]?`)

func hasEllipsis(rs []rune) bool {
	for i, r := range rs {
		if r == '…' || r == '.' && i+2 < len(rs) && rs[i+1] == '.' && rs[i+2] == '.' {
			return true
		}
	}
	return false
}

// trimOuter drops the quotation marks, spaces and closing punctuation a
// reporter may put around an original ("“No aceptamos…”." → No aceptamos…)
// so that they do not stop it from matching. ¿ ? ¡ ! are kept: they are part
// of what was said.
func trimOuter(f folded) folded {
	cut := func(r rune) bool {
		return r == '"' || r == '\'' || r == ' ' || r == '.' || r == ',' || r == ';' || r == ':'
	}
	i, j := 0, len(f.r)
	for i < j && cut(f.r[i]) {
		i++
	}
	// Keep a trailing "..." (an omission mark, handled separately) intact.
	for j > i && cut(f.r[j-1]) && !(f.r[j-1] == '.' && j-i >= 3 && f.r[j-2] == '.' && f.r[j-3] == '.') {
		j--
	}
	return folded{r: f.r[i:j], origin: f.origin[i:j]}
}

// locate finds the original in the source. An exact anchor is trusted, an
// approximate one is reported as such; otherwise the original is searched in
// folded form (case, diacritics, quotation marks, dashes and spacing
// ignored), then as omission-separated segments, then ignoring punctuation.
func locate(p *prepared) sourceLoc {
	if blank(p.src) || blank(p.orig) {
		return sourceLoc{kind: locNone}
	}
	anchorOK := validSpan(p.in.SourceAnchor, len(p.src))
	switch p.in.SourceAnchorState {
	case "exact":
		if anchorOK {
			return sourceLoc{kind: locExact, span: *p.in.SourceAnchor, contiguous: !hasEllipsis(p.orig), viaAnchor: true}
		}
	case "approximate":
		if anchorOK {
			return sourceLoc{kind: locApprox, span: *p.in.SourceAnchor, viaAnchor: true}
		}
	}

	fo := trimOuter(fold(p.orig, true))
	if len(fo.r) == 0 {
		return sourceLoc{kind: locNone}
	}
	fs, sf := p.srcText.folded(true)
	var hits []Span
	for from := 0; len(hits) < 50; {
		i := sf.index(fo.r, from, true)
		if i < 0 {
			break
		}
		hits = append(hits, fs.span(i, i+len(fo.r)))
		from = i + 1
	}
	if len(hits) > 0 {
		loc := sourceLoc{kind: locExact, span: hits[0], contiguous: !hasEllipsis(p.orig), ambiguous: len(hits) > 1}
		if anchorOK {
			// A lost or unknown anchor still says roughly where the caller
			// looked: prefer the occurrence nearest to it.
			a := p.in.SourceAnchor.Start
			for _, h := range hits {
				if abs(h.Start-a) < abs(loc.span.Start-a) {
					loc.span = h
				}
			}
			loc.ambiguous = false
		}
		return loc
	}
	if hasEllipsis(p.orig) {
		if sp, ok := locateSegments(fs, sf, fo); ok {
			return sourceLoc{kind: locExact, span: sp}
		}
	}
	srcWords, origWords := p.srcText.wordTokens(), words(p.origToks)
	if sp, ok := locateWords(srcWords, origWords); ok {
		return sourceLoc{kind: locPunct, span: sp, contiguous: true}
	}
	loc := sourceLoc{kind: locMissing}
	if s, e, ok := closestWindow(srcWords, origWords); ok {
		ops := wordDiff(srcWords[s:e], origWords)
		if sim := diffSimilarity(ops, origWords); sim >= 0.5 {
			loc.closest = &Span{srcWords[s].start, srcWords[e-1].end}
			loc.similarity = sim
			loc.diff = ops
		}
	}
	return loc
}

// locateSegments finds the parts of an original with omission marks ("no
// aceptamos … intervención") in order in the source.
func locateSegments(fs folded, sf *finder, fo folded) (Span, bool) {
	text := string(fo.r)
	var segs [][]rune
	for _, s := range omission.Split(text, -1) {
		if s = strings.TrimSpace(s); s != "" {
			segs = append(segs, []rune(s))
		}
	}
	if len(segs) == 0 {
		return Span{}, false
	}
	from, start, end := 0, -1, 0
	for _, seg := range segs {
		i := sf.index(seg, from, true)
		if i < 0 {
			return Span{}, false
		}
		if start < 0 {
			start = i
		}
		end = i + len(seg)
		from = end
	}
	return fs.span(start, end), true
}

// locateWords finds the original's words, in order and adjacent, among the
// source's words, ignoring the punctuation between them. The words are
// joined with NUL (which no word holds) so that one substring search does it.
func locateWords(src, orig []token) (Span, bool) {
	if len(orig) == 0 || len(orig) > len(src) {
		return Span{}, false
	}
	var hay strings.Builder
	starts := make([]int, len(src))
	hay.WriteByte(0)
	for i, t := range src {
		starts[i] = hay.Len()
		hay.WriteString(t.key)
		hay.WriteByte(0)
	}
	var needle strings.Builder
	needle.WriteByte(0)
	for _, t := range orig {
		needle.WriteString(t.key)
		needle.WriteByte(0)
	}
	k := strings.Index(hay.String(), needle.String())
	if k < 0 {
		return Span{}, false
	}
	i, _ := slices.BinarySearch(starts, k+1)
	return Span{src[i].start, src[i+len(orig)-1].end}, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
