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

// TMUnitsWithTerms returns up to limit memory pairs holding at least
// minHits of the terms, those holding the most first (then the newest).
func (q queries) TMUnitsWithTerms(ctx context.Context, terms []string, minHits, limit int) ([]*cotejo.TMUnit, error) {
	if len(terms) == 0 || limit <= 0 {
		return nil, nil
	}
	var rows []tmRow
	err := q.ctx(ctx).Table("tm_units").Select("tm_units.*").
		Joins(`JOIN (SELECT unit_id, COUNT(*) AS hits FROM tm_terms WHERE term IN ? GROUP BY unit_id HAVING COUNT(*) >= ?
			ORDER BY hits DESC, unit_id DESC LIMIT ?) m ON m.unit_id = tm_units.id`, truncateTerms(terms), max(minHits, 1), limit).
		Order("m.hits DESC, tm_units.id DESC").Find(&rows).Error
	if err != nil {
		return nil, err
	}
	return mapRows(rows, tmRow.domain), nil
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
