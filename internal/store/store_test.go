package store_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/workflow"
)

var t0 = time.Date(2025, 11, 18, 15, 4, 5, 0, time.UTC)

func TestMigrateEmptyDatabase(t *testing.T) {
	eachEmpty(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		if v, err := st.SchemaVersion(ctx); err == nil && v != 0 {
			t.Fatalf("a new database is at version %d", v)
		}
		if err := st.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		ms, _ := store.Migrations()
		v, err := st.SchemaVersion(ctx)
		if err != nil || v != len(ms) || v < 2 {
			t.Fatalf("version after migrating = %d, %v; want %d", v, err, len(ms))
		}
		// Migrating again is a no-op.
		if err := st.Migrate(ctx); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
	})
}

// TestMigrateFromPreviousVersion fills a database at the previous schema
// version with rows as that version wrote them, upgrades it, and finds the
// data intact and what the new version derives from it filled in: the
// articles' search terms, the quotes' keys, the memory's term index and the
// comments' mentions.
func TestMigrateFromPreviousVersion(t *testing.T) {
	// From the version before the one that derives these (later ones,
	// such as the media migration, come after it).
	eachUpgrade(t, "indexes_and_derived", []string{
		`INSERT INTO users (id, email, name, roles, password_hash, created_at, updated_at) VALUES (7, 'ed@example.org', 'Ed', 'editor', 'x', '2025-11-18 15:04:05+00:00', '2025-11-18 15:04:05+00:00')`,
		`INSERT INTO articles (id, headline, body, language, status, created_by, created_at, updated_at) VALUES (3, 'Before the upgrade', '“Hola”, dijo la presidenta.', 'en', 'draft', 7, '2025-11-18 15:04:05+00:00', '2025-11-18 15:04:05+00:00')`,
		`INSERT INTO sources (id, kind, title, language, text, created_at, updated_at) VALUES (4, 'transcript', 'Mañanera', 'es', 'No queremos intervención.', '2025-11-18 15:04:05+00:00', '2025-11-18 15:04:05+00:00')`,
		`INSERT INTO quotes (id, article_id, original_text, original_lang, rendering_text, rendering_lang, source_id, status, created_at, updated_at) VALUES (5, 3, 'No queremos intervención.', 'es', 'We do not want intervention.', 'en', 4, 'draft', '2025-11-18 15:04:05+00:00', '2025-11-18 15:04:05+00:00')`,
		`INSERT INTO tm_units (id, source_text, source_lang, target_text, target_lang, origin, created_at) VALUES (9, 'No queremos intervención de ningún gobierno.', 'es', 'We want no intervention.', 'en', 'old.tmx', '2025-11-18 15:04:05+00:00')`,
		`INSERT INTO comments (id, quote_id, article_id, user_id, body, mentions, created_at) VALUES (11, 5, 3, 7, '@ed look', '[7]', '2025-11-18 15:04:05+00:00')`,
	}, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		got, err := st.Article(ctx, 3)
		if err != nil || got.Headline != "Before the upgrade" || got.CreatedBy != 7 || !got.CreatedAt.Equal(t0) {
			t.Fatalf("article after the upgrade: %+v, %v", got, err)
		}
		if list, _, err := st.Articles(ctx, cotejo.ArticleFilter{Query: "presiden"}); err != nil || len(list) != 1 {
			t.Errorf("search after the upgrade: %d articles, %v", len(list), err)
		}
		if sib, err := st.Siblings(ctx, []string{"no queremos INTERVENCIÓN"}); err != nil || len(sib["no queremos INTERVENCIÓN"]) != 1 {
			t.Errorf("siblings after the upgrade: %v, %v", sib, err)
		}
		if src, err := st.Source(ctx, 4); err != nil || src.TextHash != store.TextHash(src.Text) || src.TextLength != 25 {
			t.Errorf("source after the upgrade: %+v, %v", src, err)
		}
		if ps, err := st.TMPostings(ctx, []string{"es:intervencion", "es:ningun"}); err != nil ||
			!slices.Equal(ps["es:intervencion"], []int64{9}) || !slices.Equal(ps["es:ningun"], []int64{9}) {
			t.Errorf("memory index after the upgrade: %v, %v", ps, err)
		}
		if cs, err := st.CommentsMentioning(ctx, 7, 10); err != nil || len(cs) != 1 {
			t.Errorf("mentions after the upgrade: %v, %v", cs, err)
		}
		// New rows work as before.
		g := &cotejo.GlossaryTerm{Source: cotejo.LangText{Text: "injerencia", Lang: "es"},
			Target: cotejo.LangText{Text: "interference", Lang: "en"}, Forbidden: []string{"meddling"},
			CreatedBy: 7, CreatedAt: t0, UpdatedAt: t0}
		if err := st.Tx(ctx, func(tx *store.Tx) error { return tx.CreateGlossaryTerm(ctx, g) }); err != nil {
			t.Fatal(err)
		}
		terms, err := st.GlossaryTerms(ctx)
		if err != nil || len(terms) != 1 || terms[0].Forbidden[0] != "meddling" || terms[0].Version != 1 {
			t.Fatalf("glossary after the upgrade: %+v, %v", terms, err)
		}
	})
}

