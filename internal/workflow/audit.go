package workflow

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// The audit trail keeps, for each event, what the thing was before and
// after, in a payload of its own: Record, with its own field names, so that
// renaming a field of the API's JSON does not change how old history
// reads. Each event says which version of the payload it holds.
//
// Version 1 is what events held before payloads had a version of their own:
// the API's JSON of the values (of the quote, the article, …) as it was
// when they were written. Its names are the names Record reads, so a
// version-1 payload reads as a Record; its reasons are English strings,
// which readRecord understands (see cotejo.ParseReason). Version 2 is
// Record itself.
const (
	PayloadLegacy  = 1
	PayloadVersion = 2
)

// Record is what an event keeps of a thing: the fields of every kind of
// thing that has a history, each present only where it applies.
type Record struct {
	// A quote.
	Speaker       *string           `json:"speaker,omitempty"`
	Original      *TextRecord       `json:"original,omitempty"`
	Rendering     *TextRecord       `json:"rendering,omitempty"`
	SourceID      *int64            `json:"source_id,omitempty"`
	SourceAnchor  *AnchorRecord     `json:"source_anchor,omitempty"`
	ArticleAnchor *AnchorRecord     `json:"article_anchor,omitempty"`
	Media         *MediaRecord      `json:"media,omitempty"`
	MediaState    *string           `json:"media_state,omitempty"`
	EvidenceNote  *string           `json:"evidence_note,omitempty"`
	StatusReason  *ReasonRecord     `json:"status_reason,omitempty"`
	Overrides     *[]OverrideRecord `json:"overrides,omitempty"` // a quote's, [] when none
	TranslatorID  *int64            `json:"translator_id,omitempty"`
	TranslatedAt  *time.Time        `json:"translated_at,omitempty"`
	VerifierID    *int64            `json:"verifier_id,omitempty"`
	VerifiedAt    *time.Time        `json:"verified_at,omitempty"`
	ApproverID    *int64            `json:"approver_id,omitempty"`
	ApprovedAt    *time.Time        `json:"approved_at,omitempty"`
	FourEyes      string            `json:"four_eyes,omitempty"` // an approval the relaxed rule allowed

	// Any thing with a life: a quote's or an article's status.
	Status string `json:"status,omitempty"`

	// An article.
	Headline *string `json:"headline,omitempty"`
	Dek      *string `json:"dek,omitempty"`
	Body     *string `json:"body,omitempty"`
	Language *string `json:"language,omitempty"`
	Outlet   *string `json:"outlet,omitempty"`
	Byline   *string `json:"byline,omitempty"`
	Dateline *string `json:"dateline,omitempty"`

	// A source.
	Kind       *string  `json:"kind,omitempty"`
	Title      *string  `json:"title,omitempty"`
	URL        *string  `json:"url,omitempty"`
	MediaURL   *string  `json:"media_url,omitempty"`
	RecordedAt *string  `json:"recorded_at,omitempty"`
	Speakers   []string `json:"speakers,omitempty"`
	Text       *string  `json:"text,omitempty"`
	Timed      *bool    `json:"timed,omitempty"`
	Duration   *float64 `json:"duration,omitempty"`

	// A person, a token.
	Email    *string  `json:"email,omitempty"`
	Name     *string  `json:"name,omitempty"`
	Roles    []string `json:"roles,omitempty"`
	Lang     *string  `json:"lang,omitempty"`
	TimeZone *string  `json:"time_zone,omitempty"`
	Disabled *bool    `json:"disabled,omitempty"`
	Password string   `json:"password,omitempty"` // "changed", never a password
	Hint     string   `json:"hint,omitempty"`
	TokenID  *int64   `json:"token_id,omitempty"`

	// A glossary term.
	Source       *TextRecord `json:"source,omitempty"`
	Target       *TextRecord `json:"target,omitempty"`
	Alternatives []string    `json:"alternatives,omitempty"`
	Forbidden    []string    `json:"forbidden,omitempty"`
	Note         *string     `json:"note,omitempty"`

	// A comment, a passage mark.
	QuoteID  *int64        `json:"quote_id,omitempty"`
	ParentID *int64        `json:"parent_id,omitempty"`
	Mentions []int64       `json:"mentions,omitempty"`
	Anchor   *AnchorRecord `json:"anchor,omitempty"`
	Reason   *string       `json:"reason,omitempty"`

	// The settings.
	FourEyesApproval string `json:"four_eyes_approval,omitempty"`

	// A recording.
	Recording *RecordingRecord `json:"recording,omitempty"`

	// An import.
	Format    string `json:"format,omitempty"`
	Origin    string `json:"origin,omitempty"`
	Units     *int   `json:"units,omitempty"`
	Updated   *int   `json:"updated,omitempty"`
	Unchanged *int   `json:"unchanged,omitempty"`
	Conflicts *int   `json:"conflicts,omitempty"`
	Refused   *int   `json:"refused,omitempty"`
}

