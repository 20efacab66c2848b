package workflow

import (
	"cmp"
	"context"
	"io"
	"slices"
	"strings"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/interchange"
	"github.com/cotejo/cotejo/internal/memory"
)

// CreateGlossaryTerm adds a term; editors and admins manage the glossary.
func (s *Service) CreateGlossaryTerm(ctx context.Context, actor *cotejo.User, g *cotejo.GlossaryTerm) error {
	return create(ctx, s, actor, cotejo.ManageGlossary, g, func(tx Tx) error {
		g.CreatedBy, g.CreatedAt, g.UpdatedAt = actor.ID, s.Now(), s.Now()
		if err := tx.CreateGlossaryTerm(ctx, g); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, cotejo.EntityGlossary, g.ID, nil, cotejo.ActionCreate, nil, g, cotejo.Reason{})
	})
}

// UpdateGlossaryTerm changes a term, based on version base.
func (s *Service) UpdateGlossaryTerm(ctx context.Context, actor *cotejo.User, id int64, base int, u cotejo.GlossaryUpdate) (*cotejo.GlossaryTerm, error) {
	var out *cotejo.GlossaryTerm
	err := update(ctx, s, actor, cotejo.ManageGlossary, kindTerm, id, base, u, func(tx Tx, g *cotejo.GlossaryTerm, before cotejo.GlossaryTerm) error {
		g.UpdatedAt = s.Now()
		if err := tx.UpdateGlossaryTerm(ctx, g); err != nil {
			return err
		}
		out = g
		return s.record(ctx, tx, actor, cotejo.EntityGlossary, g.ID, nil, cotejo.ActionUpdate, before, g, cotejo.Reason{})
	})
	return out, err
}

// DeleteGlossaryTerm deletes a term, based on version base.
func (s *Service) DeleteGlossaryTerm(ctx context.Context, actor *cotejo.User, id int64, base int) error {
	return remove(ctx, s, actor, cotejo.ManageGlossary, kindTerm, id, base)
}

// TMMatch is a memory pair close to a searched text.
type TMMatch struct {
	Original  cotejo.LangText `json:"original"`
	Rendering cotejo.LangText `json:"rendering"`
	Score     float64         `json:"score"`
	Origin    string          `json:"origin"`
	QuoteID   *int64          `json:"quote_id,omitempty"`
}

// How the memory is searched: the term index gives candidates, the few
// dozen best of which are scored word by word (see memory.Probe).
const (
	tmThreshold  = 0.5     // the least similarity a fuzzy match shows
	tmCandidates = 60      // candidates scored per language
	tmPostings   = 400_000 // postings one search reads at most, rarest terms first (see memory.Probe)
	tmPhraseKeys = 4       // the rarest words of a phrase that find its segments
)

// Memory search modes.
const (
	TMFuzzy       = "fuzzy"       // pairs whose whole original is similar to the query
	TMConcordance = "concordance" // pairs whose original holds the query's words as a phrase
)

// SearchTM finds memory pairs whose original is at least 50 % similar to q
// (mode TMFuzzy, or ""), or holds q as a phrase within a longer segment
// (TMConcordance), best first, at most limit. Without lang, every language
// of the memory is searched.
func (s *Service) SearchTM(ctx context.Context, q, lang, mode string, limit int) ([]TMMatch, error) {
	if err := checkSought("q", q, "search for"); err != nil {
		return nil, err
	}
	if mode != "" && mode != TMFuzzy && mode != TMConcordance {
		return nil, cotejo.FieldError(cotejo.CodeInvalid, "mode", "%q is not a search mode (fuzzy, concordance).", mode)
	}
	langs := []string{}
	if lang != "" {
		l, err := cotejo.ParseLang("lang", lang)
		if err != nil {
			return nil, err
		}
		langs = append(langs, l)
	} else {
		var err error
		if langs, err = s.store.TMLanguages(ctx); err != nil {
			return nil, err
		}
	}
	if limit <= 0 {
		limit = 10
	}
	limit = min(limit, 50)
	out := []TMMatch{}
	for _, l := range langs {
		var ms []TMMatch
		var err error
		if mode == TMConcordance {
			ms, err = s.concordance(ctx, q, l)
		} else {
			ms, err = s.fuzzy(ctx, q, l)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, ms...)
	}
	slices.SortStableFunc(out, func(a, b TMMatch) int { return cmp.Compare(b.Score, a.Score) })
	return out[:min(len(out), limit)], nil
}

