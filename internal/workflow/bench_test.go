package workflow_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the peer reads PostgreSQL directly
	"golang.org/x/crypto/bcrypt"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/interchange"
	"github.com/cotejo/cotejo/internal/loadgen"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/testenv"
	"github.com/cotejo/cotejo/internal/workflow"
)

// Benchmarks of the use cases at a newsroom's size, each against a peer in
// the same run:
//
//	go test ./internal/workflow -run XXX -bench 'Memory|ImportXLIFF|CreateQuote' -benchtime 3x

// memoryDSN names the database of a memory of n generated pairs: an SQLite
// file, or a schema of the test PostgreSQL server, kept between runs (they
// take minutes to write at a million pairs).
func memoryDSN(b *testing.B, dialect string, n int) string {
	b.Helper()
	ctx := context.Background()
	name := strings.ReplaceAll(loadgen.Spec{TMPairs: n, Seed: 5}.Name(), "-", "_")
	var dsn string
	switch dialect {
	case store.SQLite:
		dir := os.Getenv("COTEJO_BENCH_DIR")
		if dir == "" {
			dir = filepath.Join(os.TempDir(), "cotejo-bench")
		}
		_ = os.MkdirAll(dir, 0o755)
		dsn = filepath.Join(dir, name+".db")
	default:
		base := os.Getenv("COTEJO_TEST_DATABASE_URL")
		if base == "" {
			testenv.SkipOrFail(b, "COTEJO_TEST_DATABASE_URL is not set: no PostgreSQL to measure on")
		}
		admin, err := store.Open(ctx, base)
		if err != nil {
			b.Fatal(err)
		}
		defer admin.Close()
		if err := admin.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS bench_"+name); err != nil {
			b.Fatal(err)
		}
		dsn = base + "&search_path=bench_" + name
	}
	return dsn
}

// memoryDB opens the database of memoryDSN, writing its pairs first when it
// holds none yet.
func memoryDB(b *testing.B, dialect string, n int) *store.Store {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, memoryDSN(b, dialect, n))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Close() })
	if err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if have, err := st.TMUnits(ctx, "es", 1); err != nil || len(have) == 0 {
		start := time.Now()
		if err := loadgen.Write(ctx, st, loadgen.Spec{TMPairs: n, Seed: 5}); err != nil {
			b.Fatal(err)
		}
		b.Logf("wrote %d memory pairs (%s) in %s", n, dialect, time.Since(start).Round(time.Second))
	}
	return st
}

// nearDuplicates are queries made from 50 pairs of the oldest tenth of the
// memory by changing one word: what a translator types when a remark was
// said again with a new figure or place. want holds each pair's original.
func nearDuplicates(b *testing.B, st *store.Store, n int) (queries, want []string) {
	b.Helper()
	all, err := st.TMUnits(context.Background(), "es", n) // newest first
	if err != nil || len(all) < 500 {
		b.Fatalf("memory: %d pairs, %v", len(all), err)
	}
	old := all[len(all)-len(all)/10:]
	number := regexp.MustCompile(`\d+`)
	for i := range 50 {
		u := old[i*len(old)/50]
		q := number.ReplaceAllStringFunc(u.Source.Text, func(s string) string { return s + "1" })
		if q == u.Source.Text {
			q = strings.Replace(u.Source.Text, "en ", "para ", 1)
		}
		queries, want = append(queries, q), append(want, u.Source.Text)
	}
	return queries, want
}

// BenchmarkMemory searches memories of 100,000 and 1,000,000 pairs for 50
// near-duplicates of old pairs, with Cotejo's term index and, on
// PostgreSQL, with pg_trgm's similarity on a trigram index (the method
// Weblate uses), and reports the median and 99th-percentile time of a
// query and how many of the 50 were found among the first ten.
func BenchmarkMemory(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		for _, d := range []string{store.SQLite, store.Postgres} {
			if d == store.Postgres && os.Getenv("COTEJO_TEST_DATABASE_URL") == "" {
				continue
			}
			b.Run(fmt.Sprintf("pairs=%d/%s", n, d), func(b *testing.B) { benchMemory(b, d, n) })
		}
	}
}

func benchMemory(b *testing.B, d string, n int) {
	st := memoryDB(b, d, n)
	svc := workflow.New(st)
	queries, want := nearDuplicates(b, st, n)
	search := map[string]func(q string) ([]string, error){
		"cotejo": func(q string) ([]string, error) {
			ms, err := svc.SearchTM(context.Background(), q, "es", "", 10)
			var out []string
			for _, m := range ms {
				out = append(out, m.Original.Text)
			}
			return out, err
		},
	}
	if d == store.Postgres {
		ctx := context.Background()
		if err := st.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"); err != nil {
			b.Fatal(err)
		}
		if err := st.Exec(ctx, "CREATE INDEX IF NOT EXISTS tm_units_trgm ON tm_units USING gin (source_text public.gin_trgm_ops)"); err != nil {
			b.Fatal(err)
		}
		db, err := sql.Open("pgx", memoryDSN(b, d, n))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = db.Close() })
		search["pg_trgm"] = func(q string) ([]string, error) {
			rows, err := db.Query("SELECT source_text FROM tm_units WHERE source_text OPERATOR(public.%) $1 ORDER BY public.similarity(source_text, $1) DESC LIMIT 10", q)
			if err != nil {
				return nil, err
			}
			defer rows.Close()
			var out []string
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					return nil, err
				}
				out = append(out, s)
			}
			return out, rows.Err()
		}
	}
	for _, method := range []string{"cotejo", "pg_trgm"} {
		f := search[method]
		if f == nil {
			continue
		}
		b.Run(method, func(b *testing.B) {
			var times []time.Duration
			found := 0
			for range b.N {
				found = 0
				for i, q := range queries {
					t := time.Now()
					got, err := f(q)
					times = append(times, time.Since(t))
					if err != nil {
						b.Fatal(err)
					}
					if slices.Contains(got, want[i]) {
						found++
					}
				}
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(found), "found/50")
		})
	}
}

