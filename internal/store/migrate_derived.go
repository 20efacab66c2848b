package store

import (
	"context"
	"slices"

	"gorm.io/gorm"

	"github.com/cotejo/cotejo/internal/anchor"
)

// goSteps are the parts of migrations that SQL alone cannot do, run after
// the SQL of their version in the same transaction: values computed in Go
// for the rows that exist when the schema gains a derived column.
var goSteps = map[int]func(ctx context.Context, tx *gorm.DB) error{
	4: deriveExisting,
	8: packPostings,
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
		// The terms alone: their counts come with migration 7, which
		// counts what this step wrote.
		var terms []articleTermRow
		for _, r := range rows {
			for _, t := range searchTerms(r.Headline, r.Body) {
				terms = append(terms, articleTermRow{Term: t, ArticleID: r.ID})
			}
		}
		if len(terms) == 0 {
			return nil
		}
		return tx.CreateInBatches(terms, termBatch).Error
	}); err != nil {
		return err
	}
	if err := eachBatch(ctx, tx, func(rows []tmRow) error { return indexTMUnitsV4(ctx, tx, rows) }); err != nil {
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

// The memory's term index of migration 4: a row per pair and term. Migration
// 8 packs it into blocks (see postings.go).

type tmTermRow struct {
	Term   string
	UnitID int64
}

func (tmTermRow) TableName() string { return "tm_terms" }

// indexTMUnitsV4 writes the index of migration 4 for pairs, with its counts.
func indexTMUnitsV4(ctx context.Context, tx *gorm.DB, rows []tmRow) error {
	var postings []tmTermRow
	counts, langs := map[string]int64{}, map[string]int64{}
	for _, r := range rows {
		langs[anchor.PrimaryLang(r.SourceLang)]++
		for _, t := range termsOf(r) {
			postings = append(postings, tmTermRow{Term: t, UnitID: r.ID})
			counts[t]++
		}
	}
	if len(postings) == 0 {
		return nil
	}
	if err := tx.WithContext(ctx).CreateInBatches(postings, termBatch).Error; err != nil {
		return err
	}
	if err := addLanguageCounts(ctx, tx, langs); err != nil {
		return err
	}
	return addTermCounts(ctx, tx, counts)
}

// packPostings turns the rows of tm_terms into posting blocks, a term at a
// time in term order, and drops the table.
func packPostings(ctx context.Context, tx *gorm.DB) error {
	var terms []string
	if err := tx.WithContext(ctx).Model(&tmTermRow{}).Distinct().Order("term").Pluck("term", &terms).Error; err != nil {
		return err
	}
	for batch := range slices.Chunk(terms, termBatch) {
		var rows []tmTermRow
		if err := tx.WithContext(ctx).Where("term IN ?", batch).Order("term, unit_id").Find(&rows).Error; err != nil {
			return err
		}
		add := map[string][]int64{}
		for _, r := range rows {
			add[r.Term] = append(add[r.Term], r.UnitID)
		}
		if err := appendPostings(ctx, tx, add); err != nil {
			return err
		}
	}
	return tx.WithContext(ctx).Exec("DROP TABLE tm_terms").Error
}
