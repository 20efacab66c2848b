package anchor

import (
	"sort"
	"unicode/utf8"
)

// offsetStep is how many code points lie between two checkpoints of a
// runeOffsets. 64 keeps the table at 1/64 of the rune count while bounding
// every conversion to one binary search plus a short forward scan.
const offsetStep = 64

// runeOffsets converts between byte offsets and code-point offsets of one
// valid UTF-8 string. Offsets are exposed in code points, but searching is
// done on bytes with strings.Index; a full byte→rune table would cost four
// bytes per byte of text, so only every offsetStep-th code point is recorded.
type runeOffsets struct {
	s  string
	cp []int // cp[i] is the byte offset of code point i*offsetStep
	n  int   // number of code points in s
}

// addRune records that the code point about to be appended to s starts at
// byte offset b. It must be called once per code point, in order.
func (o *runeOffsets) addRune(b int) {
	if o.n%offsetStep == 0 {
		o.cp = append(o.cp, b)
	}
	o.n++
}

func newRuneOffsets(s string) runeOffsets {
	o := runeOffsets{s: s, cp: make([]int, 0, len(s)/offsetStep+1)}
	for b := range s {
		o.addRune(b)
	}
	return o
}

// byteOf returns the byte offset of code point r (0 ≤ r ≤ n).
func (o *runeOffsets) byteOf(r int) int {
	if r >= o.n {
		return len(o.s)
	}
	b := o.cp[r/offsetStep]
	for i := r % offsetStep; i > 0; i-- {
		_, size := utf8.DecodeRuneInString(o.s[b:])
		b += size
	}
	return b
}

// runeOf returns the code-point offset of byte offset b, which must lie on a
// code-point boundary (0 ≤ b ≤ len(s)).
func (o *runeOffsets) runeOf(b int) int {
	if b >= len(o.s) {
		return o.n
	}
	i := sort.Search(len(o.cp), func(i int) bool { return o.cp[i] > b }) - 1
	if i+1 < len(o.cp) && o.cp[i+1]-o.cp[i] == offsetStep {
		return i*offsetStep + b - o.cp[i] // an ASCII block: one byte per code point
	}
	return i*offsetStep + utf8.RuneCountInString(o.s[o.cp[i]:b])
}

// slice returns the text between code points start and end.
func (o *runeOffsets) slice(start, end int) string {
	return o.s[o.byteOf(start):o.byteOf(end)]
}
