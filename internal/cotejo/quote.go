package cotejo

import (
	"encoding/json"
	"math"
	"strings"
	"time"
)

// QuoteStatus is where a quote stands in its life; the table of statuses
// and the moves between them is in lifecycle.go.
type QuoteStatus string

// AnchorState says how well an anchor still fits its text.
type AnchorState string

// Anchor states: exact (the text at the offsets is the anchored text),
// approximate (re-anchored to a similar text, to be reviewed), lost.
const (
	AnchorExact       AnchorState = "exact"
	AnchorApproximate AnchorState = "approximate"
	AnchorLost        AnchorState = "lost"
)

// Anchor ties a quote to a span of a text, after the W3C Web Annotation
// model: a TextPositionSelector (Start, End) and a TextQuoteSelector (Exact
// with up to 32 code points of Prefix and Suffix) to find it again when the
// text changes.
type Anchor struct {
	Start  int         `json:"start"`
	End    int         `json:"end"`
	Exact  string      `json:"exact"`
	Prefix string      `json:"prefix"`
	Suffix string      `json:"suffix"`
	State  AnchorState `json:"state"`
}

// Span is a bare pair of offsets, as clients send them.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Validate checks the offsets against a text of textLen code points.
func (s Span) Validate(field string, textLen int) error {
	if s.Start < 0 || s.End < s.Start || s.End > textLen {
		return FieldError(CodeInvalid, field, "%s [%d, %d) is outside the text (0 to %d).", field, s.Start, s.End, textLen)
	}
	return nil
}

// MediaRange is a time range in a recording, in seconds (a media fragment t=start,end).
type MediaRange struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// Validate refuses negative, reversed or non-finite ranges.
func (m MediaRange) Validate() error {
	if math.IsNaN(m.Start) || math.IsNaN(m.End) || math.IsInf(m.Start, 0) || math.IsInf(m.End, 0) ||
		m.Start < 0 || m.End < m.Start {
		return FieldError(CodeInvalid, "media", "media must be a time range with 0 ≤ start ≤ end, in seconds.")
	}
	return nil
}

// LangText is a text with its BCP 47 language tag.
type LangText struct {
	Text string `json:"text"`
	Lang string `json:"lang"`
}

func (t LangText) validate(field string) error {
	if err := firstErr(CheckText(field+".text", t.Text), checkLen(field+".text", t.Text, MaxQuoteLen)); err != nil {
		return err
	}
	_, err := ParseLang(field+".lang", t.Lang)
	return err
}

func (t *LangText) normalize() {
	t.Text = strings.TrimSpace(Canonical(t.Text))
	if l, err := ParseLang("", t.Lang); err == nil {
		t.Lang = l
	}
}

// Quote is one quotation of an article: what the speaker said in the original
// language, how the article renders it, and where both stand.
type Quote struct {
	ID            int64       `json:"id"`
	ArticleID     int64       `json:"article_id"`
	Speaker       string      `json:"speaker"`
	Original      LangText    `json:"original"`
	Rendering     LangText    `json:"rendering"`
	SourceID      *int64      `json:"source_id"`
	SourceAnchor  *Anchor     `json:"source_anchor"`
	ArticleAnchor *Anchor     `json:"article_anchor"`
	Media         *MediaRange `json:"media"`
	EvidenceNote  string      `json:"evidence_note"`
	Status        QuoteStatus `json:"status"`
	StatusReason  Reason      `json:"status_reason"` // why it was rejected, reopened or sent back to review
	Overrides     []Override  `json:"overrides"`     // warnings a reviewer let stand, with reasons
	VerifiedHash  string      `json:"-"`             // the Fingerprint at verification
	Keys          QuoteKeys   `json:"-"`             // as stored, kept by the store
	TranslatorID  *int64      `json:"translator_id"`
	TranslatedAt  *time.Time  `json:"translated_at"`
	VerifierID    *int64      `json:"verifier_id"`
	VerifiedAt    *time.Time  `json:"verified_at"`
	ApproverID    *int64      `json:"approver_id"`
	ApprovedAt    *time.Time  `json:"approved_at"`
	LastEditorID  *int64      `json:"last_editor_id"`
	Version       int         `json:"version"`
	CreatedAt     time.Time   `json:"created_at"`
	UpdatedAt     time.Time   `json:"updated_at"`

	// MediaState says whether Media was derived from the source anchor and
	// the source's time map (it then moves with the anchor) or set by hand;
	// MediaSelector is Media as a W3C Web Annotation FragmentSelector.
	MediaState    MediaState        `json:"media_state"`
	MediaSelector *FragmentSelector `json:"media_selector"`
}

