package store

import (
	"encoding/base64"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// Lists are paged by keyset, not by offset: a page is the rows after the
// sort key of the previous page's last row, which an index finds directly
// however deep the page, and rows written meanwhile neither repeat nor
// vanish between pages.

// cursor is the sort key of the last row of a page, opaque to clients.
type cursor struct {
	T  time.Time `json:"t,omitzero"`
	S  string    `json:"s,omitempty"`
	ID int64     `json:"id"`
}

func (c cursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a client's cursor; "" is the first page.
func decodeCursor(s string) (*cursor, error) {
	if s == "" {
		return nil, nil
	}
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID <= 0 {
		return nil, cotejo.FieldError(cotejo.CodeInvalid, "cursor", "The cursor is not one this list gave; start again from the first page.")
	}
	return &c, nil
}

// page runs a list query for one page of p.Limit rows (see pageLimit),
// asking for one more row to know whether another page follows; last makes
// the cursor of a row.
func page[R any](db *gorm.DB, p cotejo.PageRequest, last func(R) cursor) ([]R, string, error) {
	limit := pageLimit(p.Limit)
	var rows []R
	if err := db.Limit(limit + 1).Find(&rows).Error; err != nil {
		return nil, "", err
	}
	if len(rows) <= limit {
		return rows, "", nil
	}
	rows = rows[:limit]
	return rows, last(rows[limit-1]).encode(), nil
}
