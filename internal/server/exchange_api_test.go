package server_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// TestExportImportRoundTrip exports the article as XLIFF 1.2 and 2.0, edits
// a target as a CAT tool would, imports it, and finds the new rendering
// and the quote's new status; then checks what the importer refuses.
func TestExportImportRoundTrip(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ids := matrixFixture(t, e)
		qpath := fmt.Sprintf("/api/v1/quotes/%d", ids.quote)
		tr := func(as, to string) {
			t.Helper()
			e.must(200, request{method: "POST", path: qpath + "/transition", as: as, body: map[string]string{"to": to}, header: e.current(qpath)})
		}
		tr("translator", "translated")
		tr("reviewer", "verified")

		for _, format := range []string{"xliff12", "xliff20"} {
			// A final export holds approved quotes only: none yet.
			final := e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/articles/%d/export?format=%s", ids.article, format), as: "translator"})
			if bytes.Contains(final.raw, []byte("We don't want intervention")) {
				t.Fatalf("%s: a final export holds a verified quote:\n%s", format, final.raw)
			}
			res := e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/articles/%d/export?format=%s&draft=1", ids.article, format), as: "translator"})
			if ct := res.header.Get("Content-Type"); !strings.Contains(ct, "xliff") {
				t.Fatalf("%s content type %q", format, ct)
			}
			if cd := res.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
				t.Fatalf("%s disposition %q", format, cd)
			}
			var q cotejo.Quote
			e.must(200, request{method: "GET", path: qpath, as: "translator"}).json(t, &q)
			// The CAT tool's change: a new target text, nothing else.
			edited := bytes.Replace(res.raw, []byte(">"+q.Rendering.Text+"<"), []byte(">We want no intervention from any foreign government ("+format+")<"), 1)
			if bytes.Equal(edited, res.raw) {
				t.Fatalf("%s: target not found in the export:\n%s", format, res.raw)
			}
			var rep struct {
				Updated, Unchanged, Conflicts, Refused int
				Units                                  []struct {
					Unit, Result, Reason, Status string
					ReasonCode                   string `json:"reason_code"`
				}
			}
			e.must(200, request{method: "POST", path: fmt.Sprintf("/api/v1/articles/%d/import", ids.article), as: "translator", body: edited}).json(t, &rep)
			if rep.Updated != 1 || len(rep.Units) != 1 || rep.Units[0].Unit != fmt.Sprintf("q%d", ids.quote) {
				t.Fatalf("%s import: %+v", format, rep)
			}
			e.must(200, request{method: "GET", path: qpath, as: "translator"}).json(t, &q)
			if !strings.HasSuffix(q.Rendering.Text, "("+format+")") {
				t.Fatalf("%s: rendering after import %q", format, q.Rendering.Text)
			}
			if format == "xliff12" && (q.Status != cotejo.QuoteNeedsReview || rep.Units[0].Status != "needs_review") {
				t.Fatalf("a verified quote changed by an import is %s", q.Status)
			}
			// The same file again: the quote moved on, so it is a conflict.
			e.must(200, request{method: "POST", path: fmt.Sprintf("/api/v1/articles/%d/import", ids.article), as: "translator",
				body: bytes.Replace(edited, []byte("("+format+")"), []byte("(again)"), 1)}).json(t, &rep)
			if rep.Conflicts != 1 || rep.Units[0].Result != "conflict" || rep.Units[0].ReasonCode != "unit_conflict" ||
				!strings.HasPrefix(rep.Units[0].Reason, "the quote changed since the file was exported (version ") {
				t.Fatalf("%s stale import: %+v", format, rep)
			}
		}

		// Hostile and broken files get a clear 4xx and change nothing.
		var before cotejo.Quote
		e.must(200, request{method: "GET", path: qpath, as: "translator"}).json(t, &before)
		imp := fmt.Sprintf("/api/v1/articles/%d/import", ids.article)
		for name, c := range map[string]struct {
			body   string
			status int
		}{
			"xxe":       {`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="article-1" source-language="es" datatype="plaintext"><body><trans-unit id="q1"><source>&e;</source><target>&e;</target></trans-unit></body></file></xliff>`, 422},
			"laughs":    {`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="es" datatype="plaintext"><body><trans-unit id="q1"><source>&b;</source></trans-unit></body></file></xliff>`, 422},
			"truncated": {`<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="es" datatype="plaintext"><body><trans-unit id="q1"><source>hola`, 400},
			"not xliff": {`<?xml version="1.0"?><html><body/></html>`, 415},
			"utf8":      {"<?xml version=\"1.0\"?><xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"x\" source-language=\"es\" datatype=\"plaintext\"><body><trans-unit id=\"q1\"><source>\xff</source></trans-unit></body></file></xliff>", 422},
		} {
			res := e.do(request{method: "POST", path: imp, as: "translator", body: []byte(c.body)})
			if res.status != c.status || res.errorCode(t) == "" {
				t.Errorf("%s: %d %s, want %d", name, res.status, res.raw, c.status)
			}
		}
		res := e.do(request{method: "POST", path: imp, as: "translator", body: []byte(`{"not":"xml"}`), header: map[string]string{"Content-Type": "application/json"}})
		if res.status != 415 {
			t.Errorf("JSON body: %d", res.status)
		}
		var after cotejo.Quote
		e.must(200, request{method: "GET", path: qpath, as: "translator"}).json(t, &after)
		if after.Version != before.Version || after.Rendering != before.Rendering {
			t.Fatalf("a refused import changed the quote: %+v", after)
		}
		if res := e.do(request{method: "GET", path: fmt.Sprintf("/api/v1/articles/%d/export?format=docx", ids.article), as: "translator"}); res.status != 422 {
			t.Fatalf("unknown format: %d %s", res.status, res.raw)
		}
	})
}

