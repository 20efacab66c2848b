package anchor

import (
	"cmp"
	"slices"
	"unicode"
)

// MaxEdits returns the edit bound of the approximate search for a folded
// quote of n code points: 15% of n, rounded up. No approximate candidate ever
// has more edits than this.
func MaxEdits(n int) int { return (15*n + 99) / 100 }

// minApproxLen is the shortest folded quote searched approximately: below
// eight code points one or two edits turn almost any word into another
// (casa/cosa/cara), and a list of look-alikes is a wild guess, not a help.
const minApproxLen = 8

// maxApproxLen is the longest folded quote searched approximately. The
// search costs time quadratic in the quote's length; two thousand code
// points is a long paragraph, and a longer "quote" is a document, found
// exactly or not at all.
const maxApproxLen = 2000

// span is a half-open range of code points.
type span struct{ a, b int }

// endScore is an end position (exclusive, in folded code points) where the
// best alignment of the quote ending there has d edits.
type endScore struct{ end, d int }

// hit is an approximate match on the folded text.
type hit struct{ s, e, d int }

// approximate appends the best non-overlapping approximate matches of the
// folded quote fq until out holds max candidates.
func (ix *Index) approximate(fq string, max int, out []Candidate) []Candidate {
	q := []rune(fq)
	m := len(q)
	if m < minApproxLen || m > maxApproxLen {
		return out
	}
	k := MaxEdits(m)
	p := newPattern(q)
	var ends []endScore
	for _, w := range ix.windows(q, k) {
		ends = p.scan(&ix.f.folded, w.a, w.b, k, ends)
	}
	// End positions within k edits come in runs around each match (a match
	// ending one code point earlier or later costs one more edit); each run
	// is one match. Runs are resolved best first, and only until no later
	// one can beat the candidates found: resolving costs time quadratic in
	// the quote's length, and a text may repeat a passage many times.
	type run struct {
		ends []endScore
		d    int // fewest edits in the run; resolving never finds fewer
	}
	var runs []run
	for i := 0; i < len(ends); {
		r := run{d: ends[i].d}
		j := i + 1
		for ; j < len(ends) && ends[j].end == ends[j-1].end+1; j++ {
			r.d = min(r.d, ends[j].d)
		}
		r.ends = ends[i:j]
		runs = append(runs, r)
		i = j
	}
	slices.SortStableFunc(runs, func(x, y run) int { return cmp.Compare(x.d, y.d) })
	var found []Candidate
	worst := 0
	for _, r := range runs {
		if len(out)+len(found) >= max && r.d > worst {
			break
		}
		h := ix.resolve(q, r.ends)
		start, end := ix.f.OriginalSpan(h.s, h.e)
		// Trimming spaces or widening to whole code points can add edits.
		if h.d > k || start == end || overlaps(out, start, end) || overlaps(found, start, end) {
			continue
		}
		found = append(found, Candidate{
			Start: start, End: end, Exact: ix.f.orig.slice(start, end),
			Score: min(1-float64(h.d)/float64(m), approximateScore),
			Kind:  Approximate, Edits: h.d,
		})
		if h.d > worst {
			worst = h.d
		}
	}
	slices.SortFunc(found, func(x, y Candidate) int {
		return cmp.Or(cmp.Compare(x.Edits, y.Edits), cmp.Compare(x.Start, y.Start))
	})
	return append(out, found[:min(len(found), max-len(out))]...)
}

// pattern holds the match masks of Myers' bit-parallel edit-distance
// algorithm for one quote, in blocks of 64 rows (Hyyrö's extension to
// patterns longer than a machine word).
type pattern struct {
	m, w  int
	peq   []uint64 // w words per row; row 0 is all zeros (a code point not in q)
	ascii [128]int32
	other map[rune]int32
}

func newPattern(q []rune) *pattern {
	p := &pattern{m: len(q), w: (len(q) + 63) / 64, other: map[rune]int32{}}
	p.peq = make([]uint64, p.w) // row 0
	for i, c := range q {
		row := p.row(c)
		if row == 0 {
			row = int32(len(p.peq) / p.w)
			p.peq = append(p.peq, make([]uint64, p.w)...)
			if c < 128 {
				p.ascii[c] = row
			} else {
				p.other[c] = row
			}
		}
		p.peq[int(row)*p.w+i/64] |= 1 << (i % 64)
	}
	return p
}

func (p *pattern) row(c rune) int32 {
	if c < 128 {
		return p.ascii[c]
	}
	return p.other[c]
}

// scan computes, for every end position in the folded text between code
// points a and b, the fewest edits of any alignment of the quote with a
// substring ending there (semi-global: the substring may start anywhere at or
// after a), and appends the end positions with at most k edits.
func (p *pattern) scan(f *runeOffsets, a, b, k int, out []endScore) []endScore {
	if p.w == 1 {
		return p.scan1(f, a, b, k, out)
	}
	w := p.w
	pv := make([]uint64, w)
	mv := make([]uint64, w)
	for i := range pv {
		pv[i] = ^uint64(0)
	}
	last := uint(p.m-1) % 64 // the bit of row m in the last block
	score := p.m
	j := a
	for _, c := range f.s[f.byteOf(a):f.byteOf(b)] {
		j++
		row := int(p.row(c)) * w
		// Row 0 is all zeros in semi-global alignment, so no horizontal
		// delta enters the first block; each block passes its bottom
		// row's delta (hin/hout ∈ {-1, 0, 1}) to the next.
		hin := 0
		for i := range w {
			eq, pvi, mvi := p.peq[row+i], pv[i], mv[i]
			xv := eq | mvi
			if hin < 0 {
				eq |= 1
			}
			xh := (((eq & pvi) + pvi) ^ pvi) | eq
			ph := mvi | ^(xh | pvi)
			mh := pvi & xh
			if i == w-1 {
				score += int(ph>>last&1) - int(mh>>last&1)
			}
			hout := int(ph>>63) - int(mh>>63)
			ph <<= 1
			mh <<= 1
			if hin < 0 {
				mh |= 1
			} else if hin > 0 {
				ph |= 1
			}
			pv[i] = mh | ^(xv | ph)
			mv[i] = ph & xv
			hin = hout
		}
		if score <= k {
			out = append(out, endScore{j, score})
		}
	}
	return out
}

