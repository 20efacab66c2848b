package checks

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/cotejo/cotejo/internal/anchor"
)

// This file holds the text machinery every check shares: the folded form used
// to compare texts, a small tokenizer, and sentence, clause and paragraph
// boundaries. Everything works on []rune of NFC text so that positions are the
// code-point offsets anchors use.

// nfcRunes returns s as NFC code points, normalized as anchor.NFC does
// (invalid UTF-8 replaced), so that offsets here and in anchors count the
// same code points.
func nfcRunes(s string) []rune { return []rune(anchor.NFC(s)) }

// foldQuote maps every quotation-mark variant to ' or " so that a reporter who
// typed straight quotes matches a transcript with curly ones.
func foldQuote(r rune) (rune, bool) {
	switch r {
	case '"', '“', '”', '„', '‟', '«', '»', '″', '〝', '〞', '＂':
		return '"', true
	case '\'', '‘', '’', '‚', '‛', '′', '`', '´', '‹', '›', '＇', 'ʼ':
		return '\'', true
	}
	return r, false
}

func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−', '﹘', '﹣', '－':
		return true
	}
	return false
}

// folded is a text in comparison form together with, for every folded rune,
// the index of the rune of the NFC text it came from.
type folded struct {
	r      []rune
	origin []int
}

// fold builds the comparison form of src: lower case, whitespace collapsed to
// single spaces and trimmed, quotation marks folded to ' and ", dashes to -,
// the ellipsis character to three dots, and (when stripMarks) diacritics
// removed, so "intervención" matches "intervencion".
func fold(src []rune, stripMarks bool) folded {
	f := folded{r: make([]rune, 0, len(src)), origin: make([]int, 0, len(src))}
	add := func(r rune, i int) {
		f.r = append(f.r, r)
		f.origin = append(f.origin, i)
	}
	pendingSpace := -1
	for i, r := range src {
		if r < utf8.RuneSelf && r > ' ' && r != '"' && r != '\'' && r != '`' && r != '-' {
			// Printable ASCII other than quotes and the hyphen: the common case.
			if pendingSpace >= 0 {
				add(' ', pendingSpace)
				pendingSpace = -1
			}
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			add(r, i)
			continue
		}
		if unicode.IsSpace(r) {
			if pendingSpace < 0 && len(f.r) > 0 {
				pendingSpace = i
			}
			continue
		}
		if pendingSpace >= 0 {
			add(' ', pendingSpace)
			pendingSpace = -1
		}
		if q, ok := foldQuote(r); ok {
			add(q, i)
			continue
		}
		if isDash(r) {
			add('-', i)
			continue
		}
		if r == '…' {
			add('.', i)
			add('.', i)
			add('.', i)
			continue
		}
		if r < utf8.RuneSelf {
			add(unicode.ToLower(r), i)
			continue
		}
		if !stripMarks {
			add(unicode.ToLower(r), i)
			continue
		}
		if r < rune(len(latinBase)) {
			if b := latinBase[r]; b > 0 {
				add(b, i)
				continue
			}
		}
		for _, d := range norm.NFD.String(string(r)) {
			if unicode.Is(unicode.Mn, d) {
				continue
			}
			add(unicode.ToLower(d), i)
		}
	}
	return f
}

// latinBase maps the Latin letters below U+0250 that decompose to one base
// letter and marks to that letter in lower case (á → a, Ñ → n), so that
// folding Spanish does not decompose every accented letter anew; 0 marks
// the runes the general path handles.
var latinBase = func() (t [0x250]rune) {
	for r := rune(0x80); r < 0x250; r++ {
		var base []rune
		for _, d := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, d) {
				base = append(base, unicode.ToLower(d))
			}
		}
		if len(base) == 1 && !unicode.IsSpace(r) {
			if _, q := foldQuote(r); !q && !isDash(r) && r != '…' {
				t[r] = base[0]
			}
		}
	}
	return t
}()

// foldsToItself reports whether a word is its own folded key: lower-case
// ASCII letters and digits, and the separators of numbers.
func foldsToItself(rs []rune) bool {
	for _, r := range rs {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == ',' || r == ':') {
			return false
		}
	}
	return true
}

