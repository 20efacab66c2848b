package workflow

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/interchange"
)

// ExportBundle loads an article with its sources, quotes and the names of
// the people who worked on them, for an export. A final export (draft
// false) holds approved quotes only; interchange.Export enforces it too.
// A final export of an article that is not approved carries its blockers,
// which every format shows (see interchange.Bundle.NotApproved).
func (s *Service) ExportBundle(ctx context.Context, articleID int64, draft bool, baseURL string) (interchange.Bundle, error) {
	v, err := s.ViewArticle(ctx, articleID)
	if err != nil {
		return interchange.Bundle{}, err
	}
	people, err := s.userNames(ctx)
	if err != nil {
		return interchange.Bundle{}, err
	}
	// The complete exports (JSON) carry the evidence itself.
	sources, err := s.ArticleSourcesWithText(ctx, articleID)
	if err != nil {
		return interchange.Bundle{}, err
	}
	b := interchange.Bundle{Article: v.Article, Sources: sources, Quotes: v.Quotes, People: people,
		Draft: draft, GeneratedAt: s.Now(), BaseURL: baseURL}
	if b.NotApproved() {
		// A final export of an article not approved says what blocks it.
		// Not in the words of an unapproved quote: a final export holds
		// none of them.
		for _, bl := range ReadinessOf(v).Blockers {
			msg := bl.Message
			if bl.QuoteID != nil {
				msg = fmt.Sprintf("Quote %d is %s, not approved.", *bl.QuoteID, strings.ReplaceAll(string(bl.Status), "_", " "))
			}
			b.Blockers = append(b.Blockers, msg)
		}
	}
	return b, nil
}

// Export writes an article in format f to w and returns the file name the
// export suggests. A final export (draft false) holds approved quotes only.
func (s *Service) Export(ctx context.Context, w io.Writer, articleID int64, f interchange.Format, draft bool, baseURL string) (string, error) {
	b, err := s.ExportBundle(ctx, articleID, draft, baseURL)
	if err != nil {
		return "", err
	}
	if err := interchange.Export(w, f, b); err != nil {
		return "", err
	}
	return interchange.Filename(b, f), nil
}

// Outcomes of an imported unit.
const (
	UnitUpdated   = "updated"
	UnitUnchanged = "unchanged"
	UnitConflict  = "conflict"
	UnitRefused   = "refused"
)

// UnitResult says what an import did with one unit.
type UnitResult struct {
	Unit    string        `json:"unit"`
	QuoteID int64         `json:"quote_id,omitempty"`
	Result  string        `json:"result"`
	Reason  cotejo.Reason `json:"reason,omitzero"` // in English; its code beside it
	// ReasonCode is the code of Reason, for clients that show it in their
	// reader's language.
	ReasonCode cotejo.ReasonCode  `json:"reason_code,omitempty"`
	Status     cotejo.QuoteStatus `json:"status,omitempty"` // the quote's status after the import
	Version    int                `json:"version,omitempty"`
	// NotInArticle says the updated rendering no longer stands in the
	// article where the quote is anchored: the article prints other words
	// there (see Drift), which the translator applies or the editor fixes.
	NotInArticle bool `json:"not_in_article,omitempty"`
}

