package checks

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/cotejo/cotejo/internal/anchor"
)

// This file holds the checks that compare the rendering with the article
// that prints it.

// trimFolded drops punctuation, symbols and spaces at both ends of a folded
// text: a rendering stored as “We don't want…” is printed as We don't want…,
// followed by a comma.
func trimFolded(f folded) folded {
	cut := func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r) }
	i, j := 0, len(f.r)
	for i < j && cut(f.r[i]) {
		i++
	}
	for j > i && cut(f.r[j-1]) {
		j--
	}
	return folded{r: f.r[i:j], origin: f.origin[i:j]}
}

// findRendering looks for the rendering in the article body after light
// normalization (case, spacing, quotation marks, surrounding punctuation;
// accents kept) and returns where it stands.
func findRendering(body *Text, rend []rune) (Span, bool) {
	fr := trimFolded(fold(rend, false))
	if len(fr.r) == 0 {
		return Span{}, false
	}
	fb, find := body.folded(false)
	i := find.index(fr.r, 0, true)
	if i < 0 {
		return Span{}, false
	}
	return fb.span(i, i+len(fr.r)), true
}

// checkArticle makes sure the rendering stands in the article where it is
// anchored. The text at the anchor is compared with the rendering after light
// normalization; when the anchor is missing, out of range or points at other
// text, the finding says whether (and where) the rendering occurs elsewhere,
// which tells "re-anchor" apart from "the article changed the quote".
func checkArticle(p *prepared) []Finding {
	if blank(p.body) || blank(p.rend) {
		return nil
	}
	anchor := p.in.ArticleAnchor
	details := map[string]any{}
	var reason string
	switch {
	case anchor == nil:
		reason = "not_anchored"
	case !validSpan(anchor, len(p.body)):
		reason = "anchor_out_of_range"
	default:
		at := string(p.body[anchor.Start:anchor.End])
		if trimPunct(at) == trimPunct(string(p.rend)) || lightKey(at) == lightKey(string(p.rend)) {
			return nil
		}
		reason = "text_differs"
		details["anchored_text"] = at
	}
	details["reason"] = reason
	sp, found := findRendering(p.bodyText, p.rend)
	if found {
		details["found_span"] = sp
	}
	var msg string
	switch {
	case reason == "not_anchored" && found:
		msg = "The rendering occurs in the article but is not anchored to it."
	case reason == "not_anchored":
		msg = "The rendering does not occur in the article body, and it is not anchored to it."
	case found:
		msg = "The article text at the quote's anchor is not the rendering; the rendering occurs elsewhere in the article."
	default:
		msg = "The rendering no longer occurs in the article body: the article or the rendering changed."
	}
	return []Finding{finding(CodeRenderingNotInArticle, msg, details)}
}

// disclosurePatterns returns the phrases by which an article in artLang
// tells readers that a quote was translated from a language called name
// (folded: lower case, no accents). Only English and Spanish articles have
// phrases; other article languages are not checked.
func disclosurePatterns(artLang, name string) *regexp.Regexp {
	n := regexp.QuoteMeta(name)
	switch artLang {
	case "en":
		// said in Spanish, speaking in Spanish, in remarks in Spanish, told
		// reporters in Spanish, in fluent Spanish, Spanish-language remarks,
		// spoke Spanish, translated from (the) Spanish, (translated), in
		// translation.
		return regexp.MustCompile(`\bin (?:[a-z]+ )?` + n + `\b|\b` + n + `[- ]language\b|\b(?:spoke|speaking|speaks) ` + n +
			`\b|\btranslat(?:ed|ion|ions|ing)\b`)
	case "es":
		// dijo en inglés, en declaraciones en inglés, traducido del inglés,
		// (traducción propia), en idioma inglés.
		return regexp.MustCompile(`\ben (?:[a-z]+ )?` + n + `\b|\btraduc(?:ido|ida|idos|idas|cion|ciones|imos|e)\b`)
	}
	return nil
}

// disclosure is a compiled disclosure pattern with the words one of which
// every match holds, which rule most paragraphs out before the regexp runs.
type disclosure struct {
	re      *regexp.Regexp
	needles []string // the language's name first
	prep    string   // "in" or "en": "<prep> <name>" is always a disclosure
}

// MatchString reports whether folded text s holds a disclosure. It does
// what the pattern does without running it on every paragraph: the words
// that every match holds rule most paragraphs out, and the common forms
// ("in Spanish", "translated") are recognised by hand before the pattern
// is asked about the rest.
func (d *disclosure) MatchString(s string) bool {
	found := false
	for _, n := range d.needles {
		if strings.Contains(s, n) {
			found = true
			break
		}
	}
	if !found {
		return false
	}
	if d.prep != "" && d.commonForm(s) {
		return true
	}
	return d.re.MatchString(s)
}

// commonForm reports "<prep> <name>" (in Spanish, en inglés) on word
// boundaries, which every pattern accepts, so that the pattern need not run.
func (d *disclosure) commonForm(s string) bool {
	form := d.prep + " " + d.needles[0]
	for from := 0; ; {
		i := strings.Index(s[from:], form)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(form)
		before := i == 0 || !isWordByte(s[i-1])
		after := j == len(s) || !isWordByte(s[j])
		if before && after {
			return true
		}
		from = i + 1
	}
}