// fuzzy finds the pairs of language lang whose original is similar to q:
// the postings of the query's rarer words name the pairs sharing most of
// them, and those few are scored word by word.
func (s *Service) fuzzy(ctx context.Context, q, lang string) ([]TMMatch, error) {
	terms := memory.Terms(q, lang)
	counts, err := s.store.TMTermCounts(ctx, terms)
	if err != nil {
		return nil, err
	}
	probe, _, ok := memory.Probe(terms, counts, tmThreshold, tmPostings)
	if !ok {
		return nil, nil
	}
	// Words no pair holds bring the lists of the held terms a letter away
	// (memory.Near), when those are rare enough to tell something.
	var absent []string
	for _, t := range terms {
		if counts[t] == 0 {
			absent = append(absent, t)
		}
	}
	if near := memory.Near(absent); len(near) > 0 {
		have, err := s.store.TMTermCounts(ctx, near)
		if err != nil {
			return nil, err
		}
		for _, t := range near {
			if c := have[t]; c > 0 && c <= tmPostings/10 {
				probe = append(probe, t)
			}
		}
	}
	units, err := s.unitsOnLists(ctx, probe, memory.Candidates, tmCandidates)
	if err != nil {
		return nil, err
	}
	var out []TMMatch
	for _, m := range memory.Rank(q, lang, units, func(u *cotejo.TMUnit) string { return u.Source.Text }, tmThreshold, tmCandidates) {
		out = append(out, tmMatch(m.Item, m.Score))
	}
	return out, nil
}

// concordance finds the pairs of language lang whose original holds the
// words of q in order, next to each other; the score is the share of the
// segment the phrase covers. The pairs holding all of the phrase's rarest
// words are read, newest first, and the phrase looked for in each.
func (s *Service) concordance(ctx context.Context, q, lang string) ([]TMMatch, error) {
	terms := memory.Terms(q, lang)
	counts, err := s.store.TMTermCounts(ctx, terms)
	if err != nil {
		return nil, err
	}
	if len(counts) < len(terms) || len(terms) == 0 {
		return nil, nil // a word no pair holds: no pair holds the phrase
	}
	slices.SortFunc(terms, func(a, b string) int { return cmp.Or(cmp.Compare(counts[a], counts[b]), cmp.Compare(a, b)) })
	keys, read := terms[:1], counts[terms[0]]
	for _, t := range terms[1:min(len(terms), tmPhraseKeys)] {
		if read += counts[t]; read > tmPostings {
			break
		}
		keys = append(keys, t)
	}
	units, err := s.unitsOnLists(ctx, keys, memory.Intersect, tmCandidates*4)
	if err != nil {
		return nil, err
	}
	phrase := memory.Words(q, lang)
	var out []TMMatch
	for _, u := range units {
		ws := memory.Words(u.Source.Text, u.Source.Lang)
		if memory.Contains(ws, phrase) {
			out = append(out, tmMatch(u, float64(len(phrase))/float64(max(len(ws), 1))))
		}
	}
	slices.SortStableFunc(out, func(a, b TMMatch) int { return cmp.Compare(b.Score, a.Score) })
	return out, nil
}

