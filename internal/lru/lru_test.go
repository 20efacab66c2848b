package lru_test

import (
	"errors"
	"fmt"
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
	// The second caller must be waiting on the first build when it panics;
	// nothing outside the cache says when it is, so a round where it came
	// too late (and built its own value) is tried again, waiting longer.
	for round, wait := 0, 10*time.Millisecond; ; round, wait = round+1, wait*2 {
		if round == 6 {
			t.Fatal("the second caller never waited on the first build")
		}
		key := fmt.Sprint("a", round)
		started, release := make(chan struct{}), make(chan struct{})
		go func() {
			defer func() { _ = recover() }()
			c.Get(key, "1", func() (int, error) { close(started); <-release; panic("build failed") })
		}()
		<-started
		type answer struct {
			v   int
			err error
		}
		waited := make(chan answer, 1)
		go func() { v, err := c.Get(key, "1", func() (int, error) { return 2, nil }); waited <- answer{v, err} }()
		time.Sleep(wait)
		close(release)
		var got answer
		select {
		case got = <-waited:
		case <-time.After(5 * time.Second):
			t.Fatal("the caller waiting for a build that panicked still waits")
		}
		if got.err == nil {
			continue // it came after the panic and built 2 itself
		}
		if !errors.Is(got.err, lru.ErrBuildPanicked) {
			t.Fatalf("the waiter got %v, want ErrBuildPanicked", got.err)
		}
		// Nothing was kept: the next caller builds.
		if v, err := c.Get(key, "1", func() (int, error) { return 3, nil }); err != nil || v != 3 {
			t.Fatalf("after the panic, %s is %d, %v; want it built again (3)", key, v, err)
		}
		return
	}
}
