package workflow

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

// TestRevCache: concurrent requests at one revision compute once; another
// revision computes again; a failure is not kept; the least recently used
// key goes first when the cache is full.
func TestRevCache(t *testing.T) {
	c := newRevCache[string, int](2)
	var builds atomic.Int64
	build := func(v int) func() (int, error) {
		return func() (int, error) { builds.Add(1); return v, nil }
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if v, err := c.get("a", "1", build(7)); v != 7 || err != nil {
				t.Errorf("get = %d, %v", v, err)
			}
		})
	}
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Fatalf("20 requests at one revision computed %d times", n)
	}
	if v, _ := c.get("a", "2", build(8)); v != 8 || builds.Load() != 2 {
		t.Fatalf("a new revision: %d after %d computations", v, builds.Load())
	}
	if _, err := c.get("b", "1", func() (int, error) { return 0, errors.New("down") }); err == nil {
		t.Fatal("the failure was lost")
	}
	if v, _ := c.get("b", "1", build(9)); v != 9 {
		t.Fatalf("a failure was kept: %d", v)
	}
	c.get("a", "2", build(0)) // a is now the most recent
	c.get("c", "1", build(1)) // the cache is full: b goes
	before := builds.Load()
	c.get("a", "2", build(0))
	if builds.Load() != before {
		t.Fatal("the most recently used key was dropped")
	}
	c.get("b", "1", build(9))
	if builds.Load() != before+1 {
		t.Fatal("the least recently used key was kept")
	}
}
