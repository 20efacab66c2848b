package store

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/cotejo/cotejo/internal/workflow"
)

type quoteChecksRow struct {
	QuoteID   int64 `gorm:"primaryKey"`
	Inputs    string
	Findings  string
	CheckedAt time.Time
}

func (quoteChecksRow) TableName() string { return "quote_checks" }

// StoredChecks returns the stored findings of the quotes with the given
// ids; a quote that has none is missing from the result.
func (q queries) StoredChecks(ctx context.Context, ids []int64) (map[int64]workflow.StoredChecks, error) {
	out := make(map[int64]workflow.StoredChecks, len(ids))
	for batch := range slices.Chunk(ids, inBatch) {
		var rows []quoteChecksRow
		if err := q.ctx(ctx).Where("quote_id IN ?", batch).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.QuoteID] = workflow.StoredChecks{Inputs: r.Inputs, Findings: []byte(r.Findings)}
		}
	}
	return out, nil
}

// SaveChecks stores findings, replacing those stored before for the same
// quotes. Findings of a quote deleted meanwhile are dropped.
func (s *Store) SaveChecks(ctx context.Context, recs map[int64]workflow.StoredChecks) error {
	return s.Tx(ctx, func(tx *Tx) error { return tx.SaveChecks(ctx, recs) })
}

// SaveChecks is Store.SaveChecks within a transaction.
func (t *Tx) SaveChecks(ctx context.Context, recs map[int64]workflow.StoredChecks) error {
	if len(recs) == 0 {
		return nil
	}
	now := time.Now().UTC()
	rows := make([]quoteChecksRow, 0, len(recs))
	for id, r := range recs {
		rows = append(rows, quoteChecksRow{QuoteID: id, Inputs: r.Inputs, Findings: string(r.Findings), CheckedAt: now})
	}
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.QuoteID)
	}
	// Only quotes that still exist: a view may save findings of a quote
	// that a write deleted after the view read it.
	var live []int64
	if err := t.ctx(ctx).Model(&quoteRow{}).Where("id IN ?", ids).Pluck("id", &live).Error; err != nil {
		return err
	}
	keep := make(map[int64]bool, len(live))
	for _, id := range live {
		keep[id] = true
	}
	rows = slices.DeleteFunc(rows, func(r quoteChecksRow) bool { return !keep[r.QuoteID] })
	if len(rows) == 0 {
		return nil
	}
	return upsertChecks(t.ctx(ctx), rows)
}

func upsertChecks(db *gorm.DB, rows []quoteChecksRow) error {
	return db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "quote_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"inputs", "findings", "checked_at"}),
	}).CreateInBatches(rows, 200).Error
}
