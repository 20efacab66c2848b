package anchor

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode Normalization Form C. Invalid UTF-8 sequences are
// replaced by U+FFFD first, so that every function of the package counts the
// same code points in the same text.
func NFC(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return norm.NFC.String(s)
}

// Options tune folding to the language of the text being searched.
type Options struct {
	// KeepEnye keeps ñ/Ñ distinct from n. Spanish collates ñ as a letter of
	// its own (año and ano are different words), so a reporter who drops the
	// tilde has made a typo, not an accent-less spelling.
	KeepEnye bool
}

// OptionsFor returns the folding options for a BCP 47 language tag:
// KeepEnye is true when the primary language is Spanish ("es", "es-MX",
// "spa"). Unknown or empty tags get the zero Options.
func OptionsFor(lang string) Options {
	return Options{KeepEnye: PrimaryLang(lang) == "es"}
}

// PrimaryLang returns the primary language subtag of a BCP 47 tag ("es" for
// "es-MX" and "spa"), or "" for an unknown or empty tag.
func PrimaryLang(tag string) string {
	base, conf := language.Make(tag).Base()
	if conf != language.Exact {
		return ""
	}
	return base.String()
}

// The single mark every quotation-mark variant folds to, and the single dash.
const (
	foldedQuote = '"'
	foldedDash  = '-'
)

// isQuoteMark reports whether r is one of the quotation marks (or an
// apostrophe or a character commonly typed for one) that folding unifies.
func isQuoteMark(r rune) bool {
	switch r {
	case '"', '\'', '`', '´', // ´ and ` are typed for apostrophes on many keyboards
		'«', '»', '‹', '›',
		'‘', '’', '‚', '‛', '“', '”', '„', '‟',
		'′', '″', '⹂',
		'「', '」', '『', '』', '〝', '〞', '〟',
		'﹁', '﹂', '﹃', '﹄', '＂', '＇', '｢', '｣':
		return true
	}
	return false
}

// isDash reports whether r is a hyphen or dash variant (‐ ‑ ‒ – — ― − - …).
func isDash(r rune) bool {
	return r == '-' || r == '−' || unicode.Is(unicode.Pd, r)
}

// asciiFold maps every ASCII byte to its folded byte: letters to lower case,
// quotes and dashes to the single folded mark, whitespace to a space. It is
// the fast path for the bulk of Latin-script text.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		r := rune(c)
		switch {
		case unicode.IsSpace(r):
			t[c] = ' '
		case isQuoteMark(r):
			t[c] = foldedQuote
		case isDash(r):
			t[c] = foldedDash
		case 'A' <= r && r <= 'Z':
			t[c] = byte(r - 'A' + 'a')
		default:
			t[c] = byte(c)
		}
	}
	return t
}()

// foldCache memoizes foldRune for non-ASCII code points: x/text casers and
// normalizers allocate, and a text uses few distinct non-ASCII code points.
var foldCache sync.Map // rune → string

// foldRune returns what the non-ASCII code point r folds to (possibly several
// code points, e.g. ß → ss, … → ..., or none for format characters such as
// the soft hyphen and zero-width space). ñ is handled by the caller because
// it depends on Options.
func foldRune(r rune) string {
	if v, ok := foldCache.Load(r); ok {
		return v.(string)
	}
	s := computeFoldRune(r)
	foldCache.Store(r, s)
	return s
}

