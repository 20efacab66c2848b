package workflow_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/workflow"
)

// TestLoginTimeSaysNothingOfTheEmail: a wrong password takes as long for an
// email nobody has as for a real account, so the answer's delay does not
// tell which emails exist. Each round times one attempt of each kind back
// to back (in turn which goes first), each on its own account from its own
// address so that no throttle answers early, and the median of the rounds'
// ratios is compared: neighbours in time share the machine's load. On a
// busy machine one trial can still stray; a real difference (a cheaper
// stand-in hash) shows in every trial, so the test fails only when three
// trials all do.
func TestLoginTimeSaysNothingOfTheEmail(t *testing.T) {
	ctx := context.Background()
	// A real cost (not the tests' minimum), low enough to stay quick.
	const cost, rounds, trials = 8, 11, 3
	svc := onSQLite(t, workflow.WithClock(time.Now), workflow.WithBcryptCost(cost)).svc
	for i := range rounds * trials {
		u := &cotejo.User{Email: fmt.Sprintf("ana%d@example.org", i), Name: "Ana", Roles: []cotejo.Role{cotejo.RoleReviewer}}
		if err := svc.CreateUser(ctx, nil, u, "a long enough password"); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	attempt := func(email string) time.Duration {
		n++
		start := time.Now()
		_, err := svc.Login(ctx, email, "not the password", fmt.Sprintf("198.51.%d.%d", n/200, n%200))
		d := time.Since(start)
		if cotejo.ErrorCode(err) != cotejo.CodeUnauthorized {
			t.Fatalf("login %s: %v", email, err)
		}
		return d
	}
	attempt("nobody@example.org") // the first stand-in comparison makes the stand-in
	var seen []float64
	for trial := range trials {
		ratios := make([]float64, rounds)
		for i := range rounds {
			known, unknown := fmt.Sprintf("ana%d@example.org", trial*rounds+i), fmt.Sprintf("nobody%d@example.org", trial*rounds+i)
			var k, u time.Duration
			if i%2 == 0 {
				k, u = attempt(known), attempt(unknown)
			} else {
				u, k = attempt(unknown), attempt(known)
			}
			ratios[i] = float64(u) / float64(k)
		}
		slices.Sort(ratios)
		median := ratios[rounds/2]
		if median >= 0.5 && median <= 2 {
			return
		}
		seen = append(seen, median)
	}
	t.Fatalf("a wrong password for an unknown email takes %.2f× as long as for a known one (medians of %d trials; want 0.5–2)", seen, trials)
}

// TestNoOneLocksAColleagueOut: wrong passwords for an account slow down the
// address they come from, with a delay that grows with each failure, but the
// account itself is never locked: its owner, with the right password from
// their own address, gets in while someone hammers it from elsewhere. The
// hammering address waits longer and longer, even with the right password.
func TestNoOneLocksAColleagueOut(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		ana := &cotejo.User{Email: "ana@example.org", Name: "Ana", Roles: []cotejo.Role{cotejo.RoleEditor}}
		if err := f.svc.CreateUser(ctx, nil, ana, "the right password"); err != nil {
			t.Fatal(err)
		}
		const attacker, owner = "203.0.113.9", "192.0.2.10"
		var waits []int
		for i := 0; i < 40; i++ {
			_, err := f.svc.Login(ctx, "ana@example.org", fmt.Sprintf("guess %d", i), attacker)
			switch cotejo.ErrorCode(err) {
			case cotejo.CodeUnauthorized:
			case cotejo.CodeRateLimited:
				wait := retryAfter(t, err)
				if len(waits) > 0 && wait < waits[len(waits)-1] {
					t.Fatalf("attempt %d: the delay shrank from %ds to %ds", i, waits[len(waits)-1], wait)
				}
				waits = append(waits, wait)
				// Even the right password waits out the delay.
				if _, err := f.svc.Login(ctx, "ana@example.org", "the right password", attacker); cotejo.ErrorCode(err) != cotejo.CodeRateLimited {
					t.Fatalf("attempt %d: the right password from the hammering address during its delay: %v", i, err)
				}
				f.now = f.now.Add(time.Duration(wait) * time.Second)
			default:
				t.Fatalf("attempt %d: %v", i, err)
			}
			// The owner gets in from their own address, whatever happens elsewhere.
			if i%8 != 7 {
				continue
			}
			if u, err := f.svc.Login(ctx, "ana@example.org", "the right password", owner); err != nil || u.ID != ana.ID {
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
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		svcs := []*workflow.Service{workflow.New(f.st), workflow.New(f.st), workflow.New(f.st), workflow.New(f.st)}
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
