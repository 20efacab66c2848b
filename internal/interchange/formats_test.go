package interchange

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
)

func TestParseFormat(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Format
		ok   bool
	}{
		{"html", FormatHTML, true}, {"HTML", FormatHTML, true}, {"md", FormatMarkdown, true}, {"markdown", FormatMarkdown, true},
		{"csv", FormatCSV, true}, {"json", FormatJSON, true}, {"jsonld", FormatJSONLD, true}, {"json-ld", FormatJSONLD, true},
		{"xliff12", FormatXLIFF12, true}, {"xliff", FormatXLIFF12, true}, {"xlf", FormatXLIFF12, true},
		{"xliff20", FormatXLIFF20, true}, {"xliff2", FormatXLIFF20, true}, {" tmx ", FormatTMX, true},
		{"pdf", "", false}, {"", "", false}, {"xliff21", "", false},
	} {
		got, err := ParseFormat(c.in)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("ParseFormat(%q) = %q, %v", c.in, got, err)
		}
		if err != nil && cotejo.ErrorCode(err) != cotejo.CodeInvalid {
			t.Errorf("ParseFormat(%q) error code %s", c.in, cotejo.ErrorCode(err))
		}
	}
	if len(formatTable) != len(Formats) {
		t.Errorf("%d formats in the table, %d in the menu", len(formatTable), len(Formats))
	}
	for _, f := range Formats {
		if f.ContentType() == "application/octet-stream" || !strings.HasPrefix(f.Ext(), ".") {
			t.Errorf("%s: content type %q, extension %q", f, f.ContentType(), f.Ext())
		}
		if p, err := ParseFormat(string(f)); p != f || err != nil {
			t.Errorf("%s does not parse as itself", f)
		}
	}
	if got := Filename(handBundle(t, true), FormatXLIFF20); got != "article-7-draft.xliff20.xlf" {
		t.Errorf("Filename = %q", got)
	}
}

func TestExportErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := Export(&buf, FormatHTML, Bundle{}); cotejo.ErrorCode(err) != cotejo.CodeInvalid {
		t.Errorf("no article: %v", err)
	}
	if err := Export(&buf, "pdf", handBundle(t, false)); cotejo.ErrorCode(err) != cotejo.CodeInvalid {
		t.Errorf("unknown format: %v", err)
	}
	buf.Reset()
	if err := Export(&buf, "markdown", handBundle(t, false)); err != nil || !bytes.Equal(buf.Bytes(), export(t, FormatMarkdown, handBundle(t, false))) {
		t.Errorf("an alias: %v\n%s", err, buf.String())
	}
	broken := errors.New("disk full")
	for _, f := range Formats {
		if err := Export(failingWriter{broken}, f, manyBundle(300)); !errors.Is(err, broken) {
			t.Errorf("%s: a failing writer gave %v", f, err)
		}
	}
}

