package cotejo_test

import (
	"strconv"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// TestCheckTextRefusesWhatARoundTripLoses: control characters other than
// tab and line breaks, and noncharacters, are refused with the character
// and its place (counted as offsets are: code points of the stored form,
// so a decomposed accent before it counts once and CR LF once); everything
// a newsroom writes passes.
func TestCheckTextRefusesWhatARoundTripLoses(t *testing.T) {
	for _, c := range []struct {
		in        string
		character string
		offset    int
	}{
		{"We don't\vwant", "U+000B", 8},
		{"\x01", "U+0001", 0},
		{"a\x00b", "U+0000", 1},
		{"page\fbreak", "U+000C", 4},
		{"del\x7f", "U+007F", 3},
		{"next\u0085line", "U+0085", 4},
		{"Cafe\u0301 \u009b", "U+009B", 5},
		{"line\r\nnext\x1b", "U+001B", 9},
		{"end\uFFFE", "U+FFFE", 3},
		{"end\uFFFF", "U+FFFF", 3},
		{"\uFDD0", "U+FDD0", 0},
		{"\uFDEF", "U+FDEF", 0},
		{"astral \U0001FFFE", "U+1FFFE", 7},
		{"\U0010FFFF", "U+10FFFF", 0},
	} {
		err := cotejo.CheckText("rendering.text", c.in)
		e := cotejo.AsError(err)
		if e == nil || e.Code != cotejo.CodeInvalid || e.Field != "rendering.text" {
			t.Errorf("%q: %v, want an invalid rendering.text", c.in, err)
			continue
		}
		d, ok := e.Details.(cotejo.BadCharacter)
		if !ok || d.Character != c.character || d.Offset != c.offset {
			t.Errorf("%q: details %#v, want %s at %d", c.in, e.Details, c.character, c.offset)
		}
		want := c.character + " at character " + strconv.Itoa(c.offset+1) + " of rendering.text"
		if len(e.Message) < len(want) || e.Message[:len(want)] != want {
			t.Errorf("%q: message %q, want it to start %q", c.in, e.Message, want)
		}
	}
	for _, ok := range []string{
		"", "tab\there", "line\nnext", "crlf\r\nnext", "lone\rcr", "¿Qué? «No» — “sí”", "\u00a0nbsp", "sep\u2028arator",
		"Cafe\u0301", "emoji 🇲🇽 👩🏽‍💼", "\ufeffbom", "private \ue000", "العربية", "\ufffd replacement", "\U0010FFFD", "\uFDCF\uFDF0",
	} {
		if err := cotejo.CheckText("text", ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
}

// TestLineBreaksAreStoredAsLF: a CR LF pair or a lone CR, from a form or
// an API client, is stored as one LF, in every text.
func TestLineBreaksAreStoredAsLF(t *testing.T) {
	a := cotejo.Article{Headline: "h", Body: "one\r\ntwo\rthree\n", Language: "en"}
	mustNormalize(t, &a)
	if a.Body != "one\ntwo\nthree\n" {
		t.Fatalf("body %q", a.Body)
	}
	s := cotejo.Source{Title: "t", Kind: cotejo.KindTranscript, Language: "es", Text: "PREGUNTA:\r\n¿Y?\r"}
	s.Normalize()
	q := cotejo.Quote{Original: cotejo.LangText{Text: "a\r\nb", Lang: "es"}, Rendering: cotejo.LangText{Text: "c\rd", Lang: "en"}, EvidenceNote: "x\r\ny"}
	q.Normalize()
	c := cotejo.Comment{Body: "hola\r\n@ana"}
	c.Normalize()
	if s.Text != "PREGUNTA:\n¿Y?\n" || q.Original.Text != "a\nb" || q.Rendering.Text != "c\nd" || q.EvidenceNote != "x\ny" || c.Body != "hola\n@ana" {
		t.Fatalf("%q %q %q %q %q", s.Text, q.Original.Text, q.Rendering.Text, q.EvidenceNote, c.Body)
	}
}
