package workflow_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/workflow"
)

// TestAdminManagesUsers: only admins change accounts; a disabled account
// loses its session and token at once; the last enabled admin stays one;
// a stale version overwrites nothing; each change is in the audit trail.
func TestAdminManagesUsers(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		admin := f.addUser(t, &cotejo.User{Email: "admin@example.org", Name: "Admin", Roles: []cotejo.Role{cotejo.RoleAdmin}})
		if _, err := f.svc.Users(ctx, f.editor); cotejo.ErrorCode(err) != cotejo.CodeForbidden {
			t.Fatalf("an editor lists users: %v", err)
		}
		roles := []cotejo.Role{cotejo.RoleAdmin}
		if _, err := f.svc.UpdateUser(ctx, f.editor, f.editor.ID, 0, workflow.UserUpdate{Roles: &roles}); cotejo.ErrorCode(err) != cotejo.CodeForbidden {
			t.Fatalf("an editor makes themself admin: %v", err)
		}

		// Roles and name change; the trail says what they were.
		roles = []cotejo.Role{cotejo.RoleReviewer, cotejo.RoleTranslator}
		name := "  Revisora Núñez "
		u, err := f.svc.UpdateUser(ctx, admin, f.reviewer.ID, f.reviewer.Version, workflow.UserUpdate{Name: &name, Roles: &roles})
		if err != nil {
			t.Fatal(err)
		}
		if u.Name != "Revisora Núñez" || !u.Has(cotejo.RoleTranslator) || u.Version != f.reviewer.Version+1 {
			t.Fatalf("updated user = %+v", u)
		}
		evs, err := f.st.Events(ctx, cotejo.EntityUser, f.reviewer.ID)
		if err != nil || len(evs) == 0 || evs[len(evs)-1].UserID == nil || *evs[len(evs)-1].UserID != admin.ID || evs[len(evs)-1].Action != cotejo.ActionUpdate {
			t.Fatalf("events = %+v, %v", evs, err)
		}

		// A stale version overwrites nothing and returns the current account.
		other := "Someone else"
		_, err = f.svc.UpdateUser(ctx, admin, f.reviewer.ID, f.reviewer.Version, workflow.UserUpdate{Name: &other})
		if e := cotejo.AsError(err); e == nil || e.Code != cotejo.CodeVersionConflict {
			t.Fatalf("stale update: %v", err)
		} else if cur, ok := cotejo.Current[*cotejo.User](err); !ok || cur.Name != "Revisora Núñez" {
			t.Fatalf("conflict details = %#v", e.Details)
		}

		// Disabling ends what the person had open.
		secret, err := f.svc.NewSession(ctx, f.translator.ID)
		if err != nil {
			t.Fatal(err)
		}
		tok, _, err := f.svc.CreateToken(ctx, f.translator, "cat tool")
		if err != nil {
			t.Fatal(err)
		}
		yes := true
		if _, err := f.svc.UpdateUser(ctx, admin, f.translator.ID, 0, workflow.UserUpdate{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SessionUser(ctx, secret); cotejo.ErrorCode(err) != cotejo.CodeUnauthorized {
			t.Fatalf("session of a disabled account: %v", err)
		}
		if _, err := f.svc.TokenUser(ctx, tok); cotejo.ErrorCode(err) != cotejo.CodeUnauthorized {
			t.Fatalf("token of a disabled account: %v", err)
		}
		if _, err := f.svc.Login(ctx, f.translator.Email, "a long enough password", "192.0.2.1"); err == nil {
			t.Fatal("a disabled account logged in")
		}

		// The last enabled admin cannot stop being one, nor be disabled.
		editorOnly := []cotejo.Role{cotejo.RoleEditor}
		for what, upd := range map[string]workflow.UserUpdate{"drop the role": {Roles: &editorOnly}, "disable": {Disabled: &yes}} {
			if _, err := f.svc.UpdateUser(ctx, admin, admin.ID, 0, upd); cotejo.ErrorCode(err) != cotejo.CodeInvalid {
				t.Fatalf("the last admin: %s: %v", what, err)
			}
		}
		// With a second admin, it can.
		both := []cotejo.Role{cotejo.RoleEditor, cotejo.RoleAdmin}
		if _, err := f.svc.UpdateUser(ctx, admin, f.editor.ID, 0, workflow.UserUpdate{Roles: &both}); err != nil {
			t.Fatal(err)
		}
		if u, err := f.svc.UpdateUser(ctx, admin, admin.ID, 0, workflow.UserUpdate{Roles: &editorOnly}); err != nil || u.Has(cotejo.RoleAdmin) {
			t.Fatalf("handing over admin: %+v, %v", u, err)
		}
		newAdmin, err := f.st.User(ctx, f.editor.ID) // as the next request loads them
		if err != nil {
			t.Fatal(err)
		}
		none := []cotejo.Role{}
		if _, err := f.svc.UpdateUser(ctx, newAdmin, f.translator.ID, 0, workflow.UserUpdate{Roles: &none}); cotejo.ErrorCode(err) != cotejo.CodeInvalid {
			t.Fatalf("an account without roles: %v", err)
		}
	})
}

// TestLastAdminUnderConcurrency: two admins disable each other at the same
// moment, many times over; one of them must always remain enabled.
func TestLastAdminUnderConcurrency(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		yes, no := true, false
		admins := make([]*cotejo.User, 2)
		for i := range admins {
			admins[i] = f.addUser(t, &cotejo.User{Email: fmt.Sprintf("admin%d@example.org", i), Name: "Admin", Roles: []cotejo.Role{cotejo.RoleAdmin}})
		}
		for round := range 15 {
			errs := make([]error, 2)
			var wg sync.WaitGroup
			for i := range admins {
				wg.Go(func() {
					_, errs[i] = f.svc.UpdateUser(ctx, admins[i], admins[1-i].ID, 0, workflow.UserUpdate{Disabled: &yes})
				})
			}
			wg.Wait()
			users, err := f.st.Users(ctx)
			if err != nil {
				t.Fatal(err)
			}
			enabled := 0
			for _, u := range users {
				if u.Has(cotejo.RoleAdmin) && !u.Disabled {
					enabled++
					if _, err := f.svc.UpdateUser(ctx, u, admins[0].ID+admins[1].ID-u.ID, 0, workflow.UserUpdate{Disabled: &no}); err != nil {
						t.Fatal(err)
					}
				}
			}
			if enabled != 1 || (errs[0] == nil) == (errs[1] == nil) {
				t.Fatalf("round %d: %d enabled admins left; errors %v", round, enabled, errs)
			}
		}
	})
}