// RecordingRecord is an uploaded recording.
type RecordingRecord struct {
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
}

func recordingRecord(r *cotejo.Recording) *RecordingRecord {
	if r == nil {
		return nil
	}
	return &RecordingRecord{ContentType: r.ContentType, Size: r.Size, SHA256: r.SHA256}
}

// TextRecord is a text with its language.
type TextRecord struct {
	Text string `json:"text"`
	Lang string `json:"lang"`
}

// AnchorRecord is where a quote or a mark stood.
type AnchorRecord struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Exact string `json:"exact"`
	State string `json:"state,omitempty"`
}

// MediaRecord is a time range of a recording.
type MediaRecord struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// OverrideRecord is a warning let stand.
type OverrideRecord struct {
	Code   string    `json:"code"`
	Reason string    `json:"reason"`
	UserID int64     `json:"user_id"`
	At     time.Time `json:"at"`
}

// ReasonRecord is a reason as the audit keeps it: a code and a text. A
// version-1 payload holds it as the English string, which it reads too.
type ReasonRecord struct {
	Code cotejo.ReasonCode `json:"code,omitempty"`
	Text string            `json:"text,omitempty"`
}

// UnmarshalJSON reads {code, text}, or an English string of version 1.
func (r *ReasonRecord) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		p := cotejo.ParseReason(s)
		*r = ReasonRecord{Code: p.Code, Text: p.Text}
		return nil
	}
	type plain ReasonRecord
	return json.Unmarshal(b, (*plain)(r))
}

// Reason is the record as the domain's reason.
func (r *ReasonRecord) Reason() cotejo.Reason {
	if r == nil {
		return cotejo.Reason{}
	}
	return cotejo.Reason{Code: r.Code, Text: r.Text}
}

// RenderingText is the text of the recorded rendering, "" when none.
func (r Record) RenderingText() string {
	if r.Rendering == nil {
		return ""
	}
	return r.Rendering.Text
}

// OverrideCodes lists the codes of the warnings the record lets stand.
func (r Record) OverrideCodes() []string {
	if r.Overrides == nil {
		return nil
	}
	out := make([]string, 0, len(*r.Overrides))
	for _, o := range *r.Overrides {
		out = append(out, o.Code)
	}
	return out
}

// PassageText is the passage a mark is about, "" when none.
func (r Record) PassageText() string {
	if r.Anchor == nil {
		return ""
	}
	return r.Anchor.Exact
}

func text(t cotejo.LangText) *TextRecord { return &TextRecord{Text: t.Text, Lang: t.Lang} }

func anchorRecord(a *cotejo.Anchor) *AnchorRecord {
	if a == nil {
		return nil
	}
	return &AnchorRecord{Start: a.Start, End: a.End, Exact: a.Exact, State: string(a.State)}
}

func reasonRecord(r cotejo.Reason) *ReasonRecord {
	if r.IsZero() {
		return nil
	}
	return &ReasonRecord{Code: r.Code, Text: r.Text}
}

func overrides(os []cotejo.Override) *[]OverrideRecord {
	out := make([]OverrideRecord, len(os))
	for i, o := range os {
		out[i] = OverrideRecord{Code: o.Code, Reason: o.Reason, UserID: o.UserID, At: o.At}
	}
	return &out
}

func ptr[T any](v T) *T { return &v }

