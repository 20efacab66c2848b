package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/workflow"
)

// Preparations of sources for finding originals, and the machine
// translations offered as suggestions.

type preparationRow struct {
	SourceID      int64 `gorm:"primaryKey"`
	TextHash      string
	FormatVersion int
	Method        string
	Data          string
	PreparedAt    time.Time
}

func (preparationRow) TableName() string { return "source_preparations" }

// Preparation returns what was stored of a source's preparation; withData
// false leaves the data out (to learn whether one is there). nil when none.
func (q queries) Preparation(ctx context.Context, sourceID int64, withData bool) (*workflow.Preparation, error) {
	var r preparationRow
	db := q.ctx(ctx).Where("source_id = ?", sourceID)
	if !withData {
		db = db.Select("source_id", "text_hash", "format_version", "method", "prepared_at")
	}
	if err := db.Limit(1).Find(&r).Error; err != nil || r.SourceID == 0 {
		return nil, err
	}
	return &workflow.Preparation{SourceID: r.SourceID, TextHash: r.TextHash, FormatVersion: r.FormatVersion,
		Method: r.Method, Data: []byte(r.Data), PreparedAt: r.PreparedAt.UTC()}, nil
}

// SavePreparation stores a source's preparation in place of the one before.
func (t *Tx) SavePreparation(ctx context.Context, p *workflow.Preparation) error {
	r := preparationRow{SourceID: p.SourceID, TextHash: p.TextHash, FormatVersion: p.FormatVersion, Method: p.Method,
		Data: string(p.Data), PreparedAt: p.PreparedAt.UTC()}
	return t.ctx(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "source_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"text_hash", "format_version", "method", "data", "prepared_at"}),
	}).Create(&r).Error
}

// SetJobProgress records how far a running job has got; a worker that no
// longer holds the job changes nothing.
func (s *Store) SetJobProgress(ctx context.Context, id int64, worker, progress string) error {
	return s.w.WithContext(ctx).Model(&jobRow{}).Where("id = ? AND locked_by = ?", id, worker).
		Update("progress", progress).Error
}

type machineRow struct {
	OriginalKey string `gorm:"primaryKey"`
	TargetLang  string `gorm:"primaryKey"`
	Provider    string `gorm:"primaryKey"`
	Text        string
	CreatedAt   time.Time `gorm:"autoCreateTime:false"`
}

func (machineRow) TableName() string { return "machine_translations" }

// machineKey is the key of an original's machine translations: its
// language's primary subtag and its NFC text, hashed.
func machineKey(text, lang string) string {
	sum := sha256.Sum256([]byte(anchor.PrimaryLang(lang) + "\x00" + anchor.NFC(text)))
	return hex.EncodeToString(sum[:16])
}

// MachineTranslations returns what any provider suggested for each of the
// originals into target, by original text.
func (q queries) MachineTranslations(ctx context.Context, originals []workflow.Original, target string) (map[string][]workflow.MachineText, error) {
	byKey := make(map[string][]string, len(originals))
	for _, o := range originals {
		k := machineKey(o.Text, o.Lang)
		byKey[k] = append(byKey[k], o.Text)
	}
	return readByKey(byKey,
		func(keys []string) *gorm.DB {
			return q.ctx(ctx).Where("original_key IN ? AND target_lang = ?", keys, anchor.PrimaryLang(target)).Order("original_key, provider")
		},
		func(r machineRow) (string, workflow.MachineText) {
			return r.OriginalKey, workflow.MachineText{Provider: r.Provider, Text: r.Text}
		})
}

// SaveMachineTranslation keeps what provider suggested for an original.
func (s *Store) SaveMachineTranslation(ctx context.Context, original workflow.Original, target string, m workflow.MachineText, at time.Time) error {
	r := machineRow{OriginalKey: machineKey(original.Text, original.Lang), TargetLang: anchor.PrimaryLang(target),
		Provider: m.Provider, Text: m.Text, CreatedAt: at.UTC()}
	return s.Tx(ctx, func(tx *Tx) error {
		if err := tx.ctx(ctx).Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "original_key"}, {Name: "target_lang"}, {Name: "provider"}},
			DoUpdates: clause.AssignmentColumns([]string{"text", "created_at"}),
		}).Create(&r).Error; err != nil {
			return err
		}
		// The checks of the quotes of that original now see it.
		tx.touchOriginals(wordKey(original.Text))
		return nil
	})
}
