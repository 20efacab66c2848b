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
	"github.com/cotejo/cotejo/internal/i18n"
	"github.com/cotejo/cotejo/internal/server"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/workflow"
	"github.com/cotejo/cotejo/locales"
)

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
}

func newEnv(t *testing.T, st *store.Store, cfg server.Config) *env {
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
	e := &env{t: t, h: h, svc: svc, st: st, users: map[string]*cotejo.User{}, tokens: map[string]string{}}
	for _, name := range []string{"translator", "reviewer", "editor", "admin", "translator2"} {
		e.person(name, cotejo.Role(strings.TrimSuffix(name, "2")))
	}
	return e
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
