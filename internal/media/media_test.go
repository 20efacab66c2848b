package media

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// cueText is what the text says over a cue.
func cueText(tr *Transcript, c Cue) string { return string([]rune(tr.Text)[c.TextStart:c.TextEnd]) }

type wantCue struct {
	start, end float64
	speaker    string
	text       string
	words      int
}

func parseFile(t *testing.T, f Format, name string) *Transcript {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Parse(f, b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tr
}

// TestParseFiles reads transcripts shaped like those newsrooms get: a
// caption service's WebVTT with voices (a byte order mark, CRLF, cue
// settings, an entity, two cues overlapping in time), a stenographic SRT
// with labels in capitals and dialogue dashes, YouTube's automatic captions
// (roll-up lines, inline word times, lines of spaces), and WhisperX JSON
// with speakers and words it could not align.
func TestParseFiles(t *testing.T) {
	cases := []struct {
		name string
		f    Format
		text string
		cues []wantCue
	}{
		{"mananera.vtt", WebVTT,
			"Claudia Sheinbaum: Buenos días a todas y a todos. No queremos la intervención de ningún gobierno extranjero. Lo digo con toda claridad.\n\n" +
				"Pregunta: ¿Y si la llamada con Washington no resuelve lo de los aranceles?\n\n" +
				"Claudia Sheinbaum: Vamos a seguir dialogando, & con respeto.",
			[]wantCue{
				{1, 4.2, "Claudia Sheinbaum", "Buenos días a todas y a todos.", 0},
				{4.2, 9.8, "Claudia Sheinbaum", "No queremos la intervención de ningún gobierno extranjero.", 0},
				{9.8, 12.5, "Claudia Sheinbaum", "Lo digo con toda claridad.", 0},
				{13, 16.75, "Pregunta", "¿Y si la llamada con Washington no resuelve lo de los aranceles?", 0},
				{16.4, 21, "Claudia Sheinbaum", "Vamos a seguir dialogando, & con respeto.", 0},
			}},
		{"estenografica.srt", SRT,
			"Presidenta de México, Claudia Sheinbaum Pardo: Buenos días. Hoy les vamos a informar sobre el programa de vivienda. Son 186 mil viviendas este año.\n\n" +
				"Pregunta: ¿Cuántas se entregan en Sonora?\n\nUnas doce mil.\n\n¿Este mes?\n\n" +
				"Presidenta de México, Claudia Sheinbaum Pardo: Antes de que termine el año.",
			[]wantCue{
				{0.5, 3, "Presidenta de México, Claudia Sheinbaum Pardo", "Buenos días.", 0},
				{3, 7.25, "Presidenta de México, Claudia Sheinbaum Pardo", "Hoy les vamos a informar sobre el programa de vivienda.", 0},
				{7.25, 10, "Presidenta de México, Claudia Sheinbaum Pardo", "Son 186 mil viviendas este año.", 0},
				{10.5, 13, "Pregunta", "¿Cuántas se entregan en Sonora?", 0},
				{13, 15, "", "Unas doce mil.", 0},
				{13, 15, "", "¿Este mes?", 0},
				{15, 18, "Presidenta de México, Claudia Sheinbaum Pardo", "Antes de que termine el año.", 0},
			}},
		{"automaticos.vtt", WebVTT, "buenos días a todos vamos a empezar",
			[]wantCue{{0, 2.5, "", "buenos días a todos", 4}, {2.51, 5, "", "vamos a empezar", 3}}},
		{"whisperx.json", Whisper,
			"Speaker 00: Buenos días, vamos a informar sobre el litio. Son 2 mil 500 millones de pesos de inversión.\n\nSpeaker 01: ¿Para qué estados?",
			[]wantCue{
				{0.52, 4.1, "Speaker 00", "Buenos días, vamos a informar sobre el litio.", 8},
				{4.3, 7.9, "Speaker 00", "Son 2 mil 500 millones de pesos de inversión.", 6},
				{8.2, 10, "Speaker 01", "¿Para qué estados?", 0},
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := parseFile(t, c.f, c.name)
			if tr.Text != c.text {
				t.Errorf("text:\n%q\nwant\n%q", tr.Text, c.text)
			}
			if len(tr.Cues) != len(c.cues) {
				t.Fatalf("%d cues, want %d: %+v", len(tr.Cues), len(c.cues), tr.Cues)
			}
			for i, w := range c.cues {
				g := tr.Cues[i]
				if g.Start != w.start || g.End != w.end || g.Speaker != w.speaker || cueText(tr, g) != w.text || len(g.Words) != w.words {
					t.Errorf("cue %d: %v–%v %q %q (%d words), want %+v", i, g.Start, g.End, g.Speaker, cueText(tr, g), len(g.Words), w)
				}
				for _, wd := range g.Words {
					if wd.TextStart < g.TextStart || wd.TextEnd > g.TextEnd || wd.Start < g.Start || wd.End > g.End {
						t.Errorf("cue %d: word %+v outside its cue %+v", i, wd, g)
					}
				}
			}
			if last := c.cues[len(c.cues)-1]; tr.Duration < last.end {
				t.Errorf("duration %v", tr.Duration)
			}
		})
	}
}

// TestWordTimes: the words of automatic captions and of Whisper keep their
// own times, and a word Whisper could not align has none.
func TestWordTimes(t *testing.T) {
	tr := parseFile(t, WebVTT, "automaticos.vtt")
	w := tr.Cues[0].Words[1]
	if got := string([]rune(tr.Text)[w.TextStart:w.TextEnd]); got != "días" || w.Start != 0.4 || w.End != 0.9 {
		t.Errorf("second word: %q %v–%v", got, w.Start, w.End)
	}
	wx := parseFile(t, Whisper, "whisperx.json")
	var words []string
	for _, w := range wx.Cues[1].Words {
		words = append(words, string([]rune(wx.Text)[w.TextStart:w.TextEnd]))
	}
	if got := strings.Join(words, "|"); got != "Son|millones|de|pesos|de|inversión." {
		t.Errorf("timed words of the second segment: %s", got)
	}
}

// TestParseErrors: a file Cotejo cannot read is refused with the line at
// fault, and nothing half-read comes back.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, in string
		f        Format
		line     int
		says     string
	}{
		{"vtt without header", "1\n00:00:01.000 --> 00:00:02.000\nHola\n", WebVTT, 1, "WEBVTT"},
		{"vtt cue without end", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHola\n\n00:00:03.000 -->\nAdiós\n", WebVTT, 6, "end time"},
		{"vtt bad time code", "WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\nHola\r\n\r\n00:00:0x.000 --> 00:00:04.000\r\nAdiós\r\n", WebVTT, 6, "0x"},
		{"vtt ends before it starts", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHola\n\nNOTE a note with --> in it\n\n00:00:09.000 --> 00:00:04.000\nAdiós\n", WebVTT, 8, "before it starts"},
		{"vtt no cue", "WEBVTT\n\nNOTE nothing here\n", WebVTT, 0, "no cue"},
		{"vtt only empty cues", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<c></c>\n", WebVTT, 0, "no cue with text"},
		{"srt cue without end", "\ufeff1\r\n00:00:01,000 --> 00:00:02,000\r\nHola\r\n\r\n2\r\n00:00:03,000 -->\r\nAdiós\r\n", SRT, 6, "end time"},
		{"srt bad time code", "1\n00:00:01,000 --> 00:00:02,000\nHola\n\n2\n00:00:03;000 --> 00:00:04,000\nAdiós\n", SRT, 6, "00:00:03;000"},
		{"srt ends before it starts", "1\n00:01:01,000 --> 00:00:02,000\nHola\n", SRT, 2, "before it starts"},
		{"srt empty", "", SRT, 0, "no cue"},
		{"whisper syntax", "{\n  \"segments\": [\n    {\"start\": 1, \"end\": 2, \"text\": \"Hola\"},\n    {\"start\": 3 \"end\": 4}\n  ]\n}", Whisper, 4, "not valid JSON"},
		{"whisper missing end", "{\"segments\": [\n {\"start\": 1, \"end\": 2, \"text\": \"Hola\"},\n {\"start\": 3, \"text\": \"Adiós\"}\n]}", Whisper, 3, "\"end\""},
		{"whisper wrong type", "{\"segments\": [\n {\"start\": \"00:01\", \"end\": 2, \"text\": \"Hola\"}\n]}", Whisper, 2, "wrong type"},
		{"whisper not segments", "{\"text\": \"Hola\"}", Whisper, 0, "segments"},
		{"whisper negative", "[{\"start\": -1, \"end\": 2, \"text\": \"Hola\"}]", Whisper, 1, "not a time"},
		{"whisper cut short", "{\"segments\": [\n{\"start\": 1,", Whisper, 2, "ends too early"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, err := Parse(c.f, []byte(c.in))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, %+v; want a ParseError", err, tr)
			}
			if pe.Line != c.line || !strings.Contains(pe.Msg, c.says) {
				t.Errorf("line %d %q; want line %d saying %q", pe.Line, pe.Msg, c.line, c.says)
			}
			if tr != nil {
				t.Errorf("a transcript came back with the error")
			}
		})
	}
}

