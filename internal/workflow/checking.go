package workflow

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"slices"
	"strconv"
	"sync"

	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/cotejo"
)

// Checks are computed when something changes, not when someone looks: a
// quote's findings are stored with the fingerprint of everything they were
// computed from (the quote, its source's text, the article's body, the
// glossary's revision, the other quotes with the same original, and the
// checks' own version), and a view shows them as long as the fingerprint
// holds. Only the quotes whose inputs changed are checked again, and the
// quotes of one article share one preparation of the body, the sources and
// the glossary.

// QuoteView is a quote with the findings of its checks, as pages and the API
// show it.
type QuoteView struct {
	*cotejo.Quote
	Checks []checks.Finding `json:"checks"`
	// StatusReasonCode is the code of the status reason when Cotejo gave
	// it (status_reason says it in English), for clients that say it in
	// their own words.
	StatusReasonCode cotejo.ReasonCode `json:"status_reason_code,omitempty"`
}

func viewOf(q *cotejo.Quote, fs []checks.Finding) QuoteView {
	return QuoteView{Quote: q, Checks: fs, StatusReasonCode: q.StatusReason.Code}
}

// sameOriginalLimit bounds how many other quotes of the newsroom with the
// same original the consistency check compares, per original.
const sameOriginalLimit = 50

// checker checks quotes of one article. What their checks share is read at
// most once, and only when some quote's stored findings no longer fit.
type checker struct {
	s        *Service
	r        Reader
	a        *cotejo.Article
	bodyHash string
	glossRev string
	sources  map[int64]*cotejo.Source // without texts: ids, hashes, URLs

	// Read when a quote must be checked again.
	prepared bool
	body     *checks.Text
	texts    map[int64]*checks.Text
	glossary []checks.Term
	machine  map[string][]MachineText // machine suggestions by original
}

// newChecker prepares to check quotes of article a. sources are its
// sources (without texts) when the caller has them; nil reads them.
func (s *Service) newChecker(ctx context.Context, r Reader, a *cotejo.Article, sources []*cotejo.Source) (*checker, error) {
	c := &checker{s: s, r: r, a: a, sources: map[int64]*cotejo.Source{}}
	var err error
	if sources == nil {
		if sources, err = r.ArticleSources(ctx, a.ID); err != nil {
			return nil, err
		}
	}
	for _, src := range sources {
		c.sources[src.ID] = src
	}
	if c.glossRev, err = r.GlossaryRevision(ctx); err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(a.Body))
	c.bodyHash = hex.EncodeToString(sum[:16])
	return c, nil
}

