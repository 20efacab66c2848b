package server_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server"
	"github.com/cotejo/cotejo/internal/store/storetest"
)

// mediaVTT is a press conference's captions, with voices.
const mediaVTT = "WEBVTT\n\n" +
	"00:00:01.000 --> 00:00:04.000\n<v Claudia Sheinbaum>Buenos días a todas y a todos.\n\n" +
	"00:00:04.000 --> 00:00:09.500\n<v Claudia Sheinbaum>No queremos la intervención de ningún gobierno extranjero.\n\n" +
	"00:00:10.000 --> 00:00:13.000\n<v Pregunta>¿Y los aranceles?\n\n" +
	"00:00:13.000 --> 00:00:18.250\n<v Claudia Sheinbaum>Vamos a seguir dialogando con respeto.\n"

// timedSource makes a source with its captions over the API.
func timedSource(t *testing.T, e *env) (id int64, src timedSourceJSON) {
	t.Helper()
	var created struct{ ID int64 }
	e.must(201, request{method: "POST", path: "/api/v1/sources", as: "translator",
		body: map[string]string{"title": "Conferencia", "kind": "recording", "language": "es", "text": "Pendiente."}}).json(t, &created)
	e.must(200, request{method: "PUT", path: fmt.Sprintf("/api/v1/sources/%d/cues", created.ID), as: "translator",
		body: mediaVTT, header: e.versioned(created.ID, map[string]string{"Content-Type": "text/vtt"})}).json(t, &src)
	return created.ID, src
}

type timedSourceJSON struct {
	Text     string
	Timed    bool
	Duration *float64
	Version  int
	CuesLost []struct {
		Start, End float64
		Text       string
	} `json:"cues_lost"`
	Recording *struct {
		ContentType string `json:"content_type"`
		Size        int64
		SHA256      string
	}
}

type cueJSON struct {
	Start, End float64
	TextStart  int `json:"text_start"`
	TextEnd    int `json:"text_end"`
	Speaker    string
}

type quoteMediaJSON struct {
	ID            int64
	Version       int
	Status        string
	Media         *cotejo.MediaRange
	MediaState    string                   `json:"media_state"`
	MediaSelector *cotejo.FragmentSelector `json:"media_selector"`
	SourceAnchor  *cotejo.Anchor           `json:"source_anchor"`
	Checks        []struct{ Code string }
}

// TestCuesOverAPI: a WebVTT file becomes the source's text and time map;
// the cues list says where each stands; bad files are refused naming the
// line, unknown types with 415, and nothing changes.
func TestCuesOverAPI(t *testing.T) {
	e := sqliteEnv(t)
	id, src := timedSource(t, e)
	want := "Claudia Sheinbaum: Buenos días a todas y a todos. No queremos la intervención de ningún gobierno extranjero.\n\n" +
		"Pregunta: ¿Y los aranceles?\n\nClaudia Sheinbaum: Vamos a seguir dialogando con respeto."
	if src.Text != want || !src.Timed || src.Duration == nil || *src.Duration != 18.25 || src.Version != 2 {
		t.Fatalf("source after PUT cues: %+v", src)
	}
	var cues []cueJSON
	e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/sources/%d/cues", id), as: "reviewer"}).json(t, &cues)
	if len(cues) != 4 {
		t.Fatalf("cues: %+v", cues)
	}
	rs := []rune(src.Text)
	if c := cues[2]; c.Start != 10 || c.End != 13 || c.Speaker != "Pregunta" || string(rs[c.TextStart:c.TextEnd]) != "¿Y los aranceles?" {
		t.Errorf("third cue: %+v", c)
	}
	path := fmt.Sprintf("/api/v1/sources/%d/cues", id)
	cases := []struct {
		name, ct, body string
		status         int
		line           int
	}{
		{"bad time code", "text/vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHola\n\n00:00:0x.000 --> 00:00:04.000\nAdiós\n", 422, 6},
		{"srt without end time", "application/x-subrip", "1\n00:00:01,000 -->\nHola\n", 422, 2},
		{"whisper without start", "application/json", "{\"segments\": [\n{\"end\": 2, \"text\": \"Hola\"}]}", 422, 2},
		{"plain text", "text/plain", "Hola", 415, 0},
		{"no type", "", "WEBVTT\n", 415, 0},
	}
	for _, c := range cases {
		res := e.do(request{method: "PUT", path: path, as: "translator", body: c.body, header: e.versioned(id, map[string]string{"Content-Type": c.ct})})
		if res.status != c.status {
			t.Errorf("%s: %d, want %d: %s", c.name, res.status, c.status, res.raw)
			continue
		}
		if c.line > 0 {
			var body struct {
				Error struct {
					Message string
					Field   string
					Details struct{ Line int }
				}
			}
			res.json(t, &body)
			if body.Error.Details.Line != c.line || body.Error.Field != "cues" || !strings.Contains(body.Error.Message, fmt.Sprintf("line %d", c.line)) {
				t.Errorf("%s: %+v, want line %d", c.name, body.Error, c.line)
			}
		}
	}
	var after timedSourceJSON
	e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/sources/%d", id), as: "reviewer"}).json(t, &after)
	if after.Text != want || after.Version != 2 {
		t.Errorf("a refused transcript changed the source: version %d", after.Version)
	}
	// A stale version is a conflict.
	e.must(409, request{method: "PUT", path: path, as: "translator", body: mediaVTT, header: map[string]string{"Content-Type": "text/vtt", "If-Match": `"1"`}})
	e.must(200, request{method: "PUT", path: path, as: "translator", body: mediaVTT, header: map[string]string{"Content-Type": "text/vtt", "If-Match": `"2"`}})
	e.must(404, request{method: "GET", path: "/api/v1/sources/999/cues", as: "reviewer"})
}

