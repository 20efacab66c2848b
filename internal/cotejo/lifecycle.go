package cotejo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// The statuses of a quote.
const (
	QuoteDraft       QuoteStatus = "draft"
	QuoteTranslated  QuoteStatus = "translated"
	QuoteVerified    QuoteStatus = "verified"
	QuoteApproved    QuoteStatus = "approved"
	QuoteNeedsReview QuoteStatus = "needs_review"
	QuoteRejected    QuoteStatus = "rejected"
)

// Tone is how a status looks: the CSS class of its badge and of the
// passages it marks (web/static/css/cotejo.css styles each tone). A new
// status picks one of the tones, so that it needs no new style.
type Tone string

// The tones.
const (
	ToneNeutral  Tone = "tone-neutral"  // not yet worked on
	ToneProgress Tone = "tone-progress" // handed on, waiting for a check
	ToneGood     Tone = "tone-good"     // checked
	ToneDone     Tone = "tone-done"     // approved, published
	ToneAlert    Tone = "tone-alert"    // needs a new look
	ToneBack     Tone = "tone-back"     // sent back
)

// Tones lists every tone.
var Tones = []Tone{ToneNeutral, ToneProgress, ToneGood, ToneDone, ToneAlert, ToneBack}

// QuoteStatusInfo is what the rest of Cotejo knows about a quote status:
// its name in the UI (an English key the catalogs translate), its tone,
// whose move a quote in it waits for, how the exchange formats say it, and
// what it means for the verification.
type QuoteStatusInfo struct {
	Status   QuoteStatus
	Label    string
	Tone     Tone
	WaitsFor Role // "" when the quote waits for nobody
	// XLIFF12 is the XLIFF 1.2 target state, with approved="yes" when
	// XLIFF12Approved; XLIFF20 the XLIFF 2.0 segment state.
	XLIFF12         string
	XLIFF12Approved bool
	XLIFF20         string
	// Vouched says a verification stands behind the quote, which a change
	// of what it vouches for takes back (to needs_review).
	Vouched bool
	// Clears says a move here takes back the verification and approval.
	Clears bool
}

// quoteStatuses is the one table of quote statuses, in the order of a
// quote's life.
var quoteStatuses = table[QuoteStatus, QuoteStatusInfo]{
	{Status: QuoteDraft, Label: "Draft", Tone: ToneNeutral, WaitsFor: RoleTranslator,
		XLIFF12: "new", XLIFF20: "initial", Clears: true},
	{Status: QuoteTranslated, Label: "Translated", Tone: ToneProgress, WaitsFor: RoleReviewer,
		XLIFF12: "translated", XLIFF20: "translated"},
	{Status: QuoteVerified, Label: "Verified", Tone: ToneGood, WaitsFor: RoleEditor,
		XLIFF12: "signed-off", XLIFF12Approved: true, XLIFF20: "reviewed", Vouched: true},
	{Status: QuoteApproved, Label: "Approved", Tone: ToneDone,
		XLIFF12: "final", XLIFF12Approved: true, XLIFF20: "final", Vouched: true},
	{Status: QuoteNeedsReview, Label: "Needs review", Tone: ToneAlert, WaitsFor: RoleReviewer,
		XLIFF12: "needs-review-translation", XLIFF20: "initial"},
	{Status: QuoteRejected, Label: "Rejected", Tone: ToneBack, WaitsFor: RoleTranslator,
		XLIFF12: "new", XLIFF20: "initial", Clears: true},
}

// QuoteStatuses lists every status, in the order of a quote's life.
var QuoteStatuses = quoteStatuses.keys()

func (i QuoteStatusInfo) key() QuoteStatus { return i.Status }

// QuoteStatusTable returns the table of quote statuses.
func QuoteStatusTable() []QuoteStatusInfo { return quoteStatuses.clone() }

// Info returns what the table says of s; the zero value (with s as its
// label) for a status it does not know.
func (s QuoteStatus) Info() QuoteStatusInfo {
	return quoteStatuses.or(s, QuoteStatusInfo{Status: s, Label: string(s), Tone: ToneNeutral})
}

// Valid reports whether s is a known quote status.
func (s QuoteStatus) Valid() bool { return quoteStatuses.has(s) }

