// Package checks holds Cotejo's automatic quality checks on a translated
// quote: its original (what the speaker said, e.g. in Spanish), its rendering
// (what the article prints, e.g. in English), the evidence, and the article.
//
// The package is pure: it depends on the standard library, golang.org/x/text
// and package anchor (whose NFC defines the code points offsets count), reads
// no files, and knows nothing of the database or of the domain packages. The caller maps its domain values to an
// Input and calls Run, which runs every check and returns the findings,
// errors first, then by code.
//
// # Severities
//
// Errors block verification and cannot be overridden: they mean the quote is
// demonstrably wrong or unsupported. Warnings can be overridden with a logged
// reason: they point at something a reviewer must look at but that may be
// right (an approximate match, an ellipsis, a glossary term rendered another
// way). Blocking returns the errors; Pending returns what remains once some
// warnings are overridden; Catalog lists every code.
//
// # The checks
//
// Evidence:
//   - original_not_in_source (error): a source text is given and the
//     original is not in it, even folded (NFC, case, diacritics, quotation
//     marks, dashes, spacing); the closest passage and a word diff are given
//     when one resembles it. An "exact" anchor is trusted without searching.
//   - original_approximate (warning): the anchor is "approximate", or the
//     original matches only when punctuation is ignored; details hold a word
//     diff (a word-level LCS diff computed here).
//   - evidence_missing (error): no source anchor (a lost one does not count),
//     no media time range, and no URL backed by a note or a source text.
//   - partial_quote_qualifier (warning): the quote is part of a source
//     sentence and the words next to it (its own clause, and the openers of
//     the neighbouring clauses) carry a negation, a condition or a contrast.
//
// Article:
//   - rendering_not_in_article (error): the article text at the anchor is not
//     the rendering (light normalization: case, spacing, quotation marks,
//     surrounding punctuation), or the quote is not anchored in the article.
//   - translation_not_disclosed (warning): neither the quote's paragraph nor
//     an earlier sentence naming the speaker says the quote was translated
//     ("said in Spanish", "translated from the Spanish", "(translated)").
//
// Fidelity:
//   - numbers_differ (error): the multisets of numbers differ. Digits are
//     read with the language's separators (Spanish 40.000 and 3,2; English
//     40,000 and 3.2; Mexican Spanish like English), an ambiguous "1.500"
//     keeping both readings; number words (cinco, dos mil, mil quinientos, un
//     millón, veintiún, treinta y dos, two thousand), ordinals (primer,
//     tercera, 3rd), Roman numerals after "siglo" or a name (siglo XIX, Juan
//     Pablo II), percentages (20 por ciento = 20% = 20 percent) and years.
//     Words that are usually not numbers — the articles un/una/a/an, pronoun
//     "one", "segundo", "cuarto", "at first" — are optional: they can pair
//     with a number on the other side but are never reported missing, so
//     "una intervención" = "an intervention" passes and "un país" = "two
//     countries" does not.
//   - negation_mismatch (error): one side has a negated clause and the other
//     none, or their counts differ by two or more. Clauses are counted, not
//     words, so Spanish negative concord ("no … ningún") is one negation.
//   - rendering_empty, original_empty (error); rendering_untranslated
//     (error): the rendering equals the original though the languages differ.
//   - length_ratio (warning): rendering/original length outside the pair's
//     bounds (0.5–2 between alphabetic languages), for originals of 20
//     characters or more.
//   - ellipsis_without_omission (warning): an omission mark inside the
//     rendering while the original has none, or at its edge while the
//     original is a whole source sentence; bracket_insertion (warning): words
//     in square brackets.
//   - unbalanced_quotes (warning): quotation marks that do not pair up
//     (apostrophes in don't or Mexico’s are not quotation marks);
//     spanish_punctuation_unpaired (warning): ¿ without ?, ¡ without !, or the
//     reverse, in a Spanish original.
//
// Newsroom knowledge:
//   - glossary_forbidden (error) and glossary_missing_target (warning): a
//     term of the original's language occurs in the original (case- and
//     accent-insensitive, word boundaries) and the rendering uses a forbidden
//     rendering, or none of the approved ones.
//   - inconsistent_rendering (warning): another quote has the same original
//     with a different rendering.
//
// A check whose inputs are absent stays silent (no source text: no
// original_not_in_source; no article anchor: no translation_not_disclosed);
// evidence_missing and rendering_not_in_article are where absence is reported.
//
// Offsets in Input and in details count Unicode code points of the
// NFC-normalized text, end exclusive, as everywhere in Cotejo.
package checks
