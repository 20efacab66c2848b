package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/server"
	"github.com/cotejo/cotejo/internal/workflow"
)

const sourceText = "“Sacaron un comunicado de que, a menos que nosotros lo pidiéramos, ellos intervendrían, pero nosotros no lo vamos a pedir, porque nosotros no queremos intervención de ningún gobierno extranjero”."

const body = "Speaking at a press conference, Sheinbaum was firm.\n\n\"We don't want intervention from any foreign government,\" Sheinbaum said in Spanish."

func TestHealthAndAuth(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		e.must(200, request{method: "GET", path: "/healthz"})
		// Public paths do not look at credentials, good or bad.
		bad := map[string]string{"Authorization": "Bearer cotejo_revoked"}
		e.must(200, request{method: "GET", path: "/healthz", header: bad})
		e.must(200, request{method: "GET", path: "/api/v1/openapi.json", header: bad})

		res := e.must(201, request{method: "POST", path: "/api/v1/auth/token", body: map[string]string{"email": "Editor@Example.org", "password": password}})
		var tok struct {
			Token string `json:"token"`
			User  struct {
				Email string   `json:"email"`
				Roles []string `json:"roles"`
			} `json:"user"`
		}
		res.json(t, &tok)
		if !strings.HasPrefix(tok.Token, "cotejo_") || tok.User.Email != "editor@example.org" || tok.User.Roles[0] != "editor" {
			t.Fatalf("token response: %+v", tok)
		}
		me := e.must(200, request{method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": "Bearer " + tok.Token}})
		if !bytes.Contains(me.raw, []byte(`"editor@example.org"`)) || bytes.Contains(me.raw, []byte("password")) {
			t.Fatalf("me: %s", me.raw)
		}

		for _, c := range []struct {
			name   string
			req    request
			status int
			code   string
		}{
			{"wrong password", request{method: "POST", path: "/api/v1/auth/token", body: map[string]string{"email": "editor@example.org", "password": "nope nope nope"}}, 401, "unauthorized"},
			{"unknown user", request{method: "POST", path: "/api/v1/auth/token", body: map[string]string{"email": "who@example.org", "password": password}}, 401, "unauthorized"},
			{"malformed", request{method: "POST", path: "/api/v1/auth/token", body: `{"email":`}, 400, "malformed"},
			{"not JSON", request{method: "POST", path: "/api/v1/auth/token", body: "email=x", header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}, 415, "unsupported_media_type"},
			{"no token", request{method: "GET", path: "/api/v1/me"}, 401, "unauthorized"},
			{"bad token", request{method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": "Bearer cotejo_nope"}}, 401, "unauthorized"},
			{"not bearer", request{method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": "Basic eDp5"}}, 401, "unauthorized"},
			{"unknown path", request{method: "GET", path: "/api/v1/nothing", as: "editor"}, 404, "not_found"},
			{"wrong method", request{method: "PUT", path: "/api/v1/articles", as: "editor"}, 405, "method_not_allowed"},
		} {
			t.Run(c.name, func(t *testing.T) {
				res := e.must(c.status, c.req)
				if got := res.errorCode(t); got != c.code {
					t.Fatalf("error code %q, want %q", got, c.code)
				}
			})
		}

		// Tokens are listed without secrets and can be revoked.
		list := e.must(200, request{method: "GET", path: "/api/v1/auth/tokens", as: "editor"})
		if bytes.Contains(list.raw, []byte(e.tokens["editor"])) {
			t.Fatal("the token list shows a secret")
		}
		var toks []struct{ ID int64 }
		list.json(t, &toks)
		e.must(204, request{method: "DELETE", path: fmt.Sprintf("/api/v1/auth/tokens/%d", toks[len(toks)-1].ID), as: "editor"})
		e.must(401, request{method: "GET", path: "/api/v1/me", as: "editor"})
		e.must(404, request{method: "DELETE", path: fmt.Sprintf("/api/v1/auth/tokens/%d", toks[len(toks)-1].ID), as: "reviewer"})
	})
}

// TestLoginRateLimit: after a few failures for an account, the address
// they came from waits before it may try that account again, even with the
// right password, and is told how long (Retry-After); the account's owner
// from another address, and other accounts, are not held up.
func TestLoginRateLimit(t *testing.T) {
	e := sqliteEnv(t)
	bad := map[string]string{"email": "reviewer@example.org", "password": "wrong wrong wrong"}
	for i := 0; i < workflow.FreeLoginFailures; i++ {
		e.must(401, request{method: "POST", path: "/api/v1/auth/token", body: bad})
	}
	right := map[string]string{"email": "reviewer@example.org", "password": password}
	res := e.must(429, request{method: "POST", path: "/api/v1/auth/token", body: right})
	if res.errorCode(t) != "rate_limited" {
		t.Fatalf("code %s", res.raw)
	}
	if s, err := strconv.Atoi(res.header.Get("Retry-After")); err != nil || s < 1 {
		t.Fatalf("Retry-After: %q", res.header.Get("Retry-After"))
	}
	e.must(201, request{method: "POST", path: "/api/v1/auth/token", body: right, remote: "198.51.100.7"})
	e.must(201, request{method: "POST", path: "/api/v1/auth/token", body: map[string]string{"email": "editor@example.org", "password": password}})
}

func TestArticlesAPI(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		res := e.must(201, request{method: "POST", path: "/api/v1/articles", as: "translator", body: map[string]string{
			"headline": "  Sheinbaum rejects intervention ", "body": "Cafe\u0301 " + body, "language": "en-us", "outlet": "CRBC News"}})
		var a cotejo.Article
		res.json(t, &a)
		if a.ID == 0 || a.Version != 1 || a.Status != cotejo.ArticleDraft || a.Language != "en-US" ||
			a.Headline != "Sheinbaum rejects intervention" || !strings.HasPrefix(a.Body, "Café ") {
			t.Fatalf("created: %+v", a)
		}
		if res.header.Get("Location") != "/api/v1/articles/"+strconv.FormatInt(a.ID, 10) || res.header.Get("ETag") != `"1"` {
			t.Fatalf("headers: %v", res.header)
		}
		path := "/api/v1/articles/" + strconv.FormatInt(a.ID, 10)

		// Refused input changes nothing.
		big := bytes.Repeat([]byte("a"), 50<<20)
		for _, c := range []struct {
			name   string
			req    request
			status int
			code   string
		}{
			{"reviewer may not create", request{method: "POST", path: "/api/v1/articles", as: "reviewer", body: map[string]string{"headline": "h", "body": "b", "language": "en"}}, 403, "forbidden"},
			{"invalid tag", request{method: "POST", path: "/api/v1/articles", as: "editor", body: map[string]string{"headline": "h", "body": "b", "language": "english!"}}, 422, "invalid_language"},
			{"missing tag", request{method: "POST", path: "/api/v1/articles", as: "editor", body: map[string]string{"headline": "h", "body": "b"}}, 422, "invalid_language"},
			{"no headline", request{method: "POST", path: "/api/v1/articles", as: "editor", body: map[string]string{"headline": " ", "body": "b", "language": "en"}}, 422, "invalid"},
			{"invalid UTF-8", request{method: "POST", path: "/api/v1/articles", as: "editor", body: []byte("{\"headline\":\"h\xff\",\"body\":\"b\",\"language\":\"en\"}")}, 422, "invalid_utf8"},
			{"lone surrogate", request{method: "POST", path: "/api/v1/articles", as: "editor", body: `{"headline":"h\ud800","body":"b","language":"en"}`}, 422, "invalid_utf8"},
			{"wrong type", request{method: "POST", path: "/api/v1/articles", as: "editor", body: `{"headline":5,"body":"b","language":"en"}`}, 400, "malformed"},
			{"two values", request{method: "POST", path: "/api/v1/articles", as: "editor", body: `{"headline":"h","body":"b","language":"en"} {}`}, 400, "malformed"},
			{"empty body", request{method: "POST", path: "/api/v1/articles", as: "editor", body: ""}, 400, "malformed"},
			{"50 MB", request{method: "POST", path: "/api/v1/articles", as: "editor", body: big}, 413, "too_large"},
			{"50 MB without a length", request{method: "POST", path: "/api/v1/articles", as: "editor", body: io.MultiReader(bytes.NewReader(big))}, 413, "too_large"},
			{"stale version", request{method: "PATCH", path: path, as: "editor", body: map[string]any{"headline": "Stale", "version": 7}}, 409, "version_conflict"},
			{"stale If-Match", request{method: "PATCH", path: path, as: "editor", body: map[string]any{"headline": "Stale"}, header: map[string]string{"If-Match": `"9"`}}, 409, "version_conflict"},
			{"bad If-Match", request{method: "PATCH", path: path, as: "editor", body: map[string]any{"headline": "Stale"}, header: map[string]string{"If-Match": `abc`}}, 400, "malformed"},
			{"patch invalid tag", request{method: "PATCH", path: path, as: "editor", body: map[string]any{"language": "??", "version": 1}}, 422, "invalid_language"},
			{"no version", request{method: "PATCH", path: path, as: "editor", body: map[string]any{"headline": "Blind"}}, 428, "precondition_required"},
			{"If-Match: * names no version", request{method: "PATCH", path: path, as: "editor", body: map[string]any{"headline": "Blind"}, header: map[string]string{"If-Match": "*"}}, 428, "precondition_required"},
			{"delete without a version", request{method: "DELETE", path: path, as: "editor"}, 428, "precondition_required"},
			{"translator may not delete", request{method: "DELETE", path: path, as: "translator", header: map[string]string{"If-Match": `"1"`}}, 403, "forbidden"},
			{"missing", request{method: "GET", path: "/api/v1/articles/999", as: "editor"}, 404, "not_found"},
			{"not an id", request{method: "GET", path: "/api/v1/articles/abc", as: "editor"}, 404, "not_found"},
			{"bad status filter", request{method: "GET", path: "/api/v1/articles?status=lost", as: "editor"}, 422, "invalid"},
		} {
			t.Run(c.name, func(t *testing.T) {
				res := e.must(c.status, c.req)
				if got := res.errorCode(t); got != c.code {
					t.Fatalf("error code %q, want %q (%s)", got, c.code, res.raw)
				}
				if c.code == "version_conflict" && !bytes.Contains(res.raw, []byte(`"headline":"Sheinbaum rejects intervention"`)) {
					t.Fatalf("a conflict must carry the current article: %s", res.raw)
				}
			})
		}
		if n := e.articleCount(); n != 1 {
			t.Fatalf("refused requests stored something: %d articles", n)
		}
		got := e.must(200, request{method: "GET", path: path, as: "reviewer"})
		got.json(t, &a)
		if a.Version != 1 || a.Headline != "Sheinbaum rejects intervention" {
			t.Fatalf("refused requests changed the article: %+v", a)
		}

		// A write based on the current version goes through.
		res = e.must(200, request{method: "PATCH", path: path, as: "editor", body: map[string]any{"dateline": "Mexico City"}, header: map[string]string{"If-Match": `"1"`}})
		res.json(t, &a)
		if a.Version != 2 || a.Dateline != "Mexico City" || a.Headline != "Sheinbaum rejects intervention" || res.header.Get("ETag") != `"2"` {
			t.Fatalf("after PATCH: %+v", a)
		}
		// Saving the same values makes no new version and no event.
		e.must(200, request{method: "PATCH", path: path, as: "editor", body: map[string]any{"dateline": "Mexico City", "version": 2}}).json(t, &a)
		e.must(200, request{method: "PATCH", path: path, as: "editor", body: map[string]any{"version": 2}}).json(t, &a)
		if a.Version != 2 {
			t.Fatalf("a no-op PATCH made version %d", a.Version)
		}
		// Lists filter by status and text.
		var list []cotejo.Article
		e.must(200, request{method: "GET", path: "/api/v1/articles?status=draft&q=SHEINBAUM", as: "reviewer"}).json(t, &list)
		if len(list) != 1 {
			t.Fatalf("filtered list: %d", len(list))
		}
		e.must(200, request{method: "GET", path: "/api/v1/articles?status=published", as: "reviewer"}).json(t, &list)
		if len(list) != 0 {
			t.Fatalf("published list: %d", len(list))
		}
		e.must(409, request{method: "DELETE", path: path, as: "editor", header: map[string]string{"If-Match": `"1"`}})
		e.must(204, request{method: "DELETE", path: path, as: "editor", header: map[string]string{"If-Match": `"2"`}})
		e.must(404, request{method: "GET", path: path, as: "editor"})
	})
}

func TestSourcesAndQuotesAPI(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		var a cotejo.Article
		e.must(201, request{method: "POST", path: "/api/v1/articles", as: "translator", body: map[string]string{
			"headline": "H", "body": body, "language": "en"}}).json(t, &a)
		var src cotejo.Source
		e.must(201, request{method: "POST", path: "/api/v1/sources", as: "reviewer", body: map[string]any{
			"title": "La Razón", "kind": "published_report", "language": "es-mx", "text": sourceText,
			"url": "https://www.razon.com.mx/x", "recorded_at": "2025-11-18", "speakers": []string{" Claudia Sheinbaum "}}}).json(t, &src)
		var bare map[string]any
		e.must(201, request{method: "POST", path: "/api/v1/sources", as: "reviewer", body: map[string]any{
			"title": "Notes", "kind": "interview_notes", "language": "es"}}).json(t, &bare)
		if sp, ok := bare["speakers"].([]any); !ok || len(sp) != 0 {
			t.Fatalf("speakers of a source without any: %#v", bare["speakers"])
		}
		if src.Language != "es-MX" || src.Speakers[0] != "Claudia Sheinbaum" || src.TextLength != cotejo.RuneLen(sourceText) {
			t.Fatalf("source: %+v", src)
		}
		for _, c := range []struct {
			name string
			body map[string]any
			code string
		}{
			{"unknown kind", map[string]any{"title": "t", "kind": "rumour", "language": "es"}, "invalid"},
			{"bad url", map[string]any{"title": "t", "kind": "document", "language": "es", "url": "javascript:alert(1)"}, "invalid"},
			{"bad date", map[string]any{"title": "t", "kind": "document", "language": "es", "recorded_at": "yesterday"}, "invalid"},
			{"bad tag", map[string]any{"title": "t", "kind": "document", "language": "x"}, "invalid_language"},
		} {
			if got := e.must(422, request{method: "POST", path: "/api/v1/sources", as: "editor", body: c.body}).errorCode(t); got != c.code {
				t.Errorf("%s: code %s", c.name, got)
			}
		}
		var list []cotejo.Source
		e.must(200, request{method: "GET", path: "/api/v1/sources", as: "editor"}).json(t, &list)
		if len(list) != 2 || list[1].Text != "" || list[1].TextLength != src.TextLength {
			t.Fatalf("the list should carry lengths, not texts: %+v", list)
		}

		// The original is located in the source and the rendering in the body.
		qpath := fmt.Sprintf("/api/v1/articles/%d/quotes", a.ID)
		var q cotejo.Quote
		e.must(201, request{method: "POST", path: qpath, as: "translator", body: map[string]any{
			"speaker":   "Claudia Sheinbaum",
			"original":  map[string]string{"text": "nosotros no queremos intervención de ningún gobierno extranjero"},
			"rendering": map[string]string{"text": "We don't want intervention from any foreign government", "lang": "en"},
			"source_id": src.ID}}).json(t, &q)
		if q.SourceAnchor == nil || q.SourceAnchor.State != cotejo.AnchorExact || q.Original.Lang != "es-MX" ||
			[]rune(sourceText)[q.SourceAnchor.Start] != 'n' || q.SourceAnchor.End-q.SourceAnchor.Start != cotejo.RuneLen(q.Original.Text) {
			t.Fatalf("source anchor: %+v", q.SourceAnchor)
		}
		if q.ArticleAnchor == nil || q.ArticleAnchor.Exact != q.Rendering.Text || q.ArticleAnchor.Start != 54 || q.Status != cotejo.QuoteDraft {
			t.Fatalf("article anchor: %+v", q.ArticleAnchor)
		}
		var attached []cotejo.Source
		e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/articles/%d/sources", a.ID), as: "editor"}).json(t, &attached)
		if len(attached) != 1 || attached[0].Text != sourceText {
			t.Fatalf("quoting from a source attaches it: %+v", attached)
		}
		// Attaching it again creates nothing: 200, the same list.
		e.must(200, request{method: "POST", path: fmt.Sprintf("/api/v1/articles/%d/sources", a.ID), as: "editor",
			body: map[string]int64{"source_id": src.ID}}).json(t, &attached)
		if len(attached) != 1 {
			t.Fatalf("attached twice: %+v", attached)
		}

		// A quote given by its span in the source takes the original from it.
		var q2 cotejo.Quote
		e.must(201, request{method: "POST", path: qpath, as: "editor", body: map[string]any{
			"speaker": "Claudia Sheinbaum", "source_id": src.ID, "source_anchor": map[string]int{"start": 1, "end": 8},
			"rendering": map[string]string{"text": "They issued"}}}).json(t, &q2)
		if q2.Original.Text != "Sacaron" || q2.SourceAnchor.Prefix != "“" || q2.ArticleAnchor != nil {
			t.Fatalf("span quote: %+v", q2)
		}
		for _, c := range []struct {
			name string
			body map[string]any
			want int
		}{
			{"span outside", map[string]any{"source_id": src.ID, "source_anchor": map[string]int{"start": 5, "end": 5000}, "rendering": map[string]string{"text": "x"}}, 422},
			{"reversed span", map[string]any{"source_id": src.ID, "source_anchor": map[string]int{"start": 9, "end": 3}, "rendering": map[string]string{"text": "x"}}, 422},
			{"span without source", map[string]any{"source_anchor": map[string]int{"start": 0, "end": 3}, "original": map[string]string{"text": "x", "lang": "es"}}, 422},
			{"unknown source", map[string]any{"source_id": 999, "original": map[string]string{"text": "x"}}, 422},
			{"bad lang", map[string]any{"original": map[string]string{"text": "x", "lang": "??"}}, 422},
			{"no text at all", map[string]any{"original": map[string]string{"text": " ", "lang": "es"}, "rendering": map[string]string{"text": ""}}, 422},
			{"bad media", map[string]any{"original": map[string]string{"text": "x", "lang": "es"}, "media": map[string]float64{"start": 9, "end": 2}}, 422},
		} {
			if res := e.do(request{method: "POST", path: qpath, as: "translator", body: c.body}); res.status != c.want {
				t.Errorf("%s: %d %s", c.name, res.status, res.raw)
			}
		}
		e.must(403, request{method: "POST", path: qpath, as: "reviewer", body: map[string]any{"original": map[string]string{"text": "x", "lang": "es"}}})

		// Edits are versioned and recorded.
		qp := fmt.Sprintf("/api/v1/quotes/%d", q.ID)
		e.must(409, request{method: "PATCH", path: qp, as: "translator", body: map[string]any{"speaker": "X", "version": 5}})
		var q3 cotejo.Quote
		e.must(200, request{method: "PATCH", path: qp, as: "translator2", body: map[string]any{"speaker": "Presidenta Claudia Sheinbaum", "version": 1}}).json(t, &q3)
		if q3.Version != 2 || q3.Speaker != "Presidenta Claudia Sheinbaum" || *q3.LastEditorID != e.users["translator2"].ID || q3.SourceAnchor == nil {
			t.Fatalf("after patch: %+v", q3)
		}
		var hist []struct {
			Action string `json:"action"`
			UserID int64  `json:"user_id"`
			To     struct {
				Overrides json.RawMessage `json:"overrides"`
			} `json:"to"`
		}
		e.must(200, request{method: "GET", path: qp + "/history", as: "reviewer"}).json(t, &hist)
		if len(hist) != 2 || hist[0].Action != "create" || hist[1].Action != "update" || hist[1].UserID != e.users["translator2"].ID {
			t.Fatalf("history: %+v", hist)
		}
		if string(hist[0].To.Overrides) != "[]" {
			t.Fatalf("the created quote's overrides in its history: %s, want []", hist[0].To.Overrides)
		}
		var quotes []cotejo.Quote
		e.must(200, request{method: "GET", path: qpath, as: "reviewer"}).json(t, &quotes)
		if len(quotes) != 2 {
			t.Fatalf("quotes: %d", len(quotes))
		}
		e.must(204, request{method: "DELETE", path: fmt.Sprintf("/api/v1/quotes/%d", q2.ID), as: "translator", header: map[string]string{"If-Match": fmt.Sprint(q2.Version)}})
		e.must(404, request{method: "GET", path: fmt.Sprintf("/api/v1/quotes/%d", q2.ID), as: "translator"})

		// Editing the body re-anchors the quote: moved text is found again exactly.
		var changed struct {
			cotejo.Article
			Reanchored []struct {
				QuoteID int64          `json:"quote_id"`
				After   *cotejo.Anchor `json:"after"`
			} `json:"reanchored"`
		}
		e.must(200, request{method: "PATCH", path: fmt.Sprintf("/api/v1/articles/%d", a.ID), as: "editor",
			body: map[string]any{"body": "New first paragraph.\n\n" + body}, header: e.current(fmt.Sprintf("/api/v1/articles/%d", a.ID))}).json(t, &changed)
		if len(changed.Reanchored) != 1 || changed.Reanchored[0].After.Start != 54+22 || changed.Reanchored[0].After.State != cotejo.AnchorExact {
			t.Fatalf("reanchored: %+v", changed.Reanchored)
		}
		res := e.must(200, request{method: "PATCH", path: "/api/v1/sources/" + strconv.FormatInt(src.ID, 10), as: "translator",
			body: map[string]any{"title": "La Razón (18 Nov)"}, header: map[string]string{"If-Match": `"1"`}})
		var renamed cotejo.Source
		res.json(t, &renamed)
		if renamed.Title != "La Razón (18 Nov)" || renamed.Version != 2 || renamed.Text != sourceText || res.header.Get("ETag") != `"2"` {
			t.Fatalf("after renaming the source: %+v (ETag %s)", renamed, res.header.Get("ETag"))
		}
	})
}

