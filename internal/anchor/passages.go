package anchor

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Passage is a quoted passage of an article body.
type Passage struct {
	Start, End  int    // code points of the NFC body, of the quoted text without the quotation marks
	Text        string // the NFC body between Start and End
	Open, Close string // the marks used (Close is "" for dialogue and for a quote left unclosed)
	Depth       int    // 0 outer, 1 nested (inside another passage), …
	Short       bool   // one to three words: probably not a quotation ("terrorist organizations")
}

// closersOf maps every mark that can open a passage to the marks that can
// close it. “ opens in English and closes „ in German, » closes « in French
// and opens »…« in German: the role of such a mark is decided by what is
// open and by its flanking (see DetectPassages). ’ is missing on purpose:
// it is the apostrophe, and an opening single quote is ‘.
var closersOf = map[rune]string{
	'"': `"`, '\'': `'`,
	'“': "”", '„': "“”", '”': "”",
	'‘': "’", '‚': "‘’",
	'«': "»", '»': "«»", '‹': "›", '›': "‹›",
	'「': "」", '『': "』", '｢': "｣", '﹁': "﹂", '﹃': "﹄", '〝': "〞〟",
}

// passageMarks are all the marks DetectPassages looks at.
var passageMarks = func() map[rune]bool {
	m := map[rune]bool{}
	for o, cs := range closersOf {
		m[o] = true
		for _, c := range cs {
			m[c] = true
		}
	}
	return m
}()

// isPassageMark reports whether DetectPassages looks at r. It runs on every
// code point of a body, so the ASCII bulk is answered without the map: " and '
// are the only ASCII marks.
func isPassageMark(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '"' || r == '\''
	}
	return passageMarks[r]
}

// isBracketMark reports whether r is a CJK corner bracket or similar mark
// whose direction is never in doubt and needs no flanking test.
func isBracketMark(r rune) bool {
	return strings.ContainsRune("「」『』｢｣﹁﹂﹃﹄〝〞〟", r)
}

// isSingleMark reports whether r is a single quotation mark. Unclosed single
// marks are dropped at the end of a paragraph: most are apostrophes.
func isSingleMark(r rune) bool { return strings.ContainsRune("'‘’‚‹›", r) }

// isGuillemet reports whether r is an angle quotation mark, which French
// separates from the quoted text by a (no-break) space.
func isGuillemet(r rune) bool { return strings.ContainsRune("«»‹›", r) }

// isDialogueDash reports whether r introduces dialogue or a narrator's aside
// in Spanish and Portuguese typography.
func isDialogueDash(r rune) bool { return r == '—' || r == '―' }

// dialogueLangs are the languages whose dialogue is set with em dashes.
// English is not among them: there a paragraph opening with a dash is an
// attribution ("— Mark Twain").
var dialogueLangs = map[string]bool{"es": true, "pt": true, "ca": true, "gl": true}

// englishElisions are words that start with an apostrophe in English ('em,
// 'tis), which a straight or left single quote must not open a passage for.
var englishElisions = []string{"em", "tis", "twas", "cause", "til"}