func TestSQLiteSettingsTake(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.Dialect() != store.SQLite {
		t.Fatalf("dialect %q", st.Dialect())
	}
	// Foreign keys are enforced: a quote of a missing article is refused.
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	err = st.Tx(ctx, func(tx *store.Tx) error {
		return tx.CreateQuote(ctx, &cotejo.Quote{ArticleID: 999, Original: cotejo.LangText{Lang: "es"},
			Rendering: cotejo.LangText{Lang: "en"}, Status: cotejo.QuoteDraft, CreatedAt: t0, UpdatedAt: t0})
	})
	if err == nil {
		t.Fatal("a quote of a missing article was stored: foreign keys are off")
	}
}

// TestVersionedWrites: a write based on an old version changes nothing and
// reports the current value.
func TestVersionedWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := &cotejo.Article{Headline: "One", Body: "b", Language: "en", Status: cotejo.ArticleDraft, CreatedAt: t0, UpdatedAt: t0}
		if err := st.Tx(ctx, func(tx *store.Tx) error { return tx.CreateArticle(ctx, a) }); err != nil {
			t.Fatal(err)
		}
		stale := *a
		a.Headline = "Two"
		if err := st.Tx(ctx, func(tx *store.Tx) error { return tx.UpdateArticle(ctx, a) }); err != nil {
			t.Fatal(err)
		}
		if a.Version != 2 {
			t.Fatalf("version after one update = %d", a.Version)
		}
		stale.Headline = "Three"
		err := st.Tx(ctx, func(tx *store.Tx) error { return tx.UpdateArticle(ctx, &stale) })
		e := cotejo.AsError(err)
		if e == nil || e.Code != cotejo.CodeVersionConflict {
			t.Fatalf("stale update: %v", err)
		}
		if cur, ok := cotejo.Current[*cotejo.Article](err); !ok || cur.Headline != "Two" || cur.Version != 2 {
			t.Fatalf("conflict details = %#v", e.Details)
		}
		got, _ := st.Article(ctx, a.ID)
		if got.Headline != "Two" {
			t.Fatalf("the stale write overwrote: %q", got.Headline)
		}
		if err := st.Tx(ctx, func(tx *store.Tx) error { return tx.DeleteArticle(ctx, a.ID, 1) }); cotejo.ErrorCode(err) != cotejo.CodeVersionConflict {
			t.Fatalf("stale delete: %v", err)
		}
		if _, err := st.Article(ctx, 12345); cotejo.ErrorCode(err) != cotejo.CodeNotFound {
			t.Fatalf("missing article: %v", err)
		}
	})
}

// TestTransactionRollsBack: an error inside a transaction leaves nothing behind.
func TestTransactionRollsBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := st.InTx(ctx, func(tx workflow.Tx) error {
			a := &cotejo.Article{Headline: "Gone", Body: "b", Language: "en", Status: cotejo.ArticleDraft, CreatedAt: t0, UpdatedAt: t0}
			if err := tx.CreateArticle(ctx, a); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		list, _, err := st.Articles(ctx, cotejo.ArticleFilter{})
		if err != nil || len(list) != 0 {
			t.Fatalf("after a rollback: %d articles, %v", len(list), err)
		}
	})
}

