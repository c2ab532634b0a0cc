package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/spf13/cobra"
)

// TestMain lets testscript run the real coverkit binary as the "coverkit"
// command inside scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"coverkit": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txtar: each script is a CLI session with
// its expected output and exit status. Run with -update to rewrite expectations
// (testscript's UpdateScripts).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// coverkit-exit N ARGS...: run coverkit ARGS and require exit status N.
			"coverkit-exit": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 1 {
					ts.Fatalf("usage: coverkit-exit STATUS ARGS...")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("coverkit-exit: bad status %q", args[0])
				}
				got := 0
				if err := ts.Exec("coverkit", args[1:]...); err != nil {
					var ee *exec.ExitError
					if !errors.As(err, &ee) {
						ts.Fatalf("coverkit-exit: %v", err)
					}
					got = ee.ExitCode()
				}
				if got != want {
					ts.Fatalf("coverkit exited %d, want %d\nstderr:\n%s", got, want, ts.ReadFile("stderr"))
				}
			},
		},
		Setup: func(env *testscript.Env) error {
			root, err := os.Getwd()
			if err != nil {
				return err
			}
			env.Setenv("FIXTURES", root+"/../../fixtures")
			return nil
		},
	})
}

// A panic anywhere below run is reported as an internal error with exit 3,
// not as a Go stack trace.
func TestRunRecoversPanics(t *testing.T) {
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	root := newRootCmd(e)
	root.AddCommand(&cobra.Command{Use: "panic-for-test", Hidden: true, RunE: func(*cobra.Command, []string) error { panic("boom") }})
	code := execute(root, []string{"panic-for-test"}, e)
	if code != exitInternal || !strings.Contains(errb.String(), "coverkit: internal error: boom") || strings.Contains(errb.String(), "goroutine") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}
