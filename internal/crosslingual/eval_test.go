package crosslingual_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/crosslingual"
	"github.com/cotejo/cotejo/internal/crosslingual/apertium"
	"github.com/cotejo/cotejo/internal/mt"
	"github.com/cotejo/cotejo/internal/testenv"
)

// evalCase is one line of testdata/cases/*.jsonl: an English rendering the
// way the coverage prints it, and the Spanish it renders (one place, two
// places for a remark said twice, none for a remark that was not said).
type evalCase struct {
	Session   string   `json:"-"`
	Line      int      `json:"-"`
	Rendering string   `json:"rendering"`
	Original  string   `json:"original"`
	Originals []string `json:"originals"`
	Kind      string   `json:"kind"`
	spans     [][2]int // code points in the session's NFC text
}

type session struct {
	name string
	text string
}

func loadEval(t testing.TB) ([]session, []evalCase) {
	t.Helper()
	files, _ := filepath.Glob("testdata/sessions/*.txt")
	if len(files) == 0 {
		t.Fatal("no sessions in testdata/sessions")
	}
	var ss []session
	byName := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		text := anchor.NFC(string(b))
		ss = append(ss, session{name, text})
		byName[name] = text
	}
	var cases []evalCase
	cfiles, _ := filepath.Glob("testdata/cases/*.jsonl")
	for _, f := range cfiles {
		name := strings.TrimSuffix(filepath.Base(f), ".jsonl")
		text, ok := byName[name]
		if !ok {
			t.Fatalf("%s: no session %s", f, name)
		}
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		line := 0
		for sc.Scan() {
			line++
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var c evalCase
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatalf("%s:%d: %v", f, line, err)
			}
			c.Session, c.Line = name, line
			origs := c.Originals
			if c.Original != "" {
				origs = append(origs, c.Original)
			}
			if (len(origs) == 0) != strings.Contains(c.Kind, "absent") {
				t.Fatalf("%s:%d: an absent case has no original, any other has one", f, line)
			}
			for _, o := range origs {
				o = anchor.NFC(o)
				i := strings.Index(text, o)
				if i < 0 || strings.Contains(text[i+1:], o) {
					t.Fatalf("%s:%d: the original must occur exactly once in the session: %q", f, line, o)
				}
				start := utf8.RuneCountInString(text[:i])
				c.spans = append(c.spans, [2]int{start, start + utf8.RuneCountInString(o)})
			}
			cases = append(cases, c)
		}
		fh.Close()
	}
	return ss, cases
}

// hits reports whether a candidate overlaps a true span by at least half of
// their union.
func hits(c crosslingual.Candidate, span [2]int, shift int) bool {
	a, b := span[0]+shift, span[1]+shift
	inter := min(b, c.End) - max(a, c.Start)
	union := max(b, c.End) - min(a, c.Start)
	return inter > 0 && 2*inter >= union
}

type scores struct {
	positive, top1, top3, strongTop1 int
	absent, absentStrong             int
	twice, twiceBoth                 int
	misses                           []string
}

