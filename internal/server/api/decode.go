package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/cotejo/cotejo/internal/cotejo"
)

// decode reads a JSON request body into dst. It refuses what
// encoding/json would otherwise accept and silently alter: invalid UTF-8 and
// lone UTF-16 surrogate escapes both decode to U+FFFD, which would store
// something other than what the user sent.
func decode(c *gin.Context, dst any) error {
	if ct := c.GetHeader("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return cotejo.Errorf(cotejo.CodeUnsupportedMedia, "Send JSON (Content-Type: application/json).")
		}
	}
	body, err := readBody(c, "request body")
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return cotejo.Errorf(cotejo.CodeMalformed, "The request body is empty; send a JSON object.")
	}
	if !utf8.Valid(body) {
		return cotejo.Errorf(cotejo.CodeInvalidUTF8, "The request body is not valid UTF-8.")
	}
	if loneSurrogate(body) {
		return cotejo.Errorf(cotejo.CodeInvalidUTF8, "The request body holds an unpaired UTF-16 surrogate escape.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(dst); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return cotejo.FieldError(cotejo.CodeMalformed, typeErr.Field, "%s has the wrong type (%s expected).", typeErr.Field, typeErr.Type)
		}
		return cotejo.Errorf(cotejo.CodeMalformed, "The request body is not valid JSON: %s.", err.Error())
	}
	if dec.More() {
		return cotejo.Errorf(cotejo.CodeMalformed, "The request body holds more than one JSON value.")
	}
	return nil
}

// readBody reads a request body whole, within the body limit; what names
// it in the errors ("The request body is larger than …").
func readBody(c *gin.Context, what string) ([]byte, error) {
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, cotejo.Errorf(cotejo.CodeTooLarge, "The %s is larger than %d bytes.", what, tooBig.Limit)
		}
		return nil, cotejo.Errorf(cotejo.CodeMalformed, "The %s could not be read.", what)
	}
	return body, nil
}

var surrogateEscape = regexp.MustCompile(`\\u[dD][89a-fA-F][0-9a-fA-F]{2}`)

// loneSurrogate reports whether body holds a \uD800–\uDFFF escape that is
// not a high surrogate followed directly by a low one. An escaped backslash
// before the u (\\u) is not an escape, and is told apart by counting.
func loneSurrogate(body []byte) bool {
	idx := surrogateEscape.FindAllIndex(body, -1)
	for i := 0; i < len(idx); i++ {
		start := idx[i][0]
		backslashes := 0
		for j := start - 1; j >= 0 && body[j] == '\\'; j-- {
			backslashes++
		}
		if backslashes%2 == 1 {
			continue
		}
		high := body[start+2] == 'd' || body[start+2] == 'D'
		third := strings.ToLower(string(body[start+3]))
		if high && strings.Contains("89ab", third) {
			if i+1 < len(idx) && idx[i+1][0] == idx[i][1] && strings.Contains("cdef", strings.ToLower(string(body[idx[i+1][0]+3]))) {
				i++
				continue
			}
		}
		return true
	}
	return false
}

// baseVersion returns the version a write is based on: the If-Match header
// ("3", W/"3" or 3) or the body's version field. A write that gives neither
// (or only If-Match: *, which names no version) is refused with 428: it
// would overwrite whatever someone else saved in the meantime.
func baseVersion(c *gin.Context, bodyVersion *int) (int, error) {
	if h := strings.TrimSpace(c.GetHeader("If-Match")); h != "" && h != "*" {
		v, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(h, "W/"), `"`))
		if err != nil || v < 1 {
			return 0, cotejo.Errorf(cotejo.CodeMalformed, "If-Match must hold a version number, such as \"3\".")
		}
		if bodyVersion != nil && *bodyVersion != v {
			return 0, cotejo.Errorf(cotejo.CodeMalformed, "If-Match and the version field disagree.")
		}
		return v, nil
	}
	if bodyVersion != nil {
		if *bodyVersion < 1 {
			return 0, cotejo.FieldError(cotejo.CodeMalformed, "version", "version must be a positive number.")
		}
		return *bodyVersion, nil
	}
	return 0, &cotejo.Error{Code: cotejo.CodeNeedsVersion, Field: "version",
		Message: `Say which version this write is based on, in an If-Match header ("3", the ETag of your last read) or a version field; nothing was changed.`}
}

// idParam reads a numeric path parameter.
func idParam(c *gin.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id < 1 {
		return 0, cotejo.Errorf(cotejo.CodeNotFound, "No such %s.", strings.TrimSuffix(name, "_id"))
	}
	return id, nil
}

// etag sets the ETag header to a resource's version, for If-Match.
func etag(c *gin.Context, version int) {
	c.Header("ETag", `"`+strconv.Itoa(version)+`"`)
}

// created answers 201 with a new resource, where it lives and its version.
func created(c *gin.Context, collection string, id int64, v any) error {
	c.Header("Location", "/api/v1/"+collection+"/"+strconv.FormatInt(id, 10))
	return answer(c, http.StatusCreated, v)
}

// patch is a versioned change as a client sends it: the change's fields
// and, beside them, the version it is based on.
type patch[U any] struct {
	Change  U
	Version *int
}

// UnmarshalJSON reads the change and the version from the same object.
func (p *patch[U]) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &p.Change); err != nil {
		return err
	}
	var v struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	p.Version = v.Version
	return nil
}
