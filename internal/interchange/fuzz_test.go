package interchange

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// fuzzLimits are small, so that the fuzzer reaches them.
var fuzzLimits = Limits{MaxBytes: 1 << 20, MaxDepth: 32, MaxUnits: 50, MaxTextLen: 1000}

func checkParseError(t *testing.T, err error) {
	t.Helper()
	if cotejo.AsError(err) == nil {
		t.Fatalf("error %v is not a *cotejo.Error", err)
	}
	if cotejo.ErrorCode(err) == cotejo.CodeInternal {
		t.Fatalf("internal error: %v", err)
	}
}

func checkText(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) || cotejo.RuneLen(s) > fuzzLimits.MaxTextLen {
		t.Fatalf("%s: %d code points, valid UTF-8 %v", what, cotejo.RuneLen(s), utf8.ValidString(s))
	}
}

func FuzzParseXLIFF(f *testing.F) {
	f.Add(small12)
	f.Add(billionLaughs)
	f.Add(xxe)
	f.Add(deep(40))
	for _, fm := range []Format{FormatXLIFF12, FormatXLIFF20} {
		f.Add(string(export(f, fm, handBundle(f, true))))
		f.Add(string(export(f, fm, emptyBundle(f))))
	}
	f.Fuzz(func(t *testing.T, doc string) {
		x, err := ParseXLIFF(strings.NewReader(doc), fuzzLimits)
		if err != nil {
			checkParseError(t, err)
			return
		}
		if len(x.Units) > fuzzLimits.MaxUnits {
			t.Fatalf("%d units", len(x.Units))
		}
		for _, u := range x.Units {
			checkText(t, "source", u.Source)
			checkText(t, "target", u.Target)
			if u.ID == "" || (u.QuoteID != 0) != (u.ID == "q"+strconv.FormatInt(u.QuoteID, 10)) || u.QuoteID < 0 || u.Version < 0 {
				t.Fatalf("unit %q: quote %d version %d", u.ID, u.QuoteID, u.Version)
			}
		}
	})
}

func FuzzParseTMX(f *testing.F) {
	f.Add(smallTMX)
	f.Add(xxeParameter)
	f.Add(string(export(f, FormatTMX, handBundle(f, true))))
	f.Fuzz(func(t *testing.T, doc string) {
		units, err := ParseTMX(strings.NewReader(doc), fuzzLimits)
		if err != nil {
			checkParseError(t, err)
			return
		}
		if len(units) > fuzzLimits.MaxUnits {
			t.Fatalf("%d units", len(units))
		}
		for _, u := range units {
			checkText(t, "source", u.Source.Text)
			checkText(t, "target", u.Target.Text)
			if u.Source.Lang == "" || u.Target.Lang == "" { // a variant without a language is refused
				t.Fatalf("unit %q: languages %q → %q", u.ID, u.Source.Lang, u.Target.Lang)
			}
		}
	})
}

