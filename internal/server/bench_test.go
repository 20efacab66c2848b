package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/loadgen"
	"github.com/cotejo/cotejo/internal/server"
	"github.com/cotejo/cotejo/internal/server/pages"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/workflow"
)

// The benchmarks of this file measure pages and API answers at a
// newsroom's real size, against Cotejo's own /healthz (the bare cost of a
// request through the same engine and middleware) and against the same
// request on a small newsroom, in the same run. Their databases are built
// once by package loadgen and kept in COTEJO_BENCH_DIR (default: a folder
// in the system's temporary directory), since a newsroom of a million
// quotes takes minutes to write:
//
//	go test ./internal/server -run XXX -bench 'Workbench|Scale' -benchtime 200x

// benchUsers are the people of a generated newsroom, by role.
var benchUsers = []cotejo.Role{cotejo.RoleTranslator, cotejo.RoleReviewer, cotejo.RoleEditor}

// newsroom is a server over a generated database, with a session per role.
type newsroom struct {
	h        http.Handler
	st       *store.Store
	svc      *workflow.Service
	cookies  map[cotejo.Role]string
	articles []int64 // some articles, spread over the database
	quotes   []int64 // some quotes, spread over the database
}

// benchDir is where generated databases are kept between runs.
func benchDir(b *testing.B) string {
	dir := os.Getenv("COTEJO_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "cotejo-bench")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	return dir
}

// openNewsroom opens the generated newsroom of spec, writing it first when
// it is not kept yet. It is written under a temporary name and renamed
// when complete, so an interrupted run leaves nothing half written.
func openNewsroom(b *testing.B, specs ...loadgen.Spec) *newsroom {
	b.Helper()
	ctx := context.Background()
	// A kept database is migrated when opened: the migrations only add to
	// what is there.
	var names []string
	for _, spec := range specs {
		names = append(names, spec.Name())
	}
	path := filepath.Join(benchDir(b), strings.Join(names, "+")+".db")
	if _, err := os.Stat(path); err != nil {
		tmp := path + ".building"
		for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
			_ = os.Remove(f)
		}
		st, err := store.Open(ctx, tmp)
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		svc := workflow.New(st, workflow.WithBcryptCost(bcrypt.MinCost))
		var users []int64
		for _, r := range benchUsers {
			u := &cotejo.User{Email: string(r) + "@bench.example", Name: string(r), Roles: []cotejo.Role{r}}
			if err := svc.CreateUser(ctx, nil, u, password); err != nil {
				b.Fatal(err)
			}
			users = append(users, u.ID)
		}
		start := time.Now()
		for _, spec := range specs {
			spec.Users = users
			if err := loadgen.Write(ctx, st, spec); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.Exec(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			b.Fatal(err)
		}
		_ = st.Close()
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		b.Logf("wrote %s in %s", filepath.Base(path), time.Since(start).Round(time.Second))
	}
	return newNewsroom(b, storetest.OpenURL(b, path))
}

func newNewsroom(b *testing.B, st *store.Store) *newsroom {
	b.Helper()
	ctx := context.Background()
	svc, h := serve(b, st, server.Config{Logger: slog.New(slog.DiscardHandler)})
	n := &newsroom{h: h, st: st, svc: svc, cookies: map[cotejo.Role]string{}}
	for _, r := range benchUsers {
		u, err := st.UserByEmail(ctx, string(r)+"@bench.example")
		if err != nil {
			b.Fatal(err)
		}
		if n.cookies[r], err = svc.NewSession(ctx, u.ID); err != nil {
			b.Fatal(err)
		}
	}
	// Articles of the most quotes, and a quote of each, from the last
	// written, the first and the middle, so that views compare like with
	// like whatever else the newsroom holds.
	var last int64
	arts, _, err := st.Articles(ctx, cotejo.ArticleFilter{PageRequest: cotejo.PageRequest{Limit: 1}})
	if err != nil || len(arts) == 0 {
		b.Fatalf("no articles: %v", err)
	}
	for id := arts[0].ID; id < arts[0].ID+100_000; id++ {
		if _, err := st.Article(ctx, id); err != nil {
			break
		}
		last = id
	}
	most := 0
	for _, id := range []int64{last, (last + 1) / 2, 1} {
		qs, err := st.Quotes(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		if len(qs) > most {
			most, n.articles, n.quotes = len(qs), nil, nil
		}
		if len(qs) == most {
			n.articles = append(n.articles, id)
			n.quotes = append(n.quotes, qs[len(qs)/2].ID)
		}
	}
	return n
}

// get answers one GET as the person of role (none: anonymous); anything
// but 200 is an error.
func (n *newsroom) get(role cotejo.Role, path string) error {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	if role != "" {
		r.AddCookie(&http.Cookie{Name: pages.SessionCookie, Value: n.cookies[role]})
	}
	w := httptest.NewRecorder()
	n.h.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		return fmt.Errorf("GET %s as %s: %d %s", path, role, w.Code, w.Body.Bytes()[:min(w.Body.Len(), 300)])
	}
	return nil
}

// size is the length of an answer.
func (n *newsroom) size(role cotejo.Role, path string) int {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	r.AddCookie(&http.Cookie{Name: pages.SessionCookie, Value: n.cookies[role]})
	w := httptest.NewRecorder()
	n.h.ServeHTTP(w, r)
	return w.Body.Len()
}

// must is get on the benchmark's own goroutine, which may stop it.
func (n *newsroom) must(b *testing.B, role cotejo.Role, path string) {
	if err := n.get(role, path); err != nil {
		b.Fatal(err)
	}
}

// views are the requests a newsroom's people make all day, as sub-benchmarks.
func (n *newsroom) views() []struct {
	name string
	role cotejo.Role
	path func(i int) string
} {
	pick := func(ids []int64, i int) int64 { return ids[i%len(ids)] }
	return []struct {
		name string
		role cotejo.Role
		path func(i int) string
	}{
		{"healthz", "", func(int) string { return "/healthz" }},
		{"queue", cotejo.RoleReviewer, func(int) string { return "/api/v1/queue?limit=20" }},
		{"articles", cotejo.RoleEditor, func(int) string { return "/articles" }},
		{"articles-search", cotejo.RoleEditor, func(int) string { return "/articles?q=sheinb" }},
		{"articles-search-api", cotejo.RoleEditor, func(int) string { return "/api/v1/articles?limit=20&q=president+sheinbaum+tari" }},
		{"workbench", cotejo.RoleTranslator, func(i int) string { return fmt.Sprintf("/articles/%d", pick(n.articles, i)) }},
		{"quote", cotejo.RoleReviewer, func(i int) string { return fmt.Sprintf("/quotes/%d", pick(n.quotes, i)) }},
		{"quotes-api", cotejo.RoleTranslator, func(i int) string { return fmt.Sprintf("/api/v1/articles/%d/quotes", pick(n.articles, i)) }},
		{"memory", cotejo.RoleTranslator, func(i int) string {
			return "/api/v1/tm/search?lang=es&q=" + []string{
				"Este+año+vamos+a+invertir+300+millones+de+pesos+en+la+salud+en+Oaxaca",
				"No+vamos+a+permitir+que+los+aranceles+afecte+a+las+familias+de+Sonora",
				"Hablamos+con+Quinmar+y+acordamos+revisar+el+agua+en+Puebla",
			}[i%3]
		}},
	}
}

// BenchmarkScale runs the everyday views on a small newsroom and on one of
// a million quotes (10,000 articles of 100, and a million memory pairs):
// each view of the large one should cost about what it costs on the small.
// The small one has what fills each view as the large one does — an
// article of 100 quotes, and a hundred articles of one, so that a page of a
// list is as long in both — 200 quotes in all, and 100 memory pairs; a
// third has those 200 quotes and the large one's million memory pairs.
func BenchmarkScale(b *testing.B) {
	for _, size := range []struct {
		name  string
		specs []loadgen.Spec
	}{
		{"quotes=200", []loadgen.Spec{{Articles: 1, QuotesPerArticle: 100, TMPairs: 100, Seed: 7}, {Articles: 100, QuotesPerArticle: 1, Seed: 8}}},
		{"quotes=1M", []loadgen.Spec{{Articles: 10_000, QuotesPerArticle: 100, TMPairs: 1_000_000, Seed: 7}}},
		// The small newsroom with the large one's memory (a newsroom imports
		// its TMX whatever its own count of quotes): the memory search's
		// cost against the newsroom's size alone.
		{"quotes=200/pairs=1M", []loadgen.Spec{{Articles: 1, QuotesPerArticle: 100, TMPairs: 1_000_000, Seed: 7}, {Articles: 100, QuotesPerArticle: 1, Seed: 8}}},
	} {
		b.Run(size.name, func(b *testing.B) {
			n := openNewsroom(b, size.specs...)
			for _, v := range n.views() {
				b.Run(v.name, func(b *testing.B) {
					for i := range 3 {
						n.must(b, v.role, v.path(i)) // the first view stores the checks' findings
					}
					b.ResetTimer()
					for i := range b.N {
						n.must(b, v.role, v.path(i))
					}
				})
			}
		})
	}
}

// BenchmarkWorkbench compares the workbench of an article of 100 quotes
// (and its API list of quotes, and the workbench with a quote open in its
// editor) with /healthz on the same server, and times the workbench of an
// article of 2,000 quotes; all requests run in parallel on every core, as
// a server's do.
func BenchmarkWorkbench(b *testing.B) {
	for _, size := range []int{100, 2000} {
		n := openNewsroom(b, loadgen.Spec{Articles: 1, QuotesPerArticle: size, TMPairs: 100, Seed: 11})
		views := append(n.views(), struct {
			name string
			role cotejo.Role
			path func(i int) string
		}{"editor", cotejo.RoleTranslator, func(int) string { return fmt.Sprintf("/articles/%d?quote=%d", n.articles[0], n.quotes[0]) }})
		for _, v := range views {
			if v.name != "healthz" && v.name != "workbench" && v.name != "quotes-api" && v.name != "editor" {
				continue
			}
			if v.name == "healthz" && size != 100 {
				continue
			}
			b.Run(fmt.Sprintf("%s/quotes=%d", v.name, size), func(b *testing.B) {
				n.must(b, v.role, v.path(0))
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if err := n.get(v.role, v.path(0)); err != nil {
							b.Error(err)
							return
						}
					}
				})
				b.ReportMetric(float64(n.size(v.role, v.path(0))), "page-bytes")
			})
		}
	}
}

