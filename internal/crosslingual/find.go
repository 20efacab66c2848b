package crosslingual

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/transcript"
)

// Limits of a query.
const (
	// MaxRendering is the longest rendering read, in code points: a
	// quotation, or a paragraph with one; not an article.
	MaxRendering = 4000
	// MaxCandidates is the most candidates one query returns.
	MaxCandidates = 10
	// DefaultCandidates is what a query with no Max gets.
	DefaultCandidates = 3
	// lemmaTimeout bounds the lexicon's work on the rendering's words.
	lemmaTimeout = 2 * time.Second
)

// Strength says how sure a candidate is.
type Strength string

const (
	// Strong: the rendering's words are matched well enough that the place
	// can be taken as the original (after a look).
	Strong Strength = "strong"
	// Possible: similar words, maybe a neighbouring remark or the topic.
	Possible Strength = "possible"
)

// Query asks for the original of an English rendering.
type Query struct {
	Rendering string // the English as printed, with or without its narration
	Lang      string // the rendering's BCP 47 tag; "en" when empty
	Max       int    // candidates wanted, at most MaxCandidates; 0 means DefaultCandidates
	Speaker   string // optional: who the article says spoke ("Sheinbaum")
	Lexicon   Lexicon
}

// Result is the answer to a Query, best candidate first.
type Result struct {
	Candidates []Candidate `json:"candidates"`
	Prepared   bool        `json:"prepared"`
	Method     string      `json:"method"`
}

// Candidate is a place of the source that may be the original.
type Candidate struct {
	Start    int      `json:"start"` // code points of the NFC text
	End      int      `json:"end"`
	Exact    string   `json:"exact"`
	Score    float64  `json:"score"` // 0..1
	Strength Strength `json:"strength"`
	Speaker  string   `json:"speaker"` // the turn's speaker ("Claudia Sheinbaum Pardo"), its role for a reporter ("Pregunta"), "" when unlabelled
	Context  Context  `json:"context"`
	Matched  []Match  `json:"matched"`
}

// Context is the text just around a candidate.
type Context struct {
	Before string `json:"before"`
	After  string `json:"after"`
}

// Match is a Spanish word of a candidate that matched a word of the rendering.
type Match struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"` // the Spanish word
	Word  string `json:"word"` // the rendering's word
	Via   string `json:"via"`  // "lexicon", "number", "glossary", "word" (the same word), "cognate"
}

// Weights of the kinds of key: a number or a name is stronger evidence than
// a lemma, and a cognate key is weaker (it collides more).
var keyWeight = map[byte]float64{'#': 1.6, 'g': 1.3, 'w': 1.0, 'e': 1.0, 's': 1.0, 'c': 0.55}

// tuning holds the weights of the ranking, calibrated on testdata (see
// eval_test.go): each was varied around its value on the long transcript,
// and the figures are flat near these (within a case or two of 262).
type tuning struct {
	nameBoost     float64 // a capitalized word inside the rendering
	narrationPart float64 // a word of the narration around the quotation: the reporter's paraphrase
	mtWeight      float64 // a lemma only the translation has (no position)
	unmatchedPart float64 // weight of a word no key of the source can match, in idf(1) units
	gapPenalty    float64 // Kadane's cost of an unmatched content word in a candidate
	matchFloor    float64 // Kadane's least gain of a matched word, however common
	precisionPart float64 // how much of the score precision decides
	negationCost  float64 // the rendering negates, the candidate does not
	speakerCost   float64 // the article names another speaker
	reach         int     // content words outside a window that still let it grow to its clause
}

var tune = tuning{
	nameBoost: 1.3, narrationPart: 0.5, mtWeight: 0.8, unmatchedPart: 0.5, gapPenalty: 0.35,
	matchFloor: 0.5, precisionPart: 0.35, negationCost: 0.85, speakerCost: 0.85, reach: 4,
}

const (
	spanCandidate = 60 // spans scored in detail
	// minTrimEvidence is the fewest matched words a window needs to be
	// trimmed to; with fewer the whole span is the candidate.
	minTrimEvidence = 3
	// strongWords is the fewest rendering words a strong candidate matches:
	// a four-word quotation matching one word is no proof.
	strongWords = 3
)

// strongAt is the score from which a candidate is strong, per method: with
// fewer tools fewer words can match at all.
var strongAt = map[string]float64{"lexicon+mt": 0.5, "lexicon": 0.5, "mt": 0.45, MethodBasic: 0.35}

type qkey struct {
	id int32
	w  float64
}

type qtoken struct {
	text      string
	count     int // times the rendering has the word
	keys      []qkey
	weight    float64
	narration bool // from the narration around the quotation
}

