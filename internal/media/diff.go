package media

import "unicode"

// maxEdits bounds the diff of an edited transcript. Corrections touch a few
// words here and there; past this many changed tokens between the first
// and the last change, the stretch between them counts as rewritten (its
// cues are lost) rather than spending seconds finding what survived.
const maxEdits = 2000

// equalRuns lists the stretches that an edit from a to b left alone, in
// order: a common head and tail, and between them the common tokens of a
// shortest edit script (Myers' diff over words, spaces and punctuation, so
// that a changed word is replaced whole and its neighbours keep their place).
func equalRuns(a, b []rune) []run {
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	// The head and tail end between words, so that a word changed at
	// their border counts as changed whole.
	inWord := func(rs []rune, i int) bool { return i >= 0 && i < len(rs) && isWord(rs[i]) }
	for head > 0 && inWord(a, head-1) && (inWord(a, head) || inWord(b, head)) {
		head--
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	for tail > 0 && inWord(a, len(a)-tail) && (inWord(a, len(a)-tail-1) || inWord(b, len(b)-tail-1)) {
		tail--
	}
	var runs []run
	add := func(o, p, n int) {
		if n <= 0 {
			return
		}
		if k := len(runs) - 1; k >= 0 && runs[k].o+runs[k].n == o && runs[k].p+runs[k].n == p {
			runs[k].n += n
			return
		}
		runs = append(runs, run{o, p, n})
	}
	add(0, 0, head)
	ta, tb := tokens(a[head:len(a)-tail]), tokens(b[head:len(b)-tail])
	for _, m := range myers(ta, tb) {
		add(head+ta[m.i].at, head+tb[m.j].at, ta[m.i].n)
	}
	add(len(a)-tail, len(b)-tail, tail)
	return runs
}

// token is a word, a run of spaces or one other code point, at a rune offset.
type token struct {
	s     string
	at, n int
}

func tokens(rs []rune) []token {
	var out []token
	for i := 0; i < len(rs); {
		j := i + 1
		switch {
		case isWord(rs[i]):
			for j < len(rs) && isWord(rs[j]) {
				j++
			}
		case unicode.IsSpace(rs[i]):
			for j < len(rs) && unicode.IsSpace(rs[j]) {
				j++
			}
		}
		out = append(out, token{s: string(rs[i:j]), at: i, n: j - i})
		i = j
	}
	return out
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// match pairs token i of a with the equal token j of b.
type match struct{ i, j int }

// myers returns the matched tokens of a shortest edit script from a to b,
// in order; nothing when it takes more than maxEdits edits.
func myers(a, b []token) []match {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return nil
	}
	max := min(n+m, maxEdits)
	off := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x].s == b[y].s {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(trace, a, b, d, n, m)
			}
		}
	}
	return nil
}

// backtrack walks the saved frontiers back from (n, m) and collects the
// diagonal moves, the equal tokens.
func backtrack(trace [][]int, a, b []token, d, x, y int) []match {
	var out []match
	for ; d >= 0; d-- {
		vd := trace[d] // v before step d, indices k+d+1
		at := func(k int) int { return vd[k+d+1] }
		k := x - y
		var pk int
		if d == 0 {
			pk = 0
		} else if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := 0
		if d > 0 {
			px = at(pk)
		}
		py := px - pk
		if d == 0 {
			px, py = 0, 0
		}
		// The snake from the move's end to (x, y).
		sx, sy := px, py
		if d > 0 {
			if pk == k+1 {
				sy++ // down: an insertion
			} else {
				sx++ // right: a deletion
			}
		}
		for x > sx && y > sy {
			x, y = x-1, y-1
			out = append(out, match{x, y})
		}
		x, y = px, py
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}
