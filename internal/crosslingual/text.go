package crosslingual

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// token is one word or number of a text, in code points of the NFC text.
type token struct {
	start, end int
	lower      string // lower case, accents kept: what a morphological analyser reads
	fold       string // lower case without accents: what keys are made of
	capital    bool   // written with a capital first letter
	digits     bool   // made of digits (with separators)
}

// foldWord lowers a word and removes its accents (ñ becomes n, as reporters
// writing English drop it too: "Pena Nieto").
func foldWord(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// tokenize splits rs[a:b] into words. Digits keep their inner separators
// ("40.000", "3,2", "1,500.5"); letters keep an inner apostrophe ("don't")
// and split at hyphens ("T-MEC" is "T" and "MEC").
func tokenize(rs []rune, a, b int, out []token) []token {
	i := a
	for i < b {
		r := rs[i]
		if !isWordRune(r) {
			i++
			continue
		}
		j := i
		if unicode.IsDigit(r) {
			for j < b {
				if unicode.IsDigit(rs[j]) {
					j++
					continue
				}
				if (rs[j] == '.' || rs[j] == ',') && j+1 < b && unicode.IsDigit(rs[j+1]) {
					j++
					continue
				}
				break
			}
			// "25%" and "10mil" stay separate words
		} else {
			for j < b {
				if isWordRune(rs[j]) && !unicode.IsDigit(rs[j]) {
					j++
					continue
				}
				if isApostrophe(rs[j]) && j+1 < b && unicode.IsLetter(rs[j+1]) && j > i {
					j++
					continue
				}
				break
			}
		}
		w := string(rs[i:j])
		lw := strings.ToLower(w)
		out = append(out, token{
			start: i, end: j, lower: lw, fold: foldWord(w),
			capital: unicode.IsUpper(r), digits: unicode.IsDigit(r),
		})
		i = j
	}
	return out
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// spanishStop are folded Spanish words that carry no content of their own:
// function words and the fillers of spoken Spanish ("bueno", "o sea").
var spanishStop = set(`a al ante bajo con contra de del desde durante en entre hacia hasta mediante para por segun sin sobre tras
el la lo los las un una unos unas uno y e o u ni que como cuando donde quien quienes cual cuales cuyo cuya
pero sino aunque porque pues si mas ya tambien tampoco muy mas menos tan tanto tanta tantos tantas
yo tu usted ustedes el ella ellos ellas nosotros nosotras vosotros me te se nos les le lo mi mis tu tus su sus
nuestro nuestra nuestros nuestras este esta estos estas ese esa esos esas aquel aquella esto eso aquello
ser es son era eran fue fueron sea sean sido siendo soy somos estar esta estan estaba estaban estamos estoy
haber ha han he hemos habia habian hay hubo haya hacer hace hacen hizo hecho
ir va van vamos voy iba iban tener tiene tienen tenemos tengo tenia
bueno entonces o sea ah eh este mire miren fijense digamos verdad si no bien aqui alli ahi ahora asi
todo toda todos todas otro otra otros otras mismo misma mismos mismas algo alguien alguno alguna algunos algunas
cada cual cualquier poco poca pocos pocas mucho mucha muchos muchas gran grande
se decir dijo dije dice digo dicen`)

// englishStop are English words and lemmas that carry no content of their own.
var englishStop = set(`a an the and or nor but if then than so as of at by for from in into on onto to with without about
over under up down out off again further once here there when where why how all any both each few more most other
some such only own same too very just also not no yes
i me my myself we us our ours ourselves you your yours he him his she her hers it its they them their theirs
what which who whom whose this that these those
be am is are was were been being have has had having do does did doing done
will would shall should can could may might must ought
s t d ll m re ve n't don didn doesn isn aren wasn weren won wouldn can't cannot couldn shouldn
say said tell told go get got make made let lets well okay ok oh mr mrs ms`)

// spanishNegation and englishNegation mark a negated sentence.
var spanishNegation = set("no nunca jamas ni tampoco nadie nada ningun ninguna ninguno ningunos ningunas")
var englishNegation = set("not no never nor neither nobody nothing none nowhere n't cannot without")

func isNegation(t token, english bool) bool {
	if english {
		return englishNegation[t.fold] || strings.HasSuffix(t.fold, "n't") || strings.HasSuffix(t.fold, "n’t")
	}
	return spanishNegation[t.fold]
}

// stem reduces an English word or lemma to a key that its derived forms
// share ("security" and "secure" → "secur", "economic" and "economy" →
// "econom"). Both sides of a match go through it, so its crudeness costs
// only the odd collision.
func stem(w string) string {
	for _, suf := range stemSuffixes {
		if len(w)-len(suf) >= 4 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

var stemSuffixes = []string{
	"izations", "ization", "ational", "fulness", "ousness", "iveness", "ations", "ation", "ments", "ment",
	"ities", "ness", "ings", "ical", "ally", "ible", "able", "ity", "ing", "ies", "ive", "ous", "ers",
	"ion", "ist", "ism", "al", "ly", "ic", "ed", "er", "es", "s", "y", "e",
}

// cognateKey is a spelling key that many Spanish–English cognates share:
// "intervención" and "intervention", "fentanilo" and "fentanyl",
// "soberanía" and "sovereignty", "gobierno" and "government" all give the
// same five letters once both spellings are simplified. Words shorter than
// five letters get no key.
func cognateKey(fold string, spanish bool) string {
	s := fold
	if spanish && len(s) > 3 && s[0] == 'e' && s[1] == 's' && !strings.ContainsRune("aeiou", rune(s[2])) {
		s = s[1:] // estado / state, especial / special
	}
	var b []byte
	for i := 0; i < len(s) && len(b) < 5; i++ {
		c := s[i]
		if c < 'a' || c > 'z' {
			return ""
		}
		switch {
		case c == 'p' && i+1 < len(s) && s[i+1] == 'h':
			c, i = 'f', i+1
		case c == 't' && i+1 < len(s) && s[i+1] == 'h':
			i++
		case c == 'q' && i+1 < len(s) && s[i+1] == 'u':
			c, i = 'c', i+1
		case c == 'c' && i+1 < len(s) && s[i+1] == 'h':
			i++
		}
		switch c {
		case 'v':
			c = 'b'
		case 'y':
			c = 'i'
		case 'k':
			c = 'c'
		case 'z':
			c = 's'
		}
		if n := len(b); n > 0 && b[n-1] == c {
			continue
		}
		b = append(b, c)
	}
	if len(b) < 5 {
		return ""
	}
	return string(b)
}
