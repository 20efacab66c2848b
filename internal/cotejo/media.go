package cotejo

import (
	"math"
	"strconv"
	"time"
)

// Cue is one timed piece of a source's text: where in the text it stands
// (code points, end exclusive) and when in the recording it is said
// (seconds). Cues are stored with the source as its time map.
type Cue struct {
	Start     float64   `json:"start"`
	End       float64   `json:"end"`
	TextStart int       `json:"text_start"`
	TextEnd   int       `json:"text_end"`
	Speaker   string    `json:"speaker"`
	Words     []CueWord `json:"words,omitempty"` // finer timings, when the transcript has them
}

// CueWord is a timed word inside a cue.
type CueWord struct {
	Start     float64 `json:"start"`
	End       float64 `json:"end"`
	TextStart int     `json:"text_start"`
	TextEnd   int     `json:"text_end"`
}

// LostCue is a cue that an edit of a timed source's text took its time
// from: its words were deleted or rewritten.
type LostCue struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	Text  string  `json:"text"` // what it said before the edit
}

// Recording describes a recording uploaded to Cotejo for a source. The
// bytes are stored in the database; GET /api/v1/sources/{id}/media serves them.
type Recording struct {
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`   // bytes
	SHA256      string    `json:"sha256"` // hex, of the whole file
	UploadedBy  int64     `json:"uploaded_by"`
	UploadedAt  time.Time `json:"uploaded_at"`
}

// MediaState says where a quote's media range comes from.
type MediaState string

// The media states: none (no range), derived from the source anchor and the
// source's time map, or set by hand.
const (
	MediaNone    MediaState = ""
	MediaDerived MediaState = "derived"
	MediaManual  MediaState = "manual"
)

// Valid reports whether m is a known media state.
func (m MediaState) Valid() bool { return m == MediaNone || m == MediaDerived || m == MediaManual }

// MediaFragmentsSpec is the W3C Media Fragments recommendation, which a
// FragmentSelector of a time range conforms to.
const MediaFragmentsSpec = "http://www.w3.org/TR/media-frags/"

// FragmentSelector is a W3C Web Annotation selector of a time range in a
// recording: {"type": "FragmentSelector", "conformsTo":
// "http://www.w3.org/TR/media-frags/", "value": "t=12.5,18"}. It stands
// beside the text selectors of the source anchor.
type FragmentSelector struct {
	Type       string `json:"type"`
	ConformsTo string `json:"conformsTo"`
	Value      string `json:"value"`
}

// Fragment is the media fragment of the range, "t=12.5,18" (seconds, the
// shortest decimals that read back as the same numbers).
func (m MediaRange) Fragment() string {
	return "t=" + strconv.FormatFloat(m.Start, 'f', -1, 64) + "," + strconv.FormatFloat(m.End, 'f', -1, 64)
}

// Selector is the range as a W3C FragmentSelector.
func (m MediaRange) Selector() *FragmentSelector {
	return &FragmentSelector{Type: "FragmentSelector", ConformsTo: MediaFragmentsSpec, Value: m.Fragment()}
}

// Within refuses a range that ends after a recording of duration seconds.
func (m MediaRange) Within(duration float64) error {
	if m.End > duration || math.IsNaN(duration) {
		return &Error{Code: CodeInvalid, Field: "media", Details: RecordingLength{Duration: duration},
			Message: "The media range ends after the recording does (" + strconv.FormatFloat(duration, 'f', -1, 64) + " seconds)."}
	}
	return nil
}

// RecordingLength is the detail of an error about a media range that ends
// after its recording: the recording's duration in seconds.
type RecordingLength struct {
	Duration float64 `json:"duration"`
}
