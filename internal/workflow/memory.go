package workflow

import (
	"context"
	"io"
	"strings"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/interchange"
	"github.com/cotejo/cotejo/internal/memory"
)

var glossaryWriters = []cotejo.Role{cotejo.RoleEditor, cotejo.RoleAdmin}

// CreateGlossaryTerm adds a term; editors and admins manage the glossary.
func (s *Service) CreateGlossaryTerm(ctx context.Context, actor *cotejo.User, g *cotejo.GlossaryTerm) error {
	if err := require(actor, "manage the glossary", glossaryWriters...); err != nil {
		return err
	}
	if err := g.Validate(); err != nil {
		return err
	}
	g.Normalize()
	g.CreatedBy, g.CreatedAt, g.UpdatedAt = actor.ID, s.Now(), s.Now()
	return s.store.InTx(ctx, func(tx Tx) error {
		if err := tx.CreateGlossaryTerm(ctx, g); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, cotejo.EntityGlossary, g.ID, nil, cotejo.ActionCreate, nil, g, "")
	})
}

// UpdateGlossaryTerm changes a term, based on version base.
func (s *Service) UpdateGlossaryTerm(ctx context.Context, actor *cotejo.User, id int64, base int, u cotejo.GlossaryUpdate) (*cotejo.GlossaryTerm, error) {
	if err := require(actor, "manage the glossary", glossaryWriters...); err != nil {
		return nil, err
	}
	var out *cotejo.GlossaryTerm
	err := s.store.InTx(ctx, func(tx Tx) error {
		g, err := tx.GlossaryTerm(ctx, id)
		if err != nil {
			return err
		}
		if err := checkBase(base, g.Version, g); err != nil {
			return err
		}
		before := *g
		u.Apply(g)
		if err := g.Validate(); err != nil {
			return err
		}
		g.Normalize()
		g.UpdatedAt = s.Now()
		if err := tx.UpdateGlossaryTerm(ctx, g); err != nil {
			return err
		}
		out = g
		return s.record(ctx, tx, actor, cotejo.EntityGlossary, g.ID, nil, cotejo.ActionUpdate, before, g, "")
	})
	return out, err
}

// DeleteGlossaryTerm deletes a term, based on version base.
func (s *Service) DeleteGlossaryTerm(ctx context.Context, actor *cotejo.User, id int64, base int) error {
	if err := require(actor, "manage the glossary", glossaryWriters...); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx Tx) error {
		g, err := tx.GlossaryTerm(ctx, id)
		if err != nil {
			return err
		}
		if err := checkBase(base, g.Version, g); err != nil {
			return err
		}
		if err := tx.DeleteGlossaryTerm(ctx, id, g.Version); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, cotejo.EntityGlossary, id, nil, cotejo.ActionDelete, g, nil, "")
	})
}

// TMMatch is a memory pair close to a searched text.
type TMMatch struct {
	Original  cotejo.LangText `json:"original"`
	Rendering cotejo.LangText `json:"rendering"`
	Score     float64         `json:"score"`
	Origin    string          `json:"origin"`
	QuoteID   *int64          `json:"quote_id,omitempty"`
}

// tmScanLimit bounds how many pairs one search scores. A newsroom's memory
// of quotations stays in the tens of thousands; scoring them in Go keeps
// the search the same on SQLite and PostgreSQL.
const tmScanLimit = 20_000

// SearchTM finds memory pairs whose original is at least 50 % similar to q.
func (s *Service) SearchTM(ctx context.Context, q, lang string, limit int) ([]TMMatch, error) {
	if err := cotejo.CheckText("q", q); err != nil {
		return nil, err
	}
	if strings.TrimSpace(q) == "" {
		return nil, cotejo.FieldError(cotejo.CodeInvalid, "q", "Give the text to search for.")
	}
	if lang != "" {
		l, err := cotejo.ParseLang("lang", lang)
		if err != nil {
			return nil, err
		}
		lang = l
	}
	if limit <= 0 {
		limit = 10
	}
	limit = min(limit, 50)
	units, err := s.store.TMUnits(ctx, anchor.PrimaryLang(lang), tmScanLimit)
	if err != nil {
		return nil, err
	}
	out := []TMMatch{}
	for _, m := range memory.Rank(q, lang, units, func(u *cotejo.TMUnit) string { return u.Source.Text }, 0.5, limit) {
		out = append(out, TMMatch{Original: m.Item.Source, Rendering: m.Item.Target, Score: m.Score, Origin: m.Item.Origin, QuoteID: m.Item.QuoteID})
	}
	return out, nil
}

