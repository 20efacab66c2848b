package media

import (
	"math"
	"mime"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/cotejo/cotejo/internal/transcript"
)

// Format is a timed transcript format.
type Format string

// The formats Parse reads.
const (
	WebVTT  Format = "vtt"
	SRT     Format = "srt"
	Whisper Format = "whisper" // {"segments": [{start, end, text, words?: [{word, start, end}]}]}
)

// Name is how people call the format, for messages.
func (f Format) Name() string {
	switch f {
	case WebVTT:
		return "WebVTT"
	case SRT:
		return "SRT"
	case Whisper:
		return "Whisper JSON"
	}
	return string(f)
}

// FormatFor is the transcript format of a request's content type: text/vtt,
// application/x-subrip (or the text/srt and application/srt that some tools
// send), or application/json for Whisper.
func FormatFor(contentType string) (Format, bool) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", false
	}
	switch mt {
	case "text/vtt":
		return WebVTT, true
	case "application/x-subrip", "application/srt", "text/srt", "text/x-srt":
		return SRT, true
	case "application/json":
		return Whisper, true
	}
	return "", false
}

// ContentType is the MIME type a format is sent as.
func (f Format) ContentType() string {
	switch f {
	case WebVTT:
		return "text/vtt"
	case SRT:
		return "application/x-subrip"
	}
	return "application/json"
}

// Transcript is a text built from timed cues, with its time map.
type Transcript struct {
	Text     string  // NFC, one paragraph per speaker turn
	Cues     []Cue   // in the order of the text
	Duration float64 // the end of the last cue, in seconds
}

// Cue is one timed piece of the text: a subtitle cue, a Whisper segment, or
// the part of one that a speaker said when a cue holds two speakers.
type Cue struct {
	Start     float64 `json:"start"`
	End       float64 `json:"end"`
	TextStart int     `json:"text_start"`
	TextEnd   int     `json:"text_end"`
	Speaker   string  `json:"speaker"`         // the turn's label, "" when unknown
	Words     []Word  `json:"words,omitempty"` // finer timings, when the file has them
}

// Word is a timed word (or run of words) inside a cue.
type Word struct {
	Start     float64 `json:"start"`
	End       float64 `json:"end"`
	TextStart int     `json:"text_start"`
	TextEnd   int     `json:"text_end"`
}

// Parse reads a transcript in format f and builds its text and time map.
// A file that cannot be read is a *ParseError naming the line at fault.
func Parse(f Format, data []byte) (*Transcript, error) {
	var segs []segment
	var err error
	switch f {
	case WebVTT, SRT:
		segs, err = readSubtitles(f, data)
	case Whisper:
		segs, err = readWhisper(data)
	default:
		return nil, parseErr(f, 0, "not a transcript format Cotejo reads")
	}
	if err != nil {
		return nil, err
	}
	return build(f, segs)
}

// segment is a cue as a reader found it, before the text is built.
type segment struct {
	line       int // where it starts in the file, for messages
	start, end float64
	lines      []textLine
	pieces     []piece // timed words, in order; may be empty
}

// textLine is one line of a cue's text, with the voice a format named for it.
type textLine struct {
	voice string
	text  string
}

// piece is a timed run of text inside a segment.
type piece struct {
	text       string
	start, end float64
}

// builder assembles the text, counting code points as it goes.
type builder struct {
	sb      strings.Builder
	n       int  // code points written
	open    bool // a paragraph has words after its label
	speaker string
	cues    []Cue
	bytesAt []int // the byte offset of each cue's start, for placeWords
}

func (b *builder) write(s string) {
	b.sb.WriteString(s)
	b.n += utf8.RuneCountInString(s)
}

// turn starts a paragraph for speaker ("" for a speaker not named).
func (b *builder) turn(speaker string) {
	if b.n > 0 {
		b.write("\n\n")
	}
	if speaker != "" {
		b.write(speaker + ": ")
	}
	b.speaker, b.open = speaker, false
}

