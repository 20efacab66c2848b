package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// DefaultSlowQuery is the time past which a statement is logged as slow.
const DefaultSlowQuery = 200 * time.Millisecond

// Option configures Open.
type Option func(*options)

type options struct {
	log  *slog.Logger
	slow time.Duration
}

// WithLogger logs SQL to l: every statement at debug level, with its time
// and the rows it touched, and statements slower than slow (0: the
// default) at warn level, so a slow page can be traced to its query.
func WithLogger(l *slog.Logger, slow time.Duration) Option {
	return func(o *options) {
		o.log = l
		if slow > 0 {
			o.slow = slow
		}
	}
}

// sqlLogger is GORM's logger in terms of log/slog.
type sqlLogger struct {
	log  *slog.Logger
	slow time.Duration
}

func (l sqlLogger) LogMode(logger.LogLevel) logger.Interface { return l }

func (l sqlLogger) Info(ctx context.Context, msg string, args ...any) {
	l.log.InfoContext(ctx, fmt.Sprintf(msg, args...))
}

func (l sqlLogger) Warn(ctx context.Context, msg string, args ...any) {
	l.log.WarnContext(ctx, fmt.Sprintf(msg, args...))
}

func (l sqlLogger) Error(ctx context.Context, msg string, args ...any) {
	l.log.ErrorContext(ctx, fmt.Sprintf(msg, args...))
}

// Trace logs one statement. The SQL is only rendered when it is logged:
// at info level and above, a fast statement costs nothing here.
func (l sqlLogger) Trace(ctx context.Context, begin time.Time, fc func() (sql string, rows int64), err error) {
	took := time.Since(begin)
	level := slog.LevelDebug
	msg := "sql"
	if took >= l.slow {
		level, msg = slog.LevelWarn, "slow sql"
	}
	if !l.log.Enabled(ctx, level) {
		return
	}
	sql, rows := fc()
	attrs := []any{"duration", took, "rows", rows, "sql", sql}
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		attrs = append(attrs, "err", err)
	}
	l.log.Log(ctx, level, msg, attrs...)
}
