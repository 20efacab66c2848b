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
	Articles(ctx context.Context, f cotejo.ArticleFilter) ([]*cotejo.Article, error)
	Source(ctx context.Context, id int64) (*cotejo.Source, error)
	Sources(ctx context.Context, limit, offset int) ([]*cotejo.Source, error)
	ArticleSources(ctx context.Context, articleID int64) ([]*cotejo.Source, error)
	SourceAttached(ctx context.Context, articleID, sourceID int64) (bool, error)
	Quote(ctx context.Context, id int64) (*cotejo.Quote, error)
	Quotes(ctx context.Context, articleID int64) ([]*cotejo.Quote, error)
	QuotesBySource(ctx context.Context, sourceID int64) ([]*cotejo.Quote, error)
	Events(ctx context.Context, entity cotejo.Entity, id int64) ([]*cotejo.Event, error)
	ArticleEvents(ctx context.Context, articleID int64) ([]*cotejo.Event, error)
	PassageIgnores(ctx context.Context, articleID int64) ([]*cotejo.PassageIgnore, error)
	Setting(ctx context.Context, key string) (string, bool, error)
	SessionUser(ctx context.Context, idHash string, now time.Time) (*cotejo.User, error)
	TokenUser(ctx context.Context, hash string) (*cotejo.User, *cotejo.APIToken, error)
	Tokens(ctx context.Context, userID int64) ([]*cotejo.APIToken, error)
	LoginFailures(ctx context.Context, account, address string, since time.Time) (byAccount, byAddress int, err error)
	QuotesByStatus(ctx context.Context, statuses []cotejo.QuoteStatus, limit int) ([]*cotejo.Quote, error)
	QuotesWithOriginals(ctx context.Context, texts []string, limit int) ([]*cotejo.Quote, error)
	Glossary(ctx context.Context) ([]*cotejo.GlossaryTerm, error)
	GlossaryTerm(ctx context.Context, id int64) (*cotejo.GlossaryTerm, error)
	TMUnits(ctx context.Context, sourceLang string, limit int) ([]*cotejo.TMUnit, error)
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
	CreateSession(ctx context.Context, idHash string, s cotejo.Session) error
	DeleteSession(ctx context.Context, idHash string) error
	DeleteExpired(ctx context.Context, now, failuresBefore time.Time) error
	CreateToken(ctx context.Context, t *cotejo.APIToken, hash string) error
	RevokeToken(ctx context.Context, userID, id int64, now time.Time) error
	TouchToken(ctx context.Context, id int64, now time.Time) error
	AddLoginFailure(ctx context.Context, account, address string, at time.Time) error
	ClearLoginFailures(ctx context.Context, account string) error
	CreateGlossaryTerm(ctx context.Context, g *cotejo.GlossaryTerm) error
	UpdateGlossaryTerm(ctx context.Context, g *cotejo.GlossaryTerm) error
	DeleteGlossaryTerm(ctx context.Context, id int64, base int) error
	AddTMUnits(ctx context.Context, us []*cotejo.TMUnit) error
	DeleteTMUnitsOfQuote(ctx context.Context, quoteID int64) error
	CreateComment(ctx context.Context, c *cotejo.Comment) error
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
}