// Move is one step of a quote's life: the statuses it joins, who may take
// it, whether the four-eyes rule applies and whether a reason is required.
type Move struct {
	From     QuoteStatus `json:"from"`
	To       QuoteStatus `json:"to"`
	Roles    []Role      `json:"roles"`
	FourEyes bool        `json:"four_eyes"`
	Reason   bool        `json:"reason_required"`
	Reopen   bool        `json:"reopen"` // an editor takes back an approval; logged as such
	// Label names the move's button (an English key the catalogs translate).
	Label string `json:"-"`
	// Relaxed says that only the relaxed approval rule allows this move:
	// the approver is the quote's verifier. The history records it.
	Relaxed bool `json:"-"`
}

var (
	translators = []Role{RoleTranslator}
	reviewers   = []Role{RoleReviewer}
	editors     = []Role{RoleEditor}
	rejecters   = []Role{RoleReviewer, RoleEditor}
)

// moves is the quote's life (PRODUCT.md): draft → translated → verified →
// approved; rejected with a reason back to the translator; needs_review when
// what was verified changed. needs_review is never chosen by hand: edits and
// inexact re-anchors set it (see Quote.Fingerprint).
var moves = []Move{
	{From: QuoteDraft, To: QuoteTranslated, Roles: translators, Label: "Mark translated"},
	{From: QuoteRejected, To: QuoteTranslated, Roles: translators, Label: "Mark translated"},
	{From: QuoteNeedsReview, To: QuoteTranslated, Roles: translators, Label: "Mark translated"},
	{From: QuoteTranslated, To: QuoteDraft, Roles: translators, Label: "Back to draft"},
	{From: QuoteRejected, To: QuoteDraft, Roles: translators, Label: "Back to draft"},
	{From: QuoteTranslated, To: QuoteVerified, Roles: reviewers, FourEyes: true, Label: "Verify"},
	{From: QuoteNeedsReview, To: QuoteVerified, Roles: reviewers, FourEyes: true, Label: "Verify"},
	{From: QuoteTranslated, To: QuoteRejected, Roles: rejecters, Reason: true, Label: "Reject"},
	{From: QuoteNeedsReview, To: QuoteRejected, Roles: rejecters, Reason: true, Label: "Reject"},
	{From: QuoteVerified, To: QuoteRejected, Roles: rejecters, Reason: true, Label: "Reject"},
	{From: QuoteVerified, To: QuoteApproved, Roles: editors, FourEyes: true, Label: "Approve"},
	{From: QuoteApproved, To: QuoteDraft, Roles: editors, Reopen: true, Label: "Reopen"},
	{From: QuoteApproved, To: QuoteNeedsReview, Roles: editors, Reopen: true, Label: "Reopen for review"},
}

// QuoteMove returns the move from one status to another, if there is one.
func QuoteMove(from, to QuoteStatus) (Move, bool) {
	i := slices.IndexFunc(moves, func(m Move) bool { return m.From == from && m.To == to })
	if i < 0 {
		return Move{}, false
	}
	return moves[i], true
}

// QuoteMoves lists every move of a quote's life.
func QuoteMoves() []Move { return slices.Clone(moves) }

// MovesFrom lists the steps a quote in status s can take, whoever takes them.
func MovesFrom(s QuoteStatus) []Move {
	var out []Move
	for _, m := range moves {
		if m.From == s {
			out = append(out, m)
		}
	}
	return out
}

// CanTransition reports whether a quote may move from one status to another
// at all, whoever asks.
func CanTransition(from, to QuoteStatus) bool {
	return slices.ContainsFunc(moves, func(m Move) bool { return m.From == from && m.To == to })
}

// MayMove says whether actor may move q to status to under the default
// settings (the strict approval rule); see Settings.MayMove.
func MayMove(actor *User, q *Quote, to QuoteStatus, reason string) (Move, error) {
	return Settings{}.MayMove(actor, q, to, reason)
}

// MayMove says whether actor may move q to status to under the newsroom's
// settings, and why not: a CodeInvalidMove error when the status does not
// allow it (422), CodeForbidden when none of the actor's roles does (403),
// CodeFourEyes when the actor translated or last edited the quote, or
// verified it and would now approve it while the strict approval rule holds
// (403), CodeInvalid when a reason is required and missing. Roles are
// checked before the status, so that a person who could never take such a
// step hears that, whatever the quote's status.
func (s Settings) MayMove(actor *User, q *Quote, to QuoteStatus, reason string) (Move, error) {
	m, err := s.mayMove(actor, q, to)
	if err != nil {
		return Move{}, err
	}
	if m.Reason && reason == "" {
		e := FieldError(CodeInvalid, "reason", "Say why: a reason is required to move a quote to %s.", to)
		e.Details = Required{Field: "reason", For: string(to)}
		if m.Reopen {
			e.Details = Required{Field: "reason", For: "reopen"}
		}
		return Move{}, e
	}
	return m, nil
}

