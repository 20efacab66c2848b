package store

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/cotejo/cotejo/internal/cotejo"
)

func (q queries) ctx(ctx context.Context) *gorm.DB { return q.db.WithContext(ctx) }

// User returns the user with the given id.
func (q queries) User(ctx context.Context, id int64) (*cotejo.User, error) {
	return findByID(q.ctx(ctx), id, "user", userRow.domain)
}

// UserByEmail returns the user with the given email (compared lower-cased).
func (q queries) UserByEmail(ctx context.Context, email string) (*cotejo.User, error) {
	var r userRow
	if err := q.ctx(ctx).Where("email = ?", strings.ToLower(strings.TrimSpace(email))).First(&r).Error; err != nil {
		return nil, notFound(err, "user", email)
	}
	return r.domain(), nil
}

// Users lists every user by name.
func (q queries) Users(ctx context.Context) ([]*cotejo.User, error) {
	return findAll(q.ctx(ctx).Order("name, id"), userRow.domain)
}

// Article returns the article with the given id.
func (q queries) Article(ctx context.Context, id int64) (*cotejo.Article, error) {
	return readArticle(q.ctx(ctx), id)
}

func readArticle(db *gorm.DB, id int64) (*cotejo.Article, error) {
	return findByID(db, id, "article", articleRow.domain)
}

// pageLimit is the number of rows a list returns: 100 when the caller asks
// for none, and never more than 500, so that a large limit is clamped rather
// than ignored.
func pageLimit(limit int) int {
	if limit <= 0 {
		return 100
	}
	return min(limit, 500)
}

// inBatch is how many values one "IN ?" list of a query carries; longer
// lists are read a batch at a time.
const inBatch = 500

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// SourceAttached reports whether a source is attached to an article.
func (q queries) SourceAttached(ctx context.Context, articleID, sourceID int64) (bool, error) {
	var n int64
	err := q.ctx(ctx).Table("article_sources").Where("article_id = ? AND source_id = ?", articleID, sourceID).Count(&n).Error
	return n > 0, err
}

// Quote returns the quote with the given id.
func (q queries) Quote(ctx context.Context, id int64) (*cotejo.Quote, error) {
	return findByID(q.ctx(ctx), id, "quote", quoteRow.domain)
}

// QuoteArticle returns the id of a quote's article.
func (q queries) QuoteArticle(ctx context.Context, id int64) (int64, error) {
	var r quoteRow
	if err := q.ctx(ctx).Select("article_id").First(&r, id).Error; err != nil {
		return 0, notFound(err, "quote", id)
	}
	return r.ArticleID, nil
}

// Quotes lists an article's quotes in the order they were made.
func (q queries) Quotes(ctx context.Context, articleID int64) ([]*cotejo.Quote, error) {
	return findAll(q.ctx(ctx).Where("article_id = ?", articleID).Order("id"), quoteRow.domain)
}

// QuotesBySource lists the quotes whose original comes from a source.
func (q queries) QuotesBySource(ctx context.Context, sourceID int64) ([]*cotejo.Quote, error) {
	return findAll(q.ctx(ctx).Where("source_id = ?", sourceID).Order("id"), quoteRow.domain)
}

// Events returns the history of one thing, oldest first.
func (q queries) Events(ctx context.Context, entity cotejo.Entity, id int64) ([]*cotejo.Event, error) {
	return findAll(q.ctx(ctx).Where("entity = ? AND entity_id = ?", string(entity), id).Order("id"), eventRow.domain)
}

// ArticleEvents lists the events of an article itself and of its passage
// marks, oldest first; its quotes' events are in their own histories.
func (q queries) ArticleEvents(ctx context.Context, articleID int64) ([]*cotejo.Event, error) {
	return findAll(q.ctx(ctx).Where("article_id = ? AND entity = ?", articleID, string(cotejo.EntityPassage)).
		Or("entity = ? AND entity_id = ?", string(cotejo.EntityArticle), articleID).Order("id"), eventRow.domain)
}

// PassageIgnores lists the passages of an article marked not-a-translated-quote.
func (q queries) PassageIgnores(ctx context.Context, articleID int64) ([]*cotejo.PassageIgnore, error) {
	return findAll(q.ctx(ctx).Where("article_id = ?", articleID).Order("start_offset, id"), passageIgnoreRow.domain)
}

// Setting returns an instance-wide setting; ok is false when it is unset.
func (q queries) Setting(ctx context.Context, key string) (value string, ok bool, err error) {
	var vals []string
	if err := q.ctx(ctx).Table("settings").Where("key = ?", key).Pluck("value", &vals).Error; err != nil {
		return "", false, err
	}
	if len(vals) == 0 {
		return "", false, nil
	}
	return vals[0], true, nil
}

