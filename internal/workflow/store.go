package workflow

import (
	"context"
	"io"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// Reader is what the use cases read. Methods return cotejo errors with
// CodeNotFound for a missing thing.
type Reader interface {
	User(ctx context.Context, id int64) (*cotejo.User, error)
	UserByEmail(ctx context.Context, email string) (*cotejo.User, error)
	Users(ctx context.Context) ([]*cotejo.User, error)
	Article(ctx context.Context, id int64) (*cotejo.Article, error)
	// ArticleRevision names the state of what an article's pages show; it
	// changes with every change of it (see ArticleSnapshot).
	ArticleRevision(ctx context.Context, id int64) (string, error)
	// Articles lists a page of articles, without their bodies, and the
	// cursor of the next page ("" at the end).
	Articles(ctx context.Context, f cotejo.ArticleFilter) ([]*cotejo.Article, string, error)
	// ArticleHeadlines returns the articles with the given ids, with only
	// their ids and headlines.
	ArticleHeadlines(ctx context.Context, ids []int64) (map[int64]*cotejo.Article, error)
	Source(ctx context.Context, id int64) (*cotejo.Source, error)
	SourcesWithText(ctx context.Context, ids []int64) ([]*cotejo.Source, error)
	// Sources lists a page of sources without their texts.
	Sources(ctx context.Context, p cotejo.PageRequest) ([]*cotejo.Source, string, error)
	// ArticleSources lists an article's sources without their texts.
	ArticleSources(ctx context.Context, articleID int64) ([]*cotejo.Source, error)
	SourceAttached(ctx context.Context, articleID, sourceID int64) (bool, error)
	Quote(ctx context.Context, id int64) (*cotejo.Quote, error)
	QuoteArticle(ctx context.Context, id int64) (int64, error)
	Quotes(ctx context.Context, articleID int64) ([]*cotejo.Quote, error)
	QuotesBySource(ctx context.Context, sourceID int64) ([]*cotejo.Quote, error)
	Events(ctx context.Context, entity cotejo.Entity, id int64) ([]*cotejo.Event, error)
	ArticleEvents(ctx context.Context, articleID int64) ([]*cotejo.Event, error)
	PassageIgnores(ctx context.Context, articleID int64) ([]*cotejo.PassageIgnore, error)
	Setting(ctx context.Context, key string) (string, bool, error)
	SessionUser(ctx context.Context, idHash string, now time.Time) (*cotejo.User, error)
	TokenUser(ctx context.Context, hash string) (*cotejo.User, *cotejo.APIToken, error)
	Tokens(ctx context.Context, userID int64) ([]*cotejo.APIToken, error)
	LoginFailures(ctx context.Context, account, address string, pairSince, addressSince time.Time) (pair int, pairLast time.Time, byAddress int, err error)
	// QuotesWaiting lists a page of the quotes waiting as ws say, longest
	// waiting first, outside published articles.
	QuotesWaiting(ctx context.Context, ws []Waiting, p cotejo.PageRequest) ([]*cotejo.Quote, string, error)
	// QuotesWithOriginals lists quotes whose original has the words of one
	// of texts; Siblings gives, per text, the ids and rendering keys of the
	// same quotes from the index alone.
	QuotesWithOriginals(ctx context.Context, texts []string, limit int) ([]*cotejo.Quote, error)
	Siblings(ctx context.Context, texts []string) (map[string][]Sibling, error)
	// StoredChecks returns the stored findings of quotes; a quote without
	// any is missing from the map.
	StoredChecks(ctx context.Context, ids []int64) (map[int64]StoredChecks, error)
	// Glossary lists a page of terms (narrowed by a query); GlossaryTerms
	// lists them all; GlossaryRevision changes with every change of a term.
	Glossary(ctx context.Context, query string, p cotejo.PageRequest) ([]*cotejo.GlossaryTerm, string, error)
	GlossaryTerms(ctx context.Context) ([]*cotejo.GlossaryTerm, error)
	GlossaryRevision(ctx context.Context) (string, error)
	GlossaryTerm(ctx context.Context, id int64) (*cotejo.GlossaryTerm, error)
	// LatestJob returns the newest job of kind about ref (nil: none).
	LatestJob(ctx context.Context, kind, ref string) (*Job, error)
	// Preparation returns a source's stored preparation, with its data or
	// without (nil: none); MachineTranslations what providers suggested
	// for originals, by original text.
	Preparation(ctx context.Context, sourceID int64, withData bool) (*Preparation, error)
	MachineTranslations(ctx context.Context, originals []Original, target string) (map[string][]MachineText, error)
	TMUnits(ctx context.Context, sourceLang string, limit int) ([]*cotejo.TMUnit, error)
	// TMTermCounts says how many memory pairs hold each term (see
	// memory.Terms); TMPostings lists the ids of the pairs holding each,
	// ascending; TMUnitsByID reads pairs by id, in no order.
	TMTermCounts(ctx context.Context, terms []string) (map[string]int64, error)
	TMPostings(ctx context.Context, terms []string) (map[string][]int64, error)
	TMUnitsByID(ctx context.Context, ids []int64) ([]*cotejo.TMUnit, error)
	// MemoryRevision names the memory's state; it changes with every pair
	// added or taken out.
	MemoryRevision(ctx context.Context) (string, error)
	// TMLanguages lists the primary languages of the memory's originals.
	TMLanguages(ctx context.Context) ([]string, error)
	Comments(ctx context.Context, quoteID int64) ([]*cotejo.Comment, error)
	CommentsMentioning(ctx context.Context, userID int64, limit int) ([]*cotejo.Comment, error)
	// TimeMap returns the cues of a timed source, nil when it has none.
	TimeMap(ctx context.Context, sourceID int64) ([]cotejo.Cue, error)
	// OpenRecording returns a source's uploaded recording and a reader of
	// its bytes that seeks; CodeNotFound when none was uploaded.
	OpenRecording(ctx context.Context, sourceID int64) (*cotejo.Recording, io.ReadSeeker, error)
}

// Tx is one write transaction. Update methods write over the version the
// value carries and bump it, or return CodeVersionConflict with the current
// value in the error's details.
type Tx interface {
	Reader
	CreateUser(ctx context.Context, u *cotejo.User) error
	UpdateUser(ctx context.Context, u *cotejo.User) error
	// LockUsers makes other transactions that change accounts wait until
	// this one ends, so that a rule over every account (one enabled admin
	// remains) holds when two admins act at once.
	LockUsers(ctx context.Context) error
	CreateArticle(ctx context.Context, a *cotejo.Article) error
	UpdateArticle(ctx context.Context, a *cotejo.Article) error
	DeleteArticle(ctx context.Context, id int64, base int) error
	CreateSource(ctx context.Context, s *cotejo.Source) error
	UpdateSource(ctx context.Context, s *cotejo.Source) error
	AttachSource(ctx context.Context, articleID, sourceID int64) error
	CreateQuote(ctx context.Context, q *cotejo.Quote) error
	UpdateQuote(ctx context.Context, q *cotejo.Quote) error
	DeleteQuote(ctx context.Context, id int64, base int) error
	AddEvent(ctx context.Context, e *cotejo.Event) error
	CreatePassageIgnore(ctx context.Context, p *cotejo.PassageIgnore) error
	UpdatePassageIgnoreAnchor(ctx context.Context, id int64, a cotejo.Anchor) error
	DeletePassageIgnore(ctx context.Context, articleID, id int64) error
	SetSetting(ctx context.Context, key, value string) error
	// AddSetting sets a setting unless it is set already.
	AddSetting(ctx context.Context, key, value string) error
	CreateSession(ctx context.Context, idHash string, s cotejo.Session) error
	DeleteSession(ctx context.Context, idHash string) error
	DeleteExpired(ctx context.Context, now, failuresBefore time.Time) error
	CreateToken(ctx context.Context, t *cotejo.APIToken, hash string) error
	RevokeToken(ctx context.Context, userID, id int64, now time.Time) error
	TouchToken(ctx context.Context, id int64, now time.Time) error
	AddLoginFailure(ctx context.Context, account, address string, at time.Time) error
	ClearLoginFailures(ctx context.Context, account, address string) error
	CreateGlossaryTerm(ctx context.Context, g *cotejo.GlossaryTerm) error
	UpdateGlossaryTerm(ctx context.Context, g *cotejo.GlossaryTerm) error
	DeleteGlossaryTerm(ctx context.Context, id int64, base int) error
	AddTMUnits(ctx context.Context, us []*cotejo.TMUnit) error
	DeleteTMUnitsOfQuote(ctx context.Context, quoteID int64) error
	CreateComment(ctx context.Context, c *cotejo.Comment) error
	SavePreparation(ctx context.Context, p *Preparation) error
	// EnqueueJob queues a job unless one of its kind and ref is queued or
	// running; it returns the job that will do the work.
	EnqueueJob(ctx context.Context, kind, ref string, maxAttempts int, now time.Time) (*Job, error)
	SaveChecks(ctx context.Context, recs map[int64]StoredChecks) error
	// SetTimeMap replaces a source's time map; nil removes it.
	SetTimeMap(ctx context.Context, sourceID int64, cues []cotejo.Cue, at time.Time) error
	// PutRecording stores a source's recording, streamed from body, in
	// place of any before it: CodeTooLarge past limit bytes, CodeMalformed
	// when the body breaks off, CodeInvalid when it is empty.
	PutRecording(ctx context.Context, sourceID int64, contentType string, body io.Reader, limit int64, by int64, at time.Time) (*cotejo.Recording, error)
}

// Store is the database as the use cases see it.
type Store interface {
	Reader
	// InTx runs fn in one write transaction.
	InTx(ctx context.Context, fn func(tx Tx) error) error
	// SaveChecks stores findings computed outside a transaction (by a view).
	SaveChecks(ctx context.Context, recs map[int64]StoredChecks) error
	// SaveMachineTranslation keeps a provider's suggestion for an original.
	SaveMachineTranslation(ctx context.Context, original Original, target string, m MachineText, at time.Time) error
	// SetJobProgress records how far worker has got with a job it holds.
	SetJobProgress(ctx context.Context, id int64, worker, progress string) error
	// ClaimJob gives worker the longest-waiting job of one of kinds (nil:
	// none), held until now+lease; FinishJob records its outcome.
	ClaimJob(ctx context.Context, worker string, kinds []string, lease time.Duration, now time.Time) (*Job, error)
	FinishJob(ctx context.Context, id int64, worker string, failure error, retryAfter time.Duration, now time.Time) error
}

// StoredChecks are a quote's findings as stored (JSON), with the
// fingerprint of everything they were computed from.
type StoredChecks struct {
	Inputs   string
	Findings []byte
}

// Waiting names the quotes waiting in a status, leaving out those that
// person NotOf (an id; 0 for none) translated or last edited.
type Waiting struct {
	Status cotejo.QuoteStatus
	NotOf  int64
}

// Sibling is another quote with the same original, as the index knows it.
type Sibling struct {
	ID           int64
	RenderingKey string
}
