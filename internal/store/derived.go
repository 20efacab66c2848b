package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/checks"
	"github.com/cotejo/cotejo/internal/memory"
)

// Derived data: values computed from what a row holds when the row is
// written, so that reads find things by index instead of computing them
// again for every row they look at. The store keeps them itself, in the
// transaction of the write, so that no caller can forget one.

// wordKey is the key of a quote's original or rendering: a hash of its
// folded words (checks.WordKey), so that "quotes with the same original"
// is an index lookup whatever the length of the text.
func wordKey(text string) string {
	sum := sha256.Sum256([]byte(checks.WordKey(text)))
	return hex.EncodeToString(sum[:16])
}

// TextHash is a hash of a text, kept for sources so that a check can tell
// that the text it was computed on is still the source's text without
// reading it.
func TextHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// maxTermBytes bounds an indexed term: index entries have a size limit on
// PostgreSQL, and no one searches for a 200-letter word.
const maxTermBytes = 60

// searchTerms are the distinct folded words of texts, as the articles
// list's search looks them up.
func searchTerms(texts ...string) []string {
	var out []string
	for _, t := range texts {
		out = append(out, memory.Words(t, "")...)
	}
	return distinctTerms(out)
}

func distinctTerms(ws []string) []string {
	for i, w := range ws {
		if len(w) > maxTermBytes {
			ws[i] = truncateUTF8(w, maxTermBytes)
		}
	}
	slices.Sort(ws)
	return slices.Compact(ws)
}

func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// termBatch is how many index rows one INSERT carries.
const termBatch = 400

type articleTermRow struct {
	Term      string
	ArticleID int64
}

func (articleTermRow) TableName() string { return "article_terms" }

// indexArticle replaces an article's search terms.
func indexArticle(ctx context.Context, db *gorm.DB, id int64, headline, body string) error {
	if err := db.WithContext(ctx).Where("article_id = ?", id).Delete(&articleTermRow{}).Error; err != nil {
		return err
	}
	terms := searchTerms(headline, body)
	rows := make([]articleTermRow, len(terms))
	for i, t := range terms {
		rows[i] = articleTermRow{Term: t, ArticleID: id}
	}
	if len(rows) == 0 {
		return nil
	}
	return db.WithContext(ctx).CreateInBatches(rows, termBatch).Error
}

type tmTermRow struct {
	Term   string
	UnitID int64
}

func (tmTermRow) TableName() string { return "tm_terms" }

type tmTermCountRow struct {
	Term  string `gorm:"primaryKey"`
	Units int64
}

func (tmTermCountRow) TableName() string { return "tm_term_counts" }

type tmLanguageRow struct {
	Lang  string `gorm:"primaryKey"`
	Units int64
}

func (tmLanguageRow) TableName() string { return "tm_languages" }

// indexTMUnits adds memory pairs to the term index and counts them in.
func indexTMUnits(ctx context.Context, db *gorm.DB, rows []tmRow) error {
	var postings []tmTermRow
	counts, langs := map[string]int64{}, map[string]int64{}
	for _, r := range rows {
		langs[anchor.PrimaryLang(r.SourceLang)]++
		for _, t := range memory.Terms(r.SourceText, r.SourceLang) {
			t = truncateUTF8(t, maxTermBytes)
			postings = append(postings, tmTermRow{Term: t, UnitID: r.ID})
			counts[t]++
		}
	}
	if len(postings) == 0 {
		return nil
	}
	// Two words that differ only past the limit are one term now.
	slices.SortFunc(postings, func(a, b tmTermRow) int {
		if a.Term != b.Term {
			return compareStrings(a.Term, b.Term)
		}
		return int(a.UnitID - b.UnitID)
	})
	postings = slices.Compact(postings)
	if err := db.WithContext(ctx).CreateInBatches(postings, termBatch).Error; err != nil {
		return err
	}
	if err := addLanguageCounts(ctx, db, langs); err != nil {
		return err
	}
	return addTermCounts(ctx, db, counts)
}

// addLanguageCounts adds n[l] to the count of pairs in each language l.
func addLanguageCounts(ctx context.Context, db *gorm.DB, n map[string]int64) error {
	rows := make([]tmLanguageRow, 0, len(n))
	for l, c := range n {
		rows = append(rows, tmLanguageRow{Lang: l, Units: c})
	}
	if len(rows) == 0 {
		return nil
	}
	slices.SortFunc(rows, func(a, b tmLanguageRow) int { return compareStrings(a.Lang, b.Lang) })
	return db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "lang"}},
		DoUpdates: clause.Assignments(map[string]any{"units": gorm.Expr("tm_languages.units + excluded.units")}),
	}).Create(&rows).Error
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// addTermCounts adds n[t] to the count of pairs holding each term t (n may
// be negative), in one statement per batch on either database.
func addTermCounts(ctx context.Context, db *gorm.DB, n map[string]int64) error {
	rows := make([]tmTermCountRow, 0, len(n))
	for t, c := range n {
		rows = append(rows, tmTermCountRow{Term: t, Units: c})
	}
	slices.SortFunc(rows, func(a, b tmTermCountRow) int { return compareStrings(a.Term, b.Term) })
	return db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "term"}},
		DoUpdates: clause.Assignments(map[string]any{"units": gorm.Expr("tm_term_counts.units + excluded.units")}),
	}).CreateInBatches(rows, termBatch).Error
}