// MoveChoice is a move of a quote and whether a person may make it: Err
// says why not (nil when they may).
type MoveChoice struct {
	Move
	Err error
}

// Moves lists the moves out of q's status with, for each, whether actor may
// make it now (a reason, where one is required, is theirs to give).
func (s Settings) Moves(actor *User, q *Quote) []MoveChoice {
	var out []MoveChoice
	for _, m := range MovesFrom(q.Status) {
		mm, err := s.mayMove(actor, q, m.To)
		if err == nil {
			m = mm
		}
		out = append(out, MoveChoice{Move: m, Err: err})
	}
	return out
}

// InvalidMove is the detail of a CodeInvalidMove error of a quote: where it
// stands, where it was asked to go, and the moves from there.
type InvalidMove struct {
	From    QuoteStatus `json:"from"`
	To      QuoteStatus `json:"to"`
	Allowed []Move      `json:"allowed"`
}

// FourEyesDetail is the detail of a CodeFourEyes error: who did the work
// that another person must check.
type FourEyesDetail struct {
	TranslatorID *int64 `json:"translator_id"`
	LastEditorID *int64 `json:"last_editor_id"`
	VerifierID   *int64 `json:"verifier_id"`
}

func (s Settings) mayMove(actor *User, q *Quote, to QuoteStatus) (Move, error) {
	if actor == nil {
		return Move{}, Errorf(CodeUnauthorized, "Log in first.")
	}
	if !to.Valid() {
		return Move{}, FieldError(CodeInvalid, "to", "%q is not a quote status.", to)
	}
	var anyRole []Role
	for _, m := range moves {
		if m.To == to {
			anyRole = append(anyRole, m.Roles...)
		}
	}
	slices.Sort(anyRole)
	anyRole = slices.Compact(anyRole)
	if !actor.HasAny(anyRole...) {
		return Move{}, &Error{Code: CodeForbidden, Message: fmt.Sprintf("Your roles do not allow you to move a quote to %s.", to),
			Details: NeedsRole{NeedsOneOf: anyRole}}
	}
	m, ok := QuoteMove(q.Status, to)
	if !ok {
		return Move{}, &Error{Code: CodeInvalidMove, Field: "to",
			Message: fmt.Sprintf("A quote that is %s cannot move to %s.", q.Status, to),
			Details: InvalidMove{From: q.Status, To: to, Allowed: MovesFrom(q.Status)}}
	}
	if !actor.HasAny(m.Roles...) {
		return Move{}, &Error{Code: CodeForbidden, Message: fmt.Sprintf("Your roles do not allow you to move a %s quote to %s.", q.Status, to),
			Details: NeedsRole{NeedsOneOf: m.Roles}}
	}
	if m.FourEyes && (same(q.TranslatorID, actor.ID) || same(q.LastEditorID, actor.ID)) {
		who := "translated"
		if !same(q.TranslatorID, actor.ID) {
			who = "last edited"
		}
		return Move{}, &Error{Code: CodeFourEyes,
			Message: fmt.Sprintf("You %s this quote; another person must check it.", who),
			Details: FourEyesDetail{TranslatorID: q.TranslatorID, LastEditorID: q.LastEditorID, VerifierID: q.VerifierID}}
	}
	if m.To == QuoteApproved && same(q.VerifierID, actor.ID) {
		if s.FourEyesApproval != ApprovalRelaxed {
			return Move{}, &Error{Code: CodeFourEyes, Message: "You verified this quote; another person must approve it.",
				Details: FourEyesDetail{TranslatorID: q.TranslatorID, LastEditorID: q.LastEditorID, VerifierID: q.VerifierID}}
		}
		m.Relaxed = true
	}
	return m, nil
}

func same(id *int64, actor int64) bool { return id != nil && *id == actor }