// add writes a cue's words into the current paragraph and maps them.
func (b *builder) add(s string, start, end float64) {
	if b.n == 0 {
		b.turn(b.speaker)
	}
	if b.open {
		b.write(" ")
	}
	from := b.n
	b.bytesAt = append(b.bytesAt, b.sb.Len())
	b.write(s)
	b.open = true
	b.cues = append(b.cues, Cue{Start: start, End: end, TextStart: from, TextEnd: b.n, Speaker: b.speaker})
}

// build makes the text and time map of segments read from a file of format f.
func build(f Format, segs []segment) (*Transcript, error) {
	b := &builder{}
	var prevLast string
	var duration float64
	for _, sg := range segs {
		if err := checkTimes(f, sg); err != nil {
			return nil, err
		}
		lines := make([]textLine, 0, len(sg.lines))
		for _, l := range sg.lines {
			if t := cleanText(l.text); t != "" {
				lines = append(lines, textLine{voice: cleanText(l.voice), text: t})
			}
		}
		// Roll-up captions (YouTube's among them) repeat the last line of a
		// cue as the first of the next; the words were said once.
		for len(lines) > 0 && prevLast != "" && lines[0].text == prevLast && lines[0].voice == "" {
			lines = lines[1:]
		}
		if len(lines) == 0 {
			continue
		}
		prevLast = lines[len(lines)-1].text
		// The lines of a cue make one piece of the map, unless a line opens
		// another speaker's turn.
		first := len(b.cues)
		var words []string
		flush := func() {
			if len(words) > 0 {
				b.add(strings.Join(words, " "), sg.start, sg.end)
				words = words[:0]
			}
		}
		for _, l := range lines {
			speaker, change, rest := turnOf(l)
			if change && (speaker != b.speaker || speaker == "") {
				flush()
				b.turn(speaker)
			}
			if rest != "" {
				words = append(words, rest)
			}
		}
		flush()
		placeWords(b, first, sg.pieces)
		duration = math.Max(duration, sg.end)
	}
	if len(b.cues) == 0 {
		return nil, parseErr(f, 0, "the file holds no cue with text")
	}
	return &Transcript{Text: b.sb.String(), Cues: b.cues, Duration: duration}, nil
}

// maxSeconds bounds time codes: a week is longer than any recording.
const maxSeconds = 7 * 24 * 3600

func checkTimes(f Format, sg segment) error {
	for _, t := range []float64{sg.start, sg.end} {
		if math.IsNaN(t) || math.IsInf(t, 0) || t < 0 || t > maxSeconds {
			return parseErr(f, sg.line, "the time code %v is not a time in a recording", t)
		}
	}
	if sg.end < sg.start {
		return parseErr(f, sg.line, "the cue ends (%s) before it starts (%s)", Clock(sg.end), Clock(sg.start))
	}
	return nil
}

// placeWords finds the timed pieces of a segment, in order, in the text of
// its cues (b.cues[first:]) and hangs each on the cue that holds it. A piece
// that cannot be found (the file's words and its text disagree) stays
// untimed; its cue's time still covers it.
func placeWords(b *builder, first int, pieces []piece) {
	if len(pieces) == 0 || first >= len(b.cues) {
		return
	}
	// Only the segment's own text is searched, in code points from base.
	base := b.cues[first].TextStart
	text := []rune(b.sb.String()[b.bytesAt[first]:])
	cursor := 0
	limit := b.cues[len(b.cues)-1].TextEnd - base
	ci := first
	for _, p := range pieces {
		w := []rune(cleanText(p.text))
		if len(w) == 0 || p.end < p.start {
			continue
		}
		at := indexRunes(text[cursor:limit], w)
		if at < 0 {
			continue
		}
		start := base + cursor + at
		end := start + len(w)
		for ci < len(b.cues)-1 && b.cues[ci].TextEnd <= start {
			ci++
		}
		c := &b.cues[ci]
		if start < c.TextStart || end > c.TextEnd {
			continue // it straddles two speakers' parts
		}
		c.Words = append(c.Words, Word{Start: p.start, End: p.end, TextStart: start, TextEnd: end})
		cursor = end - base
	}
}

