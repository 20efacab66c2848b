package cotejo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Move is one step of a quote's life: the statuses it joins, who may take
// it, whether the four-eyes rule applies and whether a reason is required.
type Move struct {
	From     QuoteStatus `json:"from"`
	To       QuoteStatus `json:"to"`
	Roles    []Role      `json:"roles"`
	FourEyes bool        `json:"four_eyes"`
	Reason   bool        `json:"reason_required"`
	Reopen   bool        `json:"reopen"` // an editor takes back an approval; logged as such
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
	{From: QuoteDraft, To: QuoteTranslated, Roles: translators},
	{From: QuoteRejected, To: QuoteTranslated, Roles: translators},
	{From: QuoteNeedsReview, To: QuoteTranslated, Roles: translators},
	{From: QuoteTranslated, To: QuoteDraft, Roles: translators},
	{From: QuoteRejected, To: QuoteDraft, Roles: translators},
	{From: QuoteTranslated, To: QuoteVerified, Roles: reviewers, FourEyes: true},
	{From: QuoteNeedsReview, To: QuoteVerified, Roles: reviewers, FourEyes: true},
	{From: QuoteTranslated, To: QuoteRejected, Roles: rejecters, Reason: true},
	{From: QuoteNeedsReview, To: QuoteRejected, Roles: rejecters, Reason: true},
	{From: QuoteVerified, To: QuoteRejected, Roles: rejecters, Reason: true},
	{From: QuoteVerified, To: QuoteApproved, Roles: editors, FourEyes: true},
	{From: QuoteApproved, To: QuoteDraft, Roles: editors, Reopen: true},
	{From: QuoteApproved, To: QuoteNeedsReview, Roles: editors, Reopen: true},
}

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
			Details: map[string]any{"needs_one_of": anyRole}}
	}
	i := slices.IndexFunc(moves, func(m Move) bool { return m.From == q.Status && m.To == to })
	if i < 0 {
		return Move{}, &Error{Code: CodeInvalidMove, Field: "to",
			Message: fmt.Sprintf("A quote that is %s cannot move to %s.", q.Status, to),
			Details: map[string]any{"from": q.Status, "to": to, "allowed": MovesFrom(q.Status)}}
	}
	m := moves[i]
	if !actor.HasAny(m.Roles...) {
		return Move{}, &Error{Code: CodeForbidden, Message: fmt.Sprintf("Your roles do not allow you to move a %s quote to %s.", q.Status, to),
			Details: map[string]any{"needs_one_of": m.Roles}}
	}
	if m.FourEyes && (same(q.TranslatorID, actor.ID) || same(q.LastEditorID, actor.ID)) {
		who := "translated"
		if !same(q.TranslatorID, actor.ID) {
			who = "last edited"
		}
		return Move{}, &Error{Code: CodeFourEyes,
			Message: fmt.Sprintf("You %s this quote; another person must check it.", who),
			Details: map[string]any{"translator_id": q.TranslatorID, "last_editor_id": q.LastEditorID}}
	}
	if m.To == QuoteApproved && same(q.VerifierID, actor.ID) {
		if s.FourEyesApproval != ApprovalRelaxed {
			return Move{}, &Error{Code: CodeFourEyes, Message: "You verified this quote; another person must approve it.",
				Details: map[string]any{"verifier_id": q.VerifierID}}
		}
		m.Relaxed = true
	}
	if m.Reason && reason == "" {
		return Move{}, FieldError(CodeInvalid, "reason", "Say why: a reason is required to move a quote to %s.", to)
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
	q.StatusReason = reason
	switch m.To {
	case QuoteTranslated:
		q.TranslatorID, q.TranslatedAt = &actor.ID, &at
	case QuoteVerified:
		q.VerifierID, q.VerifiedAt = &actor.ID, &at
		q.VerifiedHash = q.Fingerprint()
	case QuoteApproved:
		q.ApproverID, q.ApprovedAt = &actor.ID, &at
	case QuoteRejected, QuoteDraft:
		q.VerifierID, q.VerifiedAt, q.VerifiedHash = nil, nil, ""
		q.ApproverID, q.ApprovedAt = nil, nil
		q.Overrides = []Override{}
	case QuoteNeedsReview:
		q.ApproverID, q.ApprovedAt = nil, nil
	}
}

