package workflow

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/transcript"
)

// Reading a long source where a person works on a quote: a concordance of
// the source (every place a phrase stands, with its sentence and speaker,
// folded as locating folds), a part of its text around a place, and who
// speaks at a place. A page shows a three-hour transcript around the quote
// and searches it, rather than carrying all of it.

// Hit is one place a searched phrase stands in a source: the span found,
// how it matched, the sentence around it (Before and After are the rest of
// that sentence, cut to about a line), and the turn's speaker.
type Hit struct {
	Start   int         `json:"start"`
	End     int         `json:"end"`
	Exact   string      `json:"exact"`
	Kind    anchor.Kind `json:"kind"`
	Speaker string      `json:"speaker"`
	Context HitContext  `json:"context"`
}

// HitContext is the text of a hit's sentence around it.
type HitContext struct {
	Before string `json:"before"`
	After  string `json:"after"`
}

// MaxHits bounds the places a concordance lists.
const MaxHits = 200

// contextLen bounds each side of a hit's context, in code points: about a
// line of a narrow pane.
const contextLen = 90

// Concordance lists, in text order, up to max places where query stands in
// a source text of language lang: exact matches and the same words with
// other accents, case, quotation marks or spacing (as anchor.LocateEqual
// folds). more says that the text holds more than max.
func Concordance(text, lang, query string, max int) (hits []Hit, more bool) {
	query = strings.TrimSpace(cotejo.NFC(query))
	if query == "" || text == "" || max < 1 {
		return nil, false
	}
	found := anchor.LocateEqual(text, query, anchor.OptionsFor(lang), max+1)
	if len(found) > max {
		found, more = found[:max], true
	}
	slices.SortFunc(found, func(a, b anchor.Candidate) int { return a.Start - b.Start })
	rs := []rune(cotejo.NFC(text))
	turns := transcript.Turns(text)
	for _, c := range found {
		lo := 0
		if t, ok := transcript.At(turns, c.Start); ok {
			lo = t.Start // the context starts after the turn's label
		}
		hits = append(hits, Hit{Start: c.Start, End: c.End, Exact: c.Exact, Kind: c.Kind,
			Speaker: SpeakerIn(turns, c.Start), Context: ContextOf(rs, lo, c.Start, c.End)})
	}
	return hits, more
}

// SearchSource is Concordance over the source with id.
func (s *Service) SearchSource(ctx context.Context, id int64, query string, max int) ([]Hit, bool, error) {
	if err := cotejo.CheckText("q", query); err != nil {
		return nil, false, err
	}
	if strings.TrimSpace(query) == "" {
		return nil, false, cotejo.FieldError(cotejo.CodeInvalid, "q", "Give the words to search for.")
	}
	if cotejo.RuneLen(query) > cotejo.MaxQuoteLen {
		return nil, false, cotejo.FieldError(cotejo.CodeInvalid, "q", "The words to search for are longer than %d characters.", cotejo.MaxQuoteLen)
	}
	if max <= 0 || max > MaxHits {
		max = MaxHits
	}
	src, err := s.store.Source(ctx, id)
	if err != nil {
		return nil, false, err
	}
	hits, more := Concordance(src.Text, src.Language, query, max)
	if hits == nil {
		hits = []Hit{}
	}
	return hits, more, nil
}

// SpeakerIn names who speaks at offset of a text whose turns are given:
// the turn's speaker, or its role for an unnamed questioner; "" outside
// any labelled turn.
func SpeakerIn(turns []transcript.Turn, offset int) string {
	t, ok := transcript.At(turns, offset)
	if !ok || t.LabelStart == t.Start {
		return ""
	}
	if t.Speaker != "" {
		return t.Speaker
	}
	return t.Role
}

// ContextOf is the rest of the sentence around [start, end) of rs, each
// side cut to contextLen code points at a word, with "…" where it was cut,
// and starting no earlier than lo (where a speaker's words start).
func ContextOf(rs []rune, lo, start, end int) HitContext {
	from := start
	for from > lo && start-from < contextLen && !sentenceEndsBefore(rs, from) {
		from--
	}
	to := end
	for to < len(rs) && to-end < contextLen && !sentenceEndsAt(rs, to) {
		to++
	}
	before, after := string(rs[from:start]), string(rs[end:to])
	if start-from >= contextLen {
		if i := strings.IndexFunc(before, unicode.IsSpace); i >= 0 {
			before = before[i+1:]
		}
		before = "…" + before
	}
	if to-end >= contextLen {
		if i := strings.LastIndexFunc(after, unicode.IsSpace); i >= 0 {
			after = after[:i]
		}
		after += "…"
	}
	return HitContext{Before: strings.TrimLeft(before, " \n\t"), After: strings.TrimRight(after, " \n\t")}
}

// sentenceEndsBefore reports whether a sentence ends just before rs[i]:
// rs[i-1] ends a line, or rs[i-1] is a space after a sentence's end.
func sentenceEndsBefore(rs []rune, i int) bool {
	if rs[i-1] == '\n' {
		return true
	}
	return unicode.IsSpace(rs[i-1]) && i >= 2 && strings.ContainsRune(".?!…", rs[i-2])
}

// sentenceEndsAt reports whether a sentence ends with rs[i-1], so that
// rs[i] belongs to the next: a line break, or the end mark before a space.
func sentenceEndsAt(rs []rune, i int) bool {
	if rs[i] == '\n' {
		return true
	}
	return i > 0 && strings.ContainsRune(".?!…", rs[i-1]) && unicode.IsSpace(rs[i])
}

// Excerpt is a part of a source's text: the code points [Start, End) of a
// text of Length code points.
type Excerpt struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Length int    `json:"length"`
	Text   string `json:"text"`
}

// MaxExcerpt bounds an excerpt, in code points: a few pages of transcript.
const MaxExcerpt = 20_000

// ExcerptOf returns [start, end) of an NFC text, widened to whole lines
// when a line break lies within slack code points (so that a pane starts
// and ends at paragraph edges), and at most MaxExcerpt long.
func ExcerptOf(rs []rune, start, end, slack int) Excerpt {
	start, end = max(start, 0), min(end, len(rs))
	if end < start {
		end = start
	}
	for i := start; i > 0 && start-i < slack; i-- {
		if rs[i-1] == '\n' {
			start = i
			break
		}
		if i-1 == 0 {
			start = 0
		}
	}
	for i := end; i < len(rs) && i-end < slack; i++ {
		if rs[i] == '\n' {
			end = i
			break
		}
		if i+1 == len(rs) {
			end = len(rs)
		}
	}
	end = min(end, start+MaxExcerpt)
	return Excerpt{Start: start, End: end, Length: len(rs), Text: string(rs[start:end])}
}

// SourceExcerpt returns the part [start, end) of a source's text, for a
// pane that shows a long source around a place; a span outside the text,
// or longer than MaxExcerpt, is refused.
func (s *Service) SourceExcerpt(ctx context.Context, id int64, start, end int) (*Excerpt, error) {
	src, err := s.store.Source(ctx, id)
	if err != nil {
		return nil, err
	}
	rs := []rune(src.Text)
	if err := (cotejo.Span{Start: start, End: end}).Validate("span", len(rs)); err != nil {
		return nil, err
	}
	if end-start > MaxExcerpt {
		return nil, cotejo.FieldError(cotejo.CodeInvalid, "end", "An excerpt is at most %d characters.", MaxExcerpt)
	}
	e := ExcerptOf(rs, start, end, 0)
	return &e, nil
}
