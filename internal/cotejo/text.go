package cotejo

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// CheckText refuses text that Cotejo could not give back as it was given:
// text that is not valid UTF-8, and the characters that no newsroom text
// needs and that XML 1.0 cannot carry, so that every XLIFF and TMX export
// would drop or replace them and importing that export would change the
// text (and send a verified quote back to review). These are the C0 and C1
// control characters other than tab, line feed and carriage return (which
// Normalize turns into a line feed), DEL, and the Unicode noncharacters
// (U+FDD0–U+FDEF and the last two code points of every plane). The error
// names the first such character and where it stands; its details, a
// BadCharacter, give the place as an offset of the stored text.
func CheckText(field, s string) error {
	if !utf8.ValidString(s) {
		return FieldError(CodeInvalidUTF8, field, "%s is not valid UTF-8 text.", field)
	}
	for i, r := range s {
		if storable(r) {
			continue
		}
		at := RuneLen(Canonical(s[:i]))
		return &Error{Code: CodeInvalid, Field: field, Details: BadCharacter{Character: fmt.Sprintf("U+%04X", r), Offset: at},
			Message: fmt.Sprintf("U+%04X at character %d of %s: Cotejo does not store control characters or noncharacters; remove it.", r, at+1, field)}
	}
	return nil
}

// BadCharacter is the detail of CheckText's refusal: the character, as
// U+XXXX, and its offset in the text as it would be stored (code points of
// the canonical form, from 0, like every offset).
type BadCharacter struct {
	Character string `json:"character"`
	Offset    int    `json:"offset"`
}

// storable reports whether r may stand in a stored text.
func storable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20 || (r >= 0x7F && r <= 0x9F): // C0, DEL, C1
		return false
	case r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE: // noncharacters
		return false
	}
	return true
}

// NFC returns s in Unicode Normalization Form C.
func NFC(s string) string { return norm.NFC.String(s) }

// Canonical returns s in the form every stored text takes, so that offsets
// and comparisons mean the same thing everywhere: line breaks as LF (a CR
// LF pair or a lone CR, as browsers and some systems send them, becomes one
// LF), and Unicode NFC.
func Canonical(s string) string {
	if strings.ContainsRune(s, '\r') {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return NFC(s)
}

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
		e := FieldError(CodeInvalid, field, "%s is longer than %d characters.", field, max)
		e.Details = TooLong{Field: field, Max: max}
		return e
	}
	return nil
}

// required refuses blank text.
func required(field, s string) error { return requiredFor(field, "", s) }

// requiredFor refuses blank text that what needs (see Required).
func requiredFor(field, what, s string) error {
	if strings.TrimSpace(s) == "" {
		e := FieldError(CodeInvalid, field, "%s is required.", field)
		e.Details = Required{Field: field, For: what}
		return e
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
