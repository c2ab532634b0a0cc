package barcode

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/isbn"
)

// TestPrintFormatsDecode: the EPS (rasterised by Ghostscript), the SVG
// (rasterised by Inkscape, when installed), the PNG and the TIFF at 1 and 8
// bits all scan back to the ISBN and the add-on, at the smallest and the
// nominal magnification.
func TestPrintFormatsDecode(t *testing.T) {
	requireTool(t, "zbarimg", "zbar-tools")
	requireTool(t, "gs", "ghostscript")
	dir := t.TempDir()
	for n, c := range []struct {
		isbn, addon string
		mag         float64
	}{
		{"978-1-913588-65-6", "51995", 1.00},
		{"979-8-6505-3125-8", "90000", 0.80},
	} {
		i := isbn.MustParse(c.isbn)
		a, err := isbn.ParseAddon(c.addon)
		if err != nil {
			t.Fatal(err)
		}
		s, _, err := Bookland(i, a, c.mag)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"EAN-5:" + c.addon, "ISBN-13:" + i.String()}
		base := filepath.Join(dir, "b"+itoa(n))
		files := map[string]func(*bytes.Buffer) error{
			".eps":   func(b *bytes.Buffer) error { return s.WriteEPS(b) },
			"-1.png": func(b *bytes.Buffer) error { return s.WritePNGDepth(b, 600, 1) },
			"-8.png": func(b *bytes.Buffer) error { return s.WritePNGDepth(b, 600, 8) },
			"-1.tif": func(b *bytes.Buffer) error { return s.WriteTIFF(b, 600, 1) },
			"-8.tif": func(b *bytes.Buffer) error { return s.WriteTIFF(b, 300, 8) },
		}
		if _, err := exec.LookPath("inkscape"); err == nil {
			files[".svg"] = func(b *bytes.Buffer) error { return s.WriteSVG(b) }
		}
		for suffix, write := range files {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			f := base + suffix
			if err := os.WriteFile(f, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			scan := f
			if suffix == ".svg" {
				scan = base + "-svg.png"
				cmd := exec.Command("inkscape", f, "--export-type=png", "--export-dpi=600", "--export-background=white", "--export-filename="+scan)
				cmd.Env = append(os.Environ(), "HOME="+dir)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("inkscape %s: %v\n%s", f, err, out)
				}
			}
			if suffix == ".eps" {
				scan = base + "-eps.png"
				if out, err := exec.Command("gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dEPSCrop", "-r600", "-sDEVICE=pnggray", "-o", scan, f).CombinedOutput(); err != nil {
					t.Fatalf("gs %s: %v\n%s", f, err, out)
				}
			}
			if got := zbar(t, scan); !slices.Equal(got, want) {
				t.Errorf("%s+%s at %.0f%%, %s: zbarimg read %q, want %q", c.isbn, c.addon, c.mag*100, suffix, got, want)
			}
		}
	}
}

// TestEPSInK: the EPS paints in 100 % K only (a white ground, then
// 0 0 0 1 setcmykcolor), with no other colour operator, no font, and a
// bounding box of the symbol's size.
func TestEPSInK(t *testing.T) {
	s, _, err := Bookland(isbn.MustParse("978-1-913588-65-6"), isbn.NoPrice, 1)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.WriteEPS(&b); err != nil {
		t.Fatal(err)
	}
	eps := b.String()
	if !strings.HasPrefix(eps, "%!PS-Adobe-3.0 EPSF-3.0\n") {
		t.Fatalf("not an EPSF-3.0 file")
	}
	colours := regexp.MustCompile(`[\d.]+ [\d.]+ [\d.]+ [\d.]+ setcmykcolor|setrgbcolor|setgray|sethsbcolor|findfont|show\b`).FindAllString(eps, -1)
	if !slices.Equal(colours, []string{"0 0 0 0 setcmykcolor", "0 0 0 1 setcmykcolor"}) {
		t.Errorf("EPS colour and font operators %q, want the white ground then 100%% K", colours)
	}
	hi := regexp.MustCompile(`%%HiResBoundingBox: 0 0 ([\d.]+) ([\d.]+)`).FindStringSubmatch(eps)
	if hi == nil || hi[1] != strconvF(s.Width*72) || hi[2] != strconvF(s.Height*72) {
		t.Errorf("EPS bounding box %q, want the symbol %.3f x %.3f pt", hi, s.Width*72, s.Height*72)
	}
	var again bytes.Buffer
	s.WriteEPS(&again)
	if again.String() != eps {
		t.Errorf("EPS output is not deterministic")
	}
}

// TestRasterRecordsResolution: ImageMagick reads the TIFF and PNG at their
// resolution, greyscale (or bilevel), never RGB.
func TestRasterRecordsResolution(t *testing.T) {
	requireTool(t, "identify", "imagemagick")
	s, _, err := Bookland(isbn.MustParse("978-1-913588-65-6"), isbn.NoPrice, 1)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, c := range []struct {
		name  string
		write func(*bytes.Buffer) error
		want  string
	}{
		{"a.tif", func(b *bytes.Buffer) error { return s.WriteTIFF(b, 600, 8) }, "600x600 PixelsPerInch Grayscale 8"},
		{"b.tif", func(b *bytes.Buffer) error { return s.WriteTIFF(b, 1200, 1) }, "1200x1200 PixelsPerInch Bilevel 1"},
		{"c.png", func(b *bytes.Buffer) error { return s.WritePNGDepth(b, 600, 1) }, "PixelsPerCentimeter Bilevel"},
		{"d.png", func(b *bytes.Buffer) error { return s.WritePNGDepth(b, 600, 8) }, "PixelsPerCentimeter Grayscale"},
	} {
		var b bytes.Buffer
		if err := c.write(&b); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(c.name, ".png") {
			// IHDR: bit depth, then colour type 0 (greyscale).
			p := b.Bytes()
			if depth := map[string]byte{"c.png": 1, "d.png": 8}[c.name]; p[24] != depth || p[25] != 0 {
				t.Errorf("%s: IHDR bit depth %d colour type %d, want %d-bit greyscale", c.name, p[24], p[25], depth)
			}
		}
		f := filepath.Join(dir, c.name)
		os.WriteFile(f, b.Bytes(), 0o644)
		out, err := exec.Command("identify", "-format", "%x x%y %U %[type] %z", f).CombinedOutput()
		if err != nil {
			t.Fatalf("identify %s: %v\n%s", c.name, err, out)
		}
		got := strings.Join(strings.Fields(strings.ReplaceAll(string(out), " x", "x")), " ")
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: identify says %q, want %q", c.name, got, c.want)
		}
	}
}

func strconvF(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
