package crosslingual_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cotejo/cotejo/internal/crosslingual"
)

func TestCache(t *testing.T) {
	c := crosslingual.NewCache(2)
	var builds atomic.Int32
	build := func(text string) func() (*crosslingual.Source, error) {
		return func() (*crosslingual.Source, error) { builds.Add(1); return crosslingual.Quick(text), nil }
	}
	// Many callers at once: one build.
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if s, err := c.Get("a", build("PREGUNTA: Uno.")); err != nil || s == nil {
				t.Error(s, err)
			}
		}()
	}
	wg.Wait()
	if builds.Load() != 1 {
		t.Fatalf("%d builds for one key", builds.Load())
	}
	a, _ := c.Get("a", build("other"))
	if a.Text() != "PREGUNTA: Uno." {
		t.Errorf("the cached source was rebuilt: %q", a.Text())
	}
	c.Get("b", build("Dos."))
	c.Get("a", build("x")) // a is now the most recent
	c.Get("c", build("Tres."))
	before := builds.Load()
	c.Get("a", build("x"))
	if builds.Load() != before {
		t.Error("the most recently used source was evicted")
	}
	c.Get("b", build("Dos."))
	if builds.Load() != before+1 {
		t.Error("the least recently used source was kept beyond the limit")
	}
	// A failed build is not kept; Forget drops a source.
	if _, err := c.Get("d", func() (*crosslingual.Source, error) { return nil, errors.New("broken") }); err == nil {
		t.Error("the error was lost")
	}
	if s, err := c.Get("d", build("Cuatro.")); err != nil || s.Text() != "Cuatro." {
		t.Errorf("after a failed build: %v, %v", s, err)
	}
	c.Forget("d")
	before = builds.Load()
	c.Get("d", build("Cuatro."))
	if builds.Load() != before+1 {
		t.Error("Forget kept the source")
	}
}
