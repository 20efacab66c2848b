package store

import (
	"context"

	"gorm.io/gorm"
)

// goSteps are the parts of migrations that SQL alone cannot do, run after
// the SQL of their version in the same transaction: values computed in Go
// for the rows that exist when the schema gains a derived column.
var goSteps = map[int]func(ctx context.Context, tx *gorm.DB) error{
	4: deriveExisting,
}

// deriveBatch is how many rows one step of a backfill reads.
const deriveBatch = 1000

// deriveExisting fills what migration 4 derives for the rows written
// before it: quote keys, source text hashes, the articles' search terms,
// the memory's term index and the comments' mentions.
func deriveExisting(ctx context.Context, tx *gorm.DB) error {
	if err := eachBatch(ctx, tx, func(rows []quoteRow) error {
		for _, r := range rows {
			err := tx.Model(&quoteRow{}).Where("id = ?", r.ID).
				UpdateColumns(map[string]any{"original_key": wordKey(r.OriginalText), "rendering_key": wordKey(r.RenderingText)}).Error
			if err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if err := eachBatch(ctx, tx, func(rows []sourceRow) error {
		for _, r := range rows {
			if err := tx.Model(&sourceRow{}).Where("id = ?", r.ID).UpdateColumn("text_hash", TextHash(r.Text)).Error; err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if err := eachBatch(ctx, tx, func(rows []articleRow) error {
		for _, r := range rows {
			if err := indexArticle(ctx, tx, r.ID, r.Headline, r.Body); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if err := eachBatch(ctx, tx, func(rows []tmRow) error { return indexTMUnits(ctx, tx, rows) }); err != nil {
		return err
	}
	return eachBatch(ctx, tx, func(rows []commentRow) error {
		var ms []mentionRow
		for _, r := range rows {
			for _, id := range fromJSONList[int64](r.Mentions) {
				ms = append(ms, mentionRow{UserID: id, CommentID: r.ID})
			}
		}
		if len(ms) == 0 {
			return nil
		}
		return tx.Create(&ms).Error
	})
}

// eachBatch reads every row of R's table in id order, deriveBatch at a time.
func eachBatch[R any](ctx context.Context, tx *gorm.DB, f func([]R) error) error {
	var rows []R
	return tx.WithContext(ctx).Order("id").FindInBatches(&rows, deriveBatch, func(*gorm.DB, int) error { return f(rows) }).Error
}
