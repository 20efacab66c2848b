package checks

import (
	"slices"
	"testing"
)

const razon = "“Sacaron un comunicado de que, a menos que nosotros lo pidiéramos, ellos intervendrían, pero nosotros no lo vamos a pedir, porque nosotros no queremos intervención de ningún gobierno extranjero”.\n\n“Hay colaboración y coordinación, pero ni hay subordinación no podemos permitir una intervención”."

func sourceInput(original string) Input {
	return Input{
		Original: original, OriginalLang: "es-MX",
		Rendering: "placeholder", RenderingLang: "en",
		SourceText: razon, SourceURL: "https://example.org/razon",
	}
}

func TestCheckSourceMatch(t *testing.T) {
	tests := []struct {
		name     string
		in       Input
		wantCode string // "" for no finding
		reason   string
	}{
		{"verbatim", sourceInput("nosotros no queremos intervención de ningún gobierno extranjero"), "", ""},
		{"typed without accents, in capitals, with its quotation marks",
			sourceInput("\"NOSOTROS no queremos intervencion de ningun   gobierno extranjero\"."), "", ""},
		{"omission marks in the original", sourceInput("Hay colaboración y coordinación […] no podemos permitir una intervención"), "", ""},
		{"punctuation differs", sourceInput("Hay colaboración y coordinación pero ni hay subordinación"), CodeOriginalApproximate, "punctuation"},
		{"misquoted", sourceInput("nosotros no queremos intervención de algún gobierno extranjero"), CodeOriginalNotInSource, ""},
		{"not there at all", sourceInput("vamos a bajar los precios de la gasolina"), CodeOriginalNotInSource, ""},
		{"partial word is not a match", sourceInput("osotros no queremos"), CodeOriginalNotInSource, ""},
		{"no source text: nothing to say", Input{Original: "cualquier cosa", OriginalLang: "es", Rendering: "anything", RenderingLang: "en"}, "", ""},
		{"exact anchor is trusted", func() Input {
			in := sourceInput("texto que no está")
			in.SourceAnchor, in.SourceAnchorState = &Span{1, 10}, "exact"
			return in
		}(), "", ""},
		{"exact anchor out of range falls back to search", func() Input {
			in := sourceInput("texto que no está")
			in.SourceAnchor, in.SourceAnchorState = &Span{1, 10_000}, "exact"
			return in
		}(), CodeOriginalNotInSource, ""},
		{"approximate anchor", func() Input {
			in := sourceInput("nosotros no queremos intervención de algún gobierno extranjero")
			in.SourceAnchor, in.SourceAnchorState = &Span{130, 193}, "approximate"
			return in
		}(), CodeOriginalApproximate, "anchor_approximate"},
		{"lost anchor, but the text is there", func() Input {
			in := sourceInput("nosotros no queremos intervención de ningún gobierno extranjero")
			in.SourceAnchor, in.SourceAnchorState = &Span{0, 5}, "lost"
			return in
		}(), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := checkSourceMatch(prepare(tt.in))
			if tt.wantCode == "" {
				wantCodes(t, fs, nil)
				return
			}
			if f := wantOne(t, fs, tt.wantCode, ""); tt.reason != "" && f.Details["reason"] != tt.reason {
				t.Errorf("reason = %v, want %s", f.Details["reason"], tt.reason)
			}
		})
	}
}

func TestOriginalNotInSourceShowsClosestPassage(t *testing.T) {
	d := wantOne(t, checkSourceMatch(prepare(sourceInput("nosotros no queremos intervención de algún gobierno extranjero"))), CodeOriginalNotInSource, "").Details
	if d["closest_passage"] != "nosotros no queremos intervención de ningún gobierno extranjero" {
		t.Errorf("closest passage = %q", d["closest_passage"])
	}
	want := []DiffOp{
		{"equal", "nosotros no queremos intervención de"},
		{"delete", "ningún"},
		{"insert", "algún"},
		{"equal", "gobierno extranjero"},
	}
	if got := d["diff"].([]DiffOp); !slices.Equal(got, want) {
		t.Errorf("diff = %v, want %v", got, want)
	}
	if d["similarity"].(float64) < 0.8 {
		t.Errorf("similarity = %v", d["similarity"])
	}
}

func TestApproximateAnchorDiff(t *testing.T) {
	src := "“Nosotros no aceptamos una intervención de ningún gobierno extranjero”, afirmó."
	in := Input{
		Original: "Nosotros no aceptamos intervención de ningún gobierno", OriginalLang: "es",
		Rendering: "We do not accept intervention from any government", RenderingLang: "en",
		SourceText: src, SourceAnchorState: "approximate", SourceURL: "https://example.org",
	}
	in.SourceAnchor = spanOf(t, src, "Nosotros no aceptamos una intervención de ningún gobierno extranjero")
	f := wantOne(t, checkSourceMatch(prepare(in)), CodeOriginalApproximate, Warning)
	want := []DiffOp{
		{"equal", "Nosotros no aceptamos"}, {"delete", "una"}, {"equal", "intervención de ningún gobierno"}, {"delete", "extranjero"},
	}
	if got := f.Details["diff"].([]DiffOp); !slices.Equal(got, want) {
		t.Errorf("diff = %v, want %v", got, want)
	}
}

func TestWordDiff(t *testing.T) {
	toks := func(s string) []token { return words(tokenize(nfcRunes(s))) }
	got := wordDiff(toks("a b c d"), toks("A x c d e"))
	want := []DiffOp{{"equal", "a"}, {"delete", "b"}, {"insert", "x"}, {"equal", "c d"}, {"insert", "e"}}
	if !slices.Equal(got, want) {
		t.Errorf("wordDiff = %v, want %v", got, want)
	}
	if got := wordDiff(nil, toks("uno")); !slices.Equal(got, []DiffOp{{"insert", "uno"}}) {
		t.Errorf("wordDiff(nil, uno) = %v", got)
	}
}