// Find returns the places of the source that may be the original of the
// rendering, best first, strong ones only when sure. Errors are
// *cotejo.Error: CodeInvalid (empty, no words, too many candidates asked),
// CodeInvalidUTF8, CodeTooLarge (over MaxRendering), CodeInvalidLanguage (a
// bad tag), CodeUnsupportedLang (a rendering not in English, or a source
// not in Spanish). A query stores nothing.
func (s *Source) Find(ctx context.Context, q Query) (Result, error) {
	res := Result{Prepared: s.Prepared(), Method: s.Method(), Candidates: []Candidate{}}
	if err := validate(&q); err != nil {
		return res, err
	}
	quoted, narration, names := splitNarration(q.Rendering)
	if q.Speaker != "" {
		names = append(names, q.Speaker)
	}
	qtoks, negated := s.queryTokens(ctx, quoted, narration, names, q.Lexicon)
	if len(qtoks) == 0 {
		return res, cotejo.FieldError(cotejo.CodeInvalid, "rendering", "The rendering has no words to search by.")
	}
	hint := s.speakerHint(names)
	if len(s.sents) == 0 {
		return res, nil
	}
	if usesGlossary(qtoks, s) {
		res.Method += "+glossary"
	}
	cands := s.rank(qtoks, negated, hint)
	for i := range cands {
		if len(res.Candidates) == q.Max {
			break
		}
		res.Candidates = append(res.Candidates, s.candidate(cands[i], qtoks))
	}
	return res, nil
}

// usesGlossary reports whether a word of the rendering matches by a
// glossary term the source has.
func usesGlossary(qtoks []qtoken, s *Source) bool {
	for _, qt := range qtoks {
		for _, k := range qt.keys {
			if s.keyType[k.id] == 'g' {
				return true
			}
		}
	}
	return false
}

func validate(q *Query) error {
	if err := cotejo.CheckText("rendering", q.Rendering); err != nil {
		return err
	}
	if strings.TrimSpace(q.Rendering) == "" {
		return cotejo.FieldError(cotejo.CodeInvalid, "rendering", "The rendering is empty.")
	}
	if n := cotejo.RuneLen(q.Rendering); n > MaxRendering {
		return cotejo.FieldError(cotejo.CodeTooLarge, "rendering", "The rendering is %d characters long; at most %d are searched by.", n, MaxRendering)
	}
	for _, r := range q.Rendering {
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			return cotejo.FieldError(cotejo.CodeInvalid, "rendering", "The rendering holds control characters: it is not text.")
		}
	}
	if !strings.ContainsFunc(q.Rendering, isWordRune) {
		return cotejo.FieldError(cotejo.CodeInvalid, "rendering", "The rendering has no words to search by.")
	}
	if q.Max < 0 || q.Max > MaxCandidates {
		return cotejo.FieldError(cotejo.CodeInvalid, "max_candidates", "Ask for 1 to %d candidates.", MaxCandidates)
	}
	if q.Max == 0 {
		q.Max = DefaultCandidates
	}
	lang := "en"
	if strings.TrimSpace(q.Lang) != "" {
		l, err := cotejo.ParseLang("lang", q.Lang)
		if err != nil {
			return err
		}
		lang = anchor.PrimaryLang(l)
	}
	switch {
	case lang == "es":
		return cotejo.FieldError(cotejo.CodeUnsupportedLang, "lang", "The rendering is in Spanish, the source's own language: locate it instead.")
	case lang != "en":
		return cotejo.FieldError(cotejo.CodeUnsupportedLang, "lang", "Originals can be found from English renderings only, not from %q.", lang)
	case readsSpanish(q.Rendering):
		return cotejo.FieldError(cotejo.CodeUnsupportedLang, "lang", "The rendering reads as Spanish, the source's own language: locate it instead.")
	}
	return nil
}

var spanishOnly = set("el la los las que del y en por para con una es está son pero muy también porque cuando nosotros hay")
var englishOnly = set("the of and to is that for it with was on are be this have we they not will our from")

// readsSpanish reports whether a rendering said to be English is plainly
// Spanish: five or more Spanish function words, over three times the
// English ones (an English sentence naming "la Ley de Seguridad y
// Protección" is still English).
func readsSpanish(text string) bool {
	es, en := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if spanishOnly[w] {
			es++
		}
		if englishOnly[w] {
			en++
		}
	}
	return es >= 5 && es > 3*en
}

