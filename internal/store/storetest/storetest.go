// Package storetest gives each test a fresh, migrated database: an SQLite
// file in the test's temporary folder, and, when COTEJO_TEST_DATABASE_URL
// names a PostgreSQL server, a schema of its own on that server.
//
// Tests that need PostgreSQL skip without it, unless COTEJO_REQUIRE_TOOLS=1
// (as CI sets), which turns the skip into a failure.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	mrand "math/rand"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/testenv"
)

// Required reports whether missing tools must fail tests instead of
// skipping them (see package testenv).
func Required() bool { return testenv.Required() }

// SkipOrFail skips the test with a reason, or fails it when tools are required.
func SkipOrFail(t testing.TB, format string, args ...any) {
	t.Helper()
	testenv.SkipOrFail(t, format, args...)
}

// Dialects lists the databases tests run against here: SQLite always,
// PostgreSQL when configured or required.
func Dialects() []string {
	if os.Getenv("COTEJO_TEST_DATABASE_URL") != "" || Required() {
		return []string{store.SQLite, store.Postgres}
	}
	sqliteOnly.Do(func() {
		fmt.Fprintln(os.Stderr, "storetest: COTEJO_TEST_DATABASE_URL is not set: these tests run on SQLite only, not again on PostgreSQL")
	})
	return []string{store.SQLite}
}

// sqliteOnly says once per test binary that PostgreSQL is left out.
var sqliteOnly sync.Once

// Each runs f as a subtest on a fresh database of every dialect.
func Each(t *testing.T, f func(t *testing.T, st *store.Store)) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(d, func(t *testing.T) { f(t, Open(t, d)) })
	}
}

// Open returns a fresh, migrated database of the given dialect.
func Open(t testing.TB, dialect string) *store.Store {
	t.Helper()
	st := OpenEmpty(t, dialect)
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return st
}

// OpenEmpty returns a fresh database of the given dialect, not migrated.
func OpenEmpty(t testing.TB, dialect string) *store.Store {
	t.Helper()
	if dialect == store.SQLite {
		return open(t, filepath.Join(t.TempDir(), "cotejo.db"))
	}
	return open(t, PostgresURL(t))
}

// OpenURL opens the database at url with opts, migrated, and closes it
// when the test ends. Opening one url more than once gives connections of
// their own to one database, as several instances of Cotejo behind a load
// balancer have.
func OpenURL(t testing.TB, url string, opts ...store.Option) *store.Store {
	t.Helper()
	st := open(t, url, opts...)
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return st
}

// open opens the database at url and closes it when the test ends.
func open(t testing.TB, url string, opts ...store.Option) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), url, opts...)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// PostgresURL returns a URL to a fresh schema of the test server, dropped
// when the test ends.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("COTEJO_TEST_DATABASE_URL")
	if base == "" {
		SkipOrFail(t, "COTEJO_TEST_DATABASE_URL is not set: no PostgreSQL to test against")
	}
	ctx := context.Background()
	admin, err := store.Open(ctx, base)
	if err != nil {
		SkipOrFail(t, "PostgreSQL at COTEJO_TEST_DATABASE_URL does not answer: %v", err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "cotejo_test_" + hex.EncodeToString(b)
	if err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_ = admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		_ = admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("COTEJO_TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// OggRecording is a recording-shaped file of n bytes: an Ogg Opus header,
// as a sniffer recognises one, then pseudo-random bytes, the same for the
// same n and no two chunks alike, so that a chunk read in the wrong place
// shows.
func OggRecording(n int) []byte {
	b := make([]byte, n)
	mrand.New(mrand.NewSource(int64(n))).Read(b)
	copy(b, "OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x01\x02\x03\x04\x00\x00\x00\x00\x00\x00\x00\x00\x01\x13OpusHead\x01\x01")
	return b
}