// foldWord folds a word's runes as fold does with diacritics stripped, but
// straight into a string: tokenize needs the key of every word and none of
// fold's origins.
func foldWord(rs []rune) string {
	var b strings.Builder
	b.Grow(len(rs))
	pending := false
	for _, r := range rs {
		if unicode.IsSpace(r) {
			// A grouping space inside a number (40 000) folds to one space;
			// spaces at either end, as fold trims them, to none.
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		switch {
		case r < utf8.RuneSelf:
			if q, ok := foldQuote(r); ok {
				b.WriteRune(q)
			} else if r == '-' {
				b.WriteByte('-')
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
		case r < rune(len(latinBase)) && latinBase[r] > 0:
			b.WriteRune(latinBase[r])
		default:
			b.WriteString(string(fold([]rune{r}, true).r))
		}
	}
	return b.String()
}

// surfaceOf is the text of tokens i to j (end exclusive) as written,
// joined by single spaces: how a finding quotes the words it names.
func surfaceOf(toks []token, i, j int) string {
	ws := make([]string, 0, j-i)
	for _, t := range toks[i:j] {
		ws = append(ws, t.text)
	}
	return strings.Join(ws, " ")
}

// key is the folded string of s with diacritics removed, the form used to
// compare short texts and to look words up in lexicons.
func key(s string) string { return string(fold(nfcRunes(s), true).r) }

// lightKey folds case, spacing and quotation marks but keeps diacritics and
// drops leading and trailing punctuation: the "light normalization" used to
// compare a rendering with the article, where an accent change is a change.
func lightKey(s string) string {
	return trimPunct(string(fold(nfcRunes(s), false).r))
}

// trimPunct removes leading and trailing punctuation, quotation marks and
// spaces, which differ between a quote as stored and as printed ("..., she
// said" vs "...").
func trimPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r)
	})
}

// isWordRune reports whether r belongs inside a word for boundary purposes.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// finder searches one folded text, possibly many times. It works on the
// string form with strings.Index, which stays fast on long transcripts and
// on pathological input, and maps byte offsets back to rune indexes.
type finder struct {
	r   []rune
	s   string
	off []int // off[i] is the byte offset of r[i]; off[len(r)] = len(s)
}

func newFinder(r []rune) *finder {
	f := &finder{r: r, off: make([]int, len(r)+1)}
	b := make([]byte, 0, len(r)+len(r)/8)
	for i, c := range r {
		f.off[i] = len(b)
		b = utf8.AppendRune(b, c)
	}
	f.off[len(r)] = len(b)
	f.s = string(b)
	return f
}

// index finds needle at or after rune index from. With boundaries, a needle
// that starts (ends) with a word rune only matches where the text has no
// word rune just before (after) it, so "ni" does not match inside "ningún".
// It returns -1 when there is no match.
func (f *finder) index(needle []rune, from int, boundaries bool) int {
	n := len(needle)
	if n == 0 || from < 0 || from+n > len(f.r) {
		return -1
	}
	ns := string(needle)
	for b := f.off[from]; b <= len(f.s); {
		k := strings.Index(f.s[b:], ns)
		if k < 0 {
			return -1
		}
		i, exact := slices.BinarySearch(f.off, b+k)
		if !exact || i+n > len(f.r) {
			// Valid UTF-8 cannot match inside a rune; this guards the
			// invariant rather than a case that happens.
			b = b + k + 1
			continue
		}
		ok := !boundaries ||
			!(isWordRune(needle[0]) && i > 0 && isWordRune(f.r[i-1])) &&
				!(isWordRune(needle[n-1]) && i+n < len(f.r) && isWordRune(f.r[i+n]))
		if ok {
			return i
		}
		b = f.off[i+1]
	}
	return -1
}

// span maps the folded range [i, j) back to a span of the NFC text.
func (f folded) span(i, j int) Span {
	return Span{Start: f.origin[i], End: f.origin[j-1] + 1}
}

// containsTerm reports whether the folded term occurs in the finder's folded
// text on word boundaries, also accepting a plural s/es on the term's last
// word ("gobierno" matches "gobiernos"). One finder serves every term
// looked up in the same text.
func (f *finder) containsTerm(term string) bool {
	if term == "" {
		return false
	}
	hay, needle := f.r, []rune(term)
	for from := 0; ; {
		i := f.index(needle, from, false)
		if i < 0 {
			return false
		}
		from = i + 1
		if i > 0 && isWordRune(hay[i-1]) && isWordRune(needle[0]) {
			continue
		}
		if !isWordRune(needle[len(needle)-1]) {
			return true
		}
		rest := hay[i+len(needle):]
		switch {
		case len(rest) == 0 || !isWordRune(rest[0]):
			return true
		case rest[0] == 's' && (len(rest) == 1 || !isWordRune(rest[1])):
			return true
		case len(rest) >= 2 && rest[0] == 'e' && rest[1] == 's' && (len(rest) == 2 || !isWordRune(rest[2])):
			return true
		}
	}
}

// Tokens.

type tokKind uint8

const (
	tkWord tokKind = iota
	tkNumber
	tkPunct
)

