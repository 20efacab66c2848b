package workflow_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
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

// TestNoOneLocksAColleagueOut: wrong passwords for an account slow down the
// address they come from, with a delay that grows with each failure, but the
// account itself is never locked: its owner, with the right password from
// their own address, gets in while someone hammers it from elsewhere. The
// hammering address waits longer and longer, even with the right password.
func TestNoOneLocksAColleagueOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := clock
		svc := workflow.New(st, workflow.WithClock(func() time.Time { return now }), workflow.WithBcryptCost(4))
		ana := &cotejo.User{Email: "ana@example.org", Name: "Ana", Roles: []cotejo.Role{cotejo.RoleEditor}}
		if err := svc.CreateUser(ctx, nil, ana, "the right password"); err != nil {
			t.Fatal(err)
		}
		const attacker, owner = "203.0.113.9", "192.0.2.10"
		var waits []int
		for i := 0; i < 40; i++ {
			_, err := svc.Login(ctx, "ana@example.org", fmt.Sprintf("guess %d", i), attacker)
			switch cotejo.ErrorCode(err) {
			case cotejo.CodeUnauthorized:
			case cotejo.CodeRateLimited:
				wait := retryAfter(t, err)
				if len(waits) > 0 && wait < waits[len(waits)-1] {
					t.Fatalf("attempt %d: the delay shrank from %ds to %ds", i, waits[len(waits)-1], wait)
				}
				waits = append(waits, wait)
				// Even the right password waits out the delay.
				if _, err := svc.Login(ctx, "ana@example.org", "the right password", attacker); cotejo.ErrorCode(err) != cotejo.CodeRateLimited {
					t.Fatalf("attempt %d: the right password from the hammering address during its delay: %v", i, err)
				}
				now = now.Add(time.Duration(wait) * time.Second)
			default:
				t.Fatalf("attempt %d: %v", i, err)
			}
			// The owner gets in from their own address, whatever happens elsewhere.
			if i%8 != 7 {
				continue
			}
			if u, err := svc.Login(ctx, "ana@example.org", "the right password", owner); err != nil || u.ID != ana.ID {
				t.Fatalf("after %d wrong passwords from elsewhere, the owner is refused: %v", i+1, err)
			}
		}
		if len(waits) < 5 || waits[len(waits)-1] <= 4*waits[0] {
			t.Fatalf("the delays do not grow: %v", waits)
		}
		if last := waits[len(waits)-1]; last > int(workflow.MaxLoginDelay.Seconds()) {
			t.Fatalf("a delay of %ds is longer than the cap", last)
		}
	})
}

// retryAfter reads how many seconds a rate-limited login must wait.
func retryAfter(t *testing.T, err error) int {
	t.Helper()
	e := cotejo.AsError(err)
	d, ok := e.Details.(cotejo.RetryAfter)
	if !ok || d.Seconds < 1 {
		t.Fatalf("a rate-limited login does not say how long to wait: %#v", e.Details)
	}
	return d.Seconds
}

// TestInstancesAgreeOnFormTokens: instances that start together over a new
// database make one key between them, so a form made by one passes on the
// other; and a token belongs to its binding only.
func TestInstancesAgreeOnFormTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svcs := []*workflow.Service{workflow.New(st), workflow.New(st), workflow.New(st), workflow.New(st)}
		tokens := make([]string, len(svcs))
		errs := make([]error, len(svcs))
		var wg sync.WaitGroup
		for i, svc := range svcs {
			wg.Go(func() { tokens[i], errs[i] = svc.FormToken(ctx, "session:abc") })
		}
		wg.Wait()
		for i := range svcs {
			if errs[i] != nil || tokens[i] != tokens[0] || len(tokens[i]) < 32 {
				t.Fatalf("instance %d: %q, %v; instance 0: %q", i, tokens[i], errs[i], tokens[0])
			}
		}
		other, err := svcs[1].FormToken(ctx, "session:abd")
		if err != nil || other == tokens[0] {
			t.Fatalf("another binding: %q, %v", other, err)
		}
	})
}