// ImportReport is the outcome of an import, unit by unit.
type ImportReport struct {
	ArticleID int64  `json:"article_id"`
	Format    string `json:"format"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	Conflicts int    `json:"conflicts"`
	Refused   int    `json:"refused"`
	// NotInArticle counts the updated units whose rendering no longer
	// stands in the article.
	NotInArticle int          `json:"not_in_article"`
	Units        []UnitResult `json:"units"`
}

// ImportXLIFF brings the targets of an XLIFF file back into an article's
// renderings, by unit id (q<quote id>). Each unit is updated, unchanged, a
// conflict (the quote changed since the file was exported: its version
// differs and so does its rendering), or refused with a reason (not a quote
// of this article, no target, an approved quote, a language that does not
// match). An updated rendering follows the quote's life like any edit: a
// verified quote goes back to review. All updates are one transaction: an
// error in any of them changes nothing.
func (s *Service) ImportXLIFF(ctx context.Context, actor *cotejo.User, articleID int64, r io.Reader, lim interchange.Limits) (*ImportReport, error) {
	if err := cotejo.Can(actor, cotejo.ImportRenderings, nil); err != nil {
		return nil, err
	}
	doc, err := interchange.ParseXLIFF(r, lim)
	if err != nil {
		return nil, err
	}
	if doc.ArticleID != 0 && doc.ArticleID != articleID {
		return nil, cotejo.Errorf(cotejo.CodeInvalid, "This file was exported from article %d, not article %d.", doc.ArticleID, articleID)
	}
	rep := &ImportReport{ArticleID: articleID, Format: "xliff" + strings.ReplaceAll(doc.Version, ".", ""), Units: []UnitResult{}}
	err = s.inOpenArticle(ctx, articleID, func(tx Tx, a *cotejo.Article) error {
		quotes, err := tx.Quotes(ctx, articleID)
		if err != nil {
			return err
		}
		byID := make(map[int64]*cotejo.Quote, len(quotes))
		for _, q := range quotes {
			byID[q.ID] = q
		}
		seen := map[int64]bool{}
		var body []rune // the article's text as code points, for Drift
		for _, u := range doc.Units {
			r := UnitResult{Unit: u.ID, QuoteID: u.QuoteID}
			leave := func(result string, code cotejo.ReasonCode, text ...string) {
				r.Result, r.Reason, r.ReasonCode = result, cotejo.Because(code, text...), code
			}
			q := byID[u.QuoteID]
			switch {
			case u.QuoteID == 0 || q == nil:
				leave(UnitRefused, cotejo.ReasonUnitNotOfArticle)
			case seen[u.QuoteID]:
				leave(UnitRefused, cotejo.ReasonUnitTwice)
			case !u.HasTarget:
				leave(UnitRefused, cotejo.ReasonUnitNoTarget)
			case u.TargetLang != "" && !sameLanguage(u.TargetLang, q.Rendering.Lang):
				leave(UnitRefused, cotejo.ReasonUnitLanguage, u.TargetLang, q.Rendering.Lang)
			case strings.TrimSpace(cotejo.Canonical(u.Target)) == q.Rendering.Text:
				r.Result = UnitUnchanged
			case u.Version != 0 && u.Version != q.Version:
				leave(UnitConflict, cotejo.ReasonUnitConflict, itoa(int64(u.Version)), itoa(int64(q.Version)))
			case q.Status == cotejo.QuoteApproved:
				leave(UnitRefused, cotejo.ReasonUnitApproved)
			default:
				if err := cotejo.CheckText("target", u.Target); err != nil {
					return err
				}
				nq, err := s.updateQuote(ctx, tx, actor, a, q, cotejo.QuoteUpdate{Rendering: &cotejo.LangText{Text: u.Target, Lang: q.Rendering.Lang}})
				if err != nil {
					e := cotejo.AsError(err)
					return &cotejo.Error{Code: e.Code, Field: e.Field, Details: e.Details,
						Message: fmt.Sprintf("Unit %s: %s Nothing was imported.", u.ID, e.Message)}
				}
				q = nq
				r.Result = UnitUpdated
				if body == nil {
					body = []rune(a.Body) // read once for every unit, not once per unit
				}
				if _, _, drift := DriftIn(body, q); drift || q.ArticleAnchor == nil || q.ArticleAnchor.State == cotejo.AnchorLost {
					r.NotInArticle = true
					rep.NotInArticle++
				}
			}
			if q != nil && u.QuoteID != 0 {
				seen[u.QuoteID] = true
				r.Status, r.Version = q.Status, q.Version
			}
			switch r.Result {
			case UnitUpdated:
				rep.Updated++
			case UnitUnchanged:
				rep.Unchanged++
			case UnitConflict:
				rep.Conflicts++
			default:
				rep.Refused++
			}
			rep.Units = append(rep.Units, r)
		}
		return s.record(ctx, tx, actor, cotejo.EntityArticle, a.ID, &a.ID, cotejo.ActionImport, nil,
			Record{Format: rep.Format, Updated: &rep.Updated, Unchanged: &rep.Unchanged, Conflicts: &rep.Conflicts, Refused: &rep.Refused}, cotejo.Reason{})
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

func sameLanguage(a, b string) bool {
	return strings.EqualFold(anchor.PrimaryLang(a), anchor.PrimaryLang(b))
}
