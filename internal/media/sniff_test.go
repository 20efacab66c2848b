package media

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/testenv"
)

// TestSniff: the first bytes of each kind of recording, as encoders write
// them, and of files that are not recordings.
func TestSniff(t *testing.T) {
	pad := func(s string) []byte { return []byte(s + strings.Repeat("\x00", 64)) }
	cases := []struct {
		name string
		head []byte
		want string
	}{
		{"mp3 with ID3 tag", pad("ID3\x04\x00\x00\x00\x00\x01\x00TSSE"), "audio/mpeg"},
		{"mp3 frame", pad("\xff\xfb\x90\x64\x00"), "audio/mpeg"},
		{"mp3 MPEG-2 frame", pad("\xff\xf3\x64\xc4\x00"), "audio/mpeg"},
		{"m4a", pad("\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00M4A isommp42"), "audio/mp4"},
		{"mp4", pad("\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"), "video/mp4"},
		{"ogg opus", pad("OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x01\x02\x03\x04\x00\x00\x00\x00\x00\x00\x00\x00\x01\x13OpusHead\x01\x01"), "audio/ogg; codecs=opus"},
		{"ogg vorbis", pad("OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x01\x02\x03\x04\x00\x00\x00\x00\x00\x00\x00\x00\x01\x1e\x01vorbis"), "audio/ogg; codecs=vorbis"},
		{"ogg theora", pad("OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x01\x02\x03\x04\x00\x00\x00\x00\x00\x00\x00\x00\x01\x2a\x80theora"), "video/ogg"},
		{"wav", pad("RIFF\x24\x08\x00\x00WAVEfmt \x10\x00\x00\x00"), "audio/wav"},
		{"webm", pad("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm"), "video/webm"},
		{"matroska", pad("\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska"), ""},
		{"png", pad("\x89PNG\r\n\x1a\n"), ""},
		{"html", pad("<!doctype html><script>alert(1)</script>"), ""},
		{"a transcript", pad("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"), ""},
		{"pdf", pad("%PDF-1.7"), ""},
		{"zip", pad("PK\x03\x04"), ""},
		{"riff but avi", pad("RIFF\x24\x08\x00\x00AVI LIST"), ""},
		{"sync bits, reserved layer", pad("\xff\xf9\x50\x80"), ""},
		{"empty", nil, ""},
		{"short", []byte("ID3"), ""},
	}
	for _, c := range cases {
		got, ok := Sniff(c.head)
		if ok != (c.want != "") || got != c.want {
			t.Errorf("%s: Sniff = %q, %v; want %q", c.name, got, ok, c.want)
		}
	}
}

// TestSniffRealFiles encodes a second of sound in every format Cotejo
// takes, with ffmpeg, and sniffs the files.
func TestSniffRealFiles(t *testing.T) {
	ffmpeg := testenv.Tool(t, "ffmpeg", "ffmpeg")
	dir := t.TempDir()
	cases := []struct {
		file string
		args []string
		want string
	}{
		{"a.mp3", []string{"-c:a", "libmp3lame"}, "audio/mpeg"},
		{"a.m4a", []string{"-c:a", "aac"}, "audio/mp4"},
		{"a.ogg", []string{"-c:a", "libopus"}, "audio/ogg; codecs=opus"},
		{"a.wav", nil, "audio/wav"},
		{"v.mp4", []string{"-f", "lavfi", "-i", "color=c=black:s=64x48:d=1", "-c:v", "mpeg4", "-c:a", "aac", "-shortest"}, "video/mp4"},
		{"v.webm", []string{"-f", "lavfi", "-i", "color=c=black:s=64x48:d=1", "-c:v", "libvpx", "-c:a", "libopus", "-shortest"}, "video/webm"},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.file)
		args := append([]string{"-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1"}, c.args...)
		out, err := exec.Command(ffmpeg, append(args, path)...).CombinedOutput()
		if err != nil {
			t.Errorf("%s: ffmpeg: %v: %s", c.file, err, out)
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := Sniff(b[:min(len(b), SniffLen)]); !ok || got != c.want {
			t.Errorf("%s: Sniff = %q, %v; want %q", c.file, got, ok, c.want)
		}
	}
}
