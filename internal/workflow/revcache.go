package workflow

import "github.com/cotejo/cotejo/internal/lru"

// revCache keeps, for each of at most size keys, what was computed from
// one revision of what the key names, dropping the least recently used
// first. A request for a key being computed at the same revision waits for
// that computation instead of doing it again; one at another revision
// replaces it. A request whose wait ends in a failure computes for itself:
// the failure was the first request's (its context ended, say).
type revCache[K comparable, V any] struct {
	kept *lru.Cache[K, V]
}

func newRevCache[K comparable, V any](size int) revCache[K, V] {
	return revCache[K, V]{kept: lru.New[K, V](size)}
}

// get returns what build computes for key at revision rev, computed now
// only when it is not kept.
func (c revCache[K, V]) get(key K, rev string, build func() (V, error)) (V, error) {
	built := false
	v, err := c.kept.Get(key, rev, func() (V, error) { built = true; return build() })
	if err != nil && !built {
		return build() // it failed for the one who computed it; try again
	}
	return v, err
}
