package interchange

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// csvHeader names the columns of the CSV export, one row per quote.
var csvHeader = []string{
	"id", "status", "speaker", "original_lang", "original", "rendering_lang", "rendering",
	"source_title", "source_url", "source_start", "source_end", "media_start", "media_end",
	"translator", "verifier", "verified_at", "approver", "approved_at", "draft", "article_approved",
}

// writeCSV writes one row per quote after a header row: RFC 4180 (CRLF line
// ends, fields quoted as needed), UTF-8 without a byte order mark. Times are
// RFC 3339 in UTC; draft is "yes" for a quote a draft export marks;
// article_approved is "no" on every row while the article is not approved.
//
// Spreadsheets run a cell that starts with = + - @ (or a tab or carriage
// return) as a formula, and a quote or a source title can start so (a dash
// of dialogue, "@handle"); such a cell gets a leading apostrophe, which
// spreadsheets show as text and hide. Programs reading the CSV see the
// apostrophe: strip it from a text cell that starts with "'" followed by one
// of those characters.
func writeCSV(w io.Writer, b Bundle) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	row := make([]string, len(csvHeader))
	articleApproved := "yes"
	if b.Article.Status != cotejo.ArticleApproved && b.Article.Status != cotejo.ArticlePublished {
		articleApproved = "no"
	}
	for _, q := range b.Quotes {
		var title, url string
		if s := sourceOf(b, q); s != nil {
			title, url = s.Title, s.URL
		}
		var ss, se, ms, me string
		if a := q.SourceAnchor; a != nil {
			ss, se = strconv.Itoa(a.Start), strconv.Itoa(a.End)
		}
		if q.Media != nil {
			ms, me = seconds(q.Media.Start), seconds(q.Media.End)
		}
		draft := "no"
		if isDraft(b, q) {
			draft = "yes"
		}
		row = append(row[:0],
			strconv.FormatInt(q.ID, 10), string(q.Status), q.Speaker,
			q.Original.Lang, q.Original.Text, q.Rendering.Lang, q.Rendering.Text,
			title, url, ss, se, ms, me,
			person(b, q.TranslatorID), person(b, q.VerifierID), rfc3339(q.VerifiedAt),
			person(b, q.ApproverID), rfc3339(q.ApprovedAt), draft, articleApproved,
		)
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe defuses a cell a spreadsheet would run as a formula (see writeCSV).
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
