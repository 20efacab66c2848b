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
	testFires(t, checkNegation, "es-MX", CodeNegationMismatch, Error, []pairCase{
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
	})
	// Unknown languages are not judged.
	wantCodes(t, checkNegation(prepare(Input{Original: "Wir wollen nicht", OriginalLang: "de", Rendering: "We want", RenderingLang: "en"})), nil)
}

func TestCheckNegationDetails(t *testing.T) {
	f := wantOne(t, checkNegation(prepare(Input{Original: "No vamos a permitir una intervención.", OriginalLang: "es", Rendering: "We will allow an intervention.", RenderingLang: "en"})), CodeNegationMismatch, Error)
	d := f.Details
	if d["original_negated_clauses"] != 1 || d["rendering_negated_clauses"] != 0 {
		t.Errorf("details = %v", d)
	}
	if m := d["original_markers"].([]string); len(m) != 1 || m[0] != "No" {
		t.Errorf("original markers = %v", m)
	}
	if !strings.Contains(f.Message, "No") {
		t.Errorf("message does not name the negation: %q", f.Message)
	}
}

// Negation as Spanish speakers express it and reporters render it. The
// patterns come from the pieces noted in testdata/labelled.json.
func TestCheckNegationAsSpoken(t *testing.T) {
	testFires(t, checkNegation, "es-AR", CodeNegationMismatch, Error, []pairCase{
		// Negative words beyond "no", and their loss.
		{"jamás", "No nos podrán sacar jamás.", "They will never be able to remove us.", false},
		{"jamás dropped", "No nos podrán sacar jamás.", "They will be able to remove us.", true},
		{"nadie", "Aquí no se rinde nadie.", "Nobody surrenders here.", false},
		{"a nadie", "A nadie le vamos a pedir permiso.", "We will not ask anyone for permission.", false},
		{"a nadie dropped", "A nadie le vamos a pedir permiso.", "We will ask everyone for permission.", true},
		{"ninguna", "Ninguna empresa quedará fuera.", "No company will be left out.", false},
		{"ninguna dropped", "Ninguna empresa quedará fuera.", "Every company will be left out.", true},
		{"tampoco", "Tampoco vamos a subir el IVA.", "Nor are we going to raise VAT.", false},
		{"tampoco dropped", "Tampoco vamos a subir el IVA.", "We are also going to raise VAT.", true},
		{"ni siquiera", "Ni siquiera lo consultaron.", "They did not even consult it.", false},
		{"ni siquiera dropped", "Ni siquiera lo consultaron.", "They even consulted it.", true},
		{"sin", "Sin subordinación.", "Without subordination.", false},
		{"apenas as only", "Apenas proyectaron 1.600 viviendas.", "They planned only 1,600 homes.", false},
		{"apenas as barely", "Apenas proyectaron 1.600 viviendas.", "They barely planned 1,600 homes.", false},
		{"apenas dropped", "Apenas proyectaron 1.600 viviendas.", "They planned 1,600 homes.", true},
		{"barely added", "Proyectaron 1.600 viviendas.", "They barely planned 1,600 homes.", true},
		{"negation added", "Son obstáculos coyunturales.", "They are not temporary obstacles.", true},
		// What is not a flip.
		{"double negation no … nada", "No hay nada que ocultar.", "There is nothing to hide.", false},
		{"no … nada as not anything", "No descartamos nada.", "We are not ruling anything out.", false},
		{"no … sino", "El compromiso no fue hacer mal las cosas sino hacer el bien.", "Our commitment was not to do bad things but to do good.", false},
		{"no … sino as rather than", "El Gobierno no está para abrir heridas sino para cerrarlas.", "The government is here to heal wounds rather than open them.", false},
		{"no solo … sino también", "No solo es un tema de seguridad, sino también de salud.", "It is a security issue and also a health issue.", false},
		{"no es solo … sino", "No es solo un eslogan, sino una instrucción.", "It is a slogan and an instruction.", false},
		{"expletive hasta que no", "Hasta que no haya garantías.", "Until there are guarantees.", false},
		{"tag question", "Estamos bien, ¿no?", "We are fine, right?", false},
		{"nada más as as soon as", "Nada más llegar, firmamos.", "As soon as we arrived, we signed.", false},
		{"nada más as only", "Fue nada más una reunión.", "It was just a meeting.", false},
		{"nada menos", "En nada más y nada menos que tres semanas.", "In no less than three weeks.", false},
		{"certainty idiom", "No tengo ninguna duda de que va a bajar.", "I am sure it will fall.", false},
		{"certainty idiom both sides", "No me cabe ninguna duda.", "I have no doubt.", false},
		{"lexical negation", "Es imposible.", "It is not possible.", false},
		{"lexical negation in English", "No es posible.", "It is impossible.", false},
		{"unprecedented", "Dos años sin precedentes.", "Two unprecedented years.", false},
		{"fail to", "Lo que no hagamos hoy, mañana puede ser tarde.", "Whatever we fail to do today may be too late tomorrow.", false},
		{"English none", "No murió ninguno de los agentes.", "None of the officers died.", false},
		{"English neither … nor", "Eso no me pone ni lejos ni me acerca.", "That neither pushes me away nor brings me closer.", false},
		{"ni after a comma continues", "No vamos a subir impuestos, ni a crear nuevos.", "We won't raise taxes, or create new ones.", false},
		// Clause for clause, one negation lost.
		{"condition's negation lost", "Si el Estado no gasta más de lo que recauda, no hay inflación.", "If the state spends more than it collects, there is no inflation.", true},
		{"second clause's negation lost", "No es una frase hecha: no hay plata.", "It is not a figure of speech: there is money.", true},
		{"reordered clauses", "Aunque no lo crean, vamos bien.", "We are doing well, believe it or not.", false},
	})
}