// TestLabels: labels in capitals get natural case; sentences with a colon,
// times of day and lower-case words are not labels.
func TestLabels(t *testing.T) {
	cases := []struct{ in, label, rest string }{
		{"PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Buenos días.", "Presidenta de México, Claudia Sheinbaum Pardo", "Buenos días."},
		{"SECRETARIO DE HACIENDA Y CRÉDITO PÚBLICO, ÉDGAR AMADOR ZAMORA: Gracias.", "Secretario de Hacienda y Crédito Público, Édgar Amador Zamora", "Gracias."},
		{"PREGUNTA: ¿Y el litio?", "Pregunta", "¿Y el litio?"},
		{"INTERLOCUTORA:", "Interlocutora", ""},
		{"Claudia Sheinbaum: Buenos días", "Claudia Sheinbaum", "Buenos días"},
		{"Marcelo Ebrard de la Garza: Sí.", "Marcelo Ebrard de la Garza", "Sí."},
		{"Pregunta: ¿cuándo?", "Pregunta", "¿cuándo?"},
		{"Miren: esto es importante.", "", ""},
		{"Son las 10:30 de la mañana.", "", ""},
		{"dijo lo siguiente: que no.", "", ""},
		{"A: hola", "", ""},
		{"MINISTER OF FINANCE: We will not.", "Minister of Finance", "We will not."},
		{"O'NEILL: Thank you.", "O'Neill", "Thank you."},
		{"Lo digo así, compañeros: no.", "", ""},
	}
	for _, c := range cases {
		label, rest, ok := SplitLabel(c.in)
		if ok != (c.label != "") || label != c.label || (ok && rest != c.rest) {
			t.Errorf("SplitLabel(%q) = %q, %q, %v; want %q, %q", c.in, label, rest, ok, c.label, c.rest)
		}
	}
	if got := naturalCase("SPEAKER_00"); got != "Speaker 00" {
		t.Errorf("naturalCase(SPEAKER_00) = %q", got)
	}
	if got := naturalCase("JEAN-PAUL O'NEILL"); got != "Jean-Paul O'Neill" {
		t.Errorf("naturalCase = %q", got)
	}
}

