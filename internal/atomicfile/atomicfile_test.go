package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"

	"testing"
)

func TestWriteReplacesAndFailureKeepsOld(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "cover.pdf")
	if err := WriteBytes(name, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(name, 0o644, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	b, _ := os.ReadFile(name)
	if string(b) != "one" {
		t.Fatalf("old file changed to %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary file left behind: %v", entries)
	}
	if !SameContent(name, []byte("one")) || SameContent(name, []byte("two")) {
		t.Fatal("SameContent wrong")
	}
}
