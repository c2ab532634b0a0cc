package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/coverkit/coverkit/spine"
)

// Exit statuses. Every command documents them in its help.
const (
	exitOK = 0
	// exitFail: a valid request that a printer cannot fulfil, or a check that failed.
	exitFail = 1
	// exitUsage: malformed input: a bad flag, number, trim, file or manifest.
	exitUsage = 2
	// exitInternal: a bug in coverkit (a recovered panic).
	exitInternal = 3
)

const exitStatusHelp = `

EXIT STATUS
  0  success
  1  a printer cannot fulfil a valid request (or a check failed)
  2  malformed input: bad flags, numbers, trims, files
  3  internal error (a bug in coverkit)
`

// cliError is an error with an exit status and optional hints.
type cliError struct {
	code  int
	err   error
	hints []string
}

func (e *cliError) Error() string { return e.err.Error() }
func (e *cliError) Unwrap() error { return e.err }

// usageErr reports malformed input (exit 2).
func usageErr(format string, args ...any) *cliError {
	return &cliError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// failErr reports a valid request that cannot be fulfilled (exit 1).
func failErr(err error, hints ...string) *cliError {
	return &cliError{code: exitFail, err: err, hints: hints}
}

// silentFail is returned when a command has already printed its failure
// (e.g. per-printer errors in a table) and only the exit status remains.
var silentFail = &cliError{code: exitFail, err: errors.New("")}

// exitCode maps an error to an exit status and prints it as
// "coverkit: error: ..." with "coverkit: hint: ..." lines.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ce *cliError
	code := exitUsage
	var hints []string
	if errors.As(err, &ce) {
		code, hints = ce.code, ce.hints
		if ce == silentFail {
			return code
		}
	} else if errors.Is(err, spine.ErrUnfulfillable) {
		code = exitFail
	}
	msg := strings.TrimSpace(err.Error())
	if msg != "" {
		fmt.Fprintf(stderr, "coverkit: error: %s\n", msg)
	}
	for _, h := range hints {
		fmt.Fprintf(stderr, "coverkit: hint: %s\n", h)
	}
	return code
}
