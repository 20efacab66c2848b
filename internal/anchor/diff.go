package anchor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DiffOp is one step of a word-level diff.
type DiffOp struct {
	Op   string `json:"op"` // "equal", "insert" or "delete"
	Text string `json:"text"`
}

// The operations of a DiffOp.
const (
	OpEqual  = "equal"
	OpInsert = "insert"
	OpDelete = "delete"
)

// maxDiffCells bounds the LCS table of WordDiff. Quotes are a few dozen
// words; beyond a thousand words on each side the changed middle is shown
// as one deletion and one insertion instead of spending memory on it.
const maxDiffCells = 1 << 20

// WordDiff returns the word-level diff from a to b (both NFC-normalized
// first): the texts of the "equal" and "delete" operations concatenate to a,
// those of "equal" and "insert" to b. Words are compared whole, so a changed
// accent shows the whole word as replaced, which is what a reviewer reads.
// Within a change, deletions come before insertions, and a lone space
// between two changes is folded into them so the diff reads as phrases.
func WordDiff(a, b string) []DiffOp {
	ta, tb := wordTokens(NFC(a)), wordTokens(NFC(b))
	p := 0
	for p < len(ta) && p < len(tb) && ta[p] == tb[p] {
		p++
	}
	s := 0
	for s < len(ta)-p && s < len(tb)-p && ta[len(ta)-1-s] == tb[len(tb)-1-s] {
		s++
	}
	var ops []DiffOp
	for _, t := range ta[:p] {
		ops = append(ops, DiffOp{OpEqual, t})
	}
	ops = append(ops, lcsDiff(ta[p:len(ta)-s], tb[p:len(tb)-s])...)
	for _, t := range ta[len(ta)-s:] {
		ops = append(ops, DiffOp{OpEqual, t})
	}
	return compactDiff(ops)
}

// wordTokens splits s into words (letters, digits and marks, keeping an
// apostrophe or hyphen between two of them: don't, well-known), runs of
// whitespace, and single other code points.
func wordTokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		switch {
		case isWordRune(r):
			for j < len(s) {
				c, n := utf8.DecodeRuneInString(s[j:])
				if isWordRune(c) {
					j += n
					continue
				}
				if c == '\'' || c == '’' || c == '-' || c == '‐' {
					if d, _ := utf8.DecodeRuneInString(s[j+n:]); j+n < len(s) && isWordRune(d) {
						j += n
						continue
					}
				}
				break
			}
		case unicode.IsSpace(r):
			for j < len(s) {
				c, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(c) {
					break
				}
				j += n
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

// lcsDiff diffs two token sequences through their longest common subsequence.
func lcsDiff(a, b []string) []DiffOp {
	var ops []DiffOp
	if len(a)*len(b) > maxDiffCells {
		for _, t := range a {
			ops = append(ops, DiffOp{OpDelete, t})
		}
		for _, t := range b {
			ops = append(ops, DiffOp{OpInsert, t})
		}
		return ops
	}
	// l[i*(m+1)+j] is the LCS length of a[i:] and b[j:].
	n, m := len(a), len(b)
	l := make([]int32, (n+1)*(m+1))
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[i*(m+1)+j] = l[(i+1)*(m+1)+j+1] + 1
			} else {
				l[i*(m+1)+j] = max(l[(i+1)*(m+1)+j], l[i*(m+1)+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, DiffOp{OpEqual, a[i]})
			i++
			j++
		case j == m || i < n && l[(i+1)*(m+1)+j] >= l[i*(m+1)+j+1]:
			ops = append(ops, DiffOp{OpDelete, a[i]})
			i++
		default:
			ops = append(ops, DiffOp{OpInsert, b[j]})
			j++
		}
	}
	return ops
}

// compactDiff merges token operations into phrases: each change becomes one
// deletion followed by one insertion, and whitespace-only equal tokens
// between two changes are absorbed into them. Each phrase is built once,
// however many tokens it joins.
func compactDiff(ops []DiffOp) []DiffOp {
	var out []DiffOp
	var eq, del, ins strings.Builder
	flush := func(op string, b *strings.Builder) {
		if b.Len() > 0 {
			out = append(out, DiffOp{op, b.String()})
			b.Reset()
		}
	}
	for i, op := range ops {
		switch op.Op {
		case OpDelete:
			flush(OpEqual, &eq)
			del.WriteString(op.Text)
		case OpInsert:
			flush(OpEqual, &eq)
			ins.WriteString(op.Text)
		default:
			inChange := del.Len() > 0 || ins.Len() > 0
			if inChange && strings.TrimSpace(op.Text) == "" && i+1 < len(ops) && ops[i+1].Op != OpEqual {
				del.WriteString(op.Text)
				ins.WriteString(op.Text)
				continue
			}
			flush(OpDelete, &del)
			flush(OpInsert, &ins)
			eq.WriteString(op.Text)
		}
	}
	// At most one of the two is pending: an equal run or a change.
	flush(OpEqual, &eq)
	flush(OpDelete, &del)
	flush(OpInsert, &ins)
	return out
}