// DetectPassages finds the quoted passages of an article body written in
// lang (a BCP 47 tag), sorted by Start, nested ones included.
//
// Marks are paired with a stack per paragraph. A mark whose direction the
// mark itself does not tell (" ' “ ‘ « ») is classified by its flanking, as
// CommonMark's smart punctuation does: left-flanking (followed by a word, or
// by punctuation after a space) can open, right-flanking can close; a closer
// closes the innermost open passage it matches. Inner spaces of guillemets
// (French « … ») are skipped for the test and trimmed from the passage.
// Apostrophes are not marks: a quote between two letters (Mexico's, don't,
// o'clock), ’ anywhere (’90s), a quote before two digits ('90s), ’n’ (rock
// ’n’ roll) and, in English, 'em, 'tis, 'twas, 'cause, 'til. A closing
// single quote after an s followed by a word (the students’ union) closes
// only when no later mark in the paragraph can close the same passage.
//
// Paragraphs are separated by blank lines, or by every line break when the
// body has no blank line. A passage open at the end of a paragraph
// continues when the next paragraph starts with the same opening mark (the
// English convention for quotes of several paragraphs); otherwise a double
// mark's passage ends with its paragraph (Close "") and a single mark is
// taken for an apostrophe. In Spanish, Portuguese, Catalan and Galician, a
// paragraph starting with an em dash is dialogue: a passage from after the
// dash to the next " —" (the narrator's aside) or the paragraph end, and
// again after the aside's closing dash.
//
// Text never includes the marks, surrounding whitespace, or one final comma
// or full stop (, . ， 。) inside the closing mark: "We don't want
// intervention," yields "We don't want intervention", which is what the
// translation is compared with. Passages that would cross another one are
// dropped, so passages are either disjoint or nested.
func DetectPassages(body string, lang string) []Passage {
	d := &detector{rs: []rune(NFC(body)), lang: PrimaryLang(lang)}
	paras := paragraphs(d.rs)
	skip := -1
	for i, p := range paras {
		d.dialogue(p)
		d.scan(p, skip)
		skip = -1
		if len(d.stack) == 0 {
			continue
		}
		outer := d.stack[0]
		if i+1 < len(paras) {
			if f := firstNonSpace(d.rs, paras[i+1]); f >= 0 && continues(outer.mark, d.rs[f]) {
				d.stack = d.stack[:1]
				skip = f
				continue
			}
		}
		if !isSingleMark(outer.mark) {
			d.add(outer.pos+1, p.b, string(outer.mark), "")
		}
		d.stack = nil
	}
	return nest(d.out)
}

type opener struct {
	pos  int
	mark rune
}

type detector struct {
	rs    []rune
	lang  string
	stack []opener
	out   []Passage
}

// scan pairs the marks of paragraph p; the mark at skip (a continuation
// mark of a multi-paragraph quote) is ignored.
func (d *detector) scan(p span, skip int) {
	rs := d.rs
	for i := p.a; i < p.b; i++ {
		c := rs[i]
		if !isPassageMark(c) || i == skip {
			continue
		}
		prev, next, innerPrev, innerNext := d.neighbours(i, p)
		lf, rf := leftFlanking(prev, innerNext), rightFlanking(innerPrev, next)
		if isSingleMark(c) && !isGuillemet(c) {
			if (c == '\'' || c == '’') && isWordRune(prev) && isWordRune(next) {
				continue // don't, Mexico's, o'clock
			}
			if lf && !rf {
				if n := d.elision(i, p); n > 0 {
					i += n - 1
					continue
				}
			}
		}
		ambiguous := c == '"' || c == '\''
		canClose := isBracketMark(c) || rf || (!ambiguous && !lf)
		if canClose {
			if at := d.openerFor(c); at >= 0 && !d.weakCloser(i, p, at, prev, next) {
				o := d.stack[at]
				d.add(o.pos+1, i, string(o.mark), string(c))
				d.stack = d.stack[:at]
				continue
			}
		}
		if _, ok := closersOf[c]; !ok {
			continue
		}
		canOpen := isBracketMark(c) || lf && (!rf || !ambiguous && c != '”' || isPunctuation(prev))
		if canOpen {
			d.stack = append(d.stack, opener{i, c})
		}
	}
}

// neighbours returns the code points around position i of paragraph p, a
// paragraph edge counting as a space. For a guillemet, innerPrev and
// innerNext look through one space (French « Bonjour »): an opening
// guillemet is judged by what follows its inner space, a closing one by
// what precedes it.
func (d *detector) neighbours(i int, p span) (prev, next, innerPrev, innerNext rune) {
	at := func(j int) rune {
		if j < p.a || j >= p.b {
			return ' '
		}
		return d.rs[j]
	}
	prev, next = at(i-1), at(i+1)
	innerPrev, innerNext = prev, next
	if isGuillemet(d.rs[i]) {
		if unicode.IsSpace(prev) && !unicode.IsSpace(at(i-2)) {
			innerPrev = at(i - 2)
		}
		if unicode.IsSpace(next) && !unicode.IsSpace(at(i+2)) {
			innerNext = at(i + 2)
		}
	}
	return prev, next, innerPrev, innerNext
}