// TestRange: a span plays from the first cue or word it touches to the end
// of the last; words narrow it within a cue; untimed text has no range.
func TestRange(t *testing.T) {
	vtt := parseFile(t, WebVTT, "mananera.vtt")
	wx := parseFile(t, Whisper, "whisperx.json")
	span := func(tr *Transcript, s string) (int, int) {
		t.Helper()
		i := strings.Index(tr.Text, s)
		if i < 0 {
			t.Fatalf("%q not in the text", s)
		}
		start := len([]rune(tr.Text[:i]))
		return start, start + len([]rune(s))
	}
	cases := []struct {
		name     string
		tr       *Transcript
		quote    string
		from, to float64
		ok       bool
	}{
		{"inside one cue", vtt, "No queremos la intervención", 4.2, 9.8, true},
		{"across two cues", vtt, "extranjero. Lo digo", 4.2, 12.5, true},
		{"across turns, overlapping cues", vtt, "aranceles?\n\nClaudia Sheinbaum: Vamos", 13, 21, true},
		{"a label alone", vtt, "Pregunta", 0, 0, false},
		{"words within a segment", wx, "vamos a informar", 1.4, 2.5, true},
		{"untimed words only", wx, "2 mil 500", 4.3, 7.9, true},
		{"timed and untimed words", wx, "500 millones", 5.6, 6.1, true},
		{"across segments by words", wx, "litio. Son", 3.1, 4.5, true},
	}
	for _, c := range cases {
		s, e := span(c.tr, c.quote)
		from, to, ok := Range(c.tr.Cues, s, e)
		if ok != c.ok || from != c.from || to != c.to {
			t.Errorf("%s: Range(%q) = %v, %v, %v; want %v, %v, %v", c.name, c.quote, from, to, ok, c.from, c.to, c.ok)
		}
	}
	if got := At(vtt.Cues, 16.5); len(got) != 2 || got[0] != 3 || got[1] != 4 {
		t.Errorf("At(16.5) = %v: both overlapping cues play", got)
	}
	if got := At(vtt.Cues, 12.7); len(got) != 0 {
		t.Errorf("At(12.7) = %v: a pause between cues", got)
	}
}

