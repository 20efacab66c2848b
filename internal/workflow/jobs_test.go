package workflow_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/workflow"
)

// TestJobsAreDoneOnceAndRetried: a job asked for twice is queued once; it is
// done by one worker; a failing job is tried again until its attempts run
// out and then kept as failed with its error; a panicking handler fails its
// job instead of the worker.
func TestJobsAreDoneOnceAndRetried(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		var ran atomic.Int64
		f.svc.RegisterJob("count", 3, func(context.Context, string, func(int, int)) error { ran.Add(1); return nil })
		tries := 0
		f.svc.RegisterJob("flaky", 3, func(context.Context, string, func(int, int)) error { tries++; return errors.New("the server is down") })
		f.svc.RegisterJob("panics", 1, func(context.Context, string, func(int, int)) error { panic("boom") })
		enqueue := func(kind, ref string) *workflow.Job {
			t.Helper()
			var j *workflow.Job
			if err := f.st.InTx(ctx, func(tx workflow.Tx) (err error) { j, err = f.svc.Enqueue(ctx, tx, kind, ref); return err }); err != nil {
				t.Fatal(err)
			}
			return j
		}
		a, b := enqueue("count", "7"), enqueue("count", "7")
		if a.ID != b.ID {
			t.Fatalf("the same work asked for twice made jobs %d and %d", a.ID, b.ID)
		}
		f.drain(t, "w1")
		if ran.Load() != 1 {
			t.Fatalf("the job ran %d times", ran.Load())
		}
		if j, _ := f.svc.JobStatus(ctx, "count", "7"); j == nil || j.State != workflow.JobDone || j.Attempts != 1 {
			t.Fatalf("after it ran: %+v", j)
		}
		// Once done, the same work can be asked for again (the text changed back).
		if c := enqueue("count", "7"); c.ID == a.ID {
			t.Fatal("a done job was reused for new work")
		}
		f.drain(t, "w1")

		enqueue("flaky", "x")
		for attempt := 1; attempt <= 3; attempt++ {
			f.drain(t, "w1")
			j, _ := f.svc.JobStatus(ctx, "flaky", "x")
			want := workflow.JobQueued
			if attempt == 3 {
				want = workflow.JobFailed
			}
			if j.State != want || j.Attempts != attempt || j.LastError != "the server is down" {
				t.Fatalf("after attempt %d: %+v", attempt, j)
			}
			f.now = f.now.Add(time.Minute) // past the retry delay
		}
		if tries != 3 {
			t.Fatalf("tried %d times", tries)
		}

		enqueue("panics", "p")
		f.drain(t, "w1")
		if j, _ := f.svc.JobStatus(ctx, "panics", "p"); j.State != workflow.JobFailed || j.LastError != "panic: boom" {
			t.Fatalf("a panicking job: %+v", j)
		}
	})
}

// TestJobLeaseRunsOut: a job whose worker died (it never reported back) is
// taken over by another worker once the lease has run out, and the dead
// worker's late report changes nothing.
func TestJobLeaseRunsOut(t *testing.T) {
	each(t, func(t *testing.T, ctx context.Context, f *fixture) {
		f.svc.RegisterJob("k", 5, func(context.Context, string, func(int, int)) error { return nil })
		if err := f.st.InTx(ctx, func(tx workflow.Tx) error { _, err := f.svc.Enqueue(ctx, tx, "k", "r"); return err }); err != nil {
			t.Fatal(err)
		}
		j, err := f.st.ClaimJob(ctx, "dead", []string{"k"}, time.Minute, f.now)
		if err != nil || j == nil {
			t.Fatalf("claim: %v %v", j, err)
		}
		if again, _ := f.st.ClaimJob(ctx, "other", []string{"k"}, time.Minute, f.now.Add(30*time.Second)); again != nil {
			t.Fatal("a leased job was given to a second worker")
		}
		f.now = f.now.Add(2 * time.Minute)
		if did, err := f.svc.WorkOnce(ctx, "other"); !did || err != nil {
			t.Fatalf("the other worker did not take over: %v %v", did, err)
		}
		if err := f.st.FinishJob(ctx, j.ID, "dead", errors.New("late"), time.Second, f.now); err != nil {
			t.Fatal(err)
		}
		if j, _ := f.svc.JobStatus(ctx, "k", "r"); j.State != workflow.JobDone || j.Attempts != 2 {
			t.Fatalf("after the takeover: %+v", j)
		}
	})
}

// TestJobsAcrossInstances: several instances on one database, each with
// workers, do every job exactly once between them.
func TestJobsAcrossInstances(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			dsn := filepath.Join(t.TempDir(), "cotejo.db")
			if d == store.Postgres {
				dsn = storetest.PostgresURL(t)
			}
			var svcs []*workflow.Service
			var mu sync.Mutex
			done := map[string]int{}
			for i := range 3 {
				st := storetest.OpenURL(t, dsn)
				svc := workflow.New(st)
				svc.RegisterJob("note", 3, func(_ context.Context, ref string, _ func(int, int)) error {
					mu.Lock()
					done[ref]++
					mu.Unlock()
					return nil
				})
				if i == 0 {
					for n := range 60 {
						if err := st.InTx(ctx, func(tx workflow.Tx) error { _, err := svc.Enqueue(ctx, tx, "note", fmt.Sprint(n)); return err }); err != nil {
							t.Fatal(err)
						}
					}
				}
				svcs = append(svcs, svc)
			}
			var wg sync.WaitGroup
			for i, svc := range svcs {
				for w := range 2 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for {
							did, err := svc.WorkOnce(ctx, fmt.Sprintf("instance%d-worker%d", i, w))
							if err != nil {
								t.Error(err)
								return
							}
							if !did {
								return
							}
						}
					}()
				}
			}
			wg.Wait()
			if len(done) != 60 {
				t.Fatalf("%d of 60 jobs were done", len(done))
			}
			for ref, n := range done {
				if n != 1 {
					t.Errorf("job %s was done %d times", ref, n)
				}
			}
		})
	}
}
