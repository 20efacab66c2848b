package cotejo

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// CheckText refuses text that is not valid UTF-8 or that holds NUL bytes,
// which no newsroom text needs and which some databases cannot store.
func CheckText(field, s string) error {
	if !utf8.ValidString(s) {
		return FieldError(CodeInvalidUTF8, field, "%s is not valid UTF-8 text.", field)
	}
	if strings.ContainsRune(s, 0) {
		return FieldError(CodeInvalid, field, "%s contains a NUL character.", field)
	}
	return nil
}

// NFC returns s in Unicode Normalization Form C, the form every stored text
// takes so that offsets and comparisons mean the same thing everywhere.
func NFC(s string) string { return norm.NFC.String(s) }

// RuneLen is the length of s in code points, the unit of every offset.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// ParseLang parses a BCP 47 language tag and returns its canonical form
// ("es-mx" → "es-MX"). An empty or invalid tag is a CodeInvalidLanguage error.
func ParseLang(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", FieldError(CodeInvalidLanguage, field, "%s: a language tag is required.", field)
	}
	if err := CheckText(field, s); err != nil {
		return "", err
	}
	t, err := language.Parse(s)
	if err != nil || t == language.Und {
		return "", FieldError(CodeInvalidLanguage, field, "%s: %q is not a valid BCP 47 language tag.", field, s)
	}
	return t.String(), nil
}

// checkLen refuses texts longer than max code points.
func checkLen(field, s string, max int) error {
	if RuneLen(s) > max {
		return FieldError(CodeInvalid, field, "%s is longer than %d characters.", field, max)
	}
	return nil
}

// required refuses blank text.
func required(field, s string) error {
	if strings.TrimSpace(s) == "" {
		return FieldError(CodeInvalid, field, "%s is required.", field)
	}
	return nil
}

// checkURL accepts an empty string or an absolute http(s) URL.
func checkURL(field, s string) error {
	if s == "" {
		return nil
	}
	if err := CheckText(field, s); err != nil {
		return err
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return FieldError(CodeInvalid, field, "%s must be an absolute http or https URL.", field)
	}
	return nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
