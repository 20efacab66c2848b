package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrBackupPostgres is returned by Backup on PostgreSQL, whose own tools
// (pg_dump, or the server's continuous archiving) are the way to copy it.
var ErrBackupPostgres = errors.New("cotejo backup copies an SQLite database; back up PostgreSQL with pg_dump")

// Backup writes a consistent copy of an SQLite database to path, while the
// database stays in use: VACUUM INTO reads one snapshot, so writes made during
// the copy are neither half in it nor blocked by it (a plain file copy of a
// WAL database can miss what is still in the -wal file). The copy is a
// single self-contained file; its integrity is checked before Backup returns.
// An existing file at path is never overwritten.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect != SQLite {
		return ErrBackupPostgres
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("backup: %s already exists; choose a new file", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := s.vacuumInto(ctx, path); err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("backup: %w", err)
	}
	if err := checkIntegrity(ctx, path); err != nil {
		return fmt.Errorf("backup: the copy %s does not check out: %w", path, err)
	}
	return nil
}

// vacuumInto copies the database through a connection of its own: the read
// pool is query-only, which SQLite takes to forbid VACUUM INTO, and the single
// writer connection would hold every write back until the copy is done.
func (s *Store) vacuumInto(ctx context.Context, path string) error {
	var file string
	if err := s.db.WithContext(ctx).Raw("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file).Error; err != nil {
		return err
	}
	db, err := sql.Open(sqliteDriver, "file:"+file+"?_busy_timeout="+fmt.Sprint(sqliteBusyTimeout))
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "VACUUM INTO ?", path)
	return err
}

// checkIntegrity opens an SQLite file read-only and runs PRAGMA integrity_check.
func checkIntegrity(ctx context.Context, path string) error {
	db, err := sql.Open(sqliteDriver, "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var result string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&result); err != nil {
		return err
	}
	if result != "ok" {
		return errors.New(result)
	}
	return nil
}
