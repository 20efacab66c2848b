package workflow

import (
	"context"
	"strings"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
)

// IgnorePassage marks a span of an article body as not a translated quote
// (said in English, scare quotes, a title), with a reason.
func (s *Service) IgnorePassage(ctx context.Context, actor *cotejo.User, articleID int64, sp cotejo.Span, reason string) (*cotejo.PassageIgnore, error) {
	if err := cotejo.Can(actor, cotejo.MarkPassages, nil); err != nil {
		return nil, err
	}
	if err := cotejo.CheckText("reason", reason); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(cotejo.Canonical(reason))
	if reason == "" {
		e := cotejo.FieldError(cotejo.CodeInvalid, "reason", "Say why this passage is not a translated quote.")
		e.Details = cotejo.Required{Field: "reason", For: "ignore"}
		return nil, e
	}
	var out *cotejo.PassageIgnore
	err := s.inOpenArticle(ctx, articleID, func(tx Tx, a *cotejo.Article) error {
		anc, err := anchorAt("span", a.Body, sp)
		if err != nil {
			return err
		}
		out = &cotejo.PassageIgnore{ArticleID: articleID, Anchor: *anc, Reason: reason, UserID: actor.ID, CreatedAt: s.Now()}
		if err := tx.CreatePassageIgnore(ctx, out); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, cotejo.EntityPassage, out.ID, &articleID, cotejo.ActionIgnore, nil, out, cotejo.Said(reason))
	})
	return out, err
}

// UnignorePassage removes a not-a-translated-quote mark.
func (s *Service) UnignorePassage(ctx context.Context, actor *cotejo.User, articleID, id int64) error {
	if err := cotejo.Can(actor, cotejo.MarkPassages, nil); err != nil {
		return err
	}
	return s.inOpenArticle(ctx, articleID, func(tx Tx, a *cotejo.Article) error {
		if err := tx.DeletePassageIgnore(ctx, articleID, id); err != nil {
			return err
		}
		if err := s.record(ctx, tx, actor, cotejo.EntityPassage, id, &articleID, cotejo.ActionUnignore, nil, nil, cotejo.Reason{}); err != nil {
			return err
		}
		return s.keepApproval(ctx, tx, actor, a, cotejo.ReasonMarkRemoved)
	})
}

// PassageView is a quoted passage of an article body and what became of it:
// linked to a quote, marked not-a-translated-quote, or neither (unlinked).
type PassageView struct {
	Start       int                `json:"start"`
	End         int                `json:"end"`
	Text        string             `json:"text"`
	QuoteID     *int64             `json:"quote_id"`
	QuoteStatus cotejo.QuoteStatus `json:"quote_status,omitempty"`
	// QuoteComplete says the quote has its original, rendering and
	// evidence (cotejo.Quote.Complete): only then is the passage resolved.
	QuoteComplete bool   `json:"quote_complete,omitempty"`
	Ignored       bool   `json:"ignored"`
	IgnoreID      *int64 `json:"ignore_id,omitempty"`
	Reason        string `json:"reason,omitempty"`
	// Short passages (one to three words) are probably not quotations, such
	// as a designation in scare quotes; they still need a decision.
	Short bool `json:"short"`
	Depth int  `json:"depth"`
}

// Linked reports whether the passage is tied to a quote.
func (p PassageView) Linked() bool { return p.QuoteID != nil }

// Unlinked reports whether the passage still needs a decision.
func (p PassageView) Unlinked() bool { return p.QuoteID == nil && !p.Ignored }

// Resolved reports whether the passage is done with on the translator's
// side: marked not-a-translated-quote, or linked to a complete quote. A
// quote saved without its original, say, links the passage but leaves it
// unresolved.
func (p PassageView) Resolved() bool { return p.Ignored || (p.QuoteID != nil && p.QuoteComplete) }

// Passages detects the quoted passages of an article body and joins them
// with the quotes anchored there and the not-a-quote marks.
func (s *Service) Passages(ctx context.Context, articleID int64) ([]PassageView, error) {
	snap, err := s.Snapshot(ctx, articleID)
	if err != nil {
		return nil, err
	}
	return snap.Passages, nil
}

