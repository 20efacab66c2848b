package interchange

import (
	"cmp"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/cotejo/cotejo/internal/cotejo"
	"golang.org/x/text/language"
)

// TMUnit is one translation-memory pair, as TMX holds it: a translation unit
// (<tu>) with a source and a target variant (<tuv>).
type TMUnit struct {
	ID        string // tuid; optional
	Source    cotejo.LangText
	Target    cotejo.LangText
	Note      string // notes, one a line
	Props     []TMProp
	CreatedAt time.Time // creationdate; zero if unknown
	CreatedBy string    // creationid
	ChangedAt time.Time // changedate
	ChangedBy string    // changeid
}

// TMProp is a TMX <prop>: a typed value. Types of our own start with "x-",
// as TMX asks for user-defined ones.
type TMProp struct {
	Type  string
	Value string
}

// tmxTime is TMX's date format (ISO 8601 basic, UTC).
const tmxTime = "20060102T150405Z"

// tmxHeader is what a TMX header says beyond the fixed attributes.
type tmxHeader struct {
	notes     []string
	props     []TMProp
	createdAt time.Time
}

// WriteTMX writes units as a TMX 1.4 document (valid against the TMX 1.4
// DTD), for the translation memory's export. The header's srclang is the
// units' common source language, or "*all*" when they differ (or when
// there are none), as TMX provides. Units with an empty source or target
// are written as they are: choosing what goes in is the caller's business.
func WriteTMX(w io.Writer, units []TMUnit) error {
	return writeTMX(w, units, tmxHeader{})
}

