package server_test

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/crypto/bcrypt"

	"github.com/cotejo/cotejo/internal/i18n"
	"github.com/cotejo/cotejo/internal/server"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
	"github.com/cotejo/cotejo/internal/workflow"
	"github.com/cotejo/cotejo/locales"
)

// offSite lists next= values that a browser would follow to another site:
// it drops tabs and line breaks from a URL, reads a backslash as a slash,
// and takes a scheme or a // as another host.
var offSite = []string{
	"/\t/evil.example/", "/\n/evil.example/", "/\r\n/evil.example/", "\t//evil.example/", "/ /evil.example/",
	"//evil.example/", "/\\evil.example/", "/\t\\evil.example/", "\\\\evil.example/", "https://evil.example/",
	"javascript:alert(1)", "/%2F/evil.example/", "/\u3000/evil.example/", "/\u0085/evil.example/",
}

var nextField = regexp.MustCompile(`name="next" value="([^"]*)"`)

func unescapeHTML(s string) string { return html.UnescapeString(s) }

// sameOrigin reports whether a Location stays on the site that sent it,
// read as a browser does after dropping what it ignores.
func sameOrigin(loc string) bool {
	if strings.ContainsFunc(loc, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\\' }) {
		return false
	}
	u, err := url.Parse(loc)
	return err == nil && u.Scheme == "" && u.Host == "" && strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "//")
}

// raw serves one request with the browser's cookies straight through the
// handler, so that a Location no HTTP client would parse can be read.
func (b *browser) raw(e *env, method, path string, form url.Values) *httptest.ResponseRecorder {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, path, body)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, c := range b.c.Jar.Cookies(b.url()) {
		r.AddCookie(c)
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return w
}

// TestLoginNextStaysOnSite: the page to go on to after logging in, from the
// query (GET /login?next=) or the form, is only ever a path of this site.
func TestLoginNextStaysOnSite(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite), server.Config{})
	anon, in := newBrowser(t, e), newBrowser(t, e)
	in.login("editor@example.org")
	for _, next := range offSite {
		// The form carries the value on: it must already be harmless there.
		_, _, page := anon.get("/login?next=" + url.QueryEscape(next))
		if m := nextField.FindStringSubmatch(between(page, `action="/login"`, `</form>`)); m == nil || !sameOrigin(unescapeHTML(m[1])) {
			t.Errorf("next=%q: the login form carries %q", next, m)
		}
		// A logged-in visitor is sent on at once.
		w := in.raw(e, "GET", "/login?next="+url.QueryEscape(next), nil)
		if w.Code != http.StatusSeeOther || !sameOrigin(w.Header().Get("Location")) {
			t.Errorf("next=%q, logged in: %d to %q", next, w.Code, w.Header().Get("Location"))
		}
		// The same value posted with the login form.
		b := newBrowser(t, e)
		_, _, page = b.get("/login")
		w = b.raw(e, "POST", "/login", url.Values{"csrf_token": {b.csrf(page)}, "email": {"editor@example.org"}, "password": {password}, "next": {next}})
		if w.Code != http.StatusSeeOther || !sameOrigin(w.Header().Get("Location")) {
			t.Errorf("next=%q posted: %d to %q", next, w.Code, w.Header().Get("Location"))
		}
	}
	// A path of the site, with its query, is kept.
	status, h, _ := in.get("/login?next=" + url.QueryEscape("/articles/3?quote=2"))
	if status != http.StatusSeeOther || h.Get("Location") != "/articles/3?quote=2" {
		t.Fatalf("a local next: %d to %q", status, h.Get("Location"))
	}
}

// TestHardeningHeaders: HTTPS is made sticky (HSTS) when, and only when, the
// request came over TLS, directly or as the proxy says; nothing that shows a
// person's work or a credential may be kept by a cache or the back button.
func TestHardeningHeaders(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite), server.Config{})
	b := newBrowser(t, e)
	b.login("editor@example.org")
	hsts := func(h http.Header) bool {
		v := h.Get("Strict-Transport-Security")
		return strings.HasPrefix(v, "max-age=") && !strings.HasPrefix(v, "max-age=0")
	}
	_, h, _ := b.get("/login")
	if h.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS over plain HTTP")
	}
	if _, h, _ = b.send("GET", "/login", nil, map[string]string{"X-Forwarded-Proto": "https"}); !hsts(h) {
		t.Errorf("behind a TLS proxy: Strict-Transport-Security %q", h.Get("Strict-Transport-Security"))
	}
	r := httptest.NewRequest("GET", "https://cotejo.example/healthz", nil)
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	if r.TLS == nil || !hsts(w.Header()) {
		t.Errorf("over TLS: Strict-Transport-Security %q", w.Header().Get("Strict-Transport-Security"))
	}

	noStore := func(what string, h http.Header) {
		t.Helper()
		if !strings.Contains(h.Get("Cache-Control"), "no-store") {
			t.Errorf("%s: Cache-Control %q, want no-store", what, h.Get("Cache-Control"))
		}
	}
	for _, path := range []string{"/articles", "/queue", "/glossary", "/users", "/login"} {
		_, h, _ := b.get(path)
		noStore("page "+path, h)
	}
	for _, path := range []string{"/api/v1/me", "/api/v1/articles", "/api/v1/users", "/api/v1/auth/tokens", "/api/v1/quotes/999"} {
		noStore("API "+path, e.do(request{method: "GET", path: path, as: "admin"}).header)
	}
	res := e.must(201, request{method: "POST", path: "/api/v1/auth/token", body: map[string]string{"email": "editor@example.org", "password": password}})
	noStore("the token response", res.header)
	// What is the same for everyone may be cached.
	if _, h, _ := b.get("/static/css/cotejo.css"); strings.Contains(h.Get("Cache-Control"), "no-store") {
		t.Error("the stylesheet is not cacheable")
	}
}

