package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/workflow"
)

// Dialects Cotejo runs on.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Store is Cotejo's database. It is safe for concurrent use.
type Store struct {
	queries          // reads outside transactions, through the read pool
	w       *gorm.DB // writes; for SQLite a single connection
	dialect string
}

// sqliteBusyTimeout is how long an SQLite connection waits for a lock before
// failing; with one writer connection it only matters for other processes
// (a backup, a second `cotejo` command) touching the same file.
const sqliteBusyTimeout = 5000

// Open connects to the database at dsn: a postgres:// or postgresql:// URL
// for PostgreSQL, otherwise the path of an SQLite file (an optional sqlite:
// or file: prefix is accepted). It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	o := options{slow: DefaultSlowQuery}
	for _, opt := range opts {
		opt(&o)
	}
	var log logger.Interface = logger.Discard
	if o.log != nil {
		log = sqlLogger(o)
	}
	cfg := &gorm.Config{
		Logger:         log,
		TranslateError: true,
		NowFunc:        func() time.Time { return time.Now().UTC() },
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db, err := gorm.Open(postgres.Open(dsn), cfg)
		if err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, err
		}
		sqlDB.SetMaxOpenConns(20)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
		if err := sqlDB.PingContext(ctx); err != nil {
			return nil, fmt.Errorf("store: postgres does not answer: %w", err)
		}
		return &Store{queries: queries{db: db, lower: "LOWER"}, w: db, dialect: Postgres}, nil
	}
	return openSQLite(ctx, dsn, cfg)
}

// sqliteDriver is mattn/go-sqlite3 with Cotejo's SQL functions registered on
// every connection.
const sqliteDriver = "sqlite3_cotejo"

// sqliteLower is SQLite's name for a Unicode-aware LOWER: the built-in one
// folds only ASCII, so a search for "über" would miss "Über".
const sqliteLower = "cotejo_lower"

func init() {
	sql.Register(sqliteDriver, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		return c.RegisterFunc(sqliteLower, strings.ToLower, true)
	}})
}

// openSQLite opens two pools on one SQLite file. SQLite allows one writer at
// a time; giving writes a single connection makes them queue in Go instead of
// failing with SQLITE_BUSY, and BEGIN IMMEDIATE (_txlock) takes the write lock
// at the start of a transaction so that a read-then-write transaction can
// never deadlock on a lock upgrade. Reads use their own pool and, thanks to
// WAL, proceed while a write is under way.
func openSQLite(ctx context.Context, path string, cfg *gorm.Config) (*Store, error) {
	path = strings.TrimPrefix(strings.TrimPrefix(path, "sqlite:"), "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if path == "" {
		return nil, errors.New("store: empty database path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	params := url.Values{}
	params.Set("_journal_mode", "WAL")
	params.Set("_foreign_keys", "on")
	params.Set("_busy_timeout", fmt.Sprint(sqliteBusyTimeout))
	params.Set("_synchronous", "NORMAL")
	params.Set("_txlock", "immediate")
	base := "file:" + path + "?" + params.Encode()

	w, err := gorm.Open(sqlite.New(sqlite.Config{DriverName: sqliteDriver, DSN: base}), cfg)
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	wDB, _ := w.DB()
	wDB.SetMaxOpenConns(1)
	wDB.SetConnMaxLifetime(0)

	params.Set("_query_only", "1")
	r, err := gorm.Open(sqlite.New(sqlite.Config{DriverName: sqliteDriver, DSN: "file:" + path + "?" + params.Encode()}), cfg)
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite reader: %w", err)
	}
	rDB, _ := r.DB()
	rDB.SetMaxOpenConns(8)

	for name, db := range map[string]*gorm.DB{"writer": w, "reader": r} {
		if err := checkPragmas(ctx, db); err != nil {
			_ = wDB.Close()
			_ = rDB.Close()
			return nil, fmt.Errorf("store: sqlite %s connection: %w", name, err)
		}
	}
	return &Store{queries: queries{db: r, lower: sqliteLower}, w: w, dialect: SQLite}, nil
}

// checkPragmas fails loudly when the DSN's settings did not take, rather than
// running without foreign keys or WAL and corrupting data quietly.
func checkPragmas(ctx context.Context, db *gorm.DB) error {
	var mode string
	var fk, busy int
	if err := db.WithContext(ctx).Raw("PRAGMA journal_mode").Scan(&mode).Error; err != nil {
		return err
	}
	if err := db.WithContext(ctx).Raw("PRAGMA foreign_keys").Scan(&fk).Error; err != nil {
		return err
	}
	if err := db.WithContext(ctx).Raw("PRAGMA busy_timeout").Scan(&busy).Error; err != nil {
		return err
	}
	if !strings.EqualFold(mode, "wal") || fk != 1 || busy != sqliteBusyTimeout {
		return fmt.Errorf("settings did not take: journal_mode=%s foreign_keys=%d busy_timeout=%d", mode, fk, busy)
	}
	return nil
}

// Dialect says which database this is: SQLite or Postgres.
func (s *Store) Dialect() string { return s.dialect }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.db.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error
}

