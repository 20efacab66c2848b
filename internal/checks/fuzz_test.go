package checks

import (
	"testing"
	"unicode/utf8"

	"github.com/cotejo/cotejo/internal/transcript"
)

// FuzzRun feeds arbitrary text to every check: nothing may panic, and the
// result must stay well formed (known codes, their catalog severity, sorted).
func FuzzRun(f *testing.F) {
	for _, c := range loadLabelled(f) {
		f.Add(c.Original, c.Rendering, c.Source+c.Article, 0, 5)
	}
	body := readTestdata(f, "demo/article-body.txt")
	src := readTestdata(f, "demo/larazon.txt")
	f.Add("nosotros no queremos intervención de ningún gobierno extranjero", "We don't want intervention from any foreign government", body, 130, 193)
	f.Add("Hay colaboración y coordinación, pero ni hay subordinación", "collaboration and coordination without subordination", src, 198, 256)
	f.Add("¿¡«„“‘'\"…[...]", "’”»“…(…)]]", "\n\n\n. . .", -1, 1<<30)
	f.Add("treinta y y y un mil mil millones 1.2.3,4 XIX siglo", "twenty- and a half a hundred -", "", 3, 2)
	f.Add("\xff\xfe no", "n't\u0301\u0301", "\u00a0\u202f1\u00a0000", 0, 0)
	f.Add("La recaudación creció 6.2 por ciento.", "Revenue grew 6.2%.", "PREGUNTA: ¿Y?\n\nSECRETARIO, ÉDGAR MORALES: La recaudación creció 6.2 por ciento.", 40, 77)
	f.Add("mil 300 millones y 4 mil 50 de cada tres tercios, ¿no? tal vez podría", "a third of $1.3 billion, 5 p.m., maybe", "P.- x\nR.- y", 1, 3)
	f.Fuzz(func(t *testing.T, original, rendering, text string, start, end int) {
		anchor := &Span{Start: start, End: end}
		in := Input{
			Original: original, OriginalLang: "es-MX",
			Rendering: rendering, RenderingLang: "en",
			Speaker:    "Claudia Sheinbaum",
			SourceText: text, SourceAnchor: anchor, SourceAnchorState: "approximate", SourceTurns: transcript.Turns(text),
			ArticleBody: text, ArticleLang: "en", ArticleAnchor: anchor,
			SourceURL: "https://example.org",
			Others:    []Pair{{QuoteID: 1, Original: original, Rendering: text}},
			Glossary:  []Term{{ID: 1, Source: rendering, Targets: []string{original}, Forbidden: []string{text}}},
		}
		check := func(fs []Finding) {
			for i, fd := range fs {
				if severityOf[fd.Code] != fd.Severity {
					t.Fatalf("finding %+v has severity %q in the catalog", fd, severityOf[fd.Code])
				}
				if !utf8.ValidString(fd.Message) {
					t.Fatalf("invalid UTF-8 message %q", fd.Message)
				}
				if i > 0 && rank(fs[i-1].Severity) > rank(fd.Severity) {
					t.Fatalf("not sorted: %v", codes(fs))
				}
			}
		}
		check(Run(in))
		// The same texts with every anchor trusted, and with other languages.
		in.SourceAnchorState = "exact"
		in.OriginalLang, in.RenderingLang = "es", "es"
		check(Run(in))
		in.OriginalLang, in.RenderingLang, in.ArticleLang = "zh", "fr", "es"
		check(Run(in))
	})
}
