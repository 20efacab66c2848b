package workflow_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/workflow"
)

// TestLoginTimeSaysNothingOfTheEmail: a wrong password takes as long for an
// email nobody has as for a real account, so the answer's delay does not
// tell which emails exist. The two are timed alternately, each attempt on
// its own account from its own address (so no throttle answers early), and their medians compared as a
// ratio, which a busy machine slows alike.
func TestLoginTimeSaysNothingOfTheEmail(t *testing.T) {
	ctx := context.Background()
	// A real cost (not the tests' minimum), low enough to stay quick.
	const cost = 8
	svc := workflow.New(storetest.Open(t, store.SQLite), workflow.WithBcryptCost(cost))
	const rounds = 9
	for i := 1; i <= rounds; i++ {
		u := &cotejo.User{Email: fmt.Sprintf("ana%d@example.org", i), Name: "Ana", Roles: []cotejo.Role{cotejo.RoleReviewer}}
		if err := svc.CreateUser(ctx, nil, u, "a long enough password"); err != nil {
			t.Fatal(err)
		}
	}
	attempt := func(email string, i int) time.Duration {
		start := time.Now()
		_, err := svc.Login(ctx, email, "not the password", fmt.Sprintf("198.51.100.%d", i))
		d := time.Since(start)
		if cotejo.ErrorCode(err) != cotejo.CodeUnauthorized {
			t.Fatalf("login %s: %v", email, err)
		}
		return d
	}
	attempt("nobody@example.org", 0) // the first stand-in comparison may set things up
	var known, unknown []time.Duration
	for i := 1; i <= rounds; i++ {
		known = append(known, attempt(fmt.Sprintf("ana%d@example.org", i), 2*i))
		unknown = append(unknown, attempt(fmt.Sprintf("nobody%d@example.org", i), 2*i+1))
	}
	median := func(ds []time.Duration) time.Duration { slices.Sort(ds); return ds[len(ds)/2] }
	k, n := median(known), median(unknown)
	if ratio := float64(n) / float64(k); ratio < 0.5 || ratio > 2 {
		t.Fatalf("a wrong password takes %v for a known email and %v for an unknown one (ratio %.2f, want 0.5–2)", k, n, ratio)
	}
}
