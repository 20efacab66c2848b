package interchange

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// FormatVersion is the version of the JSON export's shape. It changes when a
// field changes meaning or disappears, not when one is added.
const FormatVersion = 1

// ToolName names Cotejo in the headers of XLIFF and TMX files.
const ToolName = "Cotejo"

// Bundle is one article with everything an export of it shows. Build it
// from the store; Export selects from it what the export may hold (see Select).
type Bundle struct {
	Article *cotejo.Article
	Sources []*cotejo.Source // the sources attached to the article, with their text
	Quotes  []*cotejo.Quote
	// People maps user ids to display names, for "translated by", "verified
	// by" and "approved by". An id it lacks is shown as "user #id".
	People map[int64]string
	// Draft includes quotes that are not approved, each marked as a draft.
	// A final export (Draft false) holds approved quotes only.
	Draft bool
	// GeneratedAt is stamped on the export; the zero time means now.
	GeneratedAt time.Time
	// BaseURL is where this Cotejo answers (https://cotejo.example.org), for
	// links back to the article; empty leaves such links out.
	BaseURL string
	// Blockers say, one sentence each, what keeps the article from
	// approval (the workflow's readiness); a final export of an article
	// that is not approved lists them (see NotApproved).
	Blockers []string
}

// NotApproved reports whether b is a final export of an article that is
// not approved (nor published): such an export holds the approved quotes
// only, and every format says, where a reader or a tool sees it first, that
// the article itself is not approved and what blocks it.
func (b Bundle) NotApproved() bool {
	return !b.Draft && b.Article != nil && b.Article.Status != cotejo.ArticleApproved && b.Article.Status != cotejo.ArticlePublished
}

// notApprovedNote is the stamp of a final export of an article that is not
// approved: its status, how many quotes the file holds, what blocks it.
func notApprovedNote(b Bundle) string {
	s := fmt.Sprintf("NOT APPROVED: this article's status is %s; this final export holds its approved quotes only (%d).",
		strings.ReplaceAll(string(b.Article.Status), "_", " "), len(b.Quotes))
	if len(b.Blockers) > 0 {
		s += " What blocks approval: " + strings.Join(b.Blockers, " ")
	}
	return s + " Not for publication."
}

