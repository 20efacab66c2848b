package server_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
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

func (b *browser) send(method, path string, form url.Values, header map[string]string, upload ...any) (int, http.Header, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	// A raw body and its content type, for uploads: (io.Reader, string).
	if len(upload) == 2 {
		body = upload[0].(io.Reader)
	}
	req, _ := http.NewRequest(method, b.base+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if len(upload) == 2 {
		req.Header.Set("Content-Type", upload[1].(string))
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

// upload posts a file as the "file" field of a form, with the CSRF token.
func (b *browser) upload(path, csrf, name string, content []byte) (int, http.Header, string) {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf_token", csrf)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(content)
	_ = mw.Close()
	return b.send("POST", path, nil, nil, &body, mw.FormDataContentType())
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

// loggedIn is a new browser with email's session.
func loggedIn(t *testing.T, e *env, email string) *browser {
	t.Helper()
	b := newBrowser(t, e)
	b.login(email)
	return b
}

// login logs the browser in as email.
func (b *browser) login(email string) {
	b.t.Helper()
	_, _, page := b.get("/login")
	st, h, _ := b.post("/login", url.Values{"csrf_token": {b.csrf(page)}, "email": {email}, "password": {password}, "next": {"/articles"}})
	if st != http.StatusSeeOther || h.Get("Location") != "/articles" {
		b.t.Fatalf("login: %d to %q", st, h.Get("Location"))
	}
}
