package transcript

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cotejo/cotejo/internal/anchor"
)

// The fragments are written for the test in the shape of the published
// transcripts: the Mexican presidency's versiones estenográficas
// (https://oaxacaentrelineas.com/mananera-version-estenografica-viernes-7-de-noviembre-2025-claudia-sheinbaum-presidenta,
// https://oaxacaentrelineas.com/?p=151191,
// http://fredalvarez.blogspot.com/2024/11/la-mananera-del-lunes-4-de-noviembre-de.html?m=0),
// La Moncloa's press conferences and interviews
// (https://www.lamoncloa.gob.es/consejodeministros/Paginas/enlacetranscripciones/20170512respmedios.aspx,
// http://www.lamoncloa.gob.es/presidente/intervenciones/Paginas/2018/pren20180124.aspx)
// and the Casa Rosada's
// (https://casarosada.gob.ar/informacion/conferencias/46920-entrevista-al-presidente-de-la-nacion-alberto-fernandez-en-arriba-argentinos-canal-14,
// https://casarosada.gob.ar/informacion/conferencias/50439-conferencia-de-prensa-del-vocero-presidencial-manuel-adorni-en-casa-rosada-14).

// brief renders turns as "speaker|role|q: words" lines, so that tables state
// what was read.
func brief(text string, turns []Turn) string {
	rs := []rune(anchor.NFC(text))
	var lines []string
	for _, t := range turns {
		q := ""
		if t.Question {
			q = "|q"
		}
		lines = append(lines, fmt.Sprintf("%s|%s%s: %s", t.Speaker, t.Role, q, string(rs[t.Start:t.End])))
	}
	return strings.Join(lines, "\n")
}

