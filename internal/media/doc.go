// Package media turns timed transcripts into a source text with a time map,
// and answers the questions a recording raises about that text.
//
// It reads WebVTT and SRT (with github.com/asticode/go-astisub) and the JSON
// that Whisper and its relatives write (segments with optional word
// timings). Build makes one text of the cues: a paragraph per speaker turn,
// each turn opening with its speaker's label in natural case
// ("Claudia Sheinbaum: "), the turns found from WebVTT voice tags
// (<v Claudia Sheinbaum>), from speaker labels at the start of a cue
// ("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO:", "PREGUNTA:") and from
// the ">>" that broadcast captions put at a change of speaker. The time map
// says, for every cue and every timed word, which span of that text it
// covers.
//
// With the map, Range gives the time range of a span of the text (from the
// start of the first cue or word it touches to the end of the last), At
// gives the cues playing at a moment, and Remap carries the map over an
// edit of the text, naming the cues whose words were rewritten too much to
// keep their time. Sniff tells audio and video files from anything else by
// their first bytes.
//
// Offsets count Unicode code points of the NFC-normalized text, end
// exclusive, as everywhere in Cotejo; times are seconds from the start of
// the recording. The package is pure: no database, no HTTP; of Cotejo's
// packages it uses only transcript (itself pure), whose NaturalCase names
// a speaker given in capitals as a text transcript's labels do.
package media