// TestTextsRoundTrip: what is stored comes back byte for byte, across
// scripts, and list search finds text case-insensitively.
func TestTextsRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		body := "«No aceptamos» — dijo. 「引用」 “We don’t” 100 %_\\ 👍"
		a := &cotejo.Article{Headline: "Ñandú Über", Body: body, Language: "es-MX", Status: cotejo.ArticleDraft, CreatedAt: t0, UpdatedAt: t0}
		if err := st.Tx(ctx, func(tx *store.Tx) error { return tx.CreateArticle(ctx, a) }); err != nil {
			t.Fatal(err)
		}
		got, err := st.Article(ctx, a.ID)
		if err != nil || got.Body != body || got.Headline != a.Headline {
			t.Fatalf("round trip: %q, %v", got.Body, err)
		}
		for q, want := range map[string]int{"über": 1, "100 %_": 1, "_\\": 1, "nothing": 0} {
			list, _, err := st.Articles(ctx, cotejo.ArticleFilter{Query: q})
			if err != nil || len(list) != want {
				t.Errorf("search %q: %d results, %v; want %d", q, len(list), err, want)
			}
		}
		if !strings.Contains(got.Body, "👍") {
			t.Fatal("lost a character outside the BMP")
		}
	})
}

// TestMemoryInBatches: pairs added in one call (more than one INSERT's
// worth) all get their ids, and a search by language finds es-MX under es.
func TestMemoryInBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		us := make([]*cotejo.TMUnit, 1201)
		for i := range us {
			lang := "es"
			if i%2 == 1 {
				lang = "es-MX"
			}
			us[i] = &cotejo.TMUnit{Source: cotejo.LangText{Text: fmt.Sprintf("frase %d", i), Lang: lang},
				Target: cotejo.LangText{Text: fmt.Sprintf("phrase %d", i), Lang: "en"}, Origin: "tmx", CreatedAt: t0}
		}
		us = append(us, &cotejo.TMUnit{Source: cotejo.LangText{Text: "phrase", Lang: "fr"}, Target: cotejo.LangText{Text: "sentence", Lang: "en"}, Origin: "tmx", CreatedAt: t0})
		if err := st.Tx(ctx, func(tx *store.Tx) error { return tx.AddTMUnits(ctx, us) }); err != nil {
			t.Fatal(err)
		}
		ids := map[int64]bool{}
		for _, u := range us {
			if u.ID == 0 || ids[u.ID] {
				t.Fatalf("unit %q has id %d", u.Source.Text, u.ID)
			}
			ids[u.ID] = true
		}
		got, err := st.TMUnits(ctx, "es", 5000)
		if err != nil || len(got) != 1201 {
			t.Fatalf("Spanish pairs: %d, %v", len(got), err)
		}
		if got[0].ID != us[1200].ID || got[0].Source.Text != "frase 1200" {
			t.Fatalf("newest first: %+v", got[0])
		}
	})
}

// TestMemoryPostings: a term's posting list holds every pair holding it,
// ascending, across blocks filled by more than one import, and loses the
// pairs taken out; the counts follow.
func TestMemoryPostings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var all, odd []int64
		for _, n := range []int{store.PostingBlock - 10, 30, store.PostingBlock + 5} {
			us := make([]*cotejo.TMUnit, n)
			for i := range us {
				text := "la frase"
				if len(all)%2 == 1 {
					text = "la otra frase"
				}
				us[i] = &cotejo.TMUnit{Source: cotejo.LangText{Text: text, Lang: "es"},
					Target: cotejo.LangText{Text: "a phrase", Lang: "en"}, Origin: "tmx", CreatedAt: t0}
				all = append(all, 0)
			}
			if err := st.Tx(ctx, func(tx *store.Tx) error { return tx.AddTMUnits(ctx, us) }); err != nil {
				t.Fatal(err)
			}
			for i, u := range us {
				all[len(all)-n+i] = u.ID
				if (len(all)-n+i)%2 == 1 {
					odd = append(odd, u.ID)
				}
			}
		}
		ps, err := st.TMPostings(ctx, []string{"es:frase", "es:otra", "es:nada"})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ps["es:frase"], all) || !slices.Equal(ps["es:otra"], odd) || len(ps["es:nada"]) != 0 {
			t.Fatalf("postings: frase %d ids (want %d), otra %d (want %d), nada %d",
				len(ps["es:frase"]), len(all), len(ps["es:otra"]), len(odd), len(ps["es:nada"]))
		}
		// Out go the first pair, one inside a block and the last.
		gone := []int64{all[0], all[store.PostingBlock+3], all[len(all)-1]}
		if err := st.DeleteTMUnits(ctx, gone); err != nil {
			t.Fatal(err)
		}
		left := slices.DeleteFunc(slices.Clone(all), func(id int64) bool { return slices.Contains(gone, id) })
		ps, err = st.TMPostings(ctx, []string{"es:frase"})
		if err != nil || !slices.Equal(ps["es:frase"], left) {
			t.Fatalf("after taking out %v: %d ids, want %d (%v)", gone, len(ps["es:frase"]), len(left), err)
		}
		counts, err := st.TMTermCounts(ctx, []string{"es:frase", "es:otra"})
		if err != nil || counts["es:frase"] != int64(len(left)) || counts["es:otra"] != int64(len(odd)-1) {
			t.Fatalf("counts %v, want frase %d, otra %d (%v)", counts, len(left), len(odd)-1, err)
		}
	})
}