// source returns the source a quote cites, without its text when it is one
// of the article's; nil when it no longer exists.
func (c *checker) source(ctx context.Context, id int64) (*cotejo.Source, error) {
	if src, ok := c.sources[id]; ok {
		return src, nil
	}
	src, err := c.r.Source(ctx, id)
	if cotejo.ErrorCode(err) == cotejo.CodeNotFound {
		c.sources[id] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c.sources[id] = src
	return src, nil
}

// fingerprint names everything q's findings depend on. siblings are the
// quotes with the same original, as the index knows them.
func (c *checker) fingerprint(ctx context.Context, q *cotejo.Quote, siblings []Sibling, machine []MachineText) (string, error) {
	h := sha256.New()
	field := func(s string) { fmt.Fprintf(h, "%d:%s;", len(s), s) }
	field(checks.Version)
	field(c.glossRev)
	field(c.bodyHash)
	field(c.a.Language)
	quoteInputs(h, q)
	if q.SourceID != nil {
		src, err := c.source(ctx, *q.SourceID)
		if err != nil {
			return "", err
		}
		if src != nil {
			field(src.TextHash)
			field(src.URL)
			field(src.Language)
		}
	}
	for _, sib := range siblings {
		field(strconv.FormatInt(sib.ID, 10) + "=" + sib.RenderingKey)
	}
	for _, m := range machine {
		field(m.Provider + "=" + m.Text)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// quoteInputs writes the quote's own fields that the checks read.
func quoteInputs(h hash.Hash, q *cotejo.Quote) {
	field := func(s string) { fmt.Fprintf(h, "%d:%s;", len(s), s) }
	field(strconv.FormatInt(q.ID, 10))
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
	for _, a := range []*cotejo.Anchor{q.SourceAnchor, q.ArticleAnchor} {
		if a == nil {
			field("")
			continue
		}
		field(fmt.Sprintf("%d-%d-%s", a.Start, a.End, a.State))
	}
	if q.Media != nil {
		field(fmt.Sprintf("%g-%g", q.Media.Start, q.Media.End))
	} else {
		field("")
	}
}

// prepare reads what recomputing findings needs: the body and the sources'
// texts prepared once, and the glossary.
func (c *checker) prepare(ctx context.Context, qs []*cotejo.Quote) error {
	if c.prepared {
		return nil
	}
	c.prepared = true
	c.body = checks.NewText(c.a.Body)
	c.texts = map[int64]*checks.Text{}
	var ids []int64
	for _, q := range qs {
		if q.SourceID != nil && !slices.Contains(ids, *q.SourceID) {
			ids = append(ids, *q.SourceID)
		}
	}
	srcs, err := c.r.SourcesWithText(ctx, ids)
	if err != nil {
		return err
	}
	for _, src := range srcs {
		c.texts[src.ID] = checks.NewText(src.Text)
	}
	c.glossary, err = c.s.glossary(ctx, c.r, c.glossRev)
	return err
}

// findings returns the findings of quotes qs of the checker's article:
// stored ones where their fingerprint holds, fresh ones elsewhere, and the
// fresh ones to store.
func (c *checker) findings(ctx context.Context, qs []*cotejo.Quote) ([][]checks.Finding, map[int64]StoredChecks, error) {
	var ids []int64
	var texts []string
	for _, q := range qs {
		if q.Original.Text != "" {
			texts = append(texts, q.Original.Text)
		}
		if q.ID != 0 {
			ids = append(ids, q.ID)
		}
	}
	siblings, err := c.r.Siblings(ctx, texts)
	if err != nil {
		return nil, nil, err
	}
	// What machine translation suggested for the originals, for the check
	// of renderings that are its output unedited.
	var origs []Original
	for _, q := range qs {
		if q.Original.Text != "" {
			origs = append(origs, Original{Text: q.Original.Text, Lang: q.Original.Lang})
		}
	}
	machine, err := c.r.MachineTranslations(ctx, origs, c.a.Language)
	if err != nil {
		return nil, nil, err
	}
	c.machine = machine
	stored, err := c.r.StoredChecks(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	out := make([][]checks.Finding, len(qs))
	prints := make([]string, len(qs))
	var stale []int
	for i, q := range qs {
		sibs := siblings[q.Original.Text]
		sibs = sibs[:min(len(sibs), sameOriginalLimit)]
		if prints[i], err = c.fingerprint(ctx, q, sibs, machine[q.Original.Text]); err != nil {
			return nil, nil, err
		}
		if st, ok := stored[q.ID]; ok && q.ID != 0 && st.Inputs == prints[i] {
			var fs []checks.Finding
			if json.Unmarshal(st.Findings, &fs) == nil && fs != nil {
				out[i] = fs
				continue
			}
		}
		stale = append(stale, i)
	}
	if len(stale) == 0 {
		return out, nil, nil
	}
	staleQuotes := make([]*cotejo.Quote, len(stale))
	var staleTexts []string
	for k, i := range stale {
		staleQuotes[k] = qs[i]
		if t := qs[i].Original.Text; t != "" && !slices.Contains(staleTexts, t) {
			staleTexts = append(staleTexts, t)
		}
	}
	if err := c.prepare(ctx, staleQuotes); err != nil {
		return nil, nil, err
	}
	same := map[string][]*cotejo.Quote{}
	if len(staleTexts) > 0 {
		found, err := c.r.QuotesWithOriginals(ctx, staleTexts, sameOriginalLimit*len(staleTexts))
		if err != nil {
			return nil, nil, err
		}
		for _, o := range found {
			k := checks.WordKey(o.Original.Text)
			same[k] = append(same[k], o)
		}
	}
	fresh := map[int64]StoredChecks{}
	for _, i := range stale {
		q := qs[i]
		fs := c.run(q, others(q, same[checks.WordKey(q.Original.Text)]))
		c.s.checked.Add(1)
		// Findings read back from storage carry their details as JSON
		// values; fresh ones take the same form, so that what a caller
		// gets does not depend on whether they were stored.
		b, err := json.Marshal(fs)
		if err != nil {
			return nil, nil, err
		}
		if err := json.Unmarshal(b, &out[i]); err != nil {
			return nil, nil, err
		}
		if q.ID != 0 {
			fresh[q.ID] = StoredChecks{Inputs: prints[i], Findings: b}
		}
	}
	return out, fresh, nil
}

// others are the quotes the consistency check compares q with: the saved
// quotes with the same words in their original, anywhere, but q itself.
func others(q *cotejo.Quote, same []*cotejo.Quote) []checks.Pair {
	var out []checks.Pair
	for _, o := range same {
		if o.ID == q.ID || o.Rendering.Text == "" {
			continue
		}
		out = append(out, checks.Pair{QuoteID: o.ID, Original: o.Original.Text, Rendering: o.Rendering.Text})
	}
	return out
}

// run checks one quote with the prepared inputs.
func (c *checker) run(q *cotejo.Quote, others []checks.Pair) []checks.Finding {
	in := checks.Input{
		Original: q.Original.Text, OriginalLang: q.Original.Lang,
		Rendering: q.Rendering.Text, RenderingLang: q.Rendering.Lang,
		Speaker: q.Speaker, EvidenceNote: q.EvidenceNote,
		Body: c.body, ArticleLang: c.a.Language,
		Glossary: c.glossary, Others: others,
	}
	for _, m := range c.machine[q.Original.Text] {
		in.MachineRenderings = append(in.MachineRenderings, m.Text)
	}
	if q.SourceID != nil {
		if src := c.sources[*q.SourceID]; src != nil {
			in.SourceURL = src.URL
			in.Source = c.texts[src.ID]
		}
	}
	if a := q.SourceAnchor; a != nil {
		in.SourceAnchor = &checks.Span{Start: a.Start, End: a.End}
		in.SourceAnchorState = string(a.State)
	}
	if a := q.ArticleAnchor; a != nil && a.State != cotejo.AnchorLost {
		in.ArticleAnchor = &checks.Span{Start: a.Start, End: a.End}
	}
	if q.Media != nil {
		in.Media = &checks.MediaRange{Start: q.Media.Start, End: q.Media.End}
	}
	return checks.Run(in)
}

// glossaryCache keeps the glossary as the checks take it, for as long as
// its revision in the database stays the same: every instance reads the
// revision, so none shows an old glossary after a change.
type glossaryCache struct {
	mu    sync.Mutex
	rev   string
	terms []*cotejo.GlossaryTerm
	check []checks.Term
}

// glossaryTerms returns every glossary term at revision rev.
func (s *Service) glossaryTerms(ctx context.Context, r Reader, rev string) ([]*cotejo.GlossaryTerm, []checks.Term, error) {
	g := &s.gloss
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.check != nil && g.rev == rev {
		return g.terms, g.check, nil
	}
	terms, err := r.GlossaryTerms(ctx)
	if err != nil {
		return nil, nil, err
	}
	check := make([]checks.Term, 0, len(terms))
	for _, t := range terms {
		check = append(check, checks.Term{ID: t.ID, Source: t.Source.Text, SourceLang: t.Source.Lang,
			Targets: append(nonEmpty(t.Target.Text), t.Alternatives...), Forbidden: t.Forbidden, Note: t.Note})
	}
	g.rev, g.terms, g.check = rev, terms, check
	return terms, check, nil
}

// currentGlossary returns every glossary term as the store has them now,
// from the cache while the glossary's revision stays the same.
func (s *Service) currentGlossary(ctx context.Context) ([]*cotejo.GlossaryTerm, error) {
	rev, err := s.store.GlossaryRevision(ctx)
	if err != nil {
		return nil, err
	}
	terms, _, err := s.glossaryTerms(ctx, s.store, rev)
	return terms, err
}

func (s *Service) glossary(ctx context.Context, r Reader, rev string) ([]checks.Term, error) {
	_, check, err := s.glossaryTerms(ctx, r, rev)
	return check, err
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// views checks quotes qs of the checker's article and stores the findings
// computed afresh: in tx when one is given, else outside any (a view).
func (c *checker) views(ctx context.Context, tx Tx, qs []*cotejo.Quote) ([]QuoteView, error) {
	fs, fresh, err := c.findings(ctx, qs)
	if err != nil {
		return nil, err
	}
	if len(fresh) > 0 {
		if tx != nil {
			err = tx.SaveChecks(ctx, fresh)
		} else if err = c.s.store.SaveChecks(ctx, fresh); err != nil {
			// The findings are right; only remembering them failed, and the
			// next view computes them again.
			c.s.log.Warn("storing check findings", "article", c.a.ID, "err", err)
			err = nil
		}
		if err != nil {
			return nil, err
		}
	}
	out := make([]QuoteView, len(qs))
	for i, q := range qs {
		out[i] = viewOf(q, fs[i])
	}
	return out, nil
}

// Checks runs the checks of one quote.
func (s *Service) Checks(ctx context.Context, id int64) ([]checks.Finding, error) {
	v, err := s.ViewQuote(ctx, id)
	if err != nil {
		return nil, err
	}
	return v.Checks, nil
}

// ViewQuote loads a quote with its checks.
func (s *Service) ViewQuote(ctx context.Context, id int64) (*QuoteView, error) {
	v, _, err := s.ViewQuoteAndArticle(ctx, id)
	return v, err
}

// ViewQuoteAndArticle is ViewQuote for a caller that shows the quote's
// article too (the quote page), from the article's snapshot: callers must
// not modify what it returns.
func (s *Service) ViewQuoteAndArticle(ctx context.Context, id int64) (*QuoteView, *cotejo.Article, error) {
	articleID, err := s.store.QuoteArticle(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	snap, err := s.Snapshot(ctx, articleID)
	if err != nil {
		return nil, nil, err
	}
	v, ok := snap.Quote(id)
	if !ok { // moved or deleted between the two reads
		return nil, nil, cotejo.Errorf(cotejo.CodeNotFound, "No quote with id %d.", id)
	}
	return v, snap.Article, nil
}

// ViewQuotes returns an article's quotes with their checks, from its
// snapshot: callers must not modify them.
func (s *Service) ViewQuotes(ctx context.Context, articleID int64) ([]QuoteView, error) {
	snap, err := s.Snapshot(ctx, articleID)
	if err != nil {
		return nil, err
	}
	return snap.Views, nil
}

// Views adds checks to quotes qs of article a. sources are a's sources
// (without texts) when the caller has them loaded already; nil reads them.
func (s *Service) Views(ctx context.Context, a *cotejo.Article, sources []*cotejo.Source, qs []*cotejo.Quote) ([]QuoteView, error) {
	c, err := s.newChecker(ctx, s.store, a, sources)
	if err != nil {
		return nil, err
	}
	return c.views(ctx, nil, qs)
}

// checkIn checks one quote of article a within transaction tx, as the
// transaction sees it, storing fresh findings in it.
func (s *Service) checkIn(ctx context.Context, tx Tx, a *cotejo.Article, q *cotejo.Quote) ([]checks.Finding, error) {
	c, err := s.newChecker(ctx, tx, a, nil)
	if err != nil {
		return nil, err
	}
	v, err := c.views(ctx, tx, []*cotejo.Quote{q})
	if err != nil {
		return nil, err
	}
	return v[0].Checks, nil
}

// CheckDraft runs the checks on a quote as it is being written, before it
// is saved: the workbench's live checks. quoteID is the quote being edited
// (0 for a new one), which the consistency check leaves out. Nothing is
// stored. Spans that no longer fit what is typed are dropped and the texts
// searched for instead: a draft is checked, not refused.
func (s *Service) CheckDraft(ctx context.Context, articleID, quoteID int64, in QuoteInput) ([]checks.Finding, error) {
	a, err := s.store.Article(ctx, articleID)
	if err != nil {
		return nil, err
	}
	if err := cotejo.CheckText("speaker", in.Speaker); err != nil {
		return nil, err
	}
	q, src, err := draftQuote(ctx, s.store, a, in)
	if err != nil {
		return nil, err
	}
	q.Speaker = cotejo.NFC(q.Speaker)
	if err := s.anchorQuote(q, a, src, in.SourceAnchor, in.ArticleAnchor); err != nil {
		if cotejo.ErrorCode(err) != cotejo.CodeInvalid || (in.SourceAnchor == nil && in.ArticleAnchor == nil) {
			return nil, err
		}
		if err := s.anchorQuote(q, a, src, nil, nil); err != nil {
			return nil, err
		}
	}
	c, err := s.newChecker(ctx, s.store, a, nil)
	if err != nil {
		return nil, err
	}
	if err := c.prepare(ctx, []*cotejo.Quote{q}); err != nil {
		return nil, err
	}
	if q.Original.Text != "" {
		if c.machine, err = s.store.MachineTranslations(ctx, []Original{{Text: q.Original.Text, Lang: q.Original.Lang}}, a.Language); err != nil {
			return nil, err
		}
	}
	// The draft is never stored: its findings are computed, not looked up,
	// and it is compared with the saved quotes other than the one it edits.
	var same []*cotejo.Quote
	if q.Original.Text != "" {
		if same, err = s.store.QuotesWithOriginals(ctx, []string{q.Original.Text}, sameOriginalLimit); err != nil {
			return nil, err
		}
	}
	q.ID = quoteID
	s.checked.Add(1)
	return c.run(q, others(q, same)), nil
}
