package checks

import (
	"testing"
)

// Names as reporters render them (the patterns come from the pieces noted in
// testdata/labelled.json).
func TestCheckNames(t *testing.T) {
	tests := []struct {
		name, orig, rend string
		want             string // "" (no finding), "dropped" or "spelled_differently"
	}{
		{"accents folded", "Se lo dije a Ignacio Larrañaga en el Senado.", "I told Ignacio Larranaga so in the Senate.", ""},
		{"surname changed", "Se lo dije a Ignacio Larrañaga en el Senado.", "I told Ignacio Larrañeta so in the Senate.", "spelled_differently"},
		{"one letter", "Lo hablé con el ministro Ernesto Valbuena.", "I discussed it with Minister Ernesto Valbuela.", "spelled_differently"},
		{"surname replaced", "Lo dijo Diosdado Cabello.", "Diosdado Cabrera said it.", "spelled_differently"},
		{"shortened to the surname", "Conversé con Claudia Sheinbaum Pardo.", "I spoke with Sheinbaum.", ""},
		{"dropped", "Conversé con la presidenta electa, Verónica Aránguiz.", "I spoke with the president-elect.", "dropped"},
		{"known English form", "Hablé con Canadá y con la Casa Blanca.", "I spoke with Canada and the White House.", ""},
		{"place dropped", "Hablé con el primer ministro de Canadá.", "I spoke with the prime minister.", "dropped"},
		{"United States as U.S.", "Es una intervención de Estados Unidos.", "It is a U.S. intervention.", ""},
		{"several places", "Estados Unidos y México firmaron en Washington.", "The U.S. and Mexico signed in Washington.", ""},
		{"institution translated", "Enviamos a la Guardia Nacional.", "We sent the National Guard.", ""},
		{"institution translated freely", "Lo aprobó la Secretaría de Hacienda y Crédito Público.", "The Finance Ministry approved it.", ""},
		{"institution dropped", "Se lo pedí a la Corte Constitucional y al Congreso.", "I asked Congress to do it.", "dropped"},
		{"style capitals are not names", "Lo decidió el Gobierno con el Estado.", "The administration decided it.", ""},
		{"sentence start is not a name", "Vamos a invertir en el norte.", "We will invest in the north.", ""},
		{"known place at sentence start", "Bruselas nos ha dado la razón.", "Brussels has sided with us.", ""},
		{"acronym with an English form", "El FMI y el PIB.", "The IMF and GDP.", ""},
		{"English name of an organization", "No queremos volver a Sendero Luminoso.", "We do not want to go back to the Shining Path.", ""},
		{"organization dropped", "Luchamos para que Venezuela ingrese al Mercosur.", "We are fighting for Venezuela to join the bloc.", "dropped"},
		{"Roman numeral", "En el siglo XXI.", "In the 21st century.", ""},
		{"Colombia is not Columbia", "Lo dije en Colombia.", "I said it in Columbia.", "spelled_differently"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := checkNames(prepare(Input{Original: tt.orig, OriginalLang: "es-CO", Rendering: tt.rend, RenderingLang: "en"}))
			if tt.want == "" {
				wantCodes(t, fs, nil)
				return
			}
			ch := wantOne(t, fs, CodeNamesDiffer, Warning).Details["names"].([]NameChange)
			if len(ch) != 1 || ch[0].Kind != tt.want {
				t.Errorf("names = %+v, want kind %s", ch, tt.want)
			}
		})
	}
	// Other language pairs are not judged.
	wantCodes(t, checkNames(prepare(Input{Original: "Er sprach mit Ernesto Valbuena.", OriginalLang: "de", Rendering: "He spoke.", RenderingLang: "en"})), nil)
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"valbuena", "valbuela", 2, 1}, {"cabello", "cabrera", 2, 3}, {"feijoo", "feijo", 1, 1}, {"abc", "abc", 1, 0},
		{"a", "abcdef", 2, 3},
	} {
		if got := editDistance([]rune(tc.a), []rune(tc.b), tc.limit); got != tc.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}
