package demo_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"os"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/demo"
	"github.com/cotejo/cotejo/internal/media"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/workflow"
)

// opusSeconds is the length of an Ogg Opus file: the granule position of
// its last page, at 48 kHz, less the pre-skip its header declares.
func opusSeconds(t *testing.T, b []byte) float64 {
	t.Helper()
	head := bytes.Index(b, []byte("OpusHead"))
	last := bytes.LastIndex(b, []byte("OggS"))
	if head < 0 || last < 0 || last+14 > len(b) {
		t.Fatal("not an Ogg Opus file")
	}
	preSkip := binary.LittleEndian.Uint16(b[head+10:])
	granule := binary.LittleEndian.Uint64(b[last+6:])
	return float64(granule-uint64(preSkip)) / 48000
}

// TestDemoRecording: the committed recording is small, is Ogg Opus by its
// bytes, lasts at least as long as its captions, and its captions build
// the La Razón source's text exactly.
func TestDemoRecording(t *testing.T) {
	ogg, err := os.ReadFile("larazon.ogg")
	if err != nil {
		t.Fatal(err)
	}
	if len(ogg) > 300<<10 {
		t.Errorf("the demo recording is %d bytes; keep it under 300 KiB", len(ogg))
	}
	if ct, ok := media.Sniff(ogg[:media.SniffLen]); !ok || ct != "audio/ogg; codecs=opus" {
		t.Errorf("Sniff = %q, %v", ct, ok)
	}
	vtt, err := os.ReadFile("larazon.vtt")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := media.Parse(media.WebVTT, vtt)
	if err != nil {
		t.Fatal(err)
	}
	if secs := opusSeconds(t, ogg); tr.Duration > secs || secs-tr.Duration > 2 {
		t.Errorf("captions end at %v s, the recording lasts %v s", tr.Duration, secs)
	}
	m, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range m.Sources {
		if s.Key == "larazon" && tr.Text != cotejo.NFC(s.Text) {
			t.Errorf("the captions build\n%q\nnot the source's text\n%q", tr.Text, s.Text)
		}
	}
}

// TestSeedPlaysFromTheStart: the demo's La Razón source is timed and has
// its recording, and each demo quote on it has the moment of its words.
func TestSeedPlaysFromTheStart(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t, store.SQLite)
	svc := workflow.New(st, workflow.WithBcryptCost(bcrypt.MinCost))
	if _, err := demo.Seed(ctx, svc, "a password"); err != nil {
		t.Fatal(err)
	}
	arts, _, _ := st.Articles(ctx, cotejo.ArticleFilter{})
	quotes, _ := st.Quotes(ctx, arts[0].ID)
	src, err := st.Source(ctx, *quotes[0].SourceID)
	if err != nil || !src.Timed || src.Recording == nil || src.Recording.ContentType != "audio/ogg; codecs=opus" {
		t.Fatalf("the demo source: %+v, %v", src, err)
	}
	// The times of larazon.vtt: cue 5 holds the first original, cues 6
	// and 7 the second (regenerating the recording changes them).
	want := map[string]cotejo.MediaRange{
		"nosotros no queremos intervención de ningún gobierno extranjero": {Start: 10.022, End: 15.038},
		"Hay colaboración y coordinación, pero ni hay subordinación":      {Start: 15.738, End: 23.15},
	}
	for _, q := range quotes {
		w, ok := want[q.Original.Text]
		if !ok {
			t.Fatalf("unexpected demo quote %q", q.Original.Text)
		}
		if q.Media == nil || q.MediaState != cotejo.MediaDerived || *q.Media != w {
			t.Errorf("quote %q: media %+v (%s), want %+v", q.Original.Text, q.Media, q.MediaState, w)
		}
	}
	_, r, err := svc.Recording(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	ogg, _ := os.ReadFile("larazon.ogg")
	if !bytes.Equal(b, ogg) {
		t.Errorf("the stored recording differs from the committed file")
	}
}
