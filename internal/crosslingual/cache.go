package crosslingual

import "github.com/cotejo/cotejo/internal/lru"

// Cache keeps the sources asked most recently in memory, keyed by what the
// caller stores them under (the TextHash of the text, with the preparation
// it holds), so that a query does not rebuild its source each time: Load
// takes some 50 ms for a 20,000-word transcript, a query well under one. It
// is safe for concurrent use; a source being built is built once, and the
// callers asking for it meanwhile wait for it.
type Cache struct {
	sources *lru.Cache[string, *Source]
}

// NewCache returns a cache of at most size sources (at least one).
func NewCache(size int) *Cache {
	return &Cache{sources: lru.New[string, *Source](size)}
}

// Get returns the source cached under key, or builds it with build and
// keeps it. A build that fails is not kept.
func (c *Cache) Get(key string, build func() (*Source, error)) (*Source, error) {
	return c.sources.Get(key, "", build) // the key says all the source was built from
}

// Forget drops the source cached under key (its text changed, or it was
// prepared anew).
func (c *Cache) Forget(key string) { c.sources.Forget(key) }