// quoteRecord is what the audit keeps of a quote.
func quoteRecord(q *cotejo.Quote) Record {
	r := Record{Speaker: ptr(q.Speaker), Original: text(q.Original), Rendering: text(q.Rendering), SourceID: q.SourceID,
		SourceAnchor: anchorRecord(q.SourceAnchor), ArticleAnchor: anchorRecord(q.ArticleAnchor), MediaState: ptr(string(q.MediaState)),
		EvidenceNote: ptr(q.EvidenceNote), Status: string(q.Status), StatusReason: reasonRecord(q.StatusReason),
		Overrides: overrides(q.Overrides), TranslatorID: q.TranslatorID, TranslatedAt: q.TranslatedAt,
		VerifierID: q.VerifierID, VerifiedAt: q.VerifiedAt, ApproverID: q.ApproverID, ApprovedAt: q.ApprovedAt}
	if q.Media != nil {
		r.Media = &MediaRecord{Start: q.Media.Start, End: q.Media.End}
	}
	return r
}

// articleRecord is what the audit keeps of an article.
func articleRecord(a *cotejo.Article) Record {
	return Record{Headline: ptr(a.Headline), Dek: ptr(a.Dek), Body: ptr(a.Body), Language: ptr(a.Language),
		Outlet: ptr(a.Outlet), Byline: ptr(a.Byline), Dateline: ptr(a.Dateline), Status: string(a.Status)}
}

// sourceRecord is what the audit keeps of a source.
func sourceRecord(s *cotejo.Source) Record {
	return Record{Kind: ptr(string(s.Kind)), Title: ptr(s.Title), Language: ptr(s.Language), URL: ptr(s.URL), MediaURL: ptr(s.MediaURL),
		RecordedAt: ptr(s.RecordedAt), Speakers: s.Speakers, Text: ptr(s.Text), Timed: ptr(s.Timed), Duration: s.Duration}
}

// accountRecord is what the audit keeps of an account: never its hash.
func accountRecord(u *cotejo.User) Record {
	roles := make([]string, len(u.Roles))
	for i, r := range u.Roles {
		roles[i] = string(r)
	}
	return Record{Email: ptr(u.Email), Name: ptr(u.Name), Roles: roles, Lang: ptr(u.Lang), Disabled: ptr(u.Disabled)}
}

// termRecord is what the audit keeps of a glossary term.
func termRecord(g *cotejo.GlossaryTerm) Record {
	return Record{Source: text(g.Source), Target: text(g.Target), Alternatives: g.Alternatives, Forbidden: g.Forbidden, Note: ptr(g.Note)}
}

// recordOf is what the audit keeps of v: a domain value, or a Record made
// for the event; nil for none.
func recordOf(v any) *Record {
	var r Record
	switch x := v.(type) {
	case nil:
		return nil
	case Record:
		r = x
	case *Record:
		return x
	case cotejo.Quote:
		r = quoteRecord(&x)
	case *cotejo.Quote:
		r = quoteRecord(x)
	case cotejo.Article:
		r = articleRecord(&x)
	case *cotejo.Article:
		r = articleRecord(x)
	case cotejo.Source:
		r = sourceRecord(&x)
	case *cotejo.Source:
		r = sourceRecord(x)
	case *cotejo.User:
		r = accountRecord(x)
	case cotejo.GlossaryTerm:
		r = termRecord(&x)
	case *cotejo.GlossaryTerm:
		r = termRecord(x)
	case *cotejo.Comment:
		r = Record{Body: ptr(x.Body), ParentID: x.ParentID, Mentions: x.Mentions, QuoteID: &x.QuoteID}
	case *cotejo.PassageIgnore:
		r = Record{Anchor: anchorRecord(&x.Anchor), Reason: ptr(x.Reason)}
	case *cotejo.APIToken:
		r = Record{Name: ptr(x.Name), Hint: x.Hint}
	case *cotejo.Settings:
		r = Record{FourEyesApproval: string(x.FourEyesApproval)}
	default:
		panic(fmt.Sprintf("workflow: no audit record for %T", v))
	}
	return &r
}

// payload is the stored form of a record (nil for none).
func payload(r *Record) json.RawMessage {
	if r == nil {
		return nil
	}
	b, err := json.Marshal(r)
	if err != nil {
		return nil
	}
	return b
}

// readRecord reads a stored payload of either version.
func readRecord(raw json.RawMessage) Record {
	var r Record
	if len(raw) > 0 {
		_ = json.Unmarshal(raw, &r)
	}
	return r
}
