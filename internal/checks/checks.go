package checks

import (
	"cmp"
	"slices"

	"github.com/cotejo/cotejo/internal/transcript"
)

// Severity says whether a finding blocks verification (Error) or can be
// overridden with a logged reason (Warning).
type Severity string

// The two severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Label names the severity in the UI (an English key the catalogs translate).
func (s Severity) Label() string {
	if s == Error {
		return "Error"
	}
	return "Warning"
}

// Finding is one check result. Code is stable (snake_case) and is what users
// override and what the UI translates; Message is an English sentence; Details
// holds machine-readable specifics (e.g. the numbers that differ, the diff).
type Finding struct {
	Code     string         `json:"code"`
	Severity Severity       `json:"severity"`
	Message  string         `json:"message"`
	Details  map[string]any `json:"details,omitempty"`
}

// Input is everything a check may look at, as plain values (the caller maps
// its domain types to it). Offsets count Unicode code points of NFC text, end
// exclusive. Run normalizes every text to NFC itself, so callers may pass text
// in any normalization form as long as their offsets were computed on NFC.
type Input struct {
	Original, OriginalLang   string // e.g. Spanish text, "es-MX"
	Rendering, RenderingLang string // e.g. English text, "en"
	Speaker                  string

	// Evidence.
	SourceText        string // full text of the source the original comes from ("" if none)
	SourceAnchor      *Span  // where the original stands in SourceText (nil if not anchored)
	SourceAnchorState string // "exact", "approximate", "lost", or "" (unknown)
	SourceURL         string
	Media             *MediaRange // recording time range, nil if none
	EvidenceNote      string

	// Article.
	ArticleBody   string
	ArticleLang   string
	ArticleAnchor *Span // where the rendering stands in ArticleBody

	// Body and Source, when set, are ArticleBody and SourceText prepared
	// once for all the quotes checked against them (see NewText); they
	// take the place of those fields.
	Body, Source *Text

	// SourceTurns are the speaker turns of the source, as
	// transcript.Turns returns them. When nil and Source is given, they are
	// read from Source's labels once for all the quotes sharing it; with a
	// bare SourceText and no turns, wrong_speaker says nothing, since
	// reading the labels of an hour-long transcript for every quote would
	// cost more than all the checks together. The type is transcript's own:
	// both packages are pure, and a mirror type would only add a copy.
	SourceTurns []transcript.Turn

	// Others are other quotes of the newsroom, for consistency: the same
	// original rendered differently.
	Others   []Pair
	Glossary []Term

	// MachineRenderings are what machine translation suggested for the
	// original: a rendering that is one of them, unedited, is machine
	// output and must be looked at as such. They are compared with the
	// rendering and used for nothing else.
	MachineRenderings []string
}

// Span is a range of code points of an NFC text, end exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// MediaRange is a time range in a recording, in seconds.
type MediaRange struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// Pair is another quote's original and rendering.
type Pair struct {
	QuoteID   int64
	Original  string
	Rendering string
}

// Term is a glossary entry: a source term, its approved renderings and the
// renderings the newsroom forbids.
type Term struct {
	ID         int64
	Source     string
	SourceLang string
	Targets    []string // approved renderings
	Forbidden  []string
	Note       string
}

// Info describes one check code for documentation and the UI.
type Info struct {
	Code        string   `json:"code"`
	Severity    Severity `json:"severity"`
	Description string   `json:"description"`
	// Label is what the UI says of a finding: a short English sentence,
	// which the catalogs translate.
	Label string `json:"-"`
}

