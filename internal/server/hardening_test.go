package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/cotejo/cotejo/internal/cotejo"
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
	e := sqliteEnv(t)
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
	e := sqliteEnv(t)
	b := loggedIn(t, e, "editor@example.org")
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
	eachEnv(t, func(t *testing.T, e *env) {
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
		other := loggedIn(t, e, "translator@example.org")
		_, _, otherPage := other.get("/articles/new")
		form.Set("csrf_token", other.csrf(otherPage))
		if status, _, _ := b.post("/articles", form); status != http.StatusForbidden {
			t.Fatalf("another session's token: %d", status)
		}
		if n := e.articleCount(); n != 0 {
			t.Fatalf("%d articles after refused forms", n)
		}

		// The session's own token works, on this instance and on another.
		form.Set("csrf_token", after)
		if status, _, _ := b.post("/articles", form); status != http.StatusSeeOther {
			t.Fatalf("the session's own token: %d", status)
		}
		b2 := newBrowser(t, e.instance(e.st))
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

// TestWritesNeedTheirVersion: every write the API description marks as
// versioned (it takes If-Match) is refused with 428 when it says neither
// If-Match nor version, and changes nothing; with the version it passes.
func TestWritesNeedTheirVersion(t *testing.T) {
	type op struct {
		Parameters []struct {
			Ref string `json:"$ref"`
		} `json:"parameters"`
		Responses map[string]any `json:"responses"`
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	sqliteEnv(t).must(200, request{method: "GET", path: "/api/v1/openapi.json"}).json(t, &doc)
	rows := map[string]route{}
	for _, r := range matrix {
		rows[r.method+" "+r.pattern] = r
	}
	param := regexp.MustCompile(`\{([a-z_]+)\}`)
	checked := 0
	for path, item := range doc.Paths {
		for method, raw := range item {
			var op op
			if method == "parameters" || json.Unmarshal(raw, &op) != nil {
				continue
			}
			if !slices.ContainsFunc(op.Parameters, func(p struct {
				Ref string `json:"$ref"`
			}) bool {
				return p.Ref == "#/components/parameters/IfMatch"
			}) {
				continue
			}
			name := strings.ToUpper(method) + " " + param.ReplaceAllString(path, ":$1")
			t.Run(name, func(t *testing.T) {
				if op.Responses["428"] == nil {
					t.Errorf("%s documents no 428", name)
				}
				r, ok := rows[name]
				if !ok {
					t.Fatalf("%s has no row in the permission matrix", name)
				}
				e := sqliteEnv(t)
				ids := matrixFixture(t, e)
				i := slices.IndexFunc(r.want[:], func(s int) bool { return s < 300 })
				before, ok := versionOf(t, e, r, ids)
				if i < 0 || !ok {
					t.Fatalf("%s: no caller may make it, or its resource is unknown here", name)
				}
				req := request{method: r.method, path: r.path(ids, callers[i]), as: callers[i]}
				if r.body != nil {
					req.body = r.body(ids)
				}
				res := e.must(http.StatusPreconditionRequired, req)
				if code := res.errorCode(t); code != "precondition_required" {
					t.Errorf("code %q", code)
				}
				if after, _ := versionOf(t, e, r, ids); after != before {
					t.Errorf("a write without a version changed the resource: version %d → %d", before, after)
				}
				req.header = map[string]string{"If-Match": fmt.Sprintf(`"%d"`, before)}
				e.must(r.want[i], req)
			})
			checked++
		}
	}
	if checked < 10 {
		t.Fatalf("only %d versioned writes documented", checked)
	}
}

// versions are the versions of a matrix fixture's things, to see that a
// refused form changed none of them.
func versions(t *testing.T, e *env, ids matrixIDs) []int {
	t.Helper()
	var out []int
	for _, r := range matrix {
		if r.method != "GET" {
			if v, ok := versionOf(t, e, r, ids); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

// TestPageFormsNeedTheirVersion: every page form that changes something
// versioned carries the version it was shown with, and a post without it is
// refused with 428, saying so, and changes nothing (it used to be taken as
// version 1, or as "whatever is saved now").
func TestPageFormsNeedTheirVersion(t *testing.T) {
	e := sqliteEnv(t)
	ids := matrixFixture(t, e)
	ctx := context.Background()
	if _, err := e.svc.UpdateQuote(ctx, e.users["translator"], ids.quote, 1, cotejo.QuoteUpdate{Rendering: &cotejo.LangText{Text: "We do not want intervention from any foreign government"}}); err != nil {
		t.Fatal(err)
	}
	hist, err := e.svc.History(ctx, ids.quote)
	if err != nil {
		t.Fatal(err)
	}
	browsers := map[string]*browser{}
	for _, who := range []string{"translator", "editor", "admin"} {
		browsers[who] = loggedIn(t, e, who+"@example.org")
	}
	a, q, s, g, u := ids.article, ids.quote, ids.source, ids.term, ids.user
	for _, f := range []struct {
		who, page, action string
		form              url.Values
	}{
		{"editor", fmt.Sprintf("/articles/%d/edit", a), fmt.Sprintf("/articles/%d/edit", a), url.Values{"headline": {"Blind"}, "body": {matrixBody}, "language": {"en"}}},
		{"editor", fmt.Sprintf("/articles/%d", a), fmt.Sprintf("/articles/%d/transition", a), url.Values{"to": {"in_review"}, "from": {"article"}}},
		{"translator", fmt.Sprintf("/sources/%d/edit", s), fmt.Sprintf("/sources/%d/edit", s), url.Values{"title": {"Blind"}, "kind": {"transcript"}, "language": {"es"}, "text": {"Otro."}}},
		{"translator", fmt.Sprintf("/articles/%d?quote=%d", a, q), fmt.Sprintf("/quotes/%d/edit", q), url.Values{"speaker": {"Blind"}, "original": {"no queremos"}, "rendering": {"we do not want"}}},
		{"translator", fmt.Sprintf("/quotes/%d", q), fmt.Sprintf("/quotes/%d/transition", q), url.Values{"to": {"translated"}}},
		{"translator", fmt.Sprintf("/quotes/%d", q), fmt.Sprintf("/quotes/%d/restore", q), url.Values{"event": {fmt.Sprint(hist[len(hist)-1].ID)}}},
		{"editor", "/glossary", fmt.Sprintf("/glossary/%d/edit", g), url.Values{"source": {"injerencia"}, "source_lang": {"es"}, "target": {"meddling"}, "target_lang": {"en"}}},
		{"editor", "/glossary", fmt.Sprintf("/glossary/%d/delete", g), url.Values{}},
		{"admin", "/users", fmt.Sprintf("/users/%d/edit", u), url.Values{"name": {"Blind"}, "roles": {"editor"}}},
	} {
		b := browsers[f.who]
		_, _, page := b.get(f.page)
		form := regexp.MustCompile(`(?s)<form method="post"[^>]* action="` + regexp.QuoteMeta(f.action) + `"[^>]*>.*?</form>`).FindString(page)
		if form == "" {
			t.Errorf("%s: no form for %s", f.page, f.action)
		} else if !regexp.MustCompile(`name="version" value="[1-9]\d*"`).MatchString(form) {
			t.Errorf("%s: the form for %s carries no version", f.page, f.action)
		}
		before := versions(t, e, ids)
		f.form.Set("csrf_token", b.csrf(page))
		status, _, body := b.post(f.action, f.form)
		if status != http.StatusPreconditionRequired || !strings.Contains(body, "does not say which version") {
			t.Errorf("%s without a version: %d", f.action, status)
		}
		if after := versions(t, e, ids); !slices.Equal(before, after) {
			t.Errorf("%s without a version changed something: versions %v → %v", f.action, before, after)
		}
	}
}

// TestRelaxedApprovalOverAPIAndPages: the person who verified a quote is
// not offered, and is refused, its approval, until an admin relaxes the
// rule; then the quote page offers it, and its history says the relaxed
// rule allowed it.
func TestRelaxedApprovalOverAPIAndPages(t *testing.T) {
	e := sqliteEnv(t)
	ids := matrixFixture(t, e)
	e.person("desk", cotejo.RoleReviewer, cotejo.RoleEditor)
	path := fmt.Sprintf("/api/v1/quotes/%d/transition", ids.quote)
	e.must(200, request{method: "POST", path: path, as: "translator", body: map[string]string{"to": "translated"}, header: e.current(path)})
	e.must(200, request{method: "POST", path: path, as: "desk", body: map[string]string{"to": "verified"}, header: e.current(path)})
	res := e.must(403, request{method: "POST", path: path, as: "desk", body: map[string]string{"to": "approved"}, header: e.current(path)})
	if code := res.errorCode(t); code != "four_eyes" {
		t.Fatalf("the verifier approves: %s", res.raw)
	}
	b := loggedIn(t, e, "desk@example.org")
	if _, _, page := b.get(fmt.Sprintf("/quotes/%d", ids.quote)); strings.Contains(page, moveButton("approved")) {
		t.Fatal("the verifier is offered the approval")
	}

	var set cotejo.Settings
	e.must(200, request{method: "GET", path: "/api/v1/settings", as: "translator"}).json(t, &set)
	if set.FourEyesApproval != cotejo.ApprovalStrict {
		t.Fatalf("default settings: %+v", set)
	}
	e.must(403, request{method: "PATCH", path: "/api/v1/settings", as: "editor", body: map[string]any{"four_eyes_approval": "relaxed", "version": set.Version}})
	e.must(422, request{method: "PATCH", path: "/api/v1/settings", as: "admin", body: map[string]any{"four_eyes_approval": "lenient", "version": set.Version}})
	e.must(200, request{method: "PATCH", path: "/api/v1/settings", as: "admin", body: map[string]any{"four_eyes_approval": "relaxed"},
		header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, set.Version)}}).json(t, &set)
	if set.FourEyesApproval != cotejo.ApprovalRelaxed || set.Version != 2 {
		t.Fatalf("relaxed: %+v", set)
	}

	if _, _, page := b.get(fmt.Sprintf("/quotes/%d", ids.quote)); !strings.Contains(page, moveButton("approved")) {
		t.Fatal("under the relaxed rule the verifier is not offered the approval")
	}
	e.must(200, request{method: "POST", path: path, as: "desk", body: map[string]string{"to": "approved"}, header: e.current(path)})
	var hist []struct {
		Action string         `json:"action"`
		To     map[string]any `json:"to"`
	}
	e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/quotes/%d/history", ids.quote), as: "reviewer"}).json(t, &hist)
	if last := hist[len(hist)-1]; last.To["status"] != "approved" || last.To["four_eyes"] != "relaxed" {
		t.Fatalf("the approval's history entry: %+v", last)
	}
	b.lang = "es"
	if _, _, page := b.get(fmt.Sprintf("/quotes/%d", ids.quote)); !strings.Contains(page, `data-testid="four-eyes-relaxed"`) || !strings.Contains(page, "cuatro ojos flexible") {
		t.Fatal("the quote page's history does not say the relaxed rule allowed the approval")
	}
}

// TestTextsAreCheckedAtTheDoor: a control character or a noncharacter in
// any text an API client or a form sends is refused with 422, naming the
// character and its place (counted in the stored text: the decomposed é
// before it is one character), and nothing is stored.
func TestTextsAreCheckedAtTheDoor(t *testing.T) {
	e := sqliteEnv(t)
	ids := matrixFixture(t, e)
	const bad = "Cafe\u0301 \v" // U+000B at character 6 once stored as "Café "
	lt := func(text string) map[string]string { return map[string]string{"text": text, "lang": "es"} }
	art := fmt.Sprintf("/api/v1/articles/%d", ids.article)
	quo := fmt.Sprintf("/api/v1/quotes/%d", ids.quote)
	src, err := e.st.Source(context.Background(), ids.source)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		field string
		req   request
	}{
		{"headline", request{method: "POST", path: "/api/v1/articles", as: "editor", body: map[string]string{"headline": bad, "body": "b", "language": "en"}}},
		{"body", request{method: "POST", path: "/api/v1/articles", as: "editor", body: map[string]string{"headline": "h", "body": bad, "language": "en"}}},
		{"dateline", request{method: "PATCH", path: art, as: "editor", body: map[string]any{"dateline": bad, "version": 1}}},
		{"title", request{method: "POST", path: "/api/v1/sources", as: "editor", body: map[string]any{"title": bad, "kind": "transcript", "language": "es"}}},
		{"text", request{method: "POST", path: "/api/v1/sources", as: "editor", body: map[string]any{"title": "t", "kind": "transcript", "language": "es", "text": bad}}},
		{"speakers", request{method: "PATCH", path: fmt.Sprintf("/api/v1/sources/%d", ids.source), as: "editor", body: map[string]any{"speakers": []string{bad}, "version": src.Version}}},
		{"rendering.text", request{method: "POST", path: art + "/quotes", as: "translator", body: map[string]any{"speaker": "CS", "original": lt("hola"), "rendering": map[string]string{"text": bad}}}},
		{"original.text", request{method: "PATCH", path: quo, as: "translator", body: map[string]any{"original": lt(bad), "version": 1}}},
		{"speaker", request{method: "PATCH", path: quo, as: "translator", body: map[string]any{"speaker": bad, "version": 1}}},
		{"evidence_note", request{method: "PATCH", path: quo, as: "translator", body: map[string]any{"evidence_note": bad, "version": 1}}},
		{"body", request{method: "POST", path: quo + "/comments", as: "reviewer", body: map[string]string{"body": bad}}},
		{"reason", request{method: "POST", path: quo + "/transition", as: "reviewer", body: map[string]any{"to": "rejected", "reason": bad, "version": 1}}},
		{"reason", request{method: "POST", path: art + "/passages/ignore", as: "translator", body: map[string]any{"start": ids.passage.Start, "end": ids.passage.End, "reason": bad}}},
		{"note", request{method: "POST", path: "/api/v1/glossary", as: "editor", body: map[string]any{"source": lt("sin embargo"), "target": map[string]string{"text": "however", "lang": "en"}, "note": bad}}},
		{"forbidden", request{method: "PATCH", path: fmt.Sprintf("/api/v1/glossary/%d", ids.term), as: "editor", body: map[string]any{"forbidden": []string{bad}, "version": 1}}},
		{"name", request{method: "POST", path: "/api/v1/users", as: "admin", body: map[string]any{"email": "x@example.org", "name": bad, "roles": []string{"translator"}, "password": password}}},
		{"name", request{method: "PATCH", path: fmt.Sprintf("/api/v1/users/%d", ids.user), as: "admin", body: map[string]any{"name": bad, "version": 1}}},
		{"text", request{method: "POST", path: fmt.Sprintf("/api/v1/sources/%d/locate", ids.source), as: "translator", body: map[string]string{"text": bad}}},
		{"name", request{method: "POST", path: "/api/v1/tm/import?name=" + url.QueryEscape(bad), as: "editor", body: []byte(matrixTMX)}},
	} {
		before := versions(t, e, ids)
		res := e.do(c.req)
		var body struct {
			Error struct {
				Code, Message, Field string
			}
		}
		res.json(t, &body)
		want := "U+000B at character 6 of " + c.field
		if res.status != http.StatusUnprocessableEntity || body.Error.Field != c.field || !strings.Contains(body.Error.Message, want) {
			t.Errorf("%s %s (%s): %d %s, want 422 saying %q", c.req.method, c.req.path, c.field, res.status, res.raw, want)
		}
		if after := versions(t, e, ids); !slices.Equal(before, after) {
			t.Errorf("%s %s: a refused text changed something", c.req.method, c.req.path)
		}
	}
	if n := e.articleCount(); n != 1 {
		t.Errorf("%d articles after refused texts", n)
	}

	// The pages say the same, in the page's language, and keep what was typed.
	b := loggedIn(t, e, "editor@example.org")
	_, _, page := b.get("/articles/new")
	status, _, page := b.post("/articles", url.Values{"csrf_token": {b.csrf(page)}, "headline": {"Titular"}, "body": {"Uno\r\ndos " + bad}, "language": {"es"}})
	if page = html.UnescapeString(page); status != http.StatusUnprocessableEntity || !strings.Contains(page, "U+000B at character 14 of Body") || !strings.Contains(page, "Uno\ndos Cafe\u0301 ") {
		t.Errorf("the article form with a control character: %d", status)
	}
	b.lang = "es"
	_, _, page = b.get(fmt.Sprintf("/sources/%d/edit", ids.source))
	status, _, page = b.post(fmt.Sprintf("/sources/%d/edit", ids.source), url.Values{"csrf_token": {b.csrf(page)}, "version": {fmt.Sprint(src.Version)}, "title": {"T"}, "kind": {"transcript"}, "language": {"es"}, "text": {bad}})
	if page = html.UnescapeString(page); status != http.StatusUnprocessableEntity || !strings.Contains(page, "U+000B en el carácter 6 de Texto") {
		t.Errorf("the source form with a control character, in Spanish: %d %s", status, between(page, `class="error"`, "</p>"))
	}
}

// TestRoundTripChangesNothing: what Cotejo accepts comes back unchanged from
// every format it can import. An XLIFF 1.2 or 2.0 export imported as it is
// leaves the quote as it was (a verified quote stays verified, no new
// version); a TMX export of the article or of the memory, imported into
// another newsroom's memory, gives the same pairs. A character XML cannot
// carry, which every export would drop or replace, is refused when it is
// typed rather than lost on the way.
func TestRoundTripChangesNothing(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		// What newsrooms type: tabs, line breaks, no-break spaces, line
		// separators, guillemets and curly quotes, markup-like text, flags,
		// a decomposed accent (stored composed), and CR LF (stored as LF).
		original := "Nosotros no queremos\tintervención de ningún gobierno\r\nextranjero, y punto\u00a0final \u2028 «así» 🇲🇽 & <b> Cafe\u0301"
		rendering := "We don't want\tintervention from any foreign government, full\u00a0stop \u2028 ‘so’ 🇲🇽 & <b> Café"
		var a, s, q struct{ ID int64 }
		e.must(201, request{method: "POST", path: "/api/v1/articles", as: "editor", body: map[string]string{"headline": "Cafe\u0301 <&>",
			"body": "Intro.\n\n“" + rendering + ",” Sheinbaum said in Spanish.", "language": "en"}}).json(t, &a)
		e.must(201, request{method: "POST", path: "/api/v1/sources", as: "editor", body: map[string]any{"title": "T", "kind": "transcript", "language": "es",
			"text": "PRESIDENTA:\r\n" + original + ". Otra cosa."}}).json(t, &s)
		e.must(201, request{method: "POST", path: fmt.Sprintf("/api/v1/articles/%d/quotes", a.ID), as: "translator", body: map[string]any{"speaker": "Claudia Sheinbaum",
			"original": map[string]string{"text": original}, "rendering": map[string]string{"text": rendering}, "source_id": s.ID}}).json(t, &q)
		qp := fmt.Sprintf("/api/v1/quotes/%d", q.ID)
		move := func(as, to, reason string) {
			t.Helper()
			e.must(200, request{method: "POST", path: qp + "/transition", as: as, body: map[string]string{"to": to, "reason": reason}, header: e.current(qp)})
		}
		get := func() cotejo.Quote {
			t.Helper()
			var got cotejo.Quote
			e.must(200, request{method: "GET", path: qp, as: "reviewer"}).json(t, &got)
			return got
		}
		xliffRoundTrip := func(what string) {
			t.Helper()
			before := get()
			for _, format := range []string{"xliff12", "xliff20"} {
				file := e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/articles/%d/export?format=%s&draft=1", a.ID, format), as: "translator"}).raw
				var rep struct{ Updated, Unchanged, Conflicts, Refused int }
				e.must(200, request{method: "POST", path: fmt.Sprintf("/api/v1/articles/%d/import", a.ID), as: "translator", body: file}).json(t, &rep)
				after := get()
				if rep.Unchanged != 1 || rep.Updated+rep.Conflicts+rep.Refused != 0 || after.Version != before.Version || after.Status != before.Status || after.Rendering != before.Rendering {
					t.Errorf("%s, %s exported and imported back: %+v; the quote went from version %d %s %q to version %d %s %q",
						what, format, rep, before.Version, before.Status, before.Rendering.Text, after.Version, after.Status, after.Rendering.Text)
				}
			}
		}
		if got := get(); got.Original.Text != cotejo.Canonical(original) || !strings.Contains(got.Original.Text, "gobierno\nextranjero") || got.Rendering.Text != cotejo.Canonical(rendering) {
			t.Fatalf("stored texts: %q, %q", got.Original.Text, got.Rendering.Text)
		}
		move("translator", "translated", "")
		move("reviewer", "verified", "")
		xliffRoundTrip("a verified quote")
		move("editor", "approved", "")
		xliffRoundTrip("an approved quote")

		// The memory, from the approved quote: its TMX and the article's,
		// imported into another newsroom, give the same pairs.
		mine, err := e.st.TMUnits(ctx, "", 100)
		if err != nil || len(mine) != 1 {
			t.Fatalf("memory: %+v, %v", mine, err)
		}
		for _, path := range []string{"/api/v1/tm/export", fmt.Sprintf("/api/v1/articles/%d/export?format=tmx", a.ID)} {
			file := e.must(200, request{method: "GET", path: path, as: "editor"}).raw
			other := sqliteEnv(t)
			other.must(200, request{method: "POST", path: "/api/v1/tm/import", as: "editor", body: file})
			theirs, err := other.st.TMUnits(ctx, "", 100)
			if err != nil || len(theirs) != 1 || theirs[0].Source != mine[0].Source || theirs[0].Target != mine[0].Target {
				t.Errorf("%s imported elsewhere: %+v, want %+v (%v)", path, theirs, mine, err)
			}
			if path == "/api/v1/tm/export" && theirs[0].Note != mine[0].Note {
				t.Errorf("the memory's note came back as %q, not %q", theirs[0].Note, mine[0].Note)
			}
		}

		// Characters that XML cannot carry (or that XML carries but no
		// newsroom text needs): refused when typed, or else kept.
		move("editor", "draft", "a correction")
		for _, r := range []rune{'\v', '\x01', '\f', '\x1b', '\x7f', '\u0085', '\uFFFE', '\uFDD0'} {
			text := rendering + " x" + string(r) + "y"
			res := e.do(request{method: "PATCH", path: qp, as: "translator", body: map[string]any{"rendering": map[string]string{"text": text}}, header: e.current(qp)})
			switch res.status {
			case http.StatusUnprocessableEntity:
				if !strings.Contains(res.errorMessage(t), fmt.Sprintf("%U at character", r)) {
					t.Errorf("%U refused without naming it: %s", r, res.raw)
				}
			case http.StatusOK:
				xliffRoundTrip(fmt.Sprintf("a rendering with %U", r))
			default:
				t.Fatalf("%U: %d %s", r, res.status, res.raw)
			}
		}
	})
}

// TestExpiredFormKeepsWhatWasTyped: a form posted with a token that is no
// longer good (the page was open across a login, or the cookie is gone)
// says that the form expired, not that the person's roles forbid it, and
// shows the form again with what was typed and a good token, so that
// sending it again does the work. The password is never sent back.
func TestExpiredFormKeepsWhatWasTyped(t *testing.T) {
	e := sqliteEnv(t)
	ids := matrixFixture(t, e)
	expired := func(what string, status int, page string) {
		t.Helper()
		if status != http.StatusForbidden || !strings.Contains(page, "This form has expired") || strings.Contains(page, "Your roles do not allow this.") {
			t.Fatalf("%s: %d %s", what, status, between(page, "<main", "</main>"))
		}
	}

	// The login form, its cookie gone.
	b := newBrowser(t, e)
	_, _, page := b.get("/login")
	token := b.csrf(page)
	b.c.Jar.SetCookies(b.url(), []*http.Cookie{{Name: "cotejo_csrf", Value: "", Path: "/", MaxAge: -1}})
	status, _, page := b.post("/login", url.Values{"csrf_token": {token}, "email": {"editor@example.org"}, "password": {password}, "next": {"/glossary"}})
	expired("the login form", status, page)
	if !strings.Contains(page, `value="editor@example.org"`) || strings.Contains(page, password) {
		t.Fatal("the expired login form does not keep the email, or sends the password back")
	}
	status, h, _ := b.post("/login", url.Values{"csrf_token": {b.csrf(page)}, "email": {"editor@example.org"}, "password": {password}, "next": {nextField.FindStringSubmatch(between(page, `action="/login"`, `</form>`))[1]}})
	if status != http.StatusSeeOther || h.Get("Location") != "/glossary" {
		t.Fatalf("logging in from the expired form: %d %q", status, h.Get("Location"))
	}

	// An article form left open while its person logged out and in again.
	_, _, page = b.get(fmt.Sprintf("/articles/%d/edit", ids.article))
	stale := b.csrf(page)
	_, _, other := b.get("/articles")
	b.post("/logout", url.Values{"csrf_token": {b.csrf(other)}})
	b.login("editor@example.org")
	typed := "Intro, rewritten.\n\n“We don't want intervention from any foreign government,” Sheinbaum said in Spanish."
	status, _, page = b.post(fmt.Sprintf("/articles/%d/edit", ids.article), url.Values{"csrf_token": {stale}, "version": {"1"},
		"headline": {"Matrix, edited"}, "body": {typed}, "language": {"en"}})
	expired("the article form", status, page)
	form := regexp.MustCompile(`(?s)<form method="post" action="/articles/\d+/edit"[^>]*>.*?</form>`).FindString(page)
	if !strings.Contains(html.UnescapeString(form), typed) || !strings.Contains(form, `value="Matrix, edited"`) || !strings.Contains(form, `name="version" value="1"`) {
		t.Fatalf("the expired page does not keep what was typed:\n%s", form)
	}
	fields := url.Values{}
	for _, m := range regexp.MustCompile(`(?s)name="([^"]+)"(?: value="([^"]*)")?[^>]*>(?:\n?([^<]*)</textarea>)?`).FindAllStringSubmatch(form, -1) {
		fields.Add(m[1], html.UnescapeString(m[2]+m[3]))
	}
	if status, _, _ := b.post(fmt.Sprintf("/articles/%d/edit", ids.article), fields); status != http.StatusSeeOther {
		t.Fatalf("sending the expired form again: %d (%v)", status, fields)
	}
	if a, _ := e.st.Article(context.Background(), ids.article); a.Body != typed || a.Headline != "Matrix, edited" {
		t.Fatalf("the article after sending again: %q %q", a.Headline, a.Body)
	}

	// A form another site made the browser send does not come back filled
	// in, one click from being sent with a good token.
	status, _, page = b.send("POST", fmt.Sprintf("/articles/%d/edit", ids.article), url.Values{"csrf_token": {stale}, "version": {"2"},
		"headline": {"Planted headline"}, "body": {"Planted."}, "language": {"en"}}, map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})
	if status != http.StatusForbidden || !strings.Contains(page, "This form came from another site") || strings.Contains(page, "Planted") || strings.Contains(page, `data-testid="expired-form"`) {
		t.Fatalf("a cross-site form: %d %s", status, between(page, "<main", "</main>"))
	}

	// An upload asks for its file again; in Spanish, the page speaks Spanish.
	b.lang = "es"
	status, _, page = b.upload(fmt.Sprintf("/articles/%d/import", ids.article), stale, "a.xlf", []byte(matrixXLIFF))
	if status != http.StatusForbidden || !strings.Contains(page, `type="file" name="file"`) || !strings.Contains(page, "El formulario caducó") {
		t.Fatalf("an expired upload: %d %s", status, between(page, "<main", "</main>"))
	}
}

// TestPageErrorsKeepTheDomainsWords: where the domain says precisely what is
// wrong, an English page says it too, beside the code's sentence.
func TestPageErrorsKeepTheDomainsWords(t *testing.T) {
	e := sqliteEnv(t)
	ad := loggedIn(t, e, "admin@example.org")
	_, _, page := ad.get("/users")
	status, _, page := ad.post("/users", url.Values{"csrf_token": {ad.csrf(page)}, "email": {"ana@example.org"}, "name": {"Ana"}, "roles": {"reviewer"}, "password": {"short"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(page, "A password needs at least 10 characters.") {
		t.Fatalf("a short password: %d %s", status, between(page, `class="error"`, "</p>"))
	}
	ed := loggedIn(t, e, "editor@example.org")
	status, _, page = ed.get("/users")
	if status != http.StatusForbidden || !strings.Contains(page, "<h1>Your roles do not allow this.</h1>") || !strings.Contains(page, "Your roles do not allow you to manage users.") {
		t.Fatalf("the users page for an editor: %d %s", status, between(page, "<main", "</main>"))
	}
	// A Spanish page keeps to what it can say in Spanish.
	ed.lang = "es"
	if _, _, page = ed.get("/users"); !strings.Contains(page, "<h1>Tus roles no lo permiten.</h1>") || strings.Contains(page, "manage users") {
		t.Fatalf("the users page in Spanish: %s", between(page, "<main", "</main>"))
	}
}
