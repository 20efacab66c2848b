package interchange

import (
	"cmp"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// The XLIFF namespaces. Translate Toolkit and older tools write the 1.1 (and
// some 1.0) namespace for files that are otherwise 1.2; they are read alike.
const (
	nsXLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
	nsXLIFF11 = "urn:oasis:names:tc:xliff:document:1.1"
	nsXLIFF10 = "urn:oasis:names:tc:xliff:document:1.0"
	nsXLIFF20 = "urn:oasis:names:tc:xliff:document:2.0"
)

// XLIFF12State maps a quote status to the state of an XLIFF 1.2 <target>,
// as PRODUCT.md fixes it and the table of statuses holds it.
func XLIFF12State(s cotejo.QuoteStatus) string {
	return cmp.Or(s.Info().XLIFF12, "new")
}

// XLIFF20State maps a quote status to the state of an XLIFF 2.0 <segment>.
func XLIFF20State(s cotejo.QuoteStatus) string {
	return cmp.Or(s.Info().XLIFF20, "initial")
}

// xliffApproved is XLIFF 1.2's approved="yes": a reviewer has confirmed the
// quote. Translate Toolkit (and so pocount) counts exactly these units as
// translated and every other unit with a target as fuzzy.
func xliffApproved(s cotejo.QuoteStatus) bool { return s.Info().XLIFF12Approved }

// draftNote is the sentence every format uses to mark a draft export.
const draftNote = "DRAFT export: it includes quotes that are not approved. Not for publication."

// statusNote says where the quote stands, for an XLIFF note.
func statusNote(b Bundle, q *cotejo.Quote) string {
	s := "status: " + string(q.Status)
	if isDraft(b, q) {
		s = "DRAFT (not approved); " + s
	}
	if so := signoff(b, q); so != "" {
		s += "; " + so
	}
	return s
}

// xliffNote is a note of an XLIFF export: its text, and what it is about,
// said by XLIFF 1.2's from and XLIFF 2.0's category.
type xliffNote struct {
	from, category, text string
}

// fileNotes are the notes about the whole export: a draft or an article
// not approved, and where the article is.
func fileNotes(b Bundle) []xliffNote {
	var ns []xliffNote
	if b.Draft {
		ns = append(ns, xliffNote{"cotejo", "draft", draftNote})
	} else if b.NotApproved() {
		ns = append(ns, xliffNote{"cotejo", "approval", notApprovedNote(b)})
	}
	if url := articleURL(b); url != "" {
		ns = append(ns, xliffNote{"article", "article", url})
	}
	return ns
}

// quoteNotes are the notes about a quote: its speaker, evidence, place in
// the recording and status.
func quoteNotes(b Bundle, q *cotejo.Quote) []xliffNote {
	var ns []xliffNote
	note := func(about, text string) { ns = append(ns, xliffNote{about, about, text}) }
	if q.Speaker != "" {
		note("speaker", q.Speaker)
	}
	note("evidence", evidence(b, q))
	if n := mediaNote(b, q); n != "" {
		note("media", n)
	}
	note("status", statusNote(b, q))
	return ns
}

func writeXLIFF12(w io.Writer, b Bundle) error {
	src, trg := languages(b)
	file := articleKey(b.Article)
	x := &xmlWriter{w: w}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.raw(`<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">` + "\n")
	x.raw(" <file")
	x.attr("original", file)
	x.attr("source-language", src)
	x.attr("target-language", trg)
	x.attr("datatype", "plaintext")
	x.attr("tool-id", "cotejo")
	x.attr("date", b.GeneratedAt.Format("2006-01-02T15:04:05Z"))
	x.attr("product-name", b.Article.Headline)
	x.raw(">\n  <header>\n   <tool")
	x.attr("tool-id", "cotejo")
	x.attr("tool-name", ToolName)
	x.attr("tool-version", toolVersion())
	x.raw("/>\n")
	for _, n := range fileNotes(b) {
		x.elem("   ", "note", n.text, "from", n.from)
	}
	x.raw("  </header>\n  <body>\n")
	for _, q := range b.Quotes {
		key := quoteKey(q)
		x.raw("   <trans-unit")
		x.attr("id", key)
		x.attr("resname", file+"/"+key)
		// The quote's version travels in extradata, which the strict schema
		// allows on a trans-unit and tools keep: an import compares it with
		// the stored version to detect edits made meanwhile.
		x.attr("extradata", "v="+strconv.Itoa(q.Version))
		if xliffApproved(q.Status) && q.Rendering.Text != "" {
			x.attr("approved", "yes")
		}
		x.raw(">\n")
		x.elem("    ", "source", q.Original.Text, "xml:lang", cmp.Or(q.Original.Lang, src))
		// An empty rendering means nothing is translated yet: no <target>,
		// which is how every CAT tool shows an untranslated unit.
		if q.Rendering.Text != "" {
			x.elem("    ", "target", q.Rendering.Text, "xml:lang", cmp.Or(q.Rendering.Lang, trg), "state", XLIFF12State(q.Status))
		}
		for _, n := range quoteNotes(b, q) {
			x.elem("    ", "note", n.text, "from", n.from)
		}
		x.raw("   </trans-unit>\n")
	}
	x.raw("  </body>\n </file>\n</xliff>\n")
	return x.flush()
}

func writeXLIFF20(w io.Writer, b Bundle) error {
	src, trg := languages(b)
	file := articleKey(b.Article)
	x := &xmlWriter{w: w}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.raw(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"`)
	x.attr("srcLang", src)
	x.attr("trgLang", trg)
	x.raw(">\n <file")
	x.attr("id", file)
	x.attr("original", file)
	x.raw(">\n")
	if ns := fileNotes(b); len(ns) > 0 {
		x.raw("  <notes>\n")
		for _, n := range ns {
			x.elem("   ", "note", n.text, "category", n.category)
		}
		x.raw("  </notes>\n")
	}
	if len(b.Quotes) == 0 {
		// XLIFF 2.0 wants at least one unit or group in a file; an export
		// with no quotes (a final export before any approval) says so with
		// an empty group rather than failing.
		x.raw(`  <group id="no-quotes" name="no quotes to export"/>` + "\n")
	}
	for _, q := range b.Quotes {
		key := quoteKey(q)
		x.raw("  <unit")
		x.attr("id", key)
		x.attr("name", file+"/"+key)
		x.raw(">\n   <notes>\n")
		for _, n := range quoteNotes(b, q) {
			x.elem("    ", "note", n.text, "category", n.category)
		}
		// The version rides in a note: XLIFF 2 requires tools to keep notes,
		// while attributes of other namespaces may be dropped.
		x.elem("    ", "note", strconv.Itoa(q.Version), "category", "version")
		x.raw("   </notes>\n   <segment")
		state := XLIFF20State(q.Status)
		if q.Rendering.Text == "" {
			state = "initial" // XLIFF 2 allows no other state without a target
		}
		x.attr("state", state)
		// subState keeps Cotejo's own status, which the four XLIFF 2 states
		// cannot tell apart (draft, rejected and needs_review are all initial).
		x.attr("subState", "cotejo:"+string(q.Status))
		x.raw(">\n")
		// No xml:lang on source and target: XLIFF 2 requires them to equal
		// srcLang and trgLang, which already say it.
		x.elem("    ", "source", q.Original.Text)
		if q.Rendering.Text != "" {
			x.elem("    ", "target", q.Rendering.Text)
		}
		x.raw("   </segment>\n  </unit>\n")
	}
	x.raw(" </file>\n</xliff>\n")
	return x.flush()
}

// XLIFFDoc is what an XLIFF file holds, as far as Cotejo reads it.
type XLIFFDoc struct {
	Version    string // "1.2" (also for 1.0 and 1.1 files) or "2.0" (also 2.1, 2.2)
	SourceLang string // of the first file
	TargetLang string
	ArticleID  int64 // from the first file's "article-12", 0 if the file is not ours
	Units      []XLIFFUnit
}

// XLIFFUnit is one trans-unit (1.2) or unit (2.0).
type XLIFFUnit struct {
	ID         string
	QuoteID    int64 // from an id "q123"; 0 when the unit is not one of ours
	Version    int   // the quote version the file was exported at; 0 when not carried
	File       string
	Source     string
	Target     string
	HasTarget  bool
	SourceLang string // the element's xml:lang, else the file's
	TargetLang string
	State      string // as written: 1.2 target state, 2.0 segment state (the least advanced of several)
	SubState   string // 2.0 only
	Approved   bool   // 1.2 approved="yes"
	Notes      []XLIFFNote
	Line       int // where the unit starts, for messages
}

// XLIFFNote is a note of a unit: From is 1.2's from, or 2.0's category.
type XLIFFNote struct {
	From string
	Text string
}

// ParseXLIFF reads an XLIFF 1.x or 2.x file, telling them apart by the root
// element's namespace and version. Inline markup in sources and targets is
// dropped and its text kept: quotes are plain text, so <g>, <mrk>, <pc> and
// <sub> keep their content, while 1.2's native-code elements (<bpt>, <ept>,
// <ph>, <it>) lose theirs, and empty placeholders (<x/>, <bx/>, <ph/>...)
// leave nothing. XLIFF 2's <cp hex="..."/> becomes its character. Units of
// <alt-trans> (translation proposals) are not read.
//
// Errors are *cotejo.Error: CodeTooLarge past a limit, CodeMalformed for a
// truncated or broken file, CodeInvalidUTF8, CodeUnsupportedMedia when the
// root is not an XLIFF element or the version is unknown, CodeInvalid for a
// file that declares entities or a unit without an id.
func ParseXLIFF(r io.Reader, lim Limits) (*XLIFFDoc, error) {
	x, root, err := openXML(r, lim, "XLIFF")
	if err != nil {
		return nil, err
	}
	version, _ := attr(root, "", "version")
	doc := &XLIFFDoc{}
	switch {
	case root.Name.Local != "xliff":
		return nil, cotejo.Errorf(cotejo.CodeUnsupportedMedia, "This is not an XLIFF file: its root element is <%s>.", root.Name.Local)
	case root.Name.Space == nsXLIFF20 && strings.HasPrefix(version, "2."):
		doc.Version = "2.0"
		doc.SourceLang, _ = attr(root, "", "srcLang")
		doc.TargetLang, _ = attr(root, "", "trgLang")
		err = parseXLIFF20(x, doc)
	case (root.Name.Space == nsXLIFF12 || root.Name.Space == nsXLIFF11 || root.Name.Space == nsXLIFF10 || root.Name.Space == "") &&
		strings.HasPrefix(version, "1."):
		doc.Version = "1.2"
		err = parseXLIFF12(x, doc)
	default:
		return nil, cotejo.Errorf(cotejo.CodeUnsupportedMedia, "XLIFF version %q in namespace %q is not one Cotejo reads (1.2 or 2.0).", version, root.Name.Space)
	}
	if err == nil {
		err = x.end()
	}
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// parseXLIFF12 reads the content of the root <xliff> of a 1.x file.
func parseXLIFF12(x *xmlReader, doc *XLIFFDoc) error {
	var file struct{ original, src, trg string }
	first := true
	// inFile reads what a <file> holds; <body> and <group> are containers,
	// read through.
	inFile := func(t xml.StartElement) error {
		switch t.Name.Local {
		case "trans-unit":
			return doc.addUnit(x, t, parseTransUnit, file.original, file.src, file.trg)
		case "header", "bin-unit":
			return x.skip()
		}
		return nil
	}
	return x.elements(func(t xml.StartElement) error {
		if t.Name.Local != "file" {
			return inFile(t)
		}
		file.original, _ = attr(t, "", "original")
		file.src, _ = attr(t, "", "source-language")
		file.trg, _ = attr(t, "", "target-language")
		if first {
			doc.SourceLang, doc.TargetLang = file.src, file.trg
			doc.ArticleID = idAfter(file.original, "article-")
			first = false
		}
		err := x.elements(inFile)
		file.original = "" // a unit outside any file belongs to none
		return err
	})
}

// addUnit reads the unit that starts with t with parse and adds it to doc:
// in file, and in the file's languages src and trg where it names none.
func (doc *XLIFFDoc) addUnit(x *xmlReader, t xml.StartElement, parse func(*xmlReader, xml.StartElement) (XLIFFUnit, error),
	file, src, trg string) error {
	u, err := parse(x, t)
	if err != nil {
		return err
	}
	u.File = file
	u.SourceLang = cmp.Or(u.SourceLang, src)
	u.TargetLang = cmp.Or(u.TargetLang, trg)
	doc.Units, err = appendUnit(x, doc.Units, u)
	return err
}

// newUnit starts reading the unit that starts with start (an element
// called name): its line, its id, which it must have, and the quote the id
// names.
func newUnit(x *xmlReader, start xml.StartElement, name string) (XLIFFUnit, error) {
	u := XLIFFUnit{Line: x.line()}
	u.ID, _ = attr(start, "", "id")
	if u.ID == "" {
		return u, cotejo.Errorf(cotejo.CodeInvalid, "The XLIFF %s at line %d has no id.", name, u.Line)
	}
	u.QuoteID = idAfter(u.ID, "q")
	return u, nil
}

func parseTransUnit(x *xmlReader, start xml.StartElement) (XLIFFUnit, error) {
	u, err := newUnit(x, start, "trans-unit")
	if err != nil {
		return u, err
	}
	if ed, ok := attr(start, "", "extradata"); ok {
		u.Version = versionIn(ed)
	}
	a, _ := attr(start, "", "approved")
	u.Approved = a == "yes"
	err = x.elements(func(t xml.StartElement) (err error) {
		switch t.Name.Local {
		case "source":
			u.SourceLang = xmlLang(t)
			u.Source, err = inlineText(x, codes12)
		case "target":
			u.TargetLang = xmlLang(t)
			u.State, _ = attr(t, "", "state")
			u.HasTarget = true
			u.Target, err = inlineText(x, codes12)
		case "note":
			n := XLIFFNote{}
			n.From, _ = attr(t, "", "from")
			n.Text, err = inlineText(x, nil)
			u.Notes = append(u.Notes, n)
		default: // seg-source, alt-trans, context-group, count-group...
			err = x.skip()
		}
		return err
	})
	return u, err
}

// codes12 are XLIFF 1.2's inline elements whose content is native code (a
// "<b>" of the original format), not text.
var codes12 = map[string]bool{"bpt": true, "ept": true, "ph": true, "it": true}

// inlineText reads the text of the element just started, to its end. Text
// inside elements named in codes is dropped; <cp hex="..."/> (XLIFF 2) is
// replaced by its character.
func inlineText(x *xmlReader, codes map[string]bool) (string, error) {
	var t textBuf
	skipping := 0 // depth inside a code element
	for depth := 1; ; {
		tok, err := x.next()
		if err != nil {
			return "", err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case skipping > 0 || codes[e.Name.Local]:
				skipping++
			case e.Name.Local == "cp":
				h, _ := attr(e, "", "hex")
				if c, err := strconv.ParseUint(h, 16, 32); err == nil && utf8.ValidRune(rune(c)) {
					if err := t.add(x, utf8.AppendRune(nil, rune(c))); err != nil {
						return "", err
					}
				}
			}
		case xml.EndElement:
			depth--
			if skipping > 0 {
				skipping--
			}
			if depth == 0 {
				return t.done(x)
			}
		case xml.CharData:
			if skipping == 0 {
				if err := t.add(x, e); err != nil {
					return "", err
				}
			}
		}
	}
}

// idAfter parses "q123" (prefix "q") as 123; anything else is 0.
func idAfter(s, prefix string) int64 {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || rest == "" || rest[0] == '0' || rest[0] == '+' {
		return 0
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// versionIn reads "v=7" out of an extradata value ("v=7", or "x=1;v=7").
func versionIn(s string) int {
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ' ' || r == ',' }) {
		if v, ok := strings.CutPrefix(part, "v="); ok {
			if n, err := strconv.Atoi(v); err == nil && n > 0 {
				return n
			}
		}
	}
	return 0
}

// parseXLIFF20 reads the content of the root <xliff> of a 2.x file.
func parseXLIFF20(x *xmlReader, doc *XLIFFDoc) error {
	file := ""
	first := true
	return x.elements(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "file":
			file, _ = attr(t, "", "id")
			if first {
				doc.ArticleID = idAfter(file, "article-")
				if doc.ArticleID == 0 {
					orig, _ := attr(t, "", "original")
					doc.ArticleID = idAfter(orig, "article-")
				}
				first = false
			}
		case "unit":
			return doc.addUnit(x, t, parseUnit20, file, doc.SourceLang, doc.TargetLang)
		case "group":
			// a container: read on inside it
		default: // file-level notes, skeleton
			return x.skip()
		}
		return nil
	})
}

