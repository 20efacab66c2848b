package store

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// Row structs mirror the tables one to one; the domain never sees them.

// Versioned is the id and version of a row that is written over its
// version (see Tx.insert and Tx.overwrite).
type Versioned struct {
	ID      int64 `gorm:"primaryKey"`
	Version int
}

func (v *Versioned) keys() *Versioned { return v }

// versionedRow is a row with an id and a version.
type versionedRow interface{ keys() *Versioned }

// Stamps are when a row was made and last changed. The store writes them
// from the time it is given, never GORM from its own clock.
type Stamps struct {
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt time.Time `gorm:"autoUpdateTime:false"`
}

func stamps(created, updated time.Time) Stamps { return Stamps{created.UTC(), updated.UTC()} }

type userRow struct {
	Versioned
	Email        string
	Name         string
	Roles        string
	Lang         string
	TimeZone     string
	PasswordHash string
	Disabled     bool
	Stamps
}

func (userRow) TableName() string { return "users" }

func (r userRow) domain() *cotejo.User {
	roles, _ := cotejo.ParseRoles(r.Roles)
	return &cotejo.User{ID: r.ID, Email: r.Email, Name: r.Name, Roles: roles, Lang: r.Lang, TimeZone: r.TimeZone,
		PasswordHash: r.PasswordHash, Disabled: r.Disabled, Version: r.Version,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

func userToRow(u *cotejo.User) userRow {
	roles := make([]string, len(u.Roles))
	for i, r := range u.Roles {
		roles[i] = string(r)
	}
	return userRow{Versioned: Versioned{u.ID, u.Version}, Email: u.Email, Name: u.Name, Roles: strings.Join(roles, ","), Lang: u.Lang, TimeZone: u.TimeZone,
		PasswordHash: u.PasswordHash, Disabled: u.Disabled,
		Stamps: stamps(u.CreatedAt, u.UpdatedAt)}
}

type articleRow struct {
	Versioned
	Headline  string
	Dek       string
	Body      string
	Language  string
	Outlet    string
	Byline    string
	Dateline  string
	Status    string
	CreatedBy *int64
	Stamps
}

func (articleRow) TableName() string { return "articles" }

func (r articleRow) domain() *cotejo.Article {
	return &cotejo.Article{ID: r.ID, Headline: r.Headline, Dek: r.Dek, Body: r.Body, Language: r.Language,
		Outlet: r.Outlet, Byline: r.Byline, Dateline: r.Dateline, Status: cotejo.ArticleStatus(r.Status),
		Version: r.Version, CreatedBy: orZero(r.CreatedBy), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

func articleToRow(a *cotejo.Article) articleRow {
	return articleRow{Versioned: Versioned{a.ID, a.Version}, Headline: a.Headline, Dek: a.Dek, Body: a.Body, Language: a.Language,
		Outlet: a.Outlet, Byline: a.Byline, Dateline: a.Dateline, Status: string(a.Status),
		CreatedBy: nonZero(a.CreatedBy), Stamps: stamps(a.CreatedAt, a.UpdatedAt)}
}

type sourceRow struct {
	Versioned
	Kind       string
	Title      string
	Language   string
	URL        string `gorm:"column:url"`
	MediaURL   string `gorm:"column:media_url"`
	RecordedAt string
	Speakers   string
	Text       string
	TextLength int
	TextHash   string
	CreatedBy  *int64
	Stamps

	Duration  *float64 // NULL: not timed
	Recording *string  // JSON of cotejo.Recording; NULL: none uploaded
}

func (sourceRow) TableName() string { return "sources" }

func (r sourceRow) domain() *cotejo.Source {
	s := &cotejo.Source{ID: r.ID, Kind: cotejo.SourceKind(r.Kind), Title: r.Title, Language: r.Language,
		URL: r.URL, MediaURL: r.MediaURL, RecordedAt: r.RecordedAt, Text: r.Text, TextLength: r.TextLength, TextHash: r.TextHash, Version: r.Version,
		CreatedBy: orZero(r.CreatedBy), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	_ = json.Unmarshal([]byte(r.Speakers), &s.Speakers)
	if s.Speakers == nil {
		s.Speakers = []string{}
	}
	s.Timed, s.Duration = r.Duration != nil, r.Duration
	s.Recording = fromJSON[cotejo.Recording](r.Recording)
	return s
}

func sourceToRow(s *cotejo.Source) sourceRow {
	sp := s.Speakers
	if sp == nil {
		sp = []string{}
	}
	b, _ := json.Marshal(sp)
	r := sourceRow{Versioned: Versioned{s.ID, s.Version}, Kind: string(s.Kind), Title: s.Title, Language: s.Language, URL: s.URL,
		MediaURL: s.MediaURL, RecordedAt: s.RecordedAt, Speakers: string(b), Text: s.Text,
		TextLength: cotejo.RuneLen(s.Text), TextHash: TextHash(s.Text),
		CreatedBy: nonZero(s.CreatedBy), Stamps: stamps(s.CreatedAt, s.UpdatedAt)}
	if s.Timed && s.Duration != nil {
		d := *s.Duration
		r.Duration = &d
	}
	r.Recording = toJSON(s.Recording)
	return r
}

type quoteRow struct {
	Versioned
	ArticleID        int64
	Speaker          string
	OriginalText     string
	OriginalLang     string
	RenderingText    string
	RenderingLang    string
	SourceID         *int64
	SourceAnchor     *string
	ArticleAnchor    *string
	MediaStart       *float64
	MediaEnd         *float64
	EvidenceNote     string
	Status           string
	TranslatorID     *int64
	TranslatedAt     *time.Time
	VerifierID       *int64
	VerifiedAt       *time.Time
	ApproverID       *int64
	ApprovedAt       *time.Time
	LastEditorID     *int64
	StatusReason     string // a person's words, or what the code names
	StatusReasonCode string
	Overrides        string
	VerifiedHash     string
	OriginalKey      string // see wordKey
	RenderingKey     string
	Stamps

	MediaState    string
	MediaSelector *string // JSON of the W3C FragmentSelector of the media range
}

func (quoteRow) TableName() string { return "quotes" }

func (r quoteRow) domain() *cotejo.Quote {
	q := &cotejo.Quote{ID: r.ID, ArticleID: r.ArticleID, Speaker: r.Speaker,
		Original:  cotejo.LangText{Text: r.OriginalText, Lang: r.OriginalLang},
		Rendering: cotejo.LangText{Text: r.RenderingText, Lang: r.RenderingLang},
		SourceID:  r.SourceID, SourceAnchor: fromJSON[cotejo.Anchor](r.SourceAnchor), ArticleAnchor: fromJSON[cotejo.Anchor](r.ArticleAnchor),
		EvidenceNote: r.EvidenceNote, Status: cotejo.QuoteStatus(r.Status),
		TranslatorID: r.TranslatorID, TranslatedAt: utc(r.TranslatedAt),
		VerifierID: r.VerifierID, VerifiedAt: utc(r.VerifiedAt),
		ApproverID: r.ApproverID, ApprovedAt: utc(r.ApprovedAt),
		LastEditorID: r.LastEditorID, StatusReason: cotejo.Reason{Code: cotejo.ReasonCode(r.StatusReasonCode), Text: r.StatusReason},
		VerifiedHash: r.VerifiedHash, Version: r.Version,
		Keys:      cotejo.QuoteKeys{Original: r.OriginalKey, Rendering: r.RenderingKey},
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	q.Overrides = fromJSONList[cotejo.Override](r.Overrides)
	if r.MediaStart != nil && r.MediaEnd != nil {
		q.Media = &cotejo.MediaRange{Start: *r.MediaStart, End: *r.MediaEnd}
		q.MediaState = cotejo.MediaState(r.MediaState)
		q.MediaSelector = fromJSON[cotejo.FragmentSelector](r.MediaSelector)
	}
	return q
}

func quoteToRow(q *cotejo.Quote) quoteRow {
	r := quoteRow{Versioned: Versioned{q.ID, q.Version}, ArticleID: q.ArticleID, Speaker: q.Speaker,
		OriginalText: q.Original.Text, OriginalLang: q.Original.Lang,
		RenderingText: q.Rendering.Text, RenderingLang: q.Rendering.Lang,
		SourceID: q.SourceID, SourceAnchor: toJSON(q.SourceAnchor), ArticleAnchor: toJSON(q.ArticleAnchor),
		EvidenceNote: q.EvidenceNote, Status: string(q.Status),
		TranslatorID: q.TranslatorID, TranslatedAt: utc(q.TranslatedAt),
		VerifierID: q.VerifierID, VerifiedAt: utc(q.VerifiedAt),
		ApproverID: q.ApproverID, ApprovedAt: utc(q.ApprovedAt),
		LastEditorID: q.LastEditorID, StatusReason: q.StatusReason.Text, StatusReasonCode: string(q.StatusReason.Code),
		VerifiedHash: q.VerifiedHash,
		Overrides:    toJSONList(q.Overrides),
		OriginalKey:  wordKey(q.Original.Text), RenderingKey: wordKey(q.Rendering.Text),
		Stamps: stamps(q.CreatedAt, q.UpdatedAt)}
	if q.Media != nil {
		r.MediaStart, r.MediaEnd = &q.Media.Start, &q.Media.End
		r.MediaState = string(q.MediaState)
		if r.MediaState == "" {
			r.MediaState = string(cotejo.MediaManual)
		}
		r.MediaSelector = toJSON(q.Media.Selector())
	}
	return r
}

type eventRow struct {
	ID        int64 `gorm:"primaryKey"`
	At        time.Time
	UserID    *int64
	Entity    string
	EntityID  int64
	ArticleID *int64
	Action    string
	FromJSON  *string `gorm:"column:from_json"`
	ToJSON    *string `gorm:"column:to_json"`
	Reason    string  // a person's words, or what the code names
	// ReasonCode is the code of a reason Cotejo recorded; Payload the
	// version of the payload (1: before versions, with English reasons).
	ReasonCode string
	Payload    int
}

func (eventRow) TableName() string { return "events" }

func (r eventRow) domain() *cotejo.Event {
	e := &cotejo.Event{ID: r.ID, At: r.At.UTC(), UserID: r.UserID, Entity: cotejo.Entity(r.Entity),
		EntityID: r.EntityID, ArticleID: r.ArticleID, Action: r.Action, Payload: r.Payload,
		Reason: cotejo.Reason{Code: cotejo.ReasonCode(r.ReasonCode), Text: r.Reason}}
	if r.Payload < 2 && r.ReasonCode == "" {
		e.Reason = cotejo.ParseReason(r.Reason) // written in English, before reasons had codes
	}
	if r.FromJSON != nil {
		e.From = json.RawMessage(*r.FromJSON)
	}
	if r.ToJSON != nil {
		e.To = json.RawMessage(*r.ToJSON)
	}
	return e
}

type passageIgnoreRow struct {
	ID          int64 `gorm:"primaryKey"`
	ArticleID   int64
	StartOffset int
	EndOffset   int
	Exact       string
	Prefix      string
	Suffix      string
	State       string
	Reason      string
	UserID      *int64
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
}

func (passageIgnoreRow) TableName() string { return "passage_ignores" }

func (r passageIgnoreRow) domain() *cotejo.PassageIgnore {
	return &cotejo.PassageIgnore{ID: r.ID, ArticleID: r.ArticleID, Reason: r.Reason, CreatedAt: r.CreatedAt.UTC(),
		Anchor: cotejo.Anchor{Start: r.StartOffset, End: r.EndOffset, Exact: r.Exact, Prefix: r.Prefix,
			Suffix: r.Suffix, State: cotejo.AnchorState(r.State)}, UserID: orZero(r.UserID)}
}

type sessionRow struct {
	IDHash    string `gorm:"primaryKey;column:id_hash"`
	UserID    int64
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
	ExpiresAt time.Time
}

func (sessionRow) TableName() string { return "sessions" }

type tokenRow struct {
	ID         int64 `gorm:"primaryKey"`
	UserID     int64
	Name       string
	TokenHash  string
	Hint       string
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

func (tokenRow) TableName() string { return "api_tokens" }

func (r tokenRow) domain() *cotejo.APIToken {
	return &cotejo.APIToken{ID: r.ID, UserID: r.UserID, Name: r.Name, Hint: r.Hint, CreatedAt: r.CreatedAt.UTC(),
		LastUsedAt: utc(r.LastUsedAt), RevokedAt: utc(r.RevokedAt)}
}

type loginFailureRow struct {
	ID      int64 `gorm:"primaryKey"`
	Account string
	Address string
	At      time.Time
}

func (loginFailureRow) TableName() string { return "login_failures" }

// fromJSON reads a nullable JSON column (an anchor, a selector, a
// recording): nil for NULL, an empty or a bad value.
func fromJSON[T any](s *string) *T {
	if s == nil || *s == "" {
		return nil
	}
	var v T
	if json.Unmarshal([]byte(*s), &v) != nil {
		return nil
	}
	return &v
}

// toJSON writes a nullable JSON column: NULL for nil.
func toJSON[T any](v *T) *string {
	if v == nil {
		return nil
	}
	b, _ := json.Marshal(v)
	s := string(b)
	return &s
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func nonZero(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// orZero reads a nullable id column: 0 for NULL.
func orZero(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}

// fromJSONList reads a JSON array column; a bad value reads as empty, since
// only this package writes these columns.
func fromJSONList[T any](s string) []T {
	out := []T{}
	_ = json.Unmarshal([]byte(s), &out)
	if out == nil {
		out = []T{}
	}
	return out
}

func toJSONList[T any](v []T) string {
	if v == nil {
		v = []T{}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

type glossaryRow struct {
	Versioned
	SourceText   string
	SourceLang   string
	TargetText   string
	TargetLang   string
	Alternatives string
	Forbidden    string
	Note         string
	CreatedBy    *int64
	Stamps
}

func (glossaryRow) TableName() string { return "glossary_terms" }

func (r glossaryRow) domain() *cotejo.GlossaryTerm {
	return &cotejo.GlossaryTerm{ID: r.ID, Source: cotejo.LangText{Text: r.SourceText, Lang: r.SourceLang},
		Target:       cotejo.LangText{Text: r.TargetText, Lang: r.TargetLang},
		Alternatives: fromJSONList[string](r.Alternatives), Forbidden: fromJSONList[string](r.Forbidden),
		Note: r.Note, Version: r.Version, CreatedBy: orZero(r.CreatedBy), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

func glossaryToRow(g *cotejo.GlossaryTerm) glossaryRow {
	r := glossaryRow{Versioned: Versioned{g.ID, g.Version}, SourceText: g.Source.Text, SourceLang: g.Source.Lang, TargetText: g.Target.Text,
		TargetLang: g.Target.Lang, Alternatives: toJSONList(g.Alternatives), Forbidden: toJSONList(g.Forbidden),
		Note: g.Note, CreatedBy: nonZero(g.CreatedBy), Stamps: stamps(g.CreatedAt, g.UpdatedAt)}
	return r
}

type tmRow struct {
	ID         int64 `gorm:"primaryKey"`
	SourceText string
	SourceLang string
	TargetText string
	TargetLang string
	QuoteID    *int64
	Origin     string
	Note       string
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
}

func (tmRow) TableName() string { return "tm_units" }

func (r tmRow) domain() *cotejo.TMUnit {
	return &cotejo.TMUnit{ID: r.ID, Source: cotejo.LangText{Text: r.SourceText, Lang: r.SourceLang},
		Target: cotejo.LangText{Text: r.TargetText, Lang: r.TargetLang}, QuoteID: r.QuoteID,
		Origin: r.Origin, Note: r.Note, CreatedAt: r.CreatedAt.UTC()}
}

type commentRow struct {
	ID        int64 `gorm:"primaryKey"`
	QuoteID   int64
	ArticleID int64
	ParentID  *int64
	UserID    *int64
	Body      string
	Mentions  string
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
}

func (commentRow) TableName() string { return "comments" }

func (r commentRow) domain() *cotejo.Comment {
	return &cotejo.Comment{ID: r.ID, QuoteID: r.QuoteID, ArticleID: r.ArticleID, ParentID: r.ParentID, Body: r.Body,
		Mentions: fromJSONList[int64](r.Mentions), UserID: orZero(r.UserID), CreatedAt: r.CreatedAt.UTC()}
}
