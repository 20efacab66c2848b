package workflow

import (
	"context"
	"fmt"
	"strings"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// Blocker is one reason an article cannot be approved yet, and whose move it is.
type Blocker struct {
	Kind       string             `json:"kind"` // unlinked_passage, quote_not_approved
	Message    string             `json:"message"`
	Start      *int               `json:"start,omitempty"`
	End        *int               `json:"end,omitempty"`
	Text       string             `json:"text,omitempty"`
	QuoteID    *int64             `json:"quote_id,omitempty"`
	Status     cotejo.QuoteStatus `json:"status,omitempty"`
	WaitingFor cotejo.Role        `json:"waiting_for"`
}

// Readiness is how far an article is from approval.
type Readiness struct {
	ArticleID       int64                `json:"article_id"`
	Status          cotejo.ArticleStatus `json:"status"`
	Quotes          cotejo.QuoteCounts   `json:"quotes"`
	Passages        int                  `json:"passages"`
	LinkedPassages  int                  `json:"linked_passages"`
	IgnoredPassages int                  `json:"ignored_passages"`
	// ResolvedPassages counts the passages marked not-a-translated-quote or
	// linked to a complete quote (see PassageView.Resolved).
	ResolvedPassages int           `json:"resolved_passages"`
	UnlinkedPassages []PassageView `json:"unlinked_passages"`
	Blockers         []Blocker     `json:"blockers"`
	Approvable       bool          `json:"approvable"`
}

// Blocker kinds.
const (
	BlockerUnlinkedPassage  = "unlinked_passage"
	BlockerQuoteNotApproved = "quote_not_approved"
)

// ReadinessOf computes an article's readiness from loaded values. The gate
// of PRODUCT.md: every detected passage is linked to an approved quote or
// marked not-a-translated-quote; and, so that no unverified quotation slips
// through because its anchor was lost, every quote of the article is approved.
func ReadinessOf(v *ArticleView) Readiness {
	return ReadinessFrom(v.Article, v.Quotes, JoinPassages(v.Article, v.Quotes, v.Ignores))
}

// ReadinessFrom is ReadinessOf for a caller that has joined the passages
// already (see JoinPassages), so that the body is not scanned twice.
func ReadinessFrom(a *cotejo.Article, quotes []*cotejo.Quote, passages []PassageView) Readiness {
	r := Readiness{ArticleID: a.ID, Status: a.Status, UnlinkedPassages: []PassageView{}, Blockers: []Blocker{}}
	for _, q := range quotes {
		r.Quotes.Add(q.Status)
	}
	for _, p := range passages {
		// A nested passage (a quote within a quote) shares the fate of the
		// one around it, which is the one to link or mark.
		if p.Depth > 0 {
			continue
		}
		r.Passages++
		if p.Resolved() {
			r.ResolvedPassages++
		}
		switch {
		case p.Ignored:
			r.IgnoredPassages++
		case p.Linked():
			r.LinkedPassages++
		default:
			r.UnlinkedPassages = append(r.UnlinkedPassages, p)
			start, end := p.Start, p.End
			r.Blockers = append(r.Blockers, Blocker{Kind: BlockerUnlinkedPassage, Start: &start, End: &end, Text: p.Text,
				WaitingFor: cotejo.RoleTranslator,
				Message:    fmt.Sprintf("The passage %q is linked to no quote and not marked as not a translated quote.", clip(p.Text, 80))})
		}
	}
	for _, q := range quotes {
		if q.Status == cotejo.QuoteApproved {
			continue
		}
		id := q.ID
		r.Blockers = append(r.Blockers, Blocker{Kind: BlockerQuoteNotApproved, QuoteID: &id, Status: q.Status,
			Text: q.Rendering.Text, WaitingFor: q.Status.Info().WaitsFor,
			Message: fmt.Sprintf("Quote %d (%q) is %s, not approved.", q.ID, clip(q.Rendering.Text, 60), strings.ReplaceAll(string(q.Status), "_", " "))})
	}
	r.Approvable = len(r.Blockers) == 0
	return r
}

func clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

// Readiness loads an article and computes its readiness.
func (s *Service) Readiness(ctx context.Context, articleID int64) (*Readiness, error) {
	snap, err := s.Snapshot(ctx, articleID)
	if err != nil {
		return nil, err
	}
	r := snap.Readiness
	return &r, nil
}

// ArticleTransition asks to move an article.
type ArticleTransition struct {
	To     cotejo.ArticleStatus `json:"to"`
	Reason string               `json:"reason"`
}

// TransitionArticle moves an article along draft → in_review → approved →
// published, or back to draft. Approval and publication pass the gate:
// otherwise CodeBlocked with the blockers in the details.
func (s *Service) TransitionArticle(ctx context.Context, actor *cotejo.User, id int64, base int, in ArticleTransition) (*cotejo.Article, error) {
	if err := cotejo.CheckText("reason", in.Reason); err != nil {
		return nil, err
	}
	reason := strings.TrimSpace(cotejo.Canonical(in.Reason))
	var out *cotejo.Article
	err := s.store.InTx(ctx, func(tx Tx) error {
		a, err := kindArticle.at(ctx, tx, id, base)
		if err != nil {
			return err
		}
		gate, err := cotejo.MayMoveArticle(actor, a, in.To, reason)
		if err != nil {
			return err
		}
		if gate {
			r, err := readinessIn(ctx, tx, a)
			if err != nil {
				return err
			}
			if !r.Approvable {
				return &cotejo.Error{Code: cotejo.CodeBlocked,
					Message: fmt.Sprintf("The article cannot be %s yet: %d problems remain.", in.To, len(r.Blockers)),
					Details: ArticleBlocked{Blockers: r.Blockers, Readiness: r}}
			}
		}
		before := a.Status
		a.Status, a.UpdatedAt = in.To, s.Now()
		if err := tx.UpdateArticle(ctx, a); err != nil {
			return err
		}
		out = a
		return s.record(ctx, tx, actor, cotejo.EntityArticle, a.ID, &a.ID, cotejo.ActionTransition,
			Record{Status: string(before)}, Record{Status: string(a.Status)}, cotejo.Said(reason))
	})
	return out, err
}

// readinessIn is the readiness of article a as transaction tx sees it.
func readinessIn(ctx context.Context, tx Tx, a *cotejo.Article) (Readiness, error) {
	v := &ArticleView{Article: a}
	var err error
	if v.Quotes, err = tx.Quotes(ctx, a.ID); err != nil {
		return Readiness{}, err
	}
	if v.Ignores, err = tx.PassageIgnores(ctx, a.ID); err != nil {
		return Readiness{}, err
	}
	return ReadinessOf(v), nil
}

// keepApproval takes an approved article back to in_review when a change in
// the transaction left it short of the gate (a quote reopened, added or
// deleted, a passage unmarked): what the editor approved is no longer what
// is there. The article was loaded in tx, which holds it against concurrent
// changes, so an approval and such a change cannot cross.
func (s *Service) keepApproval(ctx context.Context, tx Tx, actor *cotejo.User, a *cotejo.Article, why cotejo.ReasonCode) error {
	if a.Status != cotejo.ArticleApproved {
		return nil
	}
	r, err := readinessIn(ctx, tx, a)
	if err != nil || r.Approvable {
		return err
	}
	a.Status, a.UpdatedAt = cotejo.ArticleInReview, s.Now()
	if err := tx.UpdateArticle(ctx, a); err != nil {
		return err
	}
	return s.record(ctx, tx, actor, cotejo.EntityArticle, a.ID, &a.ID, cotejo.ActionTransition,
		Record{Status: string(cotejo.ArticleApproved)}, Record{Status: string(a.Status)}, cotejo.Because(why))
}

// changeableArticle loads the article a change is about, for the rest of
// the transaction, and refuses a published one: it is frozen until an
// editor reopens it.
func changeableArticle(ctx context.Context, tx Tx, id int64) (*cotejo.Article, error) {
	a, err := tx.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.Status == cotejo.ArticlePublished {
		return nil, published()
	}
	return a, nil
}

// ApprovalResult is what approving the verified quotes of an article did
// with one of them: approved, or refused with the reason (Err).
type ApprovalResult struct {
	QuoteID   int64  `json:"quote_id"`
	Rendering string `json:"rendering"`
	Approved  bool   `json:"approved"`
	Err       error  `json:"-"`
}

// ApproveVerified approves every verified quote of an article, one by one:
// each is its own transition, with every rule (roles, four eyes, checks)
// checked as if the editor had pressed Approve on it, so that one refusal
// leaves the others approved. It returns what happened to each, in the
// article's order; an error only when the article cannot be read.
func (s *Service) ApproveVerified(ctx context.Context, actor *cotejo.User, articleID int64) ([]ApprovalResult, error) {
	snap, err := s.Snapshot(ctx, articleID)
	if err != nil {
		return nil, err
	}
	out := []ApprovalResult{}
	for _, q := range snap.Quotes {
		if q.Status != cotejo.QuoteVerified {
			continue
		}
		r := ApprovalResult{QuoteID: q.ID, Rendering: q.Rendering.Text}
		if _, err := s.TransitionQuote(ctx, actor, q.ID, q.Version, TransitionInput{To: cotejo.QuoteApproved}); err != nil {
			r.Err = err
		} else {
			r.Approved = true
		}
		out = append(out, r)
	}
	return out, nil
}
