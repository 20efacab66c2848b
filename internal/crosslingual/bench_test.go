package crosslingual_test

import (
	"context"
	"encoding/json"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/crosslingual"
	"github.com/cotejo/cotejo/internal/crosslingual/apertium"
	"github.com/cotejo/cotejo/internal/mt"
	"github.com/cotejo/cotejo/internal/testenv"
)

// longTranscript joins the evaluation's sessions into one transcript of
// over 20,000 words, a three-hour conference.
func longTranscript(b *testing.B) (string, []evalCase) {
	b.Helper()
	ss, cases := loadEval(b)
	text, _ := joinSessions(ss)
	return text, cases
}

func reportWords(b *testing.B, text string) {
	words := float64(len(strings.Fields(text)))
	b.ReportMetric(words*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkPrepare prepares the 20,000-word transcript without tools
// (Quick), with the Apertium lexicon, and with the lexicon and the Apertium
// translation (a fresh lexicon each time, so nothing is cached), beside the
// peer: building the anchor index Cotejo uses to locate typed Spanish.
func BenchmarkPrepare(b *testing.B) {
	text, _ := longTranscript(b)
	b.Run("peer=anchor.NewIndex", func(b *testing.B) {
		for b.Loop() {
			ix := anchor.NewIndex(text, anchor.OptionsFor("es"))
			ix.Locate("los aranceles los pagan los consumidores", 1) // builds its approximate index too
		}
		reportWords(b, text)
	})
	b.Run("basic", func(b *testing.B) {
		for b.Loop() {
			crosslingual.Quick(text)
		}
		reportWords(b, text)
	})
	for _, withMT := range []bool{false, true} {
		name := "lexicon"
		if withMT {
			name = "lexicon+mt"
		}
		b.Run(name, func(b *testing.B) {
			testenv.Tool(b, "lt-proc", "lttoolbox")
			testenv.Tool(b, "apertium", "apertium apertium-eng-spa")
			for b.Loop() {
				lex, err := apertium.New(apertium.Dir)
				if err != nil {
					b.Fatal(err)
				}
				opt := crosslingual.Options{Lexicon: lex}
				if withMT {
					opt.Translator = &mt.Apertium{}
				}
				if _, err := crosslingual.Prepare(context.Background(), text, opt); err != nil {
					b.Fatal(err)
				}
				lex.Close()
			}
			reportWords(b, text)
		})
	}
}

// BenchmarkFind asks every rendering of the evaluation in turn of the
// prepared 20,000-word transcript and reports the median and 99th
// percentile of one query, beside the peer: anchor.Locate of the true
// Spanish original in the same transcript, which is what Cotejo does today
// when someone types the Spanish.
func BenchmarkFind(b *testing.B) {
	text, cases := longTranscript(b)
	lat := func(b *testing.B, q func(i int)) {
		var ds []time.Duration
		i := 0
		for b.Loop() {
			t0 := time.Now()
			q(i)
			ds = append(ds, time.Since(t0))
			i++
		}
		slices.Sort(ds)
		b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "median-ms")
		b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds())/1000, "p99-ms")
	}
	b.Run("peer=anchor.Locate", func(b *testing.B) {
		ix := anchor.NewIndex(text, anchor.OptionsFor("es"))
		var origs []string
		for _, c := range cases {
			if c.Original != "" {
				origs = append(origs, c.Original)
			}
		}
		lat(b, func(i int) { ix.Locate(origs[i%len(origs)], 3) })
	})
	run := func(b *testing.B, src *crosslingual.Source, lex crosslingual.Lexicon) {
		lat(b, func(i int) {
			c := cases[i%len(cases)]
			if _, err := src.Find(context.Background(), crosslingual.Query{Rendering: c.Rendering, Max: 3, Lexicon: lex}); err != nil {
				b.Fatal(err)
			}
		})
	}
	b.Run("basic", func(b *testing.B) { run(b, crosslingual.Quick(text), nil) })
	b.Run("lexicon+mt", func(b *testing.B) {
		testenv.Tool(b, "lt-proc", "lttoolbox")
		testenv.Tool(b, "apertium", "apertium apertium-eng-spa")
		lex, err := apertium.New(apertium.Dir)
		if err != nil {
			b.Fatal(err)
		}
		defer lex.Close()
		src, err := crosslingual.Prepare(context.Background(), text, crosslingual.Options{Lexicon: lex, Translator: &mt.Apertium{}})
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		run(b, src, lex)
	})
}

// BenchmarkStored reports what a prepared 20,000-word transcript takes: the
// heap it holds, the size of its stored form, and the time Load takes to
// rebuild it from that form (what the server does when a source is asked
// and not in memory).
func BenchmarkStored(b *testing.B) {
	testenv.Tool(b, "lt-proc", "lttoolbox")
	testenv.Tool(b, "apertium", "apertium apertium-eng-spa")
	text, _ := longTranscript(b)
	lex, err := apertium.New(apertium.Dir)
	if err != nil {
		b.Fatal(err)
	}
	defer lex.Close()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	src, err := crosslingual.Prepare(context.Background(), text, crosslingual.Options{Lexicon: lex, Translator: &mt.Apertium{}})
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	data, err := json.Marshal(src)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := crosslingual.Load(text, data); err != nil {
			b.Fatal(err)
		}
	}
	runtime.KeepAlive(src)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(len(data))/(1<<20), "stored-MB")
	b.ReportMetric(float64(len(text))/(1<<20), "text-MB")
}