func writeTMX(w io.Writer, units []TMUnit, h tmxHeader) error {
	srclang := ""
	for _, u := range units {
		switch {
		case srclang == "":
			srclang = u.Source.Lang
		case !strings.EqualFold(srclang, u.Source.Lang):
			srclang = "*all*"
		}
	}
	if srclang == "" {
		srclang = "*all*"
	}
	x := &xmlWriter{w: w}
	// The DOCTYPE names the DTD as TMX tools expect; readers do not fetch it.
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<!DOCTYPE tmx SYSTEM "tmx14.dtd">` + "\n")
	x.raw(`<tmx version="1.4">` + "\n <header")
	x.attr("creationtool", ToolName)
	x.attr("creationtoolversion", toolVersion())
	x.attr("segtype", "sentence")
	x.attr("o-tmf", ToolName)
	x.attr("adminlang", "en")
	x.attr("srclang", srclang)
	x.attr("datatype", "plaintext")
	if !h.createdAt.IsZero() {
		x.attr("creationdate", h.createdAt.UTC().Format(tmxTime))
	}
	if len(h.notes) == 0 && len(h.props) == 0 {
		x.raw("/>\n")
	} else {
		x.raw(">\n")
		for _, n := range h.notes {
			x.elem("  ", "note", n)
		}
		for _, p := range h.props {
			x.elem("  ", "prop", p.Value, "type", p.Type)
		}
		x.raw(" </header>\n")
	}
	x.raw(" <body>\n")
	for _, u := range units {
		x.raw("  <tu")
		if u.ID != "" {
			x.attr("tuid", u.ID)
		}
		if !u.CreatedAt.IsZero() {
			x.attr("creationdate", u.CreatedAt.UTC().Format(tmxTime))
		}
		if u.CreatedBy != "" {
			x.attr("creationid", u.CreatedBy)
		}
		if !u.ChangedAt.IsZero() {
			x.attr("changedate", u.ChangedAt.UTC().Format(tmxTime))
		}
		if u.ChangedBy != "" {
			x.attr("changeid", u.ChangedBy)
		}
		if srclang == "*all*" && u.Source.Lang != "" {
			x.attr("srclang", u.Source.Lang)
		}
		x.raw(">\n")
		// The DTD wants notes and props before the variants.
		for _, p := range u.Props {
			x.elem("   ", "prop", p.Value, "type", p.Type)
		}
		if u.Note != "" {
			x.elem("   ", "note", u.Note)
		}
		// Source first: Translate Toolkit and others read the first
		// variant as the source whatever srclang says.
		for _, v := range []cotejo.LangText{u.Source, u.Target} {
			x.raw("   <tuv")
			x.attr("xml:lang", cmp.Or(v.Lang, "und"))
			x.raw("><seg>")
			x.text(v.Text)
			x.raw("</seg></tuv>\n")
		}
		x.raw("  </tu>\n")
	}
	x.raw(" </body>\n</tmx>\n")
	return x.flush()
}

// writeArticleTMX writes the article's quotes as TMX. A final export holds
// the approved pairs, which is what a translation memory should learn from.
// A draft export holds every quote with both texts, each marked with
// <prop type="x-cotejo-status">, and the header says it is a draft, so that
// a memory importing it can keep the unapproved pairs apart. Quotes with an
// empty original or rendering are left out: they are no pair at all.
func writeArticleTMX(w io.Writer, b Bundle) error {
	h := tmxHeader{createdAt: b.GeneratedAt}
	h.props = append(h.props, TMProp{Type: "x-cotejo-article", Value: articleKey(b.Article)})
	if b.Draft {
		h.notes = append(h.notes, draftNote)
		h.props = append(h.props, TMProp{Type: "x-cotejo-draft", Value: "yes"})
	} else if b.NotApproved() {
		h.notes = append(h.notes, notApprovedNote(b))
	}
	var units []TMUnit
	for _, q := range b.Quotes {
		if q.Original.Text == "" || q.Rendering.Text == "" {
			continue
		}
		u := TMUnit{
			ID:        quoteKey(q),
			Source:    q.Original,
			Target:    q.Rendering,
			CreatedAt: q.CreatedAt,
			ChangedAt: q.UpdatedAt,
			CreatedBy: person(b, q.TranslatorID),
			ChangedBy: person(b, q.LastEditorID),
		}
		u.Props = append(u.Props, TMProp{Type: "x-cotejo-status", Value: string(q.Status)})
		u.Props = append(u.Props, TMProp{Type: "x-cotejo-version", Value: strconv.Itoa(q.Version)})
		if q.Speaker != "" {
			u.Props = append(u.Props, TMProp{Type: "x-cotejo-speaker", Value: q.Speaker})
		}
		u.Note = evidence(b, q)
		if isDraft(b, q) {
			u.Note = "DRAFT (not approved). " + u.Note
		}
		units = append(units, u)
	}
	return writeTMX(w, units, h)
}

// ParseTMX reads the pairs of a TMX file (1.1 to 1.4). For each <tu> the
// source is the variant whose language is the tu's srclang, else the
// header's (an exact tag first, then the same base language: a header "es"
// finds "es-MX"), else the first variant; the target is the first other
// variant. A tu with fewer than two variants is no pair and is skipped. A
// DOCTYPE naming the TMX DTD is accepted and ignored; the DTD is never
// fetched. Inline codes (<bpt>, <ept>, <it>, <ph>, <ut>) are dropped with
// their content; <hi> and <sub> keep their text. Dates that do not parse
// are left zero. Elements of another namespace than the root's are
// skipped, as in XLIFF. Errors are as ParseXLIFF's.
func ParseTMX(r io.Reader, lim Limits) ([]TMUnit, error) {
	x, root, err := openXML(r, lim, "TMX")
	if err != nil {
		return nil, err
	}
	if root.Name.Local != "tmx" {
		return nil, cotejo.Errorf(cotejo.CodeUnsupportedMedia, "This is not a TMX file: its root element is <%s>.", root.Name.Local)
	}
	headerLang := ""
	var units []TMUnit
	err = x.elements(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "header":
			headerLang, _ = attr(t, "", "srclang")
		case "body":
			return nil // a container: read on inside it
		case "tu":
			u, ok, err := parseTU(x, t, headerLang)
			if err != nil || !ok {
				return err
			}
			units, err = appendUnit(x, units, u)
			return err
		}
		return x.skip()
	})
	if err == nil {
		err = x.end()
	}
	if err != nil {
		return nil, err
	}
	return units, nil
}

type tuv struct {
	lang, text string
}

func parseTU(x *xmlReader, start xml.StartElement, headerLang string) (TMUnit, bool, error) {
	var u TMUnit
	line := x.line()
	u.ID, _ = attr(start, "", "tuid")
	u.CreatedAt = tmxDate(start, "creationdate")
	u.ChangedAt = tmxDate(start, "changedate")
	u.CreatedBy, _ = attr(start, "", "creationid")
	u.ChangedBy, _ = attr(start, "", "changeid")
	srclang, _ := attr(start, "", "srclang")
	srclang = cmp.Or(srclang, headerLang)
	var variants []tuv
	var notes []string
	err := x.elements(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "note":
			s, err := inlineText(x, nil)
			notes = append(notes, s)
			return err
		case "prop":
			p := TMProp{}
			p.Type, _ = attr(t, "", "type")
			var err error
			p.Value, err = inlineText(x, nil)
			u.Props = append(u.Props, p)
			return err
		case "tuv":
			v, err := parseTUV(x, t)
			if err != nil {
				return err
			}
			if v.lang == "" {
				return cotejo.Errorf(cotejo.CodeInvalid, "The TMX variant at line %d has no xml:lang.", line)
			}
			variants = append(variants, v)
			return nil
		}
		return x.skip()
	})
	if err != nil || len(variants) < 2 {
		return u, false, err
	}
	u.Note = strings.Join(notes, "\n")
	si := pickSource(variants, srclang)
	ti := 0
	if si == 0 {
		ti = 1
	}
	u.Source = cotejo.LangText{Text: variants[si].text, Lang: variants[si].lang}
	u.Target = cotejo.LangText{Text: variants[ti].text, Lang: variants[ti].lang}
	return u, true, nil
}

// codesTMX are TMX's inline elements whose content is native code.
var codesTMX = map[string]bool{"bpt": true, "ept": true, "it": true, "ph": true, "ut": true}

func parseTUV(x *xmlReader, start xml.StartElement) (tuv, error) {
	v := tuv{lang: xmlLang(start)}
	err := x.elements(func(t xml.StartElement) (err error) {
		if t.Name.Local != "seg" {
			return x.skip() // notes and props of the variant
		}
		v.text, err = inlineText(x, codesTMX)
		return err
	})
	return v, err
}

// pickSource returns the index of the variant in srclang (see ParseTMX).
func pickSource(vs []tuv, srclang string) int {
	if srclang == "" || srclang == "*all*" {
		return 0
	}
	for i, v := range vs {
		if strings.EqualFold(v.lang, srclang) {
			return i
		}
	}
	want, err := language.Parse(srclang)
	if err != nil {
		return 0
	}
	wb, _ := want.Base()
	for i, v := range vs {
		if t, err := language.Parse(v.lang); err == nil {
			if b, _ := t.Base(); b == wb {
				return i
			}
		}
	}
	return 0
}

func tmxDate(e xml.StartElement, name string) time.Time {
	s, ok := attr(e, "", name)
	if !ok {
		return time.Time{}
	}
	t, err := time.Parse(tmxTime, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
