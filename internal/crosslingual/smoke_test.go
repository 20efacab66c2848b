package crosslingual_test

import (
	"context"
	"testing"

	"github.com/cotejo/cotejo/internal/crosslingual"
	"github.com/cotejo/cotejo/internal/crosslingual/apertium"
)

func TestSmoke(t *testing.T) {
	text := `PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Buenos días. Hoy vamos a hablar de seguridad.
Nosotros no queremos ninguna intervención de ningún gobierno extranjero, eso lo hemos dicho siempre. Somos un país libre, independiente y soberano.
Se han desplegado 10 mil elementos de la Guardia Nacional en la frontera norte.

PREGUNTA: Buenos días, Presidenta. ¿Qué opina de los aranceles?

PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Mire, los aranceles del 25 por ciento no tienen justificación. Vamos a responder con medidas arancelarias y no arancelarias.`
	lex, err := apertium.Default()
	if err != nil {
		t.Skip(err)
	}
	src, err := crosslingual.Prepare(context.Background(), text, crosslingual.Options{Lexicon: lex})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []string{
		`"We don't want intervention from any foreign government," Sheinbaum said in Spanish.`,
		`Sheinbaum said 10,000 National Guard troops had been deployed to the northern border.`,
		`"There is no justification for the 25% tariffs," she said.`,
	} {
		res, err := src.Find(context.Background(), crosslingual.Query{Rendering: r, Lexicon: lex})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s → %s", r, res.Method)
		for _, c := range res.Candidates {
			t.Logf("  %.3f %s %q %v", c.Score, c.Strength, c.Exact, c.Matched)
		}
		q := crosslingual.Quick(text)
		res, _ = q.Find(context.Background(), crosslingual.Query{Rendering: r})
		for _, c := range res.Candidates {
			t.Logf("  basic %.3f %s %q", c.Score, c.Strength, c.Exact)
		}
	}
}