// scan1 is scan for quotes of at most 64 code points, the common case, with
// the block loop removed.
func (p *pattern) scan1(f *runeOffsets, a, b, k int, out []endScore) []endScore {
	pv, mv := ^uint64(0), uint64(0)
	high := uint64(1) << uint(p.m-1)
	score := p.m
	j := a
	for _, c := range f.s[f.byteOf(a):f.byteOf(b)] {
		j++
		var eq uint64
		if c < 128 {
			eq = p.peq[p.ascii[c]]
		} else {
			eq = p.peq[p.other[c]]
		}
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&high != 0 {
			score++
		} else if mh&high != 0 {
			score--
		}
		ph <<= 1
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
		if score <= k {
			out = append(out, endScore{j, score})
		}
	}
	return out
}

// resolve turns a run of end positions into one match: the end with the
// fewest edits, then the start with the fewest edits for that end (ties
// going to the length closest to the quote's), then the span without
// leading or trailing space and cutting no expansion, whose edits are
// counted again. Ends and starts
// at word boundaries are preferred, even at the price of one edit: a
// reviewer should read whole words.
func (ix *Index) resolve(q []rune, run []endScore) hit {
	m := len(q)
	k := MaxEdits(m)
	lo := max(run[0].end-m-k-1, 0)
	hi := min(run[len(run)-1].end+1, ix.f.folded.n)
	t := []rune(ix.f.folded.slice(lo, hi))
	at := func(i int) rune { return t[i-lo] }
	n := ix.f.folded.n
	wordEdge := func(i int) bool {
		return i == 0 || i == n || !isWordRune(at(i-1)) || !isWordRune(at(i))
	}
	// A good end follows a non-space at a word edge; a good start precedes
	// one. Any other costs one edit more in the choice (not in the count
	// reported), so "rinde ja" loses to "rinde jamás" at one more edit.
	endCost := func(d, e int) int {
		if e > 0 && at(e-1) != ' ' && wordEdge(e) {
			return d
		}
		return d + 1
	}
	startCost := func(d, s int) int {
		if s < n && at(s) != ' ' && wordEdge(s) {
			return d
		}
		return d + 1
	}
	// On equal cost the higher raw count is the one at a good edge.
	best := run[0]
	for _, c := range run[1:] {
		if cc, cb := endCost(c.d, c.end), endCost(best.d, best.end); cc < cb || cc == cb && c.d > best.d {
			best = c
		}
	}
	e := best.end

	// Edit distances of q against every suffix T[e-c:e], c ≤ L: the DP of
	// q reversed against the text read backwards from e.
	l := min(m+k, e-lo)
	prev := make([]int, l+1)
	cur := make([]int, l+1)
	for c := range prev {
		prev[c] = c
	}
	for i := 1; i <= m; i++ {
		cur[0] = i
		qc := q[m-i]
		for c := 1; c <= l; c++ {
			cost := 1
			if qc == at(e-c) {
				cost = 0
			}
			cur[c] = min(prev[c-1]+cost, prev[c]+1, cur[c-1]+1)
		}
		prev, cur = cur, prev
	}
	bc := -1
	better := func(c int) bool {
		if cc, cb := startCost(prev[c], e-c), startCost(prev[bc], e-bc); cc != cb || prev[c] != prev[bc] {
			return cc < cb || cc == cb && prev[c] > prev[bc]
		}
		return abs(c-m) < abs(bc-m)
	}
	for c := 1; c <= l; c++ {
		if bc < 0 || better(c) {
			bc = c
		}
	}
	s := e - bc
	for s < e && at(s) == ' ' {
		s++
	}
	for e > s && at(e-1) == ' ' {
		e--
	}
	// Widen to whole original code points (both s of ß → ss), so that the
	// edits counted are those between the quote and the reported text.
	for s > 0 && ix.f.start[s] == ix.f.start[s-1] {
		s--
	}
	for e > 0 && e < n && ix.f.start[e] == ix.f.start[e-1] {
		e++
	}
	return hit{s: s, e: e, d: Levenshtein(q, []rune(ix.f.folded.slice(s, e)))}
}

// isWordRune reports whether r belongs to a word, for boundary decisions.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Levenshtein returns the edit distance between a and b: the fewest
// insertions, deletions and substitutions of elements (code points here,
// words in a translation memory), each costing one.
func Levenshtein[T comparable](a, b []T) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			diag, row[j] = row[j], min(diag+cost, row[j]+1, row[j-1]+1)
		}
	}
	return row[len(b)]
}