// elision returns how many code points starting at the single mark i, in
// an opening position, form an apostrophe pattern rather than an opening
// quote, or 0. (’ in that position needs no pattern: it never opens.)
func (d *detector) elision(i int, p span) int {
	rs := d.rs
	at := func(j int) rune {
		if j >= p.b {
			return ' '
		}
		return rs[j]
	}
	if rs[i] == '‚' {
		return 0 // German low-9 quote, never an apostrophe
	}
	if (at(i+1) == 'n' || at(i+1) == 'N') && (at(i+2) == '\'' || at(i+2) == '’') && !isWordRune(at(i+3)) {
		return 3 // rock ’n’ roll
	}
	if unicode.IsDigit(at(i+1)) && unicode.IsDigit(at(i+2)) && !unicode.IsDigit(at(i+3)) {
		return 1 // '90s
	}
	if d.lang == "en" {
		for _, w := range englishElisions {
			end := i + 1 + len(w)
			if end <= p.b && strings.EqualFold(string(rs[i+1:end]), w) && !isWordRune(at(end)) {
				return 1
			}
		}
	}
	return 0
}

// openerFor returns the stack index of the innermost open passage that c
// can close, or -1. Openers above it are left unclosed and dropped.
func (d *detector) openerFor(c rune) int {
	for j := len(d.stack) - 1; j >= 0; j-- {
		if strings.ContainsRune(closersOf[d.stack[j].mark], c) {
			return j
		}
	}
	return -1
}

// weakCloser reports whether the single quote at i, which would close the
// passage opened by d.stack[at], is more likely a plural possessive (the
// students’ union) than a closing mark: it follows an s, a word follows it,
// and another mark later in the paragraph can close that passage before
// anything closes a passage around it.
func (d *detector) weakCloser(i int, p span, at int, prev, next rune) bool {
	rs, c := d.rs, d.rs[i]
	if c != '’' && c != '\'' || prev != 's' && prev != 'S' || !unicode.IsSpace(next) {
		return false
	}
	if i+2 >= p.b || !unicode.IsLetter(rs[i+2]) {
		return false
	}
	for j := i + 1; j < p.b; j++ {
		inWord := isWordRune(rs[j-1]) && j+1 < p.b && isWordRune(rs[j+1])
		if rs[j] == c && !unicode.IsSpace(rs[j-1]) && !inWord {
			return true
		}
		for _, o := range d.stack[:at] {
			if rs[j] != c && strings.ContainsRune(closersOf[o.mark], rs[j]) {
				return false
			}
		}
	}
	return false
}

// dialogue adds the passages of paragraph p if it is em-dash dialogue.
func (d *detector) dialogue(p span) {
	f := firstNonSpace(d.rs, p)
	if !dialogueLangs[d.lang] || f < 0 || !isDialogueDash(d.rs[f]) {
		return
	}
	rs, dash := d.rs, string(d.rs[f])
	for i := f + 1; i < p.b; {
		end := i
		for end < p.b && !(isDialogueDash(rs[end]) && end > i && unicode.IsSpace(rs[end-1])) {
			end++
		}
		d.add(i, end, dash, "")
		// The narrator's aside runs to the next dash; speech resumes
		// after it and its punctuation ("—dijo—. Es nuestra…").
		k := end + 1
		for k < p.b && !isDialogueDash(rs[k]) {
			k++
		}
		i = k + 1
		for i < p.b && (unicode.IsSpace(rs[i]) || strings.ContainsRune(".,;:", rs[i])) {
			i++
		}
	}
}

