package interchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/testenv"
)

// ----- the test bundles -----

var (
	t0       = time.Date(2025, 11, 18, 14, 0, 0, 0, time.UTC)
	idTrans  = int64(11)
	idReview = int64(12)
	idEditor = int64(13)
)

func ptr[T any](v T) *T { return &v }

// anchorIn anchors text at its first occurrence in body, in code points.
func anchorIn(t testing.TB, body, text string) *cotejo.Anchor {
	t.Helper()
	i := strings.Index(body, text)
	if i < 0 {
		t.Fatalf("%q is not in the body", text)
	}
	start := cotejo.RuneLen(body[:i])
	return &cotejo.Anchor{Start: start, End: start + cotejo.RuneLen(text), Exact: text, State: cotejo.AnchorExact}
}

// handBundle is a small but hostile article: Spanish originals with accents,
// ¿¡ and «», an ampersand and a "<", an emoji, a lost anchor, overlapping
// anchors, an out-of-range one, cells a spreadsheet would run, an empty
// rendering, and every quote status.
func handBundle(t testing.TB, draft bool) Bundle {
	t.Helper()
	body := strings.Join([]string{
		`Mexico's president said on Tuesday that "we do not want intervention from any foreign government," speaking in Spanish at her morning press conference.`,
		`Asked who would pay for the wall, she answered: "Who pays? Nobody! & that is <final>." She added, in Spanish, that "Mexico 🇲🇽 is not for sale."`,
		"A second line of the same paragraph\nkeeps its line break; she called the offer \"a bad joke\".",
		`=SUM(A1) is how a spreadsheet would read a careless cell.`,
	}, "\n\n")
	art := &cotejo.Article{ID: 7, Headline: `Sheinbaum rejects "intervention" & <offers> *again*`, Dek: "A dek with [brackets] and _underscores_.",
		Body: body, Language: "en", Outlet: "CRBC News", Byline: "By Ana Ruiz", Dateline: "Mexico City",
		Status: cotejo.ArticleInReview, Version: 4, CreatedAt: t0.Add(-48 * time.Hour), UpdatedAt: t0}
	transcript := &cotejo.Source{ID: 1, Kind: cotejo.KindTranscript, Title: "Conferencia matutina, 18 nov 2025 (versión estenográfica)",
		Language: "es-MX", URL: "https://www.gob.mx/presidencia/articulos/version-estenografica?idiom=es&x=<1>",
		RecordedAt: "2025-11-18", Speakers: []string{"Claudia Sheinbaum"},
		Text: "«Nosotros no queremos intervención de ningún gobierno extranjero». ¿Quién paga? ¡Nadie! & eso es <definitivo>."}
	recording := &cotejo.Source{ID: 2, Kind: cotejo.KindRecording, Title: "Video de la conferencia", Language: "es-MX",
		URL: "https://example.org/video", MediaURL: "https://example.org/video.mp4", Speakers: []string{"Claudia Sheinbaum"},
		Text: "México 🇲🇽 no está en venta."}
	q := func(id int64, status cotejo.QuoteStatus, orig, rend string, anchor *cotejo.Anchor) *cotejo.Quote {
		return &cotejo.Quote{ID: id, ArticleID: art.ID, Speaker: "Claudia Sheinbaum", Status: status, Version: int(id) + 1,
			Original: cotejo.LangText{Text: orig, Lang: "es-MX"}, Rendering: cotejo.LangText{Text: rend, Lang: "en"},
			SourceID: ptr(int64(1)), ArticleAnchor: anchor, CreatedAt: t0.Add(-time.Hour), UpdatedAt: t0,
			TranslatorID: &idTrans, TranslatedAt: ptr(t0.Add(-30 * time.Minute)), LastEditorID: &idTrans}
	}
	quotes := []*cotejo.Quote{
		q(101, cotejo.QuoteApproved, "«Nosotros no queremos intervención de ningún gobierno extranjero»",
			"we do not want intervention from any foreign government", anchorIn(t, body, "we do not want intervention from any foreign government")),
		q(102, cotejo.QuoteVerified, "¿Quién paga? ¡Nadie! & eso es <definitivo>.", "Who pays? Nobody! & that is <final>.",
			anchorIn(t, body, "Who pays? Nobody! & that is <final>.")),
		q(103, cotejo.QuoteTranslated, "México 🇲🇽 no está en venta.", "Mexico 🇲🇽 is not for sale.", anchorIn(t, body, "Mexico 🇲🇽 is not for sale.")),
		// Overlaps quote 101: listed in the table, not placed inline.
		q(104, cotejo.QuoteNeedsReview, "ningún gobierno foráneo", "any foreign government", anchorIn(t, body, "any foreign government")),
		q(105, cotejo.QuoteDraft, "una broma de mal gusto", "", nil),
		q(106, cotejo.QuoteRejected, "una mala broma", "a bad joke", &cotejo.Anchor{Start: 3, End: 9, Exact: "a bad joke", State: cotejo.AnchorLost}),
		// Approved, anchor lost: in the table only. Starts like a formula.
		q(107, cotejo.QuoteApproved, "=SUMA(A1) – así lo leería una hoja de cálculo", "=SUM(A1) is how a spreadsheet would read a careless cell.",
			&cotejo.Anchor{Start: 0, End: 5, State: cotejo.AnchorLost}),
		// Approved, anchor past the end of the body.
		q(108, cotejo.QuoteApproved, "@sheinbaum: -No.", "-No.", &cotejo.Anchor{Start: 100000, End: 100004, State: cotejo.AnchorExact}),
	}
	quotes[0].VerifierID, quotes[0].VerifiedAt = &idReview, ptr(t0.Add(-20*time.Minute))
	quotes[0].ApproverID, quotes[0].ApprovedAt = &idEditor, ptr(t0.Add(-10*time.Minute))
	quotes[0].SourceAnchor = &cotejo.Anchor{Start: 1, End: 64, State: cotejo.AnchorExact}
	quotes[1].VerifierID, quotes[1].VerifiedAt = &idReview, ptr(t0.Add(-15*time.Minute))
	quotes[2].SourceID = ptr(int64(2))
	quotes[2].Media = &cotejo.MediaRange{Start: 12.5, End: 18}
	quotes[2].EvidenceNote = "Minute 0:12 of the video; \"no está en venta\" is clear."
	quotes[6].ApproverID, quotes[6].ApprovedAt = &idEditor, ptr(t0)
	quotes[6].VerifierID, quotes[6].VerifiedAt = ptr(int64(99)), ptr(t0) // someone People does not know
	quotes[7].ApproverID, quotes[7].ApprovedAt = &idEditor, ptr(t0)
	return Bundle{Article: art, Sources: []*cotejo.Source{transcript, recording}, Quotes: quotes,
		People: map[int64]string{idTrans: "Tomás Traductor", idReview: "Renée Revisora", idEditor: "Edith <Editora> & Co"},
		Draft:  draft, GeneratedAt: t0.Add(time.Hour), BaseURL: "https://cotejo.example.org/"}
}