func computeFoldRune(r rune) string {
	switch {
	case unicode.IsSpace(r):
		return " "
	case isQuoteMark(r):
		return string(foldedQuote)
	case isDash(r):
		return string(foldedDash)
	case unicode.Is(unicode.Cf, r):
		return "" // invisible: soft hyphen, zero-width space, BOM, bidi marks
	case unicode.Is(unicode.Sk, r):
		// Spacing accents (¨ ˜ ^) decompose to a space plus a combining
		// mark under NFKD; keep them as themselves rather than as spaces.
		return string(r)
	}
	// Compatibility decomposition first (ﬁ → fi, Ａ → A, … → ...), then
	// case folding (ß → ss), then decomposition again because folding can
	// produce precomposed letters; combining marks are what remains of the
	// diacritics and are dropped.
	s := norm.NFKD.String(cases.Fold().String(norm.NFKD.String(string(r))))
	var b strings.Builder
	for _, c := range s {
		switch {
		case unicode.In(c, unicode.Mn, unicode.Me):
		case unicode.IsSpace(c):
			b.WriteByte(' ')
		case isQuoteMark(c):
			b.WriteRune(foldedQuote)
		case isDash(c):
			b.WriteRune(foldedDash)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// Folded is a text folded for comparison (NFC, case folding, diacritics
// removed, every quotation mark variant folded to one, every dash variant
// folded, all whitespace runs — NBSP, thin space, CR/LF, tabs — collapsed to
// one space) with a map from folded positions back to code-point offsets of
// the NFC original. Folded positions count code points of String().
type Folded struct {
	orig   runeOffsets // the NFC original
	folded runeOffsets // the folded text
	// start[i] is the NFC offset of the original code point that produced
	// folded code point i; start[len] is the NFC length. A collapsed
	// whitespace run maps to its first code point, an expansion (ß → ss)
	// repeats the offset, and dropped code points (combining marks left over
	// by NFC, format characters) belong to the folded code point before them.
	start []int32
}

// Fold folds text for comparison; see Folded.
func Fold(text string, opt Options) *Folded {
	return fold(NFC(text), opt)
}

// fold folds a text that is already NFC.
func fold(nfc string, opt Options) *Folded {
	w := folder{
		buf:   make([]byte, 0, len(nfc)),
		start: make([]int32, 0, len(nfc)+1),
		cp:    make([]int, 0, len(nfc)/offsetStep+1),
	}
	orig := runeOffsets{s: nfc, cp: make([]int, 0, len(nfc)/offsetStep+1)}
	for i, r := range nfc {
		k := int32(orig.n)
		orig.addRune(i)
		switch {
		case r < utf8.RuneSelf:
			w.emit(asciiFold[r], k)
		case opt.KeepEnye && (r == 'ñ' || r == 'Ñ'):
			w.emitRune('ñ', k)
		default:
			for _, c := range foldRune(r) {
				w.emitRune(c, k)
			}
		}
	}
	w.start = append(w.start, int32(orig.n))
	return &Folded{
		orig:   orig,
		folded: runeOffsets{s: string(w.buf), cp: w.cp, n: w.n},
		start:  w.start,
	}
}

// folder accumulates folded text, collapsing runs of spaces.
type folder struct {
	buf       []byte
	start     []int32 // see Folded.start
	cp        []int   // see runeOffsets.cp
	n         int     // code points in buf
	lastSpace bool
}

// emit appends the ASCII byte c, produced by the original code point k.
func (w *folder) emit(c byte, k int32) {
	if c == ' ' {
		if w.lastSpace {
			return
		}
		w.lastSpace = true
	} else {
		w.lastSpace = false
	}
	if w.n%offsetStep == 0 {
		w.cp = append(w.cp, len(w.buf))
	}
	w.n++
	w.buf = append(w.buf, c)
	w.start = append(w.start, k)
}

// emitRune appends the code point c, produced by the original code point k.
func (w *folder) emitRune(c rune, k int32) {
	if c < utf8.RuneSelf {
		w.emit(byte(c), k)
		return
	}
	w.lastSpace = false
	if w.n%offsetStep == 0 {
		w.cp = append(w.cp, len(w.buf))
	}
	w.n++
	w.buf = utf8.AppendRune(w.buf, c)
	w.start = append(w.start, k)
}

// foldString returns the folded form of an NFC string with leading and
// trailing spaces removed, which is how quotes are compared.
func foldString(nfc string, opt Options) string {
	return strings.Trim(fold(nfc, opt).folded.s, " ")
}

// String returns the folded text.
func (f *Folded) String() string { return f.folded.s }

// Len returns the length of the folded text in code points.
func (f *Folded) Len() int { return f.folded.n }

// OriginalSpan maps the folded span [foldedStart, foldedEnd) to the span of
// the NFC original that produced it, in code points, end exclusive. A span
// that cuts an expansion (one of the two s of ß → ss) covers the whole
// original code point. Arguments out of range are clamped.
func (f *Folded) OriginalSpan(foldedStart, foldedEnd int) (start, end int) {
	n := f.folded.n
	a := min(max(foldedStart, 0), n)
	b := min(max(foldedEnd, a), n)
	if a == b {
		return int(f.start[a]), int(f.start[a])
	}
	for b < n && f.start[b] == f.start[b-1] {
		b++
	}
	return int(f.start[a]), int(f.start[b])
}

// aligned reports whether the folded span [a, b) starts and ends on original
// code-point boundaries, i.e. cuts no expansion. Only such spans fold back to
// exactly the same folded text.
func (f *Folded) aligned(a, b int) bool {
	return (a == 0 || f.start[a] != f.start[a-1]) && (b == f.folded.n || f.start[b] != f.start[b-1])
}
