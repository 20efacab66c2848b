package cotejo

import (
	"strings"
	"time"
)

// SourceKind says what kind of evidence a source is.
type SourceKind string

// The kinds of evidence Cotejo knows.
const (
	KindTranscript      SourceKind = "transcript"
	KindRecording       SourceKind = "recording"
	KindPublishedReport SourceKind = "published_report"
	KindInterviewNotes  SourceKind = "interview_notes"
	KindDocument        SourceKind = "document"
)

// SourceKindInfo is what the rest of Cotejo knows about a kind of source:
// its name in the UI (an English key the catalogs translate).
type SourceKindInfo struct {
	Kind  SourceKind
	Label string
}

// sourceKinds is the one table of source kinds, in the order the UI offers them.
var sourceKinds = table[SourceKind, SourceKindInfo]{
	{KindTranscript, "Transcript"},
	{KindRecording, "Recording"},
	{KindPublishedReport, "Published report"},
	{KindInterviewNotes, "Interview notes"},
	{KindDocument, "Document"},
}

// SourceKinds lists the kinds in the order the UI offers them.
var SourceKinds = sourceKinds.keys()

func (i SourceKindInfo) key() SourceKind { return i.Kind }

// SourceKindTable returns the table of source kinds.
func SourceKindTable() []SourceKindInfo { return sourceKinds.clone() }

// Info returns what the table says of k.
func (k SourceKind) Info() SourceKindInfo {
	return sourceKinds.or(k, SourceKindInfo{Kind: k, Label: string(k)})
}

// Valid reports whether k is a known kind.
func (k SourceKind) Valid() bool { return sourceKinds.has(k) }

// Source is evidence in the original language: what the speaker said, as a
// transcript, a recording or a report. A source can serve several articles.
type Source struct {
	ID         int64      `json:"id"`
	Kind       SourceKind `json:"kind"`
	Title      string     `json:"title"`
	Language   string     `json:"language"`
	URL        string     `json:"url"`
	MediaURL   string     `json:"media_url"`
	RecordedAt string     `json:"recorded_at"` // a date (2006-01-02) or an RFC 3339 time, as known
	Speakers   []string   `json:"speakers"`
	Text       string     `json:"text"`
	TextLength int        `json:"text_length"` // in code points; lists carry the length, not the text
	TextHash   string     `json:"-"`           // a hash of Text, kept by the store, also where the text is not loaded
	Version    int        `json:"version"`
	CreatedBy  int64      `json:"created_by"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`

	// Timed says the text was built from a timed transcript, whose time map
	// GET /api/v1/sources/{id}/cues lists; Duration is then its end in
	// seconds. Recording is a recording uploaded to Cotejo, nil when none.
	Timed     bool       `json:"timed"`
	Duration  *float64   `json:"duration"`
	Recording *Recording `json:"recording"`
	// CuesLost names the cues an edit of the text took their time from; it
	// is set on the answer to that edit only.
	CuesLost []LostCue `json:"cues_lost,omitempty"`
}

// Validate reports the first rule the source breaks.
func (s *Source) Validate() error {
	if err := firstErr(CheckText("title", s.Title), CheckText("text", s.Text), CheckText("recorded_at", s.RecordedAt)); err != nil {
		return err
	}
	if !s.Kind.Valid() {
		return FieldError(CodeInvalid, "kind", "%q is not a source kind (%s).", s.Kind, names(SourceKinds))
	}
	if _, err := ParseLang("language", s.Language); err != nil {
		return err
	}
	for _, sp := range s.Speakers {
		if err := firstErr(CheckText("speakers", sp), checkLen("speakers", sp, MaxShortFieldLen)); err != nil {
			return err
		}
	}
	if s.RecordedAt != "" {
		if _, err := time.Parse("2006-01-02", s.RecordedAt); err != nil {
			if _, err := time.Parse(time.RFC3339, s.RecordedAt); err != nil {
				return FieldError(CodeInvalid, "recorded_at", "recorded_at must be a date (2006-01-02) or an RFC 3339 time.")
			}
		}
	}
	return firstErr(
		required("title", s.Title),
		checkLen("title", s.Title, MaxTitleLen),
		checkLen("text", s.Text, MaxSourceLen),
		checkURL("url", s.URL),
		checkURL("media_url", s.MediaURL),
	)
}

// Normalize puts the source in canonical form. Call it after Validate.
func (s *Source) Normalize() {
	s.Title = strings.TrimSpace(Canonical(s.Title))
	s.Text = Canonical(s.Text)
	s.URL = strings.TrimSpace(s.URL)
	s.MediaURL = strings.TrimSpace(s.MediaURL)
	s.RecordedAt = strings.TrimSpace(s.RecordedAt)
	if l, err := ParseLang("language", s.Language); err == nil {
		s.Language = l
	}
	speakers := make([]string, 0, len(s.Speakers))
	for _, sp := range s.Speakers {
		if sp = strings.TrimSpace(Canonical(sp)); sp != "" {
			speakers = append(speakers, sp)
		}
	}
	s.Speakers = speakers
}

// SourceUpdate is a partial change of a source.
type SourceUpdate struct {
	Kind       *SourceKind `json:"kind"`
	Title      *string     `json:"title"`
	Language   *string     `json:"language"`
	URL        *string     `json:"url"`
	MediaURL   *string     `json:"media_url"`
	RecordedAt *string     `json:"recorded_at"`
	Speakers   *[]string   `json:"speakers"`
	Text       *string     `json:"text"`
}

// Apply copies the set fields of u onto s.
func (u SourceUpdate) Apply(s *Source) {
	set(&s.Kind, u.Kind)
	set(&s.Title, u.Title)
	set(&s.Language, u.Language)
	set(&s.URL, u.URL)
	set(&s.MediaURL, u.MediaURL)
	set(&s.RecordedAt, u.RecordedAt)
	set(&s.Speakers, u.Speakers)
	set(&s.Text, u.Text)
}
