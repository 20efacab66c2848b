// Package transcript finds the speaker turns of a transcript: who speaks
// where, as the transcript's own labels say.
//
// Press-conference transcripts label every turn at the start of a paragraph.
// The Mexican presidency's versiones estenográficas write the role and the
// name in capitals, in either order, and end with a colon
// ("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO:", "MARIO DELGADO CARRILLO,
// SECRETARIO DE EDUCACIÓN PÚBLICA:", "PREGUNTA:", "INTERLOCUTORA:"); the
// Spanish government and the Argentine presidency end labels with ".-"
// ("Presidente.-", "P.-", "PERIODISTA.-", "ADORNI. -"); texts built from
// timed captions name the voice in natural case ("Claudia Sheinbaum: …").
// Turns reads all of these. What is not a label: a colon inside a sentence,
// "Por ejemplo:", a time ("9:40"), an acronym or a list heading ("ONU:",
// "PRIMERO:", "Guanajuato: 15").
//
// The package is pure (the standard library, golang.org/x/text and package
// anchor, whose NFC defines the code points offsets count). Offsets count
// code points of the NFC text, end exclusive, as everywhere in Cotejo.
package transcript

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/cotejo/cotejo/internal/anchor"
)

// Turn is one speaker's turn in a transcript. Offsets are code points of the
// NFC text, end exclusive.
type Turn struct {
	LabelStart int    // where the label starts (== Start when the turn has no label)
	Start, End int    // the turn's own words, after its label and the colon
	Label      string // as written, e.g. "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO"
	Speaker    string // the person's name in natural case, e.g. "Claudia Sheinbaum Pardo"; "" for an unnamed questioner
	Role       string // e.g. "Presidenta de México", "Pregunta"; "" when none
	Question   bool   // a reporter's or audience turn (PREGUNTA, INTERLOCUTOR, INTERLOCUTORA, …)
}

// maxLabel bounds how far a label may run before its colon, which keeps the
// scan of each line short whatever the text holds. The longest real labels
// (a name, a ministry with commas and a remark in brackets) are about 120.
const maxLabel = 200

// maxNaturalNameWords is how many words a natural-case name may have:
// "María de los Ángeles Huerta Díaz" is six.
const maxNaturalNameWords = 6

// Turns returns the turns of text in text order. The text before the first
// label, when it holds anything but white space, is one unlabelled turn; a
// text without labels is one unlabelled turn; an empty text has none.
func Turns(text string) []Turn {
	rs := []rune(anchor.NFC(text))
	type found struct {
		at, after int
		label     label
	}
	var labels []found
	for i := 0; i < len(rs); {
		// i is the start of a line.
		j := i
		for j < len(rs) && (rs[j] == ' ' || rs[j] == '\t' || rs[j] == '\u00a0') {
			j++
		}
		if lb, after, ok := parseLabel(rs, j); ok {
			labels = append(labels, found{at: j, after: after, label: lb})
		}
		for i < len(rs) && !isLineBreak(rs[i]) {
			i++
		}
		i++
	}
	var out []Turn
	first := len(rs)
	if len(labels) > 0 {
		first = labels[0].at
	}
	if s, e := trim(rs, 0, first); s < e {
		out = append(out, Turn{LabelStart: s, Start: s, End: e})
	}
	for k, f := range labels {
		limit := len(rs)
		if k+1 < len(labels) {
			limit = labels[k+1].at
		}
		s, e := trim(rs, f.after, limit)
		if s >= e {
			s, e = f.after, f.after
		}
		out = append(out, Turn{
			LabelStart: f.at, Start: s, End: e,
			Label: f.label.text, Speaker: f.label.speaker, Role: f.label.role, Question: f.label.question,
		})
	}
	return out
}

// trim returns [s, e) without the white space at either end.
func trim(rs []rune, s, e int) (int, int) {
	for s < e && unicode.IsSpace(rs[s]) {
		s++
	}
	for e > s && unicode.IsSpace(rs[e-1]) {
		e--
	}
	return s, e
}

