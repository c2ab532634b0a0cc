package preflight

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coverkit/coverkit/internal/userfile"
)

// Issue 9 items 8, 9 and 21: every number read from a PDF is checked before
// it becomes a decimal, only regular files are read, and each unusable input
// says what is wrong in the user's words.
func TestUnusableInputMessages(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "cover.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	page := func(mb string) string {
		p := filepath.Join(dir, strings.NewReplacer(" ", "_", "/", "").Replace(mb)+".pdf")
		b := rawPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox ["+mb+"] /Contents 4 0 R >>", stream("", []byte("0 0 1 1 re f")))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name, path string
		sentinel   error
		want       string
	}{
		{"directory", dir, userfile.ErrNotRegular, "it is a directory, not a regular file"},
		{"named pipe", fifo, userfile.ErrNotRegular, "it is a named pipe (FIFO), not a regular file"},
		{"device", "/dev/zero", userfile.ErrNotRegular, "it is a character device, not a regular file"},
		{"NaN MediaBox", page("0 0 NaN 792"), ErrDamaged, "the PDF is damaged: page 1's MediaBox holds a number that is not finite (NaN or infinity)"},
		{"infinite MediaBox", page("0 0 612 -Inf"), ErrDamaged, "the PDF is damaged: page 1's MediaBox holds a number that is not finite (NaN or infinity)"},
		{"absurd coordinates", page("0 0 1e30 792"), ErrDamaged, "page 1's MediaBox [0 0 1e+30 792] reaches beyond 1e+07 units"},
		{"absurd size", page("0 0 612 99999"), ErrDamaged, "page 1's MediaBox is 8.5 x 1388.875 in, larger than any printable page (at most 200 in a side)"},
		{"tiny size", page("0 0 0.0001 792"), ErrDamaged, "page 1's MediaBox is 0.0001 x 792 pt, smaller than any page"},
		{"empty MediaBox", page("0 0 0 792"), ErrDamaged, "page 1 has an empty MediaBox"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := ReadFile(context.Background(), tc.path, Options{})
			if !errors.Is(err, tc.sentinel) || !Unusable(err) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ReadFile: %v\nwant %v with %q", err, tc.sentinel, tc.want)
			}
			_, err = ReadInteriorFile(context.Background(), tc.path, InteriorOptions{})
			if !errors.Is(err, tc.sentinel) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ReadInteriorFile: %v", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
}

// A panic inside the PDF library is "the PDF is damaged", without the Go
// runtime's words unless COVERKIT_DEBUG is set.
func TestDamagedPanicMessage(t *testing.T) {
	t.Setenv("COVERKIT_DEBUG", "")
	err := damagedPanic("runtime error: index out of range [3] with length 3")
	if !errors.Is(err, ErrDamaged) || err.Error() != "the PDF is damaged: its structure could not be parsed" {
		t.Errorf("%v", err)
	}
	t.Setenv("COVERKIT_DEBUG", "1")
	devnull, _ := os.Open(os.DevNull)
	stderr := os.Stderr
	os.Stderr = devnull
	err = damagedPanic("index out of range [3] with length 3")
	os.Stderr = stderr
	if !strings.Contains(err.Error(), "index out of range") {
		t.Errorf("debug: %v", err)
	}
}