// token is a word, a number (digits with their separators and an ordinal
// suffix) or one punctuation rune.
type token struct {
	kind       tokKind
	text       string // as written
	key        string // folded: lower case, no diacritics, quotes folded
	start, end int    // rune offsets in the tokenized text
	lineBreak  bool   // a line break stands between this token and the previous one
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// spaceGroup reports whether r is a space used to group thousands ("40 000"):
// the no-break and thin spaces typographers use for that.
func spaceGroup(r rune) bool { return r == '\u00A0' || r == '\u202F' || r == '\u2009' }

// ordinalSuffixes are the letters that may follow digits in an ordinal or a
// plural of a number (1st, 3rd, 1er, 2do, 1990s).
var ordinalSuffixes = map[string]bool{
	"st": true, "nd": true, "rd": true, "th": true, "s": true,
	"er": true, "ero": true, "era": true, "ro": true, "ra": true, "do": true, "da": true,
	"to": true, "ta": true, "vo": true, "va": true, "no": true, "na": true, "mo": true, "ma": true,
	"o": true, "a": true, "os": true, "as": true,
}

// tokenize splits NFC runes into tokens. It is deliberately small: enough to
// find words, numbers and clause punctuation in a quote or a source.
func tokenize(rs []rune) []token {
	var toks []token
	lineBreak := false
	emit := func(kind tokKind, i, j int) {
		text := string(rs[i:j])
		k := text
		if kind != tkPunct && !foldsToItself(rs[i:j]) {
			k = foldWord(rs[i:j])
		}
		toks = append(toks, token{kind: kind, text: text, key: k, start: i, end: j, lineBreak: lineBreak})
		lineBreak = false
	}
	n := len(rs)
	for i := 0; i < n; {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
				lineBreak = true
			}
			i++
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			j := i + 1
			for j < n {
				if unicode.IsLetter(rs[j]) || unicode.Is(unicode.Mn, rs[j]) {
					j++
					continue
				}
				// An apostrophe between letters belongs to the word: don't, Mexico’s.
				if isApostrophe(rs[j]) && j+1 < n && unicode.IsLetter(rs[j+1]) {
					j += 2
					continue
				}
				break
			}
			emit(tkWord, i, j)
			i = j
		case unicode.IsDigit(r):
			j := scanNumber(rs, i)
			emit(tkNumber, i, j)
			i = j
		default:
			emit(tkPunct, i, i+1)
			i++
		}
	}
	return toks
}

// scanNumber returns the end of the number starting at rs[i]: digits, groups
// joined by . , or a grouping space, a clock time (10:30), and an ordinal
// suffix (1st, 1.º, 3er).
func scanNumber(rs []rune, i int) int {
	n := len(rs)
	digitsFrom := func(k int) int {
		for k < n && unicode.IsDigit(rs[k]) {
			k++
		}
		return k
	}
	j := digitsFrom(i)
	// Clock time: one or two digits, a colon, exactly two digits.
	if j-i <= 2 && j < n && rs[j] == ':' {
		if k := digitsFrom(j + 1); k-(j+1) == 2 {
			return k
		}
	}
	for j < n {
		r := rs[j]
		if (r == '.' || r == ',') && j+1 < n && unicode.IsDigit(rs[j+1]) {
			j = digitsFrom(j + 1)
			continue
		}
		if spaceGroup(r) && j+1 < n && unicode.IsDigit(rs[j+1]) {
			if k := digitsFrom(j + 1); k-(j+1) == 3 {
				j = k
				continue
			}
		}
		break
	}
	// Ordinal marks: 1º 1ª 1.º 40°.
	if j < n && (rs[j] == 'º' || rs[j] == 'ª' || rs[j] == '°') {
		return j + 1
	}
	if j+1 < n && rs[j] == '.' && (rs[j+1] == 'º' || rs[j+1] == 'ª') {
		return j + 2
	}
	// Letter suffixes: only known ones, and only when the letters end there,
	// so "4T" yields 4 and the word "T".
	k := j
	for k < n && unicode.IsLetter(rs[k]) {
		k++
	}
	if k > j && ordinalSuffixes[strings.ToLower(string(rs[j:k]))] {
		return k
	}
	return j
}

// isCapitalised reports whether t is a word that starts with a capital.
func isCapitalised(t token) bool {
	if t.kind != tkWord {
		return false
	}
	for _, r := range t.text {
		return unicode.IsUpper(r)
	}
	return false
}

// words returns the word and number tokens of toks.
func words(toks []token) []token {
	out := make([]token, 0, len(toks))
	for _, t := range toks {
		if t.kind != tkPunct {
			out = append(out, t)
		}
	}
	return out
}

// Boundaries.

func isSentenceEndRune(r rune) bool {
	return r == '.' || r == '?' || r == '!' || r == '…' || r == '。' || r == '？' || r == '！'
}

