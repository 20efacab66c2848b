package workflow_test

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/workflow"
)

// The harness of the package's tests: a fresh database (SQLite, and
// PostgreSQL when configured), a service over it on a clock the test
// holds, and one person of each role of the desk.

// clock is where the fixtures' clocks start.
var clock = time.Date(2025, 11, 18, 12, 30, 0, 0, time.UTC)

type fixture struct {
	svc                          *workflow.Service
	st                           *store.Store
	translator, reviewer, editor *cotejo.User
	// now is the time of the service's clock; a test moves it on, between
	// calls of the service.
	now time.Time
}

// each runs test once for every dialect, each time with a fresh fixture
// whose service has opts.
func each(t *testing.T, test func(t *testing.T, ctx context.Context, f *fixture), opts ...workflow.Option) {
	t.Helper()
	storetest.Each(t, func(t *testing.T, st *store.Store) { test(t, context.Background(), newFixture(t, st, opts...)) })
}

// onSQLite is a fresh fixture over SQLite alone, for the tests whose
// subject is not the database.
func onSQLite(t *testing.T, opts ...workflow.Option) *fixture {
	t.Helper()
	return newFixture(t, storetest.Open(t, store.SQLite), opts...)
}

func newFixture(t *testing.T, st *store.Store, opts ...workflow.Option) *fixture {
	t.Helper()
	f := &fixture{st: st, now: clock}
	opts = append([]workflow.Option{workflow.WithClock(func() time.Time { return f.now }), workflow.WithBcryptCost(bcrypt.MinCost)}, opts...)
	f.svc = workflow.New(st, opts...)
	f.translator, f.reviewer, f.editor = f.user(t, cotejo.RoleTranslator), f.user(t, cotejo.RoleReviewer), f.user(t, cotejo.RoleEditor)
	return f
}

// user adds an account with role, named after it.
func (f *fixture) user(t *testing.T, role cotejo.Role) *cotejo.User {
	t.Helper()
	return f.addUser(t, &cotejo.User{Email: string(role) + "@example.org", Name: string(role), Roles: []cotejo.Role{role}})
}

// addUser creates the account u, with the fixtures' password.
func (f *fixture) addUser(t *testing.T, u *cotejo.User) *cotejo.User {
	t.Helper()
	if err := f.svc.CreateUser(context.Background(), nil, u, "a long enough password"); err != nil {
		t.Fatal(err)
	}
	return u
}

// drain has worker do the queued jobs until none is left.
func (f *fixture) drain(t *testing.T, worker string) {
	t.Helper()
	for {
		did, err := f.svc.WorkOnce(context.Background(), worker)
		if err != nil {
			t.Fatal(err)
		}
		if !did {
			return
		}
	}
}

func (f *fixture) article(t *testing.T, body string) *cotejo.Article {
	t.Helper()
	a := &cotejo.Article{Headline: "H", Body: body, Language: "en"}
	if err := f.svc.CreateArticle(context.Background(), f.editor, a); err != nil {
		t.Fatal(err)
	}
	return a
}