// plant sets a cookie in the browser, as a script on a sibling subdomain
// or a man in the middle on plain HTTP could.
func (b *browser) plant(name, value string) {
	b.c.Jar.SetCookies(b.url(), []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}

// TestCSRFTokenIsBoundToTheSession: a form's token is worth something only
// with the session (or, before login, the visitor's own cookie) it was
// made for. A cookie and field that an attacker chose together are refused;
// the token changes at login, so one seen before is worthless after; one
// person's token does nothing in another's session; and every instance over
// the same database agrees on them.
func TestCSRFTokenIsBoundToTheSession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, server.Config{})
		chosen := strings.Repeat("A", 43)

		// Before login: a planted cookie with the same value in the field.
		b := newBrowser(t, e)
		b.plant("cotejo_csrf", chosen)
		status, _, _ := b.post("/login", url.Values{"csrf_token": {chosen}, "email": {"editor@example.org"}, "password": {password}})
		if status != http.StatusForbidden {
			t.Fatalf("login with an attacker-chosen cookie and token: %d", status)
		}
		if status, _, _ := b.get("/articles"); status != http.StatusSeeOther {
			t.Fatalf("logged in by a forged form: %d", status)
		}

		// The token changes at login.
		_, _, page := b.get("/login")
		before := b.csrf(page)
		b.login("editor@example.org")
		_, _, page = b.get("/articles/new")
		after := b.csrf(page)
		if after == before {
			t.Fatal("the CSRF token did not change at login")
		}
		form := url.Values{"headline": {"H"}, "body": {"B"}, "language": {"en"}}
		form.Set("csrf_token", before)
		if status, _, _ := b.post("/articles", form); status != http.StatusForbidden {
			t.Fatalf("the token from before login still works: %d", status)
		}

		// After login: a planted pair is refused too.
		b.plant("cotejo_csrf", chosen)
		form.Set("csrf_token", chosen)
		if status, _, _ := b.post("/articles", form); status != http.StatusForbidden {
			t.Fatalf("a logged-in form with an attacker-chosen cookie and token: %d", status)
		}
		// Another person's token in this session.
		other := newBrowser(t, e)
		other.login("translator@example.org")
		_, _, otherPage := other.get("/articles/new")
		form.Set("csrf_token", other.csrf(otherPage))
		if status, _, _ := b.post("/articles", form); status != http.StatusForbidden {
			t.Fatalf("another session's token: %d", status)
		}
		if n := articleCount(t, st); n != 0 {
			t.Fatalf("%d articles after refused forms", n)
		}

		// The session's own token works, on this instance and on another.
		form.Set("csrf_token", after)
		if status, _, _ := b.post("/articles", form); status != http.StatusSeeOther {
			t.Fatalf("the session's own token: %d", status)
		}
		b2 := newBrowser(t, e.instance())
		b2.c.Jar.SetCookies(b2.url(), b.c.Jar.Cookies(b.url()))
		if status, _, _ := b2.post("/articles", form); status != http.StatusSeeOther {
			t.Fatalf("the token on a second instance: %d", status)
		}
	})
}

func (b *browser) url() *url.URL {
	u, _ := url.Parse(b.base)
	return u
}

// instance is another Cotejo over the same database, as behind a load balancer.
func (e *env) instance() *env {
	e.t.Helper()
	bundle, err := i18n.Load(locales.FS)
	if err != nil {
		e.t.Fatal(err)
	}
	svc := workflow.New(e.st, workflow.WithBcryptCost(bcrypt.MinCost))
	h, err := server.New(svc, bundle, e.st.Ping, server.Config{})
	if err != nil {
		e.t.Fatal(err)
	}
	return &env{t: e.t, h: h, svc: svc, st: e.st, users: e.users, tokens: e.tokens}
}
