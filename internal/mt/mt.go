// Package mt is machine translation behind one interface: the Apertium
// command, an Apertium APy server and a LibreTranslate server. Its output
// is a suggestion only (shown as machine output, never filled in by itself)
// and a retrieval feature for finding originals; it is never a translation
// of record.
//
// Providers translate in batches (one process or a few requests for all the
// sentences of a source). A provider that times out, is absent or fails
// returns an error, which callers showing suggestions turn into "no
// suggestion" with [Suggest]; nothing here ever fails a page.
package mt

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Provider translates texts from one language to another, in one batch:
// the result has one translation per text, in order.
type Provider interface {
	Translate(ctx context.Context, texts []string, from, to string) ([]string, error)
	// Name says which engine answered ("apertium", "apy", "libretranslate"),
	// for the record kept beside machine output.
	Name() string
}

// DefaultTimeout bounds one batch when the provider has no Timeout of its own.
const DefaultTimeout = 60 * time.Second

// SuggestTimeout bounds a suggestion computed while a page waits.
const SuggestTimeout = 3 * time.Second

// Parse reads the COTEJO_MT setting: "apertium" (the local command),
// "apy:URL" (an Apertium APy server), "libretranslate:URL" (a LibreTranslate
// server). An empty setting, or "off", means no machine translation: a nil
// Provider and no error.
func Parse(setting string) (Provider, error) {
	setting = strings.TrimSpace(setting)
	kind, rest, _ := strings.Cut(setting, ":")
	switch strings.ToLower(kind) {
	case "", "off", "none":
		if rest == "" {
			return nil, nil
		}
	case "apertium":
		if rest == "" {
			return &Apertium{}, nil
		}
	case "apy":
		u, err := serverURL(rest)
		if err != nil {
			return nil, err
		}
		return &APy{URL: u}, nil
	case "libretranslate":
		u, err := serverURL(rest)
		if err != nil {
			return nil, err
		}
		return &LibreTranslate{URL: u}, nil
	}
	return nil, fmt.Errorf("mt: setting %q: use apertium, apy:URL, libretranslate:URL or off", setting)
}

func serverURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("mt: %q is not an http or https URL", s)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// Suggest translates one text for showing it as a suggestion. Any failure
// (no provider, time-out, absent server, an error, an empty answer) is "no
// suggestion": ok is false and the caller shows nothing.
func Suggest(ctx context.Context, p Provider, text, from, to string) (suggestion string, ok bool) {
	if p == nil || strings.TrimSpace(text) == "" {
		return "", false
	}
	ctx, cancel := context.WithTimeout(ctx, SuggestTimeout)
	defer cancel()
	out, err := p.Translate(ctx, []string{text}, from, to)
	if err != nil || len(out) != 1 || strings.TrimSpace(out[0]) == "" {
		return "", false
	}
	return out[0], true
}

// apertiumCodes are the ISO 639-3 codes Apertium names its pairs with.
var apertiumCodes = map[string]string{
	"es": "spa", "en": "eng", "ca": "cat", "pt": "por", "fr": "fra", "it": "ita", "gl": "glg", "eu": "eus",
}

// apertiumPair is the Apertium pair of two BCP 47 tags ("es", "en-US" →
// "spa-eng").
func apertiumPair(from, to string) (string, error) {
	f, t := apertiumCodes[primary(from)], apertiumCodes[primary(to)]
	if f == "" || t == "" {
		return "", fmt.Errorf("mt: no Apertium pair for %s to %s", from, to)
	}
	return f + "-" + t, nil
}

func primary(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// oneLine puts a text on one line, as the line-based providers keep one
// translation per line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// errCount is a provider answering with another number of translations
// than it was given texts.
var errCount = errors.New("mt: the translation does not line up with the texts")

func withTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		d = DefaultTimeout
	}
	return context.WithTimeout(ctx, d)
}

// batches groups texts (already on one line each) into runs whose lines
// joined stay within limit bytes. A text longer than limit is a run of its own.
func batches(texts []string, limit int) [][]int {
	var out [][]int
	var cur []int
	size := 0
	for i, t := range texts {
		if len(cur) > 0 && size+len(t)+1 > limit {
			out = append(out, cur)
			cur, size = nil, 0
		}
		cur = append(cur, i)
		size += len(t) + 1
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// splitLong cuts a text longer than limit bytes at spaces into pieces within it.
func splitLong(s string, limit int) []string {
	var out []string
	for len(s) > limit {
		cut := strings.LastIndexByte(s[:limit], ' ')
		if cut <= 0 {
			cut = limit
			for cut > 0 && (s[cut]&0xC0) == 0x80 { // not inside a UTF-8 sequence
				cut--
			}
		}
		out = append(out, s[:cut])
		s = strings.TrimLeft(s[cut:], " ")
	}
	return append(out, s)
}