// TestListLimits: a list returns 100 rows unless asked otherwise, and a limit
// above 500 is clamped to 500, not ignored.
func TestListLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		err := st.Tx(ctx, func(tx *store.Tx) error {
			for i := range 501 {
				s := &cotejo.Source{Kind: cotejo.KindTranscript, Title: fmt.Sprint("S", i), Language: "es", Text: "t", CreatedAt: t0, UpdatedAt: t0}
				if err := tx.CreateSource(ctx, s); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ limit, want int }{{0, 100}, {-3, 100}, {7, 7}, {500, 500}, {10000, 500}} {
			list, _, err := st.Sources(ctx, cotejo.PageRequest{Limit: c.limit})
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != c.want {
				t.Errorf("Sources(limit %d) = %d rows, want %d", c.limit, len(list), c.want)
			}
		}
		// Following the cursors reads every source once, newest first, and ends.
		seen, last := map[int64]bool{}, int64(1<<62)
		p := cotejo.PageRequest{Limit: 70}
		for pages := 0; ; pages++ {
			list, next, err := st.Sources(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range list {
				if seen[s.ID] || s.ID >= last {
					t.Fatalf("page %d: source %d repeated or out of order", pages, s.ID)
				}
				seen[s.ID], last = true, s.ID
			}
			if next == "" {
				break
			}
			p.Cursor = next
		}
		if len(seen) != 501 {
			t.Errorf("the pages held %d sources, want 501", len(seen))
		}
		if _, _, err := st.Sources(ctx, cotejo.PageRequest{Cursor: "not-a-cursor"}); cotejo.ErrorCode(err) != cotejo.CodeInvalid {
			t.Errorf("a made-up cursor: %v, want invalid", err)
		}
	})
}

// TestBackup: a backup of a database in use is a complete, self-contained
// copy that opens as a Cotejo database; it never overwrites a file, and
// PostgreSQL is refused with the way to back it up.
func TestBackup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		out := filepath.Join(t.TempDir(), "copies", "cotejo-backup.db")
		if st.Dialect() == store.Postgres {
			if err := st.Backup(ctx, out); !errors.Is(err, store.ErrBackupPostgres) {
				t.Fatalf("backup of PostgreSQL: %v", err)
			}
			return
		}
		a := &cotejo.Article{Headline: "Años de soberanía", Body: "b", Language: "en", Status: cotejo.ArticleDraft, CreatedAt: t0, UpdatedAt: t0}
		if err := st.Tx(ctx, func(tx *store.Tx) error { return tx.CreateArticle(ctx, a) }); err != nil {
			t.Fatal(err)
		}
		if err := st.Backup(ctx, out); err != nil {
			t.Fatal(err)
		}
		// A write after the backup is in the database, not in the copy.
		if err := st.Tx(ctx, func(tx *store.Tx) error {
			return tx.CreateArticle(ctx, &cotejo.Article{Headline: "Later", Body: "b", Language: "en", Status: cotejo.ArticleDraft, CreatedAt: t0, UpdatedAt: t0})
		}); err != nil {
			t.Fatal(err)
		}
		if err := st.Backup(ctx, out); err == nil || !strings.Contains(err.Error(), "already exists") {
			t.Fatalf("a second backup to the same file: %v", err)
		}
		cp, err := store.Open(ctx, out)
		if err != nil {
			t.Fatal(err)
		}
		defer cp.Close()
		v, err := cp.SchemaVersion(ctx)
		ms, _ := store.Migrations()
		if err != nil || v != len(ms) {
			t.Fatalf("the copy's schema version = %d, %v; want %d", v, err, len(ms))
		}
		list, _, err := cp.Articles(ctx, cotejo.ArticleFilter{})
		if err != nil || len(list) != 1 || list[0].Headline != "Años de soberanía" {
			t.Fatalf("the copy holds %+v, %v", list, err)
		}
	})
}

