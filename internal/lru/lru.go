// Package lru keeps what was computed most recently in memory: a small
// least-recently-used cache whose values are built on demand, once for all
// the callers asking at the same time. It depends on nothing of ours, so the
// pure packages and the workflow both use it.
package lru

import (
	"container/list"
	"errors"
	"sync"
)

// Cache keeps the values of at most size keys, dropping the least recently
// used first. Each value is kept with the revision it was computed from (a
// version, a hash of its input; "" where values do not change): a key asked
// for at another revision is built anew and replaces it. A key being built
// at the same revision is built once, and the callers asking for it
// meanwhile wait and share the result. A build that fails is not kept. It is
// safe for concurrent use.
type Cache[K comparable, V any] struct {
	size int

	mu    sync.Mutex
	by    map[K]*list.Element
	order list.List // of *entry[K, V], most recently used first
}

type entry[K comparable, V any] struct {
	key  K
	rev  string
	v    V
	err  error
	done chan struct{} // closed once v and err are set
}

// New returns a cache of at most size values (at least one).
func New[K comparable, V any](size int) *Cache[K, V] {
	return &Cache[K, V]{size: max(size, 1), by: map[K]*list.Element{}}
}

// Get returns the value kept for key at revision rev, or builds it with
// build and keeps it. Callers that waited for a build share its error too.
func (c *Cache[K, V]) Get(key K, rev string, build func() (V, error)) (V, error) {
	c.mu.Lock()
	if el, ok := c.by[key]; ok {
		e := el.Value.(*entry[K, V])
		if e.rev == rev {
			c.order.MoveToFront(el)
			c.mu.Unlock()
			<-e.done
			return e.v, e.err
		}
		c.remove(el)
	}
	e := &entry[K, V]{key: key, rev: rev, done: make(chan struct{})}
	c.by[key] = c.order.PushFront(e)
	for c.order.Len() > c.size {
		c.remove(c.order.Back())
	}
	c.mu.Unlock()

	c.build(e, build)
	return e.v, e.err
}

// ErrBuildPanicked is what the callers waiting for a build get when the
// build panicked; the panic itself goes on up the builder's stack.
var ErrBuildPanicked = errors.New("lru: the build of this value panicked")

// build sets e's value by build and lets its waiters go, also when build
// panics (a job's handler may recover from the panic and ask again): a
// failed or panicking build is not kept.
func (c *Cache[K, V]) build(e *entry[K, V], build func() (V, error)) {
	finished := false
	defer func() {
		if !finished {
			e.err = ErrBuildPanicked
		}
		close(e.done)
		if e.err != nil {
			c.mu.Lock()
			if el, ok := c.by[e.key]; ok && el.Value == e {
				c.remove(el)
			}
			c.mu.Unlock()
		}
	}()
	e.v, e.err = build()
	finished = true
}

// Forget drops the value kept for key (what it was computed from changed).
func (c *Cache[K, V]) Forget(key K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.by[key]; ok {
		c.remove(el)
	}
}

// remove drops el; c.mu is held.
func (c *Cache[K, V]) remove(el *list.Element) {
	c.order.Remove(el)
	delete(c.by, el.Value.(*entry[K, V]).key)
}
