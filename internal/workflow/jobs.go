package workflow

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// Background work is a job row in the database, claimed by one worker of
// whichever instance is free (see the store's ClaimJob): it survives a
// restart, and several instances sharing one PostgreSQL do each job once.

// JobState is where a job stands.
type JobState string

// The states of a job.
const (
	JobQueued  JobState = "queued"
	JobRunning JobState = "running"
	JobDone    JobState = "done"
	JobFailed  JobState = "failed" // tried MaxAttempts times; LastError says why
)

// Job is one piece of background work: its kind, and what it is about (an
// id, a hash), which a kind's handler reads.
type Job struct {
	ID          int64     `json:"id"`
	Kind        string    `json:"kind"`
	Ref         string    `json:"ref"`
	State       JobState  `json:"state"`
	Attempts    int       `json:"attempts"`
	MaxAttempts int       `json:"max_attempts"`
	RunAfter    time.Time `json:"run_after"`
	LastError   string    `json:"last_error,omitempty"`
	Progress    string    `json:"progress,omitempty"` // how far a running job has got ("2/4")
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// JobHandler does the work of one job; an error has it tried again later.
// It may say how far it has got with progress.
type JobHandler func(ctx context.Context, ref string, progress func(done, total int)) error

// jobKind is a registered kind of job.
type jobKind struct {
	handle      JobHandler
	maxAttempts int
}

// jobs is the service's registry of job kinds.
type jobs struct {
	mu    sync.RWMutex
	kinds map[string]jobKind
}

// How workers run.
const (
	// jobLease is how long a worker holds a job before another may take
	// it over, as the first is presumed dead; handlers finish well within.
	jobLease = 10 * time.Minute
	// jobRetry is how long a failed job waits before it is tried again.
	jobRetry = 30 * time.Second
)

// RegisterJob makes kind a job the workers of this instance do, tried at
// most maxAttempts times.
func (s *Service) RegisterJob(kind string, maxAttempts int, h JobHandler) {
	s.jobs.mu.Lock()
	defer s.jobs.mu.Unlock()
	if s.jobs.kinds == nil {
		s.jobs.kinds = map[string]jobKind{}
	}
	s.jobs.kinds[kind] = jobKind{handle: h, maxAttempts: max(maxAttempts, 1)}
}

// Enqueue asks for a job of a registered kind about ref, in tx, so that the
// work is asked for exactly when the change that needs it is committed.
// Asking again while one is queued or running adds nothing.
func (s *Service) Enqueue(ctx context.Context, tx Tx, kind, ref string) (*Job, error) {
	s.jobs.mu.RLock()
	k, ok := s.jobs.kinds[kind]
	s.jobs.mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("workflow: no job kind %q", kind)
	}
	return tx.EnqueueJob(ctx, kind, ref, k.maxAttempts, s.Now())
}

// JobStatus returns the newest job of kind about ref, nil when none was
// ever asked for.
func (s *Service) JobStatus(ctx context.Context, kind, ref string) (*Job, error) {
	return s.store.LatestJob(ctx, kind, ref)
}

// WorkerName names a worker of this process uniquely among instances.
func WorkerName() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// RunWorker does the registered jobs as name until ctx ends, looking for
// work every poll when there is none.
func (s *Service) RunWorker(ctx context.Context, name string, poll time.Duration) {
	for {
		did, err := s.WorkOnce(ctx, name)
		if err != nil && ctx.Err() == nil {
			s.log.Warn("background work", "worker", name, "err", err)
		}
		if did {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(poll):
		}
	}
}

// WorkOnce claims and does one job, if one is waiting; it says whether it
// did one.
func (s *Service) WorkOnce(ctx context.Context, name string) (bool, error) {
	s.jobs.mu.RLock()
	kinds := make([]string, 0, len(s.jobs.kinds))
	for k := range s.jobs.kinds {
		kinds = append(kinds, k)
	}
	s.jobs.mu.RUnlock()
	if len(kinds) == 0 {
		return false, nil
	}
	j, err := s.store.ClaimJob(ctx, name, kinds, jobLease, s.Now())
	if err != nil || j == nil {
		return false, err
	}
	s.jobs.mu.RLock()
	k := s.jobs.kinds[j.Kind]
	s.jobs.mu.RUnlock()
	progress := func(done, total int) {
		if err := s.store.SetJobProgress(ctx, j.ID, name, fmt.Sprintf("%d/%d", done, total)); err != nil {
			s.log.Warn("job progress", "kind", j.Kind, "err", err)
		}
	}
	failure := runJob(ctx, k.handle, j.Ref, progress)
	if failure != nil {
		s.log.Warn("job failed", "kind", j.Kind, "ref", j.Ref, "attempt", j.Attempts, "err", failure)
	}
	// The outcome is recorded even when ctx ended, so a job is not left
	// running until its lease runs out.
	return true, s.store.FinishJob(context.WithoutCancel(ctx), j.ID, name, failure, jobRetry, s.Now())
}

// runJob runs a handler, turning a panic into a failure of the job.
func runJob(ctx context.Context, h JobHandler, ref string, progress func(done, total int)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New(fmt.Sprint("panic: ", r))
		}
	}()
	return h(ctx, ref, progress)
}