// TestSQLIsLogged: with a logger, every statement is logged at debug level
// with its SQL and time, and a statement slower than the threshold at warn
// level; a logger at info level gets only the slow ones.
func TestSQLIsLogged(t *testing.T) {
	ctx := context.Background()
	var debug, info strings.Builder
	open := func(w *strings.Builder, level slog.Level, slow time.Duration) *store.Store {
		l := slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
		return storetest.OpenURL(t, filepath.Join(t.TempDir(), "x.db"), store.WithLogger(l, slow))
	}
	st := open(&debug, slog.LevelDebug, time.Hour)
	if _, err := st.Article(ctx, 42); cotejo.ErrorCode(err) != cotejo.CodeNotFound {
		t.Fatal(err)
	}
	if s := debug.String(); !strings.Contains(s, "level=DEBUG msg=sql") || !strings.Contains(s, "FROM `articles` WHERE `articles`.`id` = 42") || strings.Contains(s, "slow sql") {
		t.Fatalf("debug log:\n%s", s)
	}
	st = open(&info, slog.LevelInfo, time.Nanosecond)
	if _, err := st.Article(ctx, 42); cotejo.ErrorCode(err) != cotejo.CodeNotFound {
		t.Fatal(err)
	}
	if s := info.String(); !strings.Contains(s, "level=WARN msg=\"slow sql\"") || strings.Contains(s, "level=DEBUG") {
		t.Fatalf("info log with a 1ns threshold:\n%s", s)
	}
}

// TestArticleRevisions: an article's revision moves with every change of
// what its pages show (its own fields, its quotes, its passage marks, its
// sources, its comments, the quotes elsewhere with the same original) and
// with nothing else.
func TestArticleRevisions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var a, b, c cotejo.Article
		var qa, qb cotejo.Quote
		src := &cotejo.Source{Kind: cotejo.KindTranscript, Title: "T", Language: "es", Text: "No queremos intervención.", CreatedAt: t0, UpdatedAt: t0}
		tx := func(f func(tx *store.Tx) error) {
			t.Helper()
			if err := st.Tx(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		tx(func(tx *store.Tx) error {
			for _, x := range []*cotejo.Article{&a, &b, &c} {
				*x = cotejo.Article{Headline: "H", Body: "“We want no intervention,” she said.", Language: "en", Status: cotejo.ArticleDraft, CreatedAt: t0, UpdatedAt: t0}
				if err := tx.CreateArticle(ctx, x); err != nil {
					return err
				}
			}
			if err := tx.CreateSource(ctx, src); err != nil {
				return err
			}
			if err := tx.AttachSource(ctx, c.ID, src.ID); err != nil {
				return err
			}
			for _, p := range []struct {
				q *cotejo.Quote
				a int64
			}{{&qa, a.ID}, {&qb, b.ID}} {
				*p.q = cotejo.Quote{ArticleID: p.a, Original: cotejo.LangText{Text: "No queremos intervención.", Lang: "es"},
					Rendering: cotejo.LangText{Text: "We want no intervention", Lang: "en"}, Status: cotejo.QuoteDraft, CreatedAt: t0, UpdatedAt: t0}
				if err := tx.CreateQuote(ctx, p.q); err != nil {
					return err
				}
			}
			return nil
		})
		revs := func() [3]string {
			t.Helper()
			var out [3]string
			for i, id := range []int64{a.ID, b.ID, c.ID} {
				r, err := st.ArticleRevision(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				out[i] = r
			}
			return out
		}
		step := func(what string, moved [3]bool, f func(tx *store.Tx) error) {
			t.Helper()
			before := revs()
			tx(f)
			after := revs()
			for i := range 3 {
				if (before[i] != after[i]) != moved[i] {
					t.Errorf("%s: article %d revision %s → %s, want moved=%v", what, i, before[i], after[i], moved[i])
				}
			}
		}
		step("a status change of a quote", [3]bool{true, false, false}, func(tx *store.Tx) error {
			qa.Status = cotejo.QuoteTranslated
			return tx.UpdateQuote(ctx, &qa)
		})
		step("new words in a quote with a sibling elsewhere", [3]bool{true, true, false}, func(tx *store.Tx) error {
			qa.Rendering.Text = "We do not want intervention"
			return tx.UpdateQuote(ctx, &qa)
		})
		step("a passage mark", [3]bool{false, true, false}, func(tx *store.Tx) error {
			return tx.CreatePassageIgnore(ctx, &cotejo.PassageIgnore{ArticleID: b.ID, Anchor: cotejo.Anchor{Start: 0, End: 3, Exact: "“We", State: cotejo.AnchorExact}, Reason: "r", CreatedAt: t0})
		})
		step("a comment", [3]bool{true, false, false}, func(tx *store.Tx) error {
			return tx.CreateComment(ctx, &cotejo.Comment{QuoteID: qa.ID, ArticleID: a.ID, Body: "ok", CreatedAt: t0})
		})
		step("the text of an attached source", [3]bool{false, false, true}, func(tx *store.Tx) error {
			src.Text = "No queremos ninguna intervención."
			return tx.UpdateSource(ctx, src)
		})
		step("the article itself", [3]bool{false, false, true}, func(tx *store.Tx) error {
			c.Headline = "H2"
			return tx.UpdateArticle(ctx, &c)
		})
		step("the glossary", [3]bool{true, true, true}, func(tx *store.Tx) error {
			return tx.CreateGlossaryTerm(ctx, &cotejo.GlossaryTerm{Source: cotejo.LangText{Text: "x", Lang: "es"}, Target: cotejo.LangText{Text: "y", Lang: "en"}, CreatedAt: t0, UpdatedAt: t0})
		})
		step("deleting the sibling", [3]bool{true, true, false}, func(tx *store.Tx) error { return tx.DeleteQuote(ctx, qb.ID, qb.Version) })
		if _, err := st.ArticleRevision(ctx, 9999); cotejo.ErrorCode(err) != cotejo.CodeNotFound {
			t.Errorf("revision of no article: %v", err)
		}
	})
}