func indexRunes(s, sub []rune) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i] == sub[0] && equalRunes(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// cleanText is a line of cue text as the source text holds it: NFC, without
// the {\an8}-style override codes some SRT files carry, control characters
// gone, runs of spaces made one.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	for {
		i := strings.Index(s, "{\\")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		s = s[:i] + s[i+j+1:]
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if unicode.IsControl(r) || r == '\uFEFF' {
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// turnOf reads the turn a line of cue text opens: the speaker a format named
// (a voice), or a label at its start, or a bare change of speaker (">>", a
// dialogue dash). It returns the speaker's label in natural case, whether
// the line opens a turn, and the line without its marks.
func turnOf(l textLine) (speaker string, change bool, rest string) {
	rest = l.text
	if strings.HasPrefix(rest, ">>") {
		rest, change = strings.TrimSpace(strings.TrimLeft(rest, ">")), true
	} else if r, size := utf8.DecodeRuneInString(rest); (r == '-' || r == '–' || r == '—') && strings.HasPrefix(rest[size:], " ") {
		rest, change = strings.TrimSpace(rest[size:]), true
	}
	if label, after, ok := SplitLabel(rest); ok {
		speaker, change, rest = label, true, after
	}
	if l.voice != "" {
		speaker, change = naturalCase(l.voice), true
	}
	return speaker, change, rest
}

// SplitLabel reads a speaker label at the start of s ("PREGUNTA: ¿Y el
// litio?", "Claudia Sheinbaum: Buenos días") and returns the label in
// natural case and the words after it. A label is a name or a role: all in
// capitals (up to fourteen words: stenographic versions give the
// speaker's office), or two to eight capitalized words (particles such as "de" and
// "la" aside), or one of the roles that transcripts name by a single word.
func SplitLabel(s string) (label, rest string, ok bool) {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > 80 || (i+1 < len(s) && s[i+1] != ' ') {
		return "", s, false
	}
	cand := strings.TrimSpace(s[:i])
	words := strings.Fields(cand)
	if len(words) == 0 || len(words) > 14 {
		return "", s, false
	}
	switch {
	case allCaps(cand):
		label = naturalCase(cand)
	case len(words) <= 8 && titleWords(words) && (len(words) >= 2 || singleWordRoles[strings.ToLower(cand)]):
		label = cand
	default:
		return "", s, false
	}
	return label, strings.TrimSpace(s[i+1:]), true
}

// singleWordRoles are the one-word labels transcripts use for people they do
// not name.
var singleWordRoles = map[string]bool{
	"pregunta": true, "respuesta": true, "interlocutor": true, "interlocutora": true,
	"moderador": true, "moderadora": true, "presentador": true, "presentadora": true,
	"reportero": true, "reportera": true, "entrevistador": true, "entrevistadora": true,
	"entrevistado": true, "entrevistada": true, "locutor": true, "locutora": true,
	"voz": true, "asistente": true, "intérprete": true, "question": true, "answer": true,
	"interviewer": true, "reporter": true, "moderator": true, "speaker": true,
}

// labelRune is what a label may hold besides letters.
func labelRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || strings.ContainsRune(" .,'’-()_", r)
}

// allCaps reports whether s is a label in capitals: letters, at least two,
// none lower case.
func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case !labelRune(r):
			return false
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	if letters < 2 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// titleWords reports whether every word is capitalized, particles aside
// (not first), and holds only what a name holds.
func titleWords(words []string) bool {
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if strings.IndexFunc(w, func(r rune) bool { return !labelRune(r) || r == ',' }) >= 0 {
			return false
		}
		if !unicode.IsUpper(r) && (i == 0 || !transcript.LowerInName(w)) {
			return false
		}
	}
	return true
}

// naturalCase writes a label given in capitals ("PRESIDENTA DE MÉXICO,
// CLAUDIA SHEINBAUM PARDO", "SPEAKER_00") the way a name is written
// ("Presidenta de México, Claudia Sheinbaum Pardo", "Speaker 00"), as
// transcript.NaturalCase does for the labels of a text transcript; a label
// already in mixed case is kept as it is.
func naturalCase(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " ")
	if !allCaps(s) {
		return s
	}
	return transcript.NaturalCase(s)
}