// splitNarration returns the quoted words of a rendering pasted with its
// narration ("…," Sheinbaum said), the narration around them, and the
// capitalized words of the narration, which may name the speaker. A
// rendering with no quotation marks is all quoted, less the clause that
// attributes it ("Sheinbaum said that …"). Bracketed insertions ("the
// [USMCA] review") are the reporter's words and are dropped.
func splitNarration(r string) (quoted, narration string, names []string) {
	nfc := anchor.NFC(r)
	rs := []rune(nfc)
	var long []anchor.Passage
	for _, p := range anchor.DetectPassages(nfc, "en") {
		if p.Depth != 0 {
			continue
		}
		if !p.Short {
			long = append(long, p)
		}
	}
	// Only short passages (a title, a scare-quoted term): the rendering is
	// the reporter's paraphrase, read as a whole.
	ps := long
	if len(ps) == 0 {
		q, names := dropAttribution(rs)
		return dropBrackets(q), "", names
	}
	var b, n strings.Builder
	at := 0
	for _, p := range ps {
		names = append(names, capitalized(rs[at:p.Start])...)
		n.WriteString(string(rs[at:p.Start]))
		n.WriteString(" … ")
		b.WriteString(string(rs[p.Start:p.End]))
		b.WriteString(" … ")
		at = p.End
	}
	names = append(names, capitalized(rs[at:])...)
	n.WriteString(string(rs[at:]))
	return dropBrackets(b.String()), dropBrackets(n.String()), names
}

// reporting are words of a narration that describe the speaking, not what
// was said.
var reporting = set(`president presidenta mexican mexico's spanish conference press morning reporters
news briefing daily mañanera statement remarks comments comment asked question minister secretary`)

// saying are the verbs of reported speech that attribute a rendering
// given without quotation marks ("Sheinbaum said the tax is unjust").
var saying = set(`said says say told tells added adds noted notes stressed stresses argued argues warned warns
explained explains insisted insists asserted asserts claimed claims declared declares affirmed affirms
remarked remarks emphasized emphasizes highlighted highlights urged urges announced announces reiterated
reiterates acknowledged acknowledges recalled recalls pointed points maintained maintains`)

// dropAttribution removes from a rendering without quotation marks the
// clause that attributes it: "Sheinbaum said (that) …" at its start, or
// "…, Sheinbaum said." and "…, according to Sheinbaum." at its end. The
// capitalized words of that clause are returned as possible speakers.
func dropAttribution(rs []rune) (string, []string) {
	toks := tokenize(rs, 0, len(rs), nil)
	// At the start: a verb of saying within the first ten words.
	for i := 0; i < len(toks) && i < 10; i++ {
		if !saying[toks[i].fold] {
			continue
		}
		j := i + 1
		if j < len(toks) && (toks[j].fold == "out" || toks[j].fold == "on") {
			j++ // "pointed out", "insisted on"
		}
		if j < len(toks) && toks[j].fold == "that" {
			j++
		}
		if j >= len(toks) || len(toks)-j < 3 {
			break
		}
		names := capitalized(rs[:toks[i].start])
		return string(rs[toks[j].start:]), names
	}
	// At the end: ", X said." within the last eight words after a comma.
	for i := len(toks) - 1; i >= 0 && i >= len(toks)-8; i-- {
		if !saying[toks[i].fold] && toks[i].fold != "according" {
			continue
		}
		for c := toks[i].start; c > 0; c-- {
			if rs[c-1] == ',' {
				if cut := c - 1; cotejo.RuneLen(string(rs[:cut])) > 0 {
					return string(rs[:cut]), capitalized(rs[cut:])
				}
			}
			if rs[c-1] == '.' || rs[c-1] == ';' {
				break
			}
		}
		break
	}
	return string(rs), nil
}

// capitalized returns the runs of capitalized words of rs, each as one
// name ("Culture Minister Claudia Curiel").
func capitalized(rs []rune) []string {
	var out []string
	var run []string
	flush := func() {
		if len(run) > 0 {
			out = append(out, strings.Join(run, " "))
			run = nil
		}
	}
	prevEnd := -1
	for _, t := range tokenize(rs, 0, len(rs), nil) {
		if !t.capital || englishStop[t.fold] || len(t.fold) < 2 {
			flush()
			continue
		}
		if prevEnd >= 0 && strings.TrimSpace(string(rs[prevEnd:t.start])) != "" {
			flush()
		}
		run = append(run, string(rs[t.start:t.end]))
		prevEnd = t.end
	}
	flush()
	return out
}

// dropBrackets removes what a reporter inserted in brackets into a
// rendering.
func dropBrackets(s string) string { return transcript.DropBracketed(s, '[', ']') }

