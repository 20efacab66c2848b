// Package transcript reads the speaker turns of a press-conference
// transcript: the labels such as "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM
// PARDO:" or "PREGUNTA:" that open each turn, who speaks, and where.
//
// Offsets count code points of the text as given (callers pass NFC text),
// end exclusive.
package transcript

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Turn is one speaker's turn: the label at [LabelStart, Start) and the words
// said at [Start, End).
type Turn struct {
	LabelStart, Start, End int
	Label                  string // the label without its colon
	Speaker                string // the name in the label, or the label itself
	Role                   string // the office before the name ("PRESIDENTA DE MÉXICO"), if any
	Question               bool   // a reporter's turn (PREGUNTA, INTERLOCUTOR, INTERLOCUTORA)
}

// Turns returns the labelled turns of text in order. Text before the first
// label is not a turn.
func Turns(text string) []Turn {
	rs := []rune(text)
	var out []Turn
	lineStart := 0
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && rs[i] != '\n' {
			continue
		}
		if lt, ok := label(rs, lineStart, i); ok {
			if n := len(out); n > 0 {
				out[n-1].End = trimEnd(rs, out[n-1].Start, lt.LabelStart)
			}
			out = append(out, lt)
		}
		lineStart = i + 1
	}
	if n := len(out); n > 0 {
		out[n-1].End = trimEnd(rs, out[n-1].Start, len(rs))
	}
	return out
}

func trimEnd(rs []rune, start, end int) int {
	for end > start && unicode.IsSpace(rs[end-1]) {
		end--
	}
	return end
}

// label reads a speaker label at the start of the line [a, b).
func label(rs []rune, a, b int) (Turn, bool) {
	for a < b && unicode.IsSpace(rs[a]) {
		a++
	}
	colon := -1
	for i := a; i < b && i < a+120; i++ {
		if rs[i] == ':' {
			colon = i
			break
		}
	}
	if colon <= a {
		return Turn{}, false
	}
	lab := string(rs[a:colon])
	letters := 0
	for _, r := range lab {
		if unicode.IsLower(r) {
			return Turn{}, false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 3 {
		return Turn{}, false
	}
	start := colon + 1
	for start < b && (rs[start] == ' ' || rs[start] == '\t') {
		start++
	}
	t := Turn{LabelStart: a, Start: start, Label: strings.TrimSpace(lab)}
	if i := strings.LastIndex(t.Label, ","); i >= 0 {
		t.Role = strings.TrimSpace(t.Label[:i])
		t.Speaker = strings.TrimSpace(t.Label[i+1:])
	} else {
		t.Speaker = t.Label
	}
	switch t.Label {
	case "PREGUNTA", "INTERLOCUTOR", "INTERLOCUTORA", "PREGUNTA FUERA DE MICRÓFONO":
		t.Question = true
	}
	return t, true
}

// At returns the index of the turn that holds offset, or -1.
func At(turns []Turn, offset int) int {
	for i, t := range turns {
		if offset >= t.LabelStart && offset < t.End {
			return i
		}
	}
	return -1
}

// SameSpeaker reports whether name ("Sheinbaum", "Claudia Sheinbaum")
// names the speaker of turn: every word of name is a word of its label.
func SameSpeaker(name string, turn Turn) bool {
	words := fields(name)
	if len(words) == 0 {
		return false
	}
	have := map[string]bool{}
	for _, w := range fields(turn.Label) {
		have[w] = true
	}
	for _, w := range words {
		if !have[w] {
			return false
		}
	}
	return true
}

func fields(s string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.FieldsFunc(b.String(), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
