// Package apertium is the bilingual lexicon of crosslingual read from the
// installed Apertium English–Spanish pair (Debian apertium-eng-spa and
// lttoolbox): Spanish word forms go through the Spanish analyser to their
// lemmas and through the spa→eng bilingual dictionary to English lemmas;
// English forms go through the English analyser and the eng→spa
// dictionary the other way.
//
// The dictionaries are GPL-2, so nothing derived from them is kept in the
// repository: they are read at run time with lt-proc — a process of its own
// for the thousands of forms of a source, a process kept running for the
// few words of a query — and the answers are cached for the life of the
// process. Close stops the processes kept running.
package apertium

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/cotejo/cotejo/internal/crosslingual"
)

// Dir is where Debian installs the pair's compiled files.
const Dir = "/usr/share/apertium/apertium-eng-spa"

// Lexicon reads the pair in one directory. It is safe for concurrent use.
type Lexicon struct {
	spaMorf, spaBil, engMorf, engBil string
	name                             string
	// Processes kept running for the lookups of queries (see pipe).
	pipes  map[string]*pipe
	closed bool

	mu      sync.Mutex
	spanish map[string]crosslingual.Entry // form → entry (empty: unknown)
	english map[string]crosslingual.Entry
	spaAn   map[string][]string // Spanish analysis → English lemmas
	engAn   map[string][]string // English analysis → Spanish lemmas
}

// New returns the lexicon of the pair installed in dir, or an error naming
// what is missing (lt-proc, or the compiled files).
func New(dir string) (*Lexicon, error) {
	if _, err := exec.LookPath("lt-proc"); err != nil {
		return nil, errors.New("apertium: lt-proc not found (apt-get install lttoolbox)")
	}
	l := &Lexicon{
		spaMorf: filepath.Join(dir, "spa-eng.automorf.bin"),
		spaBil:  filepath.Join(dir, "spa-eng.autobil.bin"),
		engMorf: filepath.Join(dir, "eng-spa.automorf.bin"),
		engBil:  filepath.Join(dir, "eng-spa.autobil.bin"),
		spanish: map[string]crosslingual.Entry{},
		english: map[string]crosslingual.Entry{},
		spaAn:   map[string][]string{},
		engAn:   map[string][]string{},
		pipes:   map[string]*pipe{},
	}
	for _, f := range []string{l.spaMorf, l.spaBil, l.engMorf, l.engBil} {
		fi, err := os.Stat(f)
		if err != nil {
			return nil, fmt.Errorf("apertium: %s missing (apt-get install apertium-eng-spa)", f)
		}
		if f == l.spaBil {
			l.name = "apertium-eng-spa " + fi.ModTime().UTC().Format("2006-01-02")
		}
	}
	l.pipes[l.spaMorf] = newPipe(l.spaMorf)
	l.pipes[l.spaBil] = newPipe("-b", l.spaBil)
	l.pipes[l.engMorf] = newPipe(l.engMorf)
	l.pipes[l.engBil] = newPipe("-b", l.engBil)
	return l, nil
}

// Close stops the lt-proc processes the lexicon keeps running. Lookups
// after Close fail.
func (l *Lexicon) Close() error {
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
	for _, p := range l.pipes {
		p.close()
	}
	return nil
}

// lookup runs one batch through the transducer bin: through the process
// kept running for it when the batch is small (a query's words), through a
// process of its own when it is large (a source's forms), so that a
// preparation does not hold up the queries.
func (l *Lexicon) lookup(ctx context.Context, bin string, input string, lines int) ([]byte, error) {
	l.mu.Lock()
	closed := l.closed
	l.mu.Unlock()
	if closed {
		return nil, errClosed
	}
	if lines <= pipeBatch {
		out, err := l.pipes[bin].ask(ctx, input)
		return []byte(out), err
	}
	args := []string{bin}
	if bin == l.spaBil || bin == l.engBil {
		args = []string{"-b", bin}
	}
	return run(ctx, strings.NewReader(input), "lt-proc", args...)
}

// pipeBatch is the largest batch sent to a running process.
const pipeBatch = 400

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
	defaultErr  error
)

// Default returns the lexicon of the installed pair, shared by the whole
// process so its cache is too.
func Default() (*Lexicon, error) {
	defaultOnce.Do(func() { defaultLex, defaultErr = New(Dir) })
	return defaultLex, defaultErr
}

// Name names the pair and the date of its dictionary.
func (l *Lexicon) Name() string { return l.name }

// Spanish returns the lemmas and English translations of each Spanish form
// it knows.
func (l *Lexicon) Spanish(ctx context.Context, forms []string) (map[string]crosslingual.Entry, error) {
	return l.entries(ctx, forms, l.spanish, l.spaAn, l.spaMorf, l.spaBil)
}

// English returns the lemmas and Spanish translations of each English form
// it knows.
func (l *Lexicon) English(ctx context.Context, forms []string) (map[string]crosslingual.Entry, error) {
	return l.entries(ctx, forms, l.english, l.engAn, l.engMorf, l.engBil)
}