// Suggestion is something a translator may reuse for a quote.
type Suggestion struct {
	Kind   string  `json:"kind"` // tm, glossary
	Text   string  `json:"text"`
	Score  float64 `json:"score"`
	Origin string  `json:"origin"`
	Source string  `json:"source,omitempty"` // the memory's original, or the glossary's source term
	Note   string  `json:"note,omitempty"`
}

// Suggestions lists memory matches for a quote's original, then the glossary
// terms that occur in it with their approved renderings.
func (s *Service) Suggestions(ctx context.Context, quoteID int64) ([]Suggestion, error) {
	q, err := s.store.Quote(ctx, quoteID)
	if err != nil {
		return nil, err
	}
	return s.SuggestionsFor(ctx, q.Original, q.ID)
}

// SuggestionsFor is Suggestions for an original that may not be saved yet,
// such as one just located in a source; the memory's pair of quote except
// (0 for none) is left out, as it is the quote itself.
func (s *Service) SuggestionsFor(ctx context.Context, original cotejo.LangText, except int64) ([]Suggestion, error) {
	out := []Suggestion{}
	if strings.TrimSpace(original.Text) == "" {
		return out, nil
	}
	ms, err := s.SearchTM(ctx, original.Text, original.Lang, 5)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		if m.QuoteID != nil && *m.QuoteID == except {
			continue
		}
		origin := m.Origin
		if m.QuoteID != nil {
			origin = "quote " + itoa(*m.QuoteID)
		}
		out = append(out, Suggestion{Kind: "tm", Text: m.Rendering.Text, Score: m.Score, Origin: origin, Source: m.Original.Text})
	}
	terms, err := s.store.Glossary(ctx)
	if err != nil {
		return nil, err
	}
	words := memory.Words(original.Text, original.Lang)
	for _, g := range terms {
		if anchor.PrimaryLang(g.Source.Lang) != anchor.PrimaryLang(original.Lang) || g.Target.Text == "" {
			continue
		}
		if memory.Contains(words, memory.Words(g.Source.Text, g.Source.Lang)) {
			note := g.Note
			if len(g.Forbidden) > 0 {
				note = strings.TrimSpace(note + " Not: " + strings.Join(g.Forbidden, ", ") + ".")
			}
			out = append(out, Suggestion{Kind: "glossary", Text: g.Target.Text, Score: 1, Origin: "glossary " + itoa(g.ID), Source: g.Source.Text, Note: note})
		}
	}
	return out, nil
}

// ImportTMX adds the pairs of a TMX file to the memory in one transaction;
// a unit that breaks a rule refuses the whole import, so nothing is
// half-applied. origin names where the pairs came from.
func (s *Service) ImportTMX(ctx context.Context, actor *cotejo.User, r io.Reader, lim interchange.Limits, origin string) (int, error) {
	if err := require(actor, "import into the memory", glossaryWriters...); err != nil {
		return 0, err
	}
	parsed, err := interchange.ParseTMX(r, lim)
	if err != nil {
		return 0, err
	}
	units := make([]*cotejo.TMUnit, len(parsed))
	for i, p := range parsed {
		u := &cotejo.TMUnit{Source: p.Source, Target: p.Target, Note: p.Note}
		if err := u.Validate(); err != nil {
			e := cotejo.AsError(err)
			return 0, &cotejo.Error{Code: e.Code, Field: e.Field, Message: "Unit " + itoa(int64(i+1)) + ": " + e.Message}
		}
		u.Normalize()
		u.Origin, u.CreatedAt = origin, s.Now()
		units[i] = u
	}
	err = s.store.InTx(ctx, func(tx Tx) error {
		if err := tx.AddTMUnits(ctx, units); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, cotejo.EntityMemory, 0, nil, cotejo.ActionImport, nil, map[string]any{"origin": origin, "units": len(units)}, "")
	})
	if err != nil {
		return 0, err
	}
	return len(units), nil
}

// tmExportLimit bounds one TMX export of the memory.
const tmExportLimit = 200_000

// ExportTMX writes the translation memory, newest first, as TMX 1.4.
func (s *Service) ExportTMX(ctx context.Context, w io.Writer) error {
	units, err := s.store.TMUnits(ctx, "", tmExportLimit)
	if err != nil {
		return err
	}
	out := make([]interchange.TMUnit, len(units))
	for i, u := range units {
		out[i] = interchange.TMUnit{ID: "tm" + itoa(u.ID), Source: u.Source, Target: u.Target,
			Note: u.Note, CreatedAt: u.CreatedAt, Props: []interchange.TMProp{{Type: "x-cotejo-origin", Value: u.Origin}}}
	}
	return interchange.WriteTMX(w, out)
}