// add records the passage between a and b, trimmed of whitespace and of
// one final comma or full stop (not the last dot of an ellipsis).
func (d *detector) add(a, b int, open, close string) {
	rs := d.rs
	trim := func() {
		for a < b && unicode.IsSpace(rs[a]) {
			a++
		}
		for b > a && unicode.IsSpace(rs[b-1]) {
			b--
		}
	}
	trim()
	if b > a && strings.ContainsRune(",.，。", rs[b-1]) && !(b-2 >= a && rs[b-2] == '.') {
		b--
		trim()
	}
	if a == b {
		return
	}
	text := string(rs[a:b])
	d.out = append(d.out, Passage{Start: a, End: b, Text: text, Open: open, Close: close, Short: wordCount(text) <= 3})
}

// nest sorts passages by Start (outer first), drops any that crosses one
// already kept, and sets Depth to the number of passages containing each.
func nest(ps []Passage) []Passage {
	slices.SortStableFunc(ps, func(x, y Passage) int {
		return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(y.End, x.End))
	})
	var out []Passage
	var open []int // ends of the kept passages containing the current position
	for _, p := range ps {
		for len(open) > 0 && open[len(open)-1] <= p.Start {
			open = open[:len(open)-1]
		}
		if len(open) > 0 && p.End > open[len(open)-1] {
			continue // crosses its container
		}
		p.Depth = len(open)
		out = append(out, p)
		open = append(open, p.End)
	}
	return out
}

// wordCount counts words for Passage.Short: runs of letters and digits
// (an apostrophe or hyphen inside a word does not split it), each Han, kana
// or similar ideographic code point counting as one word since those
// scripts do not separate words by spaces.
func wordCount(s string) int {
	n, inWord := 0, false
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			n++
			inWord = false
		case isWordRune(r):
			if !inWord {
				n++
			}
			inWord = true
		case inWord && (r == '\'' || r == '’' || r == '-'):
		default:
			inWord = false
		}
	}
	return n
}

// paragraphs splits text into paragraphs: runs of non-blank lines when the
// text has a blank line (or a U+2029 paragraph separator), else its lines.
func paragraphs(rs []rune) []span {
	var lines []span
	hard := map[int]bool{} // index in lines of a line ended by U+2029
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && !isLineBreak(rs[i]) {
			continue
		}
		lines = append(lines, span{start, i})
		if i < len(rs) && rs[i] == '\u2029' {
			hard[len(lines)-1] = true
		}
		if i+1 < len(rs) && rs[i] == '\r' && rs[i+1] == '\n' {
			i++
		}
		start = i + 1
	}
	blank := func(l span) bool { return firstNonSpace(rs, l) < 0 }
	byBlank := len(hard) > 0
	for _, l := range lines {
		byBlank = byBlank || blank(l)
	}
	var out []span
	for i, l := range lines {
		switch {
		case blank(l):
		case byBlank && len(out) > 0 && !blank(lines[i-1]) && !hard[i-1]:
			out[len(out)-1].b = l.b
		default:
			out = append(out, l)
		}
	}
	return out
}

// isLineBreak reports whether r ends a line (Unicode's mandatory breaks).
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// firstNonSpace returns the position of the first non-space code point of
// p, or -1.
func firstNonSpace(rs []rune, p span) int {
	for i := p.a; i < p.b; i++ {
		if !unicode.IsSpace(rs[i]) {
			return i
		}
	}
	return -1
}

// continues reports whether a paragraph starting with mark c continues a
// passage opened by o in the previous paragraph. Spanish and French also
// open continued paragraphs of a «…» quote with ».
func continues(o, c rune) bool {
	if isSingleMark(o) {
		return false
	}
	return c == o || o == '"' && c == '“' || o == '“' && c == '"' || o == '«' && c == '»'
}

// leftFlanking and rightFlanking follow CommonMark: a mark is left-flanking
// when it is followed by a non-space and, if that is punctuation, preceded
// by a space or punctuation; right-flanking symmetrically.
func leftFlanking(prev, next rune) bool {
	return !unicode.IsSpace(next) && (!isPunctuation(next) || unicode.IsSpace(prev) || isPunctuation(prev))
}

func rightFlanking(prev, next rune) bool {
	return !unicode.IsSpace(prev) && (!isPunctuation(prev) || unicode.IsSpace(next) || isPunctuation(next))
}

func isPunctuation(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }
