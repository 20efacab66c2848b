package cotejo

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Code is a stable, machine-readable error code. The HTTP layer maps each code
// to a status in one table; pages translate the code into the user's language.
type Code string

// The error codes of Cotejo.
const (
	CodeMalformed        Code = "malformed"              // the request cannot be read at all
	CodeUnauthorized     Code = "unauthorized"           // no valid credentials
	CodeForbidden        Code = "forbidden"              // the user's roles do not allow it
	CodeFourEyes         Code = "four_eyes"              // the same person may not check their own work
	CodeNotFound         Code = "not_found"              // no such thing
	CodeVersionConflict  Code = "version_conflict"       // written against a stale version
	CodeNeedsVersion     Code = "precondition_required"  // a write that does not say which version it is based on
	CodeAlreadyExists    Code = "already_exists"         // a unique thing exists already
	CodeTooLarge         Code = "too_large"              // the body exceeds the configured limit
	CodeUnsupportedMedia Code = "unsupported_media_type" // the body is not in a format we read
	CodeInvalid          Code = "invalid"                // well-formed but refused by the rules
	CodeInvalidLanguage  Code = "invalid_language"       // not a BCP 47 language tag
	CodeInvalidUTF8      Code = "invalid_utf8"           // text that is not valid UTF-8
	CodeUnsupportedLang  Code = "unsupported_language"   // a valid tag, but not a language this can be done in
	CodeBlocked          Code = "blocked"                // blocking checks or blockers remain
	CodeInvalidMove      Code = "invalid_transition"     // the status does not allow that move
	CodeLocked           Code = "locked"                 // approved or published: reopen first
	CodeRateLimited      Code = "rate_limited"           // too many attempts
	CodeInternal         Code = "internal"               // a fault of ours; details are logged, not shown
)

// Error is Cotejo's error value. Message is a sentence safe to show to a user;
// Details is optional structured data, always a named type of its own (a
// Conflict, NeedsRole, InvalidMove, BadCharacter, RetryAfter, or one of the
// workflow's), which callers read with DetailsOf.
type Error struct {
	Code    Code
	Message string
	Field   string
	Details any
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("cotejo: %s: %s (%s)", e.Code, e.Message, e.Field)
	}
	return fmt.Sprintf("cotejo: %s: %s", e.Code, e.Message)
}

// Required is the detail of a refusal for a value that must be given and
// was not: the field, and what needs it (the status a move goes to,
// "reopen" for reopening, "override" for letting warnings stand, "ignore"
// for marking a passage), so that a page can say what to do in the
// reader's language.
type Required struct {
	Field string `json:"field"`
	For   string `json:"for,omitempty"`
}

// TooLong is the detail of a refusal for a text over its limit, in code points.
type TooLong struct {
	Field string `json:"field"`
	Max   int    `json:"max"`
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns a CodeInvalid-family error that names the offending field.
func FieldError(code Code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, CodeInternal for errors that are not ours,
// and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorMessage returns the user-safe message of err; errors that are not ours
// get a generic sentence, since their text may reveal internals.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "An internal error occurred."
}

// AsError returns err as an *Error, or nil when it is not one.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// RetryAfter is the detail of a CodeRateLimited error: how many seconds to
// wait before trying again (the HTTP layer sends it as Retry-After).
type RetryAfter struct {
	Seconds int `json:"retry_after"`
}

// DetailsOf returns the details of err when they are a T.
func DetailsOf[T any](err error) (T, bool) {
	var zero T
	e := AsError(err)
	if e == nil {
		return zero, false
	}
	d, ok := e.Details.(T)
	if !ok {
		return zero, false
	}
	return d, true
}

// Conflict is the detail of a CodeVersionConflict error: the thing as it is
// saved now. In JSON it is that thing itself.
type Conflict struct{ Current any }

// MarshalJSON writes the current value.
func (c Conflict) MarshalJSON() ([]byte, error) { return json.Marshal(c.Current) }

// VersionConflict is the error of a write based on a version other than
// the saved one; current is the saved value, which a client shows beside
// what it wanted to write.
func VersionConflict(current any, nothing string) *Error {
	return &Error{Code: CodeVersionConflict, Details: Conflict{Current: current},
		Message: "Someone else changed this in the meantime; nothing was " + nothing + "."}
}

// Current returns the saved value that a version conflict carries, when it
// is a T.
func Current[T any](err error) (T, bool) {
	var zero T
	e := AsError(err)
	if e == nil || e.Code != CodeVersionConflict {
		return zero, false
	}
	c, ok := e.Details.(Conflict)
	if !ok {
		return zero, false
	}
	v, ok := c.Current.(T)
	return v, ok
}
