package interchange

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// bundles are the bundles every validation runs on: draft and final, the
// hostile hand-made article, the demo article, and a final export with no
// quote at all (an edge the XLIFF 2.0 schema cares about).
func bundles(t *testing.T) map[string]Bundle {
	return map[string]Bundle{
		"hand-draft": handBundle(t, true),
		"hand-final": handBundle(t, false),
		"demo-draft": demoBundle(t, true),
		"demo-final": demoBundle(t, false),
		"empty":      emptyBundle(t),
		"many-draft": manyBundle(60),
		"uploaded":   uploadedBundle(t),
	}
}

// TestXMLExportsValidate checks every XML export against the official
// schema or DTD with xmllint, offline (see testdata/schemas/NOTICE).
func TestXMLExportsValidate(t *testing.T) {
	dir := schemaDir(t)
	for _, c := range []struct {
		f    Format
		args []string
	}{
		{FormatXLIFF12, []string{"--schema", filepath.Join(dir, "xliff-core-1.2-strict.xsd")}},
		{FormatXLIFF20, []string{"--schema", filepath.Join(dir, "xliff-core-2.0.xsd")}},
		// --path lets the DOCTYPE's bare "tmx14.dtd" resolve to the local copy.
		{FormatTMX, []string{"--path", dir, "--dtdvalid", filepath.Join(dir, "tmx14.dtd")}},
	} {
		for name, b := range bundles(t) {
			t.Run(string(c.f)+"/"+name, func(t *testing.T) {
				p := writeTemp(t, "export"+c.f.Ext(), export(t, c.f, b))
				out := strings.TrimSpace(xmllint(t, append(c.args, p)...))
				// Anything but the success line (XSD) or silence (DTD) is a
				// warning we want to see, such as a DTD it could not load.
				if want := p + " validates"; out != want && !(c.f == FormatTMX && out == "") {
					t.Fatalf("xmllint said:\n%s", out)
				}
			})
		}
	}
}

// The HTML5 elements that libxml2's HTML 4 parser does not know; it reports
// them as "Tag x invalid", which is no error in HTML5.
var html5Tags = regexp.MustCompile(`HTML parser error : Tag (main|mark|section|header|footer|article|time|aside|nav) invalid`)

// TestHTMLWellFormed parses the bilingual HTML with libxml2 twice: as HTML
// (any parser error but unknown HTML5 tags fails), and as XML, since the
// document is written to be well-formed XML too, which catches any
// unbalanced tag the lenient HTML parser would repair silently.
func TestHTMLWellFormed(t *testing.T) {
	for name, b := range bundles(t) {
		t.Run(name, func(t *testing.T) {
			p := writeTemp(t, "export.html", export(t, FormatHTML, b))
			out := xmllint(t, "--html", p)
			var problems []string
			for _, line := range strings.Split(out, "\n") {
				if strings.Contains(line, "error") && !html5Tags.MatchString(line) {
					problems = append(problems, line)
				}
			}
			if len(problems) > 0 {
				t.Fatalf("xmllint --html:\n%s\n\nfull output:\n%s", strings.Join(problems, "\n"), out)
			}
			xmllint(t, p) // as XML: well-formed
		})
	}
}