// exportMarks is how each format says that an export is a draft, and how
// it stamps a final export of an article that is not approved (see doc.go).
var exportMarks = map[Format]struct{ draft, notApproved string }{
	FormatHTML:     {"<title>[DRAFT] ", "<title>[NOT APPROVED] "},
	FormatMarkdown: {" (DRAFT)\n", " (NOT APPROVED)\n"},
	FormatCSV:      {",yes,", ",no\r\n"},
	FormatJSON:     {`"draft": true`, `"article_approved": false`},
	FormatJSONLD:   {`"creativeWorkStatus": "Draft"`, `"creativeWorkStatus": "In review"`},
	FormatXLIFF12:  {`<note from="status">DRAFT (not approved)`, `<note from="cotejo">NOT APPROVED: this article's status is in review`},
	FormatXLIFF20:  {`<note category="draft">`, `<note category="approval">NOT APPROVED: this article's status is in review`},
	FormatTMX:      {`<prop type="x-cotejo-draft">yes</prop>`, `<note>NOT APPROVED: this article's status is in review`},
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

// TestFinalExportsHoldApprovedOnly: no text of an unapproved quote appears
// in any final export, and every draft export holds them and says "draft".
func TestFinalExportsHoldApprovedOnly(t *testing.T) {
	final, draft := handBundle(t, false), handBundle(t, true)
	// The sources hold the originals as evidence, and JSON exports them in
	// full: take their text out to see what the quotes leak.
	for _, b := range []Bundle{final, draft} {
		for _, s := range b.Sources {
			s.Text = ""
		}
	}
	sel := Select(final)
	if len(sel.Quotes) != 3 {
		t.Fatalf("Select kept %d quotes, want the 3 approved", len(sel.Quotes))
	}
	if again := Select(sel); !reflect.DeepEqual(again, sel) {
		t.Error("Select is not idempotent")
	}
	unapproved := []string{"ningún gobierno foráneo", "¿Quién paga?", "México 🇲🇽 no está", "una broma de mal gusto", "una mala broma"}
	// How each format spells an unapproved original (escaped or not).
	spell := func(f Format, s string) string {
		switch f {
		case FormatXLIFF12, FormatXLIFF20, FormatTMX:
			return string(appendEscaped(nil, s, false))
		case FormatHTML:
			return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
		case FormatMarkdown:
			return mdEscape(s)
		}
		return s
	}
	for _, f := range Formats {
		fin, dr := string(export(t, f, final)), string(export(t, f, draft))
		for _, s := range unapproved {
			if strings.Contains(fin, spell(f, s)) {
				t.Errorf("%s: the final export holds the unapproved %q", f, s)
			}
			if f != FormatTMX || s != "una broma de mal gusto" { // no rendering: no TM pair
				if !strings.Contains(dr, spell(f, s)) {
					t.Errorf("%s: the draft export lacks %q", f, s)
				}
			}
		}
		// The mark doc.go promises each format's draft export, and no final one.
		mark := exportMarks[f].draft
		if !strings.Contains(dr, mark) {
			t.Errorf("%s: the draft export lacks its mark %q", f, mark)
		}
		if strings.Contains(fin, mark) {
			t.Errorf("%s: the final export holds the draft mark %q", f, mark)
		}
	}
}

func TestCSV(t *testing.T) {
	out := export(t, FormatCSV, handBundle(t, true))
	if !bytes.Contains(out, []byte("\r\n")) || bytes.Count(out, []byte("\r\n")) != bytes.Count(out, []byte("\n")) {
		t.Error("lines do not all end in CRLF")
	}
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], csvHeader) || len(rows) != 9 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	byID := map[string]map[string]string{}
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range csvHeader {
			m[h] = r[i]
		}
		byID[m["id"]] = m
	}
	for _, c := range []struct{ id, col, want string }{
		{"107", "original", "'=SUMA(A1) – así lo leería una hoja de cálculo"},
		{"107", "rendering", "'=SUM(A1) is how a spreadsheet would read a careless cell."},
		{"108", "original", "'@sheinbaum: -No."},
		{"108", "rendering", "'-No."},
		{"107", "verifier", "user #99"},
		{"101", "approver", "Edith <Editora> & Co"},
		{"101", "source_start", "1"},
		{"101", "verified_at", "2025-11-18T13:40:00Z"},
		{"103", "media_start", "12.5"},
		{"103", "media_end", "18"},
		{"103", "source_title", "Video de la conferencia"},
		{"102", "original", "¿Quién paga? ¡Nadie! & eso es <definitivo>."},
		{"102", "draft", "yes"},
		{"101", "draft", "no"},
		{"105", "rendering", ""},
	} {
		if got := byID[c.id][c.col]; got != c.want {
			t.Errorf("quote %s %s = %q, want %q", c.id, c.col, got, c.want)
		}
	}
}

func TestCSVSafe(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx",
		"a=1": "a=1", "": "", "'=x": "'=x", "¿=?": "¿=?",
	} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	out := string(export(t, FormatMarkdown, handBundle(t, true)))
	for _, want := range []string{
		"# Sheinbaum rejects \"intervention\" \\& \\<offers\\> \\*again\\* (DRAFT)\n",
		"> **DRAFT export",
		`from any foreign government[^q101],"`,
		"Nobody\\! \\& that is \\<final\\>.[^q102]",
		"[^q101]: Original (es-MX): «Nosotros no queremos",
		"[^q103]: **Draft — translated, not approved.** Original (es-MX): «México 🇲🇽 no está en venta.»",
		"t=12.5,18",
		"[^q107]: Original (es-MX): «\\=SUMA(A1)",
		"- (no rendering yet)[^q105]",
		"(<https://www.gob.mx/presidencia/articulos/version-estenografica?idiom=es&x=%3C1%3E>)",
		"\\=SUM(A1) is how", // a line that starts with "=" is not a setext underline
		"A second line of the same paragraph\nkeeps its line break",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, out)
		}
	}
	// Every footnote that is referenced is defined, and the reverse.
	for _, q := range Select(handBundle(t, true)).Quotes {
		ref := "[^" + quoteKey(q) + "]"
		if strings.Count(out, ref) != 2 {
			t.Errorf("%s appears %d times, want a reference and a definition", ref, strings.Count(out, ref))
		}
	}
}

func TestMDEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"*bold* _it_ `code` [link](x) <b> &amp; a|b ~s~ ![i]", "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\<b\\> \\&amp; a\\|b \\~s\\~ \\!\\[i\\]"},
		{"# not a heading", "\\# not a heading"},
		{"a # b", "a # b"},
		{"- item\n+ item\n> quote\n1. one\n12) two\n===", "\\- item\n\\+ item\n\\> quote\n1\\. one\n12\\) two\n\\==="},
		{"    code?", "code?"},
		{"hard break  \nnext", "hard break\nnext"},
		{"back\\slash", "back\\\\slash"},
		{"1.5 million", "1.5 million"},
	} {
		if got := mdEscape(c.in); got != c.want {
			t.Errorf("mdEscape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := mdLink("x", "javascript:alert(1)"); got != "x" {
		t.Errorf("a javascript: link became %q", got)
	}
}

func TestJSON(t *testing.T) {
	var got struct {
		Format        string `json:"format"`
		FormatVersion int    `json:"format_version"`
		Draft         bool   `json:"draft"`
		GeneratedAt   string `json:"generated_at"`
		Article       cotejo.Article
		Sources       []cotejo.Source
		Quotes        []struct {
			cotejo.Quote
			Key      string `json:"key"`
			Draft    bool   `json:"draft"`
			Verifier string `json:"verifier"`
		}
		People map[string]string
	}
	b := handBundle(t, true)
	if err := json.Unmarshal(export(t, FormatJSON, b), &got); err != nil {
		t.Fatal(err)
	}
	if got.FormatVersion != FormatVersion || !got.Draft || got.GeneratedAt != "2025-11-18T15:00:00Z" || got.Article.Body != b.Article.Body ||
		len(got.Sources) != 2 || got.Sources[0].Text != b.Sources[0].Text || len(got.Quotes) != 8 {
		t.Fatalf("export = %+v", got)
	}
	for _, q := range got.Quotes {
		if q.Draft != (q.Status != cotejo.QuoteApproved) || q.Key != quoteKey(&q.Quote) {
			t.Errorf("quote %d: status %s, draft %v, key %q", q.ID, q.Status, q.Draft, q.Key)
		}
	}
	if got.Quotes[0].ArticleAnchor == nil || got.Quotes[0].Verifier != "Renée Revisora" || got.People["13"] != "Edith <Editora> & Co" {
		t.Errorf("first quote %+v, people %v", got.Quotes[0], got.People)
	}
	final := export(t, FormatJSON, handBundle(t, false))
	if bytes.Contains(final, []byte(`"draft": true`)) {
		t.Error("a final JSON export marks something as draft")
	}
}

func TestJSONLD(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(export(t, FormatJSONLD, handBundle(t, true)), &doc); err != nil {
		t.Fatal(err)
	}
	get := func(v any, path ...string) any {
		for _, p := range path {
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[p]
		}
		return v
	}
	if doc["@context"] != "https://schema.org" || doc["@type"] != "Article" || doc["inLanguage"] != "en" ||
		get(doc, "author", "name") != "Ana Ruiz" || get(doc, "publisher", "name") != "CRBC News" || doc["creativeWorkStatus"] != "Draft" {
		t.Errorf("article = %v", doc)
	}
	parts, _ := doc["hasPart"].([]any)
	if len(parts) != 8 {
		t.Fatalf("%d parts", len(parts))
	}
	byID := map[string]any{}
	for _, p := range parts {
		byID[get(p, "identifier").(string)] = p
	}
	q1, q3, q2 := byID["q101"], byID["q103"], byID["q102"]
	for _, c := range []struct {
		v    any
		want any
	}{
		{get(q1, "@type"), "Quotation"},
		{get(q1, "text"), "we do not want intervention from any foreign government"},
		{get(q1, "inLanguage"), "en"},
		{get(q1, "spokenByCharacter", "@type"), "Person"},
		{get(q1, "spokenByCharacter", "name"), "Claudia Sheinbaum"},
		{get(q1, "translationOfWork", "@type"), "Quotation"},
		{get(q1, "translationOfWork", "inLanguage"), "es-MX"},
		{get(q1, "translationOfWork", "text"), "«Nosotros no queremos intervención de ningún gobierno extranjero»"},
		{get(q1, "isBasedOn", "name"), "Conferencia matutina, 18 nov 2025 (versión estenográfica)"},
		{get(q1, "isBasedOn", "url"), "https://www.gob.mx/presidencia/articulos/version-estenografica?idiom=es&x=<1>"},
		{get(q1, "creativeWorkStatus"), "Approved"},
		{get(q1, "@id"), "https://cotejo.example.org/articles/7#q101"},
		{get(q2, "creativeWorkStatus"), "Draft"},
		{get(q3, "isBasedOn", "@type"), "Clip"},
		{get(q3, "isBasedOn", "startOffset"), 12.5},
		{get(q3, "isBasedOn", "endOffset"), 18.0},
		{get(q3, "isBasedOn", "url"), "https://example.org/video.mp4#t=12.5,18"},
		{get(q3, "isBasedOn", "isPartOf", "@type"), "MediaObject"},
	} {
		if c.v != c.want {
			t.Errorf("got %v, want %v", c.v, c.want)
		}
	}
}

// TestHTMLEscapes: what an article holds is text, never markup or script.
func TestHTMLEscapes(t *testing.T) {
	b := handBundle(t, true)
	b.Article.Headline = `</title><script>alert(1)</script>`
	b.Sources[0].URL = "javascript:alert(2)"
	b.Quotes[0].Speaker = `<img src=x onerror=alert(3)>`
	out := string(export(t, FormatHTML, b))
	for _, bad := range []string{"<script", "javascript:", "<img"} {
		if strings.Contains(out, bad) {
			t.Errorf("the HTML holds %q", bad)
		}
	}
	for _, want := range []string{
		`&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;`,
		`<span class="original" lang="es-MX" dir="auto">«¿Quién paga? ¡Nadie! &amp; eso es &lt;definitivo&gt;.»</span>`,
		`<td lang="es-MX" dir="auto">`,
		`<html lang="en">`,
		`<div class="banner" role="note">DRAFT`,
		`<span class="badge draft">Draft · translated</span>`,
		`<a href="https://example.org/video.mp4#t=12.5,18">recording 00:00:12.500–00:00:18.000 (t=12.5,18)</a>`,
		`Verified by Renée Revisora, 2025-11-18 13:40 UTC`,
		`@media print`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	for _, external := range []string{"<script", "<link", "<img", "@import", "url("} {
		if strings.Contains(out, external) {
			t.Errorf("the HTML is not self-contained: it holds %q", external)
		}
	}
}

// TestLayout: where quotes are placed in the body, and where they are not.
func TestLayout(t *testing.T) {
	body := "Uno dos tres.\n\nCuatro cinco seis.\nSiete."
	q := func(id int64, start, end int, exact string, state cotejo.AnchorState) *cotejo.Quote {
		return &cotejo.Quote{ID: id, Status: cotejo.QuoteApproved,
			ArticleAnchor: &cotejo.Anchor{Start: start, End: end, Exact: exact, State: state}}
	}
	for _, c := range []struct {
		name   string
		quotes []*cotejo.Quote
		want   string // paragraphs joined by "|", placed quotes in [id:text]
	}{
		{"none", nil, "Uno dos tres.|Cuatro cinco seis.\nSiete."},
		{"one", []*cotejo.Quote{q(1, 4, 7, "dos", cotejo.AnchorExact)}, "Uno [1:dos] tres.|Cuatro cinco seis.\nSiete."},
		{"whole paragraph", []*cotejo.Quote{q(1, 0, 13, "", cotejo.AnchorApproximate)}, "[1:Uno dos tres.]|Cuatro cinco seis.\nSiete."},
		{"overlap keeps the first", []*cotejo.Quote{q(2, 4, 13, "", ""), q(1, 0, 7, "", "")}, "[1:Uno dos] tres.|Cuatro cinco seis.\nSiete."},
		{"same start keeps the longer", []*cotejo.Quote{q(1, 0, 3, "", ""), q(2, 0, 7, "", "")}, "[2:Uno dos] tres.|Cuatro cinco seis.\nSiete."},
		{"nested", []*cotejo.Quote{q(1, 0, 13, "", ""), q(2, 4, 7, "", "")}, "[1:Uno dos tres.]|Cuatro cinco seis.\nSiete."},
		{"lost", []*cotejo.Quote{q(1, 4, 7, "dos", cotejo.AnchorLost)}, "Uno dos tres.|Cuatro cinco seis.\nSiete."},
		{"stale text", []*cotejo.Quote{q(1, 4, 7, "uno", cotejo.AnchorExact)}, "Uno dos tres.|Cuatro cinco seis.\nSiete."},
		{"out of range", []*cotejo.Quote{q(1, 40, 400, "", ""), q(2, -1, 3, "", ""), q(3, 5, 5, "", ""), q(4, 7, 4, "", "")}, "Uno dos tres.|Cuatro cinco seis.\nSiete."},
		{"across a paragraph break", []*cotejo.Quote{q(1, 8, 21, "", "")}, "Uno dos tres.|Cuatro cinco seis.\nSiete."},
		{"across a line break", []*cotejo.Quote{q(1, 22, 39, "", "")}, "Uno dos tres.|Cuatro [1:cinco seis.\nSiete]."},
		{"nil anchor", []*cotejo.Quote{{ID: 1}}, "Uno dos tres.|Cuatro cinco seis.\nSiete."},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := Bundle{Article: &cotejo.Article{Body: body}, Quotes: c.quotes}
			paras, inline := layout(b)
			var ps []string
			n := 0
			for _, p := range paras {
				var sb strings.Builder
				for _, s := range p {
					if s.Quote != nil {
						n++
						sb.WriteString("[" + string(rune('0'+s.Quote.ID)) + ":" + s.Text + "]")
					} else {
						sb.WriteString(s.Text)
					}
				}
				ps = append(ps, sb.String())
			}
			if got := strings.Join(ps, "|"); got != c.want {
				t.Errorf("layout = %q, want %q", got, c.want)
			}
			if len(inline) != n {
				t.Errorf("%d placed, %d reported", n, len(inline))
			}
		})
	}
}

