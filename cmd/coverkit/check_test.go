package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// --overlay opens an encrypted cover with --password, as the check does
// (issue 9 item 20): the proof is written.
func TestCheckOverlayPassword(t *testing.T) {
	dir := t.TempDir()
	// KDP 6x9 in, 300 pages, white: a 12.9256 x 9.25 in sheet (kdp.md section 5).
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "in", Size: fpdf.SizeType{Wd: 12.9256, Ht: 9.25}})
	pdf.SetProtection(0, "secret", "owner")
	pdf.AddPage()
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	cover := filepath.Join(dir, "cover.pdf")
	if err := os.WriteFile(cover, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	proof := filepath.Join(dir, "proof.pdf")
	check := func(password string) (int, string) {
		var out, errb bytes.Buffer
		code := run([]string{"check", cover, "-p", "kdp", "-t", "6x9", "-n", "300", "--password", password, "--overlay", proof},
			strings.NewReader(""), &out, &errb)
		return code, errb.String()
	}
	// The user password opens the file for checking, but its permission bits
	// forbid changes: the error says so and what would work.
	if code, stderr := check("secret"); code != exitFail || !strings.Contains(stderr, "permissions forbid changing it; give its owner password") {
		t.Errorf("user password: exit %d, stderr %q", code, stderr)
	}
	if code, stderr := check("owner"); code == exitUsage || code == exitInternal || !strings.Contains(stderr, "coverkit: wrote "+proof) {
		t.Fatalf("owner password: exit %d, stderr %q", code, stderr)
	}
	if fi, err := os.Stat(proof); err != nil || fi.Size() == 0 {
		t.Fatalf("proof: %v", err)
	}
}
