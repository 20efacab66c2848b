package store

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// updateVersioned writes row over the row with the given id only where that
// row still has version base, and bumps the version. When nothing was
// written it tells a missing row (404) from a newer one (409, with the
// current value in the error's details).
func updateVersioned(ctx context.Context, db *gorm.DB, row any, id int64, base int, current func() (any, error)) error {
	return versionedWrite(db.WithContext(ctx).Model(row).Where("id = ? AND version = ?", id, base).
		Select("*").Omit("id", "created_at", "created_by").Updates(row), current, "overwritten")
}

// deleteVersioned deletes the row only where it still has version base.
func deleteVersioned[R any](ctx context.Context, db *gorm.DB, id int64, base int, current func() (any, error)) error {
	var zero R
	return versionedWrite(db.WithContext(ctx).Where("id = ? AND version = ?", id, base).Delete(&zero), current, "deleted")
}

// versionedWrite tells what a write limited to one version of a row did:
// nothing wrong when it reached the row; otherwise the row is missing
// (what current says, 404) or newer (a conflict with its current value).
func versionedWrite(res *gorm.DB, current func() (any, error), nothing string) error {
	if res.Error != nil || res.RowsAffected == 1 {
		return res.Error
	}
	cur, err := current()
	if err != nil {
		return err
	}
	return cotejo.VersionConflict(cur, nothing)
}

// insert writes a new row at version 1 and sets the id and version of
// the domain's value (at id and version) to the row's.
func (t *Tx) insert(ctx context.Context, r versionedRow, id *int64, version *int, what string) error {
	k := r.keys()
	k.ID, k.Version = 0, 1
	if err := t.ctx(ctx).Create(r).Error; err != nil {
		return writeErr(err, what)
	}
	*id, *version = k.ID, k.Version
	return nil
}

// overwrite writes a row over the version it carries and sets the domain
// value's version to the new one, or returns the conflict with what
// current reads (see updateVersioned).
func (t *Tx) overwrite(ctx context.Context, r versionedRow, version *int, current func() (any, error), what string) error {
	k := r.keys()
	base := k.Version
	k.Version = base + 1
	if err := updateVersioned(ctx, t.db, r, k.ID, base, current); err != nil {
		return writeErr(err, what)
	}
	*version = k.Version
	return nil
}

// CreateUser inserts a user and sets its id and version.
func (t *Tx) CreateUser(ctx context.Context, u *cotejo.User) error {
	r := userToRow(u)
	return t.insert(ctx, &r, &u.ID, &u.Version, "user")
}

// Article reads an article inside a write transaction and, on PostgreSQL,
// holds its row until the transaction ends (SELECT … FOR UPDATE). Every
// change that can move an article's readiness reads the article first, so
// an approval and a change of one of its quotes run one after the other and
// cannot both pass on what the other has not yet written. SQLite's write
// transactions run one at a time and need no lock.
func (t *Tx) Article(ctx context.Context, id int64) (*cotejo.Article, error) {
	db := t.ctx(ctx)
	if t.postgres() {
		db = db.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
	}
	return readArticle(db, id)
}

// LockUsers takes a lock on the users table that conflicts with itself and
// with every update of it, on PostgreSQL. SQLite needs none: its write
// transactions start with BEGIN IMMEDIATE and run one at a time.
func (t *Tx) LockUsers(ctx context.Context) error {
	if !t.postgres() {
		return nil
	}
	return t.ctx(ctx).Exec("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE").Error
}

// postgres reports whether the transaction runs on PostgreSQL, whose
// transactions run side by side and need explicit locks where SQLite's
// queue up.
func (t *Tx) postgres() bool { return t.db.Dialector.Name() == Postgres }

// UpdateUser writes u over the version u.Version and bumps it.
func (t *Tx) UpdateUser(ctx context.Context, u *cotejo.User) error {
	r := userToRow(u)
	return t.overwrite(ctx, &r, &u.Version, func() (any, error) { return t.User(ctx, u.ID) }, "user")
}

