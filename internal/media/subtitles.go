package media

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/asticode/go-astisub"
)

// readSubtitles reads WebVTT or SRT with astisub, the Go subtitle library
// most projects use, and checks what it lets through: a file that is not
// WebVTT at all (astisub skips to a WEBVTT line, and finds none), a file
// without any cue, and cues whose times are out of order. Its errors name
// the line already; they are kept, without the library's prefix.
func readSubtitles(f Format, data []byte) (segs []segment, err error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	lines := cueLines(f, data)
	if f == WebVTT {
		first, _, _ := bytes.Cut(data, []byte("\n"))
		if fs := strings.Fields(string(first)); len(fs) == 0 || fs[0] != "WEBVTT" {
			return nil, parseErr(f, 1, "a WebVTT file starts with the line WEBVTT")
		}
	}
	if f == WebVTT {
		data = plainVTT(data)
	}
	var subs *astisub.Subtitles
	func() {
		// A library fault on a strange file is that file's problem, not a
		// crash of the server.
		defer func() {
			if r := recover(); r != nil {
				err = parseErr(f, 0, "the file could not be read as %s", f.Name())
			}
		}()
		if f == WebVTT {
			subs, err = astisub.ReadFromWebVTT(bytes.NewReader(data))
		} else {
			subs, err = astisub.ReadFromSRT(bytes.NewReader(data))
		}
		if err != nil {
			err = libraryErr(f, err)
		}
	}()
	if err != nil {
		return nil, err
	}
	for i, it := range subs.Items {
		sg := segment{start: it.StartAt.Seconds(), end: it.EndAt.Seconds()}
		if i < len(lines) {
			sg.line = lines[i]
		}
		for _, l := range it.Lines {
			var sb strings.Builder
			for _, li := range l.Items {
				sb.WriteString(li.Text)
			}
			sg.lines = append(sg.lines, textLine{voice: l.VoiceName, text: sb.String()})
			sg.pieces = append(sg.pieces, inlinePieces(l, sg)...)
		}
		segs = append(segs, sg)
	}
	if len(segs) == 0 {
		return nil, parseErr(f, 0, "the file holds no cue (a cue is a line of times, 00:00:01.000 --> 00:00:04.000, and its text)")
	}
	return segs, nil
}

// inlinePieces are the timed runs of a WebVTT line with inline timestamps
// (<00:00:01.500>), as YouTube's automatic captions write them: each run
// lasts until the next one starts, the last until the cue ends.
func inlinePieces(l astisub.Line, sg segment) []piece {
	timed := false
	for _, li := range l.Items {
		timed = timed || li.StartAt > 0
	}
	if !timed {
		return nil
	}
	out := make([]piece, 0, len(l.Items))
	for i, li := range l.Items {
		p := piece{text: li.Text, start: li.StartAt.Seconds(), end: sg.end}
		if li.StartAt == 0 {
			p.start = sg.start
		}
		if i+1 < len(l.Items) && l.Items[i+1].StartAt > 0 {
			p.end = l.Items[i+1].StartAt.Seconds()
		}
		if p.start < sg.start || p.end > sg.end || p.end < p.start {
			continue // a timestamp outside its cue says nothing reliable
		}
		out = append(out, p)
	}
	return out
}

// cueLines lists the line numbers of the time lines of a file, in order:
// the library's items come one per line holding "-->", as it sees lines
// (split at CR, LF or CRLF).
func cueLines(f Format, data []byte) []int {
	var out []int
	n := 0
	for len(data) > 0 {
		i := bytes.IndexAny(data, "\r\n")
		var line []byte
		if i < 0 {
			line, data = data, nil
		} else {
			line = data[:i]
			if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			data = data[i+1:]
		}
		n++
		t := strings.TrimSpace(string(line))
		if !strings.Contains(t, "-->") {
			continue
		}
		if f == WebVTT && (n == 1 || strings.HasPrefix(t, "NOTE ") || strings.HasPrefix(t, "Region: ") || strings.HasPrefix(t, "STYLE")) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// styleTag matches the WebVTT tags that only style text (classes, italics,
// bold, underline, language, ruby): Cotejo keeps words and voices, not looks.
var styleTag = regexp.MustCompile(`</?(?:c|i|b|u|lang|ruby|rt)(?:[.\s][^>]*)?>`)

// plainVTT prepares WebVTT for the library, keeping every line where it is
// so that line numbers still hold. Within a cue's text it removes the style
// tags, since the library loses an inline timestamp that a tag follows
// (<00:00:01.500><c> días</c>, as YouTube writes words); and it replaces a
// line of spaces, which the format counts as text (YouTube's captions have
// them) but the library takes for the end of the cue, by an empty tag that
// it reads as no text.
func plainVTT(data []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(data))
	inCue := false
	for len(data) > 0 {
		i := bytes.IndexAny(data, "\r\n")
		var line, end []byte
		if i < 0 {
			line, data = data, nil
		} else {
			j := i + 1
			if data[i] == '\r' && j < len(data) && data[j] == '\n' {
				j++
			}
			line, end, data = data[:i], data[i:j], data[j:]
		}
		switch {
		case inCue && len(line) == 0:
			inCue = false
		case inCue && len(bytes.TrimSpace(line)) == 0:
			line = []byte("<c></c>")
		case inCue:
			line = styleTag.ReplaceAll(line, nil)
		case bytes.Contains(line, []byte("-->")) && !bytes.HasPrefix(line, []byte("NOTE")):
			inCue = true
		}
		out.Write(line)
		out.Write(end)
	}
	return out.Bytes()
}

var libraryLine = regexp.MustCompile(`^astisub: line (\d+): (.*)$`)

// libraryErr turns astisub's error into a ParseError with its line.
func libraryErr(f Format, err error) error {
	msg := err.Error()
	if m := libraryLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return parseErr(f, n, "%s", strings.ReplaceAll(m[2], "astisub: ", ""))
	}
	if strings.HasPrefix(msg, "astisub: line ") {
		var n int
		if _, e := fmt.Sscanf(msg, "astisub: line %d", &n); e == nil {
			return parseErr(f, n, "%s", strings.TrimPrefix(msg, fmt.Sprintf("astisub: line %d ", n)))
		}
	}
	return parseErr(f, 0, "%s", strings.TrimPrefix(msg, "astisub: "))
}
