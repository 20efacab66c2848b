package workflow

// The reasons Cotejo records itself in the audit trail, in English as the
// API gives them. Pages recognize them by these values to say them in the
// reader's language; a person's own reasons are shown as typed.
const (
	ReasonBodyChanged   = "body changed after approval"
	ReasonQuoteReopened = "a quote was reopened after approval"
	ReasonQuoteAdded    = "a quote was added after approval"
	ReasonQuoteDeleted  = "a quote was deleted after approval"
	ReasonMarkRemoved   = "a passage mark was removed after approval"
	ReasonSourceChanged = "a source changed after approval"
	ReasonChangedFields = "changed after verification: "                 // then the changed fields, joined by ", "
	ReasonArticleAnchor = "article text changed: the quote's anchor is " // then the anchor's state
	ReasonSourceAnchor  = "source text changed: the quote's anchor is "  // then the anchor's state
)
