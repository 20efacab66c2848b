package checks

import (
	"strings"
	"testing"
)

func TestCheckPresenceAndUntranslated(t *testing.T) {
	tests := []struct {
		name                 string
		orig, oLang, rend, r string
		want                 []string
	}{
		{"both present", "Hola", "es", "Hello", "en", nil},
		{"empty rendering", "Hola", "es", "  \n", "en", []string{CodeRenderingEmpty}},
		{"empty original", "", "es", "Hello", "en", []string{CodeOriginalEmpty}},
		{"copied over", "Vamos a defender la soberanía.", "es-MX", "vamos a defender la soberania", "en", []string{CodeRenderingUntranslated}},
		{"figures only", "2025", "es", "2025", "en", nil},
		{"same language", "Vamos.", "es", "Vamos.", "es-MX", nil},
		{"unknown rendering language", "Vamos.", "es", "Vamos.", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := prepare(Input{Original: tt.orig, OriginalLang: tt.oLang, Rendering: tt.rend, RenderingLang: tt.r})
			wantCodes(t, append(checkPresence(p), checkUntranslated(p)...), tt.want)
		})
	}
}

func TestCheckLengthRatio(t *testing.T) {
	long := "Vamos a construir tres hospitales nuevos en el norte del estado durante el próximo año."
	tests := []struct {
		name, orig, oLang, rend, rLang string
		fire                           bool
	}{
		{"faithful", long, "es", "We will build three new hospitals in the north of the state next year.", "en", false},
		{"too short", long, "es", "We will build hospitals.", "en", true},
		{"too long", "Vamos a construir hospitales.", "es", "We are going to build, with every resource that the federal government and the states can muster over the coming years, a great many hospitals.", "en", true},
		{"short original is skipped", "Nunca.", "es", "Never, ever, under any circumstances whatsoever.", "en", false},
		{"Chinese original runs short", "我们不希望任何外国政府进行干预，这是我们的立场和原则。", "zh", "We do not want intervention from any foreign government; this is our position and our principle.", "en", false},
		{"same language is not a translation", long, "es", "Sí.", "es", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := checkLengthRatio(prepare(Input{Original: tt.orig, OriginalLang: tt.oLang, Rendering: tt.rend, RenderingLang: tt.rLang}))
			if got := len(fs) > 0; got != tt.fire {
				t.Fatalf("fired = %v, want %v (%+v)", got, tt.fire, fs)
			}
		})
	}
}

func TestUnbalancedQuotes(t *testing.T) {
	tests := []struct {
		text    string
		problem string // "" for balanced
	}{
		{"Le dije: “no es el momento”.", ""},
		{"Les dije: ‘no vamos a permitir ninguna intervención’.", ""},
		{"«Esto es “muy” grave»", ""},
		{"„Das ist gut“", ""},
		{"„To jest dobre”", ""},
		{"Dijo ‹sí›, no «no».", ""},
		{"Esto es grave» y", "unopened »"},
		{"Sí› dijo", "unopened ›"},
		{"Er sagte „nein“ und „ja”.", ""},
		{`He said "no" twice`, ""},
		{"We don't want Mexico’s oil; the countries’ position is clear.", ""},
		{"in the ’90s", ""},
		{"I told him: “this is not the time.", "unclosed “"},
		{"this is not the time.” he said", "unopened ”"},
		{"«Esto es grave", "unclosed «"},
		{`He said "no`, `unclosed "`},
		{"‘no vamos", "unclosed ‘"},
	}
	for _, tt := range tests {
		q := unbalancedQuotes(nfcRunes(tt.text))
		got := ""
		if q != nil {
			got = q.Problem + " " + q.Mark
		}
		if got != tt.problem {
			t.Errorf("unbalancedQuotes(%q) = %q, want %q", tt.text, got, tt.problem)
		}
	}
	if d := wantOne(t, checkQuoteMarks(prepare(Input{Original: "Le dije: “no es el momento”.", Rendering: "I told him: “this is not the time."})), CodeUnbalancedQuotes, "").Details; d["rendering"] == nil || d["original"] != nil {
		t.Fatalf("details = %+v, want the rendering's marks alone", d)
	}
}

func TestCheckSpanishPunctuation(t *testing.T) {
	tests := []struct {
		text, lang string
		problems   string
	}{
		{"¿Quién va a pagar? Nosotros no.", "es", ""},
		{"¡¿Qué?!", "es", ""},
		{"Qué vamos a hacer?", "es", "? without ¿"},
		{"¡Viva México", "es-MX", "¡ without !"},
		{"¿Y ahora? ¡Basta!", "es", ""},
		{"What now?", "en", ""},
	}
	for _, tt := range tests {
		fs := checkSpanishPunctuation(prepare(Input{Original: tt.text, OriginalLang: tt.lang}))
		got := ""
		if len(fs) > 0 {
			got = strings.Join(fs[0].Details["problems"].([]string), ", ")
		}
		if got != tt.problems {
			t.Errorf("%q: problems = %q, want %q", tt.text, got, tt.problems)
		}
	}
}
