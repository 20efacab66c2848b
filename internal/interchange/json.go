package interchange

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// jsonExport is the complete JSON export. Article, sources and quotes are
// the domain's own JSON shapes (as the API serves them), so a program that
// reads one reads the other; quotes add the names of their people and the
// draft mark.
type jsonExport struct {
	Format        string    `json:"format"`
	FormatVersion int       `json:"format_version"`
	GeneratedAt   time.Time `json:"generated_at"`
	Draft         bool      `json:"draft"`
	// ArticleApproved is false for an article not approved nor published;
	// Blockers then say what blocks it (a final export holds approved
	// quotes only, whatever the article's status).
	ArticleApproved bool              `json:"article_approved"`
	Blockers        []string          `json:"blockers,omitempty"`
	URL             string            `json:"url,omitempty"`
	Article         *cotejo.Article   `json:"article"`
	Sources         []*cotejo.Source  `json:"sources"`
	Quotes          []jsonQuote       `json:"quotes"`
	People          map[string]string `json:"people"` // the people the quotes name, by id
}

type jsonQuote struct {
	*cotejo.Quote
	MediaURL   string `json:"media_url,omitempty"` // the recording at the quote's moment (#t=start,end)
	Key        string `json:"key"`                 // "q12", as XLIFF and HTML name it
	Draft      bool   `json:"draft"`
	Translator string `json:"translator,omitempty"`
	Verifier   string `json:"verifier,omitempty"`
	Approver   string `json:"approver,omitempty"`
}

func writeJSON(w io.Writer, b Bundle) error {
	out := jsonExport{
		Format:          "cotejo-article-export",
		FormatVersion:   FormatVersion,
		GeneratedAt:     b.GeneratedAt,
		Draft:           b.Draft,
		ArticleApproved: b.Article.Status == cotejo.ArticleApproved || b.Article.Status == cotejo.ArticlePublished,
		Blockers:        b.Blockers,
		URL:             articleURL(b),
		Article:         b.Article,
		Sources:         b.Sources,
		Quotes:          []jsonQuote{},
		People:          map[string]string{},
	}
	for _, q := range b.Quotes {
		out.Quotes = append(out.Quotes, jsonQuote{
			Quote: q, MediaURL: momentURL(b, q), Key: quoteKey(q), Draft: isDraft(b, q),
			Translator: person(b, q.TranslatorID), Verifier: person(b, q.VerifierID), Approver: person(b, q.ApproverID),
		})
		for _, id := range []*int64{q.TranslatorID, q.VerifierID, q.ApproverID, q.LastEditorID} {
			if id != nil {
				out.People[strconv.FormatInt(*id, 10)] = person(b, id)
			}
		}
	}
	return encodeJSON(w, out)
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	// A file, not a page: "<" and "&" need no escaping and read better as they are.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// JSON-LD: a schema.org Article whose hasPart lists Quotation items.
//
// Why hasPart and not citation: citation is for works the article refers to;
// a rendering is printed in the article body, so it is part of the article.
// What the rendering cites, the original words and the evidence, hangs off
// the Quotation itself: translationOfWork (a Quotation in the original
// language) and isBasedOn (the source, or a Clip of it for a time range).
// The speaker is spokenByCharacter, as PRODUCT.md asks; schema.org meant that
// for fictional speakers, so the same Person is also the Quotation's creator,
// which general consumers read.
type ldThing = map[string]any

func writeJSONLD(w io.Writer, b Bundle) error {
	a := b.Article
	doc := ldThing{
		"@context":           "https://schema.org",
		"@type":              "Article",
		"identifier":         articleKey(a),
		"headline":           a.Headline,
		"inLanguage":         a.Language,
		"articleBody":        a.Body,
		"creativeWorkStatus": articleStatus(b),
		"sdPublisher":        ldThing{"@type": "Organization", "name": ToolName},
		"dateCreated":        nonZero(a.CreatedAt),
		"dateModified":       nonZero(a.UpdatedAt),
	}
	if u := articleURL(b); u != "" {
		doc["@id"], doc["url"] = u, u
	}
	if a.Dek != "" {
		doc["description"] = a.Dek
	}
	if by := strings.TrimSpace(a.Byline); by != "" {
		// A byline is free text ("By Ana Ruiz and Tom Lee"); it names the
		// author as printed, without guessing where one person ends.
		by = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(by, "By "), "by "))
		doc["author"] = ldThing{"@type": "Person", "name": by}
	}
	if a.Outlet != "" {
		doc["publisher"] = ldThing{"@type": "NewsMediaOrganization", "name": a.Outlet}
	}
	if a.Dateline != "" {
		doc["locationCreated"] = ldThing{"@type": "Place", "name": a.Dateline}
	}
	parts := []ldThing{}
	for _, q := range b.Quotes {
		parts = append(parts, ldQuotation(b, q))
	}
	doc["hasPart"] = parts
	for k, v := range doc {
		if v == nil || v == "" {
			delete(doc, k)
		}
	}
	return encodeJSON(w, doc)
}

