package crosslingual

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/cotejo/cotejo/internal/transcript"
)

// Sentence is one sentence of a source, in code points of its NFC text.
type Sentence struct {
	Start, End int
	Turn       int // index into the source's turns, -1 before the first label
}

// abbreviations end with a period that does not end a sentence in Spanish
// transcripts ("el Sr. Ebrard", "la Lic. Pérez", "EE. UU.", "núm. 5"),
// folded and without the period.
var abbreviations = set(`sr sra srta srs sres lic dr dra drs ing mtro mtra prof profa gral gob arq cp
ee núm num no art pág pag fracc col av ud uds dip sen mín max máx cía lic ca aprox tel ext vol
a.c s.a`)

// splitSentences splits the region [a, b) of rs with the Unicode sentence
// rules (UAX #29, as uniseg implements them), then joins back the pieces
// that only a Spanish abbreviation cut, and trims each sentence of spaces.
func splitSentences(rs []rune, a, b, turn int, out []Sentence) []Sentence {
	s := string(rs[a:b])
	state := -1
	pos := a
	pending := -1 // start of a sentence cut after an abbreviation
	for len(s) > 0 {
		var piece string
		piece, s, state = uniseg.FirstSentenceInString(s, state)
		n := utf8.RuneCountInString(piece)
		start, end := pos, pos+n
		pos = end
		if pending >= 0 {
			start = pending
			pending = -1
		}
		if endsWithAbbreviation(rs, start, end) && len(s) > 0 && !strings.HasPrefix(strings.TrimLeft(s, " \t"), "\n") {
			pending = start
			continue
		}
		out = appendSentence(out, rs, start, end, turn)
	}
	if pending >= 0 {
		out = appendSentence(out, rs, pending, b, turn)
	}
	return out
}

// appendSentence appends rs[start:end] without its surrounding spaces,
// when it holds a word.
func appendSentence(out []Sentence, rs []rune, start, end, turn int) []Sentence {
	for start < end && unicode.IsSpace(rs[start]) {
		start++
	}
	for end > start && unicode.IsSpace(rs[end-1]) {
		end--
	}
	if start < end && hasWord(rs[start:end]) {
		out = append(out, Sentence{Start: start, End: end, Turn: turn})
	}
	return out
}

func hasWord(rs []rune) bool {
	for _, r := range rs {
		if isWordRune(r) {
			return true
		}
	}
	return false
}

// endsWithAbbreviation reports whether rs[start:end] ends with "Sr. " and the
// like: a known abbreviation, or a single capital ("J. Ramón").
func endsWithAbbreviation(rs []rune, start, end int) bool {
	e := end
	for e > start && unicode.IsSpace(rs[e-1]) {
		e--
	}
	if e == start || rs[e-1] != '.' {
		return false
	}
	w := e - 1
	for w > start && (isWordRune(rs[w-1]) || rs[w-1] == '.') {
		w--
	}
	word := strings.ToLower(string(rs[w : e-1]))
	if word == "" {
		return false
	}
	if abbreviations[word] {
		return true
	}
	r := []rune(word)
	return len(r) == 1 && unicode.IsUpper(rs[w])
}

// segment returns the turns of the NFC text and its sentences. Speaker
// labels start a new turn and belong to no sentence; text before the first
// label is a turn of its own, without a speaker.
func segment(text string, rs []rune) ([]transcript.Turn, []Sentence) {
	turns := transcript.Turns(text)
	var out []Sentence
	first := len(rs)
	if len(turns) > 0 {
		first = turns[0].LabelStart
	}
	out = splitSentences(rs, 0, first, -1, out)
	for i, t := range turns {
		out = splitSentences(rs, t.Start, t.End, i, out)
	}
	return turns, out
}
