package checks

import (
	"fmt"
	"strings"
)

// This file holds certainty_changed: a hedge on one side only.
//
// Hedges come in two strengths. Strong ones say the speaker is not sure:
// podría, quizá, tal vez, es posible que, creo que, probablemente, the
// conditional (sería, habría, llegaría), "could", "might", "may", "perhaps",
// "I think". Weak ones carry some modality without hedging the claim: "puede"
// (which is also ability), "would" (also the future of reported speech),
// "should", "can". A strong hedge on one side needs a hedge of either
// strength on the other; weak ones never raise the check on their own. The
// past of poder (podía, pudo) is weak too: "could" is also its past. So
// "podría bajar" = "could fall" = "would fall", "sería un éxito" = "it would
// be a success", but "podría bajar" ≠ "will fall", and "vamos a ver una
// baja" ≠ "we may see a drop".

// hedgeLexicon holds one language's hedges, as folded words and phrases.
type hedgeLexicon struct {
	strong, weak phraseSet
	// conditional, when set, reports whether a word, given the word before
	// it, is a verb in the conditional mood.
	conditional func(word, prev string) bool
	// notHedge lists phrases that contain a hedge word but do not hedge:
	// politeness ("me gustaría", "I would like"), "may" as a month.
	notHedge phraseSet
}

var hedgeLexicons = map[string]*hedgeLexicon{
	"es": {
		strong: phraseIndex("quiza", "quizas", "acaso", "probablemente", "posiblemente", "seguramente", "presuntamente",
			"supuestamente", "aparentemente", "ojala", "tal vez", "a lo mejor", "puede que", "puede ser que", "pueda ser",
			"es posible que", "es probable que", "sea posible", "no es seguro", "al parecer", "se estima", "estimamos",
			"estimo", "se espera que", "esperamos que", "espero que", "creo que", "creemos que", "pienso que", "pensamos que",
			"me parece que", "nos parece que", "supongo que", "suponemos que", "calculo que", "calculamos que", "prevemos",
			"no descarto", "no descartamos", "no se descarta", "lo mas probable", "es factible", "en principio",
			"pudiera", "pudieran", "pudieramos", "debiera", "debieran", "hubiera", "hubieras", "hubieramos", "hubieran",
			"hubiese", "hubiesemos", "hubiesen"),
		// The past of poder is ability, as "could" is ("no se podían pagar":
		// "they could not be repaid").
		weak: phraseIndex("puede", "pueden", "podemos", "puedo", "podra", "podran", "podremos", "deberia", "deberian",
			"podia", "podian", "podiamos", "pude", "pudo", "pudimos", "pudieron"),
		conditional: spanishConditional,
		notHedge: phraseIndex("me gustaria", "nos gustaria", "le gustaria", "te gustaria", "les gustaria", "me encantaria",
			"nos encantaria", "quisiera", "quisieramos", "seria un honor", "no podria estar mas", "podria decirse que no"),
	},
	"en": {
		strong: phraseIndex("could", "might", "perhaps", "maybe", "possibly", "probably", "likely", "unlikely", "presumably",
			"apparently", "reportedly", "allegedly", "hopefully", "potentially", "conceivably", "surely", "seemingly",
			"i think", "we think", "i believe", "we believe", "i suppose", "we suppose", "i guess", "i expect", "we expect",
			"is expected to", "are expected to", "i hope", "we hope", "it seems", "seems", "seem to", "appears to",
			"appear to", "it is possible", "it's possible", "is possible that", "it may", "chances are", "i estimate",
			"we estimate", "we calculate", "rule out", "ruling out", "rules out", "in principle"),
		weak:     phraseIndex("would", "should", "can", "i feel", "we feel", "i'd", "we'd", "you'd", "it'd", "they'd"),
		notHedge: phraseIndex("would like", "would love", "i'd like", "we'd like", "could not be more"),
	},
}

// spanishNotConditional are nouns that end like a conditional verb
// (-aría, -ería, -iría, -dría, -bría): "la secretaría", "la tesorería".
var spanishNotConditional = set("secretaria", "subsecretaria", "secretarias", "notaria", "notarias", "vicaria",
	"tesoreria", "ingenieria", "galeria", "galerias", "bateria", "baterias", "loteria", "cafeteria", "libreria",
	"tuberia", "tuberias", "infanteria", "artilleria", "caballeria", "mensajeria", "ganaderia", "mineria",
	"ferreteria", "panaderia", "joyeria", "carpinteria", "cerveceria", "consejeria", "consejerias", "porqueria",
	"tonteria", "tonterias", "groseria", "brujeria", "hechiceria", "lavanderia", "peluqueria", "pasteleria",
	"papeleria", "perfumeria", "plateria", "cristaleria", "relojeria", "zapateria", "tintoreria", "fruteria",
	"carniceria", "pescaderia", "marisqueria", "heladeria", "drogueria", "conserjeria", "porteria", "cancilleria",
	"averia", "averias", "hombria", "cuchilleria", "jugueteria", "floreria", "sastreria", "lenceria", "piñateria",
	"guarderia", "guarderias", "ria", "rias", "maria", "arias", "aria", "siderurgia", "metalurgia", "herreria",
	"gaseria", "pizzeria", "taqueria", "alfareria", "orfebreria", "bisuteria", "charcuteria", "correduria",
	"asesoria", "froteria", "teneria", "vaqueria", "parceria", "aparceria", "feria", "ferias", "miseria",
	"miserias", "arteria", "arterias", "histeria", "materia", "materias", "bacteria", "bacterias", "criteria", "serie")

