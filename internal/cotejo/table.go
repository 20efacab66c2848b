package cotejo

// The lists that grow are tables of rows, each row keyed by its value.
// These two read any of them.

// column lists the keys of a table's rows, in the table's order.
func column[R any, K any](rows []R, key func(R) K) []K {
	out := make([]K, len(rows))
	for i, r := range rows {
		out[i] = key(r)
	}
	return out
}

// lookup finds the row of a table whose key is k; fallback makes the row
// of a value the table lacks.
func lookup[R any, K comparable](rows []R, key func(R) K, k K, fallback func(K) R) R {
	for _, r := range rows {
		if key(r) == k {
			return r
		}
	}
	return fallback(k)
}
