package workflow

import (
	"context"
	"slices"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// UserUpdate is an admin's change of a person's account: nil fields stay as
// they are. Emails do not change: they are how people log in, and a new
// address is a new account.
type UserUpdate struct {
	Name     *string        `json:"name"`
	Roles    *[]cotejo.Role `json:"roles"`
	Lang     *string        `json:"lang"`
	Disabled *bool          `json:"disabled"`
}

// Users lists every account, for admins.
func (s *Service) Users(ctx context.Context, actor *cotejo.User) ([]*cotejo.User, error) {
	if err := cotejo.Can(actor, cotejo.ManageUsers, nil); err != nil {
		return nil, err
	}
	return s.store.Users(ctx)
}

// UpdateUser changes a person's name, roles, UI language or whether their
// account is disabled. A disabled account keeps its history but can no
// longer log in, and its sessions and tokens stop working at once. Cotejo
// refuses a change that would leave no enabled admin, so that the newsroom
// cannot lock itself out of its own users page.
func (s *Service) UpdateUser(ctx context.Context, actor *cotejo.User, id int64, base int, upd UserUpdate) (*cotejo.User, error) {
	if err := cotejo.Can(actor, cotejo.ManageUsers, nil); err != nil {
		return nil, err
	}
	var out *cotejo.User
	err := s.store.InTx(ctx, func(tx Tx) error {
		if err := tx.LockUsers(ctx); err != nil {
			return err
		}
		cur, err := kindUser.at(ctx, tx, id, base)
		if err != nil {
			return err
		}
		u := *cur
		if upd.Name != nil {
			u.Name = *upd.Name
		}
		if upd.Roles != nil {
			u.Roles = slices.Clone(*upd.Roles)
		}
		if upd.Lang != nil {
			u.Lang = *upd.Lang
		}
		if upd.Disabled != nil {
			u.Disabled = *upd.Disabled
		}
		if err := u.Validate(); err != nil {
			return err
		}
		u.Normalize()
		if activeAdmin(cur) && !activeAdmin(&u) {
			users, err := tx.Users(ctx)
			if err != nil {
				return err
			}
			if !slices.ContainsFunc(users, func(o *cotejo.User) bool { return o.ID != u.ID && activeAdmin(o) }) {
				return cotejo.FieldError(cotejo.CodeInvalid, "roles", "Cotejo needs at least one enabled admin; make someone else admin first.")
			}
		}
		u.UpdatedAt = s.Now()
		if err := tx.UpdateUser(ctx, &u); err != nil {
			return err
		}
		out = &u
		return s.record(ctx, tx, actor, cotejo.EntityUser, u.ID, nil, cotejo.ActionUpdate, cur, &u, cotejo.Reason{})
	})
	return out, err
}

func activeAdmin(u *cotejo.User) bool { return u.Has(cotejo.RoleAdmin) && !u.Disabled }
