// Package checks holds Cotejo's automatic quality checks on a translated
// quote: its original (what the speaker said, e.g. in Spanish), its rendering
// (what the article prints, e.g. in English), the evidence, and the article.
//
// The package is pure: it depends on the standard library, golang.org/x/text,
// package anchor (whose NFC defines the code points offsets count) and
// package transcript (the speaker turns of a source, which the caller
// computes once per source and passes in Input.SourceTurns, or which a
// shared Input.Source reads once), reads no files,
// and knows nothing of the database or of the domain packages. The caller
// maps its domain values to an Input and calls Run, which runs every check
// and returns the findings, errors first, then by code.
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
//   - wrong_speaker (warning): the source's speaker labels (Input.SourceTurns,
//     or those of a shared Input.Source, read once)
//     put the original in the turn of someone other than the quote's speaker
//     (another official), or in a reporter's question. A turn whose label
//     gives a role and no name ("Presidente.-"), the text before the first
//     label, and an original found several times without an anchor raise
//     nothing.
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
//     40,000 and 3.2; Mexican Spanish like English), an ambiguous "1.234"
//     keeping both readings, while three digits ending in zero after one
//     separator always group thousands ("16.200 millones" is never 16.2
//     million, "40,000" never 40); number words (cinco, dos mil, mil
//     quinientos, un millón, veintiún, treinta y dos, two thousand) and the
//     false friends of large numbers (mil millones = a billion, un billón =
//     a trillion, millones de millones); digits mixed with words in either
//     order and the Mexican press's forms (620,000 millones, 4.5 billones,
//     27 mil 48, mil 300, 4 mil 50 millones = 4.05 billion, 300 MDP);
//     ordinals (primer, tercera, 3rd); Roman numerals after "siglo" or a
//     name (siglo XIX, Juan Pablo II); percentages (20 por ciento = 20% = 20
//     percent) and years; fractions and proportions (la mitad, dos tercios,
//     la tercera parte, tres de cada cuatro = three in four = 75%); months
//     and weekdays (18 de noviembre = Nov. 18; a weekday left out is no
//     fault, a different one is); times (a las 17:00 = at 5 p.m.); pesos con
//     centavos (22 pesos con siete centavos = 22.07 pesos); and the currency
//     written next to a figure, so "mil millones de pesos" is not "$ …
//     billion" (a Spanish "$" alone may be pesos). A bare figure after a
//     scaled one may carry its scale ("uno por 12 billones y otro por 16").
//     Words that are usually not numbers — the articles un/una/a/an, pronoun
//     "one", "segundo", "cuarto", "at first", "primera fila" — are optional:
//     they can pair with a number on the other side but are never reported
//     missing, so "una intervención" = "an intervention" passes and "un país"
//     = "two countries" does not.
//   - numbers_rounded (warning): what numbers_differ would report is a
//     rounding: the rendering rounds a figure keeping two significant digits
//     or more (3,761 millones as $3.8 billion), or approximate wording
//     stands next to either figure (alrededor de, casi, más de; about,
//     nearly, more than) and one rounds the other or they differ by at most
//     a tenth ("alrededor de 32 mil" as "about 30,000"). Years, dates,
//     times, ordinals and fractions are never roundings.
//   - negation_mismatch (error): one side has a negated clause and the other
//     none, their counts differ by two or more, or they differ by one in
//     texts of as many clauses (a clause-for-clause rendering that lost a
//     negation: "Si el Estado no gasta …, no hay inflación"); or a
//     restrictive adverb (apenas, barely) has no counterpart (barely, only,
//     just; apenas, solo). Clauses are counted, not words, so Spanish
//     negative concord ("no … ningún", "no … nada", "ni … ni") is one
//     negation. Negative words: no, nunca, jamás, nadie, nada, ningún,
//     tampoco, ni, sin, cero; not, never, no, nobody, none, nothing,
//     neither, nor, without, n't. Not negations: sin embargo, no solo /
//     no es solo … sino, the expletive "hasta que no", the tag "¿no?", nada
//     más, nada menos, certainty idioms (no tengo ninguna duda, no doubt),
//     not only, no less than. Lexical negations (imposible, inaceptable;
//     impossible, unprecedented, fail to, rather than, instead of) can answer
//     a negation of the other side but never demand one.
//   - certainty_changed (warning): the original hedges (podría, quizá, tal
//     vez, es posible que, creo que, probablemente, the conditional mood,
//     the past subjunctive of a hypothesis) and the rendering asserts, or
//     the rendering hedges (could, might, may, perhaps, I think) and the
//     original asserts. Weak modals (puede, would, should, can) answer a
//     hedge but do not raise the check; politeness (me gustaría, I would
//     like) is no hedge.
//   - names_differ (warning): a name of the original (a run of capitalised
//     words, joined by de, del, la, y, that does not merely open a
//     sentence) is missing from a Spanish → English rendering, or a word of
//     it is written with a letter or two changed (Valbuena as Valbuela) or
//     replaced (Diosdado Cabello as Diosdado Cabrera). Accents and case are
//     folded, known English forms count (México = Mexico, Estados Unidos =
//     the U.S., Casa Blanca = White House, FMI = IMF, Sendero Luminoso =
//     Shining Path), a person may be shortened to one of their names, and
//     an institution named with common words (Guardia Nacional, Secretaría
//     de Hacienda) counts as rendered when one of its words' translations
//     is there; a single capitalised common word (el Gobierno) is style.
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
// The labelled pairs of testdata/labelled.json, modelled on published
// Spanish statements and English coverage (each case notes the piece its
// pattern was seen in), are the yardstick: TestLabelledSet reports recall
// and false alarms per family of checks.
//
// A check whose inputs are absent stays silent (no source text: no
// original_not_in_source; no article anchor: no translation_not_disclosed;
// no SourceTurns: no wrong_speaker);
// evidence_missing and rendering_not_in_article are where absence is reported.
//
// Offsets in Input and in details count Unicode code points of the
// NFC-normalized text, end exclusive, as everywhere in Cotejo.
package checks
