package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/render"
)

// A title or author over render.MaxText characters is refused by template
// (exit 2, naming the flag) and by batch (per book, naming the key), with the
// same limit: the one render validates.
func TestTextLimit(t *testing.T) {
	long := strings.Repeat("é", render.MaxText+1)
	dir := t.TempDir()
	run := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
		return execute(newRootCmd(e), args, e), errb.String()
	}
	for _, flag := range []string{"--title", "--author"} {
		code, stderr := run("template", "-p", "kdp", "-t", "6x9", "-n", "300", "--out", dir, flag, long)
		if want := "coverkit: error: " + flag + ": the " + flag[2:] + " is 1001 characters long; the limit is 1000"; code != exitUsage || !strings.Contains(stderr, want) {
			t.Errorf("template %s: exit %d, stderr %q, want %q", flag, code, stderr, want)
		}
	}
	manifest := filepath.Join(dir, "books.yaml")
	os.WriteFile(manifest, []byte("books:\n  - {id: a, title: "+long+", printers: [kdp], paper: cream, trim: 6x9, pages: 300}\n"), 0o644)
	code, stderr := run("batch", manifest, "--out", filepath.Join(dir, "out"))
	if want := `book "a": title: is 1001 characters long; the limit is 1000`; code == 0 || !strings.Contains(stderr, want) {
		t.Errorf("batch: exit %d, stderr %q, want %q", code, stderr, want)
	}
}