// CreateArticle inserts an article and sets its id and version.
func (t *Tx) CreateArticle(ctx context.Context, a *cotejo.Article) error {
	r := articleToRow(a)
	if err := t.insert(ctx, &r, &a.ID, &a.Version, "article"); err != nil {
		return err
	}
	return indexArticle(ctx, t.db, a.ID, a.Headline, a.Body)
}

// UpdateArticle writes a over the version a.Version and bumps it. Its
// search terms follow its headline and body.
func (t *Tx) UpdateArticle(ctx context.Context, a *cotejo.Article) error {
	var old articleRow
	if err := t.ctx(ctx).Select("headline", "body").First(&old, a.ID).Error; err != nil {
		return notFound(err, "article", a.ID)
	}
	r := articleToRow(a)
	if err := t.overwrite(ctx, &r, &a.Version, func() (any, error) { return t.Article(ctx, a.ID) }, "article"); err != nil {
		return err
	}
	if err := t.touch(a.ID); err != nil {
		return err
	}
	if old.Headline == a.Headline && old.Body == a.Body {
		return nil
	}
	return indexArticle(ctx, t.db, a.ID, a.Headline, a.Body)
}

// DeleteArticle deletes an article, its quotes and its passage marks, if it
// still has version base.
func (t *Tx) DeleteArticle(ctx context.Context, id int64, base int) error {
	return deleteVersioned[articleRow](ctx, t.db, id, base, func() (any, error) { return t.Article(ctx, id) })
}

// CreateSource inserts a source and sets its id and version.
func (t *Tx) CreateSource(ctx context.Context, s *cotejo.Source) error {
	r := sourceToRow(s)
	s.TextLength, s.TextHash = r.TextLength, r.TextHash
	return t.insert(ctx, &r, &s.ID, &s.Version, "source")
}

// UpdateSource writes s over the version s.Version and bumps it.
func (t *Tx) UpdateSource(ctx context.Context, s *cotejo.Source) error {
	r := sourceToRow(s)
	if err := t.overwrite(ctx, &r, &s.Version, func() (any, error) { return t.Source(ctx, s.ID) }, "source"); err != nil {
		return err
	}
	s.TextLength, s.TextHash = r.TextLength, r.TextHash
	// The checks of the quotes of its articles read the source.
	return t.ctx(ctx).Exec("UPDATE articles SET revision = revision + 1 WHERE id IN (SELECT article_id FROM article_sources WHERE source_id = ?)", s.ID).Error
}

// AttachSource attaches a source to an article; attaching twice is a no-op.
func (t *Tx) AttachSource(ctx context.Context, articleID, sourceID int64) error {
	ok, err := t.SourceAttached(ctx, articleID, sourceID)
	if err != nil || ok {
		return err
	}
	if err := t.ctx(ctx).Exec("INSERT INTO article_sources (article_id, source_id) VALUES (?, ?)", articleID, sourceID).Error; err != nil {
		return writeErr(err, "source")
	}
	return t.touch(articleID)
}

// DetachSource detaches a source from an article.
func (t *Tx) DetachSource(ctx context.Context, articleID, sourceID int64) error {
	if err := t.ctx(ctx).Exec("DELETE FROM article_sources WHERE article_id = ? AND source_id = ?", articleID, sourceID).Error; err != nil {
		return err
	}
	return t.touch(articleID)
}

// A quote's changes are changes of its article's pages, and, when its words
// change, of the pages of the articles with quotes of the same original
// (their consistency check compares them).

// CreateQuote inserts a quote and sets its id and version.
func (t *Tx) CreateQuote(ctx context.Context, q *cotejo.Quote) error {
	r := quoteToRow(q)
	if err := t.insert(ctx, &r, &q.ID, &q.Version, "quote"); err != nil {
		return err
	}
	q.Keys = cotejo.QuoteKeys{Original: r.OriginalKey, Rendering: r.RenderingKey}
	return t.touchQuote(ctx, r.ArticleID, r.OriginalKey)
}

func (t *Tx) touchQuote(_ context.Context, articleID int64, keys ...string) error {
	t.touchOriginals(keys...)
	return t.touch(articleID)
}