func TestTurns(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"mañanera: role then name, question, unlabelled header",
			"Versión estenográfica. Palacio Nacional, 7 de noviembre\n\n" +
				"PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Buenos días. Hoy hablamos del tren.\n\n" +
				"Empezamos a las 9:40 con el enlace.\n\n" +
				"PREGUNTA: Buenos días, Presidenta. ¿Cuándo abre el tramo?\n\n" +
				"PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: En diciembre.",
			"|: Versión estenográfica. Palacio Nacional, 7 de noviembre\n" +
				"Claudia Sheinbaum Pardo|Presidenta de México: Buenos días. Hoy hablamos del tren.\n\nEmpezamos a las 9:40 con el enlace.\n" +
				"|Pregunta|q: Buenos días, Presidenta. ¿Cuándo abre el tramo?\n" +
				"Claudia Sheinbaum Pardo|Presidenta de México: En diciembre."},
		{"name then role with commas and a remark in brackets",
			"JESÚS ANTONIO ESTEVA MEDINA, SECRETARIO DE INFRAESTRUCTURA, COMUNICACIONES Y TRANSPORTES (ENLACE VIDEOLLAMADA): Con su permiso.\n" +
				"SECRETARIA DE CULTURA, CLAUDIA CURIEL DE ICAZA: Gracias.\n" +
				"MARIO DELGADO CARRILLO, SECRETARIO DE EDUCACIÓN PÚBLICA: Buenas tardes.",
			"Jesús Antonio Esteva Medina|Secretario de Infraestructura, Comunicaciones y Transportes: Con su permiso.\n" +
				"Claudia Curiel de Icaza|Secretaria de Cultura: Gracias.\n" +
				"Mario Delgado Carrillo|Secretario de Educación Pública: Buenas tardes."},
		{"labels in capitals read as names are written: particles, hyphens, apostrophes, English small words",
			"JEAN-PAUL O'NEILL, MINISTER OF FOREIGN AFFAIRS: Thank you.\n" +
				"HUGO LÓPEZ-GATELL RAMÍREZ, SUBSECRETARIO DE PREVENCIÓN Y PROMOCIÓN DE LA SALUD: Buenas noches.",
			"Jean-Paul O'Neill|Minister of Foreign Affairs: Thank you.\n" +
				"Hugo López-Gatell Ramírez|Subsecretario de Prevención y Promoción de la Salud: Buenas noches."},
		{"reporters' labels",
			"INTERLOCUTORA: Una pregunta sobre el agua.\n\nINTERLOCUTOR: Otra sobre la luz.\n\nPERIODISTA.- ¿Y el precio?",
			"|Interlocutora|q: Una pregunta sobre el agua.\n|Interlocutor|q: Otra sobre la luz.\n|Periodista|q: ¿Y el precio?"},
		{"Moncloa: natural case with .- and the P.- abbreviation",
			"Portavoz.- Buenos días.\n\nP.- Marta, de la radio. ¿Habrá decreto?\n\nPortavoz.- No, no lo habrá.\n\nC. Alsina.- Buenos días, presidente.\n\nPresidente.- Buenos días.",
			"|Portavoz: Buenos días.\n|Pregunta|q: Marta, de la radio. ¿Habrá decreto?\n|Portavoz: No, no lo habrá.\n" +
				"C. Alsina|: Buenos días, presidente.\n|Presidente: Buenos días."},
		{"Casa Rosada: a surname in capitals, with a spaced .-",
			"ADORNI. - Buen día a todos.\nPERIODISTA.- Gracias.",
			"Adorni|: Buen día a todos.\n|Periodista|q: Gracias."},
		{"timed captions: natural-case names",
			"Claudia Sheinbaum: No vamos a aceptar aranceles.\nJuan Ramón de la Fuente: Coincido.\nMaría de los Ángeles Huerta Díaz: Y yo.",
			"Claudia Sheinbaum|: No vamos a aceptar aranceles.\nJuan Ramón de la Fuente|: Coincido.\nMaría de los Ángeles Huerta Díaz|: Y yo."},
		{"natural-case name with its role after a comma",
			"Gustavo Petro, presidente de Colombia: Lo dije en Cali.",
			"Gustavo Petro|presidente de Colombia: Lo dije en Cali."},
		{"question and answer labels, the answerer unnamed",
			"Pregunta: ¿Habrá recortes?\n\nRespuesta: No habrá recortes.",
			"|Pregunta|q: ¿Habrá recortes?\n|Respuesta: No habrá recortes."},
		{"the president's role and name without a comma",
			"PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días.\nANA ELIZABETH GARCÍA VILCHIS: Con su permiso.",
			"Andrés Manuel López Obrador|Presidente: Buenos días.\nAna Elizabeth García Vilchis|: Con su permiso."},
		{"a role word then a name, no comma",
			"SECRETARIO MARCELO EBRARD: Vamos bien.",
			"Marcelo Ebrard|Secretario: Vamos bien."},
		{"a label alone on its line",
			"PREGUNTA:\nBuenos días.\n\nPRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO:\n\nBuenos días.",
			"|Pregunta|q: Buenos días.\nClaudia Sheinbaum Pardo|Presidenta de México: Buenos días."},
		{"an empty turn keeps its place",
			"PREGUNTA:\nPRESIDENTA, CLAUDIA SHEINBAUM: Sí.",
			"|Pregunta|q: \nClaudia Sheinbaum|Presidenta: Sí."},
		{"no labels: one unlabelled turn",
			"  Hay colaboración, pero no subordinación.  ",
			"|: Hay colaboración, pero no subordinación."},
		{"not labels: sentences, times, acronyms, headings, list items",
			"Por ejemplo: el tren.\nEn resumen: nada.\n9:40 horas: inicio.\nA las 10:00 empieza.\nONU: reunión.\nT-MEC: revisión.\n" +
				"PRIMERO: se aprueba.\nNota: cifras preliminares.\nGuanajuato: 15 homicidios.\nCiudad de México: 12 homicidios.\n" +
				"https://www.gob.mx: el portal.\nEl presidente dijo: «no».\nLo dijo así: no habrá más.\nEL INE: sin cambios.",
			"|: Por ejemplo: el tren.\nEn resumen: nada.\n9:40 horas: inicio.\nA las 10:00 empieza.\nONU: reunión.\nT-MEC: revisión.\n" +
				"PRIMERO: se aprueba.\nNota: cifras preliminares.\nGuanajuato: 15 homicidios.\nCiudad de México: 12 homicidios.\n" +
				"https://www.gob.mx: el portal.\nEl presidente dijo: «no».\nLo dijo así: no habrá más.\nEL INE: sin cambios."},
		{"a colon inside a sentence is not a label, a label after it is",
			"Buenos días. La agenda: seguridad y salud.\nPREGUNTA: ¿Y la economía?",
			"|: Buenos días. La agenda: seguridad y salud.\n|Pregunta|q: ¿Y la economía?"},
		{"a long natural-case phrase is not a name",
			"Uno Dos Tres Cuatro Cinco Seis Siete: demasiadas palabras.",
			"|: Uno Dos Tres Cuatro Cinco Seis Siete: demasiadas palabras."},
		{"decomposed input counts NFC code points",
			"PREGUNTA: ¿Que\u0301 pasó?\nPRESIDENTA DE ME\u0301XICO, CLAUDIA SHEINBAUM: Nada.",
			"|Pregunta|q: ¿Qué pasó?\nClaudia Sheinbaum|Presidenta de México: Nada."},
		{"empty text", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := brief(tc.text, Turns(tc.text))
			if got != tc.want {
				t.Errorf("Turns:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// Offsets are code points of the NFC text, and the label stands between
// LabelStart and Start.
func TestTurnOffsets(t *testing.T) {
	text := "Apertura.\n\nPRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Buenos días.\n\nPREGUNTA: ¿Qué opina?\n"
	decomposed := strings.ReplaceAll(text, "É", "E\u0301")
	turns := Turns(decomposed)
	rs := []rune(text)
	if len(turns) != 3 {
		t.Fatalf("got %d turns: %+v", len(turns), turns)
	}
	if s := string(rs[turns[0].Start:turns[0].End]); s != "Apertura." || turns[0].Label != "" || turns[0].LabelStart != turns[0].Start {
		t.Errorf("unlabelled turn = %+v (%q)", turns[0], s)
	}
	p := turns[1]
	if got := string(rs[p.LabelStart:p.Start]); got != "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: " {
		t.Errorf("label span = %q", got)
	}
	if p.Label != "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO" || string(rs[p.Start:p.End]) != "Buenos días." {
		t.Errorf("turn = %+v", p)
	}
	if q := turns[2]; string(rs[q.Start:q.End]) != "¿Qué opina?" || !q.Question {
		t.Errorf("question = %+v", q)
	}
}

func TestAt(t *testing.T) {
	text := "PREGUNTA: ¿Habrá aumento?\n\nPRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: No habrá aumento."
	turns := Turns(text)
	rs := []rune(text)
	find := func(s string) int {
		i := strings.Index(text, s)
		return utf8.RuneCountInString(text[:i])
	}
	tests := []struct {
		offset  int
		speaker string
		ok      bool
	}{
		{0, "", true}, // in the question's label
		{find("Habrá"), "", true},
		{find("\n\n"), "", false}, // between turns
		{find("PRESIDENTA"), "Claudia Sheinbaum Pardo", true},
		{find("No habrá"), "Claudia Sheinbaum Pardo", true},
		{len(rs) - 1, "Claudia Sheinbaum Pardo", true},
		{len(rs), "", false},
		{-1, "", false},
	}
	for _, tc := range tests {
		got, ok := At(turns, tc.offset)
		if ok != tc.ok || got.Speaker != tc.speaker {
			t.Errorf("At(%d) = %q, %v; want %q, %v", tc.offset, got.Speaker, ok, tc.speaker, tc.ok)
		}
	}
	if q, _ := At(turns, find("Habrá")); !q.Question {
		t.Errorf("the reporter's turn is not a question: %+v", q)
	}
	if _, ok := At(nil, 0); ok {
		t.Error("At(nil) found a turn")
	}
}

func TestSameSpeaker(t *testing.T) {
	sheinbaum := Turn{Speaker: "Claudia Sheinbaum Pardo", Role: "Presidenta de México"}
	curiel := Turn{Speaker: "Claudia Curiel de Icaza", Role: "Secretaria de Cultura"}
	alsina := Turn{Speaker: "C. Alsina"}
	amlo := Turn{Speaker: "Andrés Manuel López Obrador", Role: "Presidente de México"}
	question := Turn{Role: "Pregunta", Question: true}
	unnamed := Turn{Role: "Presidente"}
	tests := []struct {
		name string
		turn Turn
		want bool
	}{
		{"Sheinbaum", sheinbaum, true},
		{"Claudia Sheinbaum", sheinbaum, true},
		{"la presidenta Sheinbaum", sheinbaum, true},
		{"CLAUDIA SHEINBAUM", sheinbaum, true},
		{"Claudia Sheinbaum", Turn{Speaker: "Claudia Sheinbaum"}, true},
		{"Claudia Sheinbaum Pardo", Turn{Speaker: "Claudia Sheinbaum"}, true},
		{"Dra. Claudia Sheinbaum", sheinbaum, true},
		{"la presidenta", sheinbaum, true},
		{"Claudia Sheinbaum", curiel, false},
		{"Sheinbaum", curiel, false},
		{"la secretaria", sheinbaum, false},
		{"Carlos Alsina", alsina, true},
		{"Alsina", alsina, true},
		{"Mariano Rajoy", alsina, false},
		{"AMLO", amlo, true},
		{"López Obrador", amlo, true},
		{"Lopez Obrador", amlo, true},
		{"AMLO", sheinbaum, false},
		{"Sheinbaum", question, false},
		{"Pedro Sánchez", unnamed, false},
		{"", sheinbaum, false},
	}
	for _, tc := range tests {
		if got := SameSpeaker(tc.name, tc.turn); got != tc.want {
			t.Errorf("SameSpeaker(%q, %q) = %v, want %v", tc.name, tc.turn.Speaker, got, tc.want)
		}
	}
}

// FuzzTurns: whatever the text, turns are in order, inside the NFC text,
// their labels stand where they say, and At finds each turn's words.
func FuzzTurns(f *testing.F) {
	f.Add("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Buenos días.\n\nPREGUNTA: ¿Y?")
	f.Add("Portavoz.- Sí.\nP.- ¿No?\nC. Alsina.-\n")
	f.Add("Por ejemplo: 9:40\n\n\n:\n.-\n(:\n)A:")
	f.Add("Claudia Sheinbaum: No.\nONU: ni.\nJESÚS ESTEVA (ENLACE (VIDEO)): bien\r\nx")
	f.Add("\xff\xfeE\u0301: A\u0301:\u2028B C: ")
	f.Fuzz(func(t *testing.T, text string) {
		turns := Turns(text)
		n := utf8.RuneCountInString(anchor.NFC(text))
		rs := []rune(anchor.NFC(text))
		prevEnd := 0
		for k, tu := range turns {
			if tu.LabelStart < prevEnd || tu.LabelStart > tu.Start || tu.Start > tu.End || tu.End > n {
				t.Fatalf("turn %d out of order or out of range (n=%d): %+v", k, n, tu)
			}
			if tu.Label != "" && !strings.HasPrefix(string(rs[tu.LabelStart:tu.Start]), tu.Label) {
				t.Fatalf("turn %d: label %q does not stand at %d: %q", k, tu.Label, tu.LabelStart, string(rs[tu.LabelStart:tu.Start]))
			}
			if tu.Label == "" && (k > 0 || tu.Speaker != "" || tu.Role != "" || tu.Question) {
				t.Fatalf("turn %d is unlabelled but not the first or has a speaker: %+v", k, tu)
			}
			if tu.Start < tu.End {
				if got, ok := At(turns, tu.Start); !ok || got != tu {
					t.Fatalf("At(%d) = %+v, %v; want %+v", tu.Start, got, ok, tu)
				}
			}
			if !utf8.ValidString(tu.Speaker) || !utf8.ValidString(tu.Role) {
				t.Fatalf("invalid UTF-8 in %+v", tu)
			}
			prevEnd = tu.End
		}
		SameSpeaker(text, Turn{Speaker: text, Role: text})
	})
}