// speakerHint returns the names of the narration that name a speaker of the
// source (so "Spanish" in "said in Spanish" is not taken for one).
func (s *Source) speakerHint(names []string) []string {
	var out []string
	for _, n := range names {
		// "Culture Minister Claudia Curiel": the longest tail of the run
		// that names a speaker ("Claudia Curiel"), not a word of it that
		// two speakers share ("Claudia").
		words := strings.Fields(n)
	tails:
		for i := range words {
			tail := strings.Join(words[i:], " ")
			for _, t := range s.turns {
				if transcript.SameSpeaker(tail, t) {
					out = append(out, tail)
					break tails
				}
			}
		}
	}
	return out
}

func (s *Source) idf(df int32) float64 {
	n := float64(len(s.sents))
	return math.Log((n + 1) / (float64(max(df, 1)) + 0.5))
}

// queryTokens reads the rendering's words with their keys and weights.
func (s *Source) queryTokens(ctx context.Context, text, narration string, names []string, lex Lexicon) ([]qtoken, bool) {
	rs := []rune(text + " … " + narration)
	quotedEnd := len([]rune(text))
	toks := tokenize(rs, 0, len(rs), nil)
	isName := map[string]bool{}
	for _, n := range names {
		isName[foldWord(n)] = true
	}
	negated := false
	var lemmas map[string]Entry
	if s.spanish != nil || s.english != nil {
		forms := make([]string, 0, len(toks))
		for _, t := range toks {
			if !t.digits && !englishStop[t.fold] {
				forms = append(forms, t.lower)
			}
		}
		if lex != nil {
			c, cancel := context.WithTimeout(ctx, lemmaTimeout)
			m, err := lex.English(c, forms)
			cancel()
			if err == nil {
				lemmas = m
			}
		}
		if lemmas == nil {
			lemmas = s.english // the translation's words were lemmatized when prepared
		}
	}
	// A number counts through its value, once, on its first token; the
	// rest of it (the words of "two hundred", the "million" of "1.3
	// million") is not a word of its own.
	nums := map[int][]string{}
	inNumber := map[int]bool{}
	for _, n := range findNumbers(rs, toks, "en") {
		for _, v := range n.values {
			nums[n.first] = append(nums[n.first], numberKey(v))
		}
		for j := n.first; j <= n.last; j++ {
			inNumber[j] = true
		}
	}
	terms := map[int][]string{}
	for _, g := range findTerms(toks, s.glossary, false) {
		for j := g.first; j <= g.last; j++ {
			terms[j] = append(terms[j], g.key)
		}
	}
	var out []qtoken
	var keys []string
	seen := map[string]int{}
	for i, t := range toks {
		if isNegation(t, true) {
			negated = true
		}
		keys = keys[:0]
		if nk := nums[i]; nk != nil {
			keys = append(keys, nk...)
		} else if t.digits || englishStop[t.fold] || inNumber[i] {
			continue
		} else {
			keys = append(keys, "w"+t.fold, "e"+stem(t.fold))
			if c := cognateKey(t.fold, false); c != "" {
				keys = append(keys, "c"+c)
			}
			if lemmas != nil {
				e := lemmas[t.lower]
				keys = lemmaKeys(e.Lemmas, keys)
				keys = spanishLemmaKeys(e.Translations, keys)
			}
			keys = append(keys, terms[i]...)
		}
		name := t.capital && i > 0 && !sentenceStart(rs, t.start)
		inNarration := t.start >= quotedEnd
		if inNarration && (saying[t.fold] || isName[t.fold] || reporting[t.fold]) {
			continue
		}
		if i, ok := seen[t.fold]; ok {
			out[i].count++ // a word repeated in the rendering counts once
			continue
		}
		seen[t.fold] = len(out)
		qt := qtoken{text: string(rs[t.start:t.end]), narration: inNarration, count: 1}
		best := 0.0
		for _, k := range keys {
			id, ok := s.keyID[k]
			if !ok {
				continue
			}
			w := keyWeight[k[0]] * s.idf(s.df[id])
			if name && k[0] == 'w' {
				w *= tune.nameBoost
			}
			if i := slices.IndexFunc(qt.keys, func(x qkey) bool { return x.id == id }); i >= 0 {
				qt.keys[i].w = max(qt.keys[i].w, w)
			} else {
				qt.keys = append(qt.keys, qkey{id, w})
			}
			best = max(best, w)
		}
		if best == 0 {
			best = tune.unmatchedPart * s.idf(1)
		}
		if inNarration {
			for k := range qt.keys {
				qt.keys[k].w *= tune.narrationPart
			}
			best *= tune.narrationPart
		}
		qt.weight = best
		out = append(out, qt)
	}
	return out, negated
}

func sentenceStart(rs []rune, i int) bool {
	for i > 0 {
		i--
		r := rs[i]
		if unicode.IsSpace(r) || strings.ContainsRune("\"“”'‘’«»(", r) {
			continue
		}
		return strings.ContainsRune(".!?…", r)
	}
	return true
}

