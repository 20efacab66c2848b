// Package cotejo holds Cotejo's domain: articles, sources, quotes, users and
// their roles, the statuses a quote and an article move through, the audit
// event, and the error codes every other package speaks.
//
// It depends on nothing of the project and on no framework: only the standard
// library and golang.org/x/text (language tags and Unicode normalization).
// Values validate themselves (Validate) and put themselves in canonical form
// (Normalize): texts with LF line breaks and in Unicode NFC (Canonical),
// language tags in canonical BCP 47 form. Texts hold no control characters
// but tab and line breaks, and no noncharacters (CheckText), so that every
// export gives back exactly what was stored.
//
// Offsets into texts (anchors) count Unicode code points of the canonical
// (NFC-normalized) text, end exclusive, everywhere in Cotejo.
package cotejo