// BenchmarkWorkbenchUnderLoad serves the workbench of a 100-quote article
// over loopback HTTP to 64 connections at once, and /healthz the same way,
// and reports the latency at the 50th and 99th percentiles.
func BenchmarkWorkbenchUnderLoad(b *testing.B) {
	n := openNewsroom(b, loadgen.Spec{Articles: 1, QuotesPerArticle: 100, TMPairs: 100, Seed: 11})
	srv := httptest.NewServer(n.h)
	defer srv.Close()
	for _, v := range n.views() {
		if v.name != "healthz" && v.name != "workbench" {
			continue
		}
		n.must(b, v.role, v.path(0))
		b.Run(v.name, func(b *testing.B) {
			const conns = 64
			tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr}
			var next atomic.Int64
			lat := make([]time.Duration, b.N)
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for range conns {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						i := next.Add(1) - 1
						if i >= int64(b.N) {
							return
						}
						req, _ := http.NewRequest(http.MethodGet, srv.URL+v.path(0), nil)
						if v.role != "" {
							req.AddCookie(&http.Cookie{Name: pages.SessionCookie, Value: n.cookies[v.role]})
						}
						t := time.Now()
						res, err := client.Do(req)
						if err != nil {
							b.Error(err)
							return
						}
						_, _ = io.Copy(io.Discard, res.Body)
						_ = res.Body.Close()
						lat[i] = time.Since(t)
						if res.StatusCode != http.StatusOK {
							b.Errorf("status %d", res.StatusCode)
							return
						}
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
		})
	}
}
