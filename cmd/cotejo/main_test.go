package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
)

const testPassword = "demo-password-for-tests"

// instance is a running `cotejo serve` started through run().
type instance struct {
	URL    string
	cancel context.CancelFunc
	done   chan int
	stderr *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var addrLine = regexp.MustCompile(`running at (http://[^/ ]+)/`)

// start runs `cotejo serve --addr 127.0.0.1:0 args…` and waits until it
// prints its address. It stops when the test ends.
func start(t testing.TB, args ...string) *instance {
	t.Helper()
	t.Setenv("COTEJO_DEMO_PASSWORD", testPassword)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	in := &instance{cancel: cancel, done: make(chan int, 1), stderr: &syncBuffer{}}
	go func() {
		in.done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), pw, in.stderr)
		pw.Close()
	}()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	deadline := time.After(60 * time.Second)
	for in.URL == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("cotejo serve stopped before listening:\n%s", in.stderr.String())
			}
			if m := addrLine.FindStringSubmatch(l); m != nil {
				in.URL = m[1]
			}
		case <-deadline:
			t.Fatalf("cotejo serve did not start:\n%s", in.stderr.String())
		}
	}
	go func() {
		for range lines {
		}
	}()
	t.Cleanup(in.stop)
	return in
}

func (in *instance) stop() {
	in.cancel()
	select {
	case <-in.done:
	case <-time.After(15 * time.Second):
	}
}

// token logs in through the API and returns a bearer token.
func (in *instance) token(t testing.TB, email string) string {
	t.Helper()
	body := `{"email":"` + email + `","password":"` + testPassword + `"}`
	res, err := http.Post(in.URL+"/api/v1/auth/token", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Token string `json:"token"`
	}
	if res.StatusCode != http.StatusCreated || json.NewDecoder(res.Body).Decode(&out) != nil || out.Token == "" {
		t.Fatalf("login as %s: status %d", email, res.StatusCode)
	}
	return out.Token
}

// getJSON GETs an API path with a token and decodes the answer into v.
func (in *instance) getJSON(t testing.TB, token, path string, v any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, in.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

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