// Apply records the move on the quote: the status, and who took it and when
// for the steps that name a person. A verification is bound to the
// fingerprint of what was verified; a rejection or reopening clears the
// verification and approval it takes back.
func (m Move) Apply(q *Quote, actor *User, at time.Time, reason string) {
	q.Status = m.To
	q.StatusReason = Said(reason)
	switch m.To {
	case QuoteTranslated:
		q.TranslatorID, q.TranslatedAt = &actor.ID, &at
	case QuoteVerified:
		q.VerifierID, q.VerifiedAt = &actor.ID, &at
		q.VerifiedHash = q.Fingerprint()
	case QuoteApproved:
		q.ApproverID, q.ApprovedAt = &actor.ID, &at
	case QuoteNeedsReview:
		q.ApproverID, q.ApprovedAt = nil, nil
	}
	if m.To.Info().Clears {
		q.VerifierID, q.VerifiedAt, q.VerifiedHash = nil, nil, ""
		q.ApproverID, q.ApprovedAt = nil, nil
		q.Overrides = []Override{}
	}
}

// vouched is everything a verification vouches for, part by part: the
// speaker, both texts with their languages, the evidence and where the
// rendering stands. Fingerprint hashes it; ChangedVouched names the parts
// that differ; so what sends a verified quote back to review and what the
// history says changed are one list.
var vouched = []struct {
	name  string
	parts func(q *Quote) []string
}{
	{"speaker", func(q *Quote) []string { return []string{q.Speaker} }},
	{"original", func(q *Quote) []string { return []string{q.Original.Text, q.Original.Lang} }},
	{"rendering", func(q *Quote) []string { return []string{q.Rendering.Text, q.Rendering.Lang} }},
	{"evidence_note", func(q *Quote) []string { return []string{q.EvidenceNote} }},
	{"source_anchor", func(q *Quote) []string {
		id := ""
		if q.SourceID != nil {
			id = strconv.FormatInt(*q.SourceID, 10)
		}
		return append([]string{id}, anchorParts(q.SourceAnchor)...)
	}},
	{"article_anchor", func(q *Quote) []string { return anchorParts(q.ArticleAnchor) }},
	{"media", func(q *Quote) []string {
		if q.Media == nil {
			return []string{""}
		}
		return []string{fmt.Sprintf("%g-%g", q.Media.Start, q.Media.End)}
	}},
}

func anchorParts(a *Anchor) []string {
	if a == nil {
		return []string{""}
	}
	return []string{fmt.Sprintf("%d-%d", a.Start, a.End), a.Exact}
}

