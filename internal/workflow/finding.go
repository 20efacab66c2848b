package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/crosslingual"
)

// Finding the original of an English rendering in a Spanish source: each
// source is prepared once, in the background (a job of kind
// JobPrepareSource), with the bilingual lexicon and machine translation
// when the instance has them; a query on a source not prepared yet answers
// with what needs no dictionary, and says so.

// Translator is machine translation, batched, as package mt provides it.
type Translator interface {
	Translate(ctx context.Context, texts []string, from, to string) ([]string, error)
	Name() string
}

// WithLexicon gives the service the bilingual lexicon that preparing and
// querying sources use (nil: none).
func WithLexicon(l crosslingual.Lexicon) Option { return func(s *Service) { s.lexicon = l } }

// WithSourceTranslator gives the service the machine translation that
// preparing a source uses as a retrieval feature (nil: none).
func WithSourceTranslator(t Translator) Option { return func(s *Service) { s.sourceMT = t } }

// WithSuggester gives the service the machine translation offered as a
// suggestion beside the memory and the glossary (nil: none).
func WithSuggester(t Translator) Option { return func(s *Service) { s.suggester = t } }

// JobPrepareSource is the job that prepares a source (its ref is the
// source's id).
const JobPrepareSource = "prepare_source"

// prepareAttempts bounds how often preparing one text is tried.
const prepareAttempts = 3

// Preparation is a source's stored preparation (see package crosslingual).
type Preparation struct {
	SourceID      int64
	TextHash      string
	FormatVersion int
	Method        string
	Data          []byte
	PreparedAt    time.Time
}

// Original is an original's text with its language.
type Original struct {
	Text, Lang string
}

// MachineText is what a machine-translation provider suggested.
type MachineText struct {
	Provider string `json:"provider"`
	Text     string `json:"text"`
}

// registerFinding registers the preparation job; New calls it.
func (s *Service) registerFinding() {
	s.RegisterJob(JobPrepareSource, prepareAttempts, s.prepareSource)
}

// prepareLater asks, in tx, for src to be prepared, when it has a text.
func (s *Service) prepareLater(ctx context.Context, tx Tx, src *cotejo.Source) error {
	if strings.TrimSpace(src.Text) == "" {
		return nil
	}
	_, err := s.Enqueue(ctx, tx, JobPrepareSource, strconv.FormatInt(src.ID, 10))
	return err
}

// prepareSource is the job: it prepares the source's current text, unless
// a preparation of that text with these tools is stored already.
func (s *Service) prepareSource(ctx context.Context, ref string, progress func(done, total int)) error {
	id, err := strconv.ParseInt(ref, 10, 64)
	if err != nil {
		return err
	}
	src, err := s.store.Source(ctx, id)
	if cotejo.ErrorCode(err) == cotejo.CodeNotFound {
		return nil // deleted meanwhile: nothing to do
	}
	if err != nil {
		return err
	}
	hash := crosslingual.TextHash(src.Text)
	method := s.preparedMethod()
	if p, err := s.store.Preparation(ctx, id, false); err != nil {
		return err
	} else if p != nil && p.TextHash == hash && p.FormatVersion == crosslingual.FormatVersion && p.Method == method {
		return nil
	}
	opt := crosslingual.Options{Progress: progress}
	if s.lexicon != nil {
		opt.Lexicon = s.lexicon
	}
	if s.sourceMT != nil {
		opt.Translator = s.sourceMT
	}
	prepared, err := crosslingual.Prepare(ctx, src.Text, opt)
	if err != nil {
		return err
	}
	data, err := json.Marshal(prepared)
	if err != nil {
		return err
	}
	p := &Preparation{SourceID: id, TextHash: hash, FormatVersion: crosslingual.FormatVersion,
		Method: method, Data: data, PreparedAt: s.Now()}
	return s.store.InTx(ctx, func(tx Tx) error {
		// The text may have changed while it was prepared: keep only a
		// preparation of the text that is there (the change queued a job).
		cur, err := tx.Source(ctx, id)
		if err != nil || crosslingual.TextHash(cur.Text) != hash {
			return err
		}
		return tx.SavePreparation(ctx, p)
	})
}

// preparedMethod names the tools this instance prepares with, so that a
// preparation made without the lexicon is made again once it is installed.
func (s *Service) preparedMethod() string {
	var parts []string
	if s.lexicon != nil {
		parts = append(parts, "lexicon")
	}
	if s.sourceMT != nil {
		parts = append(parts, "mt:"+s.sourceMT.Name())
	}
	return strings.Join(parts, "+")
}

// FindRequest asks for the original of an English rendering in a source.
type FindRequest struct {
	Rendering     string `json:"rendering"`
	Lang          string `json:"lang"`
	MaxCandidates int    `json:"max_candidates"`
	Speaker       string `json:"speaker"`
}

