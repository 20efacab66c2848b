package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// The desk's pages: the queue that acts, readiness that approves what is
// verified, messages that say what to do, plurals, times in the reader's
// zone, the menu's current item, and final exports of unapproved articles.

// queueForm reads, from the queue page, the hidden fields of the form that
// makes the move to of quote id.
func queueForm(t *testing.T, page string, id int64, to string) url.Values {
	t.Helper()
	item := between(page, fmt.Sprintf(`data-quote-id="%d" data-testid="queue-item"`, id), `</li>`)
	for _, form := range strings.Split(item, "<form")[1:] {
		if !strings.Contains(form, `name="to" value="`+to+`"`) {
			continue
		}
		v := url.Values{"to": {to}}
		for _, m := range regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)"`).FindAllStringSubmatch(form, -1) {
			v.Set(m[1], strings.ReplaceAll(m[2], "&amp;", "&"))
		}
		if !strings.Contains(form, fmt.Sprintf(`action="/quotes/%d/transition"`, id)) {
			t.Fatalf("the %s form of quote %d posts elsewhere: %s", to, id, form)
		}
		return v
	}
	t.Fatalf("no %s form for quote %d in the queue:\n%s", to, id, item)
	return nil
}

// TestQueueActs: the reviewer verifies and rejects from the queue, which
// posts to the quote's own transition and comes back to the queue (the
// same filter kept); a rejection needs its reason, and without one the
// refusal says what to do; a next that leaves the site is not followed.
func TestQueueActs(t *testing.T) {
	eachDemo(t, func(t *testing.T, e *env) {
		tr, rv := loggedIn(t, e, "translator@demo.cotejo"), loggedIn(t, e, "reviewer@demo.cotejo")
		for _, id := range []int64{1, 2} {
			if status, _, _ := tr.transition(id, url.Values{"to": {"translated"}}); status != http.StatusSeeOther {
				t.Fatalf("mark %d translated: %d", id, status)
			}
		}
		_, _, page := rv.get("/queue?status=translated")
		if !strings.Contains(page, `<textarea name="reason" rows="2" required>`) {
			t.Fatal("no reason box for the rejection in the queue")
		}
		verify := queueForm(t, page, 1, "verified")
		if verify.Get("next") != "/queue?status=translated" || verify.Get("version") == "" {
			t.Fatalf("the queue's verify form: %v", verify)
		}
		status, h, _ := rv.post("/quotes/1/transition", verify)
		if status != http.StatusSeeOther || h.Get("Location") != "/queue?status=translated" {
			t.Fatalf("verify from the queue: %d to %q", status, h.Get("Location"))
		}
		if q, _ := e.svc.Quote(t.Context(), 1); q.Status != cotejo.QuoteVerified {
			t.Fatalf("quote 1 is %s after Verify in the queue", q.Status)
		}
		_, _, page = rv.get("/queue?status=translated")
		if strings.Contains(page, `data-quote-id="1" `) || !strings.Contains(page, "Verified.") {
			t.Fatal("the verified quote is still in the queue, or no word of the move")
		}

		reject := queueForm(t, page, 2, "rejected")
		status, _, refused := rv.post("/quotes/2/transition", reject)
		if status != http.StatusUnprocessableEntity || !strings.Contains(refused, "Say why you send it back") ||
			strings.Contains(refused, "Some of what you entered is not valid") {
			t.Fatalf("a rejection without a reason: %d %s", status, between(refused, `class="error"`, "</p>"))
		}
		reject.Set("reason", "The figure is rounded: the original says 40,000.")
		reject.Set("next", "//evil.example/")
		status, h, _ = rv.post("/quotes/2/transition", reject)
		if status != http.StatusSeeOther || h.Get("Location") != "/articles" {
			t.Fatalf("a next off the site: %d to %q", status, h.Get("Location"))
		}
		q, _ := e.svc.Quote(t.Context(), 2)
		if q.Status != cotejo.QuoteRejected || q.StatusReason.Text != "The figure is rounded: the original says 40,000." {
			t.Fatalf("quote 2 after the queue's rejection: %s %q", q.Status, q.StatusReason.Text)
		}
		// The translator's queue shows why it came back.
		if _, _, page := tr.get("/queue"); !strings.Contains(between(page, `data-quote-id="2" data-testid="queue-item"`, "</li>"), "The figure is rounded") {
			t.Fatal("the rejected quote's reason is not in the translator's queue")
		}
		// A filter that finds nothing says so.
		if _, _, page := rv.get("/queue?status=translated"); !strings.Contains(page, "Nothing matches.") || strings.Contains(page, "Nothing waits for you.") {
			t.Fatal("an empty filtered queue")
		}
	})
}