// TestEveryExportFormat: each format answers with its content type and
// holds the approved quote; a draft export marks what is not approved.
func TestEveryExportFormat(t *testing.T) {
	e := sqliteEnv(t)
	ids := matrixFixture(t, e)
	qpath := fmt.Sprintf("/api/v1/quotes/%d/transition", ids.quote)
	for _, s := range []struct{ as, to string }{{"translator", "translated"}, {"reviewer", "verified"}, {"editor", "approved"}} {
		e.must(200, request{method: "POST", path: qpath, as: s.as, body: map[string]string{"to": s.to}, header: e.current(qpath)})
	}
	for format, ct := range map[string]string{"html": "text/html", "md": "text/markdown", "csv": "text/csv", "json": "application/json",
		"jsonld": "application/ld+json", "xliff12": "xliff", "xliff20": "xliff", "tmx": "tmx"} {
		res := e.must(200, request{method: "GET", path: fmt.Sprintf("/api/v1/articles/%d/export?format=%s", ids.article, format), as: "reviewer"})
		if !strings.Contains(res.header.Get("Content-Type"), ct) {
			t.Errorf("%s: content type %q", format, res.header.Get("Content-Type"))
		}
		// CSV and Markdown escape what they must, so look for a plain word pair.
		if !bytes.Contains(res.raw, []byte("foreign government")) || !bytes.Contains(res.raw, []byte("gobierno extranjero")) {
			t.Errorf("%s: the approved pair is missing:\n%.400s", format, res.raw)
		}
	}
	// The memory learned the approved pair; TMX import adds to it.
	tmx := e.must(200, request{method: "GET", path: "/api/v1/tm/export", as: "translator"})
	if !bytes.Contains(tmx.raw, []byte("gobierno extranjero")) {
		t.Fatalf("memory export:\n%s", tmx.raw)
	}
	e.must(200, request{method: "POST", path: "/api/v1/tm/import?name=archive", as: "editor", body: []byte(matrixTMX)})
	var ms []struct {
		Rendering struct{ Text string }
		Score     float64
		Origin    string
	}
	e.must(200, request{method: "GET", path: "/api/v1/tm/search?q=hola&lang=es", as: "translator"}).json(t, &ms)
	if len(ms) != 1 || ms[0].Rendering.Text != "Hello" || ms[0].Origin != "tmx archive" {
		t.Fatalf("memory search: %+v", ms)
	}
}

// TestExportAndImportOnThePage: the article page offers every format, final
// and draft, and an XLIFF file uploaded through its form comes back as a
// report of each unit.
func TestExportAndImportOnThePage(t *testing.T) {
	e := sqliteEnv(t)
	ids := matrixFixture(t, e)
	b := loggedIn(t, e, "translator@example.org")
	status, _, page := b.get(fmt.Sprintf("/articles/%d", ids.article))
	if status != 200 {
		t.Fatalf("article page: %d", status)
	}
	for _, f := range []string{"html", "md", "csv", "json", "jsonld", "xliff12", "xliff20", "tmx"} {
		for _, q := range []string{"", "&amp;draft=1"} {
			link := fmt.Sprintf(`href="/api/v1/articles/%d/export?format=%s%s"`, ids.article, f, q)
			if !strings.Contains(page, link) {
				t.Errorf("no link %s", link)
			}
		}
	}
	// The links work with the page's session.
	status, hdr, xlf := b.get(fmt.Sprintf("/api/v1/articles/%d/export?format=xliff12&draft=1", ids.article))
	if status != 200 || !strings.Contains(hdr.Get("Content-Type"), "xliff") {
		t.Fatalf("export with a session: %d %s", status, hdr)
	}
	edited := strings.Replace(xlf, ">We don't want intervention from any foreign government<", ">We want no foreign intervention<", 1)
	status, _, report := b.upload(fmt.Sprintf("/articles/%d/import", ids.article), b.csrf(page), "article.xlf", []byte(edited))
	if status != 200 || !strings.Contains(report, "Updated: 1") || !strings.Contains(report, fmt.Sprintf(`href="/quotes/%d"`, ids.quote)) {
		t.Fatalf("import page: %d\n%s", status, report)
	}
	// A broken file is a translated error page, and nothing changes.
	broken := []byte(`<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file`)
	if status, _, _ := b.upload(fmt.Sprintf("/articles/%d/import", ids.article), b.csrf(page), "broken.xlf", broken); status != 400 {
		t.Fatalf("broken file: %d", status)
	}
}
