package media

import (
	"bytes"
	"strings"
)

// SniffLen is how many leading bytes Sniff needs to decide.
const SniffLen = 512

// Sniff tells the type of a recording from its first bytes (SniffLen of
// them, or the whole file if it is shorter): MP3, M4A or MP4, Ogg (Opus or
// Vorbis; Theora is video), WAV, or WebM. It returns the MIME type to serve
// it with, or false for anything else. The bytes decide, not a declared
// type or a file name: a player told the wrong type may refuse to play, and
// a file that is not a recording must not be served as one.
func Sniff(head []byte) (contentType string, ok bool) {
	b := head
	switch {
	case len(b) >= 12 && bytes.Equal(b[4:8], []byte("ftyp")):
		return mp4Type(b), true
	case bytes.HasPrefix(b, []byte("OggS")):
		switch {
		case bytes.Contains(b, []byte("OpusHead")):
			return "audio/ogg; codecs=opus", true
		case bytes.Contains(b, []byte("\x80theora")):
			return "video/ogg", true
		case bytes.Contains(b, []byte("\x01vorbis")):
			return "audio/ogg; codecs=vorbis", true
		}
		return "audio/ogg", true
	case len(b) >= 12 && bytes.HasPrefix(b, []byte("RIFF")) && bytes.Equal(b[8:12], []byte("WAVE")):
		return "audio/wav", true
	case bytes.HasPrefix(b, []byte("\x1a\x45\xdf\xa3")):
		// EBML, the container of WebM and Matroska; only WebM plays in browsers.
		if bytes.Contains(b[:min(len(b), 64)], []byte("webm")) {
			return "video/webm", true
		}
		return "", false
	case bytes.HasPrefix(b, []byte("ID3")) && len(b) >= 10:
		return "audio/mpeg", true
	case mpegFrame(b):
		return "audio/mpeg", true
	}
	return "", false
}

// mp4Type reads the major and compatible brands of an ISO media file: the
// audio brands (M4A, M4B) are audio/mp4, the rest video/mp4.
func mp4Type(b []byte) string {
	brand := string(b[8:12])
	if strings.HasPrefix(brand, "M4A") || strings.HasPrefix(brand, "M4B") || strings.HasPrefix(brand, "M4P") {
		return "audio/mp4"
	}
	return "video/mp4"
}

// mpegFrame reports whether b starts with an MPEG audio layer III frame
// header: eleven set sync bits, a known version, layer III, and a bit rate
// and sampling rate that are not reserved.
func mpegFrame(b []byte) bool {
	if len(b) < 4 || b[0] != 0xFF || b[1]&0xE0 != 0xE0 {
		return false
	}
	version := (b[1] >> 3) & 3
	layer := (b[1] >> 1) & 3
	bitrate := b[2] >> 4
	rate := (b[2] >> 2) & 3
	return version != 1 && layer == 1 && bitrate != 0 && bitrate != 15 && rate != 3
}
