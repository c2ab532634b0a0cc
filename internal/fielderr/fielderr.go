// Package fielderr is the error for one input of a user's request, named
// by field, which the command line and the web page both report.
package fielderr

import "fmt"

// Error is a problem with one input: Field names it (e.g. "isbn",
// "binding"); Msg names the flag as the command line spells it, which the
// web page shows too.
type Error struct {
	Field string
	Msg   string
	Err   error // the parser's error, when there is one
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// New returns an Error for field wrapping err (which may be nil) with the
// formatted message.
func New(field string, err error, format string, args ...any) *Error {
	return &Error{Field: field, Msg: fmt.Sprintf(format, args...), Err: err}
}
