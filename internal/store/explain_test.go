package store_test

import (
	"context"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/loadgen"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/workflow"
)

// statements collects the SQL a store runs, from its debug log.
type statements struct {
	mu   sync.Mutex
	sqls []string
}

func (s *statements) Enabled(context.Context, slog.Level) bool { return true }
func (s *statements) WithAttrs([]slog.Attr) slog.Handler       { return s }
func (s *statements) WithGroup(string) slog.Handler            { return s }
func (s *statements) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "sql" {
			s.mu.Lock()
			s.sqls = append(s.sqls, a.Value.String())
			s.mu.Unlock()
		}
		return true
	})
	return nil
}

func (s *statements) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.sqls
	s.sqls = nil
	return out
}

// largeTables are the tables that grow with the newsroom: no list or
// lookup a page or the API serves may read one of them whole.
var largeTables = []string{"articles", "article_terms", "sources", "quotes", "quote_checks", "events", "comments",
	"comment_mentions", "tm_units", "tm_postings", "tm_term_counts", "passage_ignores", "sessions", "api_tokens",
	"login_failures", "jobs", "glossary_terms", "article_sources", "article_term_counts"}

// TestQueriesUseIndexes runs every list and lookup that pages and the API
// serve, records their SQL, and asks each database for its plan: a plan
// that reads a large table whole (SQLite's "SCAN t" without an index,
// PostgreSQL's "Seq Scan on t" with sequential scans disfavoured) fails,
// and so does a list that sorts all its rows instead of reading them in
// order from an index.
func TestQueriesUseIndexes(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			dsn := ""
			if d == store.Postgres {
				dsn = storetest.PostgresURL(t)
			} else {
				dsn = t.TempDir() + "/cotejo.db"
			}
			log := &statements{}
			st := storetest.OpenURL(t, dsn, store.WithLogger(slog.New(log), time.Hour))
			u := &cotejo.User{Email: "r@example.org", Name: "R", Roles: []cotejo.Role{cotejo.RoleReviewer}, PasswordHash: "x", CreatedAt: t0, UpdatedAt: t0}
			if err := st.Tx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, u) }); err != nil {
				t.Fatal(err)
			}
			if err := loadgen.Write(ctx, st, loadgen.Spec{Articles: 12, QuotesPerArticle: 15, TMPairs: 300, Seed: 3, Users: []int64{u.ID}}); err != nil {
				t.Fatal(err)
			}
			if err := st.Exec(ctx, "ANALYZE"); err != nil {
				t.Fatal(err)
			}
			q, err := st.Quote(ctx, 7)
			if err != nil {
				t.Fatal(err)
			}
			log.take()

			type read struct {
				name    string
				ordered bool // a list that must come in index order, not sorted
				run     func() error
			}
			first := cotejo.PageRequest{Limit: 5}
			reads := []read{
				{"articles", true, func() error { _, _, err := st.Articles(ctx, cotejo.ArticleFilter{PageRequest: first}); return err }},
				{"articles of a status", true, func() error {
					_, _, err := st.Articles(ctx, cotejo.ArticleFilter{Status: cotejo.ArticleInReview, PageRequest: first})
					return err
				}},
				{"articles, next page", true, func() error {
					_, next, err := st.Articles(ctx, cotejo.ArticleFilter{PageRequest: first})
					if err == nil {
						_, _, err = st.Articles(ctx, cotejo.ArticleFilter{PageRequest: cotejo.PageRequest{Limit: 5, Cursor: next}})
					}
					return err
				}},
				{"articles search", false, func() error {
					_, _, err := st.Articles(ctx, cotejo.ArticleFilter{Query: "sheinbaum tari", PageRequest: first})
					return err
				}},
				{"article", false, func() error { _, err := st.Article(ctx, q.ArticleID); return err }},
				{"article revision", false, func() error { _, err := st.ArticleRevision(ctx, q.ArticleID); return err }},
				{"article headlines", false, func() error { _, err := st.ArticleHeadlines(ctx, []int64{1, 2, 3}); return err }},
				{"sources", true, func() error { _, _, err := st.Sources(ctx, first); return err }},
				{"article sources", false, func() error { _, err := st.ArticleSources(ctx, q.ArticleID); return err }},
				{"sources with text", false, func() error { _, err := st.SourcesWithText(ctx, []int64{1, 2}); return err }},
				{"quotes of an article", false, func() error { _, err := st.Quotes(ctx, q.ArticleID); return err }},
				{"quotes of a source", false, func() error { _, err := st.QuotesBySource(ctx, *q.SourceID); return err }},
				{"quote's article", false, func() error { _, err := st.QuoteArticle(ctx, q.ID); return err }},
				{"queue", true, func() error {
					_, _, err := st.QuotesWaiting(ctx, []workflow.Waiting{{Status: cotejo.QuoteTranslated, NotOf: u.ID},
						{Status: cotejo.QuoteNeedsReview, NotOf: u.ID}}, first)
					return err
				}},
				{"same originals", false, func() error { _, err := st.QuotesWithOriginals(ctx, []string{q.Original.Text}, 50); return err }},
				{"siblings", false, func() error { _, err := st.Siblings(ctx, []string{q.Original.Text}); return err }},
				{"stored checks", false, func() error { _, err := st.StoredChecks(ctx, []int64{q.ID}); return err }},
				{"passage marks", false, func() error { _, err := st.PassageIgnores(ctx, q.ArticleID); return err }},
				{"events of a quote", false, func() error { _, err := st.Events(ctx, cotejo.EntityQuote, q.ID); return err }},
				{"events of an article", false, func() error { _, err := st.ArticleEvents(ctx, q.ArticleID); return err }},
				{"comments", false, func() error { _, err := st.Comments(ctx, q.ID); return err }},
				{"mentions", false, func() error { _, err := st.CommentsMentioning(ctx, u.ID, 50); return err }},
				{"glossary", true, func() error { _, _, err := st.Glossary(ctx, "", first); return err }},
				{"memory term counts", false, func() error {
					_, err := st.TMTermCounts(ctx, []string{"es:aranceles", "es:oaxaca"})
					return err
				}},
				{"memory postings", false, func() error {
					_, err := st.TMPostings(ctx, []string{"es:aranceles", "es:oaxaca"})
					return err
				}},
				{"memory pairs", false, func() error { _, err := st.TMUnitsByID(ctx, []int64{1, 2, 3}); return err }},
				{"memory languages", false, func() error { _, err := st.TMLanguages(ctx); return err }},
				{"latest job", false, func() error { _, err := st.LatestJob(ctx, "k", "r"); return err }},
				{"session", false, func() error { _, err := st.SessionUser(ctx, "nope", t0); return err }},
			}
			fullScan := regexp.MustCompile(`(?m)^(?:SCAN|Seq Scan on) (\w+)(?: [^U].*)?$`)
			for _, r := range reads {
				if err := r.run(); err != nil && cotejo.ErrorCode(err) != cotejo.CodeNotFound {
					t.Fatalf("%s: %v", r.name, err)
				}
				sqls := log.take()
				if len(sqls) == 0 {
					t.Fatalf("%s ran no SQL", r.name)
				}
				for _, sql := range sqls {
					plan, err := st.Explain(ctx, sql)
					if err != nil {
						t.Fatalf("%s: explain %s: %v", r.name, sql, err)
					}
					for _, m := range fullScan.FindAllStringSubmatch(plan, -1) {
						// SQLite says SCAN for a walk along the table's own
						// key too: in key order with a LIMIT it reads a page.
						byKey := strings.Contains(sql, "ORDER BY id") && !strings.Contains(plan, "TEMP B-TREE")
						if slices.Contains(largeTables, m[1]) && !byKey {
							t.Errorf("%s reads %s whole:\n%s\n%s", r.name, m[1], sql, plan)
						}
					}
					if r.ordered && (strings.Contains(plan, "TEMP B-TREE FOR ORDER BY") || strings.Contains(plan, "Sort Key")) {
						t.Errorf("%s sorts its rows instead of reading them in order:\n%s\n%s", r.name, sql, plan)
					}
				}
				log.take() // the explains' own statements
			}
		})
	}
}