// quoteKeys reads the keys a quote is stored with.
func (t *Tx) quoteKeys(ctx context.Context, id int64) (quoteRow, error) {
	var old quoteRow
	err := t.ctx(ctx).Select("article_id", "original_key", "rendering_key").First(&old, id).Error
	return old, notFound(err, "quote", id)
}

// UpdateQuote writes q over the version q.Version and bumps it. q.Keys are
// the keys it was read with (a quote made outside the store has none, and
// they are read).
func (t *Tx) UpdateQuote(ctx context.Context, q *cotejo.Quote) error {
	old := quoteRow{ArticleID: q.ArticleID, OriginalKey: q.Keys.Original, RenderingKey: q.Keys.Rendering}
	if q.Keys == (cotejo.QuoteKeys{}) {
		var err error
		if old, err = t.quoteKeys(ctx, q.ID); err != nil {
			return err
		}
	}
	r := quoteToRow(q)
	r.Version = q.Version + 1
	if err := t.writeQuote(ctx, &r, q.Version); err != nil {
		return writeErr(err, "quote")
	}
	q.Version, q.Keys = r.Version, cotejo.QuoteKeys{Original: r.OriginalKey, Rendering: r.RenderingKey}
	if old.OriginalKey == r.OriginalKey && old.RenderingKey == r.RenderingKey {
		return t.touchQuote(ctx, r.ArticleID)
	}
	return t.touchQuote(ctx, r.ArticleID, old.OriginalKey, r.OriginalKey)
}

// quoteColumns are the columns an update of a quote writes, in the order of
// the values of quoteValues.
const quoteColumns = "speaker = ?, original_text = ?, original_lang = ?, rendering_text = ?, rendering_lang = ?, source_id = ?, " +
	"source_anchor = ?, article_anchor = ?, media_start = ?, media_end = ?, media_state = ?, media_selector = ?, evidence_note = ?, " +
	"status = ?, translator_id = ?, translated_at = ?, verifier_id = ?, verified_at = ?, approver_id = ?, approved_at = ?, " +
	"last_editor_id = ?, status_reason = ?, status_reason_code = ?, overrides = ?, verified_hash = ?, original_key = ?, rendering_key = ?, version = ?, updated_at = ?"

func quoteValues(r *quoteRow) []any {
	return []any{r.Speaker, r.OriginalText, r.OriginalLang, r.RenderingText, r.RenderingLang, r.SourceID,
		r.SourceAnchor, r.ArticleAnchor, r.MediaStart, r.MediaEnd, r.MediaState, r.MediaSelector, r.EvidenceNote,
		r.Status, r.TranslatorID, r.TranslatedAt, r.VerifierID, r.VerifiedAt, r.ApproverID, r.ApprovedAt,
		r.LastEditorID, r.StatusReason, r.StatusReasonCode, r.Overrides, r.VerifiedHash, r.OriginalKey, r.RenderingKey, r.Version, r.UpdatedAt}
}