// JoinPassages is Passages over values already loaded. A passage belongs to
// a quote whose rendering anchor covers most of it (or lies inside it); a
// nested passage inside a linked or ignored one shares its fate.
func JoinPassages(a *cotejo.Article, quotes []*cotejo.Quote, ignores []*cotejo.PassageIgnore) []PassageView {
	found := anchor.DetectPassages(a.Body, a.Language)
	out := make([]PassageView, 0, len(found))
	for _, p := range found {
		v := PassageView{Start: p.Start, End: p.End, Text: p.Text, Short: p.Short, Depth: p.Depth}
		for _, q := range quotes {
			if an := q.ArticleAnchor; an != nil && an.State != cotejo.AnchorLost && covers(an.Start, an.End, p.Start, p.End) {
				v.QuoteID, v.QuoteStatus, v.QuoteComplete = &q.ID, q.Status, q.Complete()
				break
			}
		}
		if v.QuoteID == nil {
			for _, ig := range ignores {
				if ig.Anchor.State != cotejo.AnchorLost && covers(ig.Anchor.Start, ig.Anchor.End, p.Start, p.End) {
					v.Ignored, v.IgnoreID, v.Reason = true, &ig.ID, ig.Reason
					break
				}
			}
		}
		out = append(out, v)
	}
	// Nested passages inherit from the passage around them.
	for i := range out {
		if out[i].Depth == 0 || !out[i].Unlinked() {
			continue
		}
		for j := range out {
			o := out[j]
			if o.Depth < out[i].Depth && o.Start <= out[i].Start && out[i].End <= o.End && !o.Unlinked() {
				out[i].QuoteID, out[i].QuoteStatus, out[i].QuoteComplete = o.QuoteID, o.QuoteStatus, o.QuoteComplete
				out[i].Ignored, out[i].IgnoreID, out[i].Reason = o.Ignored, o.IgnoreID, o.Reason
				break
			}
		}
	}
	return out
}

// covers reports whether span [as, ae) accounts for passage [ps, pe): it
// lies inside the passage or overlaps at least half of it. Renderings often
// leave out a trailing comma, or quote a part of a passage.
func covers(as, ae, ps, pe int) bool {
	if as >= ps && ae <= pe && ae > as {
		return true
	}
	overlap := min(ae, pe) - max(as, ps)
	return overlap > 0 && 2*overlap >= pe-ps
}

// MaxCandidates bounds how many places a locate reports.
const MaxCandidates = 20

// LocateInSource finds where a text stands in a source: exact, normalized
// (accents, case, quotation marks, whitespace folded) or approximate
// matches, best first; none when nothing is close enough.
func (s *Service) LocateInSource(ctx context.Context, sourceID int64, text string, maxCandidates int) ([]anchor.Candidate, error) {
	if err := checkSought("text", text, "find"); err != nil {
		return nil, err
	}
	if maxCandidates <= 0 {
		maxCandidates = 5
	}
	src, err := s.store.Source(ctx, sourceID)
	if err != nil {
		return nil, err
	}
	return anchor.Locate(src.Text, cotejo.NFC(text), anchor.OptionsFor(src.Language), min(maxCandidates, MaxCandidates)), nil
}

// checkSought checks text, given in field, as a text to search for: some
// text, no longer than a quote may be. what is what the search does with it
// ("find", "search for"), for the messages.
func checkSought(field, text, what string) error {
	if err := cotejo.CheckText(field, text); err != nil {
		return err
	}
	if strings.TrimSpace(text) == "" {
		return cotejo.FieldError(cotejo.CodeInvalid, field, "Give the text to %s.", what)
	}
	if cotejo.RuneLen(text) > cotejo.MaxQuoteLen {
		return cotejo.FieldError(cotejo.CodeInvalid, field, "The text to %s is longer than %d characters.", what, cotejo.MaxQuoteLen)
	}
	return nil
}
