package checks

import (
	"strings"
	"testing"
)

func TestNegatedClauses(t *testing.T) {
	tests := []struct {
		text, lang string
		want       int
		markers    string
	}{
		{"nosotros no queremos intervención de ningún gobierno extranjero", "es", 1, "no ningún"},
		{"We don't want intervention from any foreign government", "en", 1, "don't"},
		{"We don’t want intervention", "en", 1, "don’t"},
		{"Hay colaboración y coordinación, pero ni hay subordinación", "es", 1, "ni"},
		{"collaboration and coordination without subordination", "en", 1, "without"},
		{"No, no lo vamos a permitir.", "es", 2, "No no"},
		{"ni lo pedimos ni lo aceptamos", "es", 1, "ni ni"},
		{"Nunca hemos pedido nada a nadie.", "es", 1, "Nunca nada nadie"},
		{"Sin embargo, vamos a colaborar.", "es", 0, ""},
		{"No solo vamos a construir, también a modernizar.", "es", 0, ""},
		{"Es importante, ¿no?", "es", 0, ""},
		{"Not only will we build it, we will run it.", "en", 0, ""},
		{"It is No. 5 on the list.", "en", 0, ""},
		{"Nobody came, and nothing happened.", "en", 2, "Nobody nothing"},
		{"We cannot accept it.", "en", 1, "cannot"},
		{"Vamos a colaborar.", "es", 0, ""},
	}
	for _, tt := range tests {
		rs := nfcRunes(tt.text)
		n, markers, ok := negatedClauses(tokenize(rs), tt.lang)
		if !ok || n != tt.want || strings.Join(markers, " ") != tt.markers {
			t.Errorf("negatedClauses(%q) = %d %q %v, want %d %q", tt.text, n, markers, ok, tt.want, tt.markers)
		}
	}
	if _, _, ok := negatedClauses(tokenize(nfcRunes("nicht")), "de"); ok {
		t.Error("a language without a lexicon must report ok=false")
	}
}

func TestCheckNegation(t *testing.T) {
	tests := []struct {
		name, orig, rend string
		fire             bool
	}{
		{"demo pair: concord is one negation", "nosotros no queremos intervención de ningún gobierno extranjero", "We don't want intervention from any foreign government", false},
		{"ni vs without", "Hay colaboración y coordinación, pero ni hay subordinación", "collaboration and coordination without subordination", false},
		{"dropped no", "No vamos a permitir una intervención militar.", "We are going to allow a military intervention.", true},
		{"added not", "Aceptamos la propuesta.", "We do not accept the proposal.", true},
		{"dropped nunca", "Nunca hemos negociado con criminales.", "We have negotiated with criminals.", true},
		{"dropped sin", "Llegaron sin armas.", "They arrived with weapons.", true},
		{"clause split differs by one", "No lo queremos ni lo aceptaremos.", "We don't want it, and we won't accept it.", false},
		{"counts differ by two", "No, no y no. Nunca.", "No.", true},
		{"cero is no", "Hubo cero homicidios.", "There were no homicides.", false},
		{"no one vs nadie", "Nadie está por encima de la ley.", "No one is above the law.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := checkNegation(prepare(Input{Original: tt.orig, OriginalLang: "es-MX", Rendering: tt.rend, RenderingLang: "en"}))
			if got := len(fs) > 0; got != tt.fire {
				t.Fatalf("fired = %v, want %v (%+v)", got, tt.fire, fs)
			}
			if tt.fire && (fs[0].Code != CodeNegationMismatch || fs[0].Severity != Error) {
				t.Errorf("finding = %+v", fs[0])
			}
		})
	}
	// Unknown languages are not judged.
	if fs := checkNegation(prepare(Input{Original: "Wir wollen nicht", OriginalLang: "de", Rendering: "We want", RenderingLang: "en"})); len(fs) != 0 {
		t.Errorf("German original judged: %+v", fs)
	}
}

func TestCheckNegationDetails(t *testing.T) {
	fs := checkNegation(prepare(Input{Original: "No vamos a permitir una intervención.", OriginalLang: "es", Rendering: "We will allow an intervention.", RenderingLang: "en"}))
	if len(fs) != 1 {
		t.Fatalf("findings = %+v", fs)
	}
	d := fs[0].Details
	if d["original_negated_clauses"] != 1 || d["rendering_negated_clauses"] != 0 {
		t.Errorf("details = %v", d)
	}
	if m := d["original_markers"].([]string); len(m) != 1 || m[0] != "No" {
		t.Errorf("original markers = %v", m)
	}
	if !strings.Contains(fs[0].Message, "No") {
		t.Errorf("message does not name the negation: %q", fs[0].Message)
	}
}
