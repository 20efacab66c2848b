package lru_test

import (
	"errors"
	"testing"
	"time"

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

// TestPanickingBuild: a build that panics lets the callers waiting for it go
// with ErrBuildPanicked and keeps nothing, so the key is built again when
// asked once more, instead of waiting for ever.
func TestPanickingBuild(t *testing.T) {
	c := lru.New[string, int](2)
	started, release := make(chan struct{}), make(chan struct{})
	go func() {
		defer func() { _ = recover() }()
		c.Get("a", "1", func() (int, error) { close(started); <-release; panic("build failed") })
	}()
	<-started
	waited := make(chan error, 1)
	go func() { _, err := c.Get("a", "1", func() (int, error) { return 2, nil }); waited <- err }()
	time.Sleep(20 * time.Millisecond) // the second caller is waiting on the first build
	close(release)
	select {
	case err := <-waited:
		if !errors.Is(err, lru.ErrBuildPanicked) && err != nil {
			t.Fatalf("the waiter got %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the caller waiting for a build that panicked still waits")
	}
	done := make(chan int, 1)
	go func() { v, _ := c.Get("a", "1", func() (int, error) { return 3, nil }); done <- v }()
	select {
	case v := <-done:
		if v != 3 && v != 2 {
			t.Fatalf("after the panic, a is %d, not built again", v)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("asking again after a panicking build waits for ever")
	}
}
