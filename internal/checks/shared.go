package checks

import (
	"sync"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/transcript"
)

// Version names the checks' behaviour. Callers that store findings keep it
// in the fingerprint of what the findings were computed from, so that a
// release that changes a check makes every stored finding stale at once.
// Bump it with any change that can change a finding.
const Version = "2026-12-02.1"

// Text is a long text that many quotes are checked against (an article body,
// a source transcript), prepared once: its NFC code points, and, the first
// time a check needs them, its folded forms with their search indexes and
// its words. Checking the hundreds of quotes of one article against one
// Text folds the body and the source once, instead of once per quote.
//
// A Text is safe for concurrent use. Pass it as Input.Body or Input.Source.
type Text struct {
	s string
	r []rune

	strict, light lazyFold
	wordsOnce     sync.Once
	words         []token
	turnsOnce     sync.Once
	turns         []transcript.Turn
}

type lazyFold struct {
	once sync.Once
	f    folded
	find *finder
}

// NewText prepares s, which may be in any normalization form.
func NewText(s string) *Text {
	s = anchor.NFC(s)
	return &Text{s: s, r: []rune(s)}
}

// String returns the NFC text.
func (t *Text) String() string { return t.s }

// folded returns the text folded with diacritics removed (strict) or kept,
// with a finder over it; each is built once.
func (t *Text) folded(stripMarks bool) (folded, *finder) {
	l := &t.light
	if stripMarks {
		l = &t.strict
	}
	l.once.Do(func() {
		l.f = fold(t.r, stripMarks)
		l.find = newFinder(l.f.r)
	})
	return l.f, l.find
}

// wordTokens returns the text's words (its tokens without punctuation),
// built once.
func (t *Text) wordTokens() []token {
	t.wordsOnce.Do(func() { t.words = words(tokenize(t.r)) })
	return t.words
}

// speakerTurns returns the text's speaker turns, read from its labels once.
func (t *Text) speakerTurns() []transcript.Turn {
	t.turnsOnce.Do(func() { t.turns = transcript.Turns(t.s) })
	return t.turns
}

// textOf returns t when the caller prepared it, else a Text of s for this
// one call.
func textOf(t *Text, s string) *Text {
	if t != nil {
		return t
	}
	return NewText(s)
}

// WordKey reduces a text to its folded words (case, accents, quotation
// marks, punctuation and spacing ignored): two originals with the same key
// are the same words, which is what the consistency check compares. Callers
// store it (or a hash of it) to find such quotes by index.
func WordKey(s string) string { return wordKey(s) }