// states20 orders XLIFF 2's states, to report the least advanced segment's.
var states20 = map[string]int{"initial": 0, "translated": 1, "reviewed": 2, "final": 3}

func parseUnit20(x *xmlReader, start xml.StartElement) (XLIFFUnit, error) {
	u, err := newUnit(x, start, "unit")
	if err != nil {
		return u, err
	}
	var src, trg strings.Builder
	err = x.elements(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "notes", "ignorable":
			// containers: read on inside them
		case "segment":
			st, ok := attr(t, "", "state")
			if !ok {
				st = "initial" // the schema's default
			}
			if u.State == "" || states20[st] < states20[u.State] {
				u.State = st
				u.SubState, _ = attr(t, "", "subState")
			}
		case "note":
			cat, _ := attr(t, "", "category")
			text, err := inlineText(x, nil)
			if err != nil {
				return err
			}
			if cat == "version" {
				if n, err := strconv.Atoi(strings.TrimSpace(text)); err == nil && n > 0 {
					u.Version = n
				}
			}
			u.Notes = append(u.Notes, XLIFFNote{From: cat, Text: text})
		// A unit's text is that of its segments and ignorables, in order.
		case "source":
			u.SourceLang = cmp.Or(xmlLang(t), u.SourceLang)
			text, err := inlineText(x, nil)
			src.WriteString(text)
			return err
		case "target":
			u.TargetLang = cmp.Or(xmlLang(t), u.TargetLang)
			u.HasTarget = true
			text, err := inlineText(x, nil)
			trg.WriteString(text)
			return err
		default: // originalData; modules' elements are in other namespaces
			return x.skip()
		}
		return nil
	})
	if err != nil {
		return u, err
	}
	u.Source, u.Target = src.String(), trg.String()
	if err := x.checkLen(u.Source); err != nil {
		return u, err
	}
	return u, x.checkLen(u.Target)
}