// TestRemap: an edit of a timed text keeps the cues it touched lightly,
// loses those it rewrote, moves everything after it, and reads the
// speakers again from the labels.
func TestRemap(t *testing.T) {
	tr := parseFile(t, WebVTT, "mananera.vtt")
	edit := func(text string, pairs ...string) string {
		for i := 0; i < len(pairs); i += 2 {
			if !strings.Contains(text, pairs[i]) {
				t.Fatalf("%q not in the text", pairs[i])
			}
			text = strings.Replace(text, pairs[i], pairs[i+1], 1)
		}
		return text
	}
	cases := []struct {
		name  string
		text  string
		texts []string // what each kept cue says afterwards
		lost  []string
		who   []string // speakers of the kept cues
	}{
		{"unchanged", tr.Text, nil, nil, nil},
		{"a typo fixed", edit(tr.Text, "intervención", "intervencion"), []string{
			"Buenos días a todas y a todos.", "No queremos la intervencion de ningún gobierno extranjero.", "Lo digo con toda claridad.",
			"¿Y si la llamada con Washington no resuelve lo de los aranceles?", "Vamos a seguir dialogando, & con respeto."}, nil, nil},
		{"a sentence rewritten", edit(tr.Text, "Lo digo con toda claridad.", "Eso quedó claro ayer, insistió."), []string{
			"Buenos días a todas y a todos.", "No queremos la intervención de ningún gobierno extranjero.",
			"¿Y si la llamada con Washington no resuelve lo de los aranceles?", "Vamos a seguir dialogando, & con respeto."},
			[]string{"Lo digo con toda claridad."}, nil},
		{"a paragraph added at the top", "Versión estenográfica.\n\n" + tr.Text, []string{
			"Buenos días a todas y a todos.", "No queremos la intervención de ningún gobierno extranjero.", "Lo digo con toda claridad.",
			"¿Y si la llamada con Washington no resuelve lo de los aranceles?", "Vamos a seguir dialogando, & con respeto."}, nil, nil},
		{"a label corrected", edit(tr.Text, "Pregunta:", "Interlocutora:"), nil, nil,
			[]string{"Claudia Sheinbaum", "Claudia Sheinbaum", "Claudia Sheinbaum", "Interlocutora", "Claudia Sheinbaum"}},
		{"the question deleted", edit(tr.Text, "Pregunta: ¿Y si la llamada con Washington no resuelve lo de los aranceles?\n\n", ""), []string{
			"Buenos días a todas y a todos.", "No queremos la intervención de ningún gobierno extranjero.", "Lo digo con toda claridad.",
			"Vamos a seguir dialogando, & con respeto."}, []string{"¿Y si la llamada con Washington no resuelve lo de los aranceles?"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kept, lost := Remap(tr.Text, c.text, tr.Cues)
			rs := []rune(c.text)
			if c.texts == nil && c.lost == nil {
				if len(kept) != len(tr.Cues) || len(lost) != 0 {
					t.Fatalf("kept %d, lost %d", len(kept), len(lost))
				}
			}
			for i, want := range c.texts {
				if i >= len(kept) {
					t.Fatalf("only %d cues kept", len(kept))
				}
				if got := string(rs[kept[i].TextStart:kept[i].TextEnd]); got != want {
					t.Errorf("cue %d says %q, want %q", i, got, want)
				}
			}
			if c.texts != nil && len(kept) != len(c.texts) {
				t.Errorf("kept %d cues, want %d", len(kept), len(c.texts))
			}
			var lostTexts []string
			for _, l := range lost {
				lostTexts = append(lostTexts, l.Text)
			}
			if strings.Join(lostTexts, "|") != strings.Join(c.lost, "|") {
				t.Errorf("lost %q, want %q", lostTexts, c.lost)
			}
			for i, w := range c.who {
				if kept[i].Speaker != w {
					t.Errorf("cue %d speaker %q, want %q", i, kept[i].Speaker, w)
				}
			}
			for i, k := range kept {
				if i > 0 && k.TextStart < kept[i-1].TextEnd {
					t.Errorf("cues %d and %d overlap in the text", i-1, i)
				}
			}
		})
	}
}