// TestMigrateReasonCodes: the reasons Cotejo wrote on quotes in English
// before reasons had codes come out of the upgrade as codes with what they
// name; a person's reason stays their words, and old events keep theirs,
// read as the code they name.
func TestMigrateReasonCodes(t *testing.T) {
	eachUpgrade(t, "reason_codes", []string{
		`INSERT INTO articles (id, headline, body, language, status, created_at, updated_at) VALUES (3, 'H', 'B', 'en', 'draft', '2025-11-18 15:04:05+00:00', '2025-11-18 15:04:05+00:00')`,
		`INSERT INTO quotes (id, article_id, original_lang, rendering_lang, status, status_reason, created_at, updated_at) VALUES (5, 3, 'es', 'en', 'needs_review', 'changed after verification: speaker, source_anchor', '2025-11-18 15:04:05+00:00', '2025-11-18 15:04:05+00:00')`,
		`INSERT INTO quotes (id, article_id, original_lang, rendering_lang, status, status_reason, created_at, updated_at) VALUES (6, 3, 'es', 'en', 'needs_review', 'source timing changed: the quote''s media range moved', '2025-11-18 15:04:05+00:00', '2025-11-18 15:04:05+00:00')`,
		`INSERT INTO quotes (id, article_id, original_lang, rendering_lang, status, status_reason, created_at, updated_at) VALUES (7, 3, 'es', 'en', 'rejected', 'changed after lunch', '2025-11-18 15:04:05+00:00', '2025-11-18 15:04:05+00:00')`,
		`INSERT INTO events (at, entity, entity_id, article_id, action, reason) VALUES ('2025-11-18 15:04:05+00:00', 'article', 3, 3, 'transition', 'body changed after approval')`,
	}, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		for id, want := range map[int64]cotejo.Reason{
			5: cotejo.Because(cotejo.ReasonChangedAfterVerification, "speaker", "source_anchor"),
			6: cotejo.Because(cotejo.ReasonMediaMoved),
			7: cotejo.Said("changed after lunch"),
		} {
			if q, err := st.Quote(ctx, id); err != nil || q.StatusReason != want {
				t.Errorf("quote %d after the upgrade: %+v, %v; want %+v", id, q.StatusReason, err, want)
			}
		}
		evs, err := st.Events(ctx, cotejo.EntityArticle, 3)
		if err != nil || len(evs) != 1 || evs[0].Payload != 1 || evs[0].Reason != cotejo.Because(cotejo.ReasonBodyChanged) {
			t.Errorf("the old event: %+v, %v", evs, err)
		}
	})
}