// span is a scored candidate before it is written out.
type span struct {
	a, b    int // sentences [a, b]
	l, r    int // tokens [l, r] of the trimmed window
	score   float64
	strong  bool
	matched int // rendering words matched in the window
	quick   float64
}

// rank scores spans of one to three sentences of one turn and returns the
// best ones, overlapping ones merged into the better.
func (s *Source) rank(qtoks []qtoken, negated bool, hint []string) []span {
	nq := len(qtoks)
	total := 0.0
	for _, qt := range qtoks {
		total += qt.weight * float64(qt.count)
	}
	// The per-sentence best match of each rendering word.
	row := map[int32]int{}
	var m []float64
	for qi, qt := range qtoks {
		for _, k := range qt.keys {
			for _, si := range s.post[k.id] {
				r, ok := row[si]
				if !ok {
					r = len(m) / nq
					row[si] = r
					m = append(m, make([]float64, nq)...)
				}
				w := k.w
				if s.keyType[k.id] == 'e' && !s.tokenHas(int(si), k.id) {
					w *= tune.mtWeight
				}
				m[r*nq+qi] = max(m[r*nq+qi], w)
			}
		}
	}
	var spans []span
	best := make([]float64, nq)
	for si := range row {
		a := int(si)
		for b := a; b < a+3 && b < len(s.sents) && s.sents[b].Turn == s.sents[a].Turn; b++ {
			rb, ok := row[int32(b)]
			if !ok {
				continue
			}
			clear(best)
			for x := a; x <= b; x++ {
				if r, ok := row[int32(x)]; ok {
					for qi := range nq {
						best[qi] = max(best[qi], m[r*nq+qi])
					}
				}
			}
			_ = rb
			sum := 0.0
			for _, v := range best {
				sum += v
			}
			spans = append(spans, span{a: a, b: b, quick: sum / total})
		}
	}
	slices.SortFunc(spans, func(x, y span) int {
		if c := cmp.Compare(y.quick, x.quick); c != 0 {
			return c
		}
		return x.a - y.a
	})
	if len(spans) > spanCandidate {
		spans = spans[:spanCandidate]
	}
	qmap := map[int32][]int{} // key → rendering words that have it
	for qi, qt := range qtoks {
		for _, k := range qt.keys {
			qmap[k.id] = append(qmap[k.id], qi)
		}
	}
	method := s.Method()
	out := spans[:0]
	for _, sp := range spans {
		if s.detail(&sp, qtoks, qmap, total, negated, hint) {
			sp.strong = sp.score >= strongAt[method] && sp.matched >= strongWords
			out = append(out, sp)
		}
	}
	slices.SortFunc(out, func(x, y span) int {
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		return x.l - y.l
	})
	var kept []span
	for _, sp := range out {
		if !slices.ContainsFunc(kept, func(k span) bool { return s.overlap(k, sp) }) {
			kept = append(kept, sp)
		}
	}
	return kept
}

func (s *Source) overlap(x, y span) bool {
	return s.toks[x.l].start < s.toks[y.r].end && s.toks[y.l].start < s.toks[x.r].end
}

// tokenHas reports whether some word of sentence si has key id (and not
// only its translation).
func (s *Source) tokenHas(si int, id int32) bool {
	in := s.info[si]
	for _, k := range s.tokKeys[s.tokKeyAt[in.tok0]:s.tokKeyAt[in.tok1]] {
		if k == id {
			return true
		}
	}
	return false
}

