package interchange

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// Limits bound what an import reads, so that a hostile or broken file costs
// a clear error instead of memory or time. A zero field takes its default.
type Limits struct {
	MaxBytes   int64 // size of the whole file; default 20 MB
	MaxDepth   int   // nesting of elements; default 64 (real XLIFF and TMX nest less than 10 deep)
	MaxUnits   int   // trans-units, units or tus; default 100 000
	MaxTextLen int   // code points of one source, target, note or segment; default 100 000
}

// DefaultLimits are the limits an import takes when it is given none.
var DefaultLimits = Limits{MaxBytes: 20 << 20, MaxDepth: 64, MaxUnits: 100_000, MaxTextLen: 100_000}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultLimits.MaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	if l.MaxUnits <= 0 {
		l.MaxUnits = DefaultLimits.MaxUnits
	}
	if l.MaxTextLen <= 0 {
		l.MaxTextLen = DefaultLimits.MaxTextLen
	}
	return l
}

// xmlReader reads an untrusted XML document token by token. It is where the
// rules against hostile input live, explicitly, rather than trusting what
// encoding/xml happens to do today:
//
//   - the file is read whole up to MaxBytes (one more byte is an error), and
//     must be UTF-8, which is all XLIFF and TMX tools write in practice;
//   - a DOCTYPE may name an external DTD (TMX files say <!DOCTYPE tmx SYSTEM
//     "tmx14.dtd">), which is ignored and never fetched, but a DOCTYPE that
//     declares entities is refused outright: that is what billion-laughs and
//     XXE attacks need. encoding/xml would not expand them anyway, but a
//     document that declares them is not one we want to half-read;
//   - any other <!...> directive, a second DOCTYPE or one after the root is refused;
//   - nesting deeper than MaxDepth is refused as it is read;
//   - encoding/xml runs in strict mode: undeclared entities, mismatched
//     tags, characters XML forbids and a truncated file are syntax errors.
type xmlReader struct {
	d        *xml.Decoder
	lim      Limits
	what     string // "XLIFF", "TMX": for messages
	ns       string // the root element's namespace: the vocabulary read (see elements)
	depth    int
	seenRoot bool
	doctype  bool
	charset  string // a non-UTF-8 encoding the declaration asked for
}

// openXML starts reading an untrusted document: it returns the reader and
// the root element, whose content the caller reads with elements and whose
// end it checks with end.
func openXML(r io.Reader, lim Limits, what string) (*xmlReader, xml.StartElement, error) {
	x, err := newXMLReader(r, lim, what)
	if err != nil {
		return nil, xml.StartElement{}, err
	}
	tok, err := x.next()
	if err != nil {
		return nil, xml.StartElement{}, err
	}
	root := tok.(xml.StartElement) // next returns character data only inside the root
	x.ns = root.Name.Space
	return x, root, nil
}

func newXMLReader(r io.Reader, lim Limits, what string) (*xmlReader, error) {
	lim = lim.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, cotejo.Errorf(cotejo.CodeMalformed, "The %s file could not be read: %v.", what, err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, cotejo.Errorf(cotejo.CodeTooLarge, "The %s file is larger than %d bytes.", what, lim.MaxBytes)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, cotejo.Errorf(cotejo.CodeMalformed, "The %s file is empty.", what)
	}
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return nil, cotejo.Errorf(cotejo.CodeInvalidUTF8, "The %s file is in UTF-16; save it as UTF-8.", what)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")) // a UTF-8 byte order mark says nothing we need
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		return nil, cotejo.Errorf(cotejo.CodeInvalidUTF8, "The %s file is not valid UTF-8 (line %d).", what, line)
	}
	x := &xmlReader{lim: lim, what: what}
	x.d = xml.NewDecoder(bytes.NewReader(data))
	x.d.Strict = true
	x.d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		// encoding/xml handles UTF-8 itself and asks only about the others.
		// The bytes are already known to be valid UTF-8, so a declaration of
		// US-ASCII is harmless; anything else would be misread.
		if l := strings.ToLower(label); l == "us-ascii" || l == "ascii" {
			return in, nil
		}
		x.charset = label
		return nil, errors.New("unsupported encoding")
	}
	return x, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// line is the line the decoder has reached.
func (x *xmlReader) line() int {
	l, _ := x.d.InputPos()
	return l
}

