package render

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/isbn"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// A subset font is a valid TrueType font whose glyphs, reached through its
// cmap, have the original font's advances.
func TestSubsetFontIsValid(t *testing.T) {
	for f := range numFaces {
		ff := fonts()[f]
		runes := []rune("Hé Ж—ßÅ(1)")
		cmap := map[rune]uint16{}
		var use []uint16
		for _, r := range runes {
			cmap[r] = ff.gid[r]
			use = append(use, ff.gid[r])
		}
		sub := ff.tt.subset(use)
		data := ff.tt.subsetTTF(sub, cmap)
		sf, err := sfnt.Parse(data)
		if err != nil {
			t.Fatalf("%s: the subset does not parse: %v", ff.psName, err)
		}
		if sf.NumGlyphs() != len(sub.old) || len(sub.old) > len(runes)+8 {
			t.Errorf("%s: %d glyphs for %d letters (%d kept)", ff.psName, sf.NumGlyphs(), len(runes), len(sub.old))
		}
		var buf sfnt.Buffer
		ppem := fixed.Int26_6(sf.UnitsPerEm()) << 6
		for _, r := range runes {
			g, err := sf.GlyphIndex(&buf, r)
			if err != nil || g == 0 {
				t.Fatalf("%s: %q not in the subset's cmap (%v)", ff.psName, r, err)
			}
			a, err := sf.GlyphAdvance(&buf, g, ppem, font.HintingNone)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := float64(a)/64/ff.upem, ff.adv[r]; got != want {
				t.Errorf("%s: %q advance %v, want %v", ff.psName, r, got, want)
			}
			if _, err := sf.LoadGlyph(&buf, g, ppem, nil); err != nil {
				t.Errorf("%s: %q outline: %v", ff.psName, r, err)
			}
		}
	}
}

var subsetName = regexp.MustCompile(`/BaseFont/([A-Z]{6})\+(Go-[A-Za-z]+)`)

// Every font in a template is a subset with a tag, a template with title,
// author and barcode stays under 25 KB, and its text extracts as written
// (pdffonts and pdftotext check what viewers will see, where installed).
func TestPDFSubsetFonts(t *testing.T) {
	l := goldenBooks[0].layout(t)
	sym, _, err := FitBarcode(l, isbn.MustParse("978-1-913588-65-6"), isbn.NoPrice)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, title, author string
		maxSize             int
	}{
		{"latin", "The Long Road Home", "Jane Q. Writer", 25_000},
		{"cyrillic", "Война и мир", "Лев Толстой", 25_000},
	} {
		pdf := render(t, format{"pdf", PDF}, l, Options{Title: tc.title, Author: tc.author, Barcode: sym})
		if len(pdf) > tc.maxSize {
			t.Errorf("%s: %d bytes, want at most %d", tc.name, len(pdf), tc.maxSize)
		}
		names := map[string]bool{}
		for _, m := range subsetName.FindAllSubmatch(pdf, -1) {
			names[string(m[0])] = true
		}
		if len(names) != 3 { // regular, bold, mono (the barcode digits)
			t.Errorf("%s: %d tagged subset fonts, want 3", tc.name, len(names))
		}
		if n := bytes.Count(pdf, []byte("/ToUnicode")); n != len(names) {
			t.Errorf("%s: %d ToUnicode maps for %d fonts", tc.name, n, len(names))
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "t.pdf")
		os.WriteFile(path, pdf, 0o644)
		if _, err := exec.LookPath("pdffonts"); err == nil {
			out, err := exec.Command("pdffonts", path).CombinedOutput()
			if err != nil {
				t.Fatalf("pdffonts: %v\n%s", err, out)
			}
			for _, line := range strings.Split(string(out), "\n")[2:] {
				// name type encoding emb sub uni object ID
				if f := strings.Fields(line); len(f) >= 7 && (f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" || !subsetName.MatchString("/BaseFont/"+f[0])) {
					t.Errorf("%s: pdffonts: %q is not embedded, subset and mapped to Unicode", tc.name, line)
				}
			}
		}
		if _, err := exec.LookPath("pdftotext"); err == nil {
			out, err := exec.Command("pdftotext", path, "-").CombinedOutput()
			if err != nil {
				t.Fatalf("pdftotext: %v\n%s", err, out)
			}
			for _, want := range []string{tc.title, tc.author, "ISBN 978-1-913588-65-6", "HIDE THE TEMPLATE LAYERS BEFORE EXPORT", "Amazon KDP"} {
				if !strings.Contains(string(out), want) {
					t.Errorf("%s: pdftotext does not find %q", tc.name, want)
				}
			}
		}
	}
}