// entries analyses the forms not yet cached (one lt-proc), sends their
// analyses not yet cached through the bilingual dictionary (one more), and
// answers from the cache.
func (l *Lexicon) entries(ctx context.Context, forms []string, cache map[string]crosslingual.Entry, anCache map[string][]string, morf, bil string) (map[string]crosslingual.Entry, error) {
	l.mu.Lock()
	missing := l.missing(cache, forms)
	l.mu.Unlock()
	if len(missing) > 0 {
		an, err := l.analyse(ctx, morf, missing)
		if err != nil {
			return nil, err
		}
		l.mu.Lock()
		var todo []string
		seen := map[string]bool{}
		for _, as := range an {
			for _, a := range as {
				if _, ok := anCache[a]; !ok && !seen[a] {
					seen[a] = true
					todo = append(todo, a)
				}
			}
		}
		l.mu.Unlock()
		tr, err := l.transfer(ctx, bil, todo)
		if err != nil {
			return nil, err
		}
		l.mu.Lock()
		for a, t := range tr {
			anCache[a] = t
		}
		for _, f := range missing {
			var e crosslingual.Entry
			for _, a := range an[f] {
				if lem := lemma(a); lem != "" && !slices.Contains(e.Lemmas, lem) {
					e.Lemmas = append(e.Lemmas, lem)
				}
				for _, t := range anCache[a] {
					if !slices.Contains(e.Translations, t) {
						e.Translations = append(e.Translations, t)
					}
				}
			}
			cache[f] = e
		}
		l.mu.Unlock()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[string]crosslingual.Entry, len(forms))
	for _, f := range forms {
		if e := cache[f]; len(e.Lemmas) > 0 || len(e.Translations) > 0 {
			out[f] = e
		}
	}
	return out, nil
}

func (l *Lexicon) missing(cache map[string]crosslingual.Entry, forms []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range forms {
		if _, ok := cache[f]; !ok && !seen[f] && clean(f) {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// clean reports whether a form can go to lt-proc as it is: no character
// that its stream format reserves.
func clean(f string) bool {
	return f != "" && !strings.ContainsAny(f, "^$/\\<>[]{}@*#+\n\x00 .")
}

// analyse runs the analyser over forms, one per line with a full stop
// between them (so no multiword unit spans two forms), and returns the
// analyses of each ("casa<n><f><pl>"; "del" gives "de<pr>" and "el<det>…").
func (l *Lexicon) analyse(ctx context.Context, bin string, forms []string) (map[string][]string, error) {
	var in strings.Builder
	for _, f := range forms {
		in.WriteString(f)
		in.WriteString("\n.\n")
	}
	out, err := l.lookup(ctx, bin, in.String(), len(forms))
	if err != nil {
		return nil, err
	}
	res := map[string][]string{}
	for _, u := range units(out) {
		parts := strings.Split(u, "/")
		surface := parts[0]
		if surface == "." {
			continue
		}
		for _, a := range parts[1:] {
			if strings.HasPrefix(a, "*") {
				continue
			}
			for _, p := range strings.Split(a, "+") {
				if p != "" && !slices.Contains(res[surface], p) {
					res[surface] = append(res[surface], p)
				}
			}
		}
	}
	return res, nil
}

// transfer runs a bilingual dictionary over analyses and returns the
// lemmas of the other language for each.
func (l *Lexicon) transfer(ctx context.Context, bin string, analyses []string) (map[string][]string, error) {
	res := map[string][]string{}
	if len(analyses) == 0 {
		return res, nil
	}
	var in strings.Builder
	for _, a := range analyses {
		in.WriteString("^")
		in.WriteString(a)
		in.WriteString("$\n")
	}
	out, err := l.lookup(ctx, bin, in.String(), len(analyses))
	if err != nil {
		return nil, err
	}
	for _, u := range units(out) {
		parts := strings.Split(u, "/")
		res[parts[0]] = nil
		for _, e := range parts[1:] {
			if strings.HasPrefix(e, "@") {
				continue
			}
			if lem := lemma(e); lem != "" && !slices.Contains(res[parts[0]], lem) {
				res[parts[0]] = append(res[parts[0]], lem)
			}
		}
	}
	return res, nil
}

// lemma strips the tags of an analysis: "say<vblex><past>" → "say".
func lemma(a string) string {
	if i := strings.IndexByte(a, '<'); i >= 0 {
		a = a[:i]
	}
	return strings.ToLower(strings.TrimSpace(a))
}

// units returns the lexical units ^…$ of lt-proc's output, without the marks.
func units(out []byte) []string {
	var res []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		start := bytes.IndexByte(data, '^')
		if start < 0 {
			if atEOF {
				return len(data), nil, nil
			}
			return len(data), nil, nil
		}
		end := bytes.IndexByte(data[start:], '$')
		if end < 0 {
			if atEOF {
				return len(data), nil, nil
			}
			return start, nil, nil
		}
		return start + end + 1, data[start+1 : start+end], nil
	})
	for sc.Scan() {
		res = append(res, sc.Text())
	}
	return res
}

func run(ctx context.Context, stdin io.Reader, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("apertium: %s: %v: %s", name, err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