// unitsOnLists reads the posting lists of terms, lets choose pick at most
// limit ids from them, and returns those pairs in the order chosen.
func (s *Service) unitsOnLists(ctx context.Context, terms []string, choose func([][]int64, int) []int64, limit int) ([]*cotejo.TMUnit, error) {
	postings, err := s.store.TMPostings(ctx, terms)
	if err != nil {
		return nil, err
	}
	lists := make([][]int64, 0, len(postings))
	for _, l := range postings {
		lists = append(lists, l)
	}
	ids := choose(lists, limit)
	units, err := s.store.TMUnitsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	at := make(map[int64]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	slices.SortFunc(units, func(a, b *cotejo.TMUnit) int { return cmp.Compare(at[a.ID], at[b.ID]) })
	return units, nil
}

func tmMatch(u *cotejo.TMUnit, score float64) TMMatch {
	return TMMatch{Original: u.Source, Rendering: u.Target, Score: score, Origin: u.Origin, QuoteID: u.QuoteID}
}

// Suggestion is something a translator may reuse for a quote.
type Suggestion struct {
	Kind   cotejo.SuggestionKind `json:"kind"`
	Text   string                `json:"text"`
	Score  float64               `json:"score"`
	Origin string                `json:"origin"`
	Source string                `json:"source,omitempty"` // the memory's original, or the glossary's source term
	Note   string                `json:"note,omitempty"`
}

// Suggestions lists memory matches for a quote's original, then the glossary
// terms that occur in it with their approved renderings.
func (s *Service) Suggestions(ctx context.Context, quoteID int64) ([]Suggestion, error) {
	q, err := s.store.Quote(ctx, quoteID)
	if err != nil {
		return nil, err
	}
	return s.SuggestionsFor(ctx, q.Original, q.Rendering.Lang, q.ID)
}

// suggestEntries bounds how many originals' memory matches an instance
// keeps for the suggestions of quotes (a few kilobytes each).
const suggestEntries = 2048

// suggestedMatches is SearchTM's five best fuzzy matches for an original,
// searched again only when the memory changed since they were last found:
// a quote is viewed again and again between the approvals that change the
// memory, and a search of a large memory reads postings by the hundred
// thousand.
func (s *Service) suggestedMatches(ctx context.Context, original cotejo.LangText) ([]TMMatch, error) {
	rev, err := s.store.MemoryRevision(ctx)
	if err != nil {
		return nil, err
	}
	return s.suggest.get(original, rev, func() ([]TMMatch, error) {
		s.searched.Add(1)
		return s.SearchTM(ctx, original.Text, original.Lang, TMFuzzy, 5)
	})
}

// SuggestionsFor is Suggestions for an original that may not be saved yet,
// such as one just located in a source; the memory's pair of quote except
// (0 for none) is left out, as it is the quote itself.
func (s *Service) SuggestionsFor(ctx context.Context, original cotejo.LangText, target string, except int64) ([]Suggestion, error) {
	out := []Suggestion{}
	if strings.TrimSpace(original.Text) == "" {
		return out, nil
	}
	ms, err := s.suggestedMatches(ctx, original)
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
		out = append(out, Suggestion{Kind: cotejo.SuggestMemory, Text: m.Rendering.Text, Score: m.Score, Origin: origin, Source: m.Original.Text})
	}
	terms, err := s.currentGlossary(ctx)
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
			out = append(out, Suggestion{Kind: cotejo.SuggestGlossary, Text: g.Target.Text, Score: 1, Origin: "glossary " + itoa(g.ID), Source: g.Source.Text, Note: note})
		}
	}
	// Machine output comes last and says so; it is never filled in.
	if m, ok := s.machineSuggestion(ctx, original, target); ok {
		out = append(out, Suggestion{Kind: cotejo.SuggestMachine, Text: m.Text, Origin: m.Provider, Source: original.Text,
			Note: "Machine translation: a suggestion, never a translation of record."})
	}
	return out, nil
}

// ImportTMX adds the pairs of a TMX file to the memory in one transaction;
// a unit that breaks a rule refuses the whole import, so nothing is
// half-applied. origin names where the pairs came from.
func (s *Service) ImportTMX(ctx context.Context, actor *cotejo.User, r io.Reader, lim interchange.Limits, origin string) (int, error) {
	if err := cotejo.Can(actor, cotejo.ImportMemory, nil); err != nil {
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
		return s.record(ctx, tx, actor, cotejo.EntityMemory, 0, nil, cotejo.ActionImport, nil, Record{Origin: origin, Units: ptr(len(units))}, cotejo.Reason{})
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

// GlossaryDuplicates lists the terms that have the same source words as g
// in the same language (folded as the checks fold them: case, accents,
// quotation marks and spacing aside), but for the term except (0 for
// none): a second entry for one term makes the glossary check and the
// suggestions say two things. It reads the glossary the checks keep for
// its revision, not the table.
func (s *Service) GlossaryDuplicates(ctx context.Context, g *cotejo.GlossaryTerm, except int64) ([]*cotejo.GlossaryTerm, error) {
	terms, err := s.currentGlossary(ctx)
	if err != nil {
		return nil, err
	}
	key, lang := checks.WordKey(g.Source.Text), anchor.PrimaryLang(g.Source.Lang)
	var out []*cotejo.GlossaryTerm
	if key == "" {
		return out, nil
	}
	for _, t := range terms {
		if t.ID != except && anchor.PrimaryLang(t.Source.Lang) == lang && checks.WordKey(t.Source.Text) == key {
			out = append(out, t)
		}
	}
	return out, nil
}
