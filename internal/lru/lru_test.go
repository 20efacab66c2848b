package lru_test

import (
	"testing"

	"github.com/cotejo/cotejo/internal/lru"
)

// TestRevisions: a key asked for at another revision is built again and
// replaces the value kept, without taking a second place; Forget drops a
// key. (The callers' sharing of a build, and the order of eviction, are
// tested where the cache is used: crosslingual and workflow.)
func TestRevisions(t *testing.T) {
	c := lru.New[string, int](2)
	builds := 0
	build := func(v int) func() (int, error) {
		return func() (int, error) { builds++; return v, nil }
	}
	c.Get("a", "1", build(1))
	c.Get("a", "2", build(2))
	c.Get("b", "1", build(3))
	if v, _ := c.Get("a", "2", build(0)); v != 2 || builds != 3 {
		t.Fatalf("a at revision 2: %d after %d builds (its old revision took a place)", v, builds)
	}
	if v, _ := c.Get("a", "1", build(4)); v != 4 || builds != 4 {
		t.Fatalf("a back at revision 1: %d after %d builds", v, builds)
	}
	c.Forget("b")
	if c.Get("b", "1", build(5)); builds != 5 {
		t.Fatal("Forget kept the value")
	}
}
