package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/demo"
	"github.com/cotejo/cotejo/internal/i18n"
	"github.com/cotejo/cotejo/internal/server"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/workflow"
	"github.com/cotejo/cotejo/locales"
)

// The tests of this package run against env, a whole Cotejo (the engine,
// its middleware, the workflow and a real database) with a user and an API
// token per role. They start from one of these:
//
//	eachEnv(t, func(t *testing.T, e *env) { … })  // on SQLite, and on PostgreSQL when configured
//	e := sqliteEnv(t)                             // on SQLite alone
//	eachDemo, sqliteDemo                          // the same, with the demo newsroom loaded
//
// and the With forms take a server.Config other than the default.

const password = "correct horse battery"

// env is a server over a fresh database with one user per role, and a
// second translator.
type env struct {
	t      *testing.T
	h      http.Handler
	svc    *workflow.Service
	st     *store.Store
	users  map[string]*cotejo.User
	tokens map[string]string
	demo   *demo.Material // what the demo newsroom holds, in an env that loaded it
}

// serve builds Cotejo's handler over st as cmd/cotejo does, with a service
// that hashes passwords at bcrypt's lowest cost, which keeps tests fast.
func serve(t testing.TB, st *store.Store, cfg server.Config) (*workflow.Service, http.Handler) {
	t.Helper()
	svc := workflow.New(st, workflow.WithBcryptCost(bcrypt.MinCost))
	bundle, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	h, err := server.New(svc, bundle, st.Ping, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return svc, h
}

func newEnv(t *testing.T, st *store.Store, cfg server.Config) *env {
	t.Helper()
	svc, h := serve(t, st, cfg)
	e := &env{t: t, h: h, svc: svc, st: st, users: map[string]*cotejo.User{}, tokens: map[string]string{}}
	for _, name := range []string{"translator", "reviewer", "editor", "admin", "translator2"} {
		e.person(name, cotejo.Role(strings.TrimSuffix(name, "2")))
	}
	return e
}

// sqliteEnv is an env over a fresh SQLite database, with the default
// configuration.
func sqliteEnv(t *testing.T) *env { return sqliteEnvWith(t, server.Config{}) }

// sqliteEnvWith is an env over a fresh SQLite database, configured by cfg.
func sqliteEnvWith(t *testing.T, cfg server.Config) *env {
	t.Helper()
	return newEnv(t, storetest.Open(t, store.SQLite), cfg)
}

// eachEnv runs f, as a subtest, on an env over each database storetest
// tests against, with the default configuration.
func eachEnv(t *testing.T, f func(t *testing.T, e *env)) { eachEnvWith(t, server.Config{}, f) }

// eachEnvWith is eachEnv with the configuration cfg.
func eachEnvWith(t *testing.T, cfg server.Config, f func(t *testing.T, e *env)) {
	t.Helper()
	storetest.Each(t, func(t *testing.T, st *store.Store) { f(t, newEnv(t, st, cfg)) })
}

// demoEnv is an env with the demo newsroom loaded, its people's tokens
// under "demo-translator", "demo-reviewer" and so on.
func demoEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	e := newEnv(t, st, server.Config{})
	if _, err := demo.Seed(context.Background(), e.svc, password); err != nil {
		t.Fatal(err)
	}
	for _, r := range []string{"translator", "reviewer", "editor", "admin"} {
		u, _ := st.UserByEmail(context.Background(), r+"@demo.cotejo")
		tok, _, err := e.svc.CreateToken(context.Background(), u, "test")
		if err != nil {
			t.Fatal(err)
		}
		e.users["demo-"+r], e.tokens["demo-"+r] = u, tok
	}
	e.demo, _ = demo.Load()
	return e
}

// sqliteDemo is a demoEnv over a fresh SQLite database.
func sqliteDemo(t *testing.T) *env {
	t.Helper()
	return demoEnv(t, storetest.Open(t, store.SQLite))
}

// eachDemo runs f, as a subtest, on a demoEnv over each database storetest
// tests against.
func eachDemo(t *testing.T, f func(t *testing.T, e *env)) {
	t.Helper()
	storetest.Each(t, func(t *testing.T, st *store.Store) { f(t, demoEnv(t, st)) })
}