// detail trims a span to its matched words and scores it: the share of the
// rendering's weight the window matches, tempered by the share of the
// window's content words that match.
func (s *Source) detail(sp *span, qtoks []qtoken, qmap map[int32][]int, total float64, negated bool, hint []string) bool {
	t0, t1 := s.info[sp.a].tok0, s.info[sp.b].tok1
	n := t1 - t0
	if n == 0 {
		return false
	}
	// The window is found by the quoted words alone (the narration may
	// paraphrase a neighbouring remark); the narration only helps the score.
	val := make([]float64, n)
	narr := make([]float64, len(qtoks))
	avg := total / float64(len(qtoks))
	for i := range n {
		ti := t0 + i
		for _, k := range s.tokKeys[s.tokKeyAt[ti]:s.tokKeyAt[ti+1]] {
			for _, qi := range qmap[k] {
				for _, qk := range qtoks[qi].keys {
					if qk.id != k {
						continue
					}
					if qtoks[qi].narration {
						narr[qi] = max(narr[qi], qk.w)
					} else {
						val[i] = max(val[i], qk.w)
					}
				}
			}
		}
	}
	// Kadane: the window with the most matched weight less a cost per
	// unmatched content word.
	bestSum, bestL, bestR := 0.0, -1, -1
	cur, curL := 0.0, 0
	for i := range n {
		t := s.toks[t0+i]
		v := 0.0
		switch {
		case val[i] > 0:
			v = min(max(val[i]/avg, tune.matchFloor), 2)
		case !spanishStop[t.fold]:
			v = -tune.gapPenalty
		}
		if cur <= 0 {
			cur, curL = 0, i
		}
		cur += v
		if cur > bestSum {
			bestSum, bestL, bestR = cur, curL, i
		}
	}
	if bestL < 0 {
		return false
	}
	bestL, bestR = s.dropRedundantEnds(t0, bestL, bestR, qtoks, qmap)
	bestL, bestR = s.dropThinEdges(sp, t0, bestL, bestR, val)
	l, r := s.extendToClause(t0, t1, t0+bestL, t0+bestR)
	if few := countMatched(val[l-t0 : r-t0+1]); few < minTrimEvidence {
		// Too little evidence to tell which part was quoted: the whole
		// sentences the window touches.
		for si := sp.a; si <= sp.b; si++ {
			in := s.info[si]
			if in.tok0 <= l && l < in.tok1 {
				l = in.tok0
			}
			if in.tok0 <= r && r < in.tok1 {
				r = in.tok1 - 1
			}
		}
	}
	l, r = s.addParaphrased(sp, l, r, qtoks, qmap)
	sp.l, sp.r = l, r
	// Coverage inside the window, with the translation of the sentences it touches.
	best := make([]float64, len(qtoks))
	// A word the rendering repeats is credited once more for each further
	// place of the window that has it ("there is confidence … there is
	// confidence").
	again := map[int]float64{}
	seenAt := map[int]int{}
	matched, content := 0, 0
	for ti := l; ti <= r; ti++ {
		if !spanishStop[s.toks[ti].fold] {
			content++
			if val[ti-t0] > 0 {
				matched++
			}
		}
		counted := map[int]bool{}
		for _, k := range s.tokKeys[s.tokKeyAt[ti]:s.tokKeyAt[ti+1]] {
			for _, qi := range qmap[k] {
				for _, qk := range qtoks[qi].keys {
					if qk.id == k && !qtoks[qi].narration {
						best[qi] = max(best[qi], qk.w)
						if !counted[qi] {
							counted[qi] = true
							seenAt[qi]++
							if seenAt[qi] > 1 && seenAt[qi] <= qtoks[qi].count {
								again[qi] += qtoks[qi].weight
							}
						}
					}
				}
			}
		}
	}
	for qi, v := range narr {
		best[qi] = max(best[qi], v)
	}
	for qi, extra := range again {
		best[qi] += extra
	}
	spanNeg := false
	for si := sp.a; si <= sp.b; si++ {
		in := s.info[si]
		if in.tok1 <= l || in.tok0 > r {
			continue
		}
		spanNeg = spanNeg || s.negatedIn(in, l, r)
		for _, k := range in.mtKeys {
			for _, qi := range qmap[k] {
				for _, qk := range qtoks[qi].keys {
					if qk.id == k {
						best[qi] = max(best[qi], qk.w*tune.mtWeight)
					}
				}
			}
		}
	}
	sum := 0.0
	sp.matched = 0
	for _, v := range best {
		sum += v
		if v > 0 {
			sp.matched++
		}
	}
	cover := sum / total
	prec := 1.0
	if content > 0 {
		prec = float64(matched) / float64(content)
	}
	score := cover * (1 - tune.precisionPart + tune.precisionPart*prec)
	if negated && !spanNeg {
		score *= tune.negationCost
	}
	if len(hint) > 0 {
		// Another named speaker, or a reporter asking (whose question
		// restates the topic in the remark's own words).
		if turn := s.sents[sp.a].Turn; turn >= 0 && (s.turns[turn].Speaker != "" || s.turns[turn].Question) &&
			!slices.ContainsFunc(hint, func(n string) bool { return transcript.SameSpeaker(n, s.turns[turn]) }) {
			score *= tune.speakerCost
		}
	}
	sp.score = min(score, 1)
	return true
}

