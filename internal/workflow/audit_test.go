package workflow_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/workflow"
)

// Events written before payloads had a version held the API's JSON of the
// values and English reasons. These are such events, as that version of
// Cotejo wrote them for a quote: created, edited after its verification
// (which sent it back to review), moved with a reason, re-anchored.
const (
	legacyCreated = `{"id":%d,"article_id":%d,"speaker":"Sheinbaum","original":{"text":"No queremos intervención.","lang":"es"},` +
		`"rendering":{"text":"We do not want intervention.","lang":"en"},"source_id":null,"source_anchor":null,"article_anchor":null,` +
		`"media":null,"evidence_note":"","status":"draft","status_reason":"","overrides":[],"translator_id":null,"translated_at":null,` +
		`"verifier_id":null,"verified_at":null,"approver_id":null,"approved_at":null,"last_editor_id":1,"version":1,` +
		`"created_at":"2025-11-18T12:30:00Z","updated_at":"2025-11-18T12:30:00Z","media_state":"","media_selector":null}`
	legacyBefore = `{"id":%d,"speaker":"Sheinbaum","original":{"text":"No queremos intervención.","lang":"es"},` +
		`"rendering":{"text":"We do not want intervention.","lang":"en"},"status":"verified","status_reason":"","overrides":[],"version":4}`
	legacyAfter = `{"id":%d,"speaker":"Claudia Sheinbaum","original":{"text":"No queremos intervención.","lang":"es"},` +
		`"rendering":{"text":"We want no intervention.","lang":"en"},"status":"needs_review",` +
		`"status_reason":"changed after verification: speaker, rendering","overrides":[],"version":5}`
)

// TestHistoryReadsLegacyEvents: the history reads events of the older
// payload version (1) as it reads new ones: what changed, with word diffs,
// the earlier rendering, the statuses, and Cotejo's own reasons by code;
// the events written now carry the audit's own payload (version 2), whose
// names are the audit's, not the API's.
func TestHistoryReadsLegacyEvents(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		a := f.article(t, "“We want no intervention.”")
		q, err := f.svc.CreateQuote(ctx, f.translator, a.ID, workflow.QuoteInput{Speaker: "S", Original: cotejo.LangText{Text: "x", Lang: "es"},
			Rendering: cotejo.LangText{Text: "We want no intervention."}})
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := f.st.Events(ctx, cotejo.EntityQuote, q.ID)
		if err != nil || len(fresh) != 1 || fresh[0].Payload != workflow.PayloadVersion {
			t.Fatalf("a new event: %+v, %v", fresh, err)
		}
		var keys map[string]any
		if err := json.Unmarshal(fresh[0].To, &keys); err != nil {
			t.Fatal(err)
		}
		for _, apiOnly := range []string{"id", "article_id", "version", "created_at", "media_selector", "last_editor_id"} {
			if _, ok := keys[apiOnly]; ok {
				t.Errorf("the new payload holds the API's %q: %s", apiOnly, fresh[0].To)
			}
		}
		legacy := []struct {
			action, from, to, reason string
		}{
			{cotejo.ActionCreate, "", fmt.Sprintf(legacyCreated, q.ID, a.ID), ""},
			{cotejo.ActionUpdate, fmt.Sprintf(legacyBefore, q.ID), fmt.Sprintf(legacyAfter, q.ID), "changed after verification: speaker, rendering"},
			{cotejo.ActionTransition, `{"status":"needs_review"}`, `{"status":"rejected"}`, "the name is wrong"},
			{cotejo.ActionReanchor, `{"status":"verified"}`, `{"status":"needs_review"}`, "article text changed: the quote's anchor is approximate"},
		}
		err = f.st.Tx(ctx, func(tx *store.Tx) error {
			for _, l := range legacy {
				e := &cotejo.Event{At: clock, UserID: &f.translator.ID, Entity: cotejo.EntityQuote, EntityID: q.ID, ArticleID: &a.ID,
					Action: l.action, Reason: cotejo.Said(l.reason), Payload: workflow.PayloadLegacy}
				if l.from != "" {
					e.From = json.RawMessage(l.from)
				}
				e.To = json.RawMessage(l.to)
				if err := tx.AddEvent(ctx, e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		hist, err := f.svc.History(ctx, q.ID)
		if err != nil || len(hist) != 5 {
			t.Fatalf("history: %d entries, %v", len(hist), err)
		}
		created, edited, moved, reanchored := hist[1], hist[2], hist[3], hist[4]
		if created.To["speaker"] != "Sheinbaum" || created.After.RenderingText() != "We do not want intervention." || created.To["version"] != nil {
			t.Errorf("the legacy creation: to %v", created.To)
		}
		if !slices.Equal(keysOf(edited.To), []string{"rendering", "speaker", "status", "status_reason"}) {
			t.Errorf("the legacy edit changed %v, want rendering, speaker, status, status_reason", keysOf(edited.To))
		}
		if edited.EarlierRendering() != "We do not want intervention." || len(edited.Diff["rendering"]) == 0 || len(edited.Diff["speaker"]) == 0 {
			t.Errorf("the legacy edit's rendering and diffs: %q %v", edited.EarlierRendering(), edited.Diff)
		}
		if r := edited.After.StatusReason.Reason(); r.Code != cotejo.ReasonChangedAfterVerification || r.Text != "speaker,rendering" {
			t.Errorf("the status reason of the legacy edit: %+v", r)
		}
		if edited.Reason != cotejo.Because(cotejo.ReasonChangedAfterVerification, "speaker", "rendering") || edited.ReasonCode != cotejo.ReasonChangedAfterVerification {
			t.Errorf("the legacy edit's reason: %+v", edited.Reason)
		}
		if moved.Before.Status != "needs_review" || moved.After.Status != "rejected" || moved.Reason != cotejo.Said("the name is wrong") {
			t.Errorf("the legacy move: %+v → %+v, %+v", moved.Before.Status, moved.After.Status, moved.Reason)
		}
		if reanchored.Reason != cotejo.Because(cotejo.ReasonArticleAnchor, "approximate") {
			t.Errorf("the legacy re-anchor's reason: %+v", reanchored.Reason)
		}
		// The API says reasons in English, whichever version wrote them.
		b, _ := json.Marshal(edited)
		if !strings.Contains(string(b), `"reason":"changed after verification: speaker, rendering"`) ||
			!strings.Contains(string(b), `"reason_code":"changed_after_verification"`) {
			t.Errorf("the legacy edit in the API: %s", b)
		}
	})
}

func keysOf(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