// bigArticle is a newsroom on SQLite whose one article (id 1) has 2,000
// quotes, with the service over it and the translator of the quotes.
func bigArticle(b *testing.B) (*store.Store, *workflow.Service, *cotejo.User) {
	b.Helper()
	ctx := context.Background()
	st := storetest.Open(b, store.SQLite)
	svc := workflow.New(st, workflow.WithBcryptCost(bcrypt.MinCost))
	u := &cotejo.User{Email: "t@example.org", Name: "T", Roles: []cotejo.Role{cotejo.RoleTranslator}}
	if err := svc.CreateUser(ctx, nil, u, "a long enough password"); err != nil {
		b.Fatal(err)
	}
	if err := loadgen.Write(ctx, st, loadgen.Spec{Articles: 1, QuotesPerArticle: 2000, Seed: 9, Users: []int64{u.ID}}); err != nil {
		b.Fatal(err)
	}
	return st, svc, u
}

// BenchmarkImportXLIFF imports an XLIFF 1.2 file of 2,000 edited targets
// into an article, and, as the peer, has Translate Toolkit load and save
// the same file.
func BenchmarkImportXLIFF(b *testing.B) {
	ctx := context.Background()
	st, svc, u := bigArticle(b)
	if err := st.Exec(ctx, "UPDATE quotes SET status = 'translated'"); err != nil {
		b.Fatal(err)
	}
	if err := st.Exec(ctx, "UPDATE articles SET status = 'draft'"); err != nil {
		b.Fatal(err)
	}
	// export writes the article's XLIFF with every target edited.
	round := 0
	export := func() []byte {
		b.Helper()
		var buf bytes.Buffer
		if _, err := svc.Export(ctx, &buf, 1, interchange.FormatXLIFF12, true, ""); err != nil {
			b.Fatal(err)
		}
		round++
		mark := fmt.Sprintf(" (rev. %d)</target>", round)
		return bytes.ReplaceAll(buf.Bytes(), []byte("</target>"), []byte(mark))
	}
	file := filepath.Join(b.TempDir(), "article.xlf")
	b.Run("cotejo", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			x := export()
			_ = os.WriteFile(file, x, 0o644)
			b.StartTimer()
			rep, err := svc.ImportXLIFF(ctx, u, 1, bytes.NewReader(x), interchange.Limits{})
			if err != nil {
				b.Fatal(err)
			}
			if rep.Updated != 2000 {
				b.Fatalf("updated %d of 2000: %+v", rep.Updated, rep.Units[:3])
			}
		}
	})
	b.Run("translate-toolkit", func(b *testing.B) {
		py := "/usr/bin/python3"
		if err := exec.Command(py, "-c", "import translate.storage").Run(); err != nil {
			testenv.SkipOrFail(b, "Translate Toolkit is not installed (apt-get install translate-toolkit)")
		}
		out := filepath.Join(b.TempDir(), "saved.xlf")
		for range b.N {
			cmd := exec.Command(py, "-c", "import sys\nfrom translate.storage import factory\ns = factory.getobject(sys.argv[1])\ns.savefile(sys.argv[2])", file, out)
			if msg, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("%v: %s", err, msg)
			}
		}
	})
}

// BenchmarkCreateQuote adds a quote to an article of the same body with no
// quote yet and with 2,000: the second should cost about the first.
func BenchmarkCreateQuote(b *testing.B) {
	ctx := context.Background()
	st, svc, u := bigArticle(b)
	full, err := st.Article(ctx, 1)
	if err != nil {
		b.Fatal(err)
	}
	if err := st.Exec(ctx, "UPDATE articles SET status = 'draft'"); err != nil {
		b.Fatal(err)
	}
	empty := &cotejo.Article{Headline: full.Headline, Body: full.Body, Language: "en"}
	if err := svc.CreateArticle(ctx, &cotejo.User{ID: u.ID, Roles: []cotejo.Role{cotejo.RoleTranslator}}, empty); err != nil {
		b.Fatal(err)
	}
	srcs, err := st.ArticleSources(ctx, full.ID)
	if err != nil || len(srcs) != 1 {
		b.Fatalf("sources: %v %v", srcs, err)
	}
	qs, err := st.Quotes(ctx, full.ID)
	if err != nil {
		b.Fatal(err)
	}
	last := qs[len(qs)-1] // the passage at the end of the body
	for _, c := range []struct {
		name    string
		article int64
	}{{"quote=1", empty.ID}, {"quote=2001", full.ID}} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				q, err := svc.CreateQuote(ctx, u, c.article, workflow.QuoteInput{Speaker: last.Speaker,
					Original: last.Original, Rendering: last.Rendering, SourceID: &srcs[0].ID})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if err := svc.DeleteQuote(ctx, u, q.ID, q.Version); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}