// The check codes. They are stored in override logs and translated by the UI,
// so they never change once released.
const (
	CodeOriginalEmpty              = "original_empty"
	CodeOriginalNotInSource        = "original_not_in_source"
	CodeOriginalApproximate        = "original_approximate"
	CodeEvidenceMissing            = "evidence_missing"
	CodeRenderingEmpty             = "rendering_empty"
	CodeRenderingUntranslated      = "rendering_untranslated"
	CodeRenderingNotInArticle      = "rendering_not_in_article"
	CodeNumbersDiffer              = "numbers_differ"
	CodeNegationMismatch           = "negation_mismatch"
	CodeGlossaryForbidden          = "glossary_forbidden"
	CodeEllipsisWithoutOmission    = "ellipsis_without_omission"
	CodeBracketInsertion           = "bracket_insertion"
	CodePartialQuoteQualifier      = "partial_quote_qualifier"
	CodeGlossaryMissingTarget      = "glossary_missing_target"
	CodeInconsistentRendering      = "inconsistent_rendering"
	CodeLengthRatio                = "length_ratio"
	CodeUnbalancedQuotes           = "unbalanced_quotes"
	CodeSpanishPunctuationUnpaired = "spanish_punctuation_unpaired"
	CodeTranslationNotDisclosed    = "translation_not_disclosed"
	CodeNumbersRounded             = "numbers_rounded"
	CodeCertaintyChanged           = "certainty_changed"
	CodeNamesDiffer                = "names_differ"
	CodeWrongSpeaker               = "wrong_speaker"
	CodeMachineOutput              = "rendering_machine_output"
)

var catalog = []Info{
	{CodeOriginalEmpty, Error, "The quote has no original text.", "The original is missing."},
	{CodeOriginalNotInSource, Error, "The original does not occur in its source text, even after ignoring case, accents, quotation-mark styles, dashes and spacing.", "The original is not in its source."},
	{CodeOriginalApproximate, Warning, "The original matches its source only approximately (the anchor is approximate, or only the punctuation differs); the word differences are shown.", "The original matches its source only approximately."},
	{CodeEvidenceMissing, Error, "The quote has no evidence: no anchor in a source text, no recording time range, and no source URL backed by a note or a source text.", "There is no evidence: no place in a source, no time in a recording, no link."},
	{CodeRenderingEmpty, Error, "The quote has no rendering.", "The rendering is missing."},
	{CodeRenderingUntranslated, Error, "The rendering is identical to the original although the languages differ.", "The rendering is the original, untranslated."},
	{CodeRenderingNotInArticle, Error, "The rendering does not stand in the article body where it is anchored (the article changed, or the quote is not anchored in it).", "The rendering does not stand in the article where it is anchored."},
	{CodeNumbersDiffer, Error, "The numbers in the original and the rendering differ (digits in either language's notation, number words, ordinals, Roman numerals, percentages, years).", "The numbers of the original and the rendering differ."},
	{CodeNegationMismatch, Error, "One side is negated and the other is not, or their counts of negated clauses differ by two or more.", "One text is negated and the other is not."},
	{CodeGlossaryForbidden, Error, "The rendering uses a rendering the glossary forbids for a term of the original.", "The rendering uses a rendering the glossary forbids."},
	{CodeEllipsisWithoutOmission, Warning, "The rendering marks an omission (… or [...]) but the original is a contiguous passage of its source.", "The rendering marks an omission that the original does not have."},
	{CodeBracketInsertion, Warning, "The rendering inserts words in square brackets that the speaker did not say.", "The rendering inserts words in brackets that the speaker did not say."},
	{CodePartialQuoteQualifier, Warning, "The original is part of a source sentence whose adjacent words carry a negation, a condition or a contrast that the quote leaves out.", "The quote leaves out a qualifier that stands next to it in the source sentence."},
	{CodeGlossaryMissingTarget, Warning, "A glossary term occurs in the original but none of its approved renderings occurs in the rendering.", "A glossary term of the original is not rendered as the glossary says."},
	{CodeInconsistentRendering, Warning, "Another quote has the same original with a different rendering.", "Another quote renders the same original differently."},
	{CodeLengthRatio, Warning, "The rendering is much shorter or much longer than the original for this language pair.", "The rendering is much shorter or much longer than the original."},
	{CodeUnbalancedQuotes, Warning, "Quotation marks in the original or the rendering do not pair up.", "Quotation marks do not pair up."},
	{CodeSpanishPunctuationUnpaired, Warning, "A Spanish original has an opening ¿ or ¡ without its closing ? or !, or the reverse.", "An opening ¿ or ¡ has no closing mark, or the reverse."},
	{CodeTranslationNotDisclosed, Warning, "The article does not tell readers, near the quote, that it was translated (e.g. \"said in Spanish\").", "The article does not tell readers near the quote that it was translated."},
	{CodeNumbersRounded, Warning, "A figure is rendered rounded or approximately (e.g. 3,761 million as $3.8 billion, or \"alrededor de 32 mil\" as \"about 30,000\"); check that the rounding is acceptable.", "A figure of the original is rendered rounded or approximately."},
	{CodeCertaintyChanged, Warning, "The original hedges (podría, quizá, tal vez, es posible que, creo que, a conditional) and the rendering asserts, or the reverse.", "One text hedges and the other asserts."},
	{CodeNamesDiffer, Warning, "A person, place or organization named in the original is missing from the rendering or spelled differently there (accents and known English forms such as México/Mexico are not differences).", "A name of the original is missing from the rendering or spelled differently."},
	{CodeMachineOutput, Warning, "The rendering is a machine translation suggested for the original, unedited.", "The rendering is a machine translation, unedited."},
	{CodeWrongSpeaker, Warning, "In the transcript, the original stands in the turn of someone other than the quote's speaker (another official, or a reporter's question).", "In the transcript, the original is someone else's words or a reporter's question."},
}

