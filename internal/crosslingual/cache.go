package crosslingual

import (
	"container/list"
	"sync"
)

// Cache keeps the sources asked most recently in memory, keyed by what the
// caller stores them under (the TextHash of the text, with the preparation
// it holds), so that a query does not rebuild its source each time: Load
// takes some 50 ms for a 20,000-word transcript, a query well under one. It
// is safe for concurrent use; a source being built is built once, and the
// callers asking for it meanwhile wait for it.
type Cache struct {
	max int

	mu      sync.Mutex
	entries map[string]*list.Element
	order   *list.List // front: most recently used
}

type cacheEntry struct {
	key   string
	ready chan struct{}
	src   *Source
	err   error
}

// NewCache returns a cache of at most size sources (at least one).
func NewCache(size int) *Cache {
	return &Cache{max: max(size, 1), entries: map[string]*list.Element{}, order: list.New()}
}

// Get returns the source cached under key, or builds it with build and
// keeps it. A build that fails is not kept.
func (c *Cache) Get(key string, build func() (*Source, error)) (*Source, error) {
	c.mu.Lock()
	if el, ok := c.entries[key]; ok {
		c.order.MoveToFront(el)
		e := el.Value.(*cacheEntry)
		c.mu.Unlock()
		<-e.ready
		return e.src, e.err
	}
	e := &cacheEntry{key: key, ready: make(chan struct{})}
	c.entries[key] = c.order.PushFront(e)
	for c.order.Len() > c.max {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.entries, old.Value.(*cacheEntry).key)
	}
	c.mu.Unlock()

	e.src, e.err = build()
	close(e.ready)
	if e.err != nil {
		c.mu.Lock()
		if el, ok := c.entries[key]; ok && el.Value == e {
			c.order.Remove(el)
			delete(c.entries, key)
		}
		c.mu.Unlock()
	}
	return e.src, e.err
}

// Forget drops the source cached under key (its text changed, or it was
// prepared anew).
func (c *Cache) Forget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		c.order.Remove(el)
		delete(c.entries, key)
	}
}