// Complete reports whether the quote holds what a translator must give
// before handing it on: an original, a rendering and evidence (a place in
// a source that is not lost, a time range in a recording, or a source with
// a note saying what it shows). Only a complete quote resolves the quoted
// passage it renders; an empty original is not a linked quote.
func (q *Quote) Complete() bool {
	if strings.TrimSpace(q.Original.Text) == "" || strings.TrimSpace(q.Rendering.Text) == "" {
		return false
	}
	anchored := q.SourceAnchor != nil && q.SourceAnchor.State != AnchorLost
	timed := q.Media != nil && q.Media.End > q.Media.Start
	noted := q.SourceID != nil && strings.TrimSpace(q.EvidenceNote) != ""
	return anchored || timed || noted
}

// Validate reports the first rule the quote breaks. Offsets are checked
// against their texts by the workflow, which has the texts at hand.
func (q *Quote) Validate() error {
	if err := firstErr(
		CheckText("speaker", q.Speaker), checkLen("speaker", q.Speaker, MaxShortFieldLen),
		CheckText("evidence_note", q.EvidenceNote), checkLen("evidence_note", q.EvidenceNote, MaxShortFieldLen*10),
		q.Original.validate("original"), q.Rendering.validate("rendering"),
	); err != nil {
		return err
	}
	if strings.TrimSpace(q.Original.Text) == "" && strings.TrimSpace(q.Rendering.Text) == "" {
		return FieldError(CodeInvalid, "original.text", "A quote needs its original, its rendering, or both.")
	}
	if q.Media != nil {
		if err := q.Media.Validate(); err != nil {
			return err
		}
	}
	if !q.MediaState.Valid() {
		return FieldError(CodeInvalid, "media_state", "%q is not a media state (derived, manual).", q.MediaState)
	}
	if q.Status != "" && !q.Status.Valid() {
		return FieldError(CodeInvalid, "status", "%q is not a quote status.", q.Status)
	}
	return nil
}

// Normalize puts the quote in canonical form. Call it after Validate.
func (q *Quote) Normalize() {
	q.Speaker = strings.TrimSpace(Canonical(q.Speaker))
	q.EvidenceNote = strings.TrimSpace(Canonical(q.EvidenceNote))
	q.Original.normalize()
	q.Rendering.normalize()
	if q.Status == "" {
		q.Status = QuoteDraft
	}
	if q.Overrides == nil {
		q.Overrides = []Override{} // a list in JSON, also in the audit trail
	}
	q.SetMedia(q.Media, q.MediaState)
}

// SetMedia sets the quote's media range, its state and its selector together.
func (q *Quote) SetMedia(m *MediaRange, state MediaState) {
	q.Media, q.MediaState, q.MediaSelector = m, state, nil
	if m == nil {
		q.MediaState = MediaNone
		return
	}
	if state == MediaNone {
		q.MediaState = MediaManual
	}
	q.MediaSelector = m.Selector()
}

// QuoteUpdate is a partial change of a quote. Anchors given as spans are
// re-read from their texts by the workflow.
type QuoteUpdate struct {
	Speaker      *string      `json:"speaker"`
	Original     *LangText    `json:"original"`
	Rendering    *LangText    `json:"rendering"`
	SourceID     *int64       `json:"source_id"`
	SourceAnchor *Span        `json:"source_anchor"`
	ArticleSpan  *Span        `json:"article_anchor"`
	Media        *MediaRange  `json:"media"`
	EvidenceNote *string      `json:"evidence_note"`
	ClearMedia   bool         `json:"clear_media"`
	ClearSource  bool         `json:"clear_source"`
	Status       *QuoteStatus `json:"-"` // statuses change through transitions only
}

// QuoteCounts counts an article's quotes by status. In JSON it is an
// object with the total and one count per status, named as the status.
type QuoteCounts struct {
	Total int
	by    map[QuoteStatus]int
}

// Add counts one quote of status s.
func (c *QuoteCounts) Add(s QuoteStatus) {
	if c.by == nil {
		c.by = map[QuoteStatus]int{}
	}
	c.Total++
	c.by[s]++
}

// Of is the number of quotes in status s.
func (c QuoteCounts) Of(s QuoteStatus) int { return c.by[s] }

// MarshalJSON writes {"total": n, "<status>": n, …} with every status.
func (c QuoteCounts) MarshalJSON() ([]byte, error) {
	m := make(map[string]int, len(quoteStatuses)+1)
	m["total"] = c.Total
	for _, s := range quoteStatuses {
		m[string(s.Status)] = c.by[s.Status]
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (c *QuoteCounts) UnmarshalJSON(b []byte) error {
	var m map[string]int
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*c = QuoteCounts{Total: m["total"], by: map[QuoteStatus]int{}}
	for _, s := range quoteStatuses {
		c.by[s.Status] = m[string(s.Status)]
	}
	return nil
}

// QuoteKeys are what the store derives from a quote's texts to find the
// quotes with the same original by index; a quote read from the store
// carries the keys it was stored with, so that a write knows what changed.
type QuoteKeys struct {
	Original, Rendering string
}
