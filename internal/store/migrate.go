package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migration is one step of the schema, from an embedded file named
// NNNN_name.sql. One schema serves both dialects: the few types they spell
// differently are written as placeholders ({{ID}}, {{TIME}}, {{FLOAT}},
// and {{BYTES}} for text compared byte by byte).
type Migration struct {
	Version int
	Name    string
	SQL     string
}

var placeholders = map[string]map[string]string{
	SQLite: {
		"{{ID}}":    "INTEGER PRIMARY KEY AUTOINCREMENT",
		"{{TIME}}":  "DATETIME",
		"{{FLOAT}}": "REAL",
		"{{BYTES}}": "", // SQLite compares text byte by byte unless told otherwise
	},
	Postgres: {
		"{{ID}}":    "BIGSERIAL PRIMARY KEY",
		"{{TIME}}":  "TIMESTAMPTZ",
		"{{FLOAT}}": "DOUBLE PRECISION",
		"{{BYTES}}": `COLLATE "C"`,
	},
}

// Migrations returns the embedded migrations in order.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		num, rest, ok := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("store: migration %q is not named NNNN_name.sql", name)
		}
		b, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: rest, SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("store: migrations must be numbered 1, 2, 3…; found %d at place %d", m.Version, i+1)
		}
	}
	return out, nil
}

// Migrate brings the schema to the latest version.
func (s *Store) Migrate(ctx context.Context) error { return s.MigrateTo(ctx, -1) }

// MigrateTo applies the migrations up to and including version target
// (-1: all). Each runs in its own transaction together with its record in
// schema_migrations, so a failed step leaves the schema at the previous one.
func (s *Store) MigrateTo(ctx context.Context, target int) error {
	ms, err := Migrations()
	if err != nil {
		return err
	}
	db := s.w.WithContext(ctx)
	if err := db.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`).Error; err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if current > len(ms) {
		return fmt.Errorf("store: the database is at schema version %d, newer than this program knows (%d); upgrade cotejo", current, len(ms))
	}
	for _, m := range ms {
		if m.Version <= current || (target >= 0 && m.Version > target) {
			continue
		}
		stmt := m.SQL
		for k, v := range placeholders[s.dialect] {
			stmt = strings.ReplaceAll(stmt, k, v)
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			for _, part := range splitStatements(stmt) {
				if err := tx.Exec(part).Error; err != nil {
					return err
				}
			}
			if step := goSteps[m.Version]; step != nil {
				if err := step(ctx, tx); err != nil {
					return err
				}
			}
			return tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)).Error
		})
		if err != nil {
			return fmt.Errorf("store: migration %04d_%s: %w", m.Version, m.Name, err)
		}
	}
	return nil
}

// SchemaVersion returns the newest applied migration, 0 for an empty database.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v *int
	if err := s.w.WithContext(ctx).Raw("SELECT MAX(version) FROM schema_migrations").Scan(&v).Error; err != nil {
		return 0, fmt.Errorf("store: read schema version: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	return *v, nil
}

// splitStatements splits a migration into statements at semicolons that end
// a line, dropping comment lines. Migrations hold no procedural code, so this
// is enough, and it lets both drivers run one statement at a time.
func splitStatements(sql string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}
