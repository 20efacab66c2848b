package server_test

import (
	"bytes"
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

// longTranscript is a press conference of about 20,000 words in the shape
// of a Mexican presidency's versión estenográfica (labelled turns of the
// president and of reporters), in words of its own, with one remark near
// its end that a quote cites.
func longTranscript() (text, remark string) {
	var b strings.Builder
	topics := []string{"el agua en Sonora", "los aranceles", "la seguridad en Sinaloa", "las becas", "el tren del norte", "la salud en Oaxaca"}
	for i := 0; b.Len() < 130_000; i++ {
		topic := topics[i%len(topics)]
		fmt.Fprintf(&b, "PREGUNTA: Buenos días, presidenta. ¿Qué nos puede decir de %s, pregunta número %d?\n\n", topic, i)
		fmt.Fprintf(&b, "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Gracias. Sobre %s, vamos a invertir %d millones de pesos este año, "+
			"y el secretario va a informar el avance la próxima semana. No hay ningún problema con eso; lo revisamos cada día con los gobernadores. "+
			"Estamos trabajando con los municipios y con las comunidades para que llegue a todos.\n\n", topic, 100+i)
	}
	remark = "Nunca vamos a aceptar que se decida fuera lo que le toca decidir al pueblo de México"
	fmt.Fprintf(&b, "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Y una cosa más. %s. Muchas gracias a todos.\n", remark)
	return b.String(), remark
}

// TestLongSourceShownAroundTheQuote: a quote from a three-hour transcript
// opens the workbench and the quote page with the transcript around the
// quote's place, not whole, with links to the rest, a search of all of
// it, and the place of the original as words with their speaker.
func TestLongSourceShownAroundTheQuote(t *testing.T) {
	e := sqliteEnv(t)
	ctx := context.Background()
	text, remark := longTranscript()
	a := &cotejo.Article{Headline: "Sovereignty", Language: "en",
		Body: "Intro.\n\n“We will never accept that what belongs to the people of Mexico is decided abroad,” Sheinbaum said in Spanish."}
	if err := e.svc.CreateArticle(ctx, e.users["editor"], a); err != nil {
		t.Fatal(err)
	}
	src := &cotejo.Source{Kind: cotejo.KindTranscript, Title: "Versión estenográfica", Language: "es-MX", Text: text}
	if err := e.svc.CreateSource(ctx, e.users["editor"], src); err != nil {
		t.Fatal(err)
	}
	q, err := e.svc.CreateQuote(ctx, e.users["translator"], a.ID, workflow.QuoteInput{Speaker: "Claudia Sheinbaum", SourceID: &src.ID,
		Original:  cotejo.LangText{Text: remark},
		Rendering: cotejo.LangText{Text: "We will never accept that what belongs to the people of Mexico is decided abroad"}})
	if err != nil || q.SourceAnchor == nil || q.SourceAnchor.State != cotejo.AnchorExact {
		t.Fatalf("quote: %+v, %v", q, err)
	}
	b := loggedIn(t, e, "translator@example.org")
	for _, path := range []string{fmt.Sprintf("/articles/%d?quote=%d", a.ID, q.ID), fmt.Sprintf("/quotes/%d", q.ID)} {
		status, _, page := b.get(path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", path, status)
		}
		if len(page) > len(text)/3 {
			t.Errorf("%s: a page of %d bytes for a transcript of %d: the transcript is not shown around the quote", path, len(page), len(text))
		}
		ev := between(page, `data-role="evidence"`, `</div>`)
		if !strings.Contains(ev, `id="evidence-hit"`) || !strings.Contains(ev, remark) || strings.Contains(ev, "pregunta número 0?") {
			t.Errorf("%s: the evidence pane does not show the transcript around the quote:\n%.300s", path, ev)
		}
		if !strings.Contains(page, `data-role="earlier"`) || strings.Contains(page, `data-role="later"`) {
			t.Errorf("%s: a window at the end of the transcript links the earlier text only", path)
		}
		place := between(page, `class="place-snippet"`, `</p>`)
		if !strings.Contains(place, remark+"</mark>.") || !strings.Contains(place, "Claudia Sheinbaum Pardo") || !strings.Contains(place, "99% into the source") {
			t.Errorf("%s: the place in the source is shown as %q", path, place)
		}
	}
	// The pane's search covers the whole transcript.
	_, _, page := b.get(fmt.Sprintf("/articles/%d?quote=%d&sq=%s", a.ID, q.ID, url.QueryEscape("pregunta número 3?")))
	hits := between(page, `data-testid="source-hits"`, `</ol>`)
	if n := strings.Count(hits, `data-testid="place"`); n != 1 || !strings.Contains(hits, "Pregunta") || !strings.Contains(hits, "1% into the source") {
		t.Errorf("a search for an early question found %d places:\n%s", n, hits)
	}
	// The API gives the rest of the text and the concordance.
	var x workflow.Excerpt
	e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/sources/%d/excerpt?start=0&end=120", src.ID), as: "reviewer"}).json(t, &x)
	if !strings.HasPrefix(x.Text, "PREGUNTA: Buenos días") || x.Start != 0 || x.End != 120 || x.Length != cotejo.RuneLen(text) {
		t.Errorf("an excerpt: %+v", x)
	}
	e.must(422, request{method: "GET", path: fmt.Sprintf("/api/v1/sources/%d/excerpt?start=0&end=%d", src.ID, workflow.MaxExcerpt+1), as: "reviewer"})
	e.must(422, request{method: "GET", path: fmt.Sprintf("/api/v1/sources/%d/excerpt?start=10&end=5", src.ID), as: "reviewer"})
	var found struct {
		Hits []workflow.Hit
		More bool
	}
	e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/sources/%d/search?q=%s&limit=5", src.ID, url.QueryEscape("PUEBLO de mexico")), as: "reviewer"}).json(t, &found)
	if len(found.Hits) != 1 || found.Hits[0].Speaker != "Claudia Sheinbaum Pardo" || found.Hits[0].Exact != "pueblo de México" {
		t.Errorf("the concordance of “PUEBLO de mexico”: %+v", found)
	}
	e.must(422, request{method: "GET", path: fmt.Sprintf("/api/v1/sources/%d/search?q=%%20", src.ID), as: "reviewer"})
}

// TestFindFromTheEnglishWithoutScript: the editor's "Find from the English"
// works as a form: the candidates come back with the method that answered,
// and the candidate chosen is saved as the original, its words and place
// as the source has them.
func TestFindFromTheEnglishWithoutScript(t *testing.T) {
	e := sqliteDemo(t)
	e.must(204, request{method: "DELETE", path: "/api/v1/quotes/1", as: "demo-translator", header: e.current("/api/v1/quotes/1")})
	b := loggedIn(t, e, "translator@demo.cotejo")
	var ps []passage
	e.must(200, request{method: "GET", path: "/api/v1/articles/1/passages", as: "demo-translator"}).json(t, &ps)
	p := ps[0]
	_, _, page := b.get(fmt.Sprintf("/articles/1?passage=%d-%d", p.Start, p.End))
	form := url.Values{"csrf_token": {b.csrf(page)}, "speaker": {"Claudia Sheinbaum"}, "rendering": {p.Text}, "source_id": {"1"},
		"article_start": {strconv.Itoa(p.Start)}, "article_end": {strconv.Itoa(p.End)}, "action": {"find"}}
	status, _, page := b.post("/articles/1/quotes", form)
	if status != http.StatusOK || !strings.Contains(page, `data-testid="find-method"`) || !strings.Contains(page, `name="candidate"`) {
		t.Fatalf("find from the English: %d\n%s", status, between(page, `data-testid="editor"`, `</section>`))
	}
	m := regexp.MustCompile(`name="candidate" value="(\d+)-(\d+)" form="quote-form" checked`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no candidate is chosen")
	}
	form.Set("action", "save")
	form.Set("candidate", m[1]+"-"+m[2])
	if status, _, _ := b.post("/articles/1/quotes", form); status != http.StatusSeeOther {
		t.Fatalf("saving the chosen candidate: %d", status)
	}
	qs, _ := e.st.Quotes(context.Background(), 1)
	q := qs[len(qs)-1]
	start, _ := strconv.Atoi(m[1])
	end, _ := strconv.Atoi(m[2])
	src, _ := e.st.Source(context.Background(), 1)
	if q.SourceAnchor == nil || q.SourceAnchor.Start != start || q.SourceAnchor.End != end || q.SourceAnchor.State != cotejo.AnchorExact ||
		q.Original.Text != string([]rune(src.Text)[start:end]) {
		t.Fatalf("the saved quote %+v / %+v is not the candidate %s-%s", q.Original, q.SourceAnchor, m[1], m[2])
	}
}

// TestApplyRenderingOnThePage: a rendering changed after the article was
// written shows, in the editor, how the article's words differ, and
// applying it writes it into the article.
func TestApplyRenderingOnThePage(t *testing.T) {
	e := sqliteDemo(t)
	const changed = "We do not want intervention from any foreign government"
	e.must(200, request{method: "PATCH", path: "/api/v1/quotes/1", as: "demo-translator", header: e.current("/api/v1/quotes/1"),
		body: map[string]any{"rendering": map[string]string{"text": changed}}})
	b := loggedIn(t, e, "translator@demo.cotejo")
	_, _, page := b.get("/articles/1?quote=1")
	drift := between(page, `data-testid="drift"`, `</form>`)
	if !strings.Contains(drift, "<del>don&#39;t</del>") || !strings.Contains(drift, "<ins>do not</ins>") {
		t.Fatalf("the drift is not shown as a diff:\n%s", drift)
	}
	a, _ := e.st.Article(context.Background(), 1)
	status, h, _ := b.post("/quotes/1/apply", url.Values{"csrf_token": {b.csrf(page)}, "version": {strconv.Itoa(a.Version)}})
	if status != http.StatusSeeOther || h.Get("Location") != "/articles/1?quote=1" {
		t.Fatalf("apply: %d %s", status, h.Get("Location"))
	}
	_, _, page = b.get("/articles/1?quote=1")
	if !strings.Contains(page, "The rendering is applied to the article.") || strings.Contains(page, `data-testid="drift"`) {
		t.Fatal("after applying, no flash or still a drift")
	}
	if a, _ = e.st.Article(context.Background(), 1); !strings.Contains(a.Body, "“"+changed+",”") && !strings.Contains(a.Body, `"`+changed+`,"`) {
		t.Fatalf("the body after applying:\n%s", a.Body)
	}
	// A stale version changes nothing and says so.
	e.must(200, request{method: "PATCH", path: "/api/v1/quotes/1", as: "demo-translator", header: e.current("/api/v1/quotes/1"),
		body: map[string]any{"rendering": map[string]string{"text": "We want no intervention from any foreign government"}}})
	if status, _, _ := b.post("/quotes/1/apply", url.Values{"csrf_token": {b.csrf(page)}, "version": {strconv.Itoa(a.Version - 1)}}); status != http.StatusConflict {
		t.Fatalf("a stale apply: %d", status)
	}
}

// TestApprovedArticleBodyWarns: the form of an approved article says that
// a changed text takes it back to review, and asks before saving one.
func TestApprovedArticleBodyWarns(t *testing.T) {
	e := sqliteDemo(t)
	ctx := context.Background()
	approveDemo(t, e)
	b := loggedIn(t, e, "editor@demo.cotejo")
	_, _, page := b.get("/articles/1/edit")
	if !strings.Contains(page, `data-testid="approved-warning"`) || strings.Contains(page, `data-testid="confirm-review"`) {
		t.Fatal("the approved article's form does not warn")
	}
	a, _ := e.st.Article(ctx, 1)
	form := url.Values{"csrf_token": {b.csrf(page)}, "version": {strconv.Itoa(a.Version)}, "headline": {a.Headline}, "dek": {a.Dek},
		"language": {a.Language}, "outlet": {a.Outlet}, "dateline": {a.Dateline}, "body": {a.Body + "\n\nA new closing line."}}
	status, _, page := b.post("/articles/1/edit", form)
	if status != http.StatusOK || !strings.Contains(page, `data-testid="confirm-review"`) || !strings.Contains(page, "A new closing line.") {
		t.Fatalf("a changed text of an approved article: %d", status)
	}
	if got, _ := e.st.Article(ctx, 1); got.Status != cotejo.ArticleApproved || got.Body != a.Body {
		t.Fatal("the text was saved before the person confirmed")
	}
	form.Set("confirm", "review")
	if status, _, _ := b.post("/articles/1/edit", form); status != http.StatusSeeOther {
		t.Fatalf("confirmed: %d", status)
	}
	if got, _ := e.st.Article(ctx, 1); got.Status != cotejo.ArticleInReview || !strings.HasSuffix(got.Body, "A new closing line.") {
		t.Fatalf("after confirming: %s", got.Status)
	}
	// The editors learn of it in their queue.
	_, _, page = b.get("/queue")
	back := between(page, `data-testid="back-in-review"`, `</section>`)
	if !strings.Contains(back, `href="/articles/1/readiness"`) || !strings.Contains(back, "The article&#39;s text changed after approval") || !strings.Contains(back, "Demo Editor") {
		t.Fatalf("the editor's queue does not say the article came back:\n%s", back)
	}
}

// approveDemo takes the demo's quotes and article to approved.
func approveDemo(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	for _, id := range []int64{1, 2} {
		for _, step := range []struct {
			who string
			to  cotejo.QuoteStatus
		}{{"demo-translator", cotejo.QuoteTranslated}, {"demo-reviewer", cotejo.QuoteVerified}, {"demo-editor", cotejo.QuoteApproved}} {
			in := workflow.TransitionInput{To: step.to}
			if step.to == cotejo.QuoteVerified {
				fs, _ := e.svc.Checks(ctx, id)
				for _, f := range fs {
					in.Override = append(in.Override, f.Code)
				}
				in.Reason = "checked"
			}
			if _, err := e.svc.TransitionQuote(ctx, e.users[step.who], id, 0, in); err != nil {
				t.Fatal(id, step.to, err)
			}
		}
	}
	for _, to := range []cotejo.ArticleStatus{cotejo.ArticleInReview, cotejo.ArticleApproved} {
		if _, err := e.svc.TransitionArticle(ctx, e.users["demo-editor"], 1, 0, workflow.ArticleTransition{To: to}); err != nil {
			t.Fatal(to, err)
		}
	}
}

// TestImportPageReportsRenderingsNotInTheArticle: the import report says
// which updated renderings no longer stand in the article, and links them.
func TestImportPageReportsRenderingsNotInTheArticle(t *testing.T) {
	e := sqliteDemo(t)
	b := loggedIn(t, e, "translator@demo.cotejo")
	_, _, page := b.get("/articles/1")
	var out bytes.Buffer
	xliff := `<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="article-1" source-language="es" target-language="en" datatype="plaintext"><body>` +
		`<trans-unit id="q1"><source>x</source><target>We do not want intervention by any foreign government</target></trans-unit></body></file></xliff>`
	out.WriteString(xliff)
	status, _, page := b.upload("/articles/1/import", b.csrf(page), "a.xlf", out.Bytes())
	if status != http.StatusOK || !strings.Contains(page, `data-testid="not-in-article"`) ||
		!strings.Contains(page, `href="/articles/1?quote=1" data-testid="unit-not-in-article"`) {
		t.Fatalf("the import report: %d\n%s", status, between(page, "<main>", "</main>"))
	}
	// Why a unit was left alone is said in the reader's language.
	status, _, _ = b.post("/lang", url.Values{"csrf_token": {b.csrf(page)}, "lang": {"es"}, "next": {"/articles/1"}})
	if status != http.StatusSeeOther {
		t.Fatalf("switching to Spanish: %d", status)
	}
	_, _, page = b.get("/articles/1")
	other := strings.Replace(xliff, `id="q1"`, `id="q999"`, 1)
	status, _, page = b.upload("/articles/1/import", b.csrf(page), "b.xlf", []byte(other))
	if status != http.StatusOK || !strings.Contains(page, "No es una cita de este artículo") || strings.Contains(page, "not a quote of this article") {
		t.Fatalf("the import report in Spanish: %d\n%s", status, between(page, "<main>", "</main>"))
	}
}

// TestWorkbenchMovesSayWhatToDo: a rejection from the workbench without a
// reason shows the editor again, asking for the reason in those words.
func TestWorkbenchMovesSayWhatToDo(t *testing.T) {
	e := sqliteDemo(t)
	ctx := context.Background()
	if _, err := e.svc.TransitionQuote(ctx, e.users["demo-translator"], 1, 0, workflow.TransitionInput{To: cotejo.QuoteTranslated}); err != nil {
		t.Fatal(err)
	}
	b := loggedIn(t, e, "reviewer@demo.cotejo")
	_, _, page := b.get("/articles/1?quote=1")
	if !strings.Contains(page, `id="move-form"`) || !strings.Contains(page, `data-move="verified"`) {
		t.Fatal("the reviewer has no moves in the workbench")
	}
	q, _ := e.st.Quote(ctx, 1)
	status, _, page := b.post("/quotes/1/transition", url.Values{"csrf_token": {b.csrf(page)}, "version": {strconv.Itoa(q.Version)}, "to": {"rejected"}, "from": {"workbench"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(page, "Say why you send it back") || !strings.Contains(page, `id="move-form"`) {
		t.Fatalf("a rejection without a reason from the workbench: %d", status)
	}
}
