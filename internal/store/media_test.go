package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
)

func newSource(t *testing.T, st *store.Store) *cotejo.Source {
	t.Helper()
	ctx := context.Background()
	src := &cotejo.Source{Kind: cotejo.KindRecording, Title: "Conferencia", Language: "es", Text: "Buenos días.", CreatedAt: t0, UpdatedAt: t0}
	if err := st.Tx(ctx, func(tx *store.Tx) error { return tx.CreateSource(ctx, src) }); err != nil {
		t.Fatal(err)
	}
	return src
}

// TestTimeMapAndTimedSource: a source's duration, recording and time map
// are stored and read back, and lists carry the duration without the cues.
func TestTimeMapAndTimedSource(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		src := newSource(t, st)
		cues := []cotejo.Cue{
			{Start: 1, End: 4.2, TextStart: 0, TextEnd: 12, Speaker: "Claudia Sheinbaum",
				Words: []cotejo.CueWord{{Start: 1, End: 1.5, TextStart: 0, TextEnd: 6}}},
		}
		d := 4.2
		src.Timed, src.Duration = true, &d
		err := st.Tx(ctx, func(tx *store.Tx) error {
			if err := tx.SetTimeMap(ctx, src.ID, cues, t0); err != nil {
				return err
			}
			return tx.UpdateSource(ctx, src)
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := st.TimeMap(ctx, src.ID)
		if err != nil || len(got) != 1 || got[0].Speaker != "Claudia Sheinbaum" || got[0].Words[0].TextEnd != 6 || got[0].End != 4.2 {
			t.Fatalf("time map: %+v, %v", got, err)
		}
		back, err := st.Source(ctx, src.ID)
		if err != nil || !back.Timed || back.Duration == nil || *back.Duration != 4.2 {
			t.Fatalf("source: %+v, %v", back, err)
		}
		list, _, err := st.Sources(ctx, cotejo.PageRequest{Limit: 10})
		if err != nil || len(list) != 1 || !list[0].Timed || *list[0].Duration != 4.2 {
			t.Fatalf("list: %+v, %v", list, err)
		}
		if err := st.Tx(ctx, func(tx *store.Tx) error { return tx.SetTimeMap(ctx, src.ID, nil, t0) }); err != nil {
			t.Fatal(err)
		}
		if got, err := st.TimeMap(ctx, src.ID); err != nil || got != nil {
			t.Fatalf("after removal: %+v, %v", got, err)
		}
	})
}

// TestRecordingChunks: a recording of several chunks is stored with its
// size and checksum, read back whole, and served by http.ServeContent with
// Range requests (206 with the right bytes, 416 past the end).
func TestRecordingChunks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		src := newSource(t, st)
		data := storetest.OggRecording(600_000) // three chunks, the last short
		var rec *cotejo.Recording
		err := st.Tx(ctx, func(tx *store.Tx) (err error) {
			rec, err = tx.PutRecording(ctx, src.ID, "audio/ogg", bytes.NewReader(data), 1<<20, 0, t0)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if rec.Size != int64(len(data)) || rec.SHA256 != hex.EncodeToString(sum[:]) || rec.ContentType != "audio/ogg" {
			t.Fatalf("stored %+v", rec)
		}
		got, r, err := st.OpenRecording(ctx, src.ID)
		if err != nil || got.Size != rec.Size || got.SHA256 != rec.SHA256 {
			t.Fatalf("open: %+v, %v", got, err)
		}
		all, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(all, data) {
			t.Fatalf("read back %d bytes, %v", len(all), err)
		}
		// Seek into the middle of the second chunk and across into the third.
		if _, err := r.Seek(400_000, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		part := make([]byte, 200_000)
		if _, err := io.ReadFull(r, part); err != nil || !bytes.Equal(part, data[400_000:600_000]) {
			t.Fatalf("read after seek: %v", err)
		}
		serve := func(rng string) *httptest.ResponseRecorder {
			_, r, err := st.OpenRecording(ctx, src.ID)
			if err != nil {
				t.Fatal(err)
			}
			req := httptest.NewRequest("GET", "/media", nil)
			req.Header.Set("Range", rng)
			w := httptest.NewRecorder()
			w.Header().Set("Content-Type", "audio/ogg")
			http.ServeContent(w, req, "", t0, r)
			return w
		}
		if w := serve("bytes=262140-262150"); w.Code != 206 || !bytes.Equal(w.Body.Bytes(), data[262140:262151]) {
			t.Errorf("range across two chunks: %d, %d bytes", w.Code, w.Body.Len())
		}
		if w := serve("bytes=-10"); w.Code != 206 || !bytes.Equal(w.Body.Bytes(), data[len(data)-10:]) {
			t.Errorf("suffix range: %d", w.Code)
		}
		if w := serve("bytes=700000-"); w.Code != 416 {
			t.Errorf("range past the end: %d", w.Code)
		}
	})
}