// next returns the next token that matters (start, end and character data;
// comments and processing instructions are skipped), or io.EOF after the
// root element ends. The token's data is valid until the next call.
func (x *xmlReader) next() (xml.Token, error) {
	for {
		tok, err := x.d.Token()
		if err == io.EOF {
			if x.seenRoot && x.depth == 0 {
				return nil, io.EOF
			}
			if !x.seenRoot {
				return nil, cotejo.Errorf(cotejo.CodeMalformed, "The %s file holds no XML element.", x.what)
			}
			return nil, cotejo.Errorf(cotejo.CodeMalformed, "The %s file ends too early, at line %d: it is truncated.", x.what, x.line())
		}
		if err != nil {
			return nil, x.syntaxError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if x.depth == 0 && x.seenRoot {
				return nil, cotejo.Errorf(cotejo.CodeMalformed, "The %s file has a second root element at line %d.", x.what, x.line())
			}
			x.seenRoot = true
			x.depth++
			if x.depth > x.lim.MaxDepth {
				return nil, cotejo.Errorf(cotejo.CodeTooLarge, "The %s file nests elements more than %d deep (line %d).", x.what, x.lim.MaxDepth, x.line())
			}
			return t, nil
		case xml.EndElement:
			x.depth--
			return t, nil
		case xml.CharData:
			switch {
			case x.depth > 0:
				return t, nil
			case len(bytes.TrimSpace(t)) == 0:
				continue // white space around the root
			case !x.seenRoot:
				return nil, cotejo.Errorf(cotejo.CodeMalformed, "The %s file is not XML: it has text before any element (line %d).", x.what, x.line())
			}
			return nil, cotejo.Errorf(cotejo.CodeMalformed, "The %s file has text outside its root element (line %d).", x.what, x.line())
		case xml.Directive:
			if err := x.directive(t); err != nil {
				return nil, err
			}
		case xml.Comment, xml.ProcInst:
			// Nothing in a comment or a processing instruction is data for us.
		}
	}
}

func (x *xmlReader) directive(d xml.Directive) error {
	s := strings.TrimSpace(string(d))
	upper := strings.ToUpper(s)
	if !strings.HasPrefix(upper, "DOCTYPE") {
		return cotejo.Errorf(cotejo.CodeMalformed, "The %s file has a <!%s> declaration at line %d, which is not allowed.", x.what, firstWord(s), x.line())
	}
	if strings.Contains(upper, "<!ENTITY") {
		return cotejo.Errorf(cotejo.CodeInvalid,
			"The %s file declares entities in its DOCTYPE (line %d); such files are refused, since entities can expand without bound or read other files.", x.what, x.line())
	}
	if x.doctype || x.seenRoot {
		return cotejo.Errorf(cotejo.CodeMalformed, "The %s file has a misplaced DOCTYPE at line %d.", x.what, x.line())
	}
	x.doctype = true
	return nil
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " \t\r\n["); i >= 0 {
		s = s[:i]
	}
	if len(s) > 20 {
		s = s[:20]
	}
	return s
}

func (x *xmlReader) syntaxError(err error) error {
	if x.charset != "" {
		return cotejo.Errorf(cotejo.CodeUnsupportedMedia, "The %s file is declared as %q; only UTF-8 is read.", x.what, x.charset)
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		if se.Msg == "unexpected EOF" {
			return cotejo.Errorf(cotejo.CodeMalformed, "The %s file ends too early, at line %d: it is truncated.", x.what, se.Line)
		}
		return cotejo.Errorf(cotejo.CodeMalformed, "The %s file is not well-formed XML at line %d: %s.", x.what, se.Line, se.Msg)
	}
	return cotejo.Errorf(cotejo.CodeMalformed, "The %s file is not well-formed XML at line %d: %v.", x.what, x.line(), err)
}

// elements reads the content of the element just started, to its end, and
// calls fn for each element in it that is in the document's namespace;
// elements of other namespaces (extensions, modules) are skipped. fn either
// reads the element whole (with skip, inlineText or elements of its own) or
// returns at once, and then the element's content is read on as if it were
// its parent's: that is how containers such as <body> and <group> are read
// through. Text between elements is ignored.
func (x *xmlReader) elements(fn func(xml.StartElement) error) error {
	inside := x.depth
	for {
		tok, err := x.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if x.depth < inside {
				return nil
			}
		case xml.StartElement:
			if t.Name.Space != x.ns {
				err = x.skip()
			} else {
				err = fn(t)
			}
			if err != nil {
				return err
			}
		}
	}
}

// end reads past the root element's end, once its content is read, so that
// anything after it (a second root, garbage, a truncated tail) is still an
// error.
func (x *xmlReader) end() error {
	_, err := x.next()
	if err == io.EOF {
		return nil
	}
	if err == nil {
		return cotejo.Errorf(cotejo.CodeMalformed, "The %s file has content after its root element (line %d).", x.what, x.line())
	}
	return err
}

// appendUnit appends a unit read from the file, up to MaxUnits.
func appendUnit[T any](x *xmlReader, units []T, u T) ([]T, error) {
	if len(units) >= x.lim.MaxUnits {
		return units, cotejo.Errorf(cotejo.CodeTooLarge, "The %s file has more than %d units.", x.what, x.lim.MaxUnits)
	}
	return append(units, u), nil
}

