package workflow_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/workflow"
)

// TestApproverIsNeitherTranslatorNorVerifier: one person who holds both the
// reviewer and the editor role cannot verify a quote and then approve it
// too, unless the newsroom relaxed the rule for its small desk; then the
// approval's event says that the relaxed rule allowed it. Even relaxed, the
// translator never approves their own translation. Only admins change the
// setting, against its version, to a value it has.
func TestApproverIsNeitherTranslatorNorVerifier(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		both := f.addUser(t, &cotejo.User{Email: "desk@example.org", Name: "Desk", Roles: []cotejo.Role{cotejo.RoleReviewer, cotejo.RoleEditor}})
		admin := f.addUser(t, &cotejo.User{Email: "admin@example.org", Name: "Admin", Roles: []cotejo.Role{cotejo.RoleAdmin}})
		_, q := f.reviewed(t)
		v, err := f.move(t, f.translator, q.ID, workflow.TransitionInput{To: cotejo.QuoteTranslated})
		mustMove(t, v, err, cotejo.QuoteTranslated)
		v, err = f.move(t, both, q.ID, workflow.TransitionInput{To: cotejo.QuoteVerified})
		mustMove(t, v, err, cotejo.QuoteVerified)
		if _, err := f.move(t, both, q.ID, workflow.TransitionInput{To: cotejo.QuoteApproved}); cotejo.ErrorCode(err) != cotejo.CodeFourEyes {
			t.Fatalf("the verifier approves by default: %v", err)
		}

		// The setting: read by all, changed by admins only, against its version.
		set, err := f.svc.Settings(ctx)
		if err != nil || set.FourEyesApproval != cotejo.ApprovalStrict || set.Version != 1 {
			t.Fatalf("the default settings: %+v, %v", set, err)
		}
		relaxed := cotejo.ApprovalRelaxed
		if _, err := f.svc.UpdateSettings(ctx, f.editor, set.Version, cotejo.SettingsUpdate{FourEyesApproval: &relaxed}); cotejo.ErrorCode(err) != cotejo.CodeForbidden {
			t.Fatalf("an editor relaxes the rule: %v", err)
		}
		odd := cotejo.FourEyesApproval("nobody")
		if _, err := f.svc.UpdateSettings(ctx, admin, set.Version, cotejo.SettingsUpdate{FourEyesApproval: &odd}); cotejo.ErrorCode(err) != cotejo.CodeInvalid {
			t.Fatalf("an unknown value: %v", err)
		}
		if _, err := f.svc.UpdateSettings(ctx, admin, set.Version+1, cotejo.SettingsUpdate{FourEyesApproval: &relaxed}); cotejo.ErrorCode(err) != cotejo.CodeVersionConflict {
			t.Fatalf("a stale version: %v", err)
		}
		if set, err = f.svc.UpdateSettings(ctx, admin, set.Version, cotejo.SettingsUpdate{FourEyesApproval: &relaxed}); err != nil ||
			set.FourEyesApproval != cotejo.ApprovalRelaxed || set.Version != 2 {
			t.Fatalf("relaxing: %+v, %v", set, err)
		}
		if evs, err := f.st.Events(ctx, cotejo.EntitySettings, 0); err != nil || len(evs) != 1 || evs[0].UserID == nil || *evs[0].UserID != admin.ID {
			t.Fatalf("the change is not in the audit trail: %+v, %v", evs, err)
		}

		v, err = f.move(t, both, q.ID, workflow.TransitionInput{To: cotejo.QuoteApproved})
		mustMove(t, v, err, cotejo.QuoteApproved)
		evs := mustEvents(t, f.st, q.ID)
		var to map[string]any
		if err := json.Unmarshal(evs[len(evs)-1].To, &to); err != nil || to["four_eyes"] != "relaxed" {
			t.Fatalf("the approval's event does not say the relaxed rule allowed it: %s", evs[len(evs)-1].To)
		}

		// Relaxed or not, the translator does not approve their own work,
		// and an approval by a third person is not marked relaxed.
		_, q2 := f.reviewed(t)
		trEd := &cotejo.User{ID: f.translator.ID, Roles: []cotejo.Role{cotejo.RoleTranslator, cotejo.RoleEditor}}
		v, err = f.move(t, trEd, q2.ID, workflow.TransitionInput{To: cotejo.QuoteTranslated})
		mustMove(t, v, err, cotejo.QuoteTranslated)
		v, err = f.move(t, f.reviewer, q2.ID, workflow.TransitionInput{To: cotejo.QuoteVerified})
		mustMove(t, v, err, cotejo.QuoteVerified)
		if _, err := f.move(t, trEd, q2.ID, workflow.TransitionInput{To: cotejo.QuoteApproved}); cotejo.ErrorCode(err) != cotejo.CodeFourEyes {
			t.Fatalf("the translator approves under the relaxed rule: %v", err)
		}
		v, err = f.move(t, f.editor, q2.ID, workflow.TransitionInput{To: cotejo.QuoteApproved})
		mustMove(t, v, err, cotejo.QuoteApproved)
		evs = mustEvents(t, f.st, q2.ID)
		to = nil
		if err := json.Unmarshal(evs[len(evs)-1].To, &to); err != nil || to["four_eyes"] != nil {
			t.Fatalf("a third person's approval is marked: %s", evs[len(evs)-1].To)
		}
	})
}
