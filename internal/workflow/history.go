package workflow

import (
	"context"
	"encoding/json"
	"time"

	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
)

// HistoryEntry is one event of a quote's or an article's history as people
// read it: for an edit, only the fields that changed, with a word diff of
// each text. Before and After are the event's records whole, as typed
// values, for pages.
type HistoryEntry struct {
	ID         int64                      `json:"id"`
	At         string                     `json:"at"`
	UserID     *int64                     `json:"user_id"`
	UserName   string                     `json:"user_name,omitempty"`
	Entity     cotejo.Entity              `json:"entity"` // what the event is about: the quote, the article, a passage mark
	Action     string                     `json:"action"`
	From       map[string]any             `json:"from"`
	To         map[string]any             `json:"to"`
	Diff       map[string][]anchor.DiffOp `json:"diff"`
	Reason     cotejo.Reason              `json:"reason,omitzero"`
	ReasonCode cotejo.ReasonCode          `json:"reason_code,omitempty"`
	Before     Record                     `json:"-"`
	After      Record                     `json:"-"`
}

// EarlierRendering is the rendering an event replaced, "" when it changed
// none.
func (h HistoryEntry) EarlierRendering() string {
	if _, changed := h.From["rendering"]; !changed {
		return ""
	}
	return h.Before.RenderingText()
}

// History returns a quote's events, oldest first.
func (s *Service) History(ctx context.Context, quoteID int64) ([]HistoryEntry, error) {
	return historyOf(ctx, s, s.store.Quote, quoteID, func(ctx context.Context, id int64) ([]*cotejo.Event, error) {
		return s.store.Events(ctx, cotejo.EntityQuote, id)
	})
}

// ArticleHistory returns the events of an article, oldest first: edits,
// status changes with their reasons (also those Cotejo made, such as an
// approval taken back), sources attached, passages marked and unmarked. The
// quotes' own events are in their histories.
func (s *Service) ArticleHistory(ctx context.Context, articleID int64) ([]HistoryEntry, error) {
	return historyOf(ctx, s, s.store.Article, articleID, s.store.ArticleEvents)
}

// historyOf is the history of the thing id names: its events as list reads
// them, once read has found the thing.
func historyOf[P any](ctx context.Context, s *Service, read func(context.Context, int64) (P, error), id int64, list func(context.Context, int64) ([]*cotejo.Event, error)) ([]HistoryEntry, error) {
	evs, err := childrenOf(ctx, read, id, list)
	if err != nil {
		return nil, err
	}
	return s.entries(ctx, evs)
}

// entries turns events into history entries: for an edit, only the fields
// that changed, with a word diff of each text.
func (s *Service) entries(ctx context.Context, evs []*cotejo.Event) ([]HistoryEntry, error) {
	return withNames(ctx, s, evs, func(e *cotejo.Event, names map[int64]string) HistoryEntry {
		h := HistoryEntry{ID: e.ID, At: e.At.UTC().Format(time.RFC3339), UserID: e.UserID, Entity: e.Entity,
			Action: e.Action, Reason: e.Reason, ReasonCode: e.Reason.Code, From: map[string]any{}, To: map[string]any{},
			Diff: map[string][]anchor.DiffOp{}, Before: readRecord(e.From), After: readRecord(e.To)}
		if e.UserID != nil {
			h.UserName = names[*e.UserID]
		}
		from, to := fields(e.From, h.Before), fields(e.To, h.After)
		for k, v := range to {
			if w, ok := from[k]; !ok || !jsonEqual(v, w) {
				h.To[k] = v
				if ok {
					h.From[k] = w
				}
			}
		}
		for k, w := range from {
			if _, ok := to[k]; !ok {
				h.From[k] = w
			}
		}
		for _, k := range []string{"speaker", "evidence_note", "headline", "dek", "body", "outlet", "byline", "dateline"} {
			if a, b, ok := texts(h.From[k], h.To[k]); ok {
				h.Diff[k] = anchor.WordDiff(a, b)
			}
		}
		for _, k := range []string{"original", "rendering"} {
			if a, b, ok := texts(textOf(h.From[k]), textOf(h.To[k])); ok {
				h.Diff[k] = anchor.WordDiff(a, b)
			}
		}
		return h
	})
}

// fields is a record as the API shows it: its fields by name, the status
// reason in English as the API always gave it.
func fields(raw json.RawMessage, r Record) map[string]any {
	m := map[string]any{}
	if len(raw) == 0 {
		return m
	}
	b, _ := json.Marshal(r)
	_ = json.Unmarshal(b, &m)
	if r.StatusReason != nil {
		m["status_reason"] = r.StatusReason.Reason().English()
	}
	return m
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func textOf(v any) any {
	if m, ok := v.(map[string]any); ok {
		return m["text"]
	}
	return nil
}

func texts(a, b any) (string, string, bool) {
	x, okA := a.(string)
	y, okB := b.(string)
	if !okA && !okB {
		return "", "", false
	}
	return x, y, x != y
}
