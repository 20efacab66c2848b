package media

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// whisperSegment is one segment of Whisper's JSON (openai-whisper,
// faster-whisper, whisper.cpp's -ojf, WhisperX). Times are pointers so that
// a missing one is told from zero.
type whisperSegment struct {
	Start   *float64      `json:"start"`
	End     *float64      `json:"end"`
	Text    string        `json:"text"`
	Speaker string        `json:"speaker"` // WhisperX after diarization: "SPEAKER_00"
	Words   []whisperWord `json:"words"`
}

// whisperWord is a word with its times; WhisperX leaves out the times of
// words it could not align (numbers, often).
type whisperWord struct {
	Word  string   `json:"word"`
	Start *float64 `json:"start"`
	End   *float64 `json:"end"`
}

// readWhisper reads {"segments": [...]} (the other keys are ignored) or a
// bare array of segments. Each segment is decoded on its own so that a
// fault is reported at its line.
func readWhisper(data []byte) ([]segment, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		return nil, parseErr(Whisper, lineAt(data, invalidAt(data)), "the file is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonErr(data, dec, err)
	}
	switch tok {
	case json.Delim('['):
		return whisperSegments(data, dec)
	case json.Delim('{'):
	default:
		return nil, parseErr(Whisper, 1, "a Whisper file is a JSON object with \"segments\"")
	}
	var segs []segment
	found := false
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, jsonErr(data, dec, err)
		}
		if key != "segments" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, jsonErr(data, dec, err)
			}
			continue
		}
		if tok, err := dec.Token(); err != nil {
			return nil, jsonErr(data, dec, err)
		} else if tok != json.Delim('[') {
			return nil, parseErr(Whisper, lineAt(data, dec.InputOffset()), "\"segments\" must be a list")
		}
		if segs, err = whisperSegments(data, dec); err != nil {
			return nil, err
		}
		found = true
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonErr(data, dec, err)
	}
	if !found {
		return nil, parseErr(Whisper, 0, "the file has no \"segments\"; is it Whisper's JSON output?")
	}
	if len(segs) == 0 {
		return nil, parseErr(Whisper, 0, "the file holds no segment")
	}
	return segs, nil
}

// whisperSegments reads the elements of a list whose '[' was read, and its ']'.
func whisperSegments(data []byte, dec *json.Decoder) ([]segment, error) {
	var out []segment
	for dec.More() {
		line := lineAt(data, valueAt(data, dec.InputOffset()))
		var ws whisperSegment
		if err := dec.Decode(&ws); err != nil {
			return nil, jsonErr(data, dec, err)
		}
		if ws.Start == nil || ws.End == nil {
			return nil, parseErr(Whisper, line, "a segment needs \"start\" and \"end\" (seconds)")
		}
		sg := segment{line: line, start: *ws.Start, end: *ws.End}
		text := ws.Text
		if strings.TrimSpace(text) == "" {
			var sb strings.Builder
			for _, w := range ws.Words {
				sb.WriteString(w.Word)
			}
			text = sb.String()
		}
		sg.lines = []textLine{{voice: ws.Speaker, text: text}}
		for _, w := range ws.Words {
			if w.Start != nil && w.End != nil {
				sg.pieces = append(sg.pieces, piece{text: w.Word, start: *w.Start, end: *w.End})
			}
		}
		out = append(out, sg)
	}
	if _, err := dec.Token(); err != nil { // the closing ']'
		return nil, jsonErr(data, dec, err)
	}
	return out, nil
}

// jsonErr is a JSON fault with the line it happened on.
func jsonErr(data []byte, dec *json.Decoder, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return parseErr(Whisper, lineAt(data, syn.Offset), "this is not valid JSON: %s", syn.Error())
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "a value"
		}
		return parseErr(Whisper, lineAt(data, typ.Offset), "%s has the wrong type (%s expected)", field, typ.Type)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return parseErr(Whisper, lineAt(data, int64(len(data))), "the JSON ends too early")
	}
	return parseErr(Whisper, lineAt(data, dec.InputOffset()), "%s", err.Error())
}

// lineAt is the 1-based line of byte offset off.
func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// valueAt skips the spaces and comma after off, to where the next value starts.
func valueAt(data []byte, off int64) int64 {
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n,", data[off]) >= 0 {
		off++
	}
	return off
}

func invalidAt(data []byte) int64 {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return int64(i)
		}
		i += size
	}
	return int64(len(data))
}
