package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// fullWriter fails every write, as stdout redirected to /dev/full does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// Output that cannot be written is an error (exit 1, "cannot write output:
// ..."), for every command and its --json form; never exit 0 with the output
// lost, never a usage error.
func TestStdoutWriteError(t *testing.T) {
	dir := t.TempDir()
	fx := filepath.Join("..", "..", "fixtures")
	cover := filepath.Join(fx, "preflight", "cover-kdp-6x9-white-300.pdf")
	for _, args := range []string{
		"--version",
		"--help",
		"spine --help",
		"spine -p kdp -t 6x9 -n 300",
		"spine -p kdp -t 6x9 -n 300 --json",
		"printers",
		"printers --json",
		"printers kdp",
		"template -p kdp -t 6x9 -n 300 -f svg --out " + dir,
		"barcode --isbn 9781913588656 --out " + filepath.Join(dir, "b.svg"),
		"check " + cover + " -p kdp -t 6x9 -n 300",
		"check " + cover + " -p kdp -t 6x9 -n 300 --json",
		"batch " + filepath.Join(fx, "batch", "books.yaml") + " --out " + filepath.Join(dir, "batch") + " --format svg",
		"batch " + filepath.Join(fx, "batch", "books.yaml") + " --out " + filepath.Join(dir, "batch") + " --format svg --json",
		"earnings -p kdp -t 6x9 -n 300 --list 14.99 USD",
		"earnings -p kdp -t 6x9 -n 300 --list 14.99 USD --json",
		"template -p kdp -t 6x9 -n 300 -f svg --json --out " + dir,
	} {
		var errb bytes.Buffer
		code := run(strings.Fields(args), strings.NewReader(""), fullWriter{}, &errb)
		if code != exitFail || !strings.Contains(errb.String(), "coverkit: error: cannot write output: no space left on device") {
			t.Errorf("coverkit %s > /dev/full: exit %d, stderr %q", args, code, errb.String())
		}
	}
}