// inPlain reports "<prep> <Name>" ("in Spanish") in an unfolded text,
// between ASCII non-word bytes, where folding could not change it: the
// usual disclosure is found without folding the paragraph.
func (d *disclosure) inPlain(s string) bool {
	if d.prep == "" || d.needles[0] == "" {
		return false
	}
	name := d.needles[0]
	for _, form := range []string{d.prep + " " + strings.ToUpper(name[:1]) + name[1:], d.prep + " " + name} {
		for from := 0; ; {
			i := strings.Index(s[from:], form)
			if i < 0 {
				break
			}
			i += from
			j := i + len(form)
			plain := func(k int) bool { return s[k] < 0x80 && !isWordByte(s[k]) }
			if (i == 0 || plain(i-1)) && (j == len(s) || plain(j)) {
				return true
			}
			from = i + 1
		}
	}
	return false
}

// isWordByte reports whether b is a byte of a word as \b sees it: an ASCII
// letter or digit or underscore, or a byte of a non-ASCII rune (which \b
// does not count as a word rune; a folded text has few).
func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func (d *disclosure) FindAllStringIndex(s string, n int) [][]int {
	for _, nd := range d.needles {
		if strings.Contains(s, nd) {
			return d.re.FindAllStringIndex(s, n)
		}
	}
	return nil
}

// disclosures memoizes disclosureFor: Run checks every quote of a page, and
// compiling the pattern each time cost more than the rest of all the checks.
// Only patterns are stored, one per pair of known languages, so the map
// stays small whatever tags callers pass.
var disclosures sync.Map // [2]string{origLang, artLang} → *regexp.Regexp

// disclosureFor returns the disclosure pattern of an article in artLang
// quoting speech in origLang (primary subtags), or nil when either
// language has no name or no phrases.
func disclosureFor(origLang, artLang string) *disclosure {
	k := [2]string{origLang, artLang}
	if d, ok := disclosures.Load(k); ok {
		return d.(*disclosure)
	}
	name := languageName(origLang, artLang)
	if name == "" {
		return nil
	}
	re := disclosurePatterns(artLang, name)
	if re == nil {
		return nil
	}
	// Every alternative of the patterns holds the language's name or the
	// stem of "translated" / "traducido".
	d := &disclosure{re: re, needles: []string{name, "translat", "traduc"}, prep: map[string]string{"en": "in", "es": "en"}[artLang]}
	disclosures.Store(k, d)
	return d
}

// languageName returns the name of language lang (a primary subtag) in the
// article language, folded, or "" when unknown.
func languageName(lang, artLang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return ""
	}
	var namer display.Namer
	switch artLang {
	case "en":
		namer = display.English.Languages()
	case "es":
		namer = display.Spanish.Languages()
	default:
		return ""
	}
	return key(namer.Name(tag))
}

// checkDisclosure looks for the sign that the quote was translated in the
// paragraph that holds it (which includes its sentence). A disclosure
// earlier in the article counts too when its sentence names the speaker
// ("Sheinbaum said in Spanish" covers her later quotes), as news style
// discloses once per speaker.
func checkDisclosure(p *prepared) []Finding {
	anchor := p.in.ArticleAnchor
	if !validSpan(anchor, len(p.body)) || p.origLang == "" || p.artLang == "" || p.origLang == p.artLang {
		return nil
	}
	re := disclosureFor(p.origLang, p.artLang)
	if re == nil {
		return nil
	}
	ps, pe := paragraphAround(p.body, anchor.Start, anchor.End)
	if re.inPlain(string(p.body[ps:pe])) || re.MatchString(key(string(p.body[ps:pe]))) {
		return nil
	}
	if p.disclosedEarlier(re, anchor.Start) {
		return nil
	}
	langName := languageDisplayName(p.origLang)
	ss, se := sentenceAround(p.body, anchor.Start, anchor.End)
	return []Finding{finding(CodeTranslationNotDisclosed,
		fmt.Sprintf("The article does not say near the quote that it was translated (e.g. \"said in %s\").", langName),
		map[string]any{
			"language":  langName,
			"sentence":  strings.TrimSpace(string(p.body[ss:se])),
			"paragraph": strings.TrimSpace(string(p.body[ps:pe])),
		})}
}

func languageDisplayName(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return lang
	}
	return display.English.Languages().Name(tag)
}

// disclosedEarlier reports whether a disclosure before position before
// stands in a sentence that names the speaker.
func (p *prepared) disclosedEarlier(re *disclosure, before int) bool {
	var names []string
	for _, w := range words(tokenize([]rune(p.in.Speaker))) { // NFC since prepare
		if utf8.RuneCountInString(w.key) >= 4 {
			names = append(names, w.key)
		}
	}
	if len(names) == 0 {
		return false
	}
	fb, find := p.bodyText.folded(true)
	text := find.s
	// Rune indexes are counted incrementally, and the number of candidate
	// disclosures is bounded, so a long article costs linear time.
	ri, bi := 0, 0
	for _, m := range re.FindAllStringIndex(text, 100) {
		ri += utf8.RuneCountInString(text[bi:m[0]])
		bi = m[0]
		pos := fb.origin[ri]
		if pos >= before {
			break
		}
		s, e := sentenceAround(p.body, pos, pos+1)
		sentence := newFinder([]rune(key(string(p.body[s:e]))))
		for _, n := range names {
			if sentence.containsTerm(n) {
				return true
			}
		}
	}
	return false
}

// checkMachineOutput warns when the rendering is, word for word, what machine
// translation suggested for the original: a suggestion taken without a
// translator's edit is no translation of record until someone looks.
func checkMachineOutput(p *prepared) []Finding {
	if blank(p.rend) || len(p.in.MachineRenderings) == 0 {
		return nil
	}
	rend := lightKey(string(p.rend))
	for _, m := range p.in.MachineRenderings {
		if m = anchor.NFC(m); lightKey(m) == rend {
			return []Finding{finding(CodeMachineOutput,
				"The rendering is the machine translation suggested for the original, unedited: check it as a translation of its own.",
				map[string]any{"machine": m})}
		}
	}
	return nil
}