// Close closes every connection.
func (s *Store) Close() error {
	var errs []error
	for _, db := range []*gorm.DB{s.w, s.db} {
		if sqlDB, err := db.DB(); err == nil {
			errs = append(errs, sqlDB.Close())
		}
	}
	return errors.Join(errs...)
}

// Tx runs fn in one write transaction: everything fn writes, including the
// audit events, is committed together or not at all.
func (s *Store) Tx(ctx context.Context, fn func(tx *Tx) error) error {
	return s.w.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		tx := &Tx{queries: queries{db: db, lower: s.lower}}
		if err := fn(tx); err != nil {
			return err
		}
		return tx.flushTouches(ctx)
	})
}

// plain is the transaction's own connection, for the few statements run
// often enough that GORM's building of them costs more than they do. Their
// SQL is written with ? and passed through placeholders.
func (t *Tx) plain(ctx context.Context) gorm.ConnPool {
	return t.db.WithContext(ctx).Statement.ConnPool
}

// placeholders writes the ? of a statement the way the dialect's driver
// reads them: $1, $2… for PostgreSQL.
func (t *Tx) placeholders(sql string) string {
	if !t.postgres() {
		return sql
	}
	var b strings.Builder
	n := 0
	for _, c := range sql {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Tx is one write transaction. It reads what it has written.
type Tx struct {
	queries
	touched     map[int64]bool  // articles whose revision the writes moved
	touchedKeys map[string]bool // originals whose quotes' articles they moved
}

// queries are the reads, shared by the store (read pool) and a transaction.
// lower is the dialect's Unicode-aware lower-case function.
type queries struct {
	db    *gorm.DB
	lower string
}

// notFound turns gorm's not-found into the domain's error.
func notFound(err error, what string, id any) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return cotejo.Errorf(cotejo.CodeNotFound, "No %s with id %v.", what, id)
	}
	return err
}

// writeErr turns database errors a user can cause into domain errors.
func writeErr(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return cotejo.Errorf(cotejo.CodeAlreadyExists, "That %s exists already.", what)
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return cotejo.Errorf(cotejo.CodeInvalid, "The %s refers to something that does not exist.", what)
	}
	return err
}

// InTx is Tx behind the interface that package workflow defines.
func (s *Store) InTx(ctx context.Context, fn func(tx workflow.Tx) error) error {
	return s.Tx(ctx, func(tx *Tx) error { return fn(tx) })
}

var _ workflow.Store = (*Store)(nil)

// Exec runs one statement outside any transaction, for administration
// (tests make and drop their PostgreSQL schemas with it).
func (s *Store) Exec(ctx context.Context, sql string, args ...any) error {
	return s.w.WithContext(ctx).Exec(sql, args...).Error
}
