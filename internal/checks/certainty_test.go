package checks

import (
	"slices"
	"testing"
)

// Hedges as officials use them (the patterns come from the pieces noted in
// testdata/labelled.json): a hedge on one side only warns.
func TestCheckCertainty(t *testing.T) {
	testFires(t, checkCertainty, "es-AR", CodeCertaintyChanged, Warning, []pairCase{
		{"podría = could", "Este año la inflación podría empezar con cero.", "This year inflation could start with a zero.", false},
		{"podría asserted", "Este año la inflación podría empezar con cero.", "This year inflation will start with a zero.", true},
		{"conditional = would", "El presupuesto quedaría en 405,7 billones.", "The budget would come to 405.7 trillion.", false},
		{"conditional asserted", "El presupuesto quedaría en 405,7 billones.", "The budget comes to 405.7 trillion.", true},
		{"quizá = may", "Quizá no sea la solución definitiva.", "It may not be the final solution.", false},
		{"tal vez asserted", "Tal vez no lleguemos a tiempo.", "We will not make it in time.", true},
		{"es posible que", "Es posible que el déficit llegue al 7%.", "The deficit may reach 7%.", false},
		{"es posible que asserted", "Es posible que el déficit llegue al 7%.", "The deficit will reach 7%.", true},
		{"creemos que", "Creemos que vamos a llegar a un acuerdo.", "We believe we will reach an agreement.", false},
		{"creemos que dropped", "Creemos que vamos a llegar a un acuerdo.", "We will reach an agreement.", true},
		{"pienso que", "Pienso que va a estar más cerca de 10%.", "I think it will be closer to 10%.", false},
		{"probablemente", "Probablemente habrá elecciones en diciembre.", "There will probably be elections in December.", false},
		{"probablemente dropped", "Probablemente habrá elecciones en diciembre.", "There will be elections in December.", true},
		{"hedge added", "Vamos a ver una baja sustancial.", "We may see a substantial drop.", true},
		{"I think added", "La inflación va a bajar.", "I think inflation will fall.", true},
		{"counterfactual", "Si hubiéramos podido, lo habríamos hecho.", "If we had been able to, we would have.", false},
		{"politeness is not a hedge", "Me gustaría agradecer a los trabajadores.", "I want to thank the workers.", false},
		{"English politeness", "Quiero agradecer a los trabajadores.", "I would like to thank the workers.", false},
		{"weak on both sides", "Los precios pueden bajar.", "Prices can fall.", false},
		{"weak answers strong", "Los precios podrían bajar.", "Prices can fall.", false},
		{"imperfect is not conditional", "La inflación corría al 1,5% diario.", "Inflation was running at 1.5% a day.", false},
		{"quería is wanted", "Quería decirles algo.", "I wanted to tell you something.", false},
		{"could is the past of can", "Eran deudas que no se podían pagar.", "They were debts that could not be repaid.", false},
		{"pudo is could", "Nadie pudo entrar.", "No one could get in.", false},
		{"noun in -ría", "La secretaría y la mayoría lo aprobaron.", "The ministry and the majority approved it.", false},
		{"May the month", "Llegará en mayo.", "It will arrive in May.", false},
		{"no hedge either side", "Será difícil llegar a ese 20%.", "It will be hard to reach that 20%.", false},
	})
	// Languages without a lexicon are not judged.
	wantCodes(t, checkCertainty(prepare(Input{Original: "Vielleicht", OriginalLang: "de", Rendering: "It will", RenderingLang: "en"})), nil)
}

func TestCheckCertaintyDetails(t *testing.T) {
	f := wantOne(t, checkCertainty(prepare(Input{Original: "Tal vez no lleguemos a tiempo.", OriginalLang: "es", Rendering: "We will not make it in time.", RenderingLang: "en"})), CodeCertaintyChanged, "")
	if h := f.Details["original_hedges"].([]string); !slices.Equal(h, []string{"Tal vez"}) {
		t.Errorf("original hedges = %q", h)
	}
	if f.Message != "The original hedges (“Tal vez”) but the rendering asserts." {
		t.Errorf("message = %q", f.Message)
	}
}

func TestSpanishConditional(t *testing.T) {
	for w, want := range map[string]bool{
		"podria": true, "seria": true, "habria": true, "tendriamos": true, "llegarian": true, "querria": true, "diria": true,
		"queria": false, "corria": false, "ocurria": false, "abria": false, "secretaria": false, "mayoria": false,
		"economia": false, "tenia": false, "dia": false,
	} {
		if got := spanishConditional(w, ""); got != want {
			t.Errorf("spanishConditional(%q) = %v, want %v", w, got, want)
		}
	}
	if spanishConditional("notaria", "la") {
		t.Error("a word after an article is a noun")
	}
}
