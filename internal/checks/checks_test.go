package checks

import (
	"encoding/json"
	"regexp"
	"slices"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestCatalog(t *testing.T) {
	cat := Catalog()
	snake := regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`)
	seen := map[string]bool{}
	for i, c := range cat {
		if !snake.MatchString(c.Code) || seen[c.Code] {
			t.Errorf("bad or duplicate code %q", c.Code)
		}
		seen[c.Code] = true
		if c.Severity != Error && c.Severity != Warning || c.Description == "" {
			t.Errorf("bad entry %+v", c)
		}
		if i > 0 && rank(cat[i-1].Severity) > rank(c.Severity) {
			t.Errorf("catalog not sorted errors first at %s", c.Code)
		}
		if CanOverride(c.Code) != (c.Severity == Warning) {
			t.Errorf("CanOverride(%s) disagrees with its severity", c.Code)
		}
	}
	// The codes the brief names, with their severities, are part of the API.
	for code, sev := range map[string]Severity{
		"original_not_in_source": Error, "original_approximate": Warning, "rendering_not_in_article": Error,
		"numbers_differ": Error, "negation_mismatch": Error, "ellipsis_without_omission": Warning,
		"bracket_insertion": Warning, "partial_quote_qualifier": Warning, "glossary_missing_target": Warning,
		"glossary_forbidden": Error, "inconsistent_rendering": Warning, "rendering_empty": Error,
		"rendering_untranslated": Error, "length_ratio": Warning, "unbalanced_quotes": Warning,
		"spanish_punctuation_unpaired": Warning, "translation_not_disclosed": Warning, "evidence_missing": Error,
		"numbers_rounded": Warning, "certainty_changed": Warning, "names_differ": Warning, "wrong_speaker": Warning,
	} {
		if severityOf[code] != sev {
			t.Errorf("%s: severity %q, want %q", code, severityOf[code], sev)
		}
	}
	if CanOverride("no_such_code") {
		t.Error("unknown codes must not be overridable")
	}
	// Catalog returns a copy.
	cat[0].Code = "changed"
	if Catalog()[0].Code == "changed" {
		t.Error("Catalog exposes its backing array")
	}
}

// A quote with several problems: the result lists errors first, then
// warnings, each group by code.
func TestRunOrderAndBlocking(t *testing.T) {
	in := Input{
		Original: "No vamos a enviar 40.000 soldados", OriginalLang: "es",
		Rendering: "We are going to send 4,000 soldiers [to the border] … now", RenderingLang: "en",
	}
	fs := Run(in)
	got := codes(fs)
	want := []string{CodeEvidenceMissing, CodeNegationMismatch, CodeNumbersDiffer, CodeBracketInsertion, CodeEllipsisWithoutOmission}
	if !slices.Equal(got, want) {
		t.Fatalf("codes = %v, want %v", got, want)
	}
	blocking := codes(Blocking(fs))
	if !slices.Equal(blocking, want[:3]) {
		t.Errorf("Blocking = %v", blocking)
	}
	pending := codes(Pending(fs, []string{CodeBracketInsertion, CodeNumbersDiffer}))
	if !slices.Equal(pending, []string{CodeEvidenceMissing, CodeNegationMismatch, CodeNumbersDiffer, CodeEllipsisWithoutOmission}) {
		t.Errorf("Pending = %v (an error must stay pending even if listed as overridden)", pending)
	}
	if Blocking(nil) != nil {
		t.Error("Blocking(nil) should be nil")
	}
}

func TestRunCleanIsEmptyNotNil(t *testing.T) {
	fs := Run(Input{Original: "Nunca.", OriginalLang: "es", Rendering: "Never.", RenderingLang: "en", Media: &MediaRange{1, 2}})
	if fs == nil || len(fs) != 0 {
		t.Fatalf("Run = %#v, want an empty non-nil slice", fs)
	}
	b, _ := json.Marshal(fs)
	if string(b) != "[]" {
		t.Errorf("JSON = %s", b)
	}
}

func TestRunEmptyInput(t *testing.T) {
	got := codes(Run(Input{}))
	want := []string{CodeEvidenceMissing, CodeOriginalEmpty, CodeRenderingEmpty}
	if !slices.Equal(got, want) {
		t.Fatalf("codes = %v, want %v", got, want)
	}
}

// Offsets count code points of NFC text even when the caller passes text in
// another normalization form.
func TestOffsetsAreNFCCodePoints(t *testing.T) {
	body := "Introducción.\n\n“Intervención, no,” dijo.\n"
	nfd := norm.NFD.String(body)
	in := Input{
		Original: "Intervention, no", OriginalLang: "en",
		Rendering: norm.NFD.String("Intervención, no"), RenderingLang: "es",
		ArticleBody: nfd, ArticleLang: "es",
		ArticleAnchor: spanOf(t, body, "Intervención, no"),
		Media:         &MediaRange{0, 4},
	}
	fs := Run(in)
	if slices.Contains(codes(fs), CodeRenderingNotInArticle) {
		t.Fatalf("anchor on NFC offsets rejected for NFD input: %s", dump(t, fs))
	}
	// The same span counted in code points of the NFD text starts one
	// later (the ó of Introducción is two there): it is not the rendering.
	nfc := *in.ArticleAnchor
	in.ArticleAnchor = &Span{Start: nfc.Start + 1, End: nfc.End + 2}
	if !slices.Contains(codes(Run(in)), CodeRenderingNotInArticle) {
		t.Fatalf("anchor on NFD offsets [%d, %d) accepted", in.ArticleAnchor.Start, in.ArticleAnchor.End)
	}
}

func TestFindingsMarshal(t *testing.T) {
	fs := Run(demoInput(t, "Hay colaboración y coordinación, pero ni hay subordinación", "collaboration and coordination without subordination"))
	b, err := json.Marshal(fs)
	if err != nil {
		t.Fatal(err)
	}
	var back []map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back[0]["code"] != CodePartialQuoteQualifier || back[0]["severity"] != "warning" {
		t.Errorf("JSON = %s", b)
	}
}