// writeQuote writes r over the stored quote of version base, in one plain
// statement on the transaction's connection: quotes are what an import of
// thousands of units writes, and building the statement through GORM cost
// more than running it. TestQuoteColumns keeps the list complete.
func (t *Tx) writeQuote(ctx context.Context, r *quoteRow, base int) error {
	res, err := t.plain(ctx).ExecContext(ctx, t.placeholders("UPDATE quotes SET "+quoteColumns+" WHERE id = ? AND version = ?"),
		append(quoteValues(r), r.ID, base)...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	cur, err := t.Quote(ctx, r.ID)
	if err != nil {
		return err
	}
	return cotejo.VersionConflict(cur, "overwritten")
}

// DeleteQuote deletes a quote if it still has version base.
func (t *Tx) DeleteQuote(ctx context.Context, id int64, base int) error {
	old, err := t.quoteKeys(ctx, id)
	if err != nil {
		return err
	}
	if err := deleteVersioned[quoteRow](ctx, t.db, id, base, func() (any, error) { return t.Quote(ctx, id) }); err != nil {
		return err
	}
	return t.touchQuote(ctx, old.ArticleID, old.OriginalKey)
}

// AddEvent appends e to the audit trail and sets its id.
func (t *Tx) AddEvent(ctx context.Context, e *cotejo.Event) error {
	r := eventRow{At: e.At.UTC(), UserID: e.UserID, Entity: string(e.Entity), EntityID: e.EntityID,
		ArticleID: e.ArticleID, Action: e.Action, Reason: e.Reason.Text, ReasonCode: string(e.Reason.Code), Payload: e.Payload}
	if r.Payload == 0 {
		r.Payload = 1
	}
	if len(e.From) > 0 {
		s := string(e.From)
		r.FromJSON = &s
	}
	if len(e.To) > 0 {
		s := string(e.To)
		r.ToJSON = &s
	}
	// One plain statement: every change writes an event, an import
	// thousands of them in its transaction.
	return t.plain(ctx).QueryRowContext(ctx, t.placeholders(`INSERT INTO events (at, user_id, entity, entity_id, article_id, action, from_json, to_json, reason, reason_code, payload)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), r.At, r.UserID, r.Entity, r.EntityID, r.ArticleID, r.Action,
		r.FromJSON, r.ToJSON, r.Reason, r.ReasonCode, r.Payload).Scan(&e.ID)
}

// CreatePassageIgnore marks a passage not-a-translated-quote.
func (t *Tx) CreatePassageIgnore(ctx context.Context, p *cotejo.PassageIgnore) error {
	r := passageIgnoreRow{ArticleID: p.ArticleID, StartOffset: p.Anchor.Start, EndOffset: p.Anchor.End,
		Exact: p.Anchor.Exact, Prefix: p.Anchor.Prefix, Suffix: p.Anchor.Suffix, State: string(p.Anchor.State),
		Reason: p.Reason, UserID: nonZero(p.UserID), CreatedAt: p.CreatedAt.UTC()}
	if err := t.ctx(ctx).Create(&r).Error; err != nil {
		return writeErr(err, "passage")
	}
	p.ID = r.ID
	return t.touch(p.ArticleID)
}

// UpdatePassageIgnoreAnchor moves a passage mark after its article changed
// (UpdateArticle counted the change).
func (t *Tx) UpdatePassageIgnoreAnchor(ctx context.Context, id int64, a cotejo.Anchor) error {
	return t.ctx(ctx).Model(&passageIgnoreRow{}).Where("id = ?", id).Updates(map[string]any{
		"start_offset": a.Start, "end_offset": a.End, "exact": a.Exact, "prefix": a.Prefix, "suffix": a.Suffix, "state": string(a.State),
	}).Error
}

// DeletePassageIgnore removes a passage mark.
func (t *Tx) DeletePassageIgnore(ctx context.Context, articleID, id int64) error {
	res := t.ctx(ctx).Where("id = ? AND article_id = ?", id, articleID).Delete(&passageIgnoreRow{})
	if res.Error == nil && res.RowsAffected == 0 {
		return cotejo.Errorf(cotejo.CodeNotFound, "No passage mark with id %d.", id)
	}
	if res.Error != nil {
		return res.Error
	}
	return t.touch(articleID)
}

// SetSetting sets an instance-wide setting.
func (t *Tx) SetSetting(ctx context.Context, key, value string) error {
	db := t.ctx(ctx)
	res := db.Exec("UPDATE settings SET value = ? WHERE key = ?", value, key)
	if res.Error != nil || res.RowsAffected > 0 {
		return res.Error
	}
	return db.Exec("INSERT INTO settings (key, value) VALUES (?, ?)", key, value).Error
}

// AddSetting sets an instance-wide setting unless it is set already, in
// which case the value in place stays: of two instances that add the same
// key at once, both then read the one value that won.
func (t *Tx) AddSetting(ctx context.Context, key, value string) error {
	return t.ctx(ctx).Exec("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", key, value).Error
}

// CreateSession stores a session under the hash of its secret.
func (t *Tx) CreateSession(ctx context.Context, idHash string, s cotejo.Session) error {
	return t.ctx(ctx).Create(&sessionRow{IDHash: idHash, UserID: s.UserID, CreatedAt: s.CreatedAt.UTC(), ExpiresAt: s.ExpiresAt.UTC()}).Error
}

// DeleteSession ends a session.
func (t *Tx) DeleteSession(ctx context.Context, idHash string) error {
	return t.ctx(ctx).Where("id_hash = ?", idHash).Delete(&sessionRow{}).Error
}

// DeleteExpired removes sessions and login failures past their time.
func (t *Tx) DeleteExpired(ctx context.Context, now, failuresBefore time.Time) error {
	if err := t.ctx(ctx).Where("expires_at <= ?", now.UTC()).Delete(&sessionRow{}).Error; err != nil {
		return err
	}
	return t.ctx(ctx).Where("at <= ?", failuresBefore.UTC()).Delete(&loginFailureRow{}).Error
}

// CreateToken stores an API token under the hash of its secret.
func (t *Tx) CreateToken(ctx context.Context, tok *cotejo.APIToken, hash string) error {
	r := tokenRow{UserID: tok.UserID, Name: tok.Name, TokenHash: hash, Hint: tok.Hint, CreatedAt: tok.CreatedAt.UTC()}
	if err := t.ctx(ctx).Create(&r).Error; err != nil {
		return writeErr(err, "token")
	}
	tok.ID = r.ID
	return nil
}

// RevokeToken revokes one of a user's tokens.
func (t *Tx) RevokeToken(ctx context.Context, userID, id int64, now time.Time) error {
	res := t.ctx(ctx).Model(&tokenRow{}).Where("id = ? AND user_id = ? AND revoked_at IS NULL", id, userID).Update("revoked_at", now.UTC())
	if res.Error == nil && res.RowsAffected == 0 {
		return cotejo.Errorf(cotejo.CodeNotFound, "No live token with id %d.", id)
	}
	return res.Error
}

// TouchToken records when a token was last used.
func (t *Tx) TouchToken(ctx context.Context, id int64, now time.Time) error {
	return t.ctx(ctx).Model(&tokenRow{}).Where("id = ?", id).Update("last_used_at", now.UTC()).Error
}

// AddLoginFailure records a failed login.
func (t *Tx) AddLoginFailure(ctx context.Context, account, address string, at time.Time) error {
	return t.ctx(ctx).Create(&loginFailureRow{Account: account, Address: address, At: at.UTC()}).Error
}

// ClearLoginFailures forgets an account's failures from an address after
// a successful login from there.
func (t *Tx) ClearLoginFailures(ctx context.Context, account, address string) error {
	return t.ctx(ctx).Where("account = ? AND address = ?", account, address).Delete(&loginFailureRow{}).Error
}

// CreateGlossaryTerm inserts a term and sets its id and version.
func (t *Tx) CreateGlossaryTerm(ctx context.Context, g *cotejo.GlossaryTerm) error {
	r := glossaryToRow(g)
	if err := t.insert(ctx, &r, &g.ID, &g.Version, "glossary term"); err != nil {
		return err
	}
	return t.bumpGlossaryRevision(ctx)
}

// UpdateGlossaryTerm writes g over the version g.Version and bumps it.
func (t *Tx) UpdateGlossaryTerm(ctx context.Context, g *cotejo.GlossaryTerm) error {
	r := glossaryToRow(g)
	if err := t.overwrite(ctx, &r, &g.Version, func() (any, error) { return t.GlossaryTerm(ctx, g.ID) }, "glossary term"); err != nil {
		return err
	}
	return t.bumpGlossaryRevision(ctx)
}

// DeleteGlossaryTerm deletes a term if it still has version base.
func (t *Tx) DeleteGlossaryTerm(ctx context.Context, id int64, base int) error {
	if err := deleteVersioned[glossaryRow](ctx, t.db, id, base, func() (any, error) { return t.GlossaryTerm(ctx, id) }); err != nil {
		return err
	}
	return t.bumpGlossaryRevision(ctx)
}

// glossaryRevisionKey is the setting counting the glossary's changes: the
// checks of every quote depend on the glossary, and a fingerprint that
// names the revision tells stale findings without reading the terms.
const glossaryRevisionKey = "glossary_revision"

// memoryRevisionKey counts the changes of the translation memory: what a
// search found stays what it finds until a pair is added or taken out.
const memoryRevisionKey = "memory_revision"

func (t *Tx) bumpGlossaryRevision(ctx context.Context) error { return t.bump(ctx, glossaryRevisionKey) }

// bump adds one to the counter kept in setting key.
func (t *Tx) bump(ctx context.Context, key string) error {
	db := t.ctx(ctx)
	res := db.Exec("UPDATE settings SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = ?", key)
	if res.Error != nil || res.RowsAffected > 0 {
		return res.Error
	}
	return db.Exec("INSERT INTO settings (key, value) VALUES (?, '1')", key).Error
}

// GlossaryRevision names the glossary's current state: it changes with
// every change of a term.
func (q queries) GlossaryRevision(ctx context.Context) (string, error) {
	v, _, err := q.Setting(ctx, glossaryRevisionKey)
	return v, err
}

// MemoryRevision names the translation memory's current state: it changes
// whenever a pair is added or taken out.
func (q queries) MemoryRevision(ctx context.Context) (string, error) {
	v, _, err := q.Setting(ctx, memoryRevisionKey)
	return v, err
}

// tmBatch is how many memory pairs one INSERT carries: a TMX import of tens
// of thousands of pairs is a few hundred statements, not one per pair.
const tmBatch = 500

// AddTMUnits appends pairs to the translation memory and sets their ids.
func (t *Tx) AddTMUnits(ctx context.Context, us []*cotejo.TMUnit) error {
	if len(us) == 0 {
		return nil
	}
	rows := make([]tmRow, len(us))
	for i, u := range us {
		rows[i] = tmRow{SourceText: u.Source.Text, SourceLang: u.Source.Lang, TargetText: u.Target.Text,
			TargetLang: u.Target.Lang, QuoteID: u.QuoteID, Origin: u.Origin, Note: u.Note, CreatedAt: u.CreatedAt.UTC()}
	}
	if err := t.ctx(ctx).CreateInBatches(&rows, tmBatch).Error; err != nil {
		return writeErr(err, "memory unit")
	}
	for i := range rows {
		us[i].ID = rows[i].ID
	}
	if err := indexTMUnits(ctx, t.db, rows); err != nil {
		return err
	}
	return t.bump(ctx, memoryRevisionKey)
}

// DeleteTMUnitsOfQuote takes a quote's pair out of the memory, when its
// approval is taken back.
func (t *Tx) DeleteTMUnitsOfQuote(ctx context.Context, quoteID int64) error {
	var ids []int64
	if err := t.ctx(ctx).Model(&tmRow{}).Where("quote_id = ?", quoteID).Pluck("id", &ids).Error; err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	if err := unindexTMUnits(ctx, t.db, ids); err != nil {
		return err
	}
	if err := t.ctx(ctx).Where("quote_id = ?", quoteID).Delete(&tmRow{}).Error; err != nil {
		return err
	}
	return t.bump(ctx, memoryRevisionKey)
}

// CreateComment inserts a comment and sets its id.
func (t *Tx) CreateComment(ctx context.Context, c *cotejo.Comment) error {
	r := commentRow{QuoteID: c.QuoteID, ArticleID: c.ArticleID, ParentID: c.ParentID, Body: c.Body,
		Mentions: toJSONList(c.Mentions), UserID: nonZero(c.UserID), CreatedAt: c.CreatedAt.UTC()}
	if err := t.ctx(ctx).Create(&r).Error; err != nil {
		return writeErr(err, "comment")
	}
	c.ID = r.ID
	if err := t.touch(c.ArticleID); err != nil {
		return err
	}
	rows := make([]mentionRow, 0, len(c.Mentions))
	for _, id := range c.Mentions {
		rows = append(rows, mentionRow{UserID: id, CommentID: c.ID})
	}
	if len(rows) == 0 {
		return nil
	}
	return writeErr(t.ctx(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&rows).Error, "comment")
}
