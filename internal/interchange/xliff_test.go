package interchange

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// TestXLIFFRoundTrip exports both XLIFF versions, reads them back, and
// checks each unit against its quote: id, version, texts, state.
func TestXLIFFRoundTrip(t *testing.T) {
	for _, c := range []struct {
		f       Format
		version string
		state   func(cotejo.QuoteStatus) string
	}{
		{FormatXLIFF12, "1.2", XLIFF12State},
		{FormatXLIFF20, "2.0", XLIFF20State},
	} {
		for _, draft := range []bool{true, false} {
			t.Run(string(c.f)+"/draft="+strconv.FormatBool(draft), func(t *testing.T) {
				b := Select(handBundle(t, draft))
				doc, err := ParseXLIFF(bytes.NewReader(export(t, c.f, b)), Limits{})
				if err != nil {
					t.Fatal(err)
				}
				if doc.Version != c.version || doc.SourceLang != "es-MX" || doc.TargetLang != "en" || doc.ArticleID != 7 {
					t.Errorf("doc = version %q, %s → %s, article %d", doc.Version, doc.SourceLang, doc.TargetLang, doc.ArticleID)
				}
				if len(doc.Units) != len(b.Quotes) {
					t.Fatalf("%d units, want %d", len(doc.Units), len(b.Quotes))
				}
				for i, q := range b.Quotes {
					u := doc.Units[i]
					want := c.state(q.Status)
					if q.Rendering.Text == "" && c.f == FormatXLIFF20 {
						want = "initial"
					}
					if q.Rendering.Text == "" && c.f == FormatXLIFF12 {
						want = "" // no target, no state
					}
					if u.ID != quoteKey(q) || u.QuoteID != q.ID || u.Version != q.Version ||
						u.Source != q.Original.Text || u.Target != q.Rendering.Text || u.HasTarget != (q.Rendering.Text != "") ||
						u.State != want || u.SourceLang != "es-MX" || u.TargetLang != "en" || u.File != articleKey(b.Article) {
						t.Errorf("unit %d = %+v\nwant quote %d v%d %q → %q, state %q", i, u, q.ID, q.Version, q.Original.Text, q.Rendering.Text, want)
					}
					if c.f == FormatXLIFF12 && u.Approved != (xliffApproved(q.Status) && q.Rendering.Text != "") {
						t.Errorf("unit %s approved = %v for status %s", u.ID, u.Approved, q.Status)
					}
					if c.f == FormatXLIFF20 && u.SubState != "cotejo:"+string(q.Status) {
						t.Errorf("unit %s subState = %q", u.ID, u.SubState)
					}
					if !hasNote(u, "speaker", q.Speaker) {
						t.Errorf("unit %s lacks the speaker note: %+v", u.ID, u.Notes)
					}
					if draft && q.Status != cotejo.QuoteApproved && !hasNotePrefix(u, "status", "DRAFT") {
						t.Errorf("draft unit %s is not marked as a draft: %+v", u.ID, u.Notes)
					}
				}
			})
		}
	}
}

func hasNote(u XLIFFUnit, from, text string) bool {
	for _, n := range u.Notes {
		if n.From == from && n.Text == text {
			return true
		}
	}
	return false
}

func hasNotePrefix(u XLIFFUnit, from, prefix string) bool {
	for _, n := range u.Notes {
		if n.From == from && strings.HasPrefix(n.Text, prefix) {
			return true
		}
	}
	return false
}