// instance is another Cotejo over e's database, as behind a load balancer,
// reached through st (e.st, or a connection of its own), with e's people.
func (e *env) instance(st *store.Store) *env {
	e.t.Helper()
	svc, h := serve(e.t, st, server.Config{})
	return &env{t: e.t, h: h, svc: svc, st: st, users: e.users, tokens: e.tokens, demo: e.demo}
}

// articleCount is how many articles the database holds.
func (e *env) articleCount() int {
	e.t.Helper()
	list, _, err := e.st.Articles(context.Background(), cotejo.ArticleFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	return len(list)
}

// request is one API call.
type request struct {
	method, path string
	as           string // a user name of env.users; "" for anonymous
	body         any    // marshalled to JSON unless it is a string or []byte
	header       map[string]string
	remote       string // the client's address; httptest's 192.0.2.1 when empty
}

type response struct {
	status int
	header http.Header
	raw    []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.raw, v); err != nil {
		t.Fatalf("decode %s: %v", r.raw, err)
	}
}

// apiError reads the error of an API answer.
func (r response) apiError(t *testing.T) (code, message string) {
	t.Helper()
	var e struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	r.json(t, &e)
	return e.Error.Code, e.Error.Message
}

func (r response) errorCode(t *testing.T) string {
	t.Helper()
	code, _ := r.apiError(t)
	return code
}

func (r response) errorMessage(t *testing.T) string {
	t.Helper()
	_, msg := r.apiError(t)
	return msg
}

func (e *env) do(req request) response {
	e.t.Helper()
	var body io.Reader
	switch b := req.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	case io.Reader:
		body = b
	case typedBody:
		body = bytes.NewReader(b.data)
	default:
		raw, _ := json.Marshal(b)
		body = bytes.NewReader(raw)
	}
	r := httptest.NewRequest(req.method, req.path, body)
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
		if b, ok := req.body.([]byte); ok && bytes.HasPrefix(b, []byte("<")) {
			r.Header.Set("Content-Type", "application/xml")
		}
	}
	if req.as != "" {
		r.Header.Set("Authorization", "Bearer "+e.tokens[req.as])
	}
	if b, ok := req.body.(typedBody); ok {
		r.Header.Set("Content-Type", b.contentType)
	}
	for k, v := range req.header {
		r.Header.Set(k, v)
	}
	if req.remote != "" {
		r.RemoteAddr = req.remote + ":1234"
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	checkAnswer(e.t, r, w.Code, w.Header(), w.Body.Bytes())
	return response{status: w.Code, header: w.Header(), raw: w.Body.Bytes()}
}

// must does a request and fails unless it answers want.
func (e *env) must(want int, req request) response {
	e.t.Helper()
	res := e.do(req)
	if res.status != want {
		e.t.Fatalf("%s %s as %q: status %d, want %d: %s", req.method, req.path, req.as, res.status, want, res.raw)
	}
	return res
}

// current returns the If-Match header of the resource at path as it is now
// (for a /transition path, of the resource it moves), read from its ETag.
func (e *env) current(path string) map[string]string {
	e.t.Helper()
	res := e.must(200, request{method: "GET", path: strings.TrimSuffix(path, "/transition"), as: "admin"})
	return map[string]string{"If-Match": res.header.Get("ETag")}
}

// person adds an account with the given roles and an API token, under name.
func (e *env) person(name string, roles ...cotejo.Role) *cotejo.User {
	e.t.Helper()
	ctx := context.Background()
	u := &cotejo.User{Email: name + "@example.org", Name: strings.ToUpper(name[:1]) + name[1:], Roles: roles}
	if err := e.svc.CreateUser(ctx, nil, u, password); err != nil {
		e.t.Fatal(err)
	}
	tok, _, err := e.svc.CreateToken(ctx, u, "test")
	if err != nil {
		e.t.Fatal(err)
	}
	e.users[name], e.tokens[name] = u, tok
	return u
}