// TestRecordingUploadLeavesNothing: an upload over the limit, one that
// breaks off and an empty one all fail, and leave the recording there was
// (and nothing else) in place.
func TestRecordingUploadLeavesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		src := newSource(t, st)
		first := storetest.OggRecording(1000)
		put := func(body io.Reader, limit int64) error {
			return st.Tx(ctx, func(tx *store.Tx) error {
				_, err := tx.PutRecording(ctx, src.ID, "audio/ogg", body, limit, 0, t0)
				return err
			})
		}
		if err := put(bytes.NewReader(first), 1<<20); err != nil {
			t.Fatal(err)
		}
		broken := io.MultiReader(bytes.NewReader(storetest.OggRecording(300_000)), errReader{})
		cases := []struct {
			name string
			body io.Reader
			code cotejo.Code
		}{
			{"over the limit", bytes.NewReader(storetest.OggRecording(600_000)), cotejo.CodeTooLarge},
			{"over the limit by one byte", bytes.NewReader(storetest.OggRecording(500_001)), cotejo.CodeTooLarge},
			{"broken off", broken, cotejo.CodeMalformed},
			{"empty", bytes.NewReader(nil), cotejo.CodeInvalid},
		}
		for _, c := range cases {
			if err := put(c.body, 500_000); cotejo.ErrorCode(err) != c.code {
				t.Errorf("%s: %v, want %s", c.name, err, c.code)
			}
			rec, r, err := st.OpenRecording(ctx, src.ID)
			if err != nil {
				t.Fatalf("%s: the old recording is gone: %v", c.name, err)
			}
			all, _ := io.ReadAll(r)
			if rec.Size != 1000 || !bytes.Equal(all, first) {
				t.Errorf("%s: the old recording changed (%d bytes)", c.name, rec.Size)
			}
		}
		if chunks, err := st.CountChunks(ctx); err != nil || chunks != 1 {
			t.Errorf("%d chunks stored, want the one of the first recording (%v)", chunks, err)
		}
		// Replacing the recording removes the old chunks.
		if err := put(bytes.NewReader(storetest.OggRecording(300_000)), 1<<20); err != nil {
			t.Fatal(err)
		}
		if chunks, err := st.CountChunks(ctx); err != nil || chunks != 2 {
			t.Errorf("%d chunks after a replacement, want 2 (%v)", chunks, err)
		}
		if _, _, err := st.OpenRecording(ctx, src.ID+1); cotejo.ErrorCode(err) != cotejo.CodeNotFound {
			t.Errorf("no recording: %v", err)
		}
	})
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

// TestMigrateMediaColumns: a quote with a hand-typed media range from
// before the media migration reads back as a manual range, with its W3C
// selector.
func TestMigrateMediaColumns(t *testing.T) {
	eachUpgrade(t, "media", []string{
		`INSERT INTO articles (headline, body, language, status, created_at, updated_at) VALUES ('H', '“Hola”', 'en', 'draft', '2025-11-18 15:04:05+00:00', '2025-11-18 15:04:05+00:00')`,
		`INSERT INTO quotes (article_id, original_lang, rendering_lang, media_start, media_end, status, created_at, updated_at) VALUES (1, 'es', 'en', 12.5, 18, 'draft', '2025-11-18 15:04:05+00:00', '2025-11-18 15:04:05+00:00')`,
	}, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		q, err := st.Quote(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if q.Media == nil || q.Media.Start != 12.5 || q.MediaState != cotejo.MediaManual {
			t.Fatalf("quote after the upgrade: %+v %q", q.Media, q.MediaState)
		}
		// The selector is written with the next write of the quote.
		err = st.Tx(ctx, func(tx *store.Tx) error { return tx.UpdateQuote(ctx, q) })
		if err != nil {
			t.Fatal(err)
		}
		q, _ = st.Quote(ctx, 1)
		if s := q.MediaSelector; s == nil || s.Value != "t=12.5,18" || s.ConformsTo != cotejo.MediaFragmentsSpec || s.Type != "FragmentSelector" {
			t.Fatalf("selector: %+v", s)
		}
	})
}
