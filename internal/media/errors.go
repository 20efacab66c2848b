package media

import "fmt"

// ParseError is a transcript that cannot be read, with the line of the file
// at fault (1-based; 0 when the fault is the file as a whole).
type ParseError struct {
	Format Format
	Line   int
	Msg    string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s line %d: %s", e.Format.Name(), e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Format.Name(), e.Msg)
}

func parseErr(f Format, line int, format string, args ...any) *ParseError {
	return &ParseError{Format: f, Line: line, Msg: fmt.Sprintf(format, args...)}
}