func TestCheckEvidence(t *testing.T) {
	tests := []struct {
		name string
		in   Input
		fire bool
	}{
		{"anchor", Input{SourceAnchor: &Span{0, 3}, SourceAnchorState: "exact"}, false},
		{"anchor of unknown state", Input{SourceAnchor: &Span{0, 3}}, false},
		{"lost anchor", Input{SourceAnchor: &Span{0, 3}, SourceAnchorState: "lost"}, true},
		{"media range", Input{Media: &MediaRange{12.5, 19}}, false},
		{"inverted media range", Input{Media: &MediaRange{19, 12.5}}, true},
		{"URL with a note", Input{SourceURL: "https://example.org/v", EvidenceNote: "minute 12 of the video"}, false},
		{"URL with the source text", Input{SourceURL: "https://example.org/v", SourceText: "texto"}, false},
		{"bare URL", Input{SourceURL: "https://example.org/v"}, true},
		{"source text alone", Input{SourceText: "texto"}, true},
		{"nothing", Input{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := checkEvidence(prepare(tt.in))
			if got := len(fs) == 1 && fs[0].Code == CodeEvidenceMissing; got != tt.fire {
				t.Fatalf("fired = %v, want %v (%+v)", got, tt.fire, fs)
			}
		})
	}
}

func TestCheckEllipsisAndBrackets(t *testing.T) {
	sentence := "Vamos a revisar el tratado con nuestros socios comerciales."
	src := "Dijo lo siguiente.\n\n" + sentence + "\n\nY se fue."
	tests := []struct {
		name, orig, rend, source string
		want                     []string
	}{
		{"internal ellipsis, contiguous original", "Vamos a revisar el tratado con nuestros socios comerciales.", "We will review the treaty … with our trading partners.", src, []string{CodeEllipsisWithoutOmission}},
		{"bracketed omission", "Vamos a revisar el tratado con nuestros socios comerciales.", "We will review the treaty [...] with our trading partners.", src, []string{CodeEllipsisWithoutOmission}},
		{"internal ellipsis without a source", "Vamos a revisar el tratado con nuestros socios comerciales.", "We will review the treaty ... with our trading partners.", "", []string{CodeEllipsisWithoutOmission}},
		{"the original marks the omission", "Vamos a revisar el tratado … comerciales.", "We will review the treaty … trading partners.", src, nil},
		{"trailing ellipsis on a partial quote", "Vamos a revisar el tratado", "We will review the treaty…", src, nil},
		{"leading ellipsis on a whole sentence", sentence, "… we will review the treaty with our trading partners.", src, []string{CodeEllipsisWithoutOmission}},
		{"insertion", "Ellos no van a decidir por nosotros.", "They [the United States] will not decide for us.", "", []string{CodeBracketInsertion}},
		{"[sic] is not an insertion", "Ellos no van a decidir por nosotros.", "They will not decide for us [sic].", "", nil},
		{"plain rendering", sentence, "We will review the treaty with our trading partners.", src, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Original: tt.orig, OriginalLang: "es", Rendering: tt.rend, RenderingLang: "en", SourceText: tt.source}
			wantCodes(t, checkEllipsisAndBrackets(prepare(in)), tt.want)
		})
	}
}

func TestCheckPartialQuote(t *testing.T) {
	tests := []struct {
		name, source, orig string
		want               []Qualifier
	}{
		{"demo quote: qualifiers belong to other clauses", razon, "nosotros no queremos intervención de ningún gobierno extranjero", nil},
		{"clause governed by a condition", razon, "ellos intervendrían", []Qualifier{{"a menos que", "condition", "before"}, {"pero", "contrast", "after"}}},
		{"negation left out before", "Lo he dicho muchas veces: no vamos a subir los impuestos este año.", "vamos a subir los impuestos este año", []Qualifier{{"no", "negation", "before"}}},
		{"condition clause before", "Si el Congreso lo aprueba, enviaremos tropas a la frontera.", "enviaremos tropas a la frontera", []Qualifier{{"Si", "condition", "before"}}},
		{"sí is yes, not if", "Sí, enviaremos tropas a la frontera.", "enviaremos tropas a la frontera", nil},
		{"condition after in the same clause", "Vamos a bajar el precio si baja el petróleo.", "Vamos a bajar el precio", []Qualifier{{"si", "condition", "after"}}},
		{"contrast in the next clause", "Vamos a colaborar, pero no nos vamos a subordinar.", "Vamos a colaborar", []Qualifier{{"pero", "contrast", "after"}}},
		{"concord after a negated quote", "No queremos intervención de ningún gobierno extranjero.", "No queremos intervención", nil},
		{"whole sentence", "No queremos intervención.", "No queremos intervención", nil},
		{"run-on sentence of the demo", razon, "Hay colaboración y coordinación, pero ni hay subordinación", []Qualifier{{"no", "negation", "after"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Original: tt.orig, OriginalLang: "es-MX", Rendering: "x", RenderingLang: "en", SourceText: tt.source}
			fs := checkPartialQuote(prepare(in))
			var got []Qualifier
			if len(fs) == 1 {
				got = fs[0].Details["qualifiers"].([]Qualifier)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("qualifiers = %+v, want %+v", got, tt.want)
			}
		})
	}
	// A quote found several times, without an anchor to choose, is not judged.
	src := "Vamos a colaborar. No, vamos a colaborar."
	wantCodes(t, checkPartialQuote(prepare(Input{Original: "vamos a colaborar", OriginalLang: "es", SourceText: src})), nil)
}