// TestLayoutCodePoints: offsets count code points of the NFC text, so an
// emoji or a decomposed accent before a quote does not shift it.
func TestLayoutCodePoints(t *testing.T) {
	body := "🇲🇽 Mexico: \u0301é \"no\"." // a combining accent alone, then an e-acute
	start := strings.Index(body, "no")
	runeStart := cotejo.RuneLen(body[:start])
	b := Bundle{Article: &cotejo.Article{Body: body}, Quotes: []*cotejo.Quote{{ID: 1,
		ArticleAnchor: &cotejo.Anchor{Start: runeStart, End: runeStart + 2, Exact: "no", State: cotejo.AnchorExact}}}}
	paras, _ := layout(b)
	if len(paras) != 1 || len(paras[0]) != 3 || paras[0][1].Text != "no" {
		t.Errorf("layout = %+v", paras)
	}
}

// TestFinalExportOfUnapprovedArticleIsStamped: a final export of an article
// that is not approved says so, with its blockers, in every format, even
// when it holds no quote at all (an XLIFF with an empty body says why);
// once the article is approved, no format carries the stamp; a draft
// export is marked as a draft instead.
func TestFinalExportOfUnapprovedArticleIsStamped(t *testing.T) {
	blocker := `The passage "we will not accept" is linked to no quote and not marked as not a translated quote.`
	for _, f := range Formats {
		b := handBundle(t, false)
		b.Blockers = []string{blocker}
		out := string(export(t, f, b))
		if mark := exportMarks[f].notApproved; !strings.Contains(out, mark) {
			t.Errorf("%s: the final export of an article in review lacks %q:\n%s", f, mark, out)
		}
		if f != FormatCSV && f != FormatJSONLD && !strings.Contains(out, "we will not accept") {
			t.Errorf("%s: the stamp does not name the blocker:\n%s", f, out)
		}
		if got := Filename(b, f); !strings.Contains(got, "-not-approved") {
			t.Errorf("%s: file name %q", f, got)
		}

		empty := handBundle(t, false)
		for _, q := range empty.Quotes {
			q.Status = cotejo.QuoteTranslated
		}
		if out := string(export(t, f, empty)); f != FormatCSV && !strings.Contains(out, "NOT APPROVED") && !strings.Contains(out, `"article_approved": false`) && !strings.Contains(out, "In review") {
			t.Errorf("%s: a final export with no approved quote says nothing:\n%s", f, out)
		}

		approved := handBundle(t, false)
		approved.Article.Status = cotejo.ArticleApproved
		if out := string(export(t, f, approved)); strings.Contains(out, "NOT APPROVED") || strings.Contains(out, `"article_approved": false`) || strings.Contains(out, ",no\r\n") {
			t.Errorf("%s: the export of an approved article is stamped:\n%s", f, out)
		}
		if strings.Contains(Filename(approved, f), "not-approved") {
			t.Errorf("%s: the approved article's file is named %q", f, Filename(approved, f))
		}
		if strings.Contains(string(export(t, f, handBundle(t, true))), "NOT APPROVED") {
			t.Errorf("%s: a draft export carries the final export's stamp", f)
		}
	}
}