// Select returns the bundle as an export shows it: a final bundle keeps its
// approved quotes only, a draft bundle keeps them all; nil quotes and sources
// are dropped; quotes are put in the order they stand in the article (those
// without a place come last, by id); GeneratedAt is set (UTC, whole seconds)
// and BaseURL loses any trailing slash. Export calls it, so a caller cannot
// leak unapproved material into a final export by forgetting to; calling it
// twice changes nothing.
func Select(b Bundle) Bundle {
	out := b
	out.Quotes = make([]*cotejo.Quote, 0, len(b.Quotes))
	for _, q := range b.Quotes {
		if q == nil || (!b.Draft && q.Status != cotejo.QuoteApproved) {
			continue
		}
		out.Quotes = append(out.Quotes, q)
	}
	slices.SortStableFunc(out.Quotes, func(x, y *cotejo.Quote) int {
		px, py := articlePos(x), articlePos(y)
		if c := cmp.Compare(px, py); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	out.Sources = make([]*cotejo.Source, 0, len(b.Sources))
	for _, s := range b.Sources {
		if s != nil {
			out.Sources = append(out.Sources, s)
		}
	}
	if out.GeneratedAt.IsZero() {
		out.GeneratedAt = time.Now()
	}
	out.GeneratedAt = out.GeneratedAt.UTC().Truncate(time.Second)
	out.BaseURL = strings.TrimRight(strings.TrimSpace(b.BaseURL), "/")
	return out
}

// articlePos is where a quote stands in the article, for ordering; quotes
// with no usable place sort last.
func articlePos(q *cotejo.Quote) int {
	if a := q.ArticleAnchor; a != nil && a.State != cotejo.AnchorLost && a.Start >= 0 {
		return a.Start
	}
	return int(^uint(0) >> 1)
}

// Format is an export format.
type Format string

// The export formats.
const (
	FormatHTML     Format = "html"    // bilingual HTML, self-contained, printable
	FormatMarkdown Format = "md"      // Markdown with footnotes
	FormatCSV      Format = "csv"     // one row per quote
	FormatJSON     Format = "json"    // everything, for programs
	FormatJSONLD   Format = "jsonld"  // schema.org Article with Quotation parts
	FormatXLIFF12  Format = "xliff12" // XLIFF 1.2, units = quotes
	FormatXLIFF20  Format = "xliff20" // XLIFF 2.0, units = quotes
	FormatTMX      Format = "tmx"     // TMX 1.4, original → rendering pairs
)

// FormatInfo is what each format needs besides its name: one row per
// format, so that adding one cannot forget its label, type, extension,
// writer or the other names people type for it.
type FormatInfo struct {
	Format      Format
	Label       string // its name in a menu
	ContentType string
	Ext         string
	Aliases     []string // other names ParseFormat accepts
	// Versioned says the file name tells the format's version apart
	// (two XLIFF versions share the extension).
	Versioned bool
	write     func(io.Writer, Bundle) error
}

// formatTable is the one table of formats, in the order a menu offers them:
// what readers see first, then what programs and CAT tools read.
var formatTable = []FormatInfo{
	{FormatHTML, "HTML", "text/html; charset=utf-8", ".html", []string{"htm"}, false, writeHTML},
	{FormatMarkdown, "Markdown", "text/markdown; charset=utf-8; variant=GFM", ".md", []string{"markdown"}, false, writeMarkdown},
	{FormatCSV, "CSV", "text/csv; charset=utf-8; header=present", ".csv", nil, false, writeCSV},
	{FormatJSON, "JSON", "application/json", ".json", nil, false, writeJSON},
	{FormatJSONLD, "JSON-LD", "application/ld+json", ".jsonld", []string{"json-ld"}, false, writeJSONLD},
	{FormatXLIFF12, "XLIFF 1.2", "application/xliff+xml", ".xlf", []string{"xliff", "xlf", "xliff-1.2", "xliff1.2"}, true, writeXLIFF12},
	{FormatXLIFF20, "XLIFF 2.0", "application/xliff+xml", ".xlf", []string{"xliff2", "xliff-2.0", "xliff2.0"}, true, writeXLIFF20},
	{FormatTMX, "TMX", "application/x-tmx+xml", ".tmx", nil, false, writeArticleTMX},
}

// Formats lists every format, in the order a menu offers them.
var Formats = func() []Format {
	out := make([]Format, len(formatTable))
	for i, f := range formatTable {
		out[i] = f.Format
	}
	return out
}()

// FormatTable returns the table of formats.
func FormatTable() []FormatInfo { return slices.Clone(formatTable) }

// Info returns the table's row of f; ok is false for a format it lacks.
func (f Format) Info() (FormatInfo, bool) {
	for _, i := range formatTable {
		if i.Format == f {
			return i, true
		}
	}
	return FormatInfo{}, false
}

// ParseFormat reads a format name, case-insensitively; it also accepts the
// names people type (markdown, xliff, xlf, xliff2, json-ld). It returns a
// CodeInvalid error naming the field "format" for anything else.
func ParseFormat(s string) (Format, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	for _, i := range formatTable {
		if string(i.Format) == name || slices.Contains(i.Aliases, name) {
			return i.Format, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", cotejo.FieldError(cotejo.CodeInvalid, "format",
		"%q is not an export format (%s).", s, strings.Join(names, ", "))
}

// ContentType is the MIME type to serve the format with.
func (f Format) ContentType() string {
	if i, ok := f.Info(); ok {
		return i.ContentType
	}
	return "application/octet-stream"
}

// Ext is the file name extension of the format, with its dot.
func (f Format) Ext() string {
	i, _ := f.Info()
	return i.Ext
}

// Filename is a file name for an export of b in format f, such as
// "article-12-draft.xliff20.xlf": it says which article, whether it is a
// draft (or a final export of an article not approved: "-not-approved"),
// and tells the two XLIFF versions apart.
func Filename(b Bundle, f Format) string {
	name := "article"
	if b.Article != nil {
		name += "-" + strconv.FormatInt(b.Article.ID, 10)
	}
	if b.Draft {
		name += "-draft"
	} else if b.NotApproved() {
		name += "-not-approved"
	}
	if i, _ := f.Info(); i.Versioned {
		name += "." + string(f)
	}
	return name + f.Ext()
}

// Export writes the export of b in format f to w. It selects from b what the
// export may hold (see Select). It returns a CodeInvalid error for an unknown
// format (aliases such as "markdown" are accepted, as ParseFormat reads them)
// or a bundle without an article, and w's own errors as they come.
func Export(w io.Writer, f Format, b Bundle) error {
	if b.Article == nil {
		return cotejo.Errorf(cotejo.CodeInvalid, "There is no article to export.")
	}
	f, err := ParseFormat(string(f))
	if err != nil {
		return err
	}
	b = Select(b)
	bw := bufio.NewWriterSize(w, 64<<10)
	info, _ := f.Info()
	if err := info.write(bw, b); err != nil {
		return err
	}
	return bw.Flush()
}

// isDraft reports whether q must be marked as a draft in b's export: only
// draft exports hold quotes that are not approved.
func isDraft(b Bundle, q *cotejo.Quote) bool {
	return b.Draft && q.Status != cotejo.QuoteApproved
}

// person is the display name of a user id, "" for nil.
func person(b Bundle, id *int64) string {
	if id == nil {
		return ""
	}
	if n := strings.TrimSpace(b.People[*id]); n != "" {
		return n
	}
	return fmt.Sprintf("user #%d", *id)
}

// sourceOf returns the quote's source among the bundle's, or nil.
func sourceOf(b Bundle, q *cotejo.Quote) *cotejo.Source {
	if q.SourceID == nil {
		return nil
	}
	for _, s := range b.Sources {
		if s.ID == *q.SourceID {
			return s
		}
	}
	return nil
}

// seconds formats a media offset the way media fragments write it: the
// shortest decimal that reads back as the same number (12.5, 18).
func seconds(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// mediaFragment is the W3C media fragment of a range: "t=12.5,18".
func mediaFragment(m *cotejo.MediaRange) string {
	if m == nil {
		return ""
	}
	return "t=" + seconds(m.Start) + "," + seconds(m.End)
}

// when formats a time for people: UTC to the minute, which is as precise as
// "verified at" needs to be and reads the same wherever the export is opened.
func when(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// rfc3339 formats a time for programs, "" for nil.
func rfc3339(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// quoteKey is the stable name of a quote in every format: "q12". XLIFF unit
// ids, HTML fragment ids and Markdown footnote labels all use it, so a
// reader can follow a quote from one export to another.
func quoteKey(q *cotejo.Quote) string { return "q" + strconv.FormatInt(q.ID, 10) }

// articleKey is the stable name of the article: "article-12".
func articleKey(a *cotejo.Article) string { return "article-" + strconv.FormatInt(a.ID, 10) }

// articleURL links back to the article in Cotejo, "" without a base URL.
func articleURL(b Bundle) string {
	if b.BaseURL == "" {
		return ""
	}
	return b.BaseURL + "/articles/" + strconv.FormatInt(b.Article.ID, 10)
}

// statusLabel is the English label of a quote status, for people.
func statusLabel(s cotejo.QuoteStatus) string { return strings.ReplaceAll(string(s), "_", " ") }

// languages returns the file-level source language of an XLIFF or TMX export
// (the most common language of the quotes' originals, then of the sources)
// and the target language (the article's). A file states one pair; each unit
// still carries its own tag where the format allows.
func languages(b Bundle) (src, trg string) {
	count := map[string]int{}
	for _, q := range b.Quotes {
		if q.Original.Lang != "" {
			count[q.Original.Lang]++
		}
	}
	if len(count) == 0 {
		for _, s := range b.Sources {
			if s.Language != "" {
				count[s.Language]++
			}
		}
	}
	best := 0
	for l, n := range count {
		if n > best || (n == best && l < src) {
			src, best = l, n
		}
	}
	// "und" is BCP 47's "undetermined": the schemas require a tag.
	return cmp.Or(src, "und"), cmp.Or(b.Article.Language, "und")
}

var toolVersion = sync.OnceValue(func() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
})

// evidence describes where the original stands, in one line for people:
// source title, URL, offsets in the source, media time code, evidence note.
func evidence(b Bundle, q *cotejo.Quote) string {
	var parts []string
	if s := sourceOf(b, q); s != nil {
		parts = append(parts, s.Title)
		if s.URL != "" {
			parts = append(parts, s.URL)
		}
	}
	if a := q.SourceAnchor; a != nil {
		p := fmt.Sprintf("characters %d–%d", a.Start, a.End)
		if a.State != "" && a.State != cotejo.AnchorExact {
			p += " (" + string(a.State) + ")"
		}
		parts = append(parts, p)
	}
	if q.Media != nil {
		parts = append(parts, mediaFragment(q.Media))
	}
	if q.EvidenceNote != "" {
		parts = append(parts, q.EvidenceNote)
	}
	if len(parts) == 0 {
		return "no evidence recorded"
	}
	return strings.Join(parts, "; ")
}

// signoff says who translated, verified and approved q, and when.
func signoff(b Bundle, q *cotejo.Quote) string {
	var parts []string
	for _, s := range []struct {
		verb string
		id   *int64
		at   *time.Time
	}{
		{"translated", q.TranslatorID, q.TranslatedAt},
		{"verified", q.VerifierID, q.VerifiedAt},
		{"approved", q.ApproverID, q.ApprovedAt},
	} {
		if s.id == nil && s.at == nil {
			continue
		}
		p := s.verb
		if n := person(b, s.id); n != "" {
			p += " by " + n
		}
		if w := when(s.at); w != "" {
			p += ", " + w
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}
