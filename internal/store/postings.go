package store

import (
	"context"
	"encoding/binary"
	"errors"
	"maps"
	"slices"

	"gorm.io/gorm"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/memory"
)

// The translation memory's term index (migration 8) keeps, for each term,
// the ids of the pairs holding it in ascending order, packed into blocks: a
// search reads a term's whole list as a few rows, however many pairs hold
// it, where a row per pair and term read a million rows for the commonest
// words of a million pairs.

// postingBlock is how many ids one block holds at most: a block is read
// and written whole, so appending a pair rewrites at most this many ids.
const postingBlock = 2048

type postingRow struct {
	Term    string `gorm:"primaryKey"`
	FirstID int64  `gorm:"primaryKey"`
	LastID  int64
	N       int
	IDs     []byte `gorm:"column:ids"`
}

func (postingRow) TableName() string { return "tm_postings" }

// packIDs writes ascending ids as varints of their differences.
func packIDs(ids []int64) []byte {
	out := make([]byte, 0, len(ids)*2)
	var prev int64
	for _, id := range ids {
		out = binary.AppendUvarint(out, uint64(id-prev))
		prev = id
	}
	return out
}

// unpackIDs reads what packIDs wrote.
func unpackIDs(b []byte, n int) ([]int64, error) {
	return appendUnpacked(make([]int64, 0, n), b)
}

// appendUnpacked appends the ids packIDs wrote to out.
func appendUnpacked(out []int64, b []byte) ([]int64, error) {
	var prev int64
	for len(b) > 0 {
		d, k := binary.Uvarint(b)
		if k <= 0 {
			return nil, errors.New("store: a broken posting block")
		}
		prev += int64(d)
		out = append(out, prev)
		b = b[k:]
	}
	return out, nil
}

// termsOf are the index terms of a pair's original.
func termsOf(r tmRow) []string {
	ts := memory.Terms(r.SourceText, r.SourceLang)
	for i, t := range ts {
		ts[i] = truncateUTF8(t, maxTermBytes)
	}
	slices.Sort(ts)
	return slices.Compact(ts) // two words that differ only past the limit are one term
}

// indexTMUnits adds memory pairs (with ids greater than any indexed, as new
// rows have) to the term index, and counts them in.
func indexTMUnits(ctx context.Context, db *gorm.DB, rows []tmRow) error {
	add := map[string][]int64{}
	counts, langs := map[string]int64{}, map[string]int64{}
	for _, r := range rows {
		langs[anchor.PrimaryLang(r.SourceLang)]++
		for _, t := range termsOf(r) {
			add[t] = append(add[t], r.ID)
			counts[t]++
		}
	}
	if len(add) == 0 {
		return nil
	}
	if err := appendPostings(ctx, db, add); err != nil {
		return err
	}
	if err := addLanguageCounts(ctx, db, langs); err != nil {
		return err
	}
	return addTermCounts(ctx, db, counts)
}

// appendPostings appends ids (ascending, each greater than those stored)
// to the terms' lists: into each term's last block while it has room, then
// into new blocks.
func appendPostings(ctx context.Context, db *gorm.DB, add map[string][]int64) error {
	terms := slices.Sorted(maps.Keys(add))
	last := map[string]postingRow{}
	for batch := range slices.Chunk(terms, termBatch) {
		var rows []postingRow
		err := db.WithContext(ctx).Raw(`SELECT p.* FROM tm_postings p WHERE p.term IN ? AND p.first_id =
			(SELECT MAX(q.first_id) FROM tm_postings q WHERE q.term = p.term)`, batch).Scan(&rows).Error
		if err != nil {
			return err
		}
		for _, r := range rows {
			last[r.Term] = r
		}
	}
	var fresh []postingRow
	for _, t := range terms {
		ids := add[t]
		if r, ok := last[t]; ok && r.N < postingBlock {
			room := min(postingBlock-r.N, len(ids))
			have, err := unpackIDs(r.IDs, r.N)
			if err != nil {
				return err
			}
			have = append(have, ids[:room]...)
			if err := db.WithContext(ctx).Model(&postingRow{}).Where("term = ? AND first_id = ?", t, r.FirstID).
				Updates(map[string]any{"last_id": have[len(have)-1], "n": len(have), "ids": packIDs(have)}).Error; err != nil {
				return err
			}
			ids = ids[room:]
		}
		for block := range slices.Chunk(ids, postingBlock) {
			fresh = append(fresh, postingRow{Term: t, FirstID: block[0], LastID: block[len(block)-1], N: len(block), IDs: packIDs(block)})
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	return db.WithContext(ctx).CreateInBatches(fresh, 200).Error
}

// removePostings takes ids out of the terms' lists.
func removePostings(ctx context.Context, db *gorm.DB, remove map[string][]int64) error {
	for t, ids := range remove {
		for _, id := range ids {
			var r postingRow
			if err := db.WithContext(ctx).Where("term = ? AND first_id <= ? AND last_id >= ?", t, id, id).
				Limit(1).Find(&r).Error; err != nil {
				return err
			}
			if r.N == 0 {
				continue
			}
			have, err := unpackIDs(r.IDs, r.N)
			if err != nil {
				return err
			}
			have = slices.DeleteFunc(have, func(x int64) bool { return x == id })
			where := db.WithContext(ctx).Model(&postingRow{}).Where("term = ? AND first_id = ?", t, r.FirstID)
			switch {
			case len(have) == 0:
				err = db.WithContext(ctx).Where("term = ? AND first_id = ?", t, r.FirstID).Delete(&postingRow{}).Error
			default:
				// A block keeps its first id as its key, even when that id
				// left it; only the ids it holds say what is in it.
				err = where.Updates(map[string]any{"last_id": have[len(have)-1], "n": len(have), "ids": packIDs(have)}).Error
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// unindexTMUnits takes memory pairs out of the term index.
func unindexTMUnits(ctx context.Context, db *gorm.DB, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var rows []tmRow
	if err := db.WithContext(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return err
	}
	remove := map[string][]int64{}
	counts, langs := map[string]int64{}, map[string]int64{}
	for _, r := range rows {
		langs[anchor.PrimaryLang(r.SourceLang)]--
		for _, t := range termsOf(r) {
			remove[t] = append(remove[t], r.ID)
			counts[t]--
		}
	}
	if err := removePostings(ctx, db, remove); err != nil {
		return err
	}
	if err := addLanguageCounts(ctx, db, langs); err != nil {
		return err
	}
	return addTermCounts(ctx, db, counts)
}

// TMPostings returns, for each of the terms, the ids of the memory pairs
// holding it, ascending.
func (q queries) TMPostings(ctx context.Context, terms []string) (map[string][]int64, error) {
	out := map[string][]int64{}
	if len(terms) == 0 {
		return out, nil
	}
	var rows []postingRow
	if err := q.ctx(ctx).Where("term IN ?", truncateTerms(terms)).Order("term, first_id").Find(&rows).Error; err != nil {
		return nil, err
	}
	sizes := map[string]int{}
	for _, r := range rows {
		sizes[r.Term] += r.N
	}
	for _, r := range rows {
		l := out[r.Term]
		if l == nil {
			l = make([]int64, 0, sizes[r.Term])
		}
		var err error
		if out[r.Term], err = appendUnpacked(l, r.IDs); err != nil {
			return nil, err
		}
	}
	return out, nil
}