func isLineBreak(r rune) bool { return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' }

// At returns the turn holding offset: the one whose label or words cover it.
// White space between turns belongs to none.
func At(turns []Turn, offset int) (Turn, bool) {
	k := sort.Search(len(turns), func(i int) bool { return turns[i].LabelStart > offset }) - 1
	if k < 0 || offset >= turns[k].End {
		return Turn{}, false
	}
	return turns[k], true
}

// label is a label as read.
type label struct {
	text, speaker, role string
	question            bool
}

// parseLabel reads a label starting at rs[i]: the words before the first
// colon or ".-" of the line. It returns the label and the index after its
// separator.
func parseLabel(rs []rune, i int) (label, int, bool) {
	end, after := -1, -1
	for k := i; k < len(rs) && k < i+maxLabel && !isLineBreak(rs[k]); k++ {
		r := rs[k]
		if r == ':' {
			// A colon before a digit or a slash is a time or an address
			// ("9:40", "https://"), not the end of a label.
			if k+1 < len(rs) && (unicode.IsDigit(rs[k+1]) || rs[k+1] == '/') {
				return label{}, 0, false
			}
			end, after = k, k+1
			break
		}
		if r == '.' {
			d := k + 1
			if d < len(rs) && rs[d] == ' ' {
				d++
			}
			if d < len(rs) && isDash(rs[d]) && (d+1 == len(rs) || !isDash(rs[d+1])) {
				end, after = k, d+1
				break
			}
		}
		if !labelRune(r) {
			return label{}, 0, false
		}
	}
	if end < 0 {
		return label{}, 0, false
	}
	text := strings.TrimSpace(string(rs[i:end]))
	lb, ok := classify(text)
	if !ok {
		return label{}, 0, false
	}
	// A list item ("Guanajuato: 15 homicidios") is not a turn: people's
	// turns start with words.
	if !lb.known {
		k := after
		for k < len(rs) && (rs[k] == ' ' || rs[k] == '\t') {
			k++
		}
		if k < len(rs) && unicode.IsDigit(rs[k]) {
			return label{}, 0, false
		}
	}
	return lb.label, after, true
}

func isDash(r rune) bool { return r == '-' || r == '–' || r == '—' }

// labelRune reports whether r may stand in a label: letters, spaces, and the
// punctuation of names, initials, lists of roles and remarks in brackets.
func labelRune(r rune) bool {
	if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
		return true
	}
	switch r {
	case ' ', '\u00a0', ',', '.', '(', ')', '-', '\'', '’', '/':
		return true
	}
	return false
}

// classified is a label with whether it opens with a word the lexicon knows
// (a role or a questioner), which makes it a label whatever follows it.
type classified struct {
	label
	known bool
}

