package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
)

// TestServeDemoTwice starts the demo, restarts it on the same data, and
// finds the data kept and the demo not duplicated; then on PostgreSQL.
func TestServeDemoTwice(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			dir := t.TempDir()
			args := []string{"--demo", "--data", dir}
			if dialect == store.Postgres {
				args = append(args, "--database-url", storetest.PostgresURL(t))
			}
			first := start(t, args...)
			tok := first.token(t, "translator@demo.cotejo")
			var arts []map[string]any
			first.getJSON(t, tok, "/api/v1/articles", &arts)
			if len(arts) != 1 || arts[0]["headline"] != "Sheinbaum Firmly Rejects Trump's Offer of U.S. Military Intervention in Mexico" {
				t.Fatalf("articles after the first start: %v", arts)
			}
			var quotes []map[string]any
			first.getJSON(t, tok, "/api/v1/articles/1/quotes", &quotes)
			if len(quotes) != 2 {
				t.Fatalf("demo quotes: got %d, want 2", len(quotes))
			}
			var sources []map[string]any
			first.getJSON(t, tok, "/api/v1/articles/1/sources", &sources)
			if len(sources) != 2 {
				t.Fatalf("demo sources: got %d, want 2", len(sources))
			}
			first.stop()

			second := start(t, args...)
			tok = second.token(t, "editor@demo.cotejo")
			second.getJSON(t, tok, "/api/v1/articles", &arts)
			second.getJSON(t, tok, "/api/v1/articles/1/quotes", &quotes)
			if len(arts) != 1 || len(quotes) != 2 {
				t.Fatalf("after a restart: %d articles and %d quotes; want 1 and 2", len(arts), len(quotes))
			}
			if dialect == store.SQLite {
				if _, err := os.Stat(filepath.Join(dir, "cotejo.db")); err != nil {
					t.Fatalf("no SQLite file in --data: %v", err)
				}
			}
		})
	}
}

// TestUserAddAndMigrate adds a user from the command line, with the password
// on standard input, and logs in as that user.
func TestUserAddAndMigrate(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"migrate", "--data", dir}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("migrate: exit %d: %s", code, errOut.String())
	}
	ms, _ := store.Migrations()
	if !strings.Contains(out.String(), fmt.Sprintf("schema version %d", len(ms))) {
		t.Fatalf("migrate said %q", out.String())
	}
	args := []string{"user", "add", "--data", dir, "--email", "Ana@Example.org", "--name", "Ana Pérez", "--role", "reviewer,editor"}
	if code := run(context.Background(), args, strings.NewReader(testPassword+"\n"), &out, &errOut); code != 0 {
		t.Fatalf("user add: exit %d: %s", code, errOut.String())
	}
	errOut.Reset()
	if code := run(context.Background(), args, strings.NewReader(testPassword+"\n"), &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "exists") {
		t.Fatalf("adding the same user twice: exit %d, %q", code, errOut.String())
	}
	bad := []string{"user", "add", "--data", dir, "--email", "b@example.org", "--name", "B", "--role", "boss"}
	if code := run(context.Background(), bad, strings.NewReader(testPassword+"\n"), &out, &errOut); code != 1 {
		t.Fatalf("an unknown role: exit %d", code)
	}
	in := start(t, "--data", dir)
	tok := in.token(t, "ana@example.org")
	var me struct {
		Name  string   `json:"name"`
		Roles []string `json:"roles"`
	}
	in.getJSON(t, tok, "/api/v1/me", &me)
	if me.Name != "Ana Pérez" || strings.Join(me.Roles, ",") != "reviewer,editor" {
		t.Fatalf("me = %+v", me)
	}
}

// TestExportImportCommands: the command line exports the demo article as
// XLIFF, takes the file back after a CAT tool changed a target, and reports
// each unit; TMX goes into the memory.
func TestExportImportCommands(t *testing.T) {
	dir := t.TempDir()
	start(t, "--demo", "--data", dir)
	ctx := context.Background()
	var out, errOut bytes.Buffer
	file := filepath.Join(t.TempDir(), "demo.xlf")
	if code := run(ctx, []string{"export", "--data", dir, "--article", "1", "--format", "xliff12", "--draft", "--out", file}, nil, &out, &errOut); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut.String())
	}
	raw, err := os.ReadFile(file)
	if err != nil || !bytes.Contains(raw, []byte("<trans-unit")) {
		t.Fatalf("exported %s, %v", raw, err)
	}
	edited := bytes.Replace(raw, []byte(">We don't want intervention from any foreign government<"), []byte(">We do not want intervention from any foreign government<"), 1)
	if bytes.Equal(edited, raw) {
		t.Fatalf("the demo rendering is not a target of the export:\n%s", raw)
	}
	if err := os.WriteFile(file, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := run(ctx, []string{"import", "--data", dir, "--article", "1", "--as", "translator@demo.cotejo", file}, nil, &out, &errOut); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errOut.String())
	}
	var rep struct{ Updated, Unchanged int }
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil || rep.Updated != 1 || rep.Unchanged < 1 {
		t.Fatalf("import report %s (%v)", out.String(), err)
	}
	// A file that is not XLIFF is refused with a sentence, exit 1.
	bad := filepath.Join(t.TempDir(), "bad.xlf")
	_ = os.WriteFile(bad, []byte("<html/>"), 0o644)
	errOut.Reset()
	if code := run(ctx, []string{"import", "--data", dir, "--article", "1", "--as", "translator@demo.cotejo", bad}, nil, &out, &errOut); code != 1 || errOut.Len() == 0 {
		t.Fatalf("bad file: exit %d, %q", code, errOut.String())
	}
	out.Reset()
	if code := run(ctx, []string{"export", "--data", dir, "--article", "1", "--format", "csv", "--draft"}, nil, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "We do not want intervention") {
		t.Fatalf("csv export: exit %d: %s", code, out.String())
	}
}

// TestBackupCommand: `cotejo backup` copies the database of a running Cotejo
// into a new file; the copy serves the same newsroom. It never overwrites a
// file and never creates a database that was not there.
func TestBackupCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	in := start(t, "--demo", "--data", dir)
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"backup", "--data", dir}, nil, &out, &errOut); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, errOut.String())
	}
	m := regexp.MustCompile(`to (\S+/backups/cotejo-\d{8}-\d{6}\.db) \(\d+ bytes\)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("backup said %q", out.String())
	}
	var before []struct{ ID int64 }
	tok := in.token(t, "editor@demo.cotejo")
	in.getJSON(t, tok, "/api/v1/articles/1/quotes", &before)

	errOut.Reset()
	if code := run(ctx, []string{"backup", "--data", dir, "--out", m[1]}, nil, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "already exists") {
		t.Fatalf("backup onto an existing file: exit %d, %q", code, errOut.String())
	}
	missing := filepath.Join(t.TempDir(), "nothing-here")
	errOut.Reset()
	if code := run(ctx, []string{"backup", "--data", missing}, nil, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "no database") {
		t.Fatalf("backup of no database: exit %d, %q", code, errOut.String())
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Fatalf("backup of no database created %s: %v", missing, err)
	}

	in.stop()
	restored := t.TempDir()
	raw, err := os.ReadFile(m[1])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(restored, "cotejo.db"), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	again := start(t, "--data", restored)
	var after []struct{ ID int64 }
	again.getJSON(t, again.token(t, "editor@demo.cotejo"), "/api/v1/articles/1/quotes", &after)
	if len(after) == 0 || len(after) != len(before) {
		t.Fatalf("the restored copy has %d quotes, the original %d", len(after), len(before))
	}
}
