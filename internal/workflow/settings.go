package workflow

import (
	"context"
	"strconv"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// The settings table's keys for the newsroom's settings. The settings are
// one versioned resource: settingsVersionKey counts their writes.
const (
	fourEyesKey        = "four_eyes_approval"
	settingsVersionKey = "settings_version"
)

// Settings returns the newsroom's settings; everyone who is logged in may
// read them, since they say what the rules are.
func (s *Service) Settings(ctx context.Context) (*cotejo.Settings, error) {
	return settingsOf(ctx, s.store)
}

// UpdateSettings changes the newsroom's settings, for admins, against the
// version they were read at; the change is in the audit trail.
func (s *Service) UpdateSettings(ctx context.Context, actor *cotejo.User, base int, upd cotejo.SettingsUpdate) (*cotejo.Settings, error) {
	if err := cotejo.Can(actor, cotejo.ChangeSettings, nil); err != nil {
		return nil, err
	}
	var out *cotejo.Settings
	err := s.store.InTx(ctx, func(tx Tx) error {
		cur, err := settingsOf(ctx, tx)
		if err != nil {
			return err
		}
		if err := checkBase(base, cur.Version, cur); err != nil {
			return err
		}
		next := *cur
		upd.Apply(&next)
		next.Normalize()
		if err := next.Validate(); err != nil {
			return err
		}
		if next == *cur {
			out = cur
			return nil
		}
		next.Version = cur.Version + 1
		if err := tx.SetSetting(ctx, fourEyesKey, string(next.FourEyesApproval)); err != nil {
			return err
		}
		if err := tx.SetSetting(ctx, settingsVersionKey, strconv.Itoa(next.Version)); err != nil {
			return err
		}
		out = &next
		return s.record(ctx, tx, actor, cotejo.EntitySettings, 0, nil, cotejo.ActionUpdate, cur, &next, cotejo.Reason{})
	})
	return out, err
}

// settingsOf reads the settings, with the defaults for what is unset.
func settingsOf(ctx context.Context, r Reader) (*cotejo.Settings, error) {
	var out cotejo.Settings
	v, ok, err := r.Setting(ctx, fourEyesKey)
	if err != nil {
		return nil, err
	}
	if ok {
		out.FourEyesApproval = cotejo.FourEyesApproval(v)
	}
	v, ok, err = r.Setting(ctx, settingsVersionKey)
	if err != nil {
		return nil, err
	}
	out.Version = 1
	if n, cerr := strconv.Atoi(v); ok && cerr == nil && n > 0 {
		out.Version = n
	}
	out.Normalize()
	return &out, nil
}