// TestRemapWords: words keep their time where their text is unchanged.
func TestRemapWords(t *testing.T) {
	tr := parseFile(t, Whisper, "whisperx.json")
	text := strings.Replace(tr.Text, "informar", "informarles", 1)
	kept, lost := Remap(tr.Text, text, tr.Cues)
	if len(lost) != 0 || len(kept) != 3 {
		t.Fatalf("kept %d, lost %v", len(kept), lost)
	}
	var words []string
	rs := []rune(text)
	for _, w := range kept[0].Words {
		words = append(words, string(rs[w.TextStart:w.TextEnd]))
	}
	if got := strings.Join(words, "|"); got != "Buenos|días,|vamos|a|sobre|el|litio." {
		t.Errorf("words kept: %s", got)
	}
	s := strings.Index(text, "sobre el")
	s = len([]rune(text[:s]))
	if from, to, _ := Range(kept, s, s+8); from != 2.6 || to != 3.05 {
		t.Errorf("range of a kept word after the edit: %v–%v", from, to)
	}
}

func TestClockAndFragment(t *testing.T) {
	if got := Clock(3723.5); got != "01:02:03.500" {
		t.Errorf("Clock = %q", got)
	}
	if got := Fragment(12.5, 18); got != "t=12.5,18" {
		t.Errorf("Fragment = %q", got)
	}
}

func TestFormatFor(t *testing.T) {
	for ct, want := range map[string]Format{"text/vtt; charset=utf-8": WebVTT, "application/x-subrip": SRT, "text/srt": SRT, "application/json": Whisper} {
		if f, ok := FormatFor(ct); !ok || f != want {
			t.Errorf("FormatFor(%q) = %q, %v", ct, f, ok)
		}
	}
	for _, ct := range []string{"", "text/plain", "application/xml", "bad/"} {
		if f, ok := FormatFor(ct); ok {
			t.Errorf("FormatFor(%q) = %q", ct, f)
		}
	}
}