// classify decides whether text is a speaker label and reads its speaker,
// role and whether it is a question.
func classify(text string) (classified, bool) {
	if text == "" || strings.ContainsAny(text, "()") && !balancedRemark(text) {
		return classified{}, false
	}
	bare := strings.TrimSpace(DropBracketed(text, '(', ')')) // the brackets pair up
	var letters, upper, lower int
	for _, r := range bare {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
		}
	}
	if letters == 0 {
		return classified{}, false
	}
	var parts []string
	for p := range strings.SplitSeq(bare, ",") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return classified{}, false
	}
	caps := lower == 0
	if !caps && !naturalLabel(parts) {
		return classified{}, false
	}
	firstWords := strings.Fields(parts[0])
	first := fold(strings.TrimRight(firstWords[0], "."))
	if notOpener[first] {
		return classified{}, false
	}
	abbr := len(parts) == 1 && len(firstWords) == 1 && abbreviations[first] != ""
	known := roleWords[first] || questionWords[first] || abbr
	if len(parts) == 1 && len(firstWords) == 1 && !known {
		// One word that is not a role: a surname ("ADORNI.-") is a label,
		// an acronym ("ONU:", "T-MEC:") or a heading ("PRIMERO:") is not.
		w := strings.TrimRight(firstWords[0], ".")
		if headings[first] || len([]rune(w)) < 5 || strings.ContainsAny(w, "-'’/.") || !caps && !naturalSingle(w) {
			return classified{}, false
		}
	}
	lb := label{text: text}
	var name, role []string
	switch {
	case len(parts) == 1 && known:
		role, name = splitRoleName(firstWords)
	case len(parts) == 1:
		name = firstWords
	case known:
		role = []string{strings.Join(parts[:len(parts)-1], ", ")}
		name = strings.Fields(parts[len(parts)-1])
	default:
		name = firstWords
		role = []string{strings.Join(parts[1:], ", ")}
	}
	if abbr {
		role = []string{abbreviations[first]}
	}
	if caps {
		lb.speaker, lb.role = NaturalCase(strings.Join(name, " ")), NaturalCase(strings.Join(role, " "))
	} else {
		lb.speaker, lb.role = strings.Join(name, " "), strings.Join(role, " ")
	}
	lb.question = questionWords[first] || abbr && first == "p"
	return classified{label: lb, known: known}, true
}

// splitRoleName splits one comma-less label that opens with a role word:
// "PRESIDENTA DE MÉXICO" is a role, "SECRETARIO MARCELO EBRARD" a role and a
// name. A role word followed directly by two or more words that are neither
// particles nor role words starts a name.
func splitRoleName(words []string) (role, name []string) {
	if len(words) >= 3 {
		rest := words[1:]
		isName := true
		for _, w := range rest {
			f := fold(w)
			if particles[f] || roleWords[f] || questionWords[f] {
				isName = false
				break
			}
		}
		if isName {
			return words[:1], rest
		}
	}
	return words, nil
}

// naturalLabel reports whether a label with lower-case letters is a natural-
// case label: a name of at most six words, every word capitalised except the
// particles, optionally followed by ", role" ("Claudia Sheinbaum, presidenta
// de México").
func naturalLabel(parts []string) bool {
	ws := strings.Fields(parts[0])
	if len(ws) > maxNaturalNameWords {
		return false
	}
	for k, w := range ws {
		f := fold(w)
		if particles[f] && k > 0 {
			continue
		}
		if r := []rune(w); !unicode.IsUpper(r[0]) {
			return false
		}
	}
	if len(parts) > 1 {
		// What follows the name must be a role: "presidenta de México".
		rest := strings.Fields(strings.Join(parts[1:], " "))
		if len(rest) > 12 || !roleWords[fold(rest[0])] {
			return false
		}
	}
	return true
}

