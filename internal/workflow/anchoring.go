package workflow

import (
	"strings"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// contextLen is how many code points of prefix and suffix an anchor keeps.
const contextLen = 32

// anchorAt builds the anchor of span [start, end) of text (NFC), or an error
// when the span is outside the text.
func anchorAt(field, text string, sp cotejo.Span) (*cotejo.Anchor, error) {
	r := []rune(text)
	if err := sp.Validate(field, len(r)); err != nil {
		return nil, err
	}
	return &cotejo.Anchor{Start: sp.Start, End: sp.End, Exact: string(r[sp.Start:sp.End]),
		Prefix: string(r[max(0, sp.Start-contextLen):sp.Start]), Suffix: string(r[sp.End:min(len(r), sp.End+contextLen)]),
		State: cotejo.AnchorExact}, nil
}

// locateExact finds needle in text and returns its anchor, or nil.
func locateExact(text, needle string) *cotejo.Anchor {
	if needle == "" {
		return nil
	}
	i := strings.Index(text, needle)
	if i < 0 {
		return nil
	}
	start := cotejo.RuneLen(text[:i])
	a, _ := anchorAt("", text, cotejo.Span{Start: start, End: start + cotejo.RuneLen(needle)})
	return a
}

// Reanchor finds an anchor again in a changed text: at its old position if
// the text there is unchanged, else at the one occurrence of its exact text;
// anything else is lost rather than guessed.
func Reanchor(text string, a cotejo.Anchor) cotejo.Anchor {
	r := []rune(text)
	if a.End <= len(r) && a.Start <= a.End && string(r[a.Start:a.End]) == a.Exact {
		n, _ := anchorAt("", text, cotejo.Span{Start: a.Start, End: a.End})
		return *n
	}
	if a.Exact != "" && strings.Count(text, a.Exact) == 1 {
		return *locateExact(text, a.Exact)
	}
	a.State = cotejo.AnchorLost
	return a
}
