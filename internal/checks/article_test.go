package checks

import (
	"testing"
)

func articleInput(t *testing.T, body, rendering, anchorText string) Input {
	in := Input{
		Original: "No queremos intervención.", OriginalLang: "es-MX",
		Rendering: rendering, RenderingLang: "en",
		Speaker:     "Claudia Sheinbaum",
		ArticleBody: body, ArticleLang: "en",
	}
	if anchorText != "" {
		in.ArticleAnchor = spanOf(t, body, anchorText)
	}
	return in
}

func TestCheckArticle(t *testing.T) {
	body := "Intro.\n\n“We don’t want intervention,” Sheinbaum said in Spanish.\n\nEnd."
	tests := []struct {
		name, rendering, anchor string
		anchorSpan              *Span
		reason                  string // "" for no finding
	}{
		{"anchored", "We don’t want intervention", "We don’t want intervention", nil, ""},
		{"straight apostrophe, final period, other case", "we don't want intervention.", "We don’t want intervention", nil, ""},
		{"anchor includes the printed comma", "We don't want intervention", "We don’t want intervention,", nil, ""},
		{"not anchored but present", "We don't want intervention", "", nil, "not_anchored"},
		{"anchor out of range", "We don't want intervention", "", &Span{5, 500}, "anchor_out_of_range"},
		{"anchored on other text", "We don't want intervention", "Sheinbaum said in Spanish", nil, "text_differs"},
		{"rendering changed", "We do not want any intervention", "We don’t want intervention", nil, "text_differs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := articleInput(t, body, tt.rendering, tt.anchor)
			if tt.anchorSpan != nil {
				in.ArticleAnchor = tt.anchorSpan
			}
			fs := checkArticle(prepare(in))
			if tt.reason == "" {
				wantCodes(t, fs, nil)
				return
			}
			if got := wantOne(t, fs, CodeRenderingNotInArticle, "").Details["reason"]; got != tt.reason {
				t.Fatalf("reason = %v, want %s", got, tt.reason)
			}
		})
	}
	// When the rendering occurs elsewhere, the finding says where.
	fs := checkArticle(prepare(articleInput(t, body, "We don't want intervention", "")))
	if sp, ok := fs[0].Details["found_span"].(Span); !ok || string(nfcRunes(body)[sp.Start:sp.End]) != "We don’t want intervention" {
		t.Errorf("found_span = %v", fs[0].Details["found_span"])
	}
	// No article body: nothing to compare.
	wantCodes(t, checkArticle(prepare(Input{Rendering: "x"})), nil)
}

func TestCheckDisclosure(t *testing.T) {
	const quote = "We don't want intervention"
	tests := []struct {
		name, body string
		fire       bool
	}{
		{"said in Spanish", "“We don't want intervention,” Sheinbaum said in Spanish.", false},
		{"speaking in Spanish", "Speaking in Spanish, Sheinbaum said: “We don't want intervention.”", false},
		{"in remarks in Spanish", "In remarks in Spanish, she said “We don't want intervention.”", false},
		{"told reporters in Spanish", "She told reporters in Spanish: “We don't want intervention.”", false},
		{"translated from the Spanish", "“We don't want intervention,” she said (translated from the Spanish).", false},
		{"(translated)", "“We don't want intervention” (translated), she said.", false},
		{"Spanish-language", "In a Spanish-language address, she said “We don't want intervention.”", false},
		{"elsewhere in the paragraph", "She spoke at length. “We don't want intervention,” she said. Her remarks were in Spanish.", false},
		{"nowhere", "“We don't want intervention,” Sheinbaum said.", true},
		{"only in another paragraph naming someone else", "Ebrard said in Spanish that talks went well.\n\n“We don't want intervention,” Sheinbaum said.", true},
		{"earlier sentence names the speaker", "Sheinbaum said in Spanish that she had raised the issue.\n\n“We don't want intervention,” she added.", false},
		{"later paragraph does not count", "“We don't want intervention,” Sheinbaum said.\n\nSheinbaum spoke in Spanish.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := checkDisclosure(prepare(articleInput(t, tt.body, quote, quote)))
			if got := len(fs) > 0; got != tt.fire {
				t.Fatalf("fired = %v, want %v (%+v)", got, tt.fire, fs)
			}
			if tt.fire && (fs[0].Code != CodeTranslationNotDisclosed || fs[0].Details["language"] != "Spanish") {
				t.Errorf("finding = %+v", fs[0])
			}
		})
	}
}

func TestCheckDisclosureLanguages(t *testing.T) {
	// The language name follows the original's primary language.
	in := articleInput(t, "“We will not give in,” Macron said.", "We will not give in", "We will not give in")
	in.OriginalLang = "fr-FR"
	if got := wantOne(t, checkDisclosure(prepare(in)), CodeTranslationNotDisclosed, "").Details["language"]; got != "French" {
		t.Fatalf("language = %v, want French", got)
	}
	in.ArticleBody = "“We will not give in,” Macron said in French."
	wantCodes(t, checkDisclosure(prepare(in)), nil)
	// A Spanish article quoting English speech: "dijo en inglés".
	es := Input{
		Original: "We will not give in", OriginalLang: "en",
		Rendering: "No vamos a ceder", RenderingLang: "es", ArticleLang: "es",
		ArticleBody: "“No vamos a ceder”, dijo en inglés el primer ministro.",
	}
	es.ArticleAnchor = spanOf(t, es.ArticleBody, "No vamos a ceder")
	wantCodes(t, checkDisclosure(prepare(es)), nil)
	es.ArticleBody = "“No vamos a ceder”, dijo el primer ministro."
	wantOne(t, checkDisclosure(prepare(es)), CodeTranslationNotDisclosed, "")
	// Skipped: no anchor, same language, unknown article language.
	skip := []Input{
		{Original: "x", OriginalLang: "es", Rendering: "y", RenderingLang: "en", ArticleBody: "“y,” she said."},
		{Original: "y", OriginalLang: "en", Rendering: "y", RenderingLang: "en", ArticleBody: "“y,” she said.", ArticleAnchor: &Span{1, 2}},
		{Original: "x", OriginalLang: "es", Rendering: "y", RenderingLang: "de", ArticleBody: "„y“, sagte sie.", ArticleAnchor: &Span{1, 2}},
	}
	for _, in := range skip {
		wantCodes(t, checkDisclosure(prepare(in)), nil)
	}
}
