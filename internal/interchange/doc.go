// Package interchange writes an article and its translated quotes in the
// formats a newsroom and its tools exchange, and reads back what CAT tools
// and translation memories send: bilingual HTML, Markdown, CSV, JSON,
// JSON-LD, XLIFF 1.2 and 2.0, TMX 1.4. It is pure: no database, no HTTP; the
// caller loads a Bundle and gives it to Export, or hands a file to ParseXLIFF
// or ParseTMX.
//
// # Final and draft exports
//
// A final export holds approved quotes only: Export passes every bundle
// through Select, so the rule cannot be forgotten. A draft export (Bundle.Draft)
// holds every quote, and says so wherever the format can:
//
//	HTML      a banner at the top, "[DRAFT]" in the title, a badge and a
//	          dashed highlight on each quote that is not approved
//	Markdown  "(DRAFT)" in the heading and a note under it; "Draft — status"
//	          at the start of each such quote's footnote
//	CSV       the draft column, "yes" or "no", on every row
//	JSON      "draft" on the export and on each quote
//	JSON-LD   creativeWorkStatus "Draft" on the article and on each such Quotation
//	XLIFF     a header note (1.2) or file note (2.0) of category draft; each
//	          unit's status note begins "DRAFT (not approved)"; the states tell the rest
//	TMX       a header note and <prop type="x-cotejo-draft">yes</prop>; every
//	          unit carries <prop type="x-cotejo-status">, and a note beginning
//	          "DRAFT" when it is not approved
//
// A final export of an article that is not approved (Bundle.NotApproved)
// is stamped so in every format, with what blocks approval, rather than
// passing for a clean bilingual version or, before any approval, for an
// empty file without a word: a banner and "[NOT APPROVED]" in the title
// (HTML); "(NOT APPROVED)" in the heading and a note (Markdown); the
// article_approved column, "no" (CSV); "article_approved": false and
// "blockers" (JSON); creativeWorkStatus (JSON-LD); a header note (XLIFF
// 1.2, TMX) or a file note of category approval (XLIFF 2.0); and
// "-not-approved" in the file name. The API still answers 200: a final
// export is allowed at any time and holds approved quotes only, as API.md
// says; refusing it would break the newsrooms that export approved quotes
// before the article's own approval.
//
// TMX is the translation memory's food, so its final export holds approved
// pairs only; a draft TMX also holds the others (a memory importing it can
// tell them apart by x-cotejo-status) rather than silently dropping them,
// since a draft export is asked for precisely to see unapproved work. Quotes
// without both an original and a rendering are no pair and are left out.
//
// # States
//
// Quote statuses map to XLIFF as PRODUCT.md fixes:
//
//	status        XLIFF 1.2 target state      approved="yes"  XLIFF 2.0 segment state
//	draft         new                         no              initial
//	rejected      new                         no              initial
//	needs_review  needs-review-translation    no              initial
//	translated    translated                  no              translated
//	verified      signed-off                  yes             reviewed
//	approved      final                       yes             final
//
// XLIFF 2.0 also keeps the exact status in subState="cotejo:<status>". An
// empty rendering is written as no <target>, which is how CAT tools show an
// untranslated unit. Translate Toolkit (pocount, Pootle, Weblate's XLIFF
// reader) counts a unit as translated when it has approved="yes" and a
// target, as fuzzy when it has a target without it: so verified and
// approved quotes count as translated, the others with a rendering as fuzzy.
//
// # Round trips
//
// Unit ids are "q<quote id>" in both XLIFF versions, and the file is
// "article-<id>". The quote's version goes with the unit, so that an import
// can refuse a target written against a quote that changed meanwhile: in
// XLIFF 1.2 as extradata="v=7" on the trans-unit (an attribute the strict
// schema allows and tools keep), in XLIFF 2.0 as <note category="version">
// (tools must keep notes; attributes of foreign namespaces may be dropped).
// ParseXLIFF gives both back as XLIFFUnit.QuoteID and Version.
//
// # Reading untrusted files
//
// ParseXLIFF and ParseTMX read files from outside, so they bound size,
// nesting, unit count and text length (Limits), require UTF-8, refuse any
// DOCTYPE that declares entities (billion laughs, XXE) and never fetch a
// DTD; a plain <!DOCTYPE tmx SYSTEM "tmx14.dtd"> is accepted and ignored.
// Errors are *cotejo.Error values whose message names the line. Quotes are
// plain text, so inline markup in a source or target is dropped and its text
// kept (see ParseXLIFF).
//
// # CSV and spreadsheets
//
// A CSV cell that starts with = + - @ (or a tab or carriage return) gets a
// leading apostrophe, so that a spreadsheet shows it as text instead of
// running it as a formula (CSV injection). The cost is that a program
// reading the CSV sees the apostrophe on such cells.
//
// # JSON-LD
//
// The article is a schema.org Article; its quotes are Quotation items in
// hasPart, not citation: the rendering is printed in the article, so it is
// part of it, while citation is for other works an article refers to. Each
// Quotation points to its original (translationOfWork, a Quotation in the
// original language) and to its evidence (isBasedOn: the source, or a Clip
// with startOffset and endOffset in seconds for a recording's time range).
package interchange
