package cotejo

import "slices"

// The lists that grow (statuses, kinds, roles, reasons) are tables: rows in
// the order the UI offers them, each keyed by the value it describes. The
// lists of values, what Info says of a value and whether it is valid are
// read from them, the same way for every table.

// row is a row of a table of the values of K: it says which value it
// describes.
type row[K comparable] interface{ key() K }

// table is the rows of one list that grows.
type table[K comparable, R row[K]] []R

// keys lists the values of the rows, in the table's order.
func (t table[K, R]) keys() []K { return column(t, func(r R) K { return r.key() }) }

// clone returns a copy of the rows, for a caller that may change it.
func (t table[K, R]) clone() []R { return slices.Clone(t) }

// find returns the row of k; ok is false when the table lacks it.
func (t table[K, R]) find(k K) (r R, ok bool) {
	i := slices.IndexFunc(t, func(r R) bool { return r.key() == k })
	if i < 0 {
		return r, false
	}
	return t[i], true
}

// or returns the row of k, or unknown when the table lacks it.
func (t table[K, R]) or(k K, unknown R) R {
	if r, ok := t.find(k); ok {
		return r
	}
	return unknown
}

// has reports whether k is a value of the table.
func (t table[K, R]) has(k K) bool {
	_, ok := t.find(k)
	return ok
}

// column lists the keys of a table's rows, in the table's order.
func column[R any, K any](rows []R, key func(R) K) []K {
	out := make([]K, len(rows))
	for i, r := range rows {
		out[i] = key(r)
	}
	return out
}
