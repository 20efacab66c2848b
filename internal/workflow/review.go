package workflow

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
)

// TransitionInput asks to move a quote. Override lists the warning codes the
// reviewer lets stand; Reason says why (required for a rejection and for
// any override).
type TransitionInput struct {
	To       cotejo.QuoteStatus `json:"to"`
	Reason   string             `json:"reason"`
	Override []string           `json:"override"`
}

// readyForTranslated are the findings that keep a translator from handing a
// quote on: it must have both texts and its evidence.
var readyForTranslated = []string{checks.CodeOriginalEmpty, checks.CodeRenderingEmpty, checks.CodeEvidenceMissing}

// TransitionQuote moves a quote along its life (see cotejo.MayMove for who
// may take which step). Moving to translated needs the original, the
// rendering and evidence; moving to verified needs every error check to pass
// and every warning to be overridden, now or earlier, with a reason. Both
// refusals are CodeBlocked with the findings in the details. Approving adds
// the pair to the translation memory; taking an approval back removes it.
func (s *Service) TransitionQuote(ctx context.Context, actor *cotejo.User, id int64, base int, in TransitionInput) (*QuoteView, error) {
	if err := cotejo.CheckText("reason", in.Reason); err != nil {
		return nil, err
	}
	reason := strings.TrimSpace(cotejo.Canonical(in.Reason))
	for _, code := range in.Override {
		if err := cotejo.CheckText("override", code); err != nil {
			return nil, err
		}
	}
	var out *QuoteView
	err := s.store.InTx(ctx, func(tx Tx) error {
		q, err := tx.Quote(ctx, id)
		if err != nil {
			return err
		}
		// Whether the person may make the move at all comes first: someone
		// who may not hears why, whatever version they saw.
		rules, err := settingsOf(ctx, tx)
		if err != nil {
			return err
		}
		m, err := rules.MayMove(actor, q, in.To, reason)
		if err != nil {
			return err
		}
		if err := checkBase(base, q.Version, q); err != nil {
			return err
		}
		a, err := changeableArticle(ctx, tx, q.ArticleID)
		if err != nil {
			return err
		}
		findings, err := s.checkIn(ctx, tx, a, q)
		if err != nil {
			return err
		}
		before := *q
		now := s.Now()
		switch in.To {
		case cotejo.QuoteTranslated:
			var missing []checks.Finding
			for _, f := range findings {
				if slices.Contains(readyForTranslated, f.Code) {
					missing = append(missing, f)
				}
			}
			if len(missing) > 0 {
				return blocked("The quote needs its original, its rendering and evidence before it can be marked translated.", missing)
			}
		case cotejo.QuoteVerified:
			if err := applyOverrides(q, actor, findings, in.Override, reason, now); err != nil {
				return err
			}
			codes := make([]string, len(q.Overrides))
			for i, o := range q.Overrides {
				codes[i] = o.Code
			}
			if pending := checks.Pending(findings, codes); len(pending) > 0 {
				return blocked("Checks block the verification: fix the errors, and override the warnings with a reason if they may stand.", pending)
			}
		case cotejo.QuoteApproved:
			// The verification vouches for a fingerprint; anything else is
			// not what the reviewer saw.
			if q.Stale() {
				return &cotejo.Error{Code: cotejo.CodeBlocked, Message: "The quote changed since it was verified; it must be verified again."}
			}
		}
		m.Apply(q, actor, now, reason)
		q.UpdatedAt = now
		if err := tx.UpdateQuote(ctx, q); err != nil {
			return err
		}
		switch {
		case in.To == cotejo.QuoteApproved:
			err = tx.AddTMUnits(ctx, []*cotejo.TMUnit{{Source: q.Original, Target: q.Rendering, QuoteID: &q.ID,
				Origin: "quote", Note: q.Speaker, CreatedAt: now}})
		case before.Status == cotejo.QuoteApproved:
			err = tx.DeleteTMUnitsOfQuote(ctx, q.ID)
		}
		if err != nil {
			return err
		}
		action := cotejo.ActionTransition
		if m.Reopen {
			action = cotejo.ActionReopen
		}
		ev := Record{Status: string(q.Status), Overrides: overrides(q.Overrides)}
		if m.Relaxed {
			ev.FourEyes = string(cotejo.ApprovalRelaxed) // the verifier approved, as the setting allows
		}
		if err := s.record(ctx, tx, actor, cotejo.EntityQuote, q.ID, &q.ArticleID, action,
			Record{Status: string(before.Status)}, ev, cotejo.Said(reason)); err != nil {
			return err
		}
		if before.Status == cotejo.QuoteApproved {
			if err := s.keepApproval(ctx, tx, actor, a, cotejo.ReasonQuoteReopened); err != nil {
				return err
			}
		}
		// The checks look at what the quote says, which a move does not change.
		v := viewOf(q, findings)
		out = &v
		return nil
	})
	return out, err
}

// applyOverrides records the warnings the reviewer lets stand. Only warnings
// can be overridden, and only with a reason.
func applyOverrides(q *cotejo.Quote, actor *cotejo.User, findings []checks.Finding, codes []string, reason string, now time.Time) error {
	if len(codes) == 0 {
		return nil
	}
	if reason == "" {
		e := cotejo.FieldError(cotejo.CodeInvalid, "reason", "Say why the overridden warnings may stand: a reason is required.")
		e.Details = cotejo.Required{Field: "reason", For: "override"}
		return e
	}
	for _, code := range codes {
		if !checks.CanOverride(code) {
			return &cotejo.Error{Code: cotejo.CodeInvalid, Field: "override",
				Message: "Only warnings can be overridden; " + code + " is not one.", Details: NotOverridable{Code: code}}
		}
		if slices.ContainsFunc(q.Overrides, func(o cotejo.Override) bool { return o.Code == code }) {
			continue
		}
		if !slices.ContainsFunc(findings, func(f checks.Finding) bool { return f.Code == code }) {
			continue // nothing to override: the warning is gone
		}
		q.Overrides = append(q.Overrides, cotejo.Override{Code: code, Reason: reason, UserID: actor.ID, At: now})
	}
	return nil
}

func blocked(msg string, fs []checks.Finding) error {
	return &cotejo.Error{Code: cotejo.CodeBlocked, Message: msg, Details: BlockedByChecks{Checks: fs}}
}

func published() error {
	return cotejo.Errorf(cotejo.CodeLocked, "This article is published; an editor must reopen it before it can change.")
}
