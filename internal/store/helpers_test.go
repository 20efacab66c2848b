package store_test

import (
	"testing"

	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
)

// eachEmpty runs f as a subtest on a database of every dialect that no
// migration has run on yet.
func eachEmpty(t *testing.T, f func(t *testing.T, st *store.Store)) {
	t.Helper()
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) { f(t, storetest.OpenEmpty(t, d)) })
	}
}

// eachUpgrade runs check as a subtest on a database of every dialect that
// stood at the version before the migration called name, held the rows the
// statements write (as the code of that version wrote them), and was then
// upgraded to the newest version.
func eachUpgrade(t *testing.T, name string, statements []string, check func(t *testing.T, st *store.Store)) {
	t.Helper()
	ms, err := store.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	before := -1
	for _, m := range ms {
		if m.Name == name {
			before = m.Version - 1
		}
	}
	if before < 0 {
		t.Fatalf("no migration %s", name)
	}
	eachEmpty(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		if err := st.MigrateTo(ctx, before); err != nil {
			t.Fatal(err)
		}
		for _, q := range statements {
			if err := st.Exec(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if err := st.Migrate(ctx); err != nil {
			t.Fatalf("upgrade: %v", err)
		}
		check(t, st)
	})
}