// dropRedundantEnds narrows the window [l, r] (relative to t0) while a word
// at either end is unmatched, or matches only rendering words that another
// word of the window matches too (more often than the rendering has them):
// a second "designación" in the next sentence adds nothing the first did
// not.
func (s *Source) dropRedundantEnds(t0, l, r int, qtoks []qtoken, qmap map[int32][]int) (int, int) {
	qs := func(i int) []int {
		var out []int
		ti := t0 + i
		for _, k := range s.tokKeys[s.tokKeyAt[ti]:s.tokKeyAt[ti+1]] {
			for _, qi := range qmap[k] {
				if !qtoks[qi].narration && !slices.Contains(out, qi) {
					out = append(out, qi)
				}
			}
		}
		return out
	}
	count := map[int]int{}
	for i := l; i <= r; i++ {
		for _, qi := range qs(i) {
			count[qi]++
		}
	}
	redundant := func(i int) bool {
		for _, qi := range qs(i) {
			if count[qi] <= qtoks[qi].count {
				return false
			}
		}
		return true
	}
	drop := func(i int) {
		for _, qi := range qs(i) {
			count[qi]--
		}
	}
	// far is how far the end word at i lies from the middle of the
	// window's matched words: of two redundant ends, the farther goes.
	far := func(i int) float64 {
		sum, n := 0.0, 0
		for j := l; j <= r; j++ {
			if len(qs(j)) > 0 {
				sum += float64(j)
				n++
			}
		}
		return math.Abs(float64(i) - sum/float64(max(n, 1)))
	}
	for l < r {
		left, right := redundant(l), redundant(r)
		switch {
		case left && right && far(r) > far(l), right && !left:
			drop(r)
			r--
		case left:
			drop(l)
			l++
		default:
			return l, r
		}
	}
	return l, r
}

// dropThinEdges cuts from a window that spans sentences an end sentence
// of which it holds less than half and matches a single word: the last
// words of the previous remark ("trato digno." before "No estamos de
// acuerdo…") are a coincidence.
func (s *Source) dropThinEdges(sp *span, t0, l, r int, val []float64) (int, int) {
	for si := sp.a; si < sp.b; si++ {
		in := s.info[si]
		if t0+l >= in.tok1 || t0+r < in.tok1 {
			continue // the window does not leave this sentence at its end
		}
		if t0+l > in.tok0 && 2*(in.tok1-t0-l) < in.tok1-in.tok0 && countMatched(val[l:in.tok1-t0]) < 2 {
			l = in.tok1 - t0
		}
	}
	for si := sp.b; si > sp.a; si-- {
		in := s.info[si]
		if t0+r < in.tok0 || t0+l >= in.tok0 {
			continue
		}
		if t0+r < in.tok1-1 && 2*(r+1-(in.tok0-t0)) < in.tok1-in.tok0 && countMatched(val[in.tok0-t0:r+1]) < 2 {
			r = in.tok0 - t0 - 1
		}
	}
	for l < r && val[l] == 0 {
		l++
	}
	for r > l && val[r] == 0 {
		r--
	}
	return l, r
}

// addParaphrased widens the window [l, r] to a neighbouring sentence of the
// span that the narration paraphrases: "More than 3 million doses were
// bought and 'the vaccine will not run out'" renders two sentences, one
// quoted and one told. Two words of the narration matched in the sentence
// are needed.
func (s *Source) addParaphrased(sp *span, l, r int, qtoks []qtoken, qmap map[int32][]int) (int, int) {
	paraphrased := func(si int) bool {
		in := s.info[si]
		got := map[int]bool{}
		for ti := in.tok0; ti < in.tok1; ti++ {
			for _, k := range s.tokKeys[s.tokKeyAt[ti]:s.tokKeyAt[ti+1]] {
				for _, qi := range qmap[k] {
					if qtoks[qi].narration {
						got[qi] = true
					}
				}
			}
		}
		return len(got) >= 2
	}
	first, last := -1, -1
	for si := sp.a; si <= sp.b; si++ {
		in := s.info[si]
		if in.tok1 > l && in.tok0 <= r {
			if first < 0 {
				first = si
			}
			last = si
		}
	}
	// Within the window's own end sentences: "Homicides fell 30%, she said,
	// 'but there is still a lot of violence'" renders one sentence whose
	// first clause is told.
	narrated := func(ti int) int {
		n := 0
		for _, k := range s.tokKeys[s.tokKeyAt[ti]:s.tokKeyAt[ti+1]] {
			for _, qi := range qmap[k] {
				if qtoks[qi].narration {
					n++
				}
			}
		}
		return n
	}
	// told counts the narrated tokens from token from towards stop (not
	// included), forwards for step 1 and backwards for -1, and gives the
	// first of them (-1: none).
	told := func(from, stop, step int) (got, at int) {
		at = -1
		for ti := from; ti*step < stop*step; ti += step { // ti < stop, or ti > stop backwards
			if narrated(ti) > 0 {
				got++
				if at < 0 {
					at = ti
				}
			}
		}
		return got, at
	}
	if first >= 0 {
		if got, at := told(s.info[first].tok0, l, 1); got >= 2 {
			l = at
		}
		if got, at := told(s.info[last].tok1-1, r, -1); got >= 2 {
			r = at
		}
	}
	if first > sp.a && paraphrased(first-1) {
		l = s.info[first-1].tok0
	}
	if last >= 0 && last < sp.b && paraphrased(last+1) {
		r = s.info[last+1].tok1 - 1
	}
	return l, r
}

