package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server"
	"github.com/cotejo/cotejo/internal/store"
	"github.com/cotejo/cotejo/internal/store/storetest"
)

// browser is an HTTP client with cookies that does not follow redirects.
type browser struct {
	t    *testing.T
	base string
	c    *http.Client
	lang string
}

func newBrowser(t *testing.T, e *env) *browser {
	t.Helper()
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: srv.URL, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (b *browser) send(method, path string, form url.Values, header map[string]string) (int, http.Header, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, b.base+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if b.lang != "" {
		req.Header.Set("Accept-Language", b.lang)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(raw)
}

func (b *browser) get(path string) (int, http.Header, string) { return b.send("GET", path, nil, nil) }

func (b *browser) post(path string, form url.Values) (int, http.Header, string) {
	return b.send("POST", path, form, nil)
}

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// csrf reads the CSRF token from a page.
func (b *browser) csrf(page string) string {
	b.t.Helper()
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		b.t.Fatalf("no CSRF token on the page")
	}
	return m[1]
}

func (b *browser) login(email string) {
	b.t.Helper()
	_, _, page := b.get("/login")
	st, h, _ := b.post("/login", url.Values{"csrf_token": {b.csrf(page)}, "email": {email}, "password": {password}, "next": {"/articles"}})
	if st != http.StatusSeeOther || h.Get("Location") != "/articles" {
		b.t.Fatalf("login: %d to %q", st, h.Get("Location"))
	}
}

func TestLoginLogout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, server.Config{})
		b := newBrowser(t, e)
		status, h, _ := b.get("/articles/3")
		if status != http.StatusSeeOther || h.Get("Location") != "/login?next=%2Farticles%2F3" {
			t.Fatalf("anonymous: %d %q", status, h.Get("Location"))
		}
		_, _, page := b.get("/login")
		token := b.csrf(page)

		// Without the token, a form is refused and nobody is logged in.
		status, _, _ = b.post("/login", url.Values{"email": {"editor@example.org"}, "password": {password}})
		if status != http.StatusForbidden {
			t.Fatalf("login without CSRF token: %d", status)
		}
		status, _, page = b.post("/login", url.Values{"csrf_token": {token}, "email": {"editor@example.org"}, "password": {"wrong password!"}})
		if status != http.StatusUnauthorized || !strings.Contains(page, "The email or the password is wrong.") || !strings.Contains(page, `value="editor@example.org"`) {
			t.Fatalf("wrong password: %d", status)
		}
		// A session id planted before login is replaced at login.
		u, _ := url.Parse(b.base)
		b.c.Jar.SetCookies(u, []*http.Cookie{{Name: "cotejo_session", Value: "planted", Path: "/"}})
		status, h, _ = b.send("POST", "/login", url.Values{"csrf_token": {token}, "email": {"editor@example.org"}, "password": {password}, "next": {"//evil.example/"}}, nil)
		if status != http.StatusSeeOther || h.Get("Location") != "/articles" {
			t.Fatalf("login: %d to %q (an off-site next must not be followed)", status, h.Get("Location"))
		}
		set := h.Values("Set-Cookie")
		var session string
		for _, c := range set {
			if strings.HasPrefix(c, "cotejo_session=") {
				session = c
			}
		}
		if session == "" || strings.HasPrefix(session, "cotejo_session=planted") || !strings.Contains(session, "HttpOnly") || !strings.Contains(session, "SameSite=Lax") || strings.Contains(session, "Secure") {
			t.Fatalf("session cookie: %q", session)
		}
		status, _, page = b.get("/articles")
		if status != 200 || !strings.Contains(page, "Editor") || !strings.Contains(page, "New article") {
			t.Fatalf("articles after login: %d", status)
		}
		status, _, _ = b.post("/logout", url.Values{"csrf_token": {b.csrf(page)}})
		if status != http.StatusSeeOther {
			t.Fatalf("logout: %d", status)
		}
		status, _, _ = b.get("/articles")
		if status != http.StatusSeeOther {
			t.Fatalf("after logout: %d", status)
		}
	})
}

func TestSecureCookiesBehindTLS(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite), server.Config{})
	b := newBrowser(t, e)
	_, h, _ := b.send("GET", "/login", nil, map[string]string{"X-Forwarded-Proto": "https"})
	if c := h.Get("Set-Cookie"); !strings.Contains(c, "Secure") {
		t.Fatalf("behind TLS the cookie must be Secure: %q", c)
	}
}