// TestReadinessApprovesVerified: the editor approves every verified quote
// at once; each is checked on its own, so the one the editor verified
// (four eyes) is refused with the reason and the other approved; while
// blockers remain, the article's approval is disabled beside them.
func TestReadinessApprovesVerified(t *testing.T) {
	eachDemo(t, func(t *testing.T, e *env) {
		e.person("rita", cotejo.RoleReviewer, cotejo.RoleEditor)
		tr, rv, rita := loggedIn(t, e, "translator@demo.cotejo"), loggedIn(t, e, "reviewer@demo.cotejo"), loggedIn(t, e, "rita@example.org")
		for _, id := range []int64{1, 2} {
			if status, _, _ := tr.transition(id, url.Values{"to": {"translated"}}); status != http.StatusSeeOther {
				t.Fatalf("mark %d translated: %d", id, status)
			}
		}
		if status, _, page := rita.transition(1, url.Values{"to": {"verified"}}); status != http.StatusSeeOther {
			t.Fatalf("Rita verifies 1: %d %s", status, between(page, `class="error"`, "</p>"))
		}
		if status, _, page := rv.transition(2, url.Values{"to": {"verified"}, "override": {"partial_quote_qualifier"}, "reason": {"The qualifier is reported in the next sentence."}}); status != http.StatusSeeOther {
			t.Fatalf("the reviewer verifies 2: %d %s", status, between(page, `class="error"`, "</p>"))
		}

		_, _, page := rita.get("/articles/1/readiness")
		if !strings.Contains(page, `data-testid="approve-verified">Approve the 2 verified quotes<`) {
			t.Fatalf("no approve-all button: %s", between(page, `id="approve-verified"`, "</form>"))
		}
		approve := between(page, `<form method="post" action="/articles/1/transition"`, "</form>")
		if !regexp.MustCompile(`value="approved"[^>]* disabled aria-describedby="blockers-readiness held-readiness"`).MatchString(approve) ||
			!strings.Contains(approve, `id="held-readiness"`) {
			t.Fatalf("the article's approval is not disabled beside its blockers: %s", approve)
		}
		status, _, page := rita.post("/articles/1/approve-verified", url.Values{"csrf_token": {rita.csrf(page)}})
		if status != http.StatusOK {
			t.Fatalf("approve all: %d", status)
		}
		report := between(page, `data-testid="approvals"`, "</div>")
		one := between(report, `data-quote-id="1"`, "</li>")
		two := between(report, `data-quote-id="2"`, "</li>")
		if !strings.Contains(report, "1 quote approved") || !strings.Contains(one, "not approved") ||
			!strings.Contains(one, "You cannot check your own work") || !strings.Contains(two, "approved") || strings.Contains(two, "not approved") {
			t.Fatalf("the report:\n%s", report)
		}
		for id, want := range map[int64]cotejo.QuoteStatus{1: cotejo.QuoteVerified, 2: cotejo.QuoteApproved} {
			if q, _ := e.svc.Quote(t.Context(), id); q.Status != want {
				t.Errorf("quote %d is %s, want %s", id, q.Status, want)
			}
		}
		if !strings.Contains(page, `data-testid="approve-verified">Approve the 1 verified quote<`) {
			t.Fatal("the button does not count the quote left")
		}
		// In Spanish, the plurals of Spanish.
		rita.lang = "es"
		if _, _, page := rita.get("/articles/1/readiness"); !strings.Contains(page, ">Aprobar la cita verificada<") {
			t.Fatalf("Spanish: %s", between(page, `id="approve-verified"`, "</form>"))
		}
		if _, _, page := tr.get("/articles/1/readiness"); strings.Contains(page, `id="approve-verified"`) {
			t.Fatal("the translator may approve quotes")
		}
	})
}

