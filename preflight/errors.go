package preflight

import (
	"errors"
	"io/fs"

	"github.com/coverkit/coverkit/internal/userfile"
)

// Sentinel errors. Every error returned by [Read] and [ReadFile] for an input
// that cannot be used wraps one of them, so callers can tell "this file is not
// a usable PDF" (exit status 2 in the CLI) from a failed check.
var (
	// ErrNotPDF: the input does not start with a PDF header.
	ErrNotPDF = errors.New("not a PDF file")
	// ErrDamaged: the PDF is damaged beyond what the reader repairs.
	ErrDamaged = errors.New("the PDF is damaged")
	// ErrEncrypted: the PDF needs a password to open.
	ErrEncrypted = errors.New("PDF is encrypted and needs a password")
	// ErrLimit: the input exceeds a reading limit (size, pages, objects, time).
	ErrLimit = errors.New("PDF exceeds a reading limit")
	// ErrEmpty: the input has no bytes or no pages.
	ErrEmpty = errors.New("empty PDF")
)

// Unusable reports whether err means the input cannot be checked at all: it is
// missing, not a PDF, damaged, locked or beyond the reading limits.
func Unusable(err error) bool {
	for _, e := range []error{ErrNotPDF, ErrDamaged, ErrEncrypted, ErrLimit, ErrEmpty, fs.ErrNotExist, fs.ErrPermission, userfile.ErrNotRegular, userfile.ErrTooLarge} {
		if errors.Is(err, e) {
			return true
		}
	}
	var pe *fs.PathError
	return errors.As(err, &pe)
}
