// Package cotejo holds Cotejo's domain: articles, sources, quotes, users and
// their roles, the statuses a quote and an article move through, the audit
// event, and the error codes every other package speaks.
//
// It depends on nothing of the project and on no framework: only the standard
// library and golang.org/x/text (language tags and Unicode normalization).
// Values validate themselves (Validate) and put themselves in canonical form
// (Normalize): texts in Unicode NFC, language tags in canonical BCP 47 form.
//
// Offsets into texts (anchors) count Unicode code points of the NFC-normalized
// text, end exclusive, everywhere in Cotejo.
package cotejo
