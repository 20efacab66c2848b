// Package httpx holds what the API and the pages share over HTTP: the one
// table from domain error codes to HTTP statuses, the JSON error shape, and
// the request context (the logged-in user, the UI language, the CSRF token).
package httpx

import (
	"log/slog"
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// statuses is the one table from error codes to HTTP statuses.
var statuses = map[cotejo.Code]int{
	cotejo.CodeMalformed:        http.StatusBadRequest,
	cotejo.CodeUnauthorized:     http.StatusUnauthorized,
	cotejo.CodeForbidden:        http.StatusForbidden,
	cotejo.CodeFourEyes:         http.StatusForbidden,
	cotejo.CodeNotFound:         http.StatusNotFound,
	cotejo.CodeVersionConflict:  http.StatusConflict,
	cotejo.CodeNeedsVersion:     http.StatusPreconditionRequired,
	cotejo.CodeAlreadyExists:    http.StatusConflict,
	cotejo.CodeTooLarge:         http.StatusRequestEntityTooLarge,
	cotejo.CodeUnsupportedMedia: http.StatusUnsupportedMediaType,
	cotejo.CodeInvalid:          http.StatusUnprocessableEntity,
	cotejo.CodeInvalidLanguage:  http.StatusUnprocessableEntity,
	cotejo.CodeUnsupportedLang:  http.StatusUnprocessableEntity,
	cotejo.CodeInvalidUTF8:      http.StatusUnprocessableEntity,
	cotejo.CodeBlocked:          http.StatusUnprocessableEntity,
	cotejo.CodeInvalidMove:      http.StatusUnprocessableEntity,
	cotejo.CodeLocked:           http.StatusForbidden,
	cotejo.CodeRateLimited:      http.StatusTooManyRequests,
	cotejo.CodeInternal:         http.StatusInternalServerError,
}

// Codes lists every error code of the table, sorted: what the API's
// description enumerates.
func Codes() []cotejo.Code {
	out := make([]cotejo.Code, 0, len(statuses))
	for c := range statuses {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Status returns the HTTP status of an error.
func Status(err error) int {
	if s, ok := statuses[cotejo.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// ErrorBody is the JSON shape of every API error.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is the inside of ErrorBody.
type ErrorDetail struct {
	Code    cotejo.Code `json:"code"`
	Message string      `json:"message"`
	Field   string      `json:"field,omitempty"`
	Details any         `json:"details,omitempty"`
}

// Body returns the error body for err. Errors that are not ours are logged
// with their text and shown as a plain internal error.
func Body(c *gin.Context, err error) ErrorBody {
	e := cotejo.AsError(err)
	if e == nil {
		Logger(c).Error("internal error", "err", err, "method", c.Request.Method, "path", c.Request.URL.Path)
		return ErrorBody{ErrorDetail{Code: cotejo.CodeInternal, Message: cotejo.ErrorMessage(err)}}
	}
	return ErrorBody{ErrorDetail{Code: e.Code, Message: e.Message, Field: e.Field, Details: e.Details}}
}

// JSONError writes err as a JSON error response and stops the chain.
func JSONError(c *gin.Context, err error) {
	RetryAfter(c, err)
	c.AbortWithStatusJSON(Status(err), Body(c, err))
}

// RetryAfter sets the Retry-After header when err says how long to wait.
func RetryAfter(c *gin.Context, err error) {
	if e := cotejo.AsError(err); e != nil {
		if d, ok := e.Details.(cotejo.RetryAfter); ok && d.Seconds > 0 {
			c.Header("Retry-After", strconv.Itoa(d.Seconds))
		}
	}
}

const (
	userKey   = "cotejo.user"
	langKey   = "cotejo.lang"
	printKey  = "cotejo.printer"
	csrfKey   = "cotejo.csrf"
	viaKey    = "cotejo.via"
	loggerKey = "cotejo.logger"
)

// Credential says how a request was authenticated.
type Credential string

// How a request can be authenticated.
const (
	ViaNone    Credential = ""
	ViaSession Credential = "session"
	ViaToken   Credential = "token"
)

// SetUser records the authenticated user of a request.
func SetUser(c *gin.Context, u *cotejo.User, via Credential) {
	c.Set(userKey, u)
	c.Set(viaKey, via)
}

// User returns the request's user, or nil.
func User(c *gin.Context) *cotejo.User {
	u, _ := c.Get(userKey)
	user, _ := u.(*cotejo.User)
	return user
}

// Via returns how the request was authenticated.
func Via(c *gin.Context) Credential {
	v, _ := c.Get(viaKey)
	via, _ := v.(Credential)
	return via
}

// SetLanguage records the UI language and its printer.
func SetLanguage(c *gin.Context, tag language.Tag, p *message.Printer) {
	c.Set(langKey, tag)
	c.Set(printKey, p)
}

// Language returns the request's UI language.
func Language(c *gin.Context) language.Tag {
	v, _ := c.Get(langKey)
	t, ok := v.(language.Tag)
	if !ok {
		return language.English
	}
	return t
}

// Printer returns the request's message printer.
func Printer(c *gin.Context) *message.Printer {
	v, _ := c.Get(printKey)
	p, ok := v.(*message.Printer)
	if !ok {
		return message.NewPrinter(language.English)
	}
	return p
}

// SetCSRF records the request's CSRF token.
func SetCSRF(c *gin.Context, token string) { c.Set(csrfKey, token) }

// CSRF returns the request's CSRF token.
func CSRF(c *gin.Context) string { return c.GetString(csrfKey) }

// SetLogger records a request-scoped logger.
func SetLogger(c *gin.Context, l *slog.Logger) { c.Set(loggerKey, l) }

// Logger returns the request-scoped logger.
func Logger(c *gin.Context) *slog.Logger {
	v, _ := c.Get(loggerKey)
	if l, ok := v.(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}
