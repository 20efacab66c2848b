package checks

import (
	"testing"
	"unicode/utf8"
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
	f.Fuzz(func(t *testing.T, original, rendering, text string, start, end int) {
		anchor := &Span{Start: start, End: end}
		in := Input{
			Original: original, OriginalLang: "es-MX",
			Rendering: rendering, RenderingLang: "en",
			Speaker:    "Claudia Sheinbaum",
			SourceText: text, SourceAnchor: anchor, SourceAnchorState: "approximate",
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
