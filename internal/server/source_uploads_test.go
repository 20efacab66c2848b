package server_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/server"
	"github.com/cotejo/cotejo/internal/store/storetest"
)

// uploadForm posts the source form's upload of a file: its fields first,
// as a browser sends them, then the file.
func (b *browser) uploadForm(path string, fields url.Values, name, contentType string, content []byte) (int, string) {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	h := make(map[string][]string)
	h["Content-Disposition"] = []string{fmt.Sprintf(`form-data; name="file"; filename=%q`, name)}
	h["Content-Type"] = []string{contentType}
	fw, _ := mw.CreatePart(h)
	_, _ = fw.Write(content)
	_ = mw.Close()
	status, _, page := b.send("POST", path, nil, nil, &body, mw.FormDataContentType())
	return status, page
}

// TestSourceFormUploads: from the source form, a translator uploads a
// recording (streamed through the workflow as the API's PUT) and a timed
// transcript; a file that is not a recording (415), one over the media
// limit (413) and a transcript with a bad line (422, naming it, in the
// reader's language) store nothing; without the form's token, nothing is
// stored either.
func TestSourceFormUploads(t *testing.T) {
	eachEnvWith(t, server.Config{MediaLimit: 200_000}, func(t *testing.T, e *env) {
		e.person("ana", "translator")
		tr := loggedIn(t, e, "ana@example.org")
		_, _, page := tr.get("/sources/new")
		status, h, _ := tr.post("/sources", url.Values{"csrf_token": {tr.csrf(page)}, "title": {"Conferencia matutina"}, "kind": {"recording"}, "language": {"es"}, "text": {"Pendiente."}})
		if status != http.StatusSeeOther {
			t.Fatalf("a new source: %d", status)
		}
		src := h.Get("Location")
		_, _, form := tr.get(src + "/edit")
		if !strings.Contains(form, `action="`+src+`/recording" enctype="multipart/form-data"`) || !strings.Contains(form, `action="`+src+`/transcript" enctype="multipart/form-data"`) {
			t.Fatal("the source form has no upload fields")
		}
		fields := func() url.Values {
			_, _, form := tr.get(src + "/edit")
			v := between(between(form, `id="recording-upload"`, "</form>"), `name="version" value="`, `">`)
			return url.Values{"csrf_token": {tr.csrf(form)}, "version": {strings.TrimPrefix(v, `name="version" value="`)}}
		}
		recording := func() string {
			status, _, page := tr.get(src)
			if status != 200 {
				t.Fatalf("the source page: %d", status)
			}
			return page
		}

		// Refused: not a recording, too large, no token.
		if status, page := tr.uploadForm(src+"/recording", fields(), "notes.mp3", "audio/mpeg", []byte("these are my notes, not a recording")); status != http.StatusUnsupportedMediaType ||
			!strings.Contains(page, `id="recording-upload"`) {
			t.Fatalf("a text file as a recording: %d %s", status, between(page, `class="error"`, "</p>"))
		}
		if status, _ := tr.uploadForm(src+"/recording", fields(), "long.ogg", "audio/ogg", storetest.OggRecording(300_000)); status != http.StatusRequestEntityTooLarge {
			t.Fatalf("a recording over the limit: %d", status)
		}
		noToken := fields()
		noToken.Del("csrf_token")
		if status, _ := tr.uploadForm(src+"/recording", noToken, "press.ogg", "audio/ogg", storetest.OggRecording(50_000)); status != http.StatusForbidden {
			t.Fatalf("an upload without the form's token: %d", status)
		}
		if page := recording(); strings.Contains(page, `data-testid="recording"`) {
			t.Fatal("a refused upload left a recording")
		}

		// Stored, and played on the source's page.
		status, page = tr.uploadForm(src+"/recording", fields(), "press.ogg", "audio/ogg", storetest.OggRecording(50_000))
		if status != http.StatusSeeOther {
			t.Fatalf("a recording: %d %s", status, between(page, `class="error"`, "</p>"))
		}
		if page := recording(); !strings.Contains(page, `src="/api/v1`+src+`/media" data-testid="recording"`) || !strings.Contains(page, "The recording is uploaded.") {
			t.Fatal("the source page does not play the upload")
		}
		status, _, got := tr.get("/api/v1" + src + "/media")
		if status != 200 || !bytes.Equal([]byte(got), storetest.OggRecording(50_000)) {
			t.Fatalf("the stored recording: %d, %d bytes", status, len(got))
		}

		// A transcript with a bad time code: refused naming its line, in
		// English and in Spanish, and the text is as it was.
		bad := "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHola\n\n00:00:0x.000 --> 00:00:04.000\nAdiós\n"
		for lang, want := range map[string]string{"en": "cannot be read at line 6", "es": "no se puede leer en la línea 6"} {
			tr.lang = lang
			status, page := tr.uploadForm(src+"/transcript", fields(), "captions.vtt", "text/vtt", []byte(bad))
			if msg := between(page, `class="error" role="alert">`, "</p>"); status != http.StatusUnprocessableEntity || !strings.Contains(msg, want) {
				t.Errorf("%s: a bad transcript: %d %q", lang, status, msg)
			}
		}
		tr.lang = ""
		if page := recording(); !strings.Contains(page, "Pendiente.") || strings.Contains(page, `data-testid="timed"`) {
			t.Fatal("a refused transcript changed the source")
		}
		if status, _ := tr.uploadForm(src+"/transcript", fields(), "captions.docx", "application/octet-stream", []byte(mediaVTT)); status != http.StatusUnsupportedMediaType {
			t.Fatalf("a transcript in no format Cotejo reads: %d", status)
		}
		status, page = tr.uploadForm(src+"/transcript", fields(), "captions.vtt", "text/vtt", []byte(mediaVTT))
		if status != http.StatusSeeOther {
			t.Fatalf("a transcript: %d %s", status, between(page, `class="error"`, "</p>"))
		}
		if page := recording(); !strings.Contains(page, "No queremos la intervención de ningún gobierno extranjero.") || !strings.Contains(page, `data-testid="timed"`) {
			t.Fatal("the transcript is not the source's text")
		}
	})
}