var severityOf = func() map[string]Severity {
	m := make(map[string]Severity, len(catalog))
	for _, c := range catalog {
		m[c.Code] = c.Severity
	}
	return m
}()

// Catalog lists every check code with its default severity and an English
// description (for docs and the UI), errors first, then by code.
func Catalog() []Info {
	out := slices.Clone(catalog)
	slices.SortStableFunc(out, func(a, b Info) int {
		return cmp.Or(cmp.Compare(rank(a.Severity), rank(b.Severity)), cmp.Compare(a.Code, b.Code))
	})
	return out
}

// CanOverride reports whether findings with this code may be overridden with
// a reason. Only warnings can; errors, and codes this package does not know,
// cannot.
func CanOverride(code string) bool { return severityOf[code] == Warning }

// checkFunc is one check: a pure function of the prepared input.
type checkFunc func(p *prepared) []Finding

// registry lists the checks in the order they run. The order does not affect
// the result (Run sorts), but keeping related checks together keeps the
// details of one concern in one place.
var registry = []checkFunc{
	checkPresence,
	checkSourceMatch,
	checkEvidence,
	checkUntranslated,
	checkArticle,
	checkNumbers,
	checkNegation,
	checkGlossary,
	checkEllipsisAndBrackets,
	checkPartialQuote,
	checkConsistency,
	checkLengthRatio,
	checkQuoteMarks,
	checkSpanishPunctuation,
	checkDisclosure,
	checkCertainty,
	checkNames,
	checkSpeaker,
	checkMachineOutput,
}

// Run runs every check and returns the findings sorted errors first, then by
// code; findings with the same code keep the order in which they were found.
// When every check passes the result is empty but not nil, so that it encodes
// as [] in JSON.
func Run(in Input) []Finding {
	p := prepare(in)
	out := []Finding{}
	for _, c := range registry {
		out = append(out, c(p)...)
	}
	sortFindings(out)
	return out
}

func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(rank(a.Severity), rank(b.Severity)), cmp.Compare(a.Code, b.Code))
	})
}

func rank(s Severity) int {
	if s == Error {
		return 0
	}
	return 1
}

// Blocking returns the error findings. Warnings are overridable with a reason
// and errors are not, so the findings that block verification are exactly the
// errors, whatever overrides the caller holds.
func Blocking(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Severity == Error {
			out = append(out, f)
		}
	}
	return out
}

// Pending returns the findings that still need attention given the codes a
// reviewer has overridden: every error, and every warning whose code is not
// overridden. It is what a page shows as "to resolve before verifying" when
// the newsroom wants warnings acknowledged rather than merely listed.
func Pending(fs []Finding, overridden []string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Severity == Error || !slices.Contains(overridden, f.Code) {
			out = append(out, f)
		}
	}
	return out
}

// finding builds a Finding with the severity the catalog gives its code, so
// that a check cannot report a code with the wrong severity.
func finding(code, msg string, details map[string]any) Finding {
	sev, ok := severityOf[code]
	if !ok {
		panic("checks: code missing from catalog: " + code)
	}
	return Finding{Code: code, Severity: sev, Message: msg, Details: details}
}
