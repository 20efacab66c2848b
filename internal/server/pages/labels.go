package pages

import (
	"github.com/cotejo/cotejo/internal/anchor"
	"github.com/cotejo/cotejo/internal/cotejo"
	"github.com/cotejo/cotejo/internal/workflow"
)

// The pages' own words: what a page says for each error code, the names of
// form fields, the messages a redirect leaves, and the names of values
// that only pages show. The names of Cotejo's lists (statuses, kinds,
// roles, moves, checks) are in the lists' tables. scripts/catalogs.py reads
// these maps by name.

// errorKeys are the English keys of what a page says for each error code.
var errorKeys = map[cotejo.Code]string{
	cotejo.CodeMalformed:        "The request could not be read.",
	cotejo.CodeUnauthorized:     "The email or the password is wrong.",
	cotejo.CodeForbidden:        "Your roles do not allow this.",
	cotejo.CodeFourEyes:         "You cannot check your own work: another person must do it.",
	cotejo.CodeNotFound:         "This page does not exist.",
	cotejo.CodeVersionConflict:  "Someone else changed this in the meantime; nothing was overwritten.",
	cotejo.CodeNeedsVersion:     "The form does not say which version it was based on; nothing was changed. Reload the page and try again.",
	cotejo.CodeAlreadyExists:    "This exists already.",
	cotejo.CodeTooLarge:         "What you sent is too large.",
	cotejo.CodeUnsupportedMedia: "This format cannot be read.",
	cotejo.CodeInvalid:          "Some of what you entered is not valid.",
	cotejo.CodeInvalidLanguage:  "The language is not a valid BCP 47 tag (such as en, es or es-MX).",
	cotejo.CodeUnsupportedLang:  "This cannot be done in that language.",
	cotejo.CodeInvalidUTF8:      "The text is not valid UTF-8.",
	cotejo.CodeBlocked:          "This is blocked until the listed problems are solved.",
	cotejo.CodeInvalidMove:      "This step is not possible from the current status.",
	cotejo.CodeLocked:           "This is approved or published; an editor must reopen it first.",
	cotejo.CodeRateLimited:      "Too many failed logins. Try again in a few minutes.",
	cotejo.CodeInternal:         "Something went wrong on our side. It has been logged.",
}

// fieldKeys name form fields in error messages.
var fieldKeys = map[string]string{
	"headline": "Headline", "body": "Body", "language": "Language", "title": "Title", "text": "Text",
	"kind": "Kind", "url": "Link", "media_url": "Recording link", "recorded_at": "Date", "speakers": "Speakers",
	"outlet": "Outlet", "byline": "Byline", "dateline": "Dateline", "dek": "Summary",
	"reason": "Reason", "override": "Warnings let stand", "event": "History", "note": "Note",
	"source.text": "Term", "target.text": "Approved rendering", "source.lang": "Language", "target.lang": "Language",
	"name": "Name", "email": "Email", "roles": "Roles", "lang": "Language", "password": "Password", "disabled": "Account",
	"speaker": "Speaker", "original.text": "Original", "rendering.text": "Rendering", "evidence_note": "Evidence note",
	"forbidden": "Forbidden renderings (one per line)",
}

// requiredKeys say what to do when a required value is missing, by the
// field and what needs it (cotejo.Required); a missing value not listed
// here is asked for by its field's name.
var requiredKeys = map[string]string{
	"reason:rejected": "Say why you send it back: the translator reads your reason.",
	"reason:reopen":   "Say why it must be reopened: the reason goes into the history.",
	"reason:override": "Say why the warnings you ticked may stand: the reason is recorded with them.",
	"body:comment":    "Write your comment first: it is empty.",
	"reason:ignore":   "Say why this passage is not a translated quote (a title, an English quote, a scare quote).",
}

// flashKeys are the messages a redirect can leave for the next page.
var flashKeys = map[string]string{
	"saved":         "Saved.",
	"created":       "Created.",
	"attached":      "The source is attached.",
	"logged_out":    "You are logged out.",
	"ignored":       "The passage is marked as not a translated quote.",
	"unignored":     "The mark is undone: the passage is unlinked again.",
	"moved":         "The quote's status is changed.",
	"restored":      "The earlier rendering is restored, as a new edit.",
	"commented":     "Your comment is added.",
	"article_moved": "The article's status is changed.",
	"deleted":       "Deleted.",
	"recording":     "The recording is uploaded.",
	"transcript":    "The timed transcript is imported: it is now the source's text, with the time of every cue.",
	"applied":       "The rendering is applied to the article.",

	"moved_translated":   "Marked translated.",
	"moved_verified":     "Verified.",
	"moved_rejected":     "Sent back to the translator, with your reason.",
	"moved_approved":     "Approved.",
	"moved_draft":        "Back to draft.",
	"moved_needs_review": "Reopened for review.",
}

var anchorLabels = map[cotejo.AnchorState]string{
	cotejo.AnchorExact: "exact", cotejo.AnchorApproximate: "approximate", cotejo.AnchorLost: "lost",
}

var candidateLabels = map[anchor.Kind]string{
	anchor.Exact: "exact", anchor.Normalized: "same words, other accents or marks", anchor.Approximate: "approximate",
}

// importLabels name what an import did with a unit.
var importLabels = map[string]string{
	workflow.UnitUpdated: "Updated", workflow.UnitUnchanged: "Unchanged",
	workflow.UnitConflict: "Conflict: changed since the export", workflow.UnitRefused: "Refused",
}

// blockerLabels say what kind of problem blocks an article.
var blockerLabels = map[string]string{
	workflow.BlockerUnlinkedPassage:  "Quoted passage linked to no quote",
	workflow.BlockerQuoteNotApproved: "Quote not approved",
}

// actionLabels name the events of a history.
var actionLabels = map[string]string{
	cotejo.ActionCreate: "Created", cotejo.ActionUpdate: "Edited", cotejo.ActionTransition: "Status changed", cotejo.ActionReopen: "Reopened",
	cotejo.ActionComment: "Commented", cotejo.ActionDelete: "Deleted", cotejo.ActionAttach: "Source attached", cotejo.ActionReanchor: "Anchor moved",
	cotejo.ActionIgnore: "Marked not a translated quote", cotejo.ActionUnignore: "Mark removed", cotejo.ActionImport: "Imported",
}

// changeLabels name the fields an edit can change, for the history.
var changeLabels = map[string]string{
	"speaker": "Speaker", "original": "Original", "rendering": "Rendering", "evidence_note": "Evidence note",
	"source_id": "Source", "source_anchor": "Place in the source", "article_anchor": "Place in the article",
	"media": "Time in the recording", "overrides": "Warnings let stand", "status_reason": "Reason",
}
