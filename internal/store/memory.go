package store

import (
	"context"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// The translation memory's term index (see indexTMUnits): reads that let a
// search start from the rarest words of its query.

// TMTermCounts returns how many memory pairs hold each of the terms; a term
// no pair holds is missing from the result.
func (q queries) TMTermCounts(ctx context.Context, terms []string) (map[string]int64, error) {
	out := make(map[string]int64, len(terms))
	if len(terms) == 0 {
		return out, nil
	}
	var rows []tmTermCountRow
	if err := q.ctx(ctx).Where("term IN ?", truncateTerms(terms)).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.Units > 0 {
			out[r.Term] = r.Units
		}
	}
	return out, nil
}

// TMUnitsByID returns the memory pairs of the ids that exist, in no
// particular order.
func (q queries) TMUnitsByID(ctx context.Context, ids []int64) ([]*cotejo.TMUnit, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return findAll(q.ctx(ctx).Where("id IN ?", ids), tmRow.domain)
}

func truncateTerms(terms []string) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = truncateUTF8(t, maxTermBytes)
	}
	return out
}

// TMLanguages lists the primary languages of the memory's originals.
func (q queries) TMLanguages(ctx context.Context) ([]string, error) {
	var langs []string
	err := q.ctx(ctx).Model(&tmLanguageRow{}).Where("units > 0").Order("units DESC, lang").Pluck("lang", &langs).Error
	return langs, err
}