// TestBodyLimitIsConfigurable: the limit is a setting, not a constant.
func TestBodyLimitIsConfigurable(t *testing.T) {
	e := sqliteEnvWith(t, server.Config{BodyLimit: 1024})
	big := strings.Repeat("x", 2000)
	e.must(413, request{method: "POST", path: "/api/v1/articles", as: "editor", body: map[string]string{"headline": "h", "body": big, "language": "en"}})
	e.must(201, request{method: "POST", path: "/api/v1/articles", as: "editor", body: map[string]string{"headline": "h", "body": "small", "language": "en"}})
	res := e.do(request{method: "POST", path: "/articles", body: big})
	if res.status != http.StatusRequestEntityTooLarge {
		t.Fatalf("a large form: %d", res.status)
	}
}

// TestUsersAPI: admins add accounts and change them through the API, with
// the same rules as the page: unique emails, versions, one enabled admin.
func TestUsersAPI(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		var u cotejo.User
		e.must(201, request{method: "POST", path: "/api/v1/users", as: "admin", body: map[string]any{
			"email": "Luz@Example.org", "name": "Luz Marín", "roles": []string{"translator"}, "lang": "es-mx", "password": password}}).json(t, &u)
		if u.ID == 0 || u.Email != "luz@example.org" || u.Lang != "es-MX" || u.Version != 1 {
			t.Fatalf("created %+v", u)
		}
		if strings.Contains(string(e.must(200, request{method: "GET", path: "/api/v1/users", as: "admin"}).raw), "password") {
			t.Fatal("the list shows a password field")
		}
		e.must(409, request{method: "POST", path: "/api/v1/users", as: "admin", body: map[string]any{
			"email": "luz@example.org", "name": "Again", "roles": []string{"translator"}, "password": password}})
		if got := e.must(422, request{method: "POST", path: "/api/v1/users", as: "admin", body: map[string]any{
			"email": "x@example.org", "name": "X", "roles": []string{"boss"}, "password": password}}).errorCode(t); got != "invalid" {
			t.Fatalf("an unknown role: %s", got)
		}

		path := fmt.Sprintf("/api/v1/users/%d", u.ID)
		e.must(200, request{method: "PATCH", path: path, as: "admin", body: map[string]any{"roles": []string{"translator", "reviewer"}, "version": 1}}).json(t, &u)
		if !u.Has(cotejo.RoleReviewer) || u.Version != 2 || u.Name != "Luz Marín" {
			t.Fatalf("patched %+v", u)
		}
		e.must(409, request{method: "PATCH", path: path, as: "admin", body: map[string]any{"disabled": true, "version": 1}})

		admin := e.users["admin"]
		if got := e.must(422, request{method: "PATCH", path: fmt.Sprintf("/api/v1/users/%d", admin.ID), as: "admin",
			body: map[string]any{"disabled": true, "version": admin.Version}}).errorCode(t); got != "invalid" {
			t.Fatalf("disabling the last admin: %s", got)
		}
		e.must(404, request{method: "PATCH", path: "/api/v1/users/99999", as: "admin", body: map[string]any{"name": "Nobody", "version": 1}})
	})
}
