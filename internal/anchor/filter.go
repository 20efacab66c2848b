package anchor

import (
	"math"
	"math/bits"
	"slices"
	"unicode/utf8"
)

// gramLen is the length in bytes of the grams of a gramIndex.
const gramLen = 4

// gramIndex lists, for every 4-byte gram of the folded text, where it
// occurs. Finding the pieces of a quote through it costs the number of
// their occurrences instead of a pass over the whole text per piece, which
// matters when a hundred quotes are located in a 1 MB transcript.
type gramIndex struct {
	shift uint    // bucket = hash >> shift
	start []int32 // bucket b holds pos[start[b]:start[b+1]]
	pos   []int32 // byte offsets of the grams, grouped by bucket, ascending within one
}

func gramAt(s string, i int) uint32 {
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

// bucket hashes a gram (Fibonacci hashing: multiply, keep the high bits).
func (g *gramIndex) bucket(gram uint32) uint32 { return gram * 2654435761 >> g.shift }

// newGramIndex indexes the grams of s with a counting sort, about one
// bucket per gram.
func newGramIndex(s string) *gramIndex {
	n := max(len(s)-gramLen+1, 0)
	b := min(max(bits.Len(uint(n)), 4), 26)
	g := &gramIndex{shift: uint(32 - b), start: make([]int32, 1<<b+1), pos: make([]int32, n)}
	for i := range n {
		g.start[g.bucket(gramAt(s, i))+1]++
	}
	for i := 1; i < len(g.start); i++ {
		g.start[i] += g.start[i-1]
	}
	next := slices.Clone(g.start[:len(g.start)-1])
	for i := range n {
		h := g.bucket(gramAt(s, i))
		g.pos[next[h]] = int32(i)
		next[h]++
	}
	return g
}

// positions returns the byte offsets where gram may occur (its bucket:
// other grams sharing it must be told apart by the caller).
func (g *gramIndex) positions(gram uint32) []int32 {
	h := g.bucket(gram)
	return g.pos[g.start[h]:g.start[h+1]]
}

// rarest returns the byte offset of the gram of s[lo:hi] that occurs least
// often (lo+gramLen ≤ hi).
func (g *gramIndex) rarest(s string, lo, hi int) int {
	best, count := lo, len(g.positions(gramAt(s, lo)))
	for i := lo + 1; i+gramLen <= hi; i++ {
		if c := len(g.positions(gramAt(s, i))); c < count {
			best, count = i, c
		}
	}
	return best
}

// occurrences returns the byte offsets, ascending, of every occurrence in
// text of the string s, found through its gram at byte gs.
func (g *gramIndex) occurrences(text, s string, gs int) []int {
	var out []int
	for _, x := range g.positions(gramAt(s, gs)) {
		b := int(x) - gs
		if b >= 0 && b+len(s) <= len(text) && text[b:b+len(s)] == s {
			out = append(out, b)
		}
	}
	return out
}

// piece is a substring of the quote, q[a:] in code points, qs[bs:be] in
// bytes, located through its rarest gram, which starts at byte gs of qs and
// may occur count times.
type piece struct{ a, bs, be, gs, count int }

// maxPieceLen bounds the length of a piece in code points. Longer pieces
// are rarer, but the choice costs time proportional to this bound.
const maxPieceLen = 16

// choosePieces picks n pairwise disjoint pieces of q (at least gramLen
// bytes each) whose rarest grams occur least often in total, or returns nil
// if q is too short for n pieces. Any n disjoint pieces serve the
// pigeonhole filter: an edit spoils at most one of them. A dynamic program
// over the code points of q picks them, so that a piece made only of common
// grams (" de la ") grows until it holds a rare one, or is skipped.
func (g *gramIndex) choosePieces(q []rune, n int) []piece {
	m := len(q)
	qs := string(q)
	if n*gramLen > len(qs) {
		return nil
	}
	at := make([]int, m+1) // byte offset of each code point
	for i, c := range q {
		at[i+1] = at[i] + utf8.RuneLen(c)
	}
	const none = math.MaxInt32
	counts := make([]int, m) // occurrences of the gram at each code point
	for r := range m {
		counts[r] = none
		if at[r]+gramLen <= len(qs) {
			counts[r] = len(g.positions(gramAt(qs, at[r])))
		}
	}
	// cost[i]: least total count of j pieces within q[:i], for the j of the
	// current round; length[j][i]: the length of the piece ending at i in
	// that choice, or 0 when q[i-1] is in none.
	const inf = math.MaxInt / 4
	prev, cost := make([]int, m+1), make([]int, m+1)
	length := make([][]int8, n+1)
	for j := 1; j <= n; j++ {
		length[j] = make([]int8, m+1)
		cost[0] = inf
		for i := 1; i <= m; i++ {
			cost[i] = cost[i-1]
			best := none
			for a := i - 1; a >= max(i-maxPieceLen, 0); a-- {
				if at[a]+gramLen <= at[i] {
					best = min(best, counts[a])
				}
				if best < none && prev[a] < inf && prev[a]+best < cost[i] {
					cost[i] = prev[a] + best
					length[j][i] = int8(i - a)
				}
			}
		}
		prev, cost = cost, prev
	}
	if prev[m] >= inf {
		return nil
	}
	ps := make([]piece, 0, n)
	for j, i := n, m; j > 0; {
		l := int(length[j][i])
		if l == 0 {
			i--
			continue
		}
		a := i - l
		p := piece{a: a, bs: at[a], be: at[i], gs: -1}
		for r := a; at[r]+gramLen <= at[i]; r++ {
			if p.gs < 0 || counts[r] < p.count {
				p.gs, p.count = at[r], counts[r]
			}
		}
		ps = append(ps, p)
		i, j = a, j-1
	}
	return ps
}

// windows returns the parts of the folded text that can hold a match of q
// with at most k edits, sorted and disjoint. It uses the pigeonhole
// principle: of k+s disjoint pieces of q, k edits spoil at most k, so every
// match contains s pieces verbatim. A piece found at code point t (offset a
// in q) puts the match's start within k of t-a; two intact pieces of one
// match put it within k of each other. With s = 2 a lone piece, the common
// case in a text made of the same words as the quote, is dismissed without
// computing any edit distance; s = 1 serves quotes too short for k+2
// pieces. Pieces are found through the gram index. When q is too short for
// k+1 pieces, or the pieces are so common that listing them costs more
// than scanning, the whole text is one window: a single pass of the
// bit-parallel scan.
func (ix *Index) windows(q []rune, k int) []span {
	n := ix.f.folded.n
	m := len(q)
	full := []span{{0, n}}
	g := ix.gramIndex()
	s := 2
	ps := g.choosePieces(q, k+s)
	if ps == nil {
		s = 1
		ps = g.choosePieces(q, k+s)
	}
	if ps == nil {
		return full
	}
	total := 0
	for _, p := range ps {
		total += p.count
	}
	if total > n/16 || s == 1 && total*(m+3*k) > n/2 {
		return full
	}

	// A seed is the start t-a a piece's occurrence implies, times 2¹⁶, plus
	// the piece's number: sorting the plain integers sorts by start.
	const pieceBits = 16
	var seeds []int64
	qs := string(q)
	for i, p := range ps {
		for _, b := range g.occurrences(ix.f.folded.s, qs[p.bs:p.be], p.gs-p.bs) {
			seeds = append(seeds, int64(ix.f.folded.runeOf(b)-p.a)<<pieceBits|int64(i))
		}
	}
	slices.Sort(seeds)
	start := func(i int) int { return int(seeds[i] >> pieceBits) }
	piece := func(i int) int64 { return seeds[i] & (1<<pieceBits - 1) }
	keep := make([]bool, len(seeds))
	for i := range seeds {
		keep[i] = keep[i] || s == 1
		for j := i + 1; s == 2 && j < len(seeds) && start(j)-start(i) <= k; j++ {
			if piece(j) != piece(i) {
				keep[i], keep[j] = true, true
			}
		}
	}
	var ws []span
	for i := range seeds {
		if !keep[i] {
			continue
		}
		w := span{max(start(i)-k, 0), min(start(i)+m+2*k, n)}
		if l := len(ws); l > 0 && w.a <= ws[l-1].b {
			ws[l-1].b = max(ws[l-1].b, w.b)
			continue
		}
		ws = append(ws, w)
	}
	return ws
}
