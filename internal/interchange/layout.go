package interchange

import (
	"slices"
	"strings"
	"unicode"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// segment is a run of an article paragraph: plain text, or the rendering of
// a quote that is annotated where it stands.
type segment struct {
	Text  string
	Quote *cotejo.Quote // nil for plain text
}

// layout splits the article body into paragraphs (separated by blank lines)
// of segments, and reports which quotes it placed inline. Anchors count code
// points of the NFC body, end exclusive. A quote is placed only where that is
// certainly right; otherwise it appears in the quote table alone:
//
//   - its anchor is missing or lost, or out of the body's range;
//   - the text at the offsets is not the anchored text (the body changed
//     and the quote was not re-anchored yet);
//   - it overlaps a quote placed before it (quotes are placed in order of
//     start, then the longer first), or crosses a paragraph break.
func layout(b Bundle) (paras [][]segment, inline map[int64]bool) {
	body := []rune(cotejo.NFC(b.Article.Body))
	inline = map[int64]bool{}

	type span struct {
		start, end int
		q          *cotejo.Quote
	}
	var spans []span
	for _, q := range b.Quotes {
		a := q.ArticleAnchor
		if a == nil || a.State == cotejo.AnchorLost || a.Start < 0 || a.End <= a.Start || a.End > len(body) {
			continue
		}
		if a.Exact != "" && string(body[a.Start:a.End]) != cotejo.NFC(a.Exact) {
			continue
		}
		spans = append(spans, span{a.Start, a.End, q})
	}
	slices.SortStableFunc(spans, func(x, y span) int {
		if x.start != y.start {
			return x.start - y.start
		}
		return y.end - x.end
	})

	// Paragraphs: maximal runs of lines that hold something other than
	// white space, as [start, end) ranges in runes.
	type rng struct{ start, end int }
	var pr []rng
	for i := 0; i < len(body); {
		j := i
		for j < len(body) && body[j] != '\n' {
			j++
		}
		blank := true
		for _, r := range body[i:j] {
			if !unicode.IsSpace(r) {
				blank = false
				break
			}
		}
		if !blank {
			if n := len(pr); n > 0 && pr[n-1].end == i-1 { // the previous line joins this one
				pr[n-1].end = j
			} else {
				pr = append(pr, rng{i, j})
			}
		}
		i = j + 1
	}

	si := 0
	for _, p := range pr {
		var segs []segment
		pos := p.start
		for si < len(spans) && spans[si].start < p.end {
			s := spans[si]
			si++
			if s.start < pos || s.end > p.end { // overlaps the last placed one, or crosses a break
				continue
			}
			if s.start > pos {
				segs = append(segs, segment{Text: string(body[pos:s.start])})
			}
			segs = append(segs, segment{Text: string(body[s.start:s.end]), Quote: s.q})
			inline[s.q.ID] = true
			pos = s.end
		}
		if pos < p.end {
			segs = append(segs, segment{Text: string(body[pos:p.end])})
		}
		paras = append(paras, trimSegments(segs))
	}
	return paras, inline
}

// trimSegments trims white space at the ends of a paragraph (its first and
// last plain segments), which the paragraph's markup replaces.
func trimSegments(segs []segment) []segment {
	if len(segs) > 0 && segs[0].Quote == nil {
		segs[0].Text = strings.TrimLeftFunc(segs[0].Text, unicode.IsSpace)
	}
	if n := len(segs); n > 0 && segs[n-1].Quote == nil {
		segs[n-1].Text = strings.TrimRightFunc(segs[n-1].Text, unicode.IsSpace)
	}
	return segs
}