// spanishImperfect are imperfect-tense verbs whose stem ends like a
// conditional's: quer-ía (wanted) beside querr-ía (would want), abr-ía
// (opened) beside abrir-ía.
var spanishImperfect = func() map[string]bool {
	m := map[string]bool{}
	for _, stem := range []string{"quer", "prefer", "requer", "suger", "refer", "her", "transfer", "difer", "confer",
		"infer", "diger", "inger", "adher", "interfer", "adquir", "inquir", "abr", "entreabr", "cubr", "descubr",
		"encubr", "recubr"} {
		for _, suf := range []string{"ia", "ias", "iamos", "iais", "ian"} {
			m[stem+suf] = true
		}
	}
	return m
}()

// determiners come before nouns, never before a verb: "la secretaría".
var determiners = set("la", "las", "una", "unas", "su", "sus", "esta", "estas", "esa", "esas", "aquella", "cada",
	"nuestra", "nuestras", "toda", "otra", "otras", "mi", "mis", "tu", "tus", "gran", "el", "un", "del", "al")

// spanishConditional reports whether word is a verb in the conditional
// mood: a stem ending in a, e, i (regular verbs) or d, b, r (tendría,
// habría, querría) followed by -ía, -ías, -íamos, -íais, -ían. The folded
// word has lost its accent, so the nouns that end alike are listed, and a
// word after a determiner is a noun ("la mayoría" never matches anyway).
func spanishConditional(word, prev string) bool {
	if len(word) < 5 || spanishNotConditional[word] || spanishImperfect[word] {
		return false
	}
	for _, suf := range []string{"riamos", "riais", "rian", "rias", "ria"} {
		stem, ok := strings.CutSuffix(word, suf)
		if !ok || len(stem) < 2 {
			continue
		}
		switch stem[len(stem)-1] {
		case 'a', 'e', 'i', 'd', 'b':
		case 'r':
			// -rría is the imperfect of correr, ocurrir…, except querría.
			if !strings.HasSuffix(stem, "quer") {
				return false
			}
		default:
			return false
		}
		if (suf == "ria" || suf == "rias") && determiners[prev] {
			return false
		}
		return true
	}
	return false
}

// hedgeStrength is what one text's hedges amount to.
type hedgeStrength struct {
	strong, weak []string // the hedges found, as written
}

func (h hedgeStrength) any() bool { return len(h.strong)+len(h.weak) > 0 }

// hedges finds the hedges of a text's tokens in its language; ok is false
// when the language has no lexicon.
func hedges(toks []token, lang string) (hedgeStrength, bool) {
	lx := hedgeLexicons[lang]
	if lx == nil {
		return hedgeStrength{}, false
	}
	var h hedgeStrength
	skip := make([]bool, len(toks))
	for i := range toks {
		for _, ph := range lx.notHedge[toks[i].key] {
			if j, ok := matchPhrase(toks, i, ph); ok {
				for k := i; k < j; k++ {
					skip[k] = true
				}
			}
		}
	}
	for i := 0; i < len(toks); i++ {
		if skip[i] || toks[i].kind != tkWord {
			continue
		}
		if j, ok := lx.strong.match(toks, i); ok {
			h.strong = append(h.strong, surfaceOf(toks, i, j))
			i = j - 1
			continue
		}
		if j, ok := lx.weak.match(toks, i); ok {
			h.weak = append(h.weak, surfaceOf(toks, i, j))
			i = j - 1
			continue
		}
		prev := ""
		if i > 0 && toks[i-1].kind == tkWord {
			prev = toks[i-1].key
		}
		if lx.conditional != nil && lx.conditional(toks[i].key, prev) {
			h.strong = append(h.strong, toks[i].text)
			continue
		}
		// "may" hedges; "May" in capitals after the first word is the month.
		if lang == "en" && toks[i].key == "may" && (toks[i].text == "may" || i == 0) {
			h.strong = append(h.strong, toks[i].text)
		}
	}
	return h, true
}

// checkCertainty warns when one side hedges and the other asserts.
func checkCertainty(p *prepared) []Finding {
	ho, hr, ok := bothSides(p, hedges)
	if !ok {
		return nil
	}
	var msg string
	switch {
	case len(ho.strong) > 0 && !hr.any():
		msg = fmt.Sprintf("The original hedges (%s) but the rendering asserts.", quoteList(ho.strong, ", "))
	case len(hr.strong) > 0 && !ho.any():
		msg = fmt.Sprintf("The rendering hedges (%s) but the original asserts.", quoteList(hr.strong, ", "))
	default:
		return nil
	}
	return []Finding{finding(CodeCertaintyChanged, msg, map[string]any{
		"original_hedges":  nonNil(append(ho.strong, ho.weak...)),
		"rendering_hedges": nonNil(append(hr.strong, hr.weak...)),
	})}
}