func ldQuotation(b Bundle, q *cotejo.Quote) ldThing {
	id := "#" + quoteKey(q)
	if u := articleURL(b); u != "" {
		id = u + id
	}
	item := ldThing{
		"@type":              "Quotation",
		"@id":                id,
		"identifier":         quoteKey(q),
		"text":               q.Rendering.Text,
		"inLanguage":         q.Rendering.Lang,
		"creativeWorkStatus": "Approved",
		"version":            q.Version,
	}
	if isDraft(b, q) {
		item["creativeWorkStatus"] = "Draft"
	}
	if q.Speaker != "" {
		p := ldThing{"@type": "Person", "name": q.Speaker}
		item["spokenByCharacter"] = p
		item["creator"] = p
	}
	orig := ldThing{"@type": "Quotation", "text": q.Original.Text, "inLanguage": q.Original.Lang}
	if q.Speaker != "" {
		orig["spokenByCharacter"] = item["spokenByCharacter"]
	}
	item["translationOfWork"] = orig
	if v := q.VerifiedAt; v != nil {
		item["dateModified"] = v.UTC().Format(time.RFC3339)
	}
	if s := sourceOf(b, q); s != nil {
		src := ldSource(b, s)
		if q.Media != nil {
			clip := ldThing{"@type": "Clip", "startOffset": q.Media.Start, "endOffset": q.Media.End, "isPartOf": src}
			if u := momentURL(b, q); u != "" {
				clip["url"] = u
			}
			if rec := ldRecording(b, s); rec != nil {
				clip["isBasedOn"] = rec
			}
			item["isBasedOn"] = clip
		} else {
			item["isBasedOn"] = src
		}
	} else if q.Media != nil {
		item["isBasedOn"] = ldThing{"@type": "Clip", "startOffset": q.Media.Start, "endOffset": q.Media.End}
	}
	return item
}

// ldSource describes a source by the schema.org type closest to its kind.
func ldSource(b Bundle, s *cotejo.Source) ldThing {
	typ := "CreativeWork"
	switch s.Kind {
	case cotejo.KindRecording:
		typ = "MediaObject" // audio or video: Cotejo does not know which
	case cotejo.KindPublishedReport:
		typ = "Report"
	case cotejo.KindDocument:
		typ = "DigitalDocument"
	}
	src := ldThing{"@type": typ, "name": s.Title, "genre": string(s.Kind)}
	if s.Language != "" {
		src["inLanguage"] = s.Language
	}
	if s.URL != "" {
		src["url"] = s.URL
	}
	if s.MediaURL != "" {
		src["contentUrl"] = s.MediaURL
	}
	if s.RecordedAt != "" {
		src["dateCreated"] = s.RecordedAt
	}
	if b.BaseURL != "" {
		src["@id"] = b.BaseURL + "/sources/" + strconv.FormatInt(s.ID, 10)
	}
	return src
}

func articleStatus(b Bundle) string {
	if b.Draft {
		return "Draft"
	}
	switch b.Article.Status {
	case cotejo.ArticleInReview:
		return "In review"
	case cotejo.ArticleApproved:
		return "Approved"
	case cotejo.ArticlePublished:
		return "Published"
	}
	return "Draft"
}

func nonZero(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}
