package workflow

import (
	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
)

// This file is the bridge between the pure anchor package and the domain's
// Anchor values: building selectors, locating texts, re-anchoring.

// anchorAt builds the anchor of span [start, end) of text (NFC), or a
// CodeInvalid error naming field when the span is outside the text.
func anchorAt(field, text string, sp cotejo.Span) (*cotejo.Anchor, error) {
	if err := sp.Validate(field, cotejo.RuneLen(text)); err != nil {
		return nil, err
	}
	sel, err := anchor.SelectorAt(text, sp.Start, sp.End)
	if err != nil {
		return nil, cotejo.FieldError(cotejo.CodeInvalid, field, "%s is outside the text.", field)
	}
	return fromSelector(sel, cotejo.AnchorExact), nil
}

func fromSelector(s anchor.Selector, state cotejo.AnchorState) *cotejo.Anchor {
	return &cotejo.Anchor{Start: s.Start, End: s.End, Exact: s.Exact, Prefix: s.Prefix, Suffix: s.Suffix, State: state}
}

// locate finds needle in text (of language lang) and anchors the best
// candidate: exact when the text there is needle itself, approximate when it
// was found only after folding accents, case and quotation marks or with a
// few edits. nil when nothing is close enough.
func locate(text, lang, needle string) *cotejo.Anchor {
	return anchorBest(text, needle, anchor.OptionsFor(lang), anchor.Locate)
}

// locateEqual is locate without the approximate search: nil unless the
// text holds needle itself or the same words folded.
func locateEqual(text, lang, needle string) *cotejo.Anchor {
	return anchorBest(text, needle, anchor.OptionsFor(lang), anchor.LocateEqual)
}

// anchorBest anchors the best candidate that find gives for needle in text.
func anchorBest(text, needle string, opt anchor.Options, find func(text, quote string, opt anchor.Options, max int) []anchor.Candidate) *cotejo.Anchor {
	if needle == "" || text == "" {
		return nil
	}
	cands := find(text, needle, opt, 1)
	if len(cands) == 0 {
		return nil
	}
	best := cands[0]
	state := cotejo.AnchorExact
	if best.Kind != anchor.Exact || best.Exact != needle {
		state = cotejo.AnchorApproximate
	}
	sel, err := anchor.SelectorAt(text, best.Start, best.End)
	if err != nil {
		return nil
	}
	return fromSelector(sel, state)
}

// Reanchored is an anchor found again in a changed text, with the word diff
// from the old anchored text to the new one when they differ.
type Reanchored struct {
	Anchor cotejo.Anchor
	Method string
	Diff   []anchor.DiffOp
}

// Reanchor finds an anchor again in a changed text (see anchor.Reanchor):
// position first, then the exact text near the old position, then an
// approximate match supported by its context; otherwise the anchor is lost
// and keeps its old selector, so that the lost text is still shown.
func Reanchor(text string, a cotejo.Anchor) Reanchored {
	r := anchor.Reanchor(text, anchor.Selector{Start: a.Start, End: a.End, Exact: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix})
	if r.State == anchor.StateLost {
		a.State = cotejo.AnchorLost
		return Reanchored{Anchor: a}
	}
	return Reanchored{Anchor: *fromSelector(r.Selector, cotejo.AnchorState(r.State)), Method: r.Method, Diff: r.Diff}
}

// LocateInArticle returns the span of text in an article body, if it occurs.
func LocateInArticle(body, lang, text string) (cotejo.Span, bool) {
	a := locate(body, lang, cotejo.NFC(text))
	if a == nil || a.State != cotejo.AnchorExact {
		return cotejo.Span{}, false
	}
	return cotejo.Span{Start: a.Start, End: a.End}, true
}