// skip reads to the end of the element whose start was just read.
func (x *xmlReader) skip() error {
	for depth := 1; depth > 0; {
		tok, err := x.next()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// textBuf collects the text of one element, bounded by MaxTextLen.
type textBuf struct{ b strings.Builder }

func (t *textBuf) add(x *xmlReader, s []byte) error {
	// Four bytes is the most a code point takes: a cheap check as the text
	// grows, and the exact count once it is complete (see done).
	if t.b.Len()+len(s) > 4*x.lim.MaxTextLen {
		return x.tooLong()
	}
	t.b.Write(s)
	return nil
}

func (t *textBuf) done(x *xmlReader) (string, error) {
	s := t.b.String()
	return s, x.checkLen(s)
}

// checkLen refuses a text longer than MaxTextLen code points.
func (x *xmlReader) checkLen(s string) error {
	if cotejo.RuneLen(s) > x.lim.MaxTextLen {
		return x.tooLong()
	}
	return nil
}

func (x *xmlReader) tooLong() error {
	return cotejo.Errorf(cotejo.CodeTooLarge, "The %s file has a text longer than %d characters (line %d).", x.what, x.lim.MaxTextLen, x.line())
}

// attr returns the value of the attribute with the given local name, in no
// namespace or, when space is not "", in that namespace.
func attr(e xml.StartElement, space, local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value, true
		}
	}
	return "", false
}

const xmlNS = "http://www.w3.org/XML/1998/namespace"

// xmlLang is the element's xml:lang (or the deprecated plain lang of old TMX).
func xmlLang(e xml.StartElement) string {
	if v, ok := attr(e, xmlNS, "lang"); ok {
		return v
	}
	v, _ := attr(e, "", "lang")
	return v
}

// ----- writing -----

// xmlWriter writes XML by hand. The formats fix the order of elements and
// attributes (the TMX DTD, the strict XLIFF schema), and writing strings is
// several times faster than encoding/xml's reflection on a 50 000-unit file.
// Every text goes through text or attrValue.
type xmlWriter struct {
	w   io.Writer
	buf []byte
	err error
}

func (x *xmlWriter) raw(s string) {
	x.buf = append(x.buf, s...)
	x.flushIfFull()
}

func (x *xmlWriter) flushIfFull() {
	if len(x.buf) >= 32<<10 {
		x.flush()
	}
}

func (x *xmlWriter) flush() error {
	if x.err == nil && len(x.buf) > 0 {
		_, x.err = x.w.Write(x.buf)
	}
	x.buf = x.buf[:0]
	return x.err
}

// text writes s as character data.
func (x *xmlWriter) text(s string) {
	x.buf = appendEscaped(x.buf, s, false)
	x.flushIfFull()
}

// attr writes ` name="value"`.
func (x *xmlWriter) attr(name, value string) {
	x.buf = append(x.buf, ' ')
	x.buf = append(x.buf, name...)
	x.buf = append(x.buf, '=', '"')
	x.buf = appendEscaped(x.buf, value, true)
	x.buf = append(x.buf, '"')
}

// elem writes <name>text</name> on a line of its own, indented.
func (x *xmlWriter) elem(indent, name, text string, attrs ...string) {
	x.raw(indent + "<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.attr(attrs[i], attrs[i+1])
	}
	x.raw(">")
	x.text(text)
	x.raw("</" + name + ">\n")
}

// appendEscaped escapes s for XML character data or, with inAttr, for a
// double-quoted attribute value. Characters XML 1.0 cannot hold at all (C0
// controls but tab, newline and carriage return; U+FFFE, U+FFFF) become
// U+FFFD, as encoding/xml does: the domain refuses them when they are typed
// (cotejo.CheckText), but a text stored before it did may still hold one,
// and an export must not fail on it.
// A carriage return is written as a reference so that it survives parsing.
func appendEscaped(buf []byte, s string, inAttr bool) []byte {
	last := 0
	for i, r := range s {
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '"' && inAttr:
			esc = "&quot;"
		case r == '\r':
			esc = "&#xD;"
		case r == '\n' && inAttr:
			esc = "&#xA;"
		case r == '\t' && inAttr:
			esc = "&#x9;"
		case r == '\n' || r == '\t':
			continue
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError:
			esc = "\uFFFD"
		default:
			continue
		}
		buf = append(buf, s[last:i]...)
		buf = append(buf, esc...)
		size := utf8.RuneLen(r)
		if r == utf8.RuneError { // an invalid byte is one byte long, a real U+FFFD three
			_, size = utf8.DecodeRuneInString(s[i:])
		}
		last = i + size
	}
	return append(buf, s[last:]...)
}
