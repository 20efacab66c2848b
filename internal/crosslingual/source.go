package crosslingual

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/transcript"
)

// Options say what preparing a source may use. Both tools are optional: a
// source prepared without them is matched by numbers, names and cognates.
type Options struct {
	Lexicon    Lexicon
	Translator Translator
	// Progress, when set, is told how many of the steps of preparing are
	// done (segmenting, the lexicon, the translation, the index).
	Progress func(done, total int)
}

// Source is a source text read for finding originals in it. It is
// immutable and safe for concurrent use.
type Source struct {
	text  string
	rs    []rune
	turns []transcript.Turn
	sents []Sentence
	info  []sentInfo
	toks  []token

	// Keys are interned: tokKeys[tokKeyAt[i]:tokKeyAt[i+1]] are token i's.
	tokKeyAt []int32
	tokKeys  []int32
	keyID    map[string]int32
	keyType  []byte    // 'e' lemma, 'w' word, 'c' cognate, '#' number
	df       []int32   // sentences that have the key
	post     [][]int32 // sentences that have the key, ascending

	// What the tools gave, kept for MarshalJSON.
	spanish    map[string]Entry // Spanish form → its lemmas and English ones
	borrowed   map[string]Entry // unknown Spanish form → the entry of a known one (see borrow)
	english    map[string]Entry // English form of the translation → its lemmas
	mt         []string         // translation per sentence
	lexicon    string           // the lexicon's name, "" without one
	translator string           // the translator's name, "" without one
	glossary   []Term           // the newsroom's terms (see WithGlossary)
}

type sentInfo struct {
	tok0, tok1 int     // tokens [tok0, tok1)
	negated    bool    // holds a negation
	content    int     // tokens that are not function words
	mtKeys     []int32 // lemma keys of the machine translation
}

// TextHash is the key a prepared source is stored under: the SHA-256 of the
// NFC text, in hex. A changed text has another hash and is prepared again.
func TextHash(text string) string {
	h := sha256.Sum256([]byte(anchor.NFC(text)))
	return hex.EncodeToString(h[:])
}

// Prepare reads a Spanish source for finding originals in it, with the
// lexicon and translator of opt when given. A lexicon that fails is an
// error (the job that prepares may retry); a translator that fails only
// leaves the translation out, as machine translation is a suggestion.
func Prepare(ctx context.Context, text string, opt Options) (*Source, error) {
	progress := func(n int) {
		if opt.Progress != nil {
			opt.Progress(n, 4)
		}
	}
	s := newSource(text)
	progress(1)
	if opt.Lexicon != nil {
		forms := s.spanishForms()
		m, err := opt.Lexicon.Spanish(ctx, forms)
		if err != nil {
			return nil, fmt.Errorf("crosslingual: the lexicon: %w", err)
		}
		s.spanish = m
		s.lexicon = opt.Lexicon.Name()
	}
	progress(2)
	if opt.Translator != nil {
		texts := make([]string, len(s.sents))
		for i, se := range s.sents {
			texts[i] = strings.Join(strings.Fields(string(s.rs[se.Start:se.End])), " ")
		}
		out, err := opt.Translator.Translate(ctx, texts, "es", "en")
		if err == nil && len(out) == len(texts) {
			s.mt = out
			s.translator = "mt"
			if n, ok := opt.Translator.(namer); ok {
				s.translator = n.Name()
			}
			if opt.Lexicon != nil {
				if m, err := opt.Lexicon.English(ctx, englishForms(out)); err == nil {
					s.english = m
				}
			}
		} else if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	progress(3)
	s.index()
	progress(4)
	return s, nil
}

// Quick reads a source without any tool: numbers, names and cognates only.
// It is fast enough to run during a request on a source not prepared yet.
func Quick(text string) *Source {
	s := newSource(text)
	s.index()
	return s
}

func newSource(text string) *Source {
	nfc := anchor.NFC(text)
	s := &Source{text: nfc, rs: []rune(nfc)}
	s.turns, s.sents = segment(nfc, s.rs)
	s.info = make([]sentInfo, len(s.sents))
	for i, se := range s.sents {
		s.info[i].tok0 = len(s.toks)
		s.toks = tokenize(s.rs, se.Start, se.End, s.toks)
		s.info[i].tok1 = len(s.toks)
	}
	return s
}

// spanishForms are the distinct word forms worth looking up.
func (s *Source) spanishForms() []string { return lookupForms(s.toks, spanishStop) }

// englishForms are the distinct word forms of texts worth looking up.
func englishForms(texts []string) []string {
	var toks []token
	for _, x := range texts {
		rs := []rune(x)
		toks = tokenize(rs, 0, len(rs), toks)
	}
	return lookupForms(toks, englishStop)
}

// lookupForms are the distinct lower-cased forms of toks, sorted, leaving
// out numbers and the stop words.
func lookupForms(toks []token, stop map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range toks {
		if t.digits || stop[t.fold] || seen[t.lower] {
			continue
		}
		seen[t.lower] = true
		out = append(out, t.lower)
	}
	slices.Sort(out)
	return out
}

// intern returns the id of key, adding it when new.
func (s *Source) intern(key string) int32 {
	if id, ok := s.keyID[key]; ok {
		return id
	}
	id := int32(len(s.keyType))
	s.keyID[key] = id
	s.keyType = append(s.keyType, key[0])
	s.df = append(s.df, 0)
	s.post = append(s.post, nil)
	return id
}

// lemmaKeys appends the keys of English lemmas: each content word of a
// lemma ("take# off", "in spite of" give their words), stemmed.
func lemmaKeys(lemmas []string, out []string) []string {
	return appendLemmaKeys(out, lemmas, englishStop, func(f string) string { return "e" + stem(f) })
}

// spanishLemmaKeys appends the keys of Spanish lemmas: the content words
// of each, folded.
func spanishLemmaKeys(lemmas []string, out []string) []string {
	return appendLemmaKeys(out, lemmas, spanishStop, func(f string) string { return "s" + f })
}

func appendLemmaKeys(out, lemmas []string, stop map[string]bool, key func(string) string) []string {
	for _, l := range lemmas {
		for _, part := range strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '#' || r == '_' || r == '-' }) {
			if f := foldWord(part); len(f) >= 2 && !stop[f] {
				out = append(out, key(f))
			}
		}
	}
	return out
}

