package store

import (
	"context"

	"github.com/cotejo/cotejo/internal/cotejo"
	"gorm.io/gorm"
)

// Bulk is a batch of a newsroom's rows written at once, without events: for
// building large databases to measure Cotejo against (see package loadgen),
// never for the newsroom's own work, which goes through the use cases.
// Quotes name their article and source by index into Articles and Sources;
// each article is attached to the sources its quotes cite.
type Bulk struct {
	Articles []*cotejo.Article
	Sources  []*cotejo.Source
	Quotes   []BulkQuote
	TM       []*cotejo.TMUnit
}

// BulkQuote is a quote of a Bulk with its article and source given by
// index (Source -1 for none).
type BulkQuote struct {
	*cotejo.Quote
	Article, Source int
}

// bulkBatch is how many rows one INSERT of a bulk load carries.
const bulkBatch = 500

// WriteBulk inserts b in one transaction, with what the store derives from
// each row (keys, search terms, the memory's index), and sets the ids.
func (s *Store) WriteBulk(ctx context.Context, b *Bulk) error {
	return s.Tx(ctx, func(tx *Tx) error {
		db := tx.ctx(ctx)
		arts, err := insertNew(db, b.Articles, articleToRow, bulkBatch)
		if err != nil {
			return err
		}
		for i, a := range b.Articles {
			a.ID, a.Version = arts[i].ID, arts[i].Version
			if err := indexArticle(ctx, tx.db, a.ID, a.Headline, a.Body); err != nil {
				return err
			}
		}
		srcs, err := insertNew(db, b.Sources, sourceToRow, bulkBatch/10)
		if err != nil {
			return err
		}
		for i, src := range b.Sources {
			src.ID, src.Version, src.TextLength, src.TextHash = srcs[i].ID, srcs[i].Version, srcs[i].TextLength, srcs[i].TextHash
		}
		type link struct{ ArticleID, SourceID int64 }
		seen := map[link]bool{}
		var links []map[string]any
		for _, bq := range b.Quotes {
			q := bq.Quote
			q.ArticleID = b.Articles[bq.Article].ID
			q.SourceID = nil
			if bq.Source >= 0 {
				id := b.Sources[bq.Source].ID
				q.SourceID = &id
				if l := (link{q.ArticleID, id}); !seen[l] {
					seen[l] = true
					links = append(links, map[string]any{"article_id": l.ArticleID, "source_id": l.SourceID})
				}
			}
		}
		qs, err := insertNew(db, b.Quotes, func(bq BulkQuote) quoteRow { return quoteToRow(bq.Quote) }, bulkBatch/2)
		if err != nil {
			return err
		}
		for i, bq := range b.Quotes {
			bq.ID, bq.Version = qs[i].ID, qs[i].Version
		}
		if len(links) > 0 {
			if err := db.Table("article_sources").CreateInBatches(links, bulkBatch).Error; err != nil {
				return err
			}
		}
		return tx.AddTMUnits(ctx, b.TM)
	})
}

// insertNew inserts items as new rows, batch rows to a statement, and
// returns the rows with the ids the database gave them. A version below 1
// is stored as 1, a new row's; the items themselves are not changed.
func insertNew[D any, R any, P interface {
	*R
	versionedRow
}](db *gorm.DB, items []D, toRow func(D) R, batch int) ([]R, error) {
	rows := make([]R, len(items))
	for i, it := range items {
		rows[i] = toRow(it)
		k := P(&rows[i]).keys()
		k.ID, k.Version = 0, max(k.Version, 1)
	}
	if len(rows) == 0 {
		return rows, nil
	}
	return rows, db.CreateInBatches(rows, batch).Error
}