// TestQuoteMediaOverAPI: a quote anchored in a timed source gets the time
// range of its words, derived, with its W3C selector; the range counts as
// evidence; a range given by hand is manual and must lie within the
// recording; clear_media goes back to the derived range; an edit of the
// source moves the derived range with the anchor or names the cues lost.
func TestQuoteMediaOverAPI(t *testing.T) {
	e := sqliteEnv(t)
	id, _ := timedSource(t, e)
	var art struct{ ID int64 }
	e.must(201, request{method: "POST", path: "/api/v1/articles", as: "translator", body: map[string]string{"headline": "Sheinbaum",
		"language": "en", "body": "“We don't want intervention from any foreign government,” Sheinbaum said in Spanish. “We will keep talking,” she added."}}).json(t, &art)
	var q quoteMediaJSON
	e.must(201, request{method: "POST", path: fmt.Sprintf("/api/v1/articles/%d/quotes", art.ID), as: "translator", body: map[string]any{
		"speaker": "Claudia Sheinbaum", "source_id": id,
		"original":  map[string]string{"text": "No queremos la intervención de ningún gobierno extranjero"},
		"rendering": map[string]string{"text": "We don't want intervention from any foreign government"}}}).json(t, &q)
	if q.Media == nil || *q.Media != (cotejo.MediaRange{Start: 4, End: 9.5}) || q.MediaState != "derived" {
		t.Fatalf("derived media: %+v %q", q.Media, q.MediaState)
	}
	if s := q.MediaSelector; s == nil || s.Type != "FragmentSelector" || s.ConformsTo != "http://www.w3.org/TR/media-frags/" || s.Value != "t=4,9.5" {
		t.Fatalf("selector: %+v", q.MediaSelector)
	}
	var checks []struct{ Code string }
	e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/quotes/%d/checks", q.ID), as: "reviewer"}).json(t, &checks)
	for _, c := range checks {
		if c.Code == "evidence_missing" {
			t.Errorf("a quote with a source anchor and a media range lacks evidence: %+v", checks)
		}
	}
	qpath := fmt.Sprintf("/api/v1/quotes/%d", q.ID)
	// Fine-tuned by hand: manual.
	e.must(200, request{method: "PATCH", path: qpath, as: "translator", header: e.current(qpath), body: map[string]any{"media": map[string]float64{"start": 4.5, "end": 9.2}}}).json(t, &q)
	if *q.Media != (cotejo.MediaRange{Start: 4.5, End: 9.2}) || q.MediaState != "manual" || q.MediaSelector.Value != "t=4.5,9.2" {
		t.Fatalf("manual media: %+v %q %+v", q.Media, q.MediaState, q.MediaSelector)
	}
	// Past the end of the recording, or reversed: refused, nothing changes.
	for _, m := range []map[string]float64{{"start": 17, "end": 19}, {"start": 9, "end": 4}, {"start": -1, "end": 2}} {
		res := e.must(422, request{method: "PATCH", path: qpath, as: "translator", header: e.current(qpath), body: map[string]any{"media": m}})
		if code := res.errorCode(t); code != "invalid" {
			t.Errorf("media %v: code %q", m, code)
		}
	}
	e.must(200, request{method: "GET", path: qpath, as: "reviewer"}).json(t, &q)
	if *q.Media != (cotejo.MediaRange{Start: 4.5, End: 9.2}) {
		t.Errorf("a refused range changed the quote: %+v", q.Media)
	}
	// A manual range stays when the source changes; clear_media brings back the derived one.
	e.must(200, request{method: "PATCH", path: qpath, as: "translator", header: e.current(qpath), body: map[string]any{"clear_media": true}}).json(t, &q)
	if q.Media == nil || *q.Media != (cotejo.MediaRange{Start: 4, End: 9.5}) || q.MediaState != "derived" {
		t.Fatalf("after clear_media: %+v %q", q.Media, q.MediaState)
	}
	// The anchor moved to a shorter span: the derived range follows.
	var srcNow timedSourceJSON
	e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/sources/%d", id), as: "reviewer"}).json(t, &srcNow)
	start := strings.Index(srcNow.Text, "Vamos a seguir")
	start = len([]rune(srcNow.Text[:start]))
	e.must(200, request{method: "PATCH", path: qpath, as: "translator", header: e.current(qpath), body: map[string]any{
		"original": map[string]string{"text": "Vamos a seguir dialogando"}, "rendering": map[string]string{"text": "We will keep talking"}, "source_anchor": map[string]int{"start": start, "end": start + 25}}}).json(t, &q)
	if q.Media == nil || *q.Media != (cotejo.MediaRange{Start: 13, End: 18.25}) || q.MediaState != "derived" {
		t.Fatalf("after moving the anchor: %+v %q", q.Media, q.MediaState)
	}
	// An edit of the source: a new first paragraph shifts everything; the
	// question rewritten loses its time; the quote keeps its range.
	text := "Versión estenográfica.\n\n" + strings.Replace(srcNow.Text, "¿Y los aranceles?", "(Pregunta inaudible.)", 1)
	var edited timedSourceJSON
	e.must(200, request{method: "PATCH", path: fmt.Sprintf("/api/v1/sources/%d", id), as: "translator", header: e.current(fmt.Sprintf("/api/v1/sources/%d", id)), body: map[string]any{"text": text}}).json(t, &edited)
	if !edited.Timed || len(edited.CuesLost) != 1 || edited.CuesLost[0].Text != "¿Y los aranceles?" || edited.CuesLost[0].Start != 10 {
		t.Fatalf("edited source: timed %v, lost %+v", edited.Timed, edited.CuesLost)
	}
	var cues []cueJSON
	e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/sources/%d/cues", id), as: "reviewer"}).json(t, &cues)
	rs := []rune(text)
	if len(cues) != 3 || string(rs[cues[2].TextStart:cues[2].TextEnd]) != "Vamos a seguir dialogando con respeto." {
		t.Fatalf("cues after the edit: %+v", cues)
	}
	e.must(200, request{method: "GET", path: qpath, as: "reviewer"}).json(t, &q)
	moved := len([]rune(text[:strings.Index(text, "Vamos a seguir")]))
	if q.SourceAnchor.Start != moved || q.SourceAnchor.State != "exact" || *q.Media != (cotejo.MediaRange{Start: 13, End: 18.25}) {
		t.Errorf("quote after the source edit: anchor %+v, media %+v", q.SourceAnchor, q.Media)
	}
	// A new transcript with other times moves the derived range, and sends
	// a verified quote back to review.
	e.must(200, request{method: "POST", path: qpath + "/transition", as: "translator", header: e.current(qpath), body: map[string]string{"to": "translated"}})
	e.must(200, request{method: "POST", path: qpath + "/transition", as: "reviewer", header: e.current(qpath), body: map[string]string{"to": "verified"}})
	shifted := strings.Replace(mediaVTT, "00:00:13.000 --> 00:00:18.250", "00:00:14.000 --> 00:00:18.000", 1)
	e.must(200, request{method: "PUT", path: fmt.Sprintf("/api/v1/sources/%d/cues", id), as: "translator", body: shifted, header: e.versioned(id, map[string]string{"Content-Type": "text/vtt"})})
	e.must(200, request{method: "GET", path: qpath, as: "reviewer"}).json(t, &q)
	if q.Media == nil || *q.Media != (cotejo.MediaRange{Start: 14, End: 18}) || q.Status != "needs_review" {
		t.Errorf("after new timings: %+v, %s", q.Media, q.Status)
	}
}