func TestPagesInSpanish(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite), server.Config{})
	b := newBrowser(t, e)
	b.lang = "es-MX,es;q=0.9"
	_, h, page := b.get("/login")
	if !strings.Contains(page, "Iniciar sesión") || !strings.Contains(page, `<html lang="es">`) || h.Get("Content-Language") != "es" {
		t.Fatal("the login page is not in Spanish for a Spanish browser")
	}
	b.login("translator@example.org")
	_, _, page = b.get("/articles")
	if !strings.Contains(page, "Artículos") || !strings.Contains(page, "Todavía no hay artículos.") {
		t.Fatal("the articles page is not in Spanish")
	}
	// The switcher stores the user's preference, which then wins over the browser.
	status, _, _ := b.post("/lang", url.Values{"csrf_token": {b.csrf(page)}, "lang": {"en"}, "next": {"/articles"}})
	if status != http.StatusSeeOther {
		t.Fatalf("switch: %d", status)
	}
	u, _ := e.st.UserByEmail(context.Background(), "translator@example.org")
	if u.Lang != "en" {
		t.Fatalf("preference not stored: %q", u.Lang)
	}
	_, _, page = b.get("/articles")
	if !strings.Contains(page, "No articles yet.") {
		t.Fatal("the preference did not win over Accept-Language")
	}
}

// TestArticleFormsKeepWhatWasTyped: a refused form is shown again with the
// user's text and a translated error; a conflict shows the saved version.
func TestArticleFormsKeepWhatWasTyped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, server.Config{})
		b := newBrowser(t, e)
		b.login("translator@example.org")
		_, _, page := b.get("/articles/new")
		token := b.csrf(page)
		typed := "Línea uno.\r\n\r\n\"No queremos intervención\", dijo."
		status, _, page := b.post("/articles", url.Values{"csrf_token": {token}, "headline": {"Titular"}, "body": {typed}, "language": {"not a tag"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "not a valid BCP 47 tag") || !strings.Contains(page, "Línea uno.") {
			t.Fatalf("invalid tag: %d", status)
		}
		if n := articleCount(t, st); n != 0 {
			t.Fatalf("a refused form stored an article")
		}
		status, h, _ := b.post("/articles", url.Values{"csrf_token": {token}, "headline": {"Titular"}, "body": {typed}, "language": {"es"}})
		if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/articles/") {
			t.Fatalf("create: %d", status)
		}
		list, _ := st.Articles(context.Background(), cotejo.ArticleFilter{})
		a := list[0]
		if strings.Contains(a.Body, "\r") {
			t.Fatal("CRLF from the form was stored; offsets would differ from the API's")
		}
		_, _, page = b.get(h.Get("Location"))
		if !strings.Contains(page, "Titular") || !strings.Contains(page, "Created.") {
			t.Fatal("the new article page")
		}
		// Someone else saves in the meantime.
		if _, err := e.svc.UpdateArticle(context.Background(), e.users["editor"], a.ID, 1, cotejo.ArticleUpdate{Body: ptr("Texto del editor.")}); err != nil {
			t.Fatal(err)
		}
		status, _, page = b.post(h.Get("Location")+"/edit", url.Values{"csrf_token": {token}, "version": {"1"}, "headline": {"Titular"}, "body": {"Mi versión, que no debe perderse."}, "language": {"es"}})
		if status != http.StatusConflict || !strings.Contains(page, "Mi versión, que no debe perderse.") || !strings.Contains(page, "Texto del editor.") || !strings.Contains(page, `name="version" value="2"`) {
			t.Fatalf("conflict: %d", status)
		}
		got, _ := st.Article(context.Background(), a.ID)
		if got.Body != "Texto del editor." {
			t.Fatal("the conflicting save overwrote")
		}
	})
}

// TestCookieAPIWritesNeedCSRF: a page's script may call the API with the
// session cookie, but only with the CSRF header.
func TestCookieAPIWritesNeedCSRF(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite), server.Config{})
	b := newBrowser(t, e)
	b.login("editor@example.org")
	_, _, page := b.get("/articles")
	json := `{"headline":"h","body":"b","language":"en"}`
	req := func(h map[string]string) int {
		r, _ := http.NewRequest("POST", b.base+"/api/v1/articles", strings.NewReader(json))
		r.Header.Set("Content-Type", "application/json")
		for k, v := range h {
			r.Header.Set(k, v)
		}
		res, err := b.c.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if s := req(nil); s != http.StatusForbidden {
		t.Fatalf("without X-CSRF-Token: %d", s)
	}
	if s := req(map[string]string{"X-CSRF-Token": b.csrf(page)}); s != http.StatusCreated {
		t.Fatalf("with X-CSRF-Token: %d", s)
	}
}

func ptr[T any](v T) *T { return &v }
