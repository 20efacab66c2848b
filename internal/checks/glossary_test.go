package checks

import "testing"

func TestCheckGlossary(t *testing.T) {
	mananera := Term{ID: 1, Source: "mañanera", SourceLang: "es",
		Targets: []string{"morning news conference", "morning press conference"}, Forbidden: []string{"morning show"}}
	tests := []struct {
		name, orig, rend string
		terms            []Term
		want             []string
	}{
		{"approved target", "Lo dije en la mañanera.", "I said it at the morning news conference.", []Term{mananera}, nil},
		{"target in another case", "Lo dije en la mañanera.", "I said it at the Morning Press Conference.", []Term{mananera}, nil},
		{"missing target", "Lo dije en la mañanera.", "I said it at the daily briefing.", []Term{mananera}, []string{CodeGlossaryMissingTarget}},
		{"forbidden and missing", "Lo dije en la mañanera.", "I said it on the morning show.", []Term{mananera}, []string{CodeGlossaryForbidden, CodeGlossaryMissingTarget}},
		{"source without accent or in capitals", "Lo dije en la MANANERA.", "I said it at the daily briefing.", []Term{mananera}, []string{CodeGlossaryMissingTarget}},
		{"plural source", "Las mañaneras son largas.", "The morning news conferences are long.", []Term{mananera}, nil},
		{"term absent: forbidden word is fine", "Lo vi en el programa matutino.", "I saw it on the morning show.", []Term{mananera}, nil},
		{"word boundaries", "No hay ningún problema.", "There is no problem.", []Term{{ID: 2, Source: "ni", Targets: []string{"nor"}}}, nil},
		{"other source language", "Lo dije en la mañanera.", "I said it at the daily briefing.", []Term{{ID: 3, Source: "mañanera", SourceLang: "pt", Targets: []string{"x"}}}, nil},
		{"a ban with no source term", "Lo dijo el presidente.", "The strongman said it.", []Term{{ID: 4, Forbidden: []string{"strongman"}}}, []string{CodeGlossaryForbidden}},
		{"multi-word term", "Es obra de la Cuarta Transformación.", "It is the work of the Fourth Transformation.",
			[]Term{{ID: 5, Source: "Cuarta Transformación", Targets: []string{"Fourth Transformation"}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Original: tt.orig, OriginalLang: "es-MX", Rendering: tt.rend, RenderingLang: "en", Glossary: tt.terms}
			wantCodes(t, checkGlossary(prepare(in)), tt.want)
		})
	}
	fs := checkGlossary(prepare(Input{Original: "en la mañanera", OriginalLang: "es", Rendering: "on the morning show", RenderingLang: "en", Glossary: []Term{mananera}}))
	if fs[0].Details["term_id"] != int64(1) || fs[0].Details["forbidden"] != "morning show" {
		t.Errorf("details = %v", fs[0].Details)
	}
}

func TestCheckConsistency(t *testing.T) {
	in := Input{Original: "Abrazos, no balazos.", OriginalLang: "es", Rendering: "Hugs, not bullets.", RenderingLang: "en"}
	in.Others = []Pair{
		{QuoteID: 1, Original: "abrazos, no balazos", Rendering: "hugs not bullets"},          // same words
		{QuoteID: 2, Original: "Abrazos no balazos", Rendering: "Hugs, not gunshots"},         // same original, other rendering
		{QuoteID: 3, Original: "“Abrazos, no balazos”.", Rendering: "Hugs, not gunshots."},    // same original, other rendering
		{QuoteID: 4, Original: "Abrazos, no balazos.", Rendering: ""},                         // not rendered yet
		{QuoteID: 5, Original: "Abrazos, no balazos, dijo.", Rendering: "Hugs, not gunshots"}, // another original
	}
	others := wantOne(t, checkConsistency(prepare(in)), CodeInconsistentRendering, "").Details["others"].([]OtherRendering)
	if len(others) != 2 || others[0].QuoteID != 2 || others[1].QuoteID != 3 {
		t.Errorf("others = %+v, want quotes 2 and 3", others)
	}
}
