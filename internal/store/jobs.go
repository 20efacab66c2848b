package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/cotejo/cotejo/internal/workflow"
)

// The job queue lives in the jobs table (migration 4): a job is claimed by
// one worker of whichever instance asks first, with a lease; a worker that
// dies lets its lease run out and the job is claimed again; a failure is
// retried a bounded number of times and then kept as failed, to be shown.

type jobRow struct {
	ID          int64 `gorm:"primaryKey"`
	Kind        string
	Ref         string
	State       string
	Attempts    int
	MaxAttempts int
	RunAfter    time.Time
	LockedBy    string
	LockedUntil *time.Time
	LastError   string
	Progress    string
	Stamps
}

func (jobRow) TableName() string { return "jobs" }

func (r jobRow) domain() *workflow.Job {
	return &workflow.Job{ID: r.ID, Kind: r.Kind, Ref: r.Ref, State: workflow.JobState(r.State), Attempts: r.Attempts,
		MaxAttempts: r.MaxAttempts, RunAfter: r.RunAfter.UTC(), LastError: r.LastError, Progress: r.Progress,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

// EnqueueJob queues a job of kind about ref, unless one is queued or running
// already: asking twice for the same work does it once. It returns the job
// that will do it.
func (t *Tx) EnqueueJob(ctx context.Context, kind, ref string, maxAttempts int, now time.Time) (*workflow.Job, error) {
	var open jobRow
	err := t.ctx(ctx).Where("kind = ? AND ref = ? AND state IN ?", kind, ref,
		[]string{string(workflow.JobQueued), string(workflow.JobRunning)}).Order("id").First(&open).Error
	if err == nil {
		return open.domain(), nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, err
	}
	r := jobRow{Kind: kind, Ref: ref, State: string(workflow.JobQueued), MaxAttempts: max(maxAttempts, 1),
		RunAfter: now.UTC(), Stamps: stamps(now, now)}
	if err := t.ctx(ctx).Create(&r).Error; err != nil {
		return nil, err
	}
	return r.domain(), nil
}

// ClaimJob gives worker the job of one of kinds that has waited longest:
// a queued one due now, or a running one whose worker's lease ran out. The
// job is marked running under worker until now+lease. nil when there is
// none. Two workers never get the same job: on PostgreSQL the row is taken
// with FOR UPDATE SKIP LOCKED, on SQLite write transactions run one at a
// time.
func (s *Store) ClaimJob(ctx context.Context, worker string, kinds []string, lease time.Duration, now time.Time) (*workflow.Job, error) {
	var out *workflow.Job
	err := s.Tx(ctx, func(tx *Tx) error {
		now := now.UTC()
		q := tx.ctx(ctx).Where("kind IN ?", kinds).
			Where("(state = ? AND run_after <= ?) OR (state = ? AND locked_until < ?)",
				string(workflow.JobQueued), now, string(workflow.JobRunning), now).
			Order("run_after, id").Limit(1)
		if tx.postgres() {
			q = q.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate, Options: clause.LockingOptionsSkipLocked})
		}
		var r jobRow
		if err := q.Find(&r).Error; err != nil || r.ID == 0 {
			return err
		}
		until := now.Add(lease)
		r.State, r.LockedBy, r.LockedUntil, r.Attempts, r.UpdatedAt = string(workflow.JobRunning), worker, &until, r.Attempts+1, now
		if err := tx.ctx(ctx).Model(&jobRow{}).Where("id = ?", r.ID).Updates(map[string]any{
			"state": r.State, "locked_by": worker, "locked_until": until, "attempts": r.Attempts, "updated_at": now, "progress": "",
		}).Error; err != nil {
			return err
		}
		out = r.domain()
		return nil
	})
	return out, err
}

// FinishJob records the outcome of a job worker ran: done when failure is
// nil; else queued again after retryAfter while attempts remain, failed
// with the error kept otherwise. A worker whose lease was taken over by
// another (it ran out) changes nothing.
func (s *Store) FinishJob(ctx context.Context, id int64, worker string, failure error, retryAfter time.Duration, now time.Time) error {
	return s.Tx(ctx, func(tx *Tx) error {
		var r jobRow
		if err := tx.ctx(ctx).Where("id = ? AND state = ? AND locked_by = ?", id, string(workflow.JobRunning), worker).
			Find(&r).Error; err != nil || r.ID == 0 {
			return err
		}
		now := now.UTC()
		set := map[string]any{"locked_by": "", "locked_until": nil, "updated_at": now}
		switch {
		case failure == nil:
			set["state"], set["last_error"] = string(workflow.JobDone), ""
		case r.Attempts < r.MaxAttempts:
			set["state"], set["run_after"], set["last_error"] = string(workflow.JobQueued), now.Add(retryAfter), failure.Error()
		default:
			set["state"], set["last_error"] = string(workflow.JobFailed), failure.Error()
		}
		return tx.ctx(ctx).Model(&jobRow{}).Where("id = ?", id).Updates(set).Error
	})
}

// LatestJob returns the newest job of kind about ref, nil when there is none.
func (q queries) LatestJob(ctx context.Context, kind, ref string) (*workflow.Job, error) {
	var r jobRow
	if err := q.ctx(ctx).Where("kind = ? AND ref = ?", kind, ref).Order("id DESC").Limit(1).Find(&r).Error; err != nil || r.ID == 0 {
		return nil, err
	}
	return r.domain(), nil
}