// TestQuoteColumns: the plain statement that updates a quote writes every
// column of the quotes table but its id, article, and creation time, one
// value each.
func TestQuoteColumns(t *testing.T) {
	st := storetest.Open(t, store.SQLite)
	var cols []string
	if err := st.Columns(context.Background(), "quotes", &cols); err != nil {
		t.Fatal(err)
	}
	set, n := store.QuoteColumns()
	written := map[string]bool{}
	for _, part := range strings.Split(set, ",") {
		written[strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(part), "= ?"))] = true
	}
	if len(written) != n {
		t.Fatalf("%d columns for %d values", len(written), n)
	}
	for _, c := range cols {
		if c == "id" || c == "article_id" || c == "created_at" {
			continue
		}
		if !written[c] {
			t.Errorf("an update of a quote does not write %s", c)
		}
	}
}

// TestArticleSearchFollowsEdits: the search of the articles list finds an
// article by the words it holds now, whole or as the start of the last word
// typed, and no longer by words an edit took away.
func TestArticleSearchFollowsEdits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		arts := make([]*cotejo.Article, 3)
		if err := st.Tx(ctx, func(tx *store.Tx) error {
			for i, body := range []string{"Aranceles y remesas.", "Remesas récord.", "El huracán Erick."} {
				arts[i] = &cotejo.Article{Headline: fmt.Sprint("H", i), Body: body, Language: "es", Status: cotejo.ArticleDraft, CreatedAt: t0, UpdatedAt: t0.Add(time.Duration(i) * time.Minute)}
				if err := tx.CreateArticle(ctx, arts[i]); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		found := func(q string) []string {
			t.Helper()
			list, _, err := st.Articles(ctx, cotejo.ArticleFilter{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, a := range list {
				out = append(out, a.Headline)
			}
			return out
		}
		for q, want := range map[string][]string{"remesas": {"H1", "H0"}, "REMESA": {"H1", "H0"}, "remesa ": nil,
			"aranceles remes": {"H0"}, "huracan": {"H2"}, "nada": nil} {
			if got := found(q); !slices.Equal(got, want) {
				t.Errorf("search %q = %v, want %v", q, got, want)
			}
		}
		arts[0].Body = "Solo aranceles."
		if err := st.Tx(ctx, func(tx *store.Tx) error { return tx.UpdateArticle(ctx, arts[0]) }); err != nil {
			t.Fatal(err)
		}
		if got := found("remesas"); !slices.Equal(got, []string{"H1"}) {
			t.Errorf("after the edit, remesas = %v", got)
		}
		if got := found("solo arance"); !slices.Equal(got, []string{"H0"}) {
			t.Errorf("after the edit, solo arance = %v", got)
		}
	})
}

// TestMachineTranslations: what providers suggested is read back for each
// original asked for, by provider, into the target's primary language; an
// original nobody translated has none.
func TestMachineTranslations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		hola := workflow.Original{Text: "Hola.", Lang: "es-MX"}
		adios := workflow.Original{Text: "Adiós.", Lang: "es"}
		for _, s := range []struct {
			o      workflow.Original
			target string
			m      workflow.MachineText
		}{
			{hola, "en", workflow.MachineText{Provider: "libretranslate", Text: "Hello."}},
			{hola, "en", workflow.MachineText{Provider: "apertium", Text: "Hello!"}},
			{hola, "fr", workflow.MachineText{Provider: "apertium", Text: "Bonjour."}},
			{adios, "en", workflow.MachineText{Provider: "apertium", Text: "Goodbye."}},
		} {
			if err := st.SaveMachineTranslation(ctx, s.o, s.target, s.m, t0); err != nil {
				t.Fatal(err)
			}
		}
		got, err := st.MachineTranslations(ctx, []workflow.Original{hola, adios, {Text: "Nada.", Lang: "es"}}, "en-US")
		want := map[string][]workflow.MachineText{
			"Hola.":  {{Provider: "apertium", Text: "Hello!"}, {Provider: "libretranslate", Text: "Hello."}},
			"Adiós.": {{Provider: "apertium", Text: "Goodbye."}},
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("machine translations = %v, %v; want %v", got, err, want)
		}
		if got, err := st.MachineTranslations(ctx, nil, "en"); err != nil || got == nil || len(got) != 0 {
			t.Errorf("for no originals: %#v, %v", got, err)
		}
	})
}
