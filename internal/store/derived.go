package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strconv"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

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

// indexArticle replaces an article's search terms with those of its
// headline and body, and keeps the count of articles holding each.
func indexArticle(ctx context.Context, db *gorm.DB, id int64, headline, body string) error {
	var old []string
	if err := db.WithContext(ctx).Model(&articleTermRow{}).Where("article_id = ?", id).Pluck("term", &old).Error; err != nil {
		return err
	}
	terms := searchTerms(headline, body)
	gone, added := diffSorted(old, terms)
	counts := map[string]int64{}
	for _, t := range gone {
		counts[t]--
	}
	for _, t := range added {
		counts[t]++
	}
	for batch := range slices.Chunk(gone, termBatch) {
		if err := db.WithContext(ctx).Where("article_id = ? AND term IN ?", id, batch).Delete(&articleTermRow{}).Error; err != nil {
			return err
		}
	}
	rows := make([]articleTermRow, len(added))
	for i, t := range added {
		rows[i] = articleTermRow{Term: t, ArticleID: id}
	}
	if len(rows) > 0 {
		if err := db.WithContext(ctx).CreateInBatches(rows, termBatch).Error; err != nil {
			return err
		}
	}
	return addCounts(ctx, db, "article_term_counts", "articles", counts)
}

// diffSorted returns what of a sorted list is not in b (gone) and what of
// b is not in a (added); b is sorted too.
func diffSorted(a, b []string) (gone, added []string) {
	slices.Sort(a)
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			gone = append(gone, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			added = append(added, b[j])
			j++
		default:
			i, j = i+1, j+1
		}
	}
	return gone, added
}

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

// addLanguageCounts adds n[l] to the count of pairs in each language l.
func addLanguageCounts(ctx context.Context, db *gorm.DB, n map[string]int64) error {
	rows := make([]tmLanguageRow, 0, len(n))
	for l, c := range n {
		rows = append(rows, tmLanguageRow{Lang: l, Units: c})
	}
	if len(rows) == 0 {
		return nil
	}
	slices.SortFunc(rows, func(a, b tmLanguageRow) int { return cmp.Compare(a.Lang, b.Lang) })
	return db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "lang"}},
		DoUpdates: clause.Assignments(map[string]any{"units": gorm.Expr("tm_languages.units + excluded.units")}),
	}).Create(&rows).Error
}

// addTermCounts adds n[t] to the count of pairs holding each term t (n may
// be negative).
func addTermCounts(ctx context.Context, db *gorm.DB, n map[string]int64) error {
	return addCounts(ctx, db, "tm_term_counts", "units", n)
}

// addCounts adds n[t] to the count column of table's row of each term t, in
// one statement per batch on either database.
func addCounts(ctx context.Context, db *gorm.DB, table, column string, n map[string]int64) error {
	if len(n) == 0 {
		return nil
	}
	terms := slices.Sorted(maps.Keys(n))
	rows := make([]map[string]any, len(terms))
	for i, t := range terms {
		rows[i] = map[string]any{"term": t, column: n[t]}
	}
	return db.WithContext(ctx).Table(table).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "term"}},
		DoUpdates: clause.Assignments(map[string]any{column: gorm.Expr(table + "." + column + " + excluded." + column)}),
	}).CreateInBatches(rows, termBatch).Error
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
	for batch := range slices.Chunk(slices.Sorted(maps.Keys(t.touchedKeys)), inBatch) {
		var ids []int64
		if err := t.ctx(ctx).Model(&quoteRow{}).Distinct().Where("original_key IN ?", batch).Pluck("article_id", &ids).Error; err != nil {
			return err
		}
		_ = t.touch(ids...)
	}
	// The same order in every transaction: no deadlock between two.
	for batch := range slices.Chunk(slices.Sorted(maps.Keys(t.touched)), inBatch) {
		if err := t.ctx(ctx).Exec("UPDATE articles SET revision = revision + 1 WHERE id IN ?", batch).Error; err != nil {
			return err
		}
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