// FindOriginal finds where in source sourceID the original of an English
// rendering stands, best first: strong candidates only where the words
// match well; none strong for a remark not said there. On a source not
// prepared yet it answers with what needs no dictionary (Prepared false)
// and has the source prepared. Nothing is stored.
func (s *Service) FindOriginal(ctx context.Context, sourceID int64, in FindRequest) (*crosslingual.Result, error) {
	if in.MaxCandidates < 0 || in.MaxCandidates > crosslingual.MaxCandidates {
		return nil, cotejo.FieldError(cotejo.CodeInvalid, "max_candidates", "Ask for 1 to %d candidates.", crosslingual.MaxCandidates)
	}
	if err := cotejo.CheckText("speaker", in.Speaker); err != nil {
		return nil, err
	}
	meta, err := s.store.Source(ctx, sourceID)
	if err != nil {
		return nil, err
	}
	prep, err := s.store.Preparation(ctx, sourceID, false)
	if err != nil {
		return nil, err
	}
	hash := crosslingual.TextHash(meta.Text)
	ready := prep != nil && prep.TextHash == hash && prep.FormatVersion == crosslingual.FormatVersion
	key := hash + "/" + strconv.FormatBool(ready)
	if ready {
		key += "/" + prep.PreparedAt.String()
	}
	src, err := s.finds.Get(key, func() (*crosslingual.Source, error) {
		if !ready {
			return crosslingual.Quick(meta.Text), nil
		}
		full, err := s.store.Preparation(ctx, sourceID, true)
		if err != nil {
			return nil, err
		}
		loaded, err := crosslingual.Load(meta.Text, full.Data)
		if errors.Is(err, crosslingual.ErrStale) {
			return crosslingual.Quick(meta.Text), nil
		}
		return loaded, err
	})
	if err != nil {
		return nil, err
	}
	if !ready {
		// Ask for it now, in case the text came before the job did.
		if err := s.store.InTx(ctx, func(tx Tx) error { return s.prepareLater(ctx, tx, meta) }); err != nil {
			s.log.Warn("asking to prepare a source", "source", sourceID, "err", err)
		}
	}
	if terms, err := s.findTerms(ctx, meta.Language); err != nil {
		return nil, err
	} else if len(terms) > 0 {
		src = src.WithGlossary(terms)
	}
	res, err := src.Find(ctx, crosslingual.Query{Rendering: in.Rendering, Lang: in.Lang, Max: in.MaxCandidates,
		Speaker: in.Speaker, Lexicon: s.lexicon})
	if err != nil {
		return nil, err
	}
	// Prepared says whether the background preparation was done, whatever
	// tools it had (Method says which answered).
	res.Prepared = ready
	return &res, nil
}

// findTerms are the glossary's terms from the source's language into
// English, as hints for finding originals.
func (s *Service) findTerms(ctx context.Context, lang string) ([]crosslingual.Term, error) {
	terms, err := s.currentGlossary(ctx)
	if err != nil {
		return nil, err
	}
	var out []crosslingual.Term
	for _, t := range terms {
		if anchor.PrimaryLang(t.Source.Lang) == anchor.PrimaryLang(lang) && anchor.PrimaryLang(t.Target.Lang) == "en" && t.Target.Text != "" {
			out = append(out, crosslingual.Term{Spanish: t.Source.Text, English: t.Target.Text})
		}
	}
	return out, nil
}

// SourcePreparation says how far a source is from being prepared for
// finding originals.
type SourcePreparation struct {
	Prepared bool   `json:"prepared"`
	Method   string `json:"method,omitempty"` // the tools it was prepared with
	State    string `json:"state,omitempty"`  // the job's: queued, running, done, failed
	Progress string `json:"progress,omitempty"`
	Error    string `json:"error,omitempty"` // why the last attempt failed
}

// PreparationOf says where the preparation of a source stands.
func (s *Service) PreparationOf(ctx context.Context, src *cotejo.Source) (*SourcePreparation, error) {
	out := &SourcePreparation{}
	p, err := s.store.Preparation(ctx, src.ID, false)
	if err != nil {
		return nil, err
	}
	if p != nil && p.TextHash == crosslingual.TextHash(src.Text) && p.FormatVersion == crosslingual.FormatVersion {
		out.Prepared, out.Method = true, p.Method
	}
	j, err := s.store.LatestJob(ctx, JobPrepareSource, strconv.FormatInt(src.ID, 10))
	if err != nil || j == nil {
		return out, err
	}
	out.State, out.Progress, out.Error = string(j.State), j.Progress, j.LastError
	return out, nil
}

// machineSuggestion asks the suggester for the rendering of an original
// into target, once per original (kept in the database), and never fails:
// no suggester, a time-out or an error is no suggestion.
func (s *Service) machineSuggestion(ctx context.Context, original cotejo.LangText, target string) (*MachineText, bool) {
	if s.suggester == nil || strings.TrimSpace(original.Text) == "" {
		return nil, false
	}
	o := Original{Text: original.Text, Lang: original.Lang}
	have, err := s.store.MachineTranslations(ctx, []Original{o}, target)
	if err == nil {
		for _, m := range have[o.Text] {
			if m.Provider == s.suggester.Name() {
				return &m, true
			}
		}
	}
	ctx, cancel := context.WithTimeout(ctx, suggestTimeout)
	defer cancel()
	out, err := s.suggester.Translate(ctx, []string{original.Text}, anchor.PrimaryLang(original.Lang), anchor.PrimaryLang(target))
	if err != nil || len(out) != 1 || strings.TrimSpace(out[0]) == "" {
		if err != nil {
			s.log.Info("no machine suggestion", "provider", s.suggester.Name(), "err", err)
		}
		return nil, false
	}
	m := MachineText{Provider: s.suggester.Name(), Text: strings.TrimSpace(cotejo.NFC(out[0]))}
	if err := s.store.SaveMachineTranslation(ctx, o, target, m, s.Now()); err != nil {
		s.log.Warn("keeping a machine suggestion", "err", err)
	}
	return &m, true
}

// suggestTimeout bounds a machine suggestion computed while a page waits.
const suggestTimeout = 3 * time.Second