func (s scores) String() string {
	return fmt.Sprintf("top-1 %d/%d (%.1f %%), top-3 %d/%d (%.1f %%), top-1 strong %d; absent given a strong candidate %d/%d; said twice and found with both places in the top 3: %d/%d",
		s.top1, s.positive, pct(s.top1, s.positive), s.top3, s.positive, pct(s.top3, s.positive), s.strongTop1,
		s.absentStrong, s.absent, s.twiceBoth, s.twice)
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// score runs every case against its source (find returns the source of a
// session and the offset of the session in it).
func score(t *testing.T, cases []evalCase, find func(c evalCase) (*crosslingual.Source, int), lex crosslingual.Lexicon) scores {
	var s scores
	for _, c := range cases {
		src, shift := find(c)
		res, err := src.Find(context.Background(), crosslingual.Query{Rendering: c.Rendering, Lang: "en", Max: 3, Lexicon: lex})
		if err != nil {
			t.Fatalf("%s:%d: %v", c.Session, c.Line, err)
		}
		cs := res.Candidates
		if len(c.spans) == 0 {
			s.absent++
			for _, x := range cs {
				if x.Strength == crosslingual.Strong {
					s.absentStrong++
					s.misses = append(s.misses, fmt.Sprintf("%s:%d absent, strong %.3f %q", c.Session, c.Line, x.Score, x.Exact))
					break
				}
			}
			continue
		}
		s.positive++
		first, inTop3 := false, false
		found := make([]bool, len(c.spans))
		for i, x := range cs {
			for k, sp := range c.spans {
				if hits(x, sp, shift) {
					found[k] = true
					inTop3 = true
					if i == 0 {
						first = true
					}
				}
			}
		}
		if first {
			s.top1++
			if cs[0].Strength == crosslingual.Strong {
				s.strongTop1++
			}
		}
		if inTop3 {
			s.top3++
		}
		if len(c.spans) > 1 && inTop3 {
			// Said twice and found: both places must be among the candidates.
			s.twice++
			both := true
			for _, f := range found {
				both = both && f
			}
			if both {
				s.twiceBoth++
			} else {
				var got []string
				for _, x := range cs {
					got = append(got, fmt.Sprintf("%.3f %s %q", x.Score, x.Strength, x.Exact))
				}
				s.misses = append(s.misses, fmt.Sprintf("%s:%d said twice, one place only: %v", c.Session, c.Line, got))
			}
		}
		if !first {
			got := "nothing"
			if len(cs) > 0 {
				got = fmt.Sprintf("%.3f %s %q", cs[0].Score, cs[0].Strength, cs[0].Exact)
			}
			s.misses = append(s.misses, fmt.Sprintf("%s:%d top-1 miss (top-3 %v): %q → %s", c.Session, c.Line, inTop3, c.Rendering, got))
		}
	}
	return s
}

// joinSessions joins the sessions into one long transcript and says where
// each begins (in code points).
func joinSessions(ss []session) (string, map[string]int) {
	var joined strings.Builder
	offsets := map[string]int{}
	for _, s := range ss {
		if joined.Len() > 0 {
			joined.WriteString("\n\n")
		}
		offsets[s.name] = utf8.RuneCountInString(joined.String())
		joined.WriteString(s.text)
	}
	return joined.String(), offsets
}

type evalMode struct {
	name string
	opt  func(t *testing.T) (crosslingual.Options, crosslingual.Lexicon)
}

func apertiumTools(t *testing.T, withMT bool) (crosslingual.Options, crosslingual.Lexicon) {
	testenv.Tool(t, "lt-proc", "lttoolbox")
	testenv.Tool(t, "apertium", "apertium apertium-eng-spa")
	lex, err := apertium.Default()
	if err != nil {
		testenv.SkipOrFail(t, "%v", err)
	}
	opt := crosslingual.Options{Lexicon: lex}
	if withMT {
		opt.Translator = sharedTranslator
	}
	return opt, lex
}

// memoTranslator remembers translations by text, so the sessions, once
// translated in the long transcript (one apertium process), are not
// translated again one process each: a process costs about as much to
// start as a session costs to translate.
type memoTranslator struct {
	mu   sync.Mutex
	next crosslingual.Translator
	memo map[string]string
}

func (m *memoTranslator) Translate(ctx context.Context, texts []string, from, to string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var missing []string
	for _, t := range texts {
		if _, ok := m.memo[t]; !ok {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		out, err := m.next.Translate(ctx, missing, from, to)
		if err != nil {
			return nil, err
		}
		for i, t := range missing {
			m.memo[t] = out[i]
		}
	}
	res := make([]string, len(texts))
	for i, t := range texts {
		res[i] = m.memo[t]
	}
	return res, nil
}

func (m *memoTranslator) Name() string { return "apertium" }

var sharedTranslator = &memoTranslator{next: &mt.Apertium{}, memo: map[string]string{}}

var evalModes = []evalMode{
	{"lexicon+mt", func(t *testing.T) (crosslingual.Options, crosslingual.Lexicon) { return apertiumTools(t, true) }},
	{"lexicon", func(t *testing.T) (crosslingual.Options, crosslingual.Lexicon) { return apertiumTools(t, false) }},
	{"basic", func(t *testing.T) (crosslingual.Options, crosslingual.Lexicon) { return crosslingual.Options{}, nil }},
}

var prepCache sync.Map // mode/name → *crosslingual.Source

func prepared(t *testing.T, mode, name, text string, opt crosslingual.Options) *crosslingual.Source {
	key := mode + "/" + name
	if s, ok := prepCache.Load(key); ok {
		return s.(*crosslingual.Source)
	}
	s, err := crosslingual.Prepare(context.Background(), text, opt)
	if err != nil {
		t.Fatal(err)
	}
	prepCache.Store(key, s)
	return s
}

// TestEvaluation scores the evaluation set: each rendering against its own
// session, and against all sessions joined into one long transcript (over
// 20,000 words, a three-hour conference's worth of distractors). With
// Apertium the goals must hold: top-1 ≥ 75 %, top-3 ≥ 90 %, no strong
// candidate for a remark that was not said, and both places of a remark
// said twice (when one is found) for at least 90 % of them — the odd miss is
// a second place worded shorter than the first. Without the lexicon and
// translation the figures are reported only.
func TestEvaluation(t *testing.T) {
	ss, cases := loadEval(t)
	words := 0
	for _, s := range ss {
		words += len(strings.Fields(s.text))
	}
	t.Logf("%d sessions, %d words, %d renderings", len(ss), words, len(cases))
	joined, offsets := joinSessions(ss)
	texts := map[string]string{}
	for _, s := range ss {
		texts[s.name] = s.text
	}
	for _, m := range evalModes {
		t.Run(m.name, func(t *testing.T) {
			opt, lex := m.opt(t)
			all := prepared(t, m.name, "all", joined, opt)
			per := score(t, cases, func(c evalCase) (*crosslingual.Source, int) {
				return prepared(t, m.name, c.Session, texts[c.Session], opt), 0
			}, lex)
			long := score(t, cases, func(c evalCase) (*crosslingual.Source, int) { return all, offsets[c.Session] }, lex)
			t.Logf("per session: %v", per)
			t.Logf("all sessions joined: %v", long)
			sort.Strings(per.misses)
			for _, x := range per.misses {
				if strings.Contains(x, "one place") || strings.Contains(x, "absent") {
					t.Logf("  per session: %s", x)
				}
			}
			sort.Strings(long.misses)
			for _, x := range long.misses {
				t.Logf("  %s", x)
			}
			if m.name == "basic" {
				return
			}
			for what, s := range map[string]scores{"per session": per, "joined": long} {
				if pct(s.top1, s.positive) < 75 || pct(s.top3, s.positive) < 90 || s.absentStrong > 0 || pct(s.twiceBoth, s.twice) < 90 {
					t.Errorf("%s below the goals: %v", what, s)
				}
			}
		})
	}
}