// TestMessagesSayWhatToDo: refusals name what to give and what blocks, in
// the reader's language, without the generic sentence.
func TestMessagesSayWhatToDo(t *testing.T) {
	e := sqliteDemo(t)
	tr, rv := loggedIn(t, e, "translator@demo.cotejo"), loggedIn(t, e, "reviewer@demo.cotejo")
	if status, _, _ := tr.transition(2, url.Values{"to": {"translated"}}); status != http.StatusSeeOther {
		t.Fatalf("mark translated: %d", status)
	}
	for _, c := range []struct {
		lang, form, want string
	}{
		{"en", "rejected", "Say why you send it back"},
		{"es", "rejected", "Di por qué la devuelves"},
		{"en", "verified", "Blocked by 1 warning not let stand: The quote leaves out a qualifier"},
		{"es", "verified", "Lo bloquean 1 aviso sin dar por bueno:"},
	} {
		rv.lang = c.lang
		status, _, page := rv.transition(2, url.Values{"to": {c.form}})
		msg := between(page, `class="error" role="alert">`, "</p>")
		if status != http.StatusUnprocessableEntity || !strings.Contains(msg, c.want) || strings.Contains(msg, "(Reason)") || strings.Contains(msg, "(Motivo)") {
			t.Errorf("%s %s: %d %q, want %q", c.lang, c.form, status, msg, c.want)
		}
	}
	// The warning that held the verification up is not called a blocker.
	rv.lang = ""
	_, _, page := rv.transition(2, url.Values{"to": {"verified"}})
	finding := between(page, `data-code="partial_quote_qualifier"`, "</li>")
	if !strings.Contains(finding, "Let it stand with a reason, or fix it") || strings.Contains(finding, "Blocks verification") {
		t.Errorf("the warning that held up verification: %s", finding)
	}

	// A required field, by its name.
	tr.lang = ""
	_, _, page = tr.get("/sources/new")
	_, _, page = tr.post("/sources", url.Values{"csrf_token": {tr.csrf(page)}, "title": {"  "}, "kind": {"transcript"}, "language": {"es"}})
	if msg := between(page, `class="error" role="alert">`, "</p>"); !strings.Contains(msg, "Fill in Title.") {
		t.Errorf("a source without a title: %q", msg)
	}
}

