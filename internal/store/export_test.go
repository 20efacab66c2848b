package store

import (
	"context"
	"fmt"
	"strings"
)

// CountChunks counts the stored chunks of every recording, for tests that
// check an upload left nothing behind.
func (s *Store) CountChunks(ctx context.Context) (int, error) {
	var n int
	err := s.w.WithContext(ctx).Raw("SELECT COUNT(*) FROM recording_chunks").Scan(&n).Error
	return n, err
}

// Explain returns the plan the database would follow for a statement: on
// PostgreSQL with sequential scans and sorts made as costly as they can be,
// so that a plan still holding one has no index to use instead (a small
// test table would otherwise be scanned and sorted whatever its indexes).
func (s *Store) Explain(ctx context.Context, sql string) (string, error) {
	var lines []string
	err := s.Tx(ctx, func(tx *Tx) error {
		q := "EXPLAIN QUERY PLAN " + sql
		if tx.postgres() {
			for _, set := range []string{"SET LOCAL enable_seqscan = off", "SET LOCAL enable_sort = off"} {
				if err := tx.db.Exec(set).Error; err != nil {
					return err
				}
			}
			q = "EXPLAIN " + sql
		}
		rows, err := tx.db.Raw(q).Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			// SQLite: id, parent, notused, detail; PostgreSQL: one column.
			lines = append(lines, fmt.Sprint(vals[len(vals)-1]))
		}
		return rows.Err()
	})
	return strings.Join(lines, "\n"), err
}

// QuoteColumns returns the columns writeQuote writes and the number of
// values it passes for them, for the test that keeps them complete.
func QuoteColumns() (columns string, values int) { return quoteColumns, len(quoteValues(&quoteRow{})) }

// Columns lists the columns of a table, on SQLite.
func (s *Store) Columns(ctx context.Context, table string, out *[]string) error {
	return s.db.WithContext(ctx).Raw("SELECT name FROM pragma_table_info(?)", table).Scan(out).Error
}

// DeleteTMUnits takes pairs out of the memory and its term index, as
// DeleteTMUnitsOfQuote does for a quote's pairs.
func (s *Store) DeleteTMUnits(ctx context.Context, ids []int64) error {
	return s.Tx(ctx, func(tx *Tx) error {
		if err := unindexTMUnits(ctx, tx.db, ids); err != nil {
			return err
		}
		if err := tx.db.WithContext(ctx).Where("id IN ?", ids).Delete(&tmRow{}).Error; err != nil {
			return err
		}
		return tx.bump(ctx, memoryRevisionKey)
	})
}

// PostingBlock is how many ids a posting block holds at most.
const PostingBlock = postingBlock
