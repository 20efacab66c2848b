package media

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Range is the time range of the span [start, end) of the text: from the
// start of the first cue or word the span touches to the end of the last.
// Within a cue that has word timings the words are used, so that a quote of
// half a cue plays half of it; a span that touches only untimed words of
// such a cue gets the cue's time. ok is false when the span touches no
// timed text (a label, the space between two turns). Cues may overlap in
// time (two people talking at once); the range spans them all.
func Range(cues []Cue, start, end int) (from, to float64, ok bool) {
	from, to = math.Inf(1), math.Inf(-1)
	take := func(s, e float64) {
		from, to, ok = math.Min(from, s), math.Max(to, e), true
	}
	for _, c := range cues {
		if !touches(c.TextStart, c.TextEnd, start, end) {
			continue
		}
		found := false
		for _, w := range c.Words {
			if touches(w.TextStart, w.TextEnd, start, end) {
				take(w.Start, w.End)
				found = true
			}
		}
		if !found {
			take(c.Start, c.End)
		}
	}
	if !ok {
		return 0, 0, false
	}
	return from, to, true
}

// touches reports whether the span [s, e) touches [a, b): they share a code
// point, or the empty span s == e stands inside it.
func touches(a, b, s, e int) bool {
	if s == e {
		return a <= s && s < b
	}
	return s < b && e > a
}

// At lists the cues playing at time t (seconds), in text order: those with
// Start ≤ t < End, and a cue of no length at its own moment. A page that
// shows where playback stands highlights their spans.
func At(cues []Cue, t float64) []int {
	var out []int
	for i, c := range cues {
		if (c.Start <= t && t < c.End) || (c.Start == c.End && c.Start == t) {
			out = append(out, i)
		}
	}
	return out
}

// Clock writes seconds as a time code, HH:MM:SS.mmm.
func Clock(sec float64) string {
	if math.IsNaN(sec) || math.IsInf(sec, 0) || sec < 0 {
		return fmt.Sprint(sec)
	}
	ms := int64(math.Round(sec * 1000))
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

// Fragment is the W3C media fragment of a time range, "t=12.5,18": the
// shortest decimals that read back as the same numbers.
func Fragment(start, end float64) string {
	return "t=" + seconds(start) + "," + seconds(end)
}

func seconds(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Lost is a cue that an edit of the text took its time from: its words were
// deleted or rewritten beyond recognition.
type Lost struct {
	Cue  Cue    `json:"cue"`  // as it was, offsets in the old text
	Text string `json:"text"` // what it said
}

// Remap carries a time map over an edit of its text, from old to new. A
// cue whose words were kept in good part (a typo fixed, a word added) keeps
// its time over its new span; a cue of which less than half remains is
// lost: it leaves the map and is reported. Words keep their timing only
// when their text is unchanged. Each cue's speaker is read again from the
// label that opens its paragraph in the new text.
func Remap(oldText, newText string, cues []Cue) (kept []Cue, lost []Lost) {
	if oldText == newText {
		return append([]Cue(nil), cues...), nil
	}
	oldR, newR := []rune(oldText), []rune(newText)
	runs := equalRuns(oldR, newR)
	m := mapper{runs: runs, newLen: len(newR)}
	for _, c := range cues {
		if c.TextStart < 0 || c.TextEnd > len(oldR) || c.TextEnd <= c.TextStart {
			continue
		}
		keep := m.retained(c.TextStart, c.TextEnd)
		ns, ne := m.start(c.TextStart), m.end(c.TextEnd)
		if keep*2 < c.TextEnd-c.TextStart || ne <= ns {
			lost = append(lost, Lost{Cue: c, Text: string(oldR[c.TextStart:c.TextEnd])})
			continue
		}
		nc := c
		nc.TextStart, nc.TextEnd, nc.Words = ns, ne, nil
		for _, w := range c.Words {
			if ws, ok := m.whole(w.TextStart, w.TextEnd); ok {
				w.TextStart, w.TextEnd = ws, ws+(w.TextEnd-w.TextStart)
				nc.Words = append(nc.Words, w)
			}
		}
		if n := len(kept); n > 0 && nc.TextStart < kept[n-1].TextEnd {
			// An edit across the border of two cues gave both of them its
			// new words; the earlier cue keeps them.
			nc.TextStart = kept[n-1].TextEnd
			if nc.TextStart >= nc.TextEnd {
				lost = append(lost, Lost{Cue: c, Text: string(oldR[c.TextStart:c.TextEnd])})
				continue
			}
		}
		kept = append(kept, nc)
	}
	relabel(newR, kept)
	return kept, lost
}

// relabel sets each cue's speaker from its paragraph's label: the untimed
// text that opens the paragraph before its first cue, when it ends in ": ".
func relabel(text []rune, cues []Cue) {
	para, label := -1, ""
	for i := range cues {
		start := cues[i].TextStart
		p := paragraphStart(text, start)
		if p != para {
			para, label = p, ""
			if head := string(text[p:start]); strings.HasSuffix(head, ": ") && !strings.Contains(head, "\n") {
				label = strings.TrimSuffix(head, ": ")
			}
		}
		cues[i].Speaker = label
	}
}

// paragraphStart is where the paragraph holding position i starts.
func paragraphStart(text []rune, i int) int {
	for j := i - 1; j > 0; j-- {
		if text[j] == '\n' && text[j-1] == '\n' {
			return j + 1
		}
	}
	return 0
}

// run is a stretch of code points that an edit left alone: old[o:o+n] is new[p:p+n].
type run struct{ o, p, n int }

// mapper maps positions of the old text to the new one through the runs.
type mapper struct {
	runs   []run
	newLen int
}

// find returns the run holding old position i, or the index of the first
// run after it (and false).
func (m mapper) find(i int) (int, bool) {
	lo, hi := 0, len(m.runs)
	for lo < hi {
		mid := (lo + hi) / 2
		if m.runs[mid].o+m.runs[mid].n <= i {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, lo < len(m.runs) && m.runs[lo].o <= i
}

// start maps the first code point of a span: into its run, or, when it was
// rewritten, to the start of what replaced it.
func (m mapper) start(i int) int {
	k, in := m.find(i)
	if in {
		return m.runs[k].p + i - m.runs[k].o
	}
	if k == 0 {
		return 0
	}
	return m.runs[k-1].p + m.runs[k-1].n
}

// end maps the end of a span by its last code point: into its run, or, when
// it was rewritten, to the end of what replaced it.
func (m mapper) end(e int) int {
	k, in := m.find(e - 1)
	if in {
		return m.runs[k].p + e - m.runs[k].o
	}
	if k == len(m.runs) {
		return m.newLen
	}
	return m.runs[k].p
}

// retained counts the code points of [s, e) that the edit left alone.
func (m mapper) retained(s, e int) int {
	k, _ := m.find(s)
	n := 0
	for ; k < len(m.runs) && m.runs[k].o < e; k++ {
		r := m.runs[k]
		n += min(e, r.o+r.n) - max(s, r.o)
	}
	return n
}

// whole maps a span the edit left alone entirely, within one run.
func (m mapper) whole(s, e int) (int, bool) {
	k, in := m.find(s)
	if !in || e > m.runs[k].o+m.runs[k].n {
		return 0, false
	}
	return m.runs[k].p + s - m.runs[k].o, true
}