// xmlSafe is what a text becomes through our XML writers: characters XML
// cannot hold and invalid bytes become U+FFFD, one per byte.
func xmlSafe(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			r = utf8.RuneError
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// FuzzExportRoundTrip: whatever the texts, our XLIFF and TMX exports are
// well-formed and read back to the same texts.
func FuzzExportRoundTrip(f *testing.F) {
	f.Add("¿Qué? ¡Sí! «ya» & <no>", "What? Yes! \"now\" & <no>", "Ana & <Bea>")
	f.Add("a\r\nb\tc\x01\xff", "]]> &amp; \uFFFE", "")
	f.Add("  leading and trailing  ", "\n", "x")
	f.Fuzz(func(t *testing.T, orig, rend, speaker string) {
		if orig == "" || rend == "" {
			return // no pair: TMX leaves it out, XLIFF has no target
		}
		b := Bundle{Article: &cotejo.Article{ID: 1, Headline: speaker, Body: rend, Language: "en"}, Draft: true,
			Quotes: []*cotejo.Quote{{ID: 3, Version: 2, Speaker: speaker, Status: cotejo.QuoteTranslated,
				Original: cotejo.LangText{Text: orig, Lang: "es"}, Rendering: cotejo.LangText{Text: rend, Lang: "en"}}}}
		for _, fm := range []Format{FormatXLIFF12, FormatXLIFF20} {
			var buf bytes.Buffer
			if err := Export(&buf, fm, b); err != nil {
				t.Fatal(err)
			}
			doc, err := ParseXLIFF(&buf, Limits{})
			if err != nil {
				t.Fatalf("%s: %v\n%s", fm, err, buf.String())
			}
			if len(doc.Units) != 1 {
				t.Fatalf("%s: %d units", fm, len(doc.Units))
			}
			u := doc.Units[0]
			if u.Source != xmlSafe(orig) || u.Target != xmlSafe(rend) || u.QuoteID != 3 || u.Version != 2 {
				t.Fatalf("%s: %q → %q (q%d v%d), want %q → %q", fm, u.Source, u.Target, u.QuoteID, u.Version, xmlSafe(orig), xmlSafe(rend))
			}
		}
		var buf bytes.Buffer
		if err := Export(&buf, FormatTMX, b); err != nil {
			t.Fatal(err)
		}
		units, err := ParseTMX(&buf, Limits{})
		if err != nil || len(units) != 1 || units[0].Source.Text != xmlSafe(orig) || units[0].Target.Text != xmlSafe(rend) {
			t.Fatalf("tmx: %+v, %v", units, err)
		}
	})
}

const n50k = 50_000

// bigLimits read the 50 000-quote file, which is larger than the defaults allow.
var bigLimits = Limits{MaxBytes: 1 << 30, MaxUnits: n50k}

// BenchmarkXLIFF12RoundTrip50k exports 50 000 quotes as XLIFF 1.2 and reads
// them back, and has Translate Toolkit load and save the same file in the
// same run, as its peer: compare import+export with translate-toolkit (whose
// figure includes starting Python and importing the toolkit, about a tenth
// of a second). TestWriteXLIFF50k writes the file for other tools.
func BenchmarkXLIFF12RoundTrip50k(b *testing.B) {
	bundle := manyBundle(n50k)
	var file bytes.Buffer
	if err := Export(&file, FormatXLIFF12, bundle); err != nil {
		b.Fatal(err)
	}
	export := func(b *testing.B, buf *bytes.Buffer) {
		buf.Reset()
		if err := Export(buf, FormatXLIFF12, bundle); err != nil {
			b.Fatal(err)
		}
	}
	parse := func(b *testing.B) {
		doc, err := ParseXLIFF(bytes.NewReader(file.Bytes()), bigLimits)
		if err != nil || len(doc.Units) != n50k {
			b.Fatalf("%v, %d units", err, len(doc.Units))
		}
	}
	b.Run("export", func(b *testing.B) {
		b.SetBytes(int64(file.Len()))
		var buf bytes.Buffer
		buf.Grow(file.Len())
		for b.Loop() {
			export(b, &buf)
		}
	})
	b.Run("import", func(b *testing.B) {
		b.SetBytes(int64(file.Len()))
		for b.Loop() {
			parse(b)
		}
	})
	b.Run("import+export", func(b *testing.B) {
		b.SetBytes(int64(file.Len()))
		var buf bytes.Buffer
		for b.Loop() {
			parse(b)
			export(b, &buf)
		}
	})
	b.Run("translate-toolkit", func(b *testing.B) {
		py := python(b)
		dir := b.TempDir()
		in := filepath.Join(dir, "in.xlf")
		if err := os.WriteFile(in, file.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
		const script = `import sys
from translate.storage import factory
s = factory.getobject(sys.argv[1])
s.savefile(sys.argv[2])
print(len(s.units))`
		b.SetBytes(int64(file.Len()))
		for b.Loop() {
			out, err := exec.Command(py, "-c", script, in, filepath.Join(dir, "out.xlf")).Output()
			if err != nil {
				b.Fatal(err)
			}
			if n, _ := strconv.Atoi(strings.TrimSpace(string(out))); n != n50k {
				b.Fatalf("translate toolkit read %s units, want %d", out, n50k)
			}
		}
	})
}

// TestWriteXLIFF50k writes the benchmark's 50 000-quote XLIFF 1.2 file to
// the path in COTEJO_WRITE_XLIFF_50K, so that other tools can be timed on
// the same input:
//
//	COTEJO_WRITE_XLIFF_50K=/tmp/f.xlf go test -run TestWriteXLIFF50k ./internal/interchange/
//	time python3 -c 'from translate.storage import factory; s=factory.getobject("/tmp/f.xlf"); s.savefile("/tmp/out.xlf")'
func TestWriteXLIFF50k(t *testing.T) {
	path := os.Getenv("COTEJO_WRITE_XLIFF_50K")
	if path == "" {
		t.Skip("set COTEJO_WRITE_XLIFF_50K=path to write the 50 000-quote XLIFF file")
	}
	var buf bytes.Buffer
	if err := Export(&buf, FormatXLIFF12, manyBundle(n50k)); err != nil {
		t.Fatal(err)
	}
	doc, err := ParseXLIFF(bytes.NewReader(buf.Bytes()), bigLimits)
	if err != nil || len(doc.Units) != n50k {
		t.Fatalf("reading it back: %v", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %d bytes, %d units", path, buf.Len(), n50k)
}