// spanishTokenKeys returns the keys a Spanish token can be matched by
// (numbers come separately, as they span tokens).
func (s *Source) spanishTokenKeys(t token, out []string) []string {
	if t.digits || spanishStop[t.fold] {
		return out
	}
	if len([]rune(t.fold)) >= 2 {
		out = append(out, "w"+t.fold)
	}
	if c := cognateKey(t.fold, true); c != "" {
		out = append(out, "c"+c)
	}
	if s.spanish != nil {
		e, ok := s.spanish[t.lower]
		if !ok {
			e = s.borrowed[t.lower]
		}
		out = lemmaKeys(e.Translations, out)
		out = spanishLemmaKeys(e.Lemmas, out)
	}
	return out
}

// borrow gives the forms the lexicon does not know the lemmas of a form of
// the same source it knows that shares a long beginning with them
// ("arancelarias", an adjective the dictionary lacks, gets those of
// "aranceles"): derived words mostly keep their root's meaning, and a
// transcript uses a family of words around one topic.
func (s *Source) borrow() {
	s.borrowed = map[string]Entry{}
	known := make([]string, 0, len(s.spanish))
	for f, e := range s.spanish {
		if len(e.Translations) > 0 {
			known = append(known, f)
		}
	}
	slices.Sort(known)
	for _, t := range s.toks {
		if t.digits || spanishStop[t.fold] || len(t.lower) < 7 {
			continue
		}
		if _, ok := s.spanish[t.lower]; ok {
			continue
		}
		if _, ok := s.borrowed[t.lower]; ok {
			continue
		}
		i, _ := slices.BinarySearch(known, t.lower)
		best, bestLen := "", 0
		for _, j := range []int{i - 1, i} {
			if j < 0 || j >= len(known) {
				continue
			}
			n := commonPrefix(known[j], t.lower)
			if n > bestLen {
				best, bestLen = known[j], n
			}
		}
		if bestLen >= 6 && 10*bestLen >= 6*min(len(best), len(t.lower)) {
			s.borrowed[t.lower] = s.spanish[best]
		} else {
			s.borrowed[t.lower] = Entry{}
		}
	}
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// index builds the keys of every token and the inverted index.
func (s *Source) index() {
	if s.spanish != nil {
		s.borrow()
	}
	s.keyID = map[string]int32{}
	s.keyType, s.df, s.post, s.tokKeys = nil, nil, nil, nil
	s.tokKeyAt = make([]int32, 1, len(s.toks)+1)
	var keys []string
	numKeys := make([][]string, len(s.toks))
	for i := range s.sents {
		in := &s.info[i]
		in.negated, in.content, in.mtKeys = false, 0, nil
		toks := s.toks[in.tok0:in.tok1]
		for _, g := range findTerms(toks, s.glossary, true) {
			for j := g.first; j <= g.last; j++ {
				numKeys[in.tok0+j] = append(numKeys[in.tok0+j], g.key)
			}
		}
		for _, n := range findNumbers(s.rs, toks, "es") {
			for _, v := range n.values {
				k := numberKey(v)
				for j := n.first; j <= n.last; j++ {
					numKeys[in.tok0+j] = append(numKeys[in.tok0+j], k)
				}
			}
		}
	}
	lastSeen := []int32{}
	for i := range s.sents {
		in := &s.info[i]
		for ti := in.tok0; ti < in.tok1; ti++ {
			t := s.toks[ti]
			if isNegation(t, false) {
				in.negated = true
			}
			if !spanishStop[t.fold] {
				in.content++
			}
			keys = s.spanishTokenKeys(t, keys[:0])
			keys = append(keys, numKeys[ti]...)
			for _, k := range keys {
				id := s.intern(k)
				s.tokKeys = append(s.tokKeys, id)
				lastSeen = s.count(id, i, lastSeen)
			}
			s.tokKeyAt = append(s.tokKeyAt, int32(len(s.tokKeys)))
		}
		if s.mt != nil && s.mt[i] != "" {
			rs := []rune(s.mt[i])
			keys = keys[:0]
			for _, t := range tokenize(rs, 0, len(rs), nil) {
				if t.digits || englishStop[t.fold] {
					continue
				}
				keys = append(keys, "e"+stem(t.fold))
				if s.english != nil {
					keys = lemmaKeys(s.english[t.lower].Lemmas, keys)
				}
			}
			for _, k := range keys {
				id := s.intern(k)
				if !slices.Contains(in.mtKeys, id) {
					in.mtKeys = append(in.mtKeys, id)
				}
				lastSeen = s.count(id, i, lastSeen)
			}
		}
	}
}

// count records that sentence i has key id, once per sentence.
func (s *Source) count(id int32, i int, lastSeen []int32) []int32 {
	for int(id) >= len(lastSeen) {
		lastSeen = append(lastSeen, -1)
	}
	if lastSeen[id] != int32(i) {
		lastSeen[id] = int32(i)
		s.df[id]++
		s.post[id] = append(s.post[id], int32(i))
	}
	return lastSeen
}

// WithGlossary returns the source matched also by the newsroom's glossary:
// a Spanish term of the source and its English rendering in a query match
// as one word, a bilingual hint that needs no dictionary ("Guardia
// Nacional" and "National Guard", "mañanera" and "morning press
// conference"). It costs what Quick costs (the index is built again); the
// source itself is left as it was.
func (s *Source) WithGlossary(terms []Term) *Source {
	c := *s
	c.info = slices.Clone(s.info)
	c.glossary = nil
	for _, t := range terms {
		if strings.TrimSpace(t.Spanish) != "" && strings.TrimSpace(t.English) != "" {
			c.glossary = append(c.glossary, t)
		}
	}
	c.index()
	return &c
}

// termMatch is where a glossary term stands in a run of tokens.
type termMatch struct {
	first, last int
	key         string
}

// findTerms returns the places of toks that hold a term of the glossary
// (its Spanish side, or its English side), word for word, folded.
func findTerms(toks []token, terms []Term, spanish bool) []termMatch {
	var out []termMatch
	for i, t := range terms {
		side := t.English
		if spanish {
			side = t.Spanish
		}
		rs := []rune(side)
		words := tokenize(rs, 0, len(rs), nil)
		if len(words) == 0 {
			continue
		}
	scan:
		for a := 0; a+len(words) <= len(toks); a++ {
			for j, w := range words {
				if toks[a+j].fold != w.fold {
					continue scan
				}
			}
			out = append(out, termMatch{first: a, last: a + len(words) - 1, key: fmt.Sprintf("g%d", i)})
		}
	}
	return out
}

// Text is the NFC text offsets refer to.
func (s *Source) Text() string { return s.text }

// Sentences are the source's sentences in order.
func (s *Source) Sentences() []Sentence { return slices.Clone(s.sents) }

// Turns are the source's speaker turns in order.
func (s *Source) Turns() []transcript.Turn { return slices.Clone(s.turns) }

// Prepared reports whether the source was prepared with a lexicon or a
// translator, not only read by Quick.
func (s *Source) Prepared() bool { return s.lexicon != "" || s.translator != "" }

// Method names what the source can be matched by: "lexicon+mt",
// "lexicon", "mt" or "numbers+names+cognates".
func (s *Source) Method() string {
	switch {
	case s.lexicon != "" && s.translator != "":
		return "lexicon+mt"
	case s.lexicon != "":
		return "lexicon"
	case s.translator != "":
		return "mt"
	}
	return MethodBasic
}

// MethodBasic is the method of a source read without tools.
const MethodBasic = "numbers+names+cognates"
