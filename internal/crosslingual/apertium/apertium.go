// Package apertium is the bilingual lexicon of crosslingual read from the
// installed Apertium English–Spanish pair (Debian apertium-eng-spa and
// lttoolbox): Spanish word forms go through the Spanish analyser to their
// lemmas and through the bilingual dictionary to English lemmas; English
// forms go through the English analyser to theirs.
//
// The dictionaries are GPL-2, so nothing derived from them is kept in the
// repository: they are read at run time with lt-proc, one process per batch
// of words (never one per word), and the answers are cached for the life of
// the process.
package apertium

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// Dir is where Debian installs the pair's compiled files.
const Dir = "/usr/share/apertium/apertium-eng-spa"

// Lexicon reads the pair in one directory. It is safe for concurrent use.
type Lexicon struct {
	spaMorf, bil, engMorf string
	name                  string

	mu       sync.Mutex
	spanish  map[string][]string // form → English lemmas (nil slice: unknown)
	english  map[string][]string // form → lemmas
	analyses map[string][]string // Spanish analysis → English lemmas
}

// New returns the lexicon of the pair installed in dir, or an error naming
// what is missing (lt-proc, or the compiled files).
func New(dir string) (*Lexicon, error) {
	if _, err := exec.LookPath("lt-proc"); err != nil {
		return nil, errors.New("apertium: lt-proc not found (apt-get install lttoolbox)")
	}
	l := &Lexicon{
		spaMorf:  filepath.Join(dir, "spa-eng.automorf.bin"),
		bil:      filepath.Join(dir, "spa-eng.autobil.bin"),
		engMorf:  filepath.Join(dir, "eng-spa.automorf.bin"),
		spanish:  map[string][]string{},
		english:  map[string][]string{},
		analyses: map[string][]string{},
	}
	for _, f := range []string{l.spaMorf, l.bil, l.engMorf} {
		fi, err := os.Stat(f)
		if err != nil {
			return nil, fmt.Errorf("apertium: %s missing (apt-get install apertium-eng-spa)", f)
		}
		if f == l.bil {
			l.name = "apertium-eng-spa " + fi.ModTime().UTC().Format("2006-01-02")
		}
	}
	return l, nil
}

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

// Spanish returns the English lemmas of each Spanish form it knows.
func (l *Lexicon) Spanish(ctx context.Context, forms []string) (map[string][]string, error) {
	l.mu.Lock()
	missing := l.missing(l.spanish, forms)
	l.mu.Unlock()
	if len(missing) > 0 {
		an, err := analyse(ctx, l.spaMorf, missing)
		if err != nil {
			return nil, err
		}
		// The distinct analyses not yet through the bilingual dictionary.
		l.mu.Lock()
		var todo []string
		seen := map[string]bool{}
		for _, as := range an {
			for _, a := range as {
				if _, ok := l.analyses[a]; !ok && !seen[a] {
					seen[a] = true
					todo = append(todo, a)
				}
			}
		}
		l.mu.Unlock()
		tr, err := transfer(ctx, l.bil, todo)
		if err != nil {
			return nil, err
		}
		l.mu.Lock()
		for a, en := range tr {
			l.analyses[a] = en
		}
		for _, f := range missing {
			var out []string
			for _, a := range an[f] {
				for _, e := range l.analyses[a] {
					if !contains(out, e) {
						out = append(out, e)
					}
				}
			}
			l.spanish[f] = out
		}
		l.mu.Unlock()
	}
	return l.lookup(l.spanish, forms), nil
}

// English returns the lemmas of each English form it knows.
func (l *Lexicon) English(ctx context.Context, forms []string) (map[string][]string, error) {
	l.mu.Lock()
	missing := l.missing(l.english, forms)
	l.mu.Unlock()
	if len(missing) > 0 {
		an, err := analyse(ctx, l.engMorf, missing)
		if err != nil {
			return nil, err
		}
		l.mu.Lock()
		for _, f := range missing {
			var out []string
			for _, a := range an[f] {
				if lem := lemma(a); lem != "" && !contains(out, lem) {
					out = append(out, lem)
				}
			}
			l.english[f] = out
		}
		l.mu.Unlock()
	}
	return l.lookup(l.english, forms), nil
}

func (l *Lexicon) missing(cache map[string][]string, forms []string) []string {
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

func (l *Lexicon) lookup(cache map[string][]string, forms []string) map[string][]string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[string][]string, len(forms))
	for _, f := range forms {
		if v := cache[f]; len(v) > 0 {
			out[f] = v
		}
	}
	return out
}

// clean reports whether a form can go to lt-proc as it is: no character
// that its stream format reserves.
func clean(f string) bool {
	return f != "" && !strings.ContainsAny(f, "^$/\\<>[]{}@*#+\n\x00 .")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// analyse runs the analyser over forms, one per line with a full stop
// between them (so no multiword unit spans two forms), and returns the
// analyses of each ("casa<n><f><pl>"; "del" gives "de<pr>" and "el<det>…").
func analyse(ctx context.Context, bin string, forms []string) (map[string][]string, error) {
	var in bytes.Buffer
	for _, f := range forms {
		in.WriteString(f)
		in.WriteString("\n.\n")
	}
	out, err := run(ctx, &in, "lt-proc", bin)
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
				if p != "" && !contains(res[surface], p) {
					res[surface] = append(res[surface], p)
				}
			}
		}
	}
	return res, nil
}

// transfer runs the bilingual dictionary over Spanish analyses and returns
// the English lemmas of each.
func transfer(ctx context.Context, bin string, analyses []string) (map[string][]string, error) {
	res := map[string][]string{}
	if len(analyses) == 0 {
		return res, nil
	}
	var in bytes.Buffer
	for _, a := range analyses {
		in.WriteString("^")
		in.WriteString(a)
		in.WriteString("$\n")
	}
	out, err := run(ctx, &in, "lt-proc", "-b", bin)
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
			if lem := lemma(e); lem != "" && !contains(res[parts[0]], lem) {
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

func run(ctx context.Context, stdin *bytes.Buffer, name string, args ...string) ([]byte, error) {
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