// demoBundle builds the demo article of internal/demo from its files (the
// package itself needs the workflow and a store): the seed article, its two
// Spanish sources and the two quotes that link them, the first approved,
// the second translated.
func demoBundle(t testing.TB, draft bool) Bundle {
	t.Helper()
	raw, err := os.ReadFile("../demo/demo.json")
	if err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("../demo/seed-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Article struct{ Outlet, Language, Headline string }
		Sources []struct {
			Key, Kind, Language, Title, URL string
			RecordedAt                      string `json:"recorded_at"`
			Speakers                        []string
			Text                            string
		}
		Links []struct {
			Passage, Speaker, Original, Source string
			NotTranslated                      string `json:"not_translated"`
		} `json:"expected_links"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	// As demo.Article: the body is what follows the headline's second occurrence.
	text := strings.ReplaceAll(string(seed), "\r\n", "\n")
	first := strings.Index(text, m.Article.Headline)
	second := strings.Index(text[first+len(m.Article.Headline):], m.Article.Headline) + first + len(m.Article.Headline)
	dek := strings.TrimSpace(text[first+len(m.Article.Headline) : second])
	body := cotejo.NFC(strings.TrimSpace(text[second+len(m.Article.Headline):]))
	art := &cotejo.Article{ID: 1, Headline: m.Article.Headline, Dek: dek, Body: body, Language: m.Article.Language,
		Outlet: m.Article.Outlet, Dateline: "Mexico City", Status: cotejo.ArticleInReview, Version: 1}
	b := Bundle{Article: art, People: map[int64]string{1: "Demo Translator", 2: "Demo Reviewer", 3: "Demo Editor"},
		Draft: draft, GeneratedAt: t0}
	ids := map[string]int64{}
	for i, s := range m.Sources {
		src := &cotejo.Source{ID: int64(i + 1), Kind: cotejo.SourceKind(s.Kind), Title: s.Title, Language: s.Language,
			URL: s.URL, RecordedAt: s.RecordedAt, Speakers: s.Speakers, Text: cotejo.NFC(s.Text)}
		b.Sources = append(b.Sources, src)
		ids[s.Key] = src.ID
	}
	for _, l := range m.Links {
		if l.NotTranslated != "" {
			continue
		}
		id := int64(len(b.Quotes) + 1)
		q := &cotejo.Quote{ID: id, ArticleID: 1, Speaker: l.Speaker, Version: 1,
			Original:      cotejo.LangText{Text: l.Original, Lang: "es-MX"},
			Rendering:     cotejo.LangText{Text: l.Passage, Lang: "en"},
			SourceID:      ptr(ids[l.Source]),
			ArticleAnchor: anchorIn(t, body, l.Passage),
			Status:        cotejo.QuoteTranslated, TranslatorID: ptr(int64(1)), TranslatedAt: ptr(t0)}
		if id == 1 {
			q.Status = cotejo.QuoteApproved
			q.VerifierID, q.VerifiedAt = ptr(int64(2)), ptr(t0)
			q.ApproverID, q.ApprovedAt = ptr(int64(3)), ptr(t0)
		}
		b.Quotes = append(b.Quotes, q)
	}
	if len(b.Quotes) < 2 {
		t.Fatalf("the demo has %d quotes, want at least 2", len(b.Quotes))
	}
	return b
}

// manyBundle has n quotes in every status, with realistic Spanish texts.
func manyBundle(n int) Bundle {
	art := &cotejo.Article{ID: 9, Headline: "Many quotes", Body: "Body.", Language: "en", Status: cotejo.ArticleInReview}
	b := Bundle{Article: art, Draft: true, GeneratedAt: t0, People: map[int64]string{1: "Ana"}}
	b.Sources = []*cotejo.Source{{ID: 1, Kind: cotejo.KindTranscript, Title: "Transcripción", Language: "es", Text: "…"}}
	for i := 1; i <= n; i++ {
		st := cotejo.QuoteStatuses[i%len(cotejo.QuoteStatuses)]
		b.Quotes = append(b.Quotes, &cotejo.Quote{ID: int64(i), ArticleID: 9, Speaker: "Hablante " + fmt.Sprint(i%17),
			Status: st, Version: i%9 + 1, SourceID: ptr(int64(1)),
			SourceAnchor: &cotejo.Anchor{Start: i, End: i + 40, State: cotejo.AnchorExact},
			Original:     cotejo.LangText{Text: fmt.Sprintf("¿Por qué la cita número %d dice «intervención» & <nada> más? ¡Ñandú!", i), Lang: "es"},
			Rendering:    cotejo.LangText{Text: fmt.Sprintf("Why does quote number %d say \"intervention\" & <nothing> else? Rhea!", i), Lang: "en"},
			TranslatorID: ptr(int64(1)), TranslatedAt: ptr(t0)})
	}
	return b
}

// emptyBundle is a final export of an article with no approved quote.
func emptyBundle(t testing.TB) Bundle {
	b := handBundle(t, false)
	b.Quotes = nil
	return b
}

// export runs Export and fails the test on an error.
func export(t testing.TB, f Format, b Bundle) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(&buf, f, b); err != nil {
		t.Fatalf("Export(%s): %v", f, err)
	}
	return buf.Bytes()
}

// writeTemp writes data to a file in a fresh temporary directory.
func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// schemaDir is testdata/schemas, absolute (xmllint resolves the catalog's
// relative entries against it).
func schemaDir(t testing.TB) string {
	t.Helper()
	d, err := filepath.Abs("testdata/schemas")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// xmllint runs xmllint with the local catalog and no network, and fails the
// test with its output when it reports a problem.
func xmllint(t testing.TB, args ...string) string {
	t.Helper()
	out, err := runXmllint(t, args...)
	if err != nil {
		t.Fatalf("xmllint %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// runXmllint runs xmllint and returns its output and exit error.
func runXmllint(t testing.TB, args ...string) (string, error) {
	t.Helper()
	bin := testenv.Tool(t, "xmllint", "libxml2-utils")
	cmd := exec.Command(bin, append([]string{"--noout", "--nonet"}, args...)...)
	cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+filepath.Join(schemaDir(t), "catalog.xml"))
	out, err := cmd.CombinedOutput()
	return string(out), err
}
