package paper

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coverkit/coverkit/internal/yamldoc"
)

// A profile is one YAML document: a second one (after '---') is refused, not
// silently dropped (issue 9 item 4).
func TestProfileMultiDocument(t *testing.T) {
	base, err := os.ReadFile("../fixtures/catalog/example-printer.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []string{
		string(base) + "\n---\n" + string(base),
		string(base) + "\n---\nid: other\n",
		string(base) + "\n---\n: : bad yaml [\n",
	} {
		_, err := Parse([]byte(doc), "two.yaml")
		if !errors.Is(err, ErrInvalidProfile) || !strings.Contains(err.Error(), "a second YAML document starts here") && !strings.Contains(err.Error(), "did not find expected") {
			t.Errorf("err = %v", err)
		}
	}
	// A document end marker alone is not a second document.
	if _, err := Parse(append(append([]byte{}, base...), "\n...\n"...), "end.yaml"); err != nil {
		t.Errorf("document end marker: %v", err)
	}
}

// Aliases that expand a small file into gigabytes are refused quickly and with
// little memory (issue 9 item 11: 40,000 aliases of one 100 KB string, 382 KB
// on disk, drove spine --json past 4.9 GB).
func TestProfileAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: bomb\nname: &s " + strings.Repeat("x", 100_000) + "\nnotes:\n")
	for range 40_000 {
		b.WriteString("  - *s\n")
	}
	if n := b.Len(); n < 300_000 || n > 400_000 {
		t.Fatalf("bomb is %d bytes", n)
	}
	start := time.Now()
	_, err := Parse([]byte(b.String()), "bomb.yaml")
	if !errors.Is(err, ErrInvalidProfile) || !errors.Is(err, yamldoc.ErrExpansion) || !strings.Contains(err.Error(), "aliases expand to more than 4.2 MB") {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	// Nested aliases (each level doubling) are bounded too.
	nested := "a0: &a0 [" + strings.Repeat("x", 10) + "]\n"
	for i := 1; i < 40; i++ {
		nested += "a" + strconv.Itoa(i) + ": &a" + strconv.Itoa(i) + " [*a" + strconv.Itoa(i-1) + ", *a" + strconv.Itoa(i-1) + "]\n"
	}
	if _, err := Parse([]byte(nested), "nested.yaml"); !errors.Is(err, ErrInvalidProfile) || !strings.Contains(err.Error(), "aliases expand") {
		t.Fatalf("nested: err = %v", err)
	}
}

// Only regular files are read: a directory or a named pipe is refused at once.
func TestLoadFileNotRegular(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadFile(dir); err == nil || !strings.Contains(err.Error(), "it is a directory, not a regular file") {
		t.Errorf("directory: err = %v", err)
	}
	if _, err := LoadFile(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("missing file: no error")
	}
}

// A profile that uses an alias sensibly still loads.
func TestProfileSmallAlias(t *testing.T) {
	base, err := os.ReadFile("../fixtures/catalog/example-printer.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(base), "name:", "x-unused: &n 1\nname:", 1)
	_, err = Parse([]byte(s), "small.yaml")
	if err == nil || strings.Contains(err.Error(), "alias") || !strings.Contains(err.Error(), "x-unused") {
		t.Errorf("err = %v (want the unknown key, not an alias error)", err)
	}
}
