// Package crosslingual finds the Spanish original of an English rendering in
// a long transcript: a reviewer pastes the quote an article prints ("We don't
// want intervention from any foreign government," Sheinbaum said) and the
// package points at the Spanish words in a three-hour press conference.
//
// It is pure: no database, no HTTP, no processes. What needs outside tools
// comes in through two small interfaces: a [Lexicon] (Spanish word forms to
// English lemmas, English forms to their lemmas; the Apertium adapter in
// crosslingual/apertium reads the installed dictionaries) and a
// [Translator] (machine translation, used as a retrieval feature only: it
// loses negations and picks wrong senses, so its output is never shown).
//
// # Preparing and asking
//
// [Prepare] reads a source once: sentences (Unicode rules repaired for
// Spanish abbreviations and speaker labels) inside speaker turns, and per
// word the keys it can be matched by — English lemmas from the lexicon,
// normalized numbers (40.000, 3,2, 2 mil 500, mil millones), the folded word
// itself (names, acronyms, words both languages share), a cognate key — plus
// the machine translation of each sentence. A [Source] serializes to a
// versioned JSON document ([Source.MarshalJSON], [Load]) holding only what
// the outside tools gave, so a stored source is rebuilt without them.
// [Quick] prepares without any tool, fast enough to run during a request
// (some 25 ms for 20,000 words). A [Cache] keeps recently asked sources in
// memory, as Load takes some 50 ms and a query well under one.
//
// [Source.Find] scores spans of one to three sentences of one turn by the
// share of the rendering's weight (inverse sentence frequency) they match,
// trims each to the words matched, merges overlapping ones and calls a
// candidate strong only above a threshold calibrated on the evaluation set in
// testdata, so a remark that was not said gets no strong candidate while a
// remark said twice gets both places.
//
// Offsets count code points of the NFC text, end exclusive, as everywhere in
// Cotejo.
package crosslingual
