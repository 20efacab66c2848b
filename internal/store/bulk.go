package store

import (
	"context"

	"github.com/cotejo/cotejo/internal/cotejo"
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
		arts := make([]articleRow, len(b.Articles))
		for i, a := range b.Articles {
			a.Version = max(a.Version, 1)
			arts[i] = articleToRow(a)
			arts[i].ID = 0
		}
		if len(arts) > 0 {
			if err := db.CreateInBatches(arts, bulkBatch).Error; err != nil {
				return err
			}
		}
		for i, a := range b.Articles {
			a.ID = arts[i].ID
			if err := indexArticle(ctx, tx.db, a.ID, a.Headline, a.Body); err != nil {
				return err
			}
		}
		srcs := make([]sourceRow, len(b.Sources))
		for i, src := range b.Sources {
			src.Version = max(src.Version, 1)
			srcs[i] = sourceToRow(src)
			srcs[i].ID = 0
		}
		if len(srcs) > 0 {
			if err := db.CreateInBatches(srcs, bulkBatch/10).Error; err != nil {
				return err
			}
		}
		for i, src := range b.Sources {
			src.ID, src.TextLength, src.TextHash = srcs[i].ID, srcs[i].TextLength, srcs[i].TextHash
		}
		type link struct{ ArticleID, SourceID int64 }
		seen := map[link]bool{}
		var links []map[string]any
		qs := make([]quoteRow, len(b.Quotes))
		for i, bq := range b.Quotes {
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
			q.Version = max(q.Version, 1)
			qs[i] = quoteToRow(q)
			qs[i].ID = 0
		}
		if len(qs) > 0 {
			if err := db.CreateInBatches(qs, bulkBatch/2).Error; err != nil {
				return err
			}
		}
		for i, bq := range b.Quotes {
			bq.ID = qs[i].ID
		}
		if len(links) > 0 {
			if err := db.Table("article_sources").CreateInBatches(links, bulkBatch).Error; err != nil {
				return err
			}
		}
		return tx.AddTMUnits(ctx, b.TM)
	})
}
