package interchange

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// uploadedBundle is the hand-made article whose recording was uploaded to
// Cotejo rather than linked, with a timed transcript, and whose quote on it
// has a range derived from that transcript.
func uploadedBundle(t testing.TB) Bundle {
	b := handBundle(t, true)
	rec := *b.Sources[1]
	rec.MediaURL = ""
	d := 1834.5
	rec.Timed, rec.Duration = true, &d
	rec.Recording = &cotejo.Recording{ContentType: "audio/ogg; codecs=opus", Size: 48213, SHA256: "ab12", UploadedAt: t0}
	b.Sources = []*cotejo.Source{b.Sources[0], &rec}
	q := *b.Quotes[2]
	q.SetMedia(&cotejo.MediaRange{Start: 72.25, End: 78}, cotejo.MediaDerived)
	b.Quotes = append([]*cotejo.Quote(nil), b.Quotes...)
	b.Quotes[2] = &q
	return b
}

// TestExportsCarryTheMoment: every export says when in the recording the
// quote was said, and those that link link to that moment of the uploaded
// recording (#t=start,end).
func TestExportsCarryTheMoment(t *testing.T) {
	b := uploadedBundle(t)
	moment := "https://cotejo.example.org/api/v1/sources/2/media#t=72.25,78"
	code := "00:01:12.250–00:01:18.000"

	var ld map[string]any
	if err := json.Unmarshal(export(t, FormatJSONLD, b), &ld); err != nil {
		t.Fatal(err)
	}
	var clip map[string]any
	for _, p := range ld["hasPart"].([]any) {
		if q := p.(map[string]any); q["identifier"] == quoteKey(b.Quotes[2]) {
			clip, _ = q["isBasedOn"].(map[string]any)
		}
	}
	if clip == nil || clip["@type"] != "Clip" || clip["startOffset"] != 72.25 || clip["endOffset"] != 78.0 || clip["url"] != moment {
		t.Fatalf("JSON-LD clip: %v", clip)
	}
	rec, _ := clip["isBasedOn"].(map[string]any)
	if rec["@type"] != "AudioObject" || rec["contentUrl"] != "https://cotejo.example.org/api/v1/sources/2/media" ||
		rec["encodingFormat"] != "audio/ogg; codecs=opus" || rec["duration"] != "PT1834.5S" {
		t.Errorf("JSON-LD recording: %v", rec)
	}
	if part, _ := clip["isPartOf"].(map[string]any); part["name"] != b.Sources[1].Title {
		t.Errorf("JSON-LD clip's source: %v", clip["isPartOf"])
	}

	var js struct {
		Quotes []struct {
			Key           string
			Media         *cotejo.MediaRange
			MediaState    string                   `json:"media_state"`
			MediaSelector *cotejo.FragmentSelector `json:"media_selector"`
			MediaURL      string                   `json:"media_url"`
		}
		Sources []struct {
			Timed     bool
			Duration  *float64
			Recording *cotejo.Recording
		}
	}
	if err := json.Unmarshal(export(t, FormatJSON, b), &js); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, q := range js.Quotes {
		if q.Key == quoteKey(b.Quotes[2]) {
			found = true
			if q.Media == nil || q.Media.Start != 72.25 || q.MediaState != "derived" || q.MediaURL != moment ||
				q.MediaSelector == nil || q.MediaSelector.Value != "t=72.25,78" || q.MediaSelector.ConformsTo != "http://www.w3.org/TR/media-frags/" {
				t.Errorf("JSON quote: %+v", q)
			}
		}
	}
	if !found || !js.Sources[1].Timed || js.Sources[1].Recording == nil {
		t.Errorf("JSON sources: %+v", js.Sources)
	}

	rows, err := csv.NewReader(strings.NewReader(string(export(t, FormatCSV, b)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	csvOK := false
	for _, r := range rows[1:] {
		if r[col["id"]] == "103" {
			csvOK = r[col["media_start"]] == "72.25" && r[col["media_end"]] == "78"
		}
	}
	if !csvOK {
		t.Errorf("CSV lacks the range 72.25–78")
	}

	html := string(export(t, FormatHTML, b))
	if !strings.Contains(html, `<a href="`+moment+`">recording `+code+` (t=72.25,78)</a>`) {
		t.Errorf("the HTML has no link to the moment")
	}
	md := string(export(t, FormatMarkdown, b))
	if !strings.Contains(md, "[recording "+code+" (t=72.25,78)](<"+moment+">)") {
		t.Errorf("the Markdown has no link to the moment:\n%s", md)
	}
	for _, f := range []Format{FormatXLIFF12, FormatXLIFF20} {
		units, err := ParseXLIFF(strings.NewReader(string(export(t, f, b))), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		note := ""
		for _, u := range units.Units {
			if u.ID == quoteKey(b.Quotes[2]) {
				for _, n := range u.Notes {
					if n.From == "media" {
						note = n.Text
					}
				}
			}
		}
		if note != "recording "+code+" (t=72.25,78), from the source's timed transcript: "+moment {
			t.Errorf("%s media note: %q", f, note)
		}
	}
}

// TestRecordingURLPrefersTheNewsroomsLink: a source with a media URL is
// linked there, which readers outside Cotejo reach; without a base URL an
// uploaded recording is not linked at all.
func TestRecordingURLPrefersTheNewsroomsLink(t *testing.T) {
	b := uploadedBundle(t)
	b.BaseURL = "https://cotejo.example.org"
	s := *b.Sources[1]
	s.MediaURL = "https://media.example.org/a.ogg"
	if got := recordingURL(b, &s); got != s.MediaURL {
		t.Errorf("with a media URL: %q", got)
	}
	b.BaseURL = ""
	if got := recordingURL(b, b.Sources[1]); got != "" {
		t.Errorf("without a base URL: %q", got)
	}
}