// isSentenceEnd reports whether rs[i] ends a sentence: a terminator followed
// by the end, a space, a closing quotation mark or bracket. A dot inside
// "40.000" or "EE.UU." is not followed by a space and so does not end one.
func isSentenceEnd(rs []rune, i int) bool {
	if !isSentenceEndRune(rs[i]) {
		return false
	}
	// The look-ahead is bounded so that a run of dots or quotation marks
	// cannot make boundary searches quadratic.
	for k := i + 1; k < len(rs) && k <= i+8; k++ {
		r := rs[k]
		if unicode.IsSpace(r) {
			return true
		}
		if _, q := foldQuote(r); q || r == ')' || r == ']' || isSentenceEndRune(r) {
			continue
		}
		return false
	}
	return true
}

// isParagraphBreak reports whether a blank line starts at rs[i]. Only a
// line of at most a few dozen spaces counts as blank, which bounds the work.
func isParagraphBreak(rs []rune, i int) bool {
	if rs[i] != '\n' {
		return false
	}
	for k := i + 1; k < len(rs) && k <= i+64; k++ {
		if rs[k] == '\n' {
			return true
		}
		if !unicode.IsSpace(rs[k]) {
			return false
		}
	}
	return false
}

// sentenceAround returns the sentence of rs that contains [a, b): from after
// the last sentence end or paragraph break before a, to the first sentence
// end (inclusive) or paragraph break at or after b.
func sentenceAround(rs []rune, a, b int) (int, int) {
	s := 0
	for k := a - 1; k >= 0; k-- {
		if isSentenceEnd(rs, k) || isParagraphBreak(rs, k) {
			s = k + 1
			break
		}
	}
	e := len(rs)
	for k := max(b-1, a); k < len(rs); k++ {
		if k >= b && isParagraphBreak(rs, k) {
			e = k
			break
		}
		// The quote itself may end with the sentence's terminator.
		if k >= b-1 && isSentenceEnd(rs, k) {
			e = k + 1
			break
		}
	}
	return s, max(e, b)
}

// paragraphAround returns the paragraph (text between blank lines) that
// contains [a, b).
func paragraphAround(rs []rune, a, b int) (int, int) {
	s := 0
	for k := a - 1; k >= 0; k-- {
		if isParagraphBreak(rs, k) {
			s = k + 1
			break
		}
	}
	e := len(rs)
	for k := b; k < len(rs); k++ {
		if isParagraphBreak(rs, k) {
			e = k
			break
		}
	}
	return s, e
}

// isClauseBoundary reports whether r separates clauses inside a sentence.
func isClauseBoundary(r rune) bool {
	switch r {
	case ',', ';', ':', '(', ')', '[', ']', '—', '–', '¿', '¡', '?', '!', '.', '…', '\n':
		return true
	}
	return false
}

// Languages.

// baseLang returns the primary language subtag of a BCP 47 tag ("es-MX" →
// "es"), or "" when the tag is empty or unparsable.
func baseLang(tag string) string {
	tag = strings.TrimSpace(tag)
	if tag == "" {
		return ""
	}
	if b, _, ok := simpleTag(tag); ok {
		return b
	}
	t, err := language.Parse(tag)
	if err != nil {
		if i := strings.IndexAny(tag, "-_"); i > 0 {
			return strings.ToLower(tag[:i])
		}
		return strings.ToLower(tag)
	}
	b, _ := t.Base()
	return b.String()
}

// simpleTag splits the tags newsrooms write ("es", "es-MX", "es_419",
// "en") without parsing them in full, which cost more than a check: a
// primary subtag of two letters and an optional region of two letters or
// three digits. ok is false for anything else.
func simpleTag(tag string) (base, reg string, ok bool) {
	lower := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if c := s[i] | 0x20; c < 'a' || c > 'z' {
				return false
			}
		}
		return true
	}
	b, r, hasRegion := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	if len(b) != 2 || !lower(b) || b == "iw" || b == "in" || b == "ji" || b == "jw" || b == "mo" || b == "sh" || b == "tl" || b == "no" {
		return "", "", false // deprecated codes that Parse maps to others
	}
	b = strings.ToLower(b)
	if !hasRegion {
		return b, "", true
	}
	switch {
	case len(r) == 2 && lower(r):
		return b, strings.ToUpper(r), true
	case len(r) == 3 && r[0] >= '0' && r[0] <= '9' && r[1] >= '0' && r[1] <= '9' && r[2] >= '0' && r[2] <= '9':
		return b, r, true
	}
	return "", "", false
}

// region returns the region subtag of tag when it is stated ("es-MX" → "MX").
func region(tag string) string {
	if _, r, ok := simpleTag(strings.TrimSpace(tag)); ok {
		return r
	}
	t, err := language.Parse(strings.TrimSpace(tag))
	if err != nil {
		return ""
	}
	r, conf := t.Region()
	if conf != language.Exact {
		return ""
	}
	return r.String()
}
