package render

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/paper"
)

// TestTextOutline: with TextOutline the PDF embeds no font and holds no text
// operator, yet renders like the template with text (poppler at 100 dpi:
// no 4 x 4 block differs by more than anti-aliasing does; the outlines are
// the same glyphs at the same places).
func TestTextOutline(t *testing.T) {
	l := computeBook(t, "kdp", paper.Hardcover, "white", "6x9", 300)
	o := Options{Title: "The Long Road Home", Author: "Jane Q. Writer", Version: "test"}
	var text, outl bytes.Buffer
	if err := PDF(&text, l, o); err != nil {
		t.Fatal(err)
	}
	o.TextOutline = true
	if err := PDF(&outl, l, o); err != nil {
		t.Fatal(err)
	}
	if s := outl.String(); strings.Contains(s, "/Font") || strings.Contains(s, "/FontFile") {
		t.Errorf("outlined PDF still embeds a font")
	}
	if !strings.Contains(text.String(), "/FontFile2") {
		t.Fatalf("the text PDF has no font: the test compares nothing")
	}
	needProgram(t, "pdftoppm")
	dir := t.TempDir()
	a, b := filepath.Join(dir, "text.pdf"), filepath.Join(dir, "outline.pdf")
	os.WriteFile(a, text.Bytes(), 0o644)
	os.WriteFile(b, outl.Bytes(), 0o644)
	const dpi, k = 100, 4
	ga, gb := grey(t, a, dpi), grey(t, b, dpi)
	if len(ga) != len(gb) {
		t.Fatalf("rasters differ in size")
	}
	// Anti-aliasing differs between text and paths, a pixel here and there;
	// a glyph missing or out of place darkens or clears whole 4 x 4 blocks.
	w := int(f64(l.Sheet.W)*dpi + 0.999)
	h := len(ga) / w
	if w*h != len(ga) {
		t.Fatalf("raster of %d pixels is not %d wide", len(ga), w)
	}
	worst := 0.0
	for by := 0; by+k <= h; by += k {
		for bx := 0; bx+k <= w; bx += k {
			d := 0
			for j := range k {
				for i := range k {
					d += int(ga[(by+j)*w+bx+i]) - int(gb[(by+j)*w+bx+i])
				}
			}
			worst = max(worst, float64(max(d, -d))/(k*k))
		}
	}
	if worst > 90 {
		t.Errorf("outlined labels differ from the text ones by %.0f grey levels in a 4 x 4 block at %d dpi", worst, dpi)
	}
}

// grey renders a one-page PDF at dpi as 8-bit grey pixels (PGM body).
func grey(t *testing.T, pdf string, dpi int) []byte {
	t.Helper()
	out, err := exec.Command("pdftoppm", "-r", strconv.Itoa(dpi), "-gray", "-singlefile", pdf).Output()
	if err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	// "P5\n<w> <h>\n255\n"
	for i, nl := 0, 0; i < len(out); i++ {
		if out[i] == '\n' {
			nl++
			if nl == 3 {
				return out[i+1:]
			}
		}
	}
	t.Fatal("pdftoppm: not a PGM")
	return nil
}

// TestTextOutlineInInkscape: Inkscape, importing the template PDF, re-sets
// its labels as text in whatever font it finds for "Go"; with TextOutline it
// gets shapes alone, nothing to substitute.
func TestTextOutlineInInkscape(t *testing.T) {
	needProgram(t, "inkscape")
	l := computeBook(t, "kdp", paper.Paperback, "white", "6x9", 300)
	dir := t.TempDir()
	for _, outline := range []bool{false, true} {
		pdf := filepath.Join(dir, "t"+strconv.FormatBool(outline)+".pdf")
		writeFile(t, pdf, func(b *bytes.Buffer) error { return PDF(b, l, Options{TextOutline: outline}) })
		svg := pdf + ".svg"
		cmd := exec.Command("inkscape", pdf, "--export-type=svg", "--export-plain-svg", "--export-filename="+svg)
		cmd.Env = append(os.Environ(), "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("inkscape: %v\n%s", err, out)
		}
		b, err := os.ReadFile(svg)
		if err != nil {
			t.Fatal(err)
		}
		n := strings.Count(string(b), "<text")
		if outline && n != 0 {
			t.Errorf("Inkscape imported %d text elements from the outlined PDF, want none", n)
		}
		if !outline && n == 0 {
			t.Errorf("Inkscape imported no text from the PDF with fonts: the test checks nothing")
		}
	}
}