// TestXLIFFEditedByCATTool edits a target as a CAT tool would (new text,
// new state, markup around a word) and reads the file back.
func TestXLIFFEditedByCATTool(t *testing.T) {
	b := handBundle(t, true)
	const oldTarget = "Who pays? Nobody! &amp; that is &lt;final&gt;."
	for _, c := range []struct {
		f                  Format
		oldState, newState string
		newTarget          string
	}{
		{FormatXLIFF12, `state="signed-off"`, `state="translated"`, `Who will pay? <g id="1">No one</g>! &amp; that's <x id="2"/>final.`},
		{FormatXLIFF20, `state="reviewed"`, `state="translated"`, `Who will pay? <pc id="1">No one</pc>! &amp; that's <ph id="2"/>final.`},
	} {
		t.Run(string(c.f), func(t *testing.T) {
			out := string(export(t, c.f, b))
			if strings.Count(out, oldTarget) != 1 {
				t.Fatalf("the export does not hold the target once:\n%s", out)
			}
			edited := strings.Replace(out, oldTarget, c.newTarget, 1)
			i := strings.Index(edited, `id="q102"`)
			edited = edited[:i] + strings.Replace(edited[i:], c.oldState, c.newState, 1)
			doc, err := ParseXLIFF(strings.NewReader(edited), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var u *XLIFFUnit
			for i := range doc.Units {
				if doc.Units[i].QuoteID == 102 {
					u = &doc.Units[i]
				}
			}
			if u == nil {
				t.Fatal("unit q102 is gone")
			}
			if want := "Who will pay? No one! & that's final."; u.Target != want {
				t.Errorf("target = %q, want %q", u.Target, want)
			}
			if u.Version != 103 || u.State != "translated" || u.Source != "¿Quién paga? ¡Nadie! & eso es <definitivo>." {
				t.Errorf("unit = %+v", *u)
			}
		})
	}
}

// TestXLIFFInlineMarkup reads files written by other tools, with inline
// codes, groups, alt-trans and extensions.
func TestXLIFFInlineMarkup(t *testing.T) {
	for _, c := range []struct {
		name, doc    string
		src, trg, id string
		state        string
	}{
		{"1.2 codes", `<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:o="urn:other"><file original="x" source-language="es" target-language="en" datatype="html"><header><o:x/></header><body><group id="g"><trans-unit id="q5" extradata="a=1;v=3">
<source>Hola <g id="1">mundo</g><x id="2"/> <bpt id="3">&lt;b&gt;</bpt>fuerte<ept id="3">&lt;/b&gt;</ept> <ph id="4">&lt;br/&gt;</ph><mrk mtype="term">fin</mrk></source>
<seg-source><mrk mtype="seg" mid="1">ignored</mrk></seg-source>
<target state="translated">Hello <g id="1">world</g><x id="2"/> <bpt id="3">&lt;b&gt;</bpt>strong<ept id="3">&lt;/b&gt;</ept> <ph id="4">&lt;br/&gt;</ph><mrk mtype="term">end</mrk></target>
<alt-trans><source>no</source><target>nope</target></alt-trans><o:ext>x</o:ext>
</trans-unit></group></body></file></xliff>`, "Hola mundo fuerte fin", "Hello world strong end", "q5", "translated"},
		{"1.1 namespace", `<xliff version="1.1" xmlns="urn:oasis:names:tc:xliff:document:1.1"><file original="x" source-language="es" datatype="plaintext"><body><trans-unit id="other"><source>a</source></trans-unit></body></file></xliff>`,
			"a", "", "other", ""},
		{"2.0 codes", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.1" srcLang="es" trgLang="en"><file id="f"><group id="g"><unit id="q6">
<mtc:matches><mtc:match ref="#m"><source>x</source><target>y</target></mtc:match></mtc:matches>
<originalData><data id="d1">&lt;b&gt;</data></originalData>
<segment state="final"><source>Hola <pc id="1" dataRefStart="d1">mundo</pc><ph id="2"/><cp hex="00A0"/>fin</source><target>Hello <pc id="1">world</pc><ph id="2"/><cp hex="00A0"/>end</target></segment>
<ignorable><source> </source><target> </target></ignorable>
<segment state="translated"><source><mrk id="m" translate="no">Dos</mrk>.</source><target><sc id="3"/>Two<ec startRef="3"/>.</target></segment>
</unit></group></file></xliff>`, "Hola mundo\u00a0fin Dos.", "Hello world\u00a0end Two.", "q6", "translated"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, err := ParseXLIFF(strings.NewReader(c.doc), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Units) != 1 {
				t.Fatalf("%d units", len(doc.Units))
			}
			u := doc.Units[0]
			if u.Source != c.src || u.Target != c.trg || u.ID != c.id || u.State != c.state {
				t.Errorf("unit = %q → %q (id %q, state %q), want %q → %q (%q, %q)", u.Source, u.Target, u.ID, u.State, c.src, c.trg, c.id, c.state)
			}
			if c.id == "q5" && (u.QuoteID != 5 || u.Version != 3) {
				t.Errorf("quote %d version %d, want 5 and 3", u.QuoteID, u.Version)
			}
			if c.id == "other" && u.QuoteID != 0 {
				t.Errorf("a unit that is not ours got quote id %d", u.QuoteID)
			}
		})
	}
}

func TestIDAfter(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int64
	}{
		{"q1", 1}, {"q123", 123}, {"q0", 0}, {"q01", 0}, {"q", 0}, {"q-1", 0}, {"q+1", 0}, {"x1", 0},
		{"q1a", 0}, {"q99999999999999999999", 0}, {"Q1", 0},
	} {
		if got := idAfter(c.s, "q"); got != c.want {
			t.Errorf("idAfter(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}

func TestStateMaps(t *testing.T) {
	for _, c := range []struct {
		s        cotejo.QuoteStatus
		x12, x20 string
		approved bool
	}{
		{cotejo.QuoteDraft, "new", "initial", false},
		{cotejo.QuoteRejected, "new", "initial", false},
		{cotejo.QuoteNeedsReview, "needs-review-translation", "initial", false},
		{cotejo.QuoteTranslated, "translated", "translated", false},
		{cotejo.QuoteVerified, "signed-off", "reviewed", true},
		{cotejo.QuoteApproved, "final", "final", true},
	} {
		if XLIFF12State(c.s) != c.x12 || XLIFF20State(c.s) != c.x20 || xliffApproved(c.s) != c.approved {
			t.Errorf("%s → %s, %s, %v; want %s, %s, %v", c.s, XLIFF12State(c.s), XLIFF20State(c.s), xliffApproved(c.s), c.x12, c.x20, c.approved)
		}
	}
}

// TestSchemasRefuseInvalid makes sure the validation is real: xmllint with
// the same schemas and catalog refuses a file the schema does not allow.
func TestSchemasRefuseInvalid(t *testing.T) {
	dir := schemaDir(t)
	for _, c := range []struct {
		f        Format
		flag     string
		schema   string
		from, to string
		why      string // what xmllint must name: the change, not any other failure
	}{
		{FormatXLIFF12, "--schema", "xliff-core-1.2-strict.xsd", `state="final"`, `state="done"`, "'done' is not a valid value"},
		{FormatXLIFF20, "--schema", "xliff-core-2.0.xsd", `state="final"`, `state="done"`, "'done' is not an element of the set"},
		{FormatTMX, "--dtdvalid", "tmx14.dtd", `<tuv xml:lang="en">`, `<tuv>`, "does not carry attribute xml:lang"},
	} {
		t.Run(string(c.f), func(t *testing.T) {
			good := string(export(t, c.f, handBundle(t, false)))
			bad := strings.Replace(good, c.from, c.to, 1)
			if bad == good {
				t.Fatalf("the export holds no %s to break", c.from)
			}
			p := writeTemp(t, "bad"+c.f.Ext(), []byte(bad))
			out, err := runXmllint(t, "--path", dir, c.flag, dir+"/"+c.schema, p)
			if err == nil {
				t.Fatalf("xmllint accepted an invalid %s file:\n%s", c.f, out)
			}
			if !strings.Contains(out, c.why) {
				t.Fatalf("xmllint refused the file for another reason than %q:\n%s", c.why, out)
			}
			t.Logf("refused as expected: %s", strings.TrimSpace(out))
		})
	}
}
