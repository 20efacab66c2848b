package cotejo

import "strings"

// ReasonCode names a reason Cotejo records itself; a person's own reason
// has none.
type ReasonCode string

// The reasons Cotejo records. Those that name something carry it as their
// text: the parts that changed (comma-separated, as ChangedVouched names
// them), the state of an anchor, the format of a transcript; those that
// name two things (an import's languages or versions) join them with ",".
const (
	ReasonBodyChanged              ReasonCode = "body_changed"
	ReasonQuoteReopened            ReasonCode = "quote_reopened"
	ReasonQuoteAdded               ReasonCode = "quote_added"
	ReasonQuoteDeleted             ReasonCode = "quote_deleted"
	ReasonMarkRemoved              ReasonCode = "mark_removed"
	ReasonSourceChanged            ReasonCode = "source_changed"
	ReasonChangedAfterVerification ReasonCode = "changed_after_verification"
	ReasonArticleAnchor            ReasonCode = "article_anchor"
	ReasonSourceAnchor             ReasonCode = "source_anchor"
	ReasonMediaMoved               ReasonCode = "media_moved"
	ReasonTimedTranscript          ReasonCode = "timed_transcript"

	// Why an XLIFF import left a unit alone.
	ReasonUnitNotOfArticle ReasonCode = "unit_not_of_article"
	ReasonUnitTwice        ReasonCode = "unit_twice"
	ReasonUnitNoTarget     ReasonCode = "unit_no_target"
	ReasonUnitLanguage     ReasonCode = "unit_language"
	ReasonUnitConflict     ReasonCode = "unit_conflict"
	ReasonUnitApproved     ReasonCode = "unit_approved"
)

// Reason is why something was done: a code and free text. A person's
// reason is their text alone; Cotejo's own have a code, and their text is
// what the code names (see the ReasonCode constants). Both are stored as
// such and put into words when shown: Label in the reader's language,
// English for the API, where a reason is a string (its code, where it has
// one, is beside it).
type Reason struct {
	Code ReasonCode
	Text string
}

// MarshalText writes the reason in English, as the API always gave it (a
// JSON string).
func (r Reason) MarshalText() ([]byte, error) { return []byte(r.English()), nil }

// UnmarshalText reads a reason the API gave.
func (r *Reason) UnmarshalText(b []byte) error {
	*r = ParseReason(string(b))
	return nil
}

// Said is a person's own reason.
func Said(text string) Reason { return Reason{Text: text} }

// Because is a reason Cotejo records, with what it names.
func Because(code ReasonCode, text ...string) Reason {
	return Reason{Code: code, Text: strings.Join(text, ",")}
}

// IsZero reports whether there is no reason at all.
func (r Reason) IsZero() bool { return r.Code == "" && r.Text == "" }

// ReasonInfo is what the table says of a reason code: its English form as
// the API gives it (and as events before codes stored it), and its label,
// an English key the catalogs translate; %s in either stands for the text.
type ReasonInfo struct {
	Code    ReasonCode
	English string
	Label   string
}