// TestTimesInTheReadersZone: a page shows times in the zone the reader's
// account keeps (set by their browser's script through PATCH /api/v1/me),
// UTC until then; an unknown zone is refused and changes nothing.
func TestTimesInTheReadersZone(t *testing.T) {
	e := sqliteDemo(t)
	rv := loggedIn(t, e, "reviewer@demo.cotejo")
	_, _, page := rv.get("/articles/1/readiness")
	if !strings.Contains(page, `data-time-zone="unset"`) || !regexp.MustCompile(`\d\d:\d\d UTC<`).MatchString(page) {
		t.Fatal("before the browser says its zone: UTC, and the page asks for it")
	}
	token := rv.csrf(page)
	patch := func(zone string) int {
		status, _, _ := rv.send("PATCH", "/api/v1/me", nil, map[string]string{"X-CSRF-Token": token, "Content-Type": "application/json"},
			strings.NewReader(`{"time_zone":"`+zone+`"}`), "application/json")
		return status
	}
	if status := patch("Mars/Olympus_Mons"); status != http.StatusUnprocessableEntity {
		t.Fatalf("an unknown zone: %d", status)
	}
	if status := patch("America/Mexico_City"); status != http.StatusOK {
		t.Fatalf("setting the zone: %d", status)
	}
	_, _, page = rv.get("/articles/1/readiness")
	if strings.Contains(page, `data-time-zone="unset"`) || !regexp.MustCompile(`\d\d:\d\d CST<`).MatchString(page) || regexp.MustCompile(`\d\d:\d\d UTC<`).MatchString(page) {
		t.Fatalf("after the zone is set, times are not in Mexico City's: %s", between(page, `<time`, "</time>"))
	}
	if u, _ := e.st.UserByEmail(t.Context(), "reviewer@demo.cotejo"); u.TimeZone != "America/Mexico_City" {
		t.Fatalf("the account keeps %q", u.TimeZone)
	}
	// The preference is the reader's to change, on their account page: a
	// zone that is not one is refused as typed, and changes nothing.
	_, _, page = rv.get("/account")
	if !strings.Contains(page, `value="America/Mexico_City"`) || !strings.Contains(page, `<option value="Europe/Madrid">`) {
		t.Fatalf("the account page: %s", between(page, "<main", "</main>"))
	}
	status, _, page := rv.post("/account", url.Values{"csrf_token": {rv.csrf(page)}, "time_zone": {"Nowhere/Land"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(page, `value="Nowhere/Land"`) || !strings.Contains(page, "is not a time zone") {
		t.Fatalf("an unknown zone on the account page: %d %s", status, between(page, `class="error"`, "</p>"))
	}
	if u, _ := e.st.UserByEmail(t.Context(), "reviewer@demo.cotejo"); u.TimeZone != "America/Mexico_City" {
		t.Fatalf("a refused zone changed the account: %q", u.TimeZone)
	}
	if status, _, _ := rv.post("/account", url.Values{"csrf_token": {rv.csrf(page)}, "time_zone": {"Europe/Madrid"}}); status != http.StatusSeeOther {
		t.Fatalf("saving a zone: %d", status)
	}
	if _, _, page = rv.get("/articles/1/readiness"); !regexp.MustCompile(`\d\d:\d\d CET<`).MatchString(page) {
		t.Fatalf("after choosing Madrid, times are not in its zone: %s", between(page, `<time`, "</time>"))
	}
}

// TestMenuMarksTheCurrentPage: the menu marks the item of the page shown,
// and only it.
func TestMenuMarksTheCurrentPage(t *testing.T) {
	e := sqliteDemo(t)
	ad := loggedIn(t, e, "admin@demo.cotejo")
	for path, item := range map[string]string{"/articles": "/articles", "/articles/1/readiness": "/articles", "/sources/1": "/sources",
		"/queue": "/queue", "/glossary": "/glossary", "/memory": "/memory", "/users": "/users"} {
		_, _, page := ad.get(path)
		current := regexp.MustCompile(`<a href="([^"]+)" aria-current="page">`).FindAllStringSubmatch(page, -1)
		if len(current) != 1 || current[0][1] != item {
			t.Errorf("%s: current menu items %v, want %s", path, current, item)
		}
	}
}

// TestFinalExportOfUnapprovedArticle: the API answers a final export of an
// article that is not approved as before (200, approved quotes only), and
// stamps it with what blocks approval; the file name says so too.
func TestFinalExportOfUnapprovedArticle(t *testing.T) {
	e := sqliteDemo(t)
	for _, f := range []string{"xliff12", "xliff20", "html", "md", "json", "tmx"} {
		res := e.must(200, request{method: "GET", path: "/api/v1/articles/1/export?format=" + f, as: "demo-editor"})
		body := string(res.raw)
		if !strings.Contains(body, "NOT APPROVED") && !strings.Contains(body, `"article_approved": false`) {
			t.Errorf("%s: no stamp:\n%s", f, body)
		}
		if !strings.Contains(body, "not approved") || !strings.Contains(res.header.Get("Content-Disposition"), "not-approved") {
			t.Errorf("%s: the blockers or the file name: %q", f, res.header.Get("Content-Disposition"))
		}
	}
}

// TestMemoryMarksThePhrase: the memory page finds a phrase inside longer
// segments (concordance) and marks it where it stands, accents folded.
func TestMemoryMarksThePhrase(t *testing.T) {
	e := sqliteDemo(t)
	ed := loggedIn(t, e, "editor@demo.cotejo")
	tmx := `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="es" datatype="plaintext"/>
<body><tu><tuv xml:lang="es"><seg>La presidenta dijo que nosotros no queremos intervención de ningún gobierno extranjero en México.</seg></tuv>
<tuv xml:lang="en"><seg>The president said we do not want intervention from any foreign government in Mexico.</seg></tuv></tu></body></tmx>`
	e.must(200, request{method: "POST", path: "/api/v1/tm/import", as: "demo-editor", body: tmx, header: map[string]string{"Content-Type": "application/xml"}})
	_, _, page := ed.get("/memory?q=" + url.QueryEscape("Intervención de ningún") + "&lang=es&mode=concordance")
	rows := between(page, `data-testid="memory-matches"`, "</table>")
	if !strings.Contains(page, `<option value="concordance" selected>`) || !regexp.MustCompile(`<mark class="phrase">intervención de ningún</mark>`).MatchString(rows) {
		t.Fatalf("the phrase is not marked in the memory's segments:\n%s", rows)
	}
	_, _, page = ed.get("/memory?q=" + url.QueryEscape("zzz qqq") + "&lang=es&mode=concordance")
	if !strings.Contains(page, `data-testid="memory-empty"`) {
		t.Fatal("a phrase the memory lacks")
	}
}

// TestGlossaryWarnsOfDuplicates: a new term with the same words as one the
// glossary has, in the same language (case and accents aside), comes back
// with that term named and is added only when confirmed; the search finds
// terms; an empty result says nothing matches.
func TestGlossaryWarnsOfDuplicates(t *testing.T) {
	e := sqliteDemo(t)
	ed := loggedIn(t, e, "editor@demo.cotejo")
	terms, _, err := e.svc.Glossary(t.Context(), "", cotejo.PageRequest{})
	if err != nil || len(terms) == 0 {
		t.Fatalf("the demo glossary: %v", err)
	}
	first := terms[0]
	_, _, page := ed.get("/glossary")
	form := url.Values{"csrf_token": {ed.csrf(page)}, "source": {strings.ToUpper(first.Source.Text)}, "source_lang": {first.Source.Lang},
		"target": {"another rendering"}, "target_lang": {first.Target.Lang}}
	status, _, page := ed.post("/glossary", form)
	warn := between(page, `data-testid="duplicate"`, "</div>")
	if status != http.StatusConflict || !strings.Contains(warn, fmt.Sprintf(`#term-%d"`, first.ID)) || !strings.Contains(page, `value="another rendering"`) {
		t.Fatalf("a duplicate term: %d\n%s", status, warn)
	}
	after, _, _ := e.svc.Glossary(t.Context(), "", cotejo.PageRequest{})
	if len(after) != len(terms) {
		t.Fatal("the duplicate was added without confirmation")
	}
	form.Set("duplicate", "confirmed")
	if status, _, _ := ed.post("/glossary", form); status != http.StatusSeeOther {
		t.Fatalf("a confirmed duplicate: %d", status)
	}
	// Another language is no duplicate.
	form.Del("duplicate")
	form.Set("source_lang", "pt")
	if status, _, _ := ed.post("/glossary", form); status != http.StatusSeeOther {
		t.Fatalf("the same words in another language: %d", status)
	}
	if _, _, page := ed.get("/glossary?q=" + url.QueryEscape(first.Source.Text)); !strings.Contains(page, fmt.Sprintf(`id="term-%d"`, first.ID)) {
		t.Fatal("the search does not find the term")
	}
	if _, _, page := ed.get("/glossary?q=zzzzqq"); !strings.Contains(page, "Nothing matches.") || strings.Contains(page, "The glossary is empty.") {
		t.Fatal("an empty search")
	}
}

// TestPassageLinkFollowsItsQuote: the readiness page links an unlinked
// passage by a lasting address, which opens it on the workbench, and,
// once a quote links it, opens that quote.
func TestPassageLinkFollowsItsQuote(t *testing.T) {
	e := sqliteDemo(t)
	ed := loggedIn(t, e, "editor@demo.cotejo")
	var q struct{ Version int }
	e.must(200, request{method: "GET", path: "/api/v1/quotes/1", as: "demo-translator"}).json(t, &q)
	var before []passage
	e.must(200, request{method: "GET", path: "/api/v1/articles/1/passages", as: "demo-translator"}).json(t, &before)
	e.must(204, request{method: "DELETE", path: "/api/v1/quotes/1", as: "demo-editor", header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, q.Version)}})
	_, _, page := ed.get("/articles/1/readiness")
	href := regexp.MustCompile(`<a href="(/articles/1/passages/(\d+)-(\d+))">`).FindStringSubmatch(between(page, `data-kind="unlinked_passage"`, "</li>"))
	if href == nil {
		t.Fatalf("no lasting link to the unlinked passage: %s", between(page, `data-testid="blockers"`, "</ul>"))
	}
	status, h, _ := ed.get(href[1])
	if status != http.StatusSeeOther || h.Get("Location") != "/articles/1?passage="+href[2]+"-"+href[3]+"#editor" {
		t.Fatalf("the unlinked passage's link: %d to %q", status, h.Get("Location"))
	}
	var ps []passage
	e.must(200, request{method: "GET", path: "/api/v1/articles/1/passages", as: "demo-translator"}).json(t, &ps)
	var text string
	for _, p := range ps {
		if fmt.Sprintf("%d-%d", p.Start, p.End) == href[2]+"-"+href[3] {
			text = p.Text
		}
	}
	var created struct{ ID int64 }
	e.must(201, request{method: "POST", path: "/api/v1/articles/1/quotes", as: "demo-translator", body: map[string]any{
		"speaker": "Claudia Sheinbaum", "original": map[string]string{"text": "nosotros no queremos intervención de ningún gobierno extranjero", "lang": "es"},
		"rendering": map[string]string{"text": text, "lang": "en"}}}).json(t, &created)
	status, h, _ = ed.get(href[1])
	if status != http.StatusSeeOther || h.Get("Location") != fmt.Sprintf("/quotes/%d", created.ID) {
		t.Fatalf("the linked passage's link: %d to %q, want quote %d", status, h.Get("Location"), created.ID)
	}
	if status, _, _ := ed.get("/articles/1/passages/9-x"); status != http.StatusNotFound {
		t.Fatalf("a malformed passage: %d", status)
	}
}
