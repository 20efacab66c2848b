package interchange

import (
	"cmp"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// htmlQuote is a quote as the bilingual HTML shows it.
type htmlQuote struct {
	Key                      string
	Original, OriginalLang   string
	Quoted                   string // the original in quotation marks, for the notes
	Rendering, RenderingLang string
	Speaker                  string
	Status                   string
	Draft                    bool
	Inline                   bool
	SourceTitle, SourceURL   string
	SourceSpan               string
	Media, MediaURL          string
	EvidenceNote             string
	Translated               string
	Verified                 string
	Approved                 string
}

type htmlSegment struct {
	Text  string
	Quote *htmlQuote
}

// htmlPara is a paragraph of the article and the notes on the quotes it
// places, which follow it: a reader finishes the sentence, then sees the
// original, and a printed page keeps both together.
type htmlPara struct {
	Segments []htmlSegment
	Notes    []*htmlQuote
}

type htmlView struct {
	Article     *cotejo.Article
	Lang        string
	Draft       bool
	DraftCount  int
	NotApproved string // the stamp of a final export of an article not approved
	Generated   string
	GeneratedAt string
	ArticleURL  string
	Paragraphs  []htmlPara
	Quotes      []*htmlQuote
	NotInline   int
}

func writeHTML(w io.Writer, b Bundle) error {
	paras, inline := layout(b)
	v := htmlView{
		Article:     b.Article,
		Lang:        cmp.Or(b.Article.Language, "en"),
		Draft:       b.Draft,
		Generated:   b.GeneratedAt.Format("2006-01-02 15:04 UTC"),
		GeneratedAt: b.GeneratedAt.Format(time.RFC3339),
		ArticleURL:  articleURL(b),
	}
	if b.NotApproved() {
		v.NotApproved = notApprovedNote(b)
	}
	byID := map[int64]*htmlQuote{}
	for _, q := range b.Quotes {
		hq := &htmlQuote{
			Key:      quoteKey(q),
			Original: q.Original.Text, Quoted: quoted(q.Original.Text), OriginalLang: cmp.Or(q.Original.Lang, "und"),
			Rendering: q.Rendering.Text, RenderingLang: cmp.Or(q.Rendering.Lang, v.Lang),
			Speaker:      q.Speaker,
			Status:       statusLabel(q.Status),
			Draft:        isDraft(b, q),
			Inline:       inline[q.ID],
			EvidenceNote: q.EvidenceNote,
			Translated:   byWhen(person(b, q.TranslatorID), q.TranslatedAt),
			Verified:     byWhen(person(b, q.VerifierID), q.VerifiedAt),
			Approved:     byWhen(person(b, q.ApproverID), q.ApprovedAt),
		}
		if s := sourceOf(b, q); s != nil {
			hq.SourceTitle, hq.SourceURL = s.Title, s.URL
			hq.MediaURL = momentURL(b, q)
		}
		if a := q.SourceAnchor; a != nil {
			hq.SourceSpan = fmt.Sprintf("characters %d–%d", a.Start, a.End)
			if a.State != "" && a.State != cotejo.AnchorExact {
				hq.SourceSpan += " (" + string(a.State) + " anchor)"
			}
		}
		if q.Media != nil {
			hq.Media = "recording " + timeCode(q.Media) + " (" + mediaFragment(q.Media) + ")"
		}
		if hq.Draft {
			v.DraftCount++
		}
		if !hq.Inline {
			v.NotInline++
		}
		byID[q.ID] = hq
		v.Quotes = append(v.Quotes, hq)
	}
	for _, p := range paras {
		var hp htmlPara
		for _, s := range p {
			hs := htmlSegment{Text: s.Text}
			if s.Quote != nil {
				hs.Quote = byID[s.Quote.ID]
				hp.Notes = append(hp.Notes, hs.Quote)
			}
			hp.Segments = append(hp.Segments, hs)
		}
		v.Paragraphs = append(v.Paragraphs, hp)
	}
	return htmlTemplate.Execute(w, v)
}

// quoted puts «» around an original unless it has quotation marks of its
// own. (A <q> element would add the browser's marks even then.)
func quoted(s string) string {
	for _, mark := range []string{"«", "\"", "“", "„", "'", "‘", "‹"} {
		if strings.HasPrefix(s, mark) {
			return s
		}
	}
	return "«" + s + "»"
}

func byWhen(who string, at *time.Time) string {
	return strings.TrimSuffix(strings.TrimSpace(who+", "+when(at)), ",")
}

// htmlTemplate is the bilingual document. It is self-contained (one inline
// stylesheet, no scripts, no fonts or images to fetch) so that it can be
// mailed, archived and opened offline, and html/template escapes every value
// in its context (text, attribute, URL: javascript: links become "#ZgotmplZ").
// Each original carries its language tag so that screen readers, spelling
// and hyphenation and the browser's quotation marks («» for Spanish) follow it.
var htmlTemplate = template.Must(template.New("bilingual").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="generator" content="Cotejo" />
<title>{{if .Draft}}[DRAFT] {{end}}{{if .NotApproved}}[NOT APPROVED] {{end}}{{.Article.Headline}} — bilingual export</title>
<style>
:root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #d0d0d0; --mark: #fff2a8; --draft: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; font: 1.05rem/1.6 Georgia, "Times New Roman", serif; color: var(--ink); background: #fff; }
header, table, .meta, .banner, .badge, .annot, footer { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 2rem; line-height: 1.2; margin: .3rem 0; }
h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid var(--line); }
.outlet { text-transform: uppercase; letter-spacing: .08em; color: var(--muted); font-size: .85rem; margin: 0; }
.dek { font-size: 1.15rem; color: var(--muted); }
.meta { font-size: .85rem; color: var(--muted); }
.banner { border: 3px solid var(--draft); color: var(--draft); padding: .6rem 1rem; font-weight: 700; margin: 0 0 1rem; }
.article p { white-space: pre-line; }
mark.quote { background: var(--mark); padding: 0 .1em; }
mark.quote.draft { background: #fde0dc; outline: 1px dashed var(--draft); }
.annot { margin: -.4rem 0 .6rem 1.2rem; padding: .3rem .7rem; border-left: 3px solid #c9a400; font-size: .9rem; line-height: 1.45; background: #fafafa; }
sup a { font-size: .7rem; text-decoration: none; }
.annot.draft { border-left-color: var(--draft); }
.annot .original { font-family: Georgia, serif; font-style: italic; }
.badge { display: inline-block; font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; padding: 0 .4em; border: 1px solid currentColor; border-radius: 3px; }
.badge.draft { color: var(--draft); }
.badge.ok { color: #1e6b2f; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
caption { text-align: left; color: var(--muted); padding-bottom: .4rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #f0f0f0; }
tr.draft td { background: #fff6f5; }
td ul { margin: 0; padding-left: 1rem; }
footer { margin-top: 2rem; font-size: .8rem; color: var(--muted); }
@media print {
  @page { margin: 1.8cm 1.5cm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; color: #000; background: none; }
  mark.quote, mark.quote.draft, .annot, thead th, tr.draft td { background: none !important; }
  mark.quote { text-decoration: underline; text-decoration-thickness: 1.5pt; }
  mark.quote.draft { outline: none; text-decoration-style: dashed; }
  .annot { border-left: 2pt solid #000; }
  .banner, .badge.draft { color: #000; border-color: #000; }
  a { color: #000; text-decoration: none; }
  .annot a[href^="http"]::after, td a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 8pt; word-break: break-all; }
  h1, h2, caption { page-break-after: avoid; break-after: avoid; }
  p { orphans: 3; widows: 3; }
  .annot, tr { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
  .quotes-section { page-break-before: always; break-before: page; }
}
</style>
</head>
<body>
{{if .Draft}}<div class="banner" role="note">DRAFT — this export includes {{.DraftCount}} quote{{if ne .DraftCount 1}}s{{end}} not yet approved. Not for publication.</div>
{{end}}{{with .NotApproved}}<div class="banner" role="note" id="not-approved">{{.}}</div>
{{end}}<header>
{{with .Article.Outlet}}<p class="outlet">{{.}}</p>
{{end}}<h1>{{.Article.Headline}}</h1>
{{with .Article.Dek}}<p class="dek">{{.}}</p>
{{end}}<p class="meta">{{with .Article.Byline}}{{.}} · {{end}}{{with .Article.Dateline}}{{.}} · {{end}}Bilingual export, <time datetime="{{.GeneratedAt}}">{{.Generated}}</time>{{with .ArticleURL}} · <a href="{{.}}">open in Cotejo</a>{{end}}</p>
</header>
<main>
<article class="article" lang="{{.Lang}}">
{{range .Paragraphs}}<p>{{range .Segments}}{{if .Quote}}<mark class="quote{{if .Quote.Draft}} draft{{end}}" id="at-{{.Quote.Key}}">{{.Text}}</mark><sup><a href="#note-{{.Quote.Key}}">{{.Quote.Key}}</a></sup>{{else}}{{.Text}}{{end}}{{end}}</p>
{{range .Notes}}{{template "note" .}}
{{end}}{{end}}</article>
<section class="quotes-section" aria-labelledby="quotes-title">
<h2 id="quotes-title">Quotes</h2>
<table class="quotes">
<caption>{{len .Quotes}} quote{{if ne (len .Quotes) 1}}s{{end}}{{if .Draft}}, {{.DraftCount}} not approved{{end}}{{if .NotInline}}; {{.NotInline}} not placed in the text above{{end}}.</caption>
<thead><tr><th scope="col">#</th><th scope="col">Original</th><th scope="col">Rendering</th><th scope="col">Speaker</th><th scope="col">Status</th><th scope="col">Evidence</th></tr></thead>
<tbody>
{{range .Quotes}}<tr id="{{.Key}}"{{if .Draft}} class="draft"{{end}}>
<td>{{if .Inline}}<a href="#at-{{.Key}}">{{.Key}}</a>{{else}}{{.Key}}{{end}}</td>
<td lang="{{.OriginalLang}}" dir="auto">{{.Original}}</td>
<td lang="{{.RenderingLang}}" dir="auto">{{.Rendering}}</td>
<td>{{.Speaker}}</td>
<td>{{if .Draft}}<span class="badge draft">Draft</span> {{end}}{{.Status}}</td>
<td><ul>{{if .SourceTitle}}<li>{{if .SourceURL}}<a href="{{.SourceURL}}">{{.SourceTitle}}</a>{{else}}{{.SourceTitle}}{{end}}</li>{{end}}{{with .SourceSpan}}<li>{{.}}</li>{{end}}{{if .Media}}<li>{{if .MediaURL}}<a href="{{.MediaURL}}">{{.Media}}</a>{{else}}{{.Media}}{{end}}</li>{{end}}{{with .EvidenceNote}}<li>{{.}}</li>{{end}}{{with .Translated}}<li>Translated: {{.}}</li>{{end}}{{with .Verified}}<li>Verified: {{.}}</li>{{end}}{{with .Approved}}<li>Approved: {{.}}</li>{{end}}</ul></td>
</tr>
{{end}}</tbody>
</table>
</section>
</main>
<footer>Generated by Cotejo. Originals are shown in their own language; renderings are the article's.{{if .Draft}} This is a draft export.{{end}}</footer>
</body>
</html>
{{define "note"}}<div class="annot{{if .Draft}} draft{{end}}" id="note-{{.Key}}" role="note">{{if .Draft}}<span class="badge draft">Draft · {{.Status}}</span> {{end}}<span class="label">{{.Key}} original:</span> <span class="original" lang="{{.OriginalLang}}" dir="auto">{{.Quoted}}</span>{{with .Speaker}} — <span class="speaker">{{.}}</span>{{end}}{{if .SourceTitle}}. Source: {{if .SourceURL}}<a href="{{.SourceURL}}">{{.SourceTitle}}</a>{{else}}{{.SourceTitle}}{{end}}{{end}}{{if .Media}}, {{if .MediaURL}}<a href="{{.MediaURL}}">{{.Media}}</a>{{else}}<span class="media">{{.Media}}</span>{{end}}{{end}}.{{with .Verified}} Verified by {{.}}.{{end}}{{if not .Draft}} <span class="badge ok">Approved</span>{{end}} <a href="#{{.Key}}">In the table</a></div>{{end}}`))
