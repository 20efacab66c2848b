package workflow

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/crosslingual"
)

// Service runs the use cases against a store.
type Service struct {
	store Store
	now   func() time.Time
	log   *slog.Logger
	// BcryptCost is the cost of new password hashes; tests lower it.
	BcryptCost int

	gloss glossaryCache
	finds *crosslingual.Cache // prepared sources, by text and preparation

	lexicon   crosslingual.Lexicon
	sourceMT  Translator                           // machine translation as a retrieval feature of prepared sources
	suggester Translator                           // machine translation offered as a suggestion
	snaps     revCache[int64, *ArticleSnapshot]    // by article id
	suggest   revCache[cotejo.LangText, []TMMatch] // memory matches of quotes' originals (see suggestedMatches)
	searched  atomic.Int64                         // memory searches for suggestions, for tests of their reuse
	jobs      jobs
	checked   atomic.Int64 // quotes checked afresh, for tests of the findings' reuse

	standInOnce sync.Once
	standInHash []byte

	formKeyMu    sync.Mutex
	formKeyCache []byte
}

// Option configures a Service.
type Option func(*Service)

// WithClock makes the service read time from now (tests use a fixed clock).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) Option { return func(s *Service) { s.log = l } }

// WithBcryptCost sets the cost of new password hashes.
func WithBcryptCost(c int) Option { return func(s *Service) { s.BcryptCost = c } }

// New returns a Service over st.
func New(st Store, opts ...Option) *Service {
	s := &Service{store: st, now: time.Now, log: slog.Default(), BcryptCost: 12, finds: crosslingual.NewCache(32),
		snaps: newRevCache[int64, *ArticleSnapshot](snapshotEntries), suggest: newRevCache[cotejo.LangText, []TMMatch](suggestEntries)}
	for _, o := range opts {
		o(s)
	}
	s.registerFinding()
	return s
}

// Now is the service's clock, in UTC.
func (s *Service) Now() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// record appends an event to the audit trail within tx: what the thing
// was before and after (a domain value or a Record; nil for none), in the
// audit's own payload (see Record), and why.
func (s *Service) record(ctx context.Context, tx Tx, actor *cotejo.User, entity cotejo.Entity, id int64, articleID *int64, action string, from, to any, reason cotejo.Reason) error {
	e := &cotejo.Event{At: s.Now(), Entity: entity, EntityID: id, ArticleID: articleID, Action: action,
		From: payload(recordOf(from)), To: payload(recordOf(to)), Reason: reason, Payload: PayloadVersion}
	if actor != nil && actor.ID != 0 {
		e.UserID = &actor.ID
	}
	return tx.AddEvent(ctx, e)
}

// checkBase refuses a write based on a version other than the current one.
// base 0 means the client did not say, and the write applies to the current
// version: only the fields it names change.
func checkBase(base, current int, cur any) error {
	if base != 0 && base != current {
		return cotejo.VersionConflict(cur, "overwritten")
	}
	return nil
}

// MarkSetting sets an instance-wide setting.
func (s *Service) MarkSetting(ctx context.Context, key, value string) error {
	return s.store.InTx(ctx, func(tx Tx) error { return tx.SetSetting(ctx, key, value) })
}
