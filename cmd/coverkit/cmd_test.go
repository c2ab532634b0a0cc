package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// parseArgs runs the command line through c with its run function replaced
// (see newXCmd's runF), so a test sees the parsed options without running
// the command. It returns the error as the user would see it.
func parseArgs(t *testing.T, c *cobra.Command, args string) error {
	if t != nil {
		t.Helper()
	}
	c.SetArgs(strings.Fields(args))
	c.SetOut(io.Discard)
	c.SetErr(io.Discard)
	c.SilenceUsage, c.SilenceErrors = true, true
	c.SetFlagErrorFunc(flagError)
	return c.Execute()
}

// testEnv is an env writing into buffers.
func testEnv() (*env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, &out, &errb
}

// errText is err's message, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
