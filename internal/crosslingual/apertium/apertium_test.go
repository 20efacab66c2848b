package apertium

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cotejo/cotejo/internal/crosslingual"
	"github.com/cotejo/cotejo/internal/testenv"
)

func lexicon(t *testing.T) *Lexicon {
	t.Helper()
	testenv.Tool(t, "lt-proc", "lttoolbox")
	l, err := New(Dir)
	if err != nil {
		testenv.SkipOrFail(t, "%v", err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestSpanish(t *testing.T) {
	got := lookUp(t, lexicon(t).Spanish, map[string][2]string{
		"aranceles": {"arancel", "tariff"},
		"dijo":      {"decir", "say"},
		"soberanía": {"soberanía", "sovereignty"},
		"gobierno":  {"gobierno", "government"},
	}, "del", "xqzzy", "a^b")
	if e, ok := got["xqzzy"]; ok {
		t.Errorf("an unknown word has an entry: %+v", e)
	}
	if _, ok := got["a^b"]; ok {
		t.Error("a form with a reserved character was looked up")
	}
}

func TestEnglish(t *testing.T) {
	lookUp(t, lexicon(t).English, map[string][2]string{
		"said":        {"say", "decir"},
		"tariffs":     {"tariff", "arancel"},
		"achievement": {"achievement", "consecución"},
		"gateway":     {"gateway", "puerta"},
	})
}

// lookUp looks up the forms of want and more with look, and checks that
// the entry of each form of want has the lemma and the translation want
// gives it.
func lookUp(t *testing.T, look func(context.Context, []string) (map[string]crosslingual.Entry, error),
	want map[string][2]string, more ...string) map[string]crosslingual.Entry {
	t.Helper()
	got, err := look(context.Background(), append(slices.Sorted(maps.Keys(want)), more...))
	if err != nil {
		t.Fatal(err)
	}
	for form, w := range want {
		e := got[form]
		if !slices.Contains(e.Lemmas, w[0]) || !slices.Contains(e.Translations, w[1]) {
			t.Errorf("%s: %+v, want lemma %s and translation %s", form, e, w[0], w[1])
		}
	}
	return got
}

// TestBatches checks that a source-sized batch (its own process) and a
// query-sized one (the process kept running) give the same entries, and
// that the kept process answers many queries in a row.
func TestBatches(t *testing.T) {
	l := lexicon(t)
	words := strings.Fields("el gobierno de méxico no acepta ninguna intervención extranjera en su territorio porque somos un país libre soberano e independiente")
	big := make([]string, 0, pipeBatch+len(words))
	for i := range pipeBatch + 1 {
		big = append(big, strings.Repeat("x", i%7+1)+"zq") // unknown fillers
	}
	big = append(big, words...)
	viaRun, err := l.Spanish(context.Background(), big)
	if err != nil {
		t.Fatal(err)
	}
	fresh := lexicon(t)
	for i := range 50 {
		w := words[i%len(words)]
		got, err := fresh.Spanish(context.Background(), []string{w})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got[w].Translations, viaRun[w].Translations) {
			t.Fatalf("%s: %v by the kept process, %v by a process of its own", w, got[w], viaRun[w])
		}
	}
}

func TestCancelAndClose(t *testing.T) {
	l := lexicon(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.English(ctx, []string{"government"}); err == nil {
		t.Error("a cancelled lookup succeeded")
	}
	// The process was stopped; the next lookup starts it again.
	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := l.English(ctx, []string{"government"})
	if err != nil || len(got["government"].Translations) == 0 {
		t.Fatalf("after a cancelled lookup: %v, %v", got, err)
	}
	l.Close()
	if _, err := l.English(context.Background(), []string{"borders"}); err == nil {
		t.Error("a closed lexicon looked a new word up")
	}
}

// TestConcurrent looks words up from several goroutines at once (run with
// -race): the caches and the kept processes are shared.
func TestConcurrent(t *testing.T) {
	l := lexicon(t)
	words := strings.Fields("tariffs border sovereignty remittances governments troops farmers water treaty vaccine")
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			for i := range 20 {
				w := words[(g+i)%len(words)]
				got, err := l.English(context.Background(), []string{w, words[i%len(words)]})
				if err == nil && len(got[w].Lemmas) == 0 {
					err = fmt.Errorf("%s: no lemma", w)
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