// unindexTMUnits takes memory pairs out of the term index.
func unindexTMUnits(ctx context.Context, db *gorm.DB, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var postings []tmTermRow
	if err := db.WithContext(ctx).Where("unit_id IN ?", ids).Find(&postings).Error; err != nil {
		return err
	}
	var langs []string
	if err := db.WithContext(ctx).Model(&tmRow{}).Where("id IN ?", ids).Pluck("source_lang", &langs).Error; err != nil {
		return err
	}
	byLang := map[string]int64{}
	for _, l := range langs {
		byLang[anchor.PrimaryLang(l)]--
	}
	if err := addLanguageCounts(ctx, db, byLang); err != nil {
		return err
	}
	counts := map[string]int64{}
	for _, p := range postings {
		counts[p.Term]--
	}
	if err := db.WithContext(ctx).Where("unit_id IN ?", ids).Delete(&tmTermRow{}).Error; err != nil {
		return err
	}
	if len(counts) == 0 {
		return nil
	}
	return addTermCounts(ctx, db, counts)
}

type mentionRow struct {
	UserID    int64
	CommentID int64
}

func (mentionRow) TableName() string { return "comment_mentions" }

// emptyKey is the key of a text without words: quotes without an original
// are not each other's siblings.
var emptyKey = wordKey("")

// touch counts a change of articles' pages (see ArticleRevision). The
// revisions are bumped once, when the transaction's work is done (see
// Store.Tx), however many of its writes touched an article: an import of
// two thousand units bumps each article once.
func (t *Tx) touch(ids ...int64) error {
	if t.touched == nil {
		t.touched = map[int64]bool{}
	}
	for _, id := range ids {
		t.touched[id] = true
	}
	return nil
}

// touchOriginals counts a change of the pages of the articles holding a
// quote whose original has one of the keys: the consistency check of those
// quotes compares them with a quote that changed.
func (t *Tx) touchOriginals(keys ...string) {
	if t.touchedKeys == nil {
		t.touchedKeys = map[string]bool{}
	}
	for _, k := range keys {
		if k != "" && k != emptyKey {
			t.touchedKeys[k] = true
		}
	}
}

// flushTouches bumps the revisions the transaction's writes touched.
func (t *Tx) flushTouches(ctx context.Context) error {
	if len(t.touchedKeys) > 0 {
		keys := make([]string, 0, len(t.touchedKeys))
		for k := range t.touchedKeys {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for len(keys) > 0 {
			n := min(len(keys), 500)
			var ids []int64
			if err := t.ctx(ctx).Model(&quoteRow{}).Distinct().Where("original_key IN ?", keys[:n]).Pluck("article_id", &ids).Error; err != nil {
				return err
			}
			_ = t.touch(ids...)
			keys = keys[n:]
		}
	}
	if len(t.touched) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(t.touched))
	for id := range t.touched {
		ids = append(ids, id)
	}
	slices.Sort(ids) // the same order in every transaction: no deadlock between two
	for len(ids) > 0 {
		n := min(len(ids), 500)
		if err := t.ctx(ctx).Exec("UPDATE articles SET revision = revision + 1 WHERE id IN ?", ids[:n]).Error; err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// ArticleRevision names the state of everything an article's pages show:
// the article's revision and the glossary's (the checks depend on it). It
// is a CodeNotFound error for no such article.
func (q queries) ArticleRevision(ctx context.Context, id int64) (string, error) {
	var row struct {
		Revision int64
		Glossary *string
	}
	err := q.ctx(ctx).Raw("SELECT revision, (SELECT value FROM settings WHERE key = ?) AS glossary FROM articles WHERE id = ?",
		glossaryRevisionKey, id).Scan(&row).Error
	if err != nil {
		return "", err
	}
	if row.Revision == 0 {
		return "", notFound(gorm.ErrRecordNotFound, "article", id)
	}
	g := ""
	if row.Glossary != nil {
		g = *row.Glossary
	}
	return strconv.FormatInt(row.Revision, 10) + "/" + g, nil
}
