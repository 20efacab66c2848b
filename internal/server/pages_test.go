package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/workflow"
)

func TestLoginLogout(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
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
		if status != 200 || !strings.Contains(page, `data-testid="current-user">Editor<`) || !strings.Contains(page, "New article") {
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
	e := sqliteEnv(t)
	b := newBrowser(t, e)
	_, h, _ := b.send("GET", "/login", nil, map[string]string{"X-Forwarded-Proto": "https"})
	if c := h.Get("Set-Cookie"); !strings.Contains(c, "Secure") {
		t.Fatalf("behind TLS the cookie must be Secure: %q", c)
	}
}

func TestPagesInSpanish(t *testing.T) {
	e := sqliteEnv(t)
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
	eachEnv(t, func(t *testing.T, e *env) {
		b := loggedIn(t, e, "translator@example.org")
		_, _, page := b.get("/articles/new")
		token := b.csrf(page)
		typed := "Línea uno.\r\n\r\n\"No queremos intervención\", dijo."
		status, _, page := b.post("/articles", url.Values{"csrf_token": {token}, "headline": {"Titular"}, "body": {typed}, "language": {"not a tag"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "not a valid BCP 47 tag") || !strings.Contains(page, "Línea uno.") {
			t.Fatalf("invalid tag: %d", status)
		}
		if n := e.articleCount(); n != 0 {
			t.Fatalf("a refused form stored an article")
		}
		status, h, _ := b.post("/articles", url.Values{"csrf_token": {token}, "headline": {"Titular"}, "body": {typed}, "language": {"es"}})
		if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/articles/") {
			t.Fatalf("create: %d", status)
		}
		list, _, _ := e.st.Articles(context.Background(), cotejo.ArticleFilter{})
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
		if status != http.StatusConflict || !conflictSaidOnce(page) || !strings.Contains(page, "Mi versión, que no debe perderse.") || !strings.Contains(between(page, `data-testid="conflict"`, `</div>`), "<ins>Texto del editor</ins>") || !strings.Contains(page, `name="version" value="2"`) {
			t.Fatalf("conflict: %d\n%s", status, between(page, `data-testid="conflict"`, `</form>`))
		}
		got, _ := e.st.Article(context.Background(), a.ID)
		if got.Body != "Texto del editor." {
			t.Fatal("the conflicting save overwrote")
		}
	})
}

// TestCookieAPIWritesNeedCSRF: a page's script may call the API with the
// session cookie, but only with the CSRF header.
func TestCookieAPIWritesNeedCSRF(t *testing.T) {
	e := sqliteEnv(t)
	b := loggedIn(t, e, "editor@example.org")
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

// moveButton matches the button of a quote's move on the quote page.
func moveButton(to string) string { return `data-move="` + to + `"` }

// transition posts the quote page's form.
func (b *browser) transition(id int64, form url.Values) (int, http.Header, string) {
	b.t.Helper()
	_, _, page := b.get(fmt.Sprintf("/quotes/%d", id))
	form.Set("csrf_token", b.csrf(page))
	if form.Get("version") == "" {
		m := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)
		if m == nil {
			b.t.Fatalf("no version on the page of quote %d", id)
		}
		form.Set("version", m[1])
	}
	return b.post(fmt.Sprintf("/quotes/%d/transition", id), form)
}

// TestQuotePageMoves: each person sees the buttons of the moves they may
// make; four eyes hide Verify from the translator; a refusal keeps what
// was typed and ticked and marks what blocks.
func TestQuotePageMoves(t *testing.T) {
	eachDemo(t, func(t *testing.T, e *env) {
		tr, rv, ed := loggedIn(t, e, "translator@demo.cotejo"), loggedIn(t, e, "reviewer@demo.cotejo"), loggedIn(t, e, "editor@demo.cotejo")

		status, _, page := tr.get("/quotes/1")
		if status != 200 || !strings.Contains(page, moveButton("translated")) || !strings.Contains(page, "Mark translated") ||
			strings.Contains(page, moveButton("verified")) || strings.Contains(page, moveButton("approved")) {
			t.Fatalf("the translator's buttons on a draft: %d", status)
		}
		if _, _, page := rv.get("/quotes/1"); strings.Contains(page, `id="transition-form"`) {
			t.Fatal("the reviewer has a move on a draft")
		}
		// The workbench links each quote to its page.
		if _, _, page := tr.get("/articles/1"); !strings.Contains(page, `href="/quotes/1"`) || !strings.Contains(page, `href="/quotes/2"`) {
			t.Fatal("the workbench does not link the quote pages")
		}
		// Each move goes on to the next quote that waits for the person and
		// says so; after the last, it stays and says nothing is left.
		status, h, _ := tr.transition(1, url.Values{"to": {"translated"}})
		if status != http.StatusSeeOther || h.Get("Location") != "/quotes/2" {
			t.Fatalf("mark 1 translated: %d %q, want on to quote 2", status, h.Get("Location"))
		}
		if _, _, page := tr.get("/quotes/2"); !strings.Contains(page, "Marked translated. Next: quote #2 “collaboration and coordination without subordination”") {
			t.Fatalf("after marking 1 translated, the flash on quote 2:\n%s", between(page, `class="flash"`, `</p>`))
		}
		status, h, _ = tr.transition(2, url.Values{"to": {"translated"}})
		if status != http.StatusSeeOther || h.Get("Location") != "/quotes/2" {
			t.Fatalf("mark 2 translated: %d %q, want to stay", status, h.Get("Location"))
		}
		_, _, page = tr.get("/quotes/2")
		if !strings.Contains(page, "Marked translated. Nothing else waits for you.") || !strings.Contains(page, `data-testid="quote-status">Translated<`) {
			t.Fatalf("after marking the last translated: %s", between(page, `class="flash"`, `</p>`))
		}
		_, _, page = tr.get("/quotes/1")
		if strings.Contains(page, moveButton("verified")) || !strings.Contains(page, moveButton("draft")) {
			t.Fatal("four eyes: the translator must not see Verify on their own quote, and may take it back to draft")
		}
		_, _, page = rv.get("/quotes/2")
		if !strings.Contains(page, moveButton("verified")) || !strings.Contains(page, moveButton("rejected")) || strings.Contains(page, moveButton("approved")) {
			t.Fatal("the reviewer's buttons on a translated quote")
		}
		// Quote 2 has a warning; the reviewer may tick it.
		if !strings.Contains(page, `name="override" value="partial_quote_qualifier"`) {
			t.Fatal("no override checkbox for the warning")
		}

		// Verify without overriding: blocked, the warning marked.
		status, _, page = rv.transition(2, url.Values{"to": {"verified"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "Blocked by 1 warning not let stand: The quote leaves out a qualifier that stands next to it in the source sentence. Fix") ||
			!strings.Contains(page, `finding sev-warning blocking`) || strings.Contains(page, "Blocks verification") {
			t.Fatalf("verify with a pending warning: %d %s", status, between(page, `class="error"`, "</p>"))
		}
		// Reject without a reason: a translated error; the ticked override is kept.
		status, _, page = rv.transition(2, url.Values{"to": {"rejected"}, "override": {"partial_quote_qualifier"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "Say why you send it back") || strings.Contains(page, "Some of what you entered is not valid.") ||
			!strings.Contains(page, `value="partial_quote_qualifier" checked`) {
			t.Fatalf("reject without a reason: %d", status)
		}
		// Overriding without a reason keeps the ticks too; then with a reason it passes.
		status, _, page = rv.transition(2, url.Values{"to": {"verified"}, "override": {"partial_quote_qualifier"}, "reason": {"  "}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, `value="partial_quote_qualifier" checked`) {
			t.Fatalf("override without a reason: %d", status)
		}
		status, _, _ = rv.transition(2, url.Values{"to": {"verified"}, "override": {"partial_quote_qualifier"}, "reason": {"The qualifier is reported in the next paragraph."}})
		if status != http.StatusSeeOther {
			t.Fatalf("verify with an override: %d", status)
		}
		_, _, page = rv.get("/quotes/2")
		if !strings.Contains(page, "Let stand by Demo Reviewer") || !strings.Contains(page, "The qualifier is reported in the next paragraph.") {
			t.Fatal("the override is not shown with who and why")
		}
		// A rejection with a reason shows it as the status reason.
		status, _, _ = rv.transition(1, url.Values{"to": {"rejected"}, "reason": {"The source says something else."}})
		if status != http.StatusSeeOther {
			t.Fatalf("reject: %d", status)
		}
		if _, _, page = tr.get("/quotes/1"); !strings.Contains(page, `data-testid="status-reason"`) || !strings.Contains(page, "The source says something else.") {
			t.Fatal("the rejection's reason is not shown")
		}
		// The editor approves the verified quote.
		if _, _, page = ed.get("/quotes/2"); !strings.Contains(page, moveButton("approved")) || !strings.Contains(page, moveButton("rejected")) {
			t.Fatal("the editor's buttons on a verified quote")
		}
		if status, _, _ = ed.transition(2, url.Values{"to": {"approved"}}); status != http.StatusSeeOther {
			t.Fatalf("approve: %d", status)
		}
		_, _, page = ed.get("/quotes/2")
		if !strings.Contains(page, moveButton("draft")) || !strings.Contains(page, "Reopen") || !strings.Contains(page, "Approved by") {
			t.Fatal("an approved quote: the editor may reopen it")
		}
		// A stale form: the other person's values against what this one saw.
		seen := url.Values{"to": {"translated"}, "version": {"2"}, "seen_rendering": {"We don't want intervention"}, "seen_speaker": {"Claudia Sheinbaum"}}
		status, _, page = tr.transition(1, seen)
		if status != http.StatusConflict || !conflictSaidOnce(page) || !strings.Contains(page, "<ins>") {
			t.Fatalf("a stale transition: %d", status)
		}
	})
}

// TestQueuePage: a translated quote waits for the reviewer, not for its
// translator; a comment that mentions the reviewer is in their queue.
func TestQueuePage(t *testing.T) {
	e := sqliteDemo(t)
	tr, rv := loggedIn(t, e, "translator@demo.cotejo"), loggedIn(t, e, "reviewer@demo.cotejo")
	if _, _, page := tr.get("/articles"); !strings.Contains(page, `href="/queue"`) || !strings.Contains(page, "My queue") {
		t.Fatal("no link to the queue")
	}
	_, _, page := rv.get("/queue")
	if strings.Contains(page, `data-testid="queue-item"`) || !strings.Contains(page, "Nothing waits for you.") {
		t.Fatal("the reviewer's queue before anything is translated")
	}
	if status, _, _ := tr.transition(1, url.Values{"to": {"translated"}}); status != http.StatusSeeOther {
		t.Fatalf("mark translated: %d", status)
	}
	_, _, page = rv.get("/queue")
	if !strings.Contains(page, `data-quote-id="1" data-testid="queue-item"`) || !strings.Contains(page, "As Reviewer") || !strings.Contains(page, "Verify") {
		t.Fatal("the translated quote is not in the reviewer's queue")
	}
	_, _, page = tr.get("/queue")
	if strings.Contains(page, `data-quote-id="1" `) || !strings.Contains(page, `data-quote-id="2" data-testid="queue-item"`) {
		t.Fatal("the translator's queue: the draft, not the translated quote")
	}

	// A comment with @reviewer.
	_, _, page = tr.get("/quotes/1")
	status, h, _ := tr.post("/quotes/1/comments", url.Values{"csrf_token": {tr.csrf(page)}, "body": {"Please look at the negation, @reviewer."}})
	if status != http.StatusSeeOther || h.Get("Location") != "/quotes/1#comments" {
		t.Fatalf("comment: %d %q", status, h.Get("Location"))
	}
	_, _, page = tr.get("/quotes/1")
	if !strings.Contains(page, `<mark class="mention">@reviewer</mark>`) || !strings.Contains(page, "Your comment is added.") {
		t.Fatal("the comment is not shown with its mention")
	}
	_, _, page = rv.get("/queue")
	if !strings.Contains(page, `data-testid="mention"`) || !strings.Contains(page, "Please look at the negation, ") || !strings.Contains(page, `href="/quotes/1#comment-`) {
		t.Fatal("the mention is not in the reviewer's queue")
	}
	// The reviewer answers through the comment's reply form; the answer
	// stands under the comment it answers, after a later top-level comment's
	// place in time would have put it.
	_, _, page = rv.get("/quotes/1")
	first := regexp.MustCompile(`name="parent_id" value="(\d+)"`).FindStringSubmatch(page)
	if first == nil {
		t.Fatal("no reply form under the comment")
	}
	_, _, trPage := tr.get("/quotes/1")
	if st, _, _ := tr.post("/quotes/1/comments", url.Values{"csrf_token": {tr.csrf(trPage)}, "body": {"A second thought."}}); st != http.StatusSeeOther {
		t.Fatalf("second comment: %d", st)
	}
	if st, _, _ := rv.post("/quotes/1/comments", url.Values{"csrf_token": {rv.csrf(page)}, "parent_id": {first[1]}, "body": {"Fixed in the transcript."}}); st != http.StatusSeeOther {
		t.Fatalf("reply: %d", st)
	}
	_, _, page = tr.get("/quotes/1")
	reply, second := strings.Index(page, "Fixed in the transcript."), strings.Index(page, "A second thought.")
	if reply < 0 || second < 0 || reply > second || !strings.Contains(page, `class="comment depth-1"`) {
		t.Fatalf("the reply is not threaded under its comment (reply at %d, second comment at %d)", reply, second)
	}
	// An empty comment is refused.
	_, _, page = tr.get("/quotes/1")
	status, _, page = tr.post("/quotes/1/comments", url.Values{"csrf_token": {tr.csrf(page)}, "body": {"   "}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(page, "Write your comment first") {
		t.Fatalf("an empty comment: %d", status)
	}
	// A refused reply stays in its own reply form, open, not in the box
	// for a new thread.
	long := strings.Repeat("tape ", cotejo.MaxCommentLen/5) + "ok"
	status, _, page = tr.post("/quotes/1/comments", url.Values{"csrf_token": {tr.csrf(page)}, "parent_id": {first[1]}, "body": {long}})
	replyForm := regexp.MustCompile(`(?s)<details class="reply small" open>.*?name="parent_id" value="` + first[1] + `".*?<textarea name="body" rows="2" required>` + regexp.QuoteMeta(long) + `</textarea>`)
	if status != http.StatusUnprocessableEntity || !replyForm.MatchString(page) || strings.Contains(page, `someone.">`+long) {
		t.Fatalf("a refused reply: %d", status)
	}
}

// TestQuoteHistoryPage: an edit shows as a word diff; an earlier rendering
// can be restored, except on an approved quote.
func TestQuoteHistoryPage(t *testing.T) {
	e := sqliteDemo(t)
	ctx := context.Background()
	tr := loggedIn(t, e, "translator@demo.cotejo")
	const before = "We don't want intervention from any foreign government"
	if _, err := e.svc.UpdateQuote(ctx, e.users["demo-translator"], 1, 1, cotejo.QuoteUpdate{Rendering: &cotejo.LangText{Text: "We do not want intervention from any foreign government"}}); err != nil {
		t.Fatal(err)
	}
	_, _, page := tr.get("/quotes/1")
	if !strings.Contains(page, "<del>don&#39;t</del>") || !strings.Contains(page, "<ins>do not</ins>") || !strings.Contains(page, "Edited") {
		t.Fatalf("no word diff in the history:\n%s", between(page, `id="history"`, `id="comments"`))
	}
	m := regexp.MustCompile(`name="event" value="(\d+)"`).FindStringSubmatch(page)
	if m == nil || !strings.Contains(page, "Restore this rendering") {
		t.Fatal("no restore button")
	}
	status, h, _ := tr.post("/quotes/1/restore", url.Values{"csrf_token": {tr.csrf(page)}, "event": {m[1]}, "version": {"2"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/quotes/1" {
		t.Fatalf("restore: %d", status)
	}
	q, _ := e.st.Quote(ctx, 1)
	if q.Rendering.Text != before {
		t.Fatalf("restored rendering %q", q.Rendering.Text)
	}
	// Through its life to approved; then a restore is refused.
	for _, step := range []struct {
		who string
		to  cotejo.QuoteStatus
	}{{"demo-translator", cotejo.QuoteTranslated}, {"demo-reviewer", cotejo.QuoteVerified}, {"demo-editor", cotejo.QuoteApproved}} {
		q, _ := e.st.Quote(ctx, 1)
		if _, err := e.svc.TransitionQuote(ctx, e.users[step.who], 1, q.Version, workflow.TransitionInput{To: step.to}); err != nil {
			t.Fatal(step.to, err)
		}
	}
	q, _ = e.st.Quote(ctx, 1)
	_, _, page = tr.get("/quotes/1")
	status, _, page = tr.post("/quotes/1/restore", url.Values{"csrf_token": {tr.csrf(page)}, "event": {m[1]}, "version": {strconv.Itoa(q.Version)}})
	if status != http.StatusForbidden || !strings.Contains(page, "This is approved or published; an editor must reopen it first.") {
		t.Fatalf("restore on an approved quote: %d", status)
	}
}

func between(s, from, to string) string {
	if i := strings.Index(s, from); i >= 0 {
		s = s[i:]
	}
	if j := strings.Index(s, to); j >= 0 {
		s = s[:j]
	}
	return s
}

// TestReadinessPage: the editor sees what blocks the article and whose move
// it is; a refused approval lists the blockers; once resolved, it passes.
func TestReadinessPage(t *testing.T) {
	eachDemo(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		ed, tr := loggedIn(t, e, "editor@demo.cotejo"), loggedIn(t, e, "translator@demo.cotejo")
		_, _, page := ed.get("/articles/1/readiness")
		if !strings.Contains(page, `data-testid="blockers"`) || !strings.Contains(page, `href="/quotes/1"`) || !strings.Contains(page, "Waiting for: <strong>Translator</strong>") ||
			!strings.Contains(page, `name="to" value="approved"`) || !strings.Contains(page, `<progress class="meter"`) {
			t.Fatal("the readiness page")
		}
		if _, _, page := tr.get("/articles/1/readiness"); strings.Contains(page, `value="approved"`) || !strings.Contains(page, `value="in_review"`) {
			t.Fatal("the translator may submit the article for review, not approve it")
		}
		status, _, page := ed.post("/articles/1/transition", url.Values{"csrf_token": {ed.csrf(page)}, "to": {"approved"}, "version": {"1"}, "from": {"readiness"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "Not approved: 2 quotes are not approved. Each is listed below") || !strings.Contains(page, "blockers refused") {
			t.Fatalf("a refused approval: %d %s", status, between(page, `class="error"`, "</p>"))
		}
		// The workbench shows the readiness too, with the same moves.
		if _, _, page := ed.get("/articles/1"); !strings.Contains(page, `data-testid="readiness"`) || !strings.Contains(page, `name="from" value="article"`) {
			t.Fatal("no readiness on the workbench")
		}
		for _, id := range []int64{1, 2} {
			for _, step := range []struct {
				who string
				to  cotejo.QuoteStatus
				ov  []string
			}{{"demo-translator", cotejo.QuoteTranslated, nil}, {"demo-reviewer", cotejo.QuoteVerified, []string{"partial_quote_qualifier"}}, {"demo-editor", cotejo.QuoteApproved, nil}} {
				q, _ := e.st.Quote(ctx, id)
				var ov []string
				if id == 2 {
					ov = step.ov
				}
				if _, err := e.svc.TransitionQuote(ctx, e.users[step.who], id, q.Version, workflow.TransitionInput{To: step.to, Override: ov, Reason: "checked"}); err != nil {
					t.Fatal(id, step.to, err)
				}
			}
		}
		_, _, page = ed.get("/articles/1")
		if !strings.Contains(page, `data-testid="approvable"`) {
			t.Fatal("everything approved, yet the article is not approvable")
		}
		status, h, _ := ed.post("/articles/1/transition", url.Values{"csrf_token": {ed.csrf(page)}, "to": {"approved"}, "version": {"1"}, "from": {"article"}})
		if status != http.StatusSeeOther || h.Get("Location") != "/articles/1" {
			t.Fatalf("approve the article: %d", status)
		}
		_, _, page = ed.get("/articles/1")
		if !strings.Contains(page, `data-testid="article-status">Approved<`) || !strings.Contains(page, "The article&#39;s status is changed.") || !strings.Contains(page, `value="published"`) {
			t.Fatal("the approved article")
		}
		// Published; then a reopening from a stale page is refused, and the
		// reason typed stays in the form.
		if status, _, _ := ed.post("/articles/1/transition", url.Values{"csrf_token": {ed.csrf(page)}, "to": {"published"}, "version": {"2"}, "from": {"article"}}); status != http.StatusSeeOther {
			t.Fatalf("publish: %d", status)
		}
		status, _, page = ed.post("/articles/1/transition", url.Values{"csrf_token": {ed.csrf(page)}, "to": {"draft"}, "version": {"2"}, "from": {"article"},
			"reason": {"Corrección: la cita 2 es de otra rueda de prensa"}})
		if status != http.StatusConflict || !strings.Contains(page, `name="reason" value="Corrección: la cita 2 es de otra rueda de prensa"`) {
			i := strings.Index(page, `id="article-transition"`)
			t.Fatalf("a stale reopening: %d %s", status, page[max(i, 0):min(max(i, 0)+900, len(page))])
		}
	})
}

// TestGlossaryPage: everyone reads the glossary; editors keep it, and a
// conflicting edit shows the saved term against what was typed.
func TestGlossaryPage(t *testing.T) {
	e := sqliteEnv(t)
	tr, ed := loggedIn(t, e, "translator@example.org"), loggedIn(t, e, "editor@example.org")
	if _, _, page := tr.get("/glossary"); !strings.Contains(page, "The glossary is empty.") || strings.Contains(page, `id="new-term"`) {
		t.Fatal("the translator's glossary")
	}
	_, _, page := ed.get("/glossary")
	status, _, page := ed.post("/glossary", url.Values{"csrf_token": {ed.csrf(page)}, "source": {"sin embargo"}, "source_lang": {"es"}, "target_lang": {"not a tag"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(page, `value="sin embargo"`) {
		t.Fatalf("an invalid term: %d", status)
	}
	status, _, _ = ed.post("/glossary", url.Values{"csrf_token": {ed.csrf(page)}, "source": {"intervención"}, "source_lang": {"es"},
		"target": {"intervention"}, "target_lang": {"en"}, "forbidden": {"interference\ninterposition"}, "note": {"Military sense."}})
	if status != http.StatusSeeOther {
		t.Fatalf("create: %d", status)
	}
	_, _, page = tr.get("/glossary")
	if !strings.Contains(page, "intervención") || !strings.Contains(page, "<del>interference</del>") || strings.Contains(page, "/glossary/1/edit") {
		t.Fatal("the term as the translator sees it")
	}
	if status, _, _ := tr.post("/glossary", url.Values{"csrf_token": {tr.csrf(page)}, "source": {"x"}, "source_lang": {"es"}, "target": {"y"}, "target_lang": {"en"}}); status != http.StatusForbidden {
		t.Fatalf("a translator creates a term: %d", status)
	}
	_, _, page = ed.get("/glossary")
	form := url.Values{"csrf_token": {ed.csrf(page)}, "version": {"1"}, "source": {"intervención"}, "source_lang": {"es"}, "target": {"intervention"}, "target_lang": {"en"}, "note": {"Mine."}}
	if status, _, _ := ed.post("/glossary/1/edit", form); status != http.StatusSeeOther {
		t.Fatalf("edit: %d", status)
	}
	form.Set("note", "Typed on a stale page.")
	status, _, page = ed.post("/glossary/1/edit", form)
	if status != http.StatusConflict || !conflictSaidOnce(page) || !strings.Contains(page, "Typed on a stale page.") || !strings.Contains(page, `name="version" value="2"`) {
		t.Fatalf("a conflicting edit: %d", status)
	}
	if status, _, _ := ed.post("/glossary/1/delete", url.Values{"csrf_token": {ed.csrf(page)}, "version": {"2"}}); status != http.StatusSeeOther {
		t.Fatalf("delete: %d", status)
	}
	if _, _, page := tr.get("/glossary"); !strings.Contains(page, "The glossary is empty.") || strings.Contains(page, "intervención") {
		t.Fatal("the deleted term is still listed")
	}
}

// TestReviewPagesInSpanish: the new pages speak Spanish.
func TestReviewPagesInSpanish(t *testing.T) {
	e := sqliteDemo(t)
	b := newBrowser(t, e)
	b.lang = "es"
	b.login("translator@demo.cotejo")
	for path, words := range map[string][]string{
		"/quotes/2":             {"Marcar como traducida", "Comprobaciones", "Historial", "Comentarios", "Aviso", "La cita omite un matiz"},
		"/queue":                {"Mi cola", "Como Traductor/a", "Comentarios que te mencionan"},
		"/glossary":             {"Glosario", "Término", "Prohibidas", "intervención", "<del>interference</del>"},
		"/articles/1/readiness": {"Preparación", "Espera a", "Cita sin aprobar", "Enviar a revisión"},
		"/articles/1":           {"Preparación", "Mi cola", "Glosario", "Revisar"},
	} {
		status, _, page := b.get(path)
		for _, w := range words {
			if status != 200 || !strings.Contains(page, w) {
				t.Errorf("%s (%d) lacks %q", path, status, w)
			}
		}
	}
}

// TestWorkbenchConflictDiff: a stale edit of a quote shows the saved
// version as a word diff against what was typed, which stays in the form.
func TestWorkbenchConflictDiff(t *testing.T) {
	e := sqliteDemo(t)
	ctx := context.Background()
	tr := loggedIn(t, e, "translator@demo.cotejo")
	_, _, page := tr.get("/articles/1?quote=1")
	if _, err := e.svc.UpdateQuote(ctx, e.users["demo-editor"], 1, 1, cotejo.QuoteUpdate{Rendering: &cotejo.LangText{Text: "We do not want intervention from any foreign government"}}); err != nil {
		t.Fatal(err)
	}
	q, _ := e.st.Quote(ctx, 1)
	status, _, page := tr.post("/quotes/1/edit", url.Values{"csrf_token": {tr.csrf(page)}, "version": {"1"}, "speaker": {q.Speaker},
		"original": {q.Original.Text}, "rendering": {"We want no intervention from any foreign government"}, "source_id": {"1"},
		"source_start": {strconv.Itoa(q.SourceAnchor.Start)}, "source_end": {strconv.Itoa(q.SourceAnchor.End)},
		"article_start": {strconv.Itoa(q.ArticleAnchor.Start)}, "article_end": {strconv.Itoa(q.ArticleAnchor.End)}})
	if status != http.StatusConflict || !conflictSaidOnce(page) || !strings.Contains(page, "<del>want no</del>") ||
		!strings.Contains(page, "<ins>do not want</ins>") || !strings.Contains(page, ">We want no intervention from any foreign government</textarea>") {
		t.Fatalf("a stale edit: %d\n%s", status, between(page, `data-testid="conflict"`, `</form>`))
	}
}

// TestUsersPage: an admin adds a person, changes their roles and disables
// them; the disabled person is logged out at their next request; nobody else
// sees the page; a stale form keeps what the admin chose and shows the diff.
func TestUsersPage(t *testing.T) {
	e := sqliteEnv(t)
	ad, ed := loggedIn(t, e, "admin@example.org"), loggedIn(t, e, "editor@example.org")
	if status, _, page := ed.get("/users"); status != http.StatusForbidden || strings.Contains(page, `id="new-user"`) {
		t.Fatalf("an editor opens the users page: %d", status)
	}
	if _, _, page := ed.get("/articles"); strings.Contains(page, `href="/users"`) {
		t.Fatal("the editor's menu links to the users page")
	}
	_, _, page := ad.get("/users")
	if !strings.Contains(page, `href="/users"`) || !strings.Contains(page, "editor@example.org") {
		t.Fatal("the admin's users page")
	}
	if status, _, _ := ed.post("/users", url.Values{"csrf_token": {ed.csrf(page)}, "email": {"x@example.org"}, "name": {"X"}, "roles": {"admin"}, "password": {password}}); status != http.StatusForbidden {
		t.Fatalf("an editor adds an admin: %d", status)
	}

	// A refused form keeps what was typed, except the password.
	status, _, page := ad.post("/users", url.Values{"csrf_token": {ad.csrf(page)}, "email": {"ana@example.org"}, "name": {"Ana Núñez"}, "roles": {"reviewer"}, "password": {"short"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(page, `value="Ana Núñez"`) || strings.Contains(page, `value="short"`) {
		t.Fatalf("a short password: %d", status)
	}
	status, _, _ = ad.post("/users", url.Values{"csrf_token": {ad.csrf(page)}, "email": {"Ana@Example.org"}, "name": {"Ana Núñez"},
		"roles": {"reviewer", "translator"}, "lang": {"es"}, "password": {password}})
	if status != http.StatusSeeOther {
		t.Fatalf("add: %d", status)
	}
	ana, err := e.st.UserByEmail(context.Background(), "ana@example.org")
	if err != nil || !ana.Has(cotejo.RoleReviewer) || !ana.Has(cotejo.RoleTranslator) || ana.Lang != "es" {
		t.Fatalf("the new account: %+v, %v", ana, err)
	}
	an := loggedIn(t, e, "ana@example.org")
	if status, _, page := an.get("/queue"); status != 200 || !strings.Contains(page, "Mi cola") {
		t.Fatalf("Ana's queue, in her language: %d", status)
	}

	// Disabling Ana ends her session at once.
	_, _, page = ad.get("/users")
	id := fmt.Sprint(ana.ID)
	form := url.Values{"csrf_token": {ad.csrf(page)}, "version": {fmt.Sprint(ana.Version)}, "name": {"Ana Núñez"}, "roles": {"reviewer"}, "lang": {"es"}, "disabled": {"1"}}
	if status, _, _ := ad.post("/users/"+id+"/edit", form); status != http.StatusSeeOther {
		t.Fatalf("disable: %d", status)
	}
	if status, h, _ := an.get("/queue"); status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/login") {
		t.Fatalf("a disabled account's next request: %d %s", status, h.Get("Location"))
	}

	// A stale form: nothing overwritten, the admin's choice kept, the diff shown.
	form.Set("roles", "editor")
	status, _, page = ad.post("/users/"+id+"/edit", form)
	if status != http.StatusConflict || !conflictSaidOnce(page) || !strings.Contains(page, fmt.Sprintf(`name="version" value="%d"`, ana.Version+1)) {
		t.Fatalf("a stale edit: %d", status)
	}
	if cur, _ := e.st.User(context.Background(), ana.ID); cur.Has(cotejo.RoleEditor) || !cur.Disabled {
		t.Fatalf("the stale edit overwrote: %+v", cur)
	}

	// The last admin stays an admin.
	_, _, page = ad.get("/users")
	admin := e.users["admin"]
	status, _, page = ad.post(fmt.Sprintf("/users/%d/edit", admin.ID), url.Values{"csrf_token": {ad.csrf(page)}, "version": {fmt.Sprint(admin.Version)}, "name": {"Admin"}, "roles": {"editor"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(page, "(Roles)") {
		t.Fatalf("the last admin drops the role: %d", status)
	}
}

// TestSystemReasonsInSpanish: the reasons Cotejo writes itself (a verified
// quote edited, an article edit that moved an anchor) read in the page's
// language; a person's own reason stays as typed.
func TestSystemReasonsInSpanish(t *testing.T) {
	e := sqliteDemo(t)
	ctx := context.Background()
	for _, step := range []struct {
		who string
		to  cotejo.QuoteStatus
	}{{"demo-translator", cotejo.QuoteTranslated}, {"demo-reviewer", cotejo.QuoteVerified}} {
		if _, err := e.svc.TransitionQuote(ctx, e.users[step.who], 1, 0, workflow.TransitionInput{To: step.to, Reason: "Escuché la grabación."}); err != nil {
			t.Fatal(err)
		}
	}
	rendering := cotejo.LangText{Text: "We do not want intervention from any foreign government"}
	if _, err := e.svc.UpdateQuote(ctx, e.users["demo-translator"], 1, 0, cotejo.QuoteUpdate{Rendering: &rendering}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, e)
	b.lang = "es"
	b.login("reviewer@demo.cotejo")
	_, _, page := b.get("/quotes/1")
	for _, want := range []string{"Cambió después de la verificación: Traducción", "Escuché la grabación."} {
		if !strings.Contains(page, want) {
			t.Errorf("the Spanish quote page lacks %q", want)
		}
	}
	if strings.Contains(page, "changed after verification") {
		t.Error("the Spanish quote page shows the reason in English")
	}
}

// TestArticleHistory: the readiness page and the API show the article's own
// events, with Cotejo's reasons in the page's language.
func TestArticleHistory(t *testing.T) {
	e := sqliteDemo(t)
	var hist []workflow.HistoryEntry
	e.must(200, request{method: "GET", path: "/api/v1/articles/1/history", as: "reviewer"}).json(t, &hist)
	count := map[string]int{}
	for _, h := range hist {
		count[string(h.Entity)+" "+h.Action]++
	}
	if len(hist) == 0 || hist[0].Action != "create" || count["article attach"] != 2 || count["passage ignore"] != 2 || count["quote create"] != 0 {
		t.Fatalf("the demo article's history: %v", count)
	}
	e.must(404, request{method: "GET", path: "/api/v1/articles/999/history", as: "reviewer"})

	if _, err := e.svc.UpdateArticle(context.Background(), e.users["demo-editor"], 1, 0, cotejo.ArticleUpdate{Headline: ptr("Sheinbaum rejects U.S. military intervention")}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, e)
	b.lang = "es"
	b.login("editor@demo.cotejo")
	_, _, page := b.get("/articles/1/readiness")
	for _, want := range []string{"Historial del artículo", "Fuente adjuntada", "Marcado como no cita traducida", "“terrorist organizations”", "<del>Firmly", "<ins>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the readiness page lacks %q", want)
		}
	}
}

// TestMemoryPage: everyone searches the translation memory; editors bring in
// TMX; a broken file is refused and changes nothing.
func TestMemoryPage(t *testing.T) {
	e := sqliteEnv(t)
	tr, ed := loggedIn(t, e, "translator@example.org"), loggedIn(t, e, "editor@example.org")
	_, _, page := tr.get("/memory")
	if !strings.Contains(page, `href="/memory"`) || !strings.Contains(page, `href="/api/v1/tm/export"`) || strings.Contains(page, `id="memory-import"`) {
		t.Fatal("the translator's memory page")
	}
	if status, _, _ := tr.upload("/memory/import", tr.csrf(page), "m.tmx", []byte(matrixTMX)); status != http.StatusForbidden {
		t.Fatalf("a translator imports: %d", status)
	}
	_, _, page = ed.get("/memory")
	status, h, _ := ed.upload("/memory/import", ed.csrf(page), "m.tmx", []byte(matrixTMX))
	if status != http.StatusSeeOther || h.Get("Location") != "/memory?imported=1" {
		t.Fatalf("import: %d %s", status, h.Get("Location"))
	}
	if _, _, page := ed.get("/memory?imported=1"); !strings.Contains(page, "Pairs imported into the memory: 1.") {
		t.Fatal("no word of the import")
	}
	if _, _, page := tr.get("/memory?q=hola&lang=es"); !strings.Contains(page, `data-testid="memory-match"`) || !strings.Contains(page, "Hello") {
		t.Fatal("the imported pair is not found")
	}
	if _, _, page := tr.get("/memory?q=nada+parecido+aqu%C3%AD&lang=es"); !strings.Contains(page, `data-testid="memory-empty"`) {
		t.Fatal("an unrelated search")
	}
	status, _, page = ed.upload("/memory/import", ed.csrf(page), "broken.tmx", []byte(`<tmx version="1.4"><body><tu>`))
	if status != http.StatusBadRequest || !strings.Contains(page, `class="error"`) {
		t.Fatalf("a broken file: %d", status)
	}
	if units, _ := e.st.TMUnits(context.Background(), "", 100); len(units) != 1 {
		t.Fatalf("%d units after the broken import, want 1", len(units))
	}
}

// TestConflictShowsWhatChanged: when someone else saved an article or a
// source first, the box shows the fields they changed, whichever those
// are, and of a long text only the words beside the changes, not the
// text again.
func TestConflictShowsWhatChanged(t *testing.T) {
	e := sqliteDemo(t)
	ctx := context.Background()
	ed := loggedIn(t, e, "editor@demo.cotejo")
	box := func(page string) string { return between(page, `data-testid="conflict"`, `</div>`) }

	a, err := e.st.Article(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	_, _, page := ed.get("/articles/1/edit")
	form := url.Values{"csrf_token": {ed.csrf(page)}, "version": {strconv.Itoa(a.Version)}, "headline": {a.Headline}, "dek": {a.Dek},
		"outlet": {a.Outlet}, "byline": {a.Byline}, "dateline": {a.Dateline}, "language": {a.Language},
		"body": {strings.Replace(a.Body, "large amounts of territory", "vast territory", 1)}}
	// The other desk changed the summary only.
	if _, err := e.svc.UpdateArticle(ctx, e.users["demo-translator"], 1, a.Version, cotejo.ArticleUpdate{Dek: ptr("Sheinbaum rejected the offer.")}); err != nil {
		t.Fatal(err)
	}
	status, _, page := ed.post("/articles/1/edit", form)
	got := box(page)
	if status != http.StatusConflict || !conflictSaidOnce(page) || !strings.Contains(got, "<dt>Summary</dt>") || !strings.Contains(got, "<ins>offer</ins>") {
		t.Fatalf("the summary someone else changed is not shown: %d\n%s", status, got)
	}
	// The body differs by two words: they show with their neighbours, and
	// the rest of the body is left out.
	body := between(got, "<dt>Body</dt>", "</dd>")
	if !strings.Contains(body, "<del>vast</del>") || !strings.Contains(body, "…") || strings.Contains(body, "strikes targeting vessels") || len(body) > len(a.Body)/4 {
		t.Fatalf("the body's diff is not cut to its changes (%d bytes of a %d-byte body):\n%s", len(body), len(a.Body), got)
	}
	if !strings.Contains(page, "vast territory") {
		t.Fatal("what was typed is not kept in the form")
	}

	src, err := e.st.Source(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	_, _, page = ed.get("/sources/1/edit")
	form = url.Values{"csrf_token": {ed.csrf(page)}, "version": {strconv.Itoa(src.Version)}, "title": {src.Title}, "kind": {string(src.Kind)},
		"language": {src.Language}, "recorded_at": {src.RecordedAt}, "url": {src.URL}, "media_url": {src.MediaURL},
		"speakers": {strings.Join(src.Speakers, "\n")}, "text": {src.Text + " Typed here."}}
	if _, err := e.svc.UpdateSource(ctx, e.users["demo-translator"], 1, src.Version, cotejo.SourceUpdate{Title: ptr("Retitled at the other desk")}); err != nil {
		t.Fatal(err)
	}
	status, _, page = ed.post("/sources/1/edit", form)
	got = box(page)
	if status != http.StatusConflict || !conflictSaidOnce(page) || !strings.Contains(got, "<dt>Title</dt>") || !strings.Contains(got, "<ins>Retitled</ins> at the <del>morning press conference</del><ins>other desk</ins>") ||
		!strings.Contains(got, "<dt>Text</dt>") || !strings.Contains(got, "<del> Typed here.</del>") {
		t.Fatalf("the source's conflict: %d\n%s", status, got)
	}
}

// conflictSaidOnce reports whether a page shows a refused save in its
// conflict box, and there only: the box is the page's one alert, so no
// banner or other box says it again.
func conflictSaidOnce(page string) bool {
	return strings.Count(page, `data-testid="conflict"`) == 1 && strings.Count(page, `role="alert"`) == 1
}
