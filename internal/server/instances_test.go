package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/workflow"
)

// TestTwoInstancesOnePostgres starts two Cotejo servers on one PostgreSQL
// database, as behind a load balancer: a session opened on one works on the
// other, and so does its form token; edits sent through both at once lose
// nothing (each is applied or refused with 409, none overwritten unseen);
// background work asked for on one is done once between their workers.
func TestTwoInstancesOnePostgres(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.PostgresURL(t)
	e := newEnv(t, storetest.OpenURL(t, dsn), server.Config{})
	// The second instance has a connection of its own, as another process would.
	e2 := e.instance(storetest.OpenURL(t, dsn))
	srv2 := httptest.NewServer(e2.h)
	t.Cleanup(srv2.Close)

	// A session opened on the first instance, used on the second: the same
	// browser, the same cookies, another server.
	b := loggedIn(t, e, "editor@example.org")
	_, _, form := b.get("/articles/new")
	token := b.csrf(form)
	b.base = srv2.URL
	status, _, page := b.get("/articles")
	if status != http.StatusOK || !strings.Contains(page, `data-testid="current-user">Editor<`) {
		t.Fatalf("the second instance does not know the session: %d", status)
	}
	status, h, _ := b.post("/articles", url.Values{"csrf_token": {token}, "headline": {"Hecho en dos"}, "body": {"“Hola”, dijo."}, "language": {"en"}})
	if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/articles/") {
		t.Fatalf("a form token of the first instance on the second: %d %q", status, h.Get("Location"))
	}

	// Concurrent edits of one article through both instances.
	var a cotejo.Article
	e.must(201, request{method: "POST", path: "/api/v1/articles", as: "editor",
		body: map[string]string{"headline": "H", "body": "B", "language": "en"}}).json(t, &a)
	servers := []string{"", srv2.URL} // "" is the first instance, in process
	var mu sync.Mutex
	outcomes := map[int]int{}
	var wg sync.WaitGroup
	for i := range 24 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status := edit(t, e, servers[i%2], a.ID, fmt.Sprintf("Headline %d", i))
			mu.Lock()
			outcomes[status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if outcomes[200]+outcomes[409] != 24 {
		t.Fatalf("outcomes %v: every edit is applied or a conflict", outcomes)
	}
	var final cotejo.Article
	e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/articles/%d", a.ID), as: "editor"}).json(t, &final)
	if final.Version != 1+outcomes[200] {
		t.Fatalf("version %d after %d applied edits: an edit was lost", final.Version, outcomes[200])
	}
	evs, err := e.st.Events(ctx, cotejo.EntityArticle, a.ID)
	if err != nil || len(evs) != 1+outcomes[200] {
		t.Fatalf("%d events for %d applied edits: %v", len(evs), outcomes[200], err)
	}
	t.Logf("concurrent edits through two instances: %v", outcomes)

	// Background work asked for on the first instance is done once.
	var jobMu sync.Mutex
	done := map[string]int{}
	for _, svc := range []*workflow.Service{e.svc, e2.svc} {
		svc.RegisterJob("test_note", 2, func(_ context.Context, ref string, _ func(int, int)) error {
			jobMu.Lock()
			done[ref]++
			jobMu.Unlock()
			return nil
		})
	}
	for n := range 30 {
		if err := e.st.InTx(ctx, func(tx workflow.Tx) error { _, err := e.svc.Enqueue(ctx, tx, "test_note", fmt.Sprint(n)); return err }); err != nil {
			t.Fatal(err)
		}
	}
	for i, svc := range []*workflow.Service{e.svc, e2.svc, e.svc, e2.svc} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				did, err := svc.WorkOnce(ctx, fmt.Sprint("worker", i))
				if err != nil {
					t.Error(err)
				}
				if !did || err != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	for n := range 30 {
		if done[fmt.Sprint(n)] != 1 {
			t.Errorf("job %d done %d times", n, done[fmt.Sprint(n)])
		}
	}
}

// edit reads article id through one instance (base "" for the first, in
// process) and writes a new headline on the version it read, returning the
// write's status.
func edit(t *testing.T, e *env, base string, id int64, headline string) int {
	path := fmt.Sprintf("/api/v1/articles/%d", id)
	if base == "" {
		etag := e.do(request{method: "GET", path: path, as: "editor"}).header.Get("ETag")
		return e.do(request{method: "PATCH", path: path, as: "editor", body: map[string]string{"headline": headline},
			header: map[string]string{"If-Match": etag}}).status
	}
	get, _ := http.NewRequest(http.MethodGet, base+path, nil)
	get.Header.Set("Authorization", "Bearer "+e.tokens["editor"])
	res, err := http.DefaultClient.Do(get)
	if err != nil {
		t.Error(err)
		return 0
	}
	_ = res.Body.Close()
	patch, _ := http.NewRequest(http.MethodPatch, base+path, strings.NewReader(fmt.Sprintf(`{"headline": %q}`, headline)))
	patch.Header.Set("Authorization", "Bearer "+e.tokens["editor"])
	patch.Header.Set("Content-Type", "application/json")
	patch.Header.Set("If-Match", res.Header.Get("ETag"))
	res, err = http.DefaultClient.Do(patch)
	if err != nil {
		t.Error(err)
		return 0
	}
	_ = res.Body.Close()
	return res.StatusCode
}