// typedBody is a request body sent with its own Content-Type.
type typedBody struct {
	contentType string
	data        []byte
}

// TestMediaOverAPI: an upload is stored and served with its type, nosniff
// and Range requests; what is not a recording is refused (415), and so is
// what is over the media limit (413), which is the limit of this route and
// not the body limit of the others; a refused or broken upload leaves the
// recording there was.
func TestMediaOverAPI(t *testing.T) {
	eachEnvWith(t, server.Config{BodyLimit: 4096, MediaLimit: 700_000}, func(t *testing.T, e *env) {
		ctx := context.Background()
		src := &cotejo.Source{Kind: cotejo.KindRecording, Title: "Audio", Language: "es", Text: "Hola."}
		if err := e.svc.CreateSource(ctx, e.users["editor"], src); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/api/v1/sources/%d/media", src.ID)
		e.must(404, request{method: "GET", path: path, as: "reviewer"})
		data := storetest.OggRecording(600_000) // larger than the body limit, within the media limit
		var up timedSourceJSON
		res := e.must(201, request{method: "PUT", path: path, as: "translator", body: data, header: e.versioned(src.ID, map[string]string{"Content-Type": "audio/ogg"})})
		res.json(t, &up)
		if up.Recording == nil || up.Recording.Size != 600_000 || up.Recording.ContentType != "audio/ogg; codecs=opus" || res.header.Get("Location") != path {
			t.Fatalf("upload: %+v, Location %q", up.Recording, res.header.Get("Location"))
		}
		get := e.must(200, request{method: "GET", path: path, as: "reviewer"})
		if !bytes.Equal(get.raw, data) || get.header.Get("Content-Type") != "audio/ogg; codecs=opus" ||
			get.header.Get("X-Content-Type-Options") != "nosniff" || get.header.Get("Accept-Ranges") != "bytes" ||
			get.header.Get("ETag") != `"`+up.Recording.SHA256+`"` {
			t.Fatalf("GET media: %d bytes, headers %v", len(get.raw), get.header)
		}
		part := e.must(206, request{method: "GET", path: path, as: "reviewer", header: map[string]string{"Range": "bytes=300000-300099"}})
		if !bytes.Equal(part.raw, data[300000:300100]) || part.header.Get("Content-Range") != "bytes 300000-300099/600000" {
			t.Errorf("range: %d bytes, %q", len(part.raw), part.header.Get("Content-Range"))
		}
		e.must(416, request{method: "GET", path: path, as: "reviewer", header: map[string]string{"Range": "bytes=600000-"}})
		head := e.must(200, request{method: "HEAD", path: path, as: "reviewer"})
		if len(head.raw) != 0 || head.header.Get("Content-Length") != "600000" {
			t.Errorf("HEAD: %d bytes, length %q", len(head.raw), head.header.Get("Content-Length"))
		}
		e.must(401, request{method: "GET", path: path})
		// The page's session cookie serves it too, for <audio src>.
		secret, err := e.svc.NewSession(ctx, e.users["reviewer"].ID)
		if err != nil {
			t.Fatal(err)
		}
		e.must(206, request{method: "GET", path: path, header: map[string]string{"Cookie": "cotejo_session=" + secret, "Range": "bytes=0-3"}})

		cases := []struct {
			name   string
			body   io.Reader
			ct     string
			status int
		}{
			{"a web page", strings.NewReader("<!doctype html><script>alert(1)</script>" + strings.Repeat(" ", 600)), "audio/mpeg", 415},
			{"declared as html", bytes.NewReader(storetest.OggRecording(1000)), "text/html", 415},
			{"a png", bytes.NewReader(append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 1000)...)), "application/octet-stream", 415},
			{"over the media limit", bytes.NewReader(storetest.OggRecording(700_001)), "audio/ogg", 413},
			{"over the limit, length unknown", io.MultiReader(bytes.NewReader(storetest.OggRecording(700_001))), "audio/ogg", 413},
			{"broken off", io.MultiReader(bytes.NewReader(storetest.OggRecording(400_000)), failing{}), "audio/ogg", 400},
			{"stale version", bytes.NewReader(storetest.OggRecording(1000)), "audio/ogg", 409},
		}
		for _, c := range cases {
			h := map[string]string{"Content-Type": c.ct}
			if c.status == 409 {
				h["If-Match"] = `"1"`
			}
			h = e.versioned(src.ID, h)
			res := e.do(request{method: "PUT", path: path, as: "translator", body: c.body, header: h})
			if res.status != c.status {
				t.Errorf("%s: %d, want %d: %.200s", c.name, res.status, c.status, res.raw)
			}
			again := e.must(200, request{method: "GET", path: path, as: "reviewer"})
			if !bytes.Equal(again.raw, data) {
				t.Errorf("%s: the recording changed (%d bytes)", c.name, len(again.raw))
			}
		}
		// Other requests keep the body limit.
		e.must(413, request{method: "PATCH", path: fmt.Sprintf("/api/v1/sources/%d", src.ID), as: "translator",
			body: map[string]string{"text": strings.Repeat("a", 5000)}})
		e.must(413, request{method: "PUT", path: fmt.Sprintf("/api/v1/sources/%d/cues", src.ID), as: "translator",
			body: "WEBVTT\n\n" + strings.Repeat("00:00:01.000 --> 00:00:02.000\nHola\n\n", 200), header: e.versioned(src.ID, map[string]string{"Content-Type": "text/vtt"})})
		e.must(403, request{method: "PUT", path: path, body: storetest.OggRecording(1000), header: e.versioned(src.ID, map[string]string{"Content-Type": "audio/ogg", "Cookie": "cotejo_session=" + secret})})
	})
}

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errors.New("connection reset by peer") }

