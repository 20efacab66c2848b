package media

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// checkTranscript holds what every transcript Parse returns promises: NFC
// text, cues in text order inside the text and not overlapping, words inside
// their cues, times in order.
func checkTranscript(t *testing.T, tr *Transcript) {
	t.Helper()
	if !norm.NFC.IsNormalString(tr.Text) || !utf8.ValidString(tr.Text) {
		t.Fatalf("text is not valid NFC: %q", tr.Text)
	}
	n := utf8.RuneCountInString(tr.Text)
	prev := 0
	for i, c := range tr.Cues {
		if c.TextStart < prev || c.TextEnd <= c.TextStart || c.TextEnd > n {
			t.Fatalf("cue %d [%d, %d) out of place (previous end %d, length %d)", i, c.TextStart, c.TextEnd, prev, n)
		}
		if c.End < c.Start || c.End > tr.Duration {
			t.Fatalf("cue %d times %v–%v (duration %v)", i, c.Start, c.End, tr.Duration)
		}
		for _, w := range c.Words {
			if w.TextStart < c.TextStart || w.TextEnd > c.TextEnd || w.TextEnd <= w.TextStart || w.End < w.Start {
				t.Fatalf("cue %d word %+v", i, w)
			}
		}
		prev = c.TextEnd
	}
}

func seed(f *testing.F, files ...string) {
	for _, name := range files {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func fuzzFormat(f *testing.F, format Format) {
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := Parse(format, data)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		checkTranscript(t, tr)
		// Editing the text never breaks the map.
		rs := []rune(tr.Text)
		edited := string(rs[:len(rs)/2]) + " (inaudible) " + string(rs[len(rs)/2:])
		kept, _ := Remap(tr.Text, edited, tr.Cues)
		checkTranscript(t, &Transcript{Text: edited, Cues: kept, Duration: tr.Duration})
	})
}

func FuzzParseWebVTT(f *testing.F) {
	seed(f, "mananera.vtt", "automaticos.vtt")
	f.Add([]byte("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>Hi <00:01.500>there</v>\n"))
	fuzzFormat(f, WebVTT)
}

func FuzzParseSRT(f *testing.F) {
	seed(f, "estenografica.srt")
	f.Add([]byte("1\n00:00:01,000 -->\nHola\n"))
	fuzzFormat(f, SRT)
}

func FuzzParseWhisper(f *testing.F) {
	seed(f, "whisperx.json")
	f.Add([]byte(`[{"start": 1, "end": 2, "text": "a", "words": [{"word": "a", "start": 1, "end": 2}]}]`))
	fuzzFormat(f, Whisper)
}

// FuzzRemap edits a transcript's text in arbitrary ways: the kept cues
// always lie inside the new text, in order, without overlapping.
func FuzzRemap(f *testing.F) {
	b, err := os.ReadFile("testdata/mananera.vtt")
	if err != nil {
		f.Fatal(err)
	}
	tr, err := Parse(WebVTT, b)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(tr.Text)
	f.Add("")
	f.Add("Claudia Sheinbaum: Buenos días.")
	f.Fuzz(func(t *testing.T, text string) {
		text = norm.NFC.String(strings.ToValidUTF8(text, "\uFFFD"))
		kept, lost := Remap(tr.Text, text, tr.Cues)
		if len(kept)+len(lost) != len(tr.Cues) {
			t.Fatalf("kept %d + lost %d ≠ %d cues", len(kept), len(lost), len(tr.Cues))
		}
		checkTranscript(t, &Transcript{Text: text, Cues: kept, Duration: tr.Duration})
	})
}