func countMatched(val []float64) int {
	n := 0
	for _, v := range val {
		if v > 0 {
			n++
		}
	}
	return n
}

func (s *Source) negatedIn(in sentInfo, l, r int) bool {
	for ti := max(in.tok0, l); ti < in.tok1 && ti <= r; ti++ {
		if isNegation(s.toks[ti], false) {
			return true
		}
	}
	return false
}

// extendToClause widens the window [l, r] of the tokens [t0, t1) to the
// clause it stands in when at most tune.reach content words lie outside it on
// that side: a rendering drops or rewords the odd word ("van a subir" is
// "will go up"), and the original is the whole clause.
func (s *Source) extendToClause(t0, t1, l, r int) (int, int) {
	reach := tune.reach
	content := 0
	for i := l; i > t0; i-- {
		if s.clauseBreak(s.toks[i-1].end, s.toks[i].start) {
			if content <= reach {
				l = i
			}
			break
		}
		if !spanishStop[s.toks[i-1].fold] {
			content++
		}
		if i-1 == t0 && content <= reach {
			l = t0
		}
	}
	content = 0
	for i := r; i < t1-1; i++ {
		if s.clauseBreak(s.toks[i].end, s.toks[i+1].start) {
			if content <= reach {
				r = i
			}
			break
		}
		if !spanishStop[s.toks[i+1].fold] {
			content++
		}
		if i+1 == t1-1 && content <= reach {
			r = t1 - 1
		}
	}
	return l, r
}

// clauseBreak reports whether the text between two words holds a mark that
// ends a clause.
func (s *Source) clauseBreak(a, b int) bool {
	for _, c := range s.rs[a:b] {
		if strings.ContainsRune(",;:.?!¿¡—–()\"“”«»…", c) {
			return true
		}
	}
	return false
}

// candidate writes out a span.
func (s *Source) candidate(sp span, qtoks []qtoken) Candidate {
	start, end := s.toks[sp.l].start, s.toks[sp.r].end
	c := Candidate{
		Start: start, End: end, Exact: string(s.rs[start:end]),
		Score:    math.Round(sp.score*1000) / 1000,
		Strength: Possible,
		Matched:  []Match{},
	}
	if sp.strong {
		c.Strength = Strong
	}
	if t := s.sents[sp.a].Turn; t >= 0 {
		c.Speaker = s.turns[t].Speaker
		if c.Speaker == "" {
			c.Speaker = s.turns[t].Role // "Pregunta": a reporter's turn
		}
	}
	c.Context = s.context(start, end)
	for ti := sp.l; ti <= sp.r; ti++ {
		bw, bq, bt := 0.0, -1, byte(0)
		for _, k := range s.tokKeys[s.tokKeyAt[ti]:s.tokKeyAt[ti+1]] {
			for qi, qt := range qtoks {
				for _, qk := range qt.keys {
					if qk.id == k && qk.w > bw {
						bw, bq, bt = qk.w, qi, s.keyType[k]
					}
				}
			}
		}
		if bq < 0 {
			continue
		}
		t := s.toks[ti]
		c.Matched = append(c.Matched, Match{Start: t.start, End: t.end, Text: string(s.rs[t.start:t.end]), Word: qtoks[bq].text, Via: viaName[bt]})
	}
	return c
}

var viaName = map[byte]string{'e': "lexicon", 's': "lexicon", '#': "number", 'g': "glossary", 'w': "word", 'c': "cognate"}

// context returns up to about 120 code points on each side, within the
// turn, cut at a word boundary.
func (s *Source) context(start, end int) Context {
	const width = 120
	lo, hi := 0, len(s.rs)
	if t, ok := transcript.At(s.turns, start); ok {
		lo, hi = t.Start, t.End
	}
	a := max(lo, start-width)
	if a > lo {
		for a < start && !unicode.IsSpace(s.rs[a-1]) {
			a++
		}
	}
	b := min(hi, end+width)
	if b < hi {
		for b > end && !unicode.IsSpace(s.rs[b]) {
			b--
		}
	}
	return Context{
		Before: strings.TrimLeftFunc(string(s.rs[a:start]), unicode.IsSpace),
		After:  strings.TrimRightFunc(string(s.rs[end:b]), unicode.IsSpace),
	}
}
