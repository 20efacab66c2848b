package checks

import "strings"

// DiffOp is one run of a word-level diff from a source passage to the
// original: Op is "equal", "delete" (words only in the source) or "insert"
// (words only in the original). Words compare in folded form (case, accents,
// quotation marks); Text shows them as written.
type DiffOp struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// maxDiffCells bounds the LCS table; a quote against its anchored passage is
// tiny, and anything larger is not worth a word diff.
const maxDiffCells = 400_000

// wordDiff is a longest-common-subsequence diff of two word sequences.
func wordDiff(a, b []token) []DiffOp {
	if len(a)*len(b) > maxDiffCells {
		return groupOps(append(opsOf("delete", a), opsOf("insert", b)...))
	}
	// lcs[i][j] is the LCS length of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i].key == b[j].key {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []DiffOp
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].key == b[j].key:
			ops = append(ops, DiffOp{"equal", a[i].text})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			ops = append(ops, DiffOp{"delete", a[i].text})
			i++
		default:
			ops = append(ops, DiffOp{"insert", b[j].text})
			j++
		}
	}
	ops = append(ops, opsOf("delete", a[i:])...)
	ops = append(ops, opsOf("insert", b[j:])...)
	return groupOps(ops)
}

func opsOf(op string, ts []token) []DiffOp {
	out := make([]DiffOp, len(ts))
	for i, t := range ts {
		out[i] = DiffOp{op, t.text}
	}
	return out
}

// groupOps joins consecutive words with the same op into one run.
func groupOps(ops []DiffOp) []DiffOp {
	var out []DiffOp
	for _, o := range ops {
		if n := len(out); n > 0 && out[n-1].Op == o.Op {
			out[n-1].Text += " " + o.Text
			continue
		}
		out = append(out, o)
	}
	return out
}

// diffSimilarity is the share of words of b that the diff keeps equal.
func diffSimilarity(ops []DiffOp, b []token) float64 {
	if len(b) == 0 {
		return 0
	}
	eq := 0
	for _, o := range ops {
		if o.Op == "equal" {
			eq += len(strings.Fields(o.Text))
		}
	}
	return float64(eq) / float64(len(b))
}

// maxAlignCells bounds the alignment of an original against a whole source
// (an hour-long transcript is ~10,000 words; a quote ~30).
const maxAlignCells = 6_000_000

// closestWindow finds the stretch of src that best aligns with the whole of
// orig: a semi-global alignment (free start and end in the source) scored +2
// per equal word and -1 per substitution or gap. It returns word indexes
// [start, end) into src, or ok false when the texts are too large or nothing
// aligns.
func closestWindow(src, orig []token) (start, end int, ok bool) {
	n, m := len(src), len(orig)
	if n == 0 || m == 0 || n*m > maxAlignCells {
		return 0, 0, false
	}
	prev, cur := make([]int, n+1), make([]int, n+1)
	prevStart, curStart := make([]int, n+1), make([]int, n+1)
	for j := 0; j <= n; j++ {
		prevStart[j] = j // row 0: the alignment may start anywhere
	}
	for i := 1; i <= m; i++ {
		cur[0], curStart[0] = -i, 0
		for j := 1; j <= n; j++ {
			s := -1
			if src[j-1].key == orig[i-1].key {
				s = 2
			}
			best, from := prev[j-1]+s, prevStart[j-1]
			if v := prev[j] - 1; v > best {
				best, from = v, prevStart[j]
			}
			if v := cur[j-1] - 1; v > best {
				best, from = v, curStart[j-1]
			}
			cur[j], curStart[j] = best, from
		}
		prev, cur = cur, prev
		prevStart, curStart = curStart, prevStart
	}
	bestJ := 0
	for j := 1; j <= n; j++ {
		if prev[j] > prev[bestJ] {
			bestJ = j
		}
	}
	if prev[bestJ] <= 0 || prevStart[bestJ] >= bestJ {
		return 0, 0, false
	}
	return prevStart[bestJ], bestJ, true
}