// Fingerprint is a hash of everything a verification vouches for: the
// speaker, both texts with their languages, the evidence and where the
// rendering stands. A verified quote whose fingerprint changed is no longer
// what was verified.
func (q *Quote) Fingerprint() string {
	h := sha256.New()
	field := func(s string) { fmt.Fprintf(h, "%d:%s;", len(s), s) }
	field(q.Speaker)
	field(q.Original.Text)
	field(q.Original.Lang)
	field(q.Rendering.Text)
	field(q.Rendering.Lang)
	field(q.EvidenceNote)
	if q.SourceID != nil {
		field(strconv.FormatInt(*q.SourceID, 10))
	} else {
		field("")
	}
	for _, a := range []*Anchor{q.SourceAnchor, q.ArticleAnchor} {
		if a == nil {
			field("")
			continue
		}
		field(fmt.Sprintf("%d-%d", a.Start, a.End))
		field(a.Exact)
	}
	if q.Media != nil {
		field(fmt.Sprintf("%g-%g", q.Media.Start, q.Media.End))
	} else {
		field("")
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Stale reports whether a verified or approved quote no longer matches the
// fingerprint its verification recorded.
func (q *Quote) Stale() bool {
	return (q.Status == QuoteVerified || q.Status == QuoteApproved) && q.VerifiedHash != "" && q.VerifiedHash != q.Fingerprint()
}

// Override is a reviewer's decision to let a warning stand, with the reason.
type Override struct {
	Code   string    `json:"code"`
	Reason string    `json:"reason"`
	UserID int64     `json:"user_id"`
	At     time.Time `json:"at"`
}

// articleMove is one step of an article's life.
type articleMove struct {
	From, To ArticleStatus
	Roles    []Role
	Gate     bool // every passage resolved, every quote approved
	Reason   bool
}

var articleMoves = []articleMove{
	{From: ArticleDraft, To: ArticleInReview, Roles: []Role{RoleTranslator, RoleEditor}},
	{From: ArticleInReview, To: ArticleApproved, Roles: editors, Gate: true},
	{From: ArticleDraft, To: ArticleApproved, Roles: editors, Gate: true},
	{From: ArticleApproved, To: ArticlePublished, Roles: editors, Gate: true},
	{From: ArticleInReview, To: ArticleDraft, Roles: []Role{RoleTranslator, RoleEditor}},
	{From: ArticleApproved, To: ArticleDraft, Roles: editors},
	{From: ArticlePublished, To: ArticleDraft, Roles: editors, Reason: true},
}

// MayMoveArticle says whether actor may move article a to status to, and
// whether the approval gate applies (the caller holds the blockers).
func MayMoveArticle(actor *User, a *Article, to ArticleStatus, reason string) (gate bool, err error) {
	if actor == nil {
		return false, Errorf(CodeUnauthorized, "Log in first.")
	}
	if !to.Valid() {
		return false, FieldError(CodeInvalid, "to", "%q is not an article status.", to)
	}
	var anyRole []Role
	for _, m := range articleMoves {
		if m.To == to {
			anyRole = append(anyRole, m.Roles...)
		}
	}
	if !actor.HasAny(anyRole...) {
		return false, &Error{Code: CodeForbidden, Message: fmt.Sprintf("Your roles do not allow you to move an article to %s.", to),
			Details: map[string]any{"needs_one_of": anyRole}}
	}
	i := slices.IndexFunc(articleMoves, func(m articleMove) bool { return m.From == a.Status && m.To == to })
	if i < 0 {
		return false, &Error{Code: CodeInvalidMove, Field: "to", Message: fmt.Sprintf("An article that is %s cannot move to %s.", a.Status, to),
			Details: map[string]any{"from": a.Status, "to": to}}
	}
	m := articleMoves[i]
	if !actor.HasAny(m.Roles...) {
		return false, &Error{Code: CodeForbidden, Message: fmt.Sprintf("Your roles do not allow you to move a %s article to %s.", a.Status, to),
			Details: map[string]any{"needs_one_of": m.Roles}}
	}
	if m.Reason && reason == "" {
		return false, FieldError(CodeInvalid, "reason", "Say why: a reason is required to reopen a published article.")
	}
	return m.Gate, nil
}
