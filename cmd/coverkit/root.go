package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// version is the coverkit version, recorded in templates and batch state.
// Release builds may set it with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// env carries the command's streams; nothing writes to os.Stdout directly.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run builds the command tree and runs it; it returns the exit status. A
// panic is a bug in coverkit: it is reported as an internal error (exit 3)
// instead of a Go stack trace, which COVERKIT_DEBUG=1 prints as well.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: &outWriter{w: stdout}, stderr: stderr}
	return execute(newRootCmd(e), args, e)
}

// outWriter is the command's stdout. It remembers the first write error, so
// that output lost to a full disk or a closed pipe is reported (exit 1) even
// where a command prints with fmt.Fprintf and ignores the result.
type outWriter struct {
	w   io.Writer
	err error
}

func (o *outWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err != nil {
		o.err = err
	}
	return n, err
}

// outputErr is the error for output that could not be written, or nil.
func outputErr(e *env) error {
	if o, ok := e.stdout.(*outWriter); ok && o.err != nil {
		return failErr(fmt.Errorf("cannot write output: %w", rootCause(o.err)))
	}
	return nil
}

// execute runs root with args and maps its error (or a panic) to an exit
// status, printing the error on e.stderr.
func execute(root *cobra.Command, args []string, e *env) (code int) {
	stdin, stdout, stderr := e.stdin, e.stdout, e.stderr
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "coverkit: internal error: %v\n", p)
			fmt.Fprintln(stderr, "coverkit: hint: this is a bug in coverkit; please report it with the command line that caused it")
			if os.Getenv("COVERKIT_DEBUG") != "" {
				stderr.Write(debug.Stack())
			}
			code = exitInternal
		}
	}()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if oerr := outputErr(e); oerr != nil {
		// A lost write explains whatever went wrong after it (an encoder's error).
		err = oerr
	}
	if err != nil && !isCLIError(err) {
		// Cobra's own errors (unknown flag, bad flag value, unknown command) are usage errors.
		err = &cliError{code: exitUsage, err: err, hints: []string{"run 'coverkit " + commandOf(root, args) + "--help' for usage"}}
	}
	return exitCode(err, stderr)
}

func isCLIError(err error) bool {
	var ce *cliError
	return errors.As(err, &ce)
}

// commandOf is the subcommand args name followed by a space, or "" when
// they name none that exists (the hint after "coverkit foo" is then
// 'coverkit --help', never 'coverkit foo --help').
func commandOf(root *cobra.Command, args []string) string {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return ""
	}
	for _, c := range root.Commands() {
		if c.Name() == args[0] || slices.Contains(c.Aliases, args[0]) {
			return args[0] + " "
		}
	}
	return ""
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "coverkit",
		Short: "Print-cover geometry and templates for KDP, IngramSpark, Lulu and your own printers",
		Long: `coverkit computes exact spine widths and full-cover layouts for print-on-demand
printers from one book description, writes cover templates (PDF, SVG, PNG),
checks finished covers and regenerates whole catalogues.

Every number comes from a catalogue in which each value carries its source,
retrieval date and confidence; estimates are flagged as such.` + exitStatusHelp,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(flagError)
	// Every command (help lists them sorted). A new command is one more line
	// here: newXCmd(e, nil) builds it with its real run function.
	root.AddCommand(
		newSpineCmd(e, nil),
		newTemplateCmd(e, nil),
		newBarcodeCmd(e, nil),
		newCheckCmd(e, nil),
		newBatchCmd(e, nil),
		newPrintersCmd(e, nil),
		newServeCmd(e, nil),
		newEarningsCmd(e, nil),
		newCoverCmd(e, nil),
		newCompletionCmd(e, nil),
	)
	addFlagCompletions(root)
	return root
}

// flagError turns a flag-parsing error into a usage error (exit 2). A value
// refused by one of coverkit's flag types reads "--NAME: REASON"; other flag
// errors keep pflag's words and get a hint to see the help.
func flagError(c *cobra.Command, err error) error {
	var ive *pflag.InvalidValueError
	var fve flagValueError
	if errors.As(err, &ive) && errors.As(err, &fve) {
		return usageErr("--%s: %w", ive.GetFlag().Name, fve.err)
	}
	return &cliError{code: exitUsage, err: err, hints: []string{"run '" + c.CommandPath() + " --help' for usage"}}
}