// TestMediaUploadDeclaredTooLarge: a declared length over the media limit
// is refused before a byte of the body is read.
func TestMediaUploadDeclaredTooLarge(t *testing.T) {
	e := sqliteEnvWith(t, server.Config{MediaLimit: 1000})
	src := &cotejo.Source{Kind: cotejo.KindRecording, Title: "Audio", Language: "es", Text: "Hola."}
	if err := e.svc.CreateSource(context.Background(), e.users["editor"], src); err != nil {
		t.Fatal(err)
	}
	body := &countingReader{r: bytes.NewReader(storetest.OggRecording(5000))}
	r := httptest.NewRequest("PUT", fmt.Sprintf("/api/v1/sources/%d/media", src.ID), body)
	r.ContentLength = 5000
	r.Header.Set("Content-Type", "audio/ogg")
	r.Header.Set("Authorization", "Bearer "+e.tokens["translator"])
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	if w.Code != http.StatusRequestEntityTooLarge || body.n != 0 {
		t.Fatalf("%d after reading %d bytes: %s", w.Code, body.n, w.Body.String())
	}
	if _, _, err := e.svc.Recording(context.Background(), src.ID); cotejo.ErrorCode(err) != cotejo.CodeNotFound {
		t.Fatalf("a refused upload left a recording: %v", err)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// versioned adds the current version of a source to the headers of a
// write, as every write must say what it is based on, unless h names one.
func (e *env) versioned(sourceID int64, h map[string]string) map[string]string {
	e.t.Helper()
	src, err := e.st.Source(context.Background(), sourceID)
	if err != nil {
		e.t.Fatal(err)
	}
	out := maps.Clone(h)
	if _, ok := out["If-Match"]; !ok {
		out["If-Match"] = fmt.Sprintf(`"%d"`, src.Version)
	}
	return out
}
