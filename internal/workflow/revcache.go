package workflow

import (
	"container/list"
	"sync"
)

// revCache keeps, for each of at most size keys, what was computed from
// one revision of what the key names, dropping the least recently used
// first. A request for a key being computed at the same revision waits for
// that computation instead of doing it again; one at another revision
// replaces it.
type revCache[K comparable, V any] struct {
	size int
	mu   sync.Mutex
	lru  list.List // of *revEntry[K, V], most recent first
	by   map[K]*list.Element
}

type revEntry[K comparable, V any] struct {
	key  K
	rev  string
	v    V
	err  error
	done chan struct{}
}

// get returns what build computes for key at revision rev, computed now
// only when it is not kept.
func (c *revCache[K, V]) get(key K, rev string, build func() (V, error)) (V, error) {
	c.mu.Lock()
	if c.by == nil {
		c.by = map[K]*list.Element{}
	}
	if el, ok := c.by[key]; ok {
		e := el.Value.(*revEntry[K, V])
		if e.rev == rev {
			c.lru.MoveToFront(el)
			c.mu.Unlock()
			<-e.done
			if e.err == nil {
				return e.v, nil
			}
			return build() // it failed for the one who computed it; try again
		}
		c.lru.Remove(el)
		delete(c.by, key)
	}
	e := &revEntry[K, V]{key: key, rev: rev, done: make(chan struct{})}
	c.by[key] = c.lru.PushFront(e)
	for c.lru.Len() > c.size {
		delete(c.by, c.lru.Remove(c.lru.Back()).(*revEntry[K, V]).key)
	}
	c.mu.Unlock()

	e.v, e.err = build()
	close(e.done)
	if e.err != nil {
		c.mu.Lock()
		if el, ok := c.by[key]; ok && el.Value == e {
			c.lru.Remove(el)
			delete(c.by, key)
		}
		c.mu.Unlock()
	}
	return e.v, e.err
}