// reasons is the one table of the reasons Cotejo records.
var reasons = table[ReasonCode, ReasonInfo]{
	{ReasonBodyChanged, "body changed after approval", "The article's text changed after approval"},
	{ReasonQuoteReopened, "a quote was reopened after approval", "A quote was reopened after approval"},
	{ReasonQuoteAdded, "a quote was added after approval", "A quote was added after approval"},
	{ReasonQuoteDeleted, "a quote was deleted after approval", "A quote was deleted after approval"},
	{ReasonMarkRemoved, "a passage mark was removed after approval", "A not-a-quote mark was removed after approval"},
	{ReasonSourceChanged, "a source changed after approval", "A source changed after approval"},
	{ReasonChangedAfterVerification, "changed after verification: %s", "Changed after verification: %s"},
	{ReasonArticleAnchor, "article text changed: the quote's anchor is %s", "The article's text changed: the quote's place in it is %s"},
	{ReasonSourceAnchor, "source text changed: the quote's anchor is %s", "The source's text changed: the original's place in it is %s"},
	{ReasonMediaMoved, "source timing changed: the quote's media range moved", "The source's timing changed: the quote's time in the recording moved"},
	{ReasonTimedTranscript, "timed transcript (%s)", "Timed transcript (%s)"},
	{ReasonUnitNotOfArticle, "not a quote of this article", "Not a quote of this article"},
	{ReasonUnitTwice, "the file holds this quote twice", "The file holds this quote twice"},
	{ReasonUnitNoTarget, "no target", "The unit has no target"},
	{ReasonUnitLanguage, "the target is in %s, the rendering in %s", "The target is in %s, the rendering in %s"},
	{ReasonUnitConflict, "the quote changed since the file was exported (version %s, now %s)", "The quote changed since the file was exported (version %s, now %s)"},
	{ReasonUnitApproved, "the quote is approved; an editor must reopen it first", "The quote is approved: an editor must reopen it first"},
}

// ReasonTable returns the table of reason codes.
func ReasonTable() []ReasonInfo { return reasons.clone() }

func (i ReasonInfo) key() ReasonCode { return i.Code }

// Info returns what the table says of c; ok is false for a person's reason
// (no code) or a code the table lacks.
func (c ReasonCode) Info() (ReasonInfo, bool) { return reasons.find(c) }

// English is the reason in English, as the API gives it: a person's as
// typed, Cotejo's own in its English form with its text; the changed parts
// are listed with ", ".
func (r Reason) English() string {
	info, ok := r.Code.Info()
	if !ok {
		return r.Text
	}
	out := info.English
	for _, p := range r.Parts() {
		out = strings.Replace(out, "%s", p, 1)
	}
	return out
}

// Parts are what the reason's code names, one for each %s of its English
// form: its text, split at "," where it names more than one thing (the
// changed parts, one thing, are listed with ", ").
func (r Reason) Parts() []string {
	info, ok := r.Code.Info()
	n := strings.Count(info.English, "%s")
	switch {
	case !ok || n == 0:
		return nil
	case r.Code == ReasonChangedAfterVerification:
		return []string{strings.ReplaceAll(r.Text, ",", ", ")}
	case n == 1:
		return []string{r.Text}
	}
	parts := strings.SplitN(r.Text, ",", n)
	for len(parts) < n {
		parts = append(parts, "")
	}
	return parts
}

// ParseReason reads a reason as it was stored before reasons had codes: in
// English, as the API gave it. Cotejo's own are recognised by their English
// form; anything else is a person's.
func ParseReason(s string) Reason {
	for _, i := range reasons {
		pieces := strings.Split(i.English, "%s")
		if len(pieces) == 1 {
			if s == i.English {
				return Reason{Code: i.Code}
			}
			continue
		}
		if parts, ok := fill(s, pieces); ok {
			text := strings.Join(parts, ",")
			if i.Code == ReasonChangedAfterVerification {
				text = strings.ReplaceAll(text, ", ", ",")
			}
			return Reason{Code: i.Code, Text: text}
		}
	}
	return Said(s)
}

// fill matches s against the pieces of a form around its %s, each %s
// standing for at least one character, and returns what stands in them.
func fill(s string, pieces []string) ([]string, bool) {
	last := pieces[len(pieces)-1]
	if !strings.HasPrefix(s, pieces[0]) || !strings.HasSuffix(s, last) || len(s) < len(pieces[0])+len(last) {
		return nil, false
	}
	rest := s[len(pieces[0]) : len(s)-len(last)]
	var parts []string
	for _, p := range pieces[1 : len(pieces)-1] {
		i := strings.Index(rest[min(1, len(rest)):], p)
		if i < 0 {
			return nil, false
		}
		i += min(1, len(rest))
		parts, rest = append(parts, rest[:i]), rest[i+len(p):]
	}
	if rest == "" {
		return nil, false
	}
	return append(parts, rest), true
}