// naturalSingle reports whether a single natural-case word can be a
// speaker's name: capitalised, the rest in lower case ("Adorni").
func naturalSingle(w string) bool {
	for k, r := range []rune(w) {
		if k > 0 && unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// balancedRemark reports whether the brackets of text pair up.
func balancedRemark(text string) bool {
	depth := 0
	for _, r := range text {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// DropBracketed removes what stands between open and close in s, the
// brackets with it, nested brackets too; a close with no open before it is
// kept as text. Labels lose their remarks so: "(ENLACE VIDEOLLAMADA)".
func DropBracketed(s string, open, close rune) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == open:
			depth++
		case r == close && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NaturalCase writes a name or a role given in capitals as running text
// writes it: "CLAUDIA CURIEL DE ICAZA" → "Claudia Curiel de Icaza",
// "LÓPEZ-GATELL" → "López-Gatell", "O'NEILL" → "O'Neill", "MINISTER OF
// FINANCE" → "Minister of Finance". Particles and articles after the first
// word stay in lower case. Transcripts in text and timed captions both
// name their speakers through it.
func NaturalCase(s string) string {
	ws := strings.Fields(s)
	for k, w := range ws {
		lw := strings.ToLower(w)
		if k > 0 && LowerInName(lw) {
			ws[k] = lw
			continue
		}
		rs := []rune(lw)
		up := true
		for i, r := range rs {
			if up && unicode.IsLetter(r) {
				rs[i] = unicode.ToUpper(r)
			}
			up = r == '-' || r == '\'' || r == '’'
		}
		ws[k] = string(rs)
	}
	return strings.Join(ws, " ")
}

// LowerInName reports whether w is a word a name or a role keeps in lower
// case after its first word: a particle ("de", "van"), an article ("la")
// or an English one ("of"). A comma or a period after it does not count.
func LowerInName(w string) bool {
	f := fold(strings.TrimRight(w, ",."))
	return particles[f] || articles[f] || englishParticles[f]
}

// fold lower-cases s and removes its diacritics, the form the word lists
// hold.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// The word lists, folded (lower case, no accents).
var (
	// particles are the lower-case words of names and roles.
	particles = set("de", "del", "la", "las", "los", "y", "e", "da", "das", "do", "dos", "van", "von", "der", "di")

	// englishParticles stay in lower case inside an English role written
	// in capitals ("MINISTER OF FINANCE"); they are not Spanish particles,
	// so they do not change how a label is read.
	englishParticles = set("of", "the", "and", "for")

	// questionWords open the labels of a reporter's or the audience's turn.
	questionWords = set("pregunta", "interlocutor", "interlocutora", "interlocutores", "periodista", "periodistas",
		"reportero", "reportera", "asistente", "asistentes", "publico", "audiencia", "participante", "voz")

	// abbreviations are the one-letter labels of the Spanish government's
	// transcripts: P.- (pregunta) and R.- (respuesta).
	abbreviations = map[string]string{"p": "Pregunta", "r": "Respuesta"}

	// roleWords open a role: the offices whose holders speak at press
	// conferences, and the hosts of interviews.
	roleWords = set("presidente", "presidenta", "vicepresidente", "vicepresidenta", "secretario", "secretaria",
		"subsecretario", "subsecretaria", "ministro", "ministra", "viceministro", "viceministra", "canciller",
		"portavoz", "vocero", "vocera", "gobernador", "gobernadora", "alcalde", "alcaldesa", "jefe", "jefa",
		"director", "directora", "coordinador", "coordinadora", "titular", "fiscal", "senador", "senadora",
		"diputado", "diputada", "comisionado", "comisionada", "embajador", "embajadora", "consejero", "consejera",
		"procurador", "procuradora", "general", "almirante", "comandante", "moderador", "moderadora",
		"conductor", "conductora", "presentador", "presentadora", "entrevistador", "entrevistadora", "locutor",
		"locutora", "delegado", "delegada", "rector", "rectora", "gerente", "administrador", "administradora",
		"encargado", "encargada", "representante", "integrante", "magistrado", "magistrada", "juez", "jueza",
		"legislador", "legisladora", "concejal", "intendente", "premier", "consejal", "vocal", "lider", "dirigente",
		"primer", "primera", "mandatario", "mandataria", "edil", "regidor", "regidora", "sindico", "sindica",
		// Labels of an answer or a guest whose name the label does not give.
		"respuesta", "entrevistado", "entrevistada", "invitado", "invitada", "orador", "oradora", "ponente", "testigo")

	// notOpener are words no label starts with: articles, prepositions and
	// conjunctions begin sentences ("Por ejemplo:", "En resumen:").
	notOpener = set("el", "la", "los", "las", "un", "una", "unos", "unas", "en", "por", "para", "con", "sin", "de",
		"del", "a", "al", "y", "e", "o", "u", "que", "mi", "su", "sus", "es", "lo", "le", "se", "no", "si", "como",
		"pero", "ya", "hoy", "ahora", "entonces", "bueno", "pues", "aqui", "este", "esta", "estos", "estas", "eso",
		"esto", "ojo", "tambien", "ademas", "muy", "mas", "todo", "todos", "nosotros", "ustedes", "usted", "yo")

	// headings are single words that open a list item or a section, not a
	// turn.
	headings = set("primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "septimo", "octavo", "noveno",
		"decimo", "unico", "nota", "notas", "fuente", "fuentes", "aviso", "importante", "atencion", "resumen",
		"tema", "temas", "asunto", "lugar", "fecha", "hora", "acuerdos", "conclusion", "conclusiones",
		"considerando", "resultando", "transitorios", "articulo", "ejemplo", "objetivo", "objetivos", "cifras",
		"datos", "actualizacion", "referencia", "resultados", "saludos", "gracias", "atentamente", "anexo",
		"advertencia", "pendientes", "agenda", "orden", "indice", "contenido", "video", "audio", "imagen")
)

// SameSpeaker reports whether a quote's speaker, as a newsroom writes it
// ("Sheinbaum", "Claudia Sheinbaum", "la presidenta Sheinbaum", "AMLO"), is
// the speaker of turn t. Case and accents are folded; titles, articles and
// particles are dropped; then one name's words must all be among the other's
// (an initial matches a word it begins: "C. Alsina" is "Carlos Alsina").
// A name that is only a title ("la presidenta") is compared with the turn's
// role. A turn without a named speaker matches no name.
func SameSpeaker(name string, t Turn) bool {
	q, titles := nameWords(name)
	if len(q) == 0 {
		if len(titles) == 0 || t.Role == "" {
			return false
		}
		role, _ := words(t.Role)
		return subset(titles, role)
	}
	s, _ := nameWords(t.Speaker)
	if len(s) == 0 {
		return false
	}
	if len(q) == 1 && isAcronymOf(strings.TrimSpace(name), s) {
		return true
	}
	return subset(q, s) || subset(s, q)
}

// nameWords splits a name into its folded words, without particles and
// articles, putting titles and role words apart.
func nameWords(name string) (ws, titles []string) {
	all, _ := words(name)
	for _, w := range all {
		switch {
		case particles[w] || articles[w]:
		case honorifics[w] || roleWords[w]:
			titles = append(titles, w)
		default:
			ws = append(ws, w)
		}
	}
	return ws, titles
}

// words returns the folded words of s (letters only; hyphens and
// apostrophes split words), and whether any was found.
func words(s string) ([]string, bool) {
	ws := strings.FieldsFunc(fold(s), func(r rune) bool { return !unicode.IsLetter(r) })
	return ws, len(ws) > 0
}

// subset reports whether every word of a is in b, an initial matching any
// word it begins.
func subset(a, b []string) bool {
	for _, w := range a {
		found := false
		for _, v := range b {
			if w == v || len(w) == 1 && strings.HasPrefix(v, w) || len(v) == 1 && strings.HasPrefix(w, v) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// isAcronymOf reports whether name is written in capitals and spells the
// initials of words ("AMLO": Andrés Manuel López Obrador).
func isAcronymOf(name string, ws []string) bool {
	rs := []rune(name)
	if len(rs) < 3 || len(rs) != len(ws) {
		return false
	}
	for k, r := range rs {
		if !unicode.IsUpper(r) || []rune(ws[k])[0] != unicode.ToLower(r) {
			return false
		}
	}
	return true
}

var (
	articles   = set("el", "la", "los", "las", "lo")
	honorifics = set("sr", "sra", "srta", "senor", "senora", "senorita", "don", "dona", "dr", "dra", "doctor",
		"doctora", "lic", "licenciado", "licenciada", "ing", "ingeniero", "ingeniera", "mtro", "mtra", "maestro",
		"maestra", "prof", "profesor", "profesora", "gral", "mr", "mrs", "ms", "president", "minister", "secretary")
)