// Fingerprint is a hash of everything a verification vouches for (see
// vouched). A verified quote whose fingerprint changed is no longer what
// was verified.
func (q *Quote) Fingerprint() string {
	h := sha256.New()
	for _, v := range vouched {
		for _, p := range v.parts(q) {
			fmt.Fprintf(h, "%d:%s;", len(p), p)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ChangedVouched names the parts of what a verification vouches for that
// differ between two versions of a quote (speaker, original, rendering,
// evidence_note, source_anchor, article_anchor, media); none when their
// fingerprints agree.
func ChangedVouched(a, b *Quote) []string {
	var out []string
	for _, v := range vouched {
		if !slices.Equal(v.parts(a), v.parts(b)) {
			out = append(out, v.name)
		}
	}
	return out
}

// Stale reports whether a verified or approved quote no longer matches the
// fingerprint its verification recorded.
func (q *Quote) Stale() bool {
	return q.Status.Info().Vouched && q.VerifiedHash != "" && q.VerifiedHash != q.Fingerprint()
}

// Override is a reviewer's decision to let a warning stand, with the reason.
type Override struct {
	Code   string    `json:"code"`
	Reason string    `json:"reason"`
	UserID int64     `json:"user_id"`
	At     time.Time `json:"at"`
}

// The statuses of an article: it moves draft → in_review → approved →
// published; an editor can send it back to draft.
const (
	ArticleDraft     ArticleStatus = "draft"
	ArticleInReview  ArticleStatus = "in_review"
	ArticleApproved  ArticleStatus = "approved"
	ArticlePublished ArticleStatus = "published"
)

// ArticleStatusInfo is what the rest of Cotejo knows about an article
// status: its name in the UI and its tone.
type ArticleStatusInfo struct {
	Status ArticleStatus
	Label  string
	Tone   Tone
}

// articleStatuses is the one table of article statuses, in life order.
var articleStatuses = table[ArticleStatus, ArticleStatusInfo]{
	{ArticleDraft, "Draft", ToneNeutral},
	{ArticleInReview, "In review", ToneProgress},
	{ArticleApproved, "Approved", ToneDone},
	{ArticlePublished, "Published", ToneDone},
}

// ArticleStatuses lists every article status, in life order.
var ArticleStatuses = articleStatuses.keys()

func (i ArticleStatusInfo) key() ArticleStatus { return i.Status }

// ArticleStatusTable returns the table of article statuses.
func ArticleStatusTable() []ArticleStatusInfo { return articleStatuses.clone() }

// Info returns what the table says of s.
func (s ArticleStatus) Info() ArticleStatusInfo {
	return articleStatuses.or(s, ArticleStatusInfo{Status: s, Label: string(s), Tone: ToneNeutral})
}

// Valid reports whether s is a known article status.
func (s ArticleStatus) Valid() bool { return articleStatuses.has(s) }

// ArticleMove is one step of an article's life.
type ArticleMove struct {
	From, To ArticleStatus
	Roles    []Role
	Gate     bool // every passage resolved, every quote approved
	Reason   bool
	Label    string // the button's name, an English key
}

var articleMoves = []ArticleMove{
	{From: ArticleDraft, To: ArticleInReview, Roles: []Role{RoleTranslator, RoleEditor}, Label: "Submit for review"},
	{From: ArticleInReview, To: ArticleApproved, Roles: editors, Gate: true, Label: "Approve"},
	{From: ArticleDraft, To: ArticleApproved, Roles: editors, Gate: true, Label: "Approve"},
	{From: ArticleApproved, To: ArticlePublished, Roles: editors, Gate: true, Label: "Publish"},
	{From: ArticleInReview, To: ArticleDraft, Roles: []Role{RoleTranslator, RoleEditor}, Label: "Back to draft"},
	{From: ArticleApproved, To: ArticleDraft, Roles: editors, Label: "Reopen"},
	{From: ArticlePublished, To: ArticleDraft, Roles: editors, Reason: true, Label: "Reopen"},
}

// ArticleMoves lists every move of an article's life.
func ArticleMoves() []ArticleMove { return slices.Clone(articleMoves) }

// InvalidArticleMove is the detail of a CodeInvalidMove error of an article.
type InvalidArticleMove struct {
	From ArticleStatus `json:"from"`
	To   ArticleStatus `json:"to"`
}

// MayMoveArticle says whether actor may move article a to status to, and
// whether the approval gate applies (the caller holds the blockers).
func MayMoveArticle(actor *User, a *Article, to ArticleStatus, reason string) (gate bool, err error) {
	m, err := mayMoveArticle(actor, a, to)
	if err != nil {
		return false, err
	}
	if m.Reason && reason == "" {
		e := FieldError(CodeInvalid, "reason", "Say why: a reason is required to reopen a published article.")
		e.Details = Required{Field: "reason", For: "reopen"}
		return false, e
	}
	return m.Gate, nil
}

// ArticleMovesFor lists the moves out of a's status that actor may make
// (a reason, where one is required, is theirs to give).
func ArticleMovesFor(actor *User, a *Article) []ArticleMove {
	var out []ArticleMove
	for _, m := range articleMoves {
		if m.From != a.Status {
			continue
		}
		if _, err := mayMoveArticle(actor, a, m.To); err == nil {
			out = append(out, m)
		}
	}
	return out
}

func mayMoveArticle(actor *User, a *Article, to ArticleStatus) (ArticleMove, error) {
	if actor == nil {
		return ArticleMove{}, Errorf(CodeUnauthorized, "Log in first.")
	}
	if !to.Valid() {
		return ArticleMove{}, FieldError(CodeInvalid, "to", "%q is not an article status.", to)
	}
	var anyRole []Role
	for _, m := range articleMoves {
		if m.To == to {
			anyRole = append(anyRole, m.Roles...)
		}
	}
	if !actor.HasAny(anyRole...) {
		return ArticleMove{}, &Error{Code: CodeForbidden, Message: fmt.Sprintf("Your roles do not allow you to move an article to %s.", to),
			Details: NeedsRole{NeedsOneOf: anyRole}}
	}
	i := slices.IndexFunc(articleMoves, func(m ArticleMove) bool { return m.From == a.Status && m.To == to })
	if i < 0 {
		return ArticleMove{}, &Error{Code: CodeInvalidMove, Field: "to", Message: fmt.Sprintf("An article that is %s cannot move to %s.", a.Status, to),
			Details: InvalidArticleMove{From: a.Status, To: to}}
	}
	m := articleMoves[i]
	if !actor.HasAny(m.Roles...) {
		return ArticleMove{}, &Error{Code: CodeForbidden, Message: fmt.Sprintf("Your roles do not allow you to move a %s article to %s.", a.Status, to),
			Details: NeedsRole{NeedsOneOf: m.Roles}}
	}
	return m, nil
}