// SessionUser returns the user of a live session, by the hash of its secret.
// Every request of a logged-in page asks it: one query, not two.
func (q queries) SessionUser(ctx context.Context, idHash string, now time.Time) (*cotejo.User, error) {
	var r userRow
	err := q.ctx(ctx).Joins("JOIN sessions ON sessions.user_id = users.id").
		Where("sessions.id_hash = ? AND sessions.expires_at > ?", idHash, now.UTC()).Take(&r).Error
	if err != nil {
		return nil, notFound(err, "session", "")
	}
	return r.domain(), nil
}

// TokenUser returns the user of a live API token, by the hash of its secret.
func (q queries) TokenUser(ctx context.Context, hash string) (*cotejo.User, *cotejo.APIToken, error) {
	var t tokenRow
	if err := q.ctx(ctx).Where("token_hash = ? AND revoked_at IS NULL", hash).First(&t).Error; err != nil {
		return nil, nil, notFound(err, "token", "")
	}
	u, err := q.User(ctx, t.UserID)
	return u, t.domain(), err
}

// Tokens lists a user's API tokens, newest first.
func (q queries) Tokens(ctx context.Context, userID int64) ([]*cotejo.APIToken, error) {
	return findAll(q.ctx(ctx).Where("user_id = ?", userID).Order("id DESC"), tokenRow.domain)
}

// LoginFailures counts the failed logins for an account from an address
// since pairSince, with the time of the latest (zero when there is none),
// and the failures from the address for any account since addressSince.
func (q queries) LoginFailures(ctx context.Context, account, address string, pairSince, addressSince time.Time) (pair int, pairLast time.Time, byAddress int, err error) {
	var rows []loginFailureRow
	err = q.ctx(ctx).Where("account = ? AND address = ? AND at > ?", account, address, pairSince.UTC()).Order("at DESC").Find(&rows).Error
	if err != nil {
		return 0, time.Time{}, 0, err
	}
	if len(rows) > 0 {
		pairLast = rows[0].At.UTC()
	}
	var b int64
	if err = q.ctx(ctx).Model(&loginFailureRow{}).Where("address = ? AND at > ?", address, addressSince.UTC()).Count(&b).Error; err != nil {
		return 0, time.Time{}, 0, err
	}
	return len(rows), pairLast, int(b), nil
}

func mapRows[R any, D any](rows []R, f func(R) D) []D {
	out := make([]D, len(rows))
	for i, r := range rows {
		out[i] = f(r)
	}
	return out
}

// findAll runs a list query and gives its rows as domain values.
func findAll[R any, D any](db *gorm.DB, domain func(R) D) ([]D, error) {
	var rows []R
	if err := db.Find(&rows).Error; err != nil {
		return nil, err
	}
	return mapRows(rows, domain), nil
}

// readByKey reads the rows of the keys of byKey, inBatch keys to a query
// (query makes the query of a batch), and gives each text of byKey the
// values of the rows of its key, in the order the query returns them.
func readByKey[R any, V any](byKey map[string][]string, query func(keys []string) *gorm.DB,
	value func(R) (key string, v V)) (map[string][]V, error) {
	out := map[string][]V{}
	for batch := range slices.Chunk(slices.Sorted(maps.Keys(byKey)), inBatch) {
		var rows []R
		if err := query(batch).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			k, v := value(r)
			for _, t := range byKey[k] {
				out[t] = append(out[t], v)
			}
		}
	}
	return out, nil
}

// findByID reads the row with the given id as its domain value; no such
// row is a CodeNotFound error that names what was looked for.
func findByID[R any, D any](db *gorm.DB, id int64, what string, domain func(R) D) (D, error) {
	var r R
	if err := db.First(&r, id).Error; err != nil {
		var none D
		return none, notFound(err, what, id)
	}
	return domain(r), nil
}

// GlossaryTerm returns one glossary term.
func (q queries) GlossaryTerm(ctx context.Context, id int64) (*cotejo.GlossaryTerm, error) {
	return findByID(q.ctx(ctx), id, "glossary term", glossaryRow.domain)
}

// TMUnits lists the memory's pairs from a source language (its primary
// subtag, so es matches es-MX), newest first, at most limit.
func (q queries) TMUnits(ctx context.Context, sourceLang string, limit int) ([]*cotejo.TMUnit, error) {
	db := q.ctx(ctx)
	if sourceLang != "" {
		db = db.Where("source_lang = ? OR source_lang LIKE ?", sourceLang, sourceLang+"-%")
	}
	return findAll(db.Order("id DESC").Limit(limit), tmRow.domain)
}

// Comments lists a quote's comments, oldest first.
func (q queries) Comments(ctx context.Context, quoteID int64) ([]*cotejo.Comment, error) {
	return findAll(q.ctx(ctx).Where("quote_id = ?", quoteID).Order("created_at, id"), commentRow.domain)
}
