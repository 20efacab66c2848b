package pages

import (
	"strings"
	"unicode"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/workflow"
)

// How a page shows a history: each event with its name, the status it
// moved, word diffs of the texts it changed, and the other fields by name.

// diffField is one field compared: ops of a word diff.
type diffField struct {
	Label string
	Ops   []anchor.DiffOp
}

// fieldPair is one field of a refused form: its label, what was typed and
// what is saved.
type fieldPair struct{ label, mine, theirs string }

// diffFields diffs, word by word, the fields that differ. A long stretch
// that did not change (most of an article's body) is cut to the words next
// to the changes, so that the box shows what changed, not the text again.
func diffFields(fs ...fieldPair) []diffField {
	var out []diffField
	for _, f := range fs {
		if f.mine != f.theirs {
			out = append(out, diffField{Label: f.label, Ops: elide(anchor.WordDiff(f.mine, f.theirs), diffContext)})
		}
	}
	return out
}

// diffContext is how many unchanged words a diff keeps beside a change.
const diffContext = 12

// elide cuts each unchanged stretch of ops to its keep words next to a
// change, with "…" for what it leaves out: the first words of a stretch
// that follows a change, the last of one that precedes a change.
func elide(ops []anchor.DiffOp, keep int) []anchor.DiffOp {
	out := make([]anchor.DiffOp, 0, len(ops))
	for i, op := range ops {
		if op.Op != anchor.OpEqual {
			out = append(out, op)
			continue
		}
		words := wordStarts(op.Text)
		head, tail := 0, 0 // the words kept at the stretch's start and end
		if i > 0 {
			head = keep
		}
		if i < len(ops)-1 {
			tail = keep
		}
		if len(words) <= head+tail+2 {
			out = append(out, op)
			continue
		}
		var b strings.Builder
		if head > 0 {
			b.WriteString(op.Text[:words[head]])
		}
		b.WriteString("…")
		if tail > 0 {
			b.WriteString(" " + op.Text[words[len(words)-tail]:])
		}
		out = append(out, anchor.DiffOp{Op: anchor.OpEqual, Text: b.String()})
	}
	return out
}

// wordStarts returns the byte offsets where the words of s begin.
func wordStarts(s string) []int {
	var starts []int
	space := true
	for i, r := range s {
		if unicode.IsSpace(r) {
			space = true
		} else if space {
			starts = append(starts, i)
			space = false
		}
	}
	return starts
}

// historyRow is one entry of the history.
type historyRow struct {
	workflow.HistoryEntry
	Label     string
	FromState string
	ToState   string
	Diffs     []diffField
	Other     []string // other fields that changed
	Overrides []string // warnings let stand by this move
	Restore   string   // an earlier rendering that can be restored
	Relaxed   bool     // an approval by the verifier, which the relaxed four-eyes setting allowed
	Passage   string   // the passage a not-a-quote mark is about (article history)
}

// historyBase is what every history row shows, a quote's or an article's:
// the action's name and the status it moved, if it moved one.
func historyBase(h workflow.HistoryEntry) historyRow {
	r := historyRow{HistoryEntry: h, Label: actionLabels[h.Action]}
	if r.Label == "" {
		r.Label = h.Action
	}
	if h.Action != cotejo.ActionCreate && h.Action != cotejo.ActionComment {
		r.FromState, r.ToState = string(h.Before.Status), string(h.After.Status)
	}
	return r
}

// newHistoryRow prepares one history entry of quote q: the status it
// moved, the word diffs of the texts, the other fields it changed, and the
// earlier rendering it replaced, which can be restored.
func newHistoryRow(h workflow.HistoryEntry, q *cotejo.Quote) historyRow {
	r := historyBase(h)
	for _, k := range []string{"speaker", "original", "rendering", "evidence_note"} {
		if ops := h.Diff[k]; len(ops) > 0 {
			r.Diffs = append(r.Diffs, diffField{Label: changeLabels[k], Ops: ops})
		}
	}
	if h.Action == cotejo.ActionUpdate {
		for _, k := range []string{"source_id", "source_anchor", "article_anchor", "media"} {
			if _, ok := h.To[k]; ok {
				r.Other = append(r.Other, changeLabels[k])
			}
		}
	}
	if h.Action == cotejo.ActionTransition {
		r.Relaxed = h.After.FourEyes == string(cotejo.ApprovalRelaxed)
		r.Overrides = h.After.OverrideCodes()
	}
	if t := h.EarlierRendering(); t != "" && t != q.Rendering.Text {
		r.Restore = t
	}
	return r
}

// newArticleHistoryRow prepares one event of an article's history: the status
// it moved, the headline's word diff, the other fields it changed, the
// passage a mark is about.
func newArticleHistoryRow(h workflow.HistoryEntry) historyRow {
	r := historyBase(h)
	switch {
	case h.Entity == cotejo.EntityPassage:
		r.Passage = h.After.PassageText()
	case h.Action == cotejo.ActionUpdate:
		if ops := h.Diff["headline"]; len(ops) > 0 {
			r.Diffs = append(r.Diffs, diffField{Label: "Headline", Ops: ops})
		}
		for _, k := range []string{"dek", "body", "outlet", "byline", "dateline", "language"} {
			if _, ok := h.To[k]; ok {
				r.Other = append(r.Other, fieldKeys[k])
			}
		}
	}
	return r
}

// ReasonText is a reason in the page's language: Cotejo's own by its code,
// with what it names (the fields that changed, the state of an anchor), a
// person's as they typed it.
func (p *Page) ReasonText(r cotejo.Reason) string {
	info, ok := r.Code.Info()
	if !ok {
		return r.Text
	}
	switch r.Code {
	case cotejo.ReasonChangedAfterVerification:
		fields := strings.Split(r.Text, ",")
		for i, f := range fields {
			fields[i] = label(p, changeLabels, strings.TrimSpace(f))
		}
		return p.T(info.Label, strings.Join(fields, ", "))
	case cotejo.ReasonArticleAnchor, cotejo.ReasonSourceAnchor:
		return p.T(info.Label, p.AnchorLabel(cotejo.AnchorState(r.Text)))
	}
	var args []any
	for _, part := range r.Parts() {
		args = append(args, part)
	}
	return p.T(info.Label, args...)
}
