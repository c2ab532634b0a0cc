package barcode

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/isbn"
	"golang.org/x/image/font/gofont/gomono"
)

// requireTool skips the test when a Debian tool the decode tests need is
// missing; `make tools` (and .ci/run) install them.
func requireTool(t *testing.T, name, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed (Debian package %s; run `make tools`): skipping the decode test", name, pkg)
	}
}

// zbar decodes an image file with zbarimg, the add-on decoder enabled, and
// returns its symbols as "TYPE:DATA" lines, sorted, e.g. "EAN-5:51995" and
// "ISBN-13:9781913588656".
func zbar(t *testing.T, file string) []string {
	t.Helper()
	cmd := exec.Command("zbarimg", "-q", "-Sean5.enable", "-Sisbn13.enable", file)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("zbarimg %s: %v\n%s%s", filepath.Base(file), err, out.String(), errb.String())
	}
	got := strings.Fields(out.String())
	slices.Sort(got)
	return got
}

func pdftoppm(t *testing.T, pdf string, dpi int) string {
	t.Helper()
	prefix := strings.TrimSuffix(pdf, ".pdf") + "-" + itoa(dpi)
	out, err := exec.Command("pdftoppm", "-r", itoa(dpi), "-png", "-singlefile", pdf, prefix).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	return prefix + ".png"
}

// The barcode drawn as PNG, and as PDF rasterised by poppler, scans back to
// the ISBN and the add-on at the smallest and nominal magnifications.
func TestDecodeWithZbar(t *testing.T) {
	requireTool(t, "zbarimg", "zbar-tools")
	dir := t.TempDir()
	cases := []struct {
		isbn, addon string
		mag         float64
	}{
		{"978-1-913588-65-6", "51995", 1.00},
		{"978-1-913588-65-6", "90000", 0.80},
		{"979-8-6505-3125-8", "62499", 0.92},
		{"0-8044-2957-X", "01299", 0.80},
	}
	for n, c := range cases {
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
		for _, dpi := range []int{300, 600} {
			var buf bytes.Buffer
			if err := s.WritePNG(&buf, dpi); err != nil {
				t.Fatal(err)
			}
			f := base + "-" + itoa(dpi) + ".png"
			os.WriteFile(f, buf.Bytes(), 0o644)
			if got := zbar(t, f); !slices.Equal(got, want) {
				t.Errorf("%s+%s at %.0f%%, PNG %d dpi: zbarimg read %q, want %q", c.isbn, c.addon, c.mag*100, dpi, got, want)
			}
		}
		if _, err := exec.LookPath("pdftoppm"); err != nil {
			continue
		}
		var buf bytes.Buffer
		if err := s.WritePDF(&buf); err != nil {
			t.Fatal(err)
		}
		pdf := base + ".pdf"
		os.WriteFile(pdf, buf.Bytes(), 0o644)
		for _, dpi := range []int{300, 600} {
			if got := zbar(t, pdftoppm(t, pdf, dpi)); !slices.Equal(got, want) {
				t.Errorf("%s+%s at %.0f%%, PDF via pdftoppm -r %d: zbarimg read %q, want %q", c.isbn, c.addon, c.mag*100, dpi, got, want)
			}
		}
	}
	requireTool(t, "pdftoppm", "poppler-utils")
}

func symbol(t *testing.T) *Symbol {
	t.Helper()
	s, _, err := Bookland(isbn.MustParse("9781913588656"), isbn.NoPrice, 1)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// writers are the symbol's output formats, for the determinism tests.
var writers = []struct {
	ext   string
	write func(*Symbol, *bytes.Buffer) error
}{
	{"pdf", func(s *Symbol, b *bytes.Buffer) error { return s.WritePDF(b) }},
	{"svg", func(s *Symbol, b *bytes.Buffer) error { return s.WriteSVG(b) }},
	{"png", func(s *Symbol, b *bytes.Buffer) error { return s.WritePNG(b, 300) }},
}

// The same symbol gives the same bytes, in every format, however many have
// been drawn before in the process; and drawing leaves the shared Go Mono
// font bytes as they were (fpdf once wrote into them, so the first PDF of a
// process differed from every later one).
func TestDeterministic(t *testing.T) {
	s := symbol(t)
	ttf := bytes.Clone(gomono.TTF)
	for _, w := range writers {
		var first bytes.Buffer
		if err := w.write(s, &first); err != nil || first.Len() == 0 {
			t.Fatalf("%s: %v (%d bytes)", w.ext, err, first.Len())
		}
		for i := range 3 {
			var b bytes.Buffer
			if err := w.write(s, &b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b.Bytes(), first.Bytes()) {
				t.Errorf("%s output differs between runs (run %d)", w.ext, i+2)
			}
		}
	}
	if !bytes.Equal(ttf, gomono.TTF) {
		t.Error("drawing changed the bytes of gomono.TTF")
	}
}

// childEnv names the directory a re-executed test binary writes its first
// renders to.
const childEnv = "COVERKIT_BARCODE_FIRST_RENDER_DIR"

// The first symbol drawn in a fresh process equals one drawn after others:
// the test binary is run again with only this test, so its render is the
// process's first whatever else ran here.
func TestDeterministicAcrossProcesses(t *testing.T) {
	if dir := os.Getenv(childEnv); dir != "" {
		for _, w := range writers {
			var b bytes.Buffer
			if err := w.write(symbol(t), &b); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "first."+w.ext), b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDeterministicAcrossProcesses$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("re-running the test binary: %v\n%s", err, out)
	}
	s := symbol(t)
	for _, w := range writers {
		for range 2 { // this process has drawn before: its second and third
			var b bytes.Buffer
			if err := w.write(s, &b); err != nil {
				t.Fatal(err)
			}
			first, err := os.ReadFile(filepath.Join(dir, "first."+w.ext))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b.Bytes(), first) {
				t.Errorf("%s: the first render of a fresh process differs from a later one", w.ext)
			}
		}
	}
}

// Bars and text are painted with K only (DeviceCMYK 0 0 0 1), never RGB or
// grey, and the page is exactly the symbol.
func TestPDFBlackIsKOnly(t *testing.T) {
	s := symbol(t)
	var buf bytes.Buffer
	if err := s.WritePDF(&buf); err != nil {
		t.Fatal(err)
	}
	var content []byte
	for _, m := range regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`).FindAllSubmatch(buf.Bytes(), -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		var b bytes.Buffer
		b.ReadFrom(r)
		if bytes.Contains(b.Bytes(), []byte(" re f")) {
			content = b.Bytes()
		}
	}
	if content == nil {
		t.Fatal("no page content stream found")
	}
	c := string(content)
	paint := c[strings.Index(c, "0 0 0 1 k"):]
	if strings.Contains(paint, " rg") || strings.Contains(paint, " g\n") || strings.Count(paint, " k\n") != 1 {
		t.Errorf("colour changes after the K-only black:\n%.400s", paint)
	}
	if n := strings.Count(paint, " re f"); n != len(s.Bars) {
		t.Errorf("%d filled rectangles after K black, want %d bars", n, len(s.Bars))
	}
	if !strings.Contains(paint, "Tj") {
		t.Error("no text drawn in K black")
	}
	w := regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`).FindSubmatch(buf.Bytes())
	if want := fmt.Sprintf("%.2f %.2f", s.Width*72, s.Height*72); w == nil || string(w[1])+" "+string(w[2]) != want {
		t.Errorf("MediaBox %q, want the symbol's %s pt", w, want)
	}
}

func TestPNGResolution(t *testing.T) {
	s := symbol(t)
	var buf bytes.Buffer
	if err := s.WritePNG(&buf, 600); err != nil {
		t.Fatal(err)
	}
	p := buf.Bytes()
	k := bytes.Index(p, []byte("pHYs"))
	if k < 0 || k > 40 {
		t.Fatal("no pHYs chunk after IHDR")
	}
	if x, y, unit := binary.BigEndian.Uint32(p[k+4:]), binary.BigEndian.Uint32(p[k+8:]), p[k+12]; x != 23622 || y != 23622 || unit != 1 {
		t.Errorf("pHYs %d x %d unit %d, want 23622 px/m (600 dpi)", x, y, unit)
	}
	img, err := png.Decode(bytes.NewReader(p))
	if err != nil {
		t.Fatalf("decode: %v (bad chunk CRC?)", err)
	}
	if b := img.Bounds(); b.Dx() != int(math.Ceil(s.Width*600)) || b.Dy() != int(math.Ceil(s.Height*600)) {
		t.Errorf("size %v, want %.4f x %.4f in at 600 dpi", b.Size(), s.Width, s.Height)
	}
	// Bars are crisp: along a row through the bars every pixel is pure
	// black or pure white.
	y := int(0.5 * float64(img.Bounds().Dy()))
	for x := 0; x < img.Bounds().Dx(); x++ {
		if r, _, _, _ := img.At(x, y).RGBA(); r != 0 && r != 0xffff {
			t.Fatalf("grey pixel %d at (%d,%d)", r>>8, x, y)
		}
	}
	for _, dpi := range []int{100, 5000} {
		if err := s.WritePNG(&bytes.Buffer{}, dpi); err == nil {
			t.Errorf("dpi %d accepted", dpi)
		}
	}
}

func TestSVGWellFormed(t *testing.T) {
	s := symbol(t)
	var buf bytes.Buffer
	if err := s.WriteSVG(&buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Width string `xml:"width,attr"`
		G     []struct {
			Rects []struct{} `xml:"rect"`
			Texts []string   `xml:"text"`
		} `xml:"g"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Width != fmt.Sprintf("%.4fin", s.Width) || len(doc.G) != 2 || len(doc.G[0].Rects) != len(s.Bars) || len(doc.G[1].Texts) != len(s.Texts) {
		t.Errorf("svg: width %s, %d groups", doc.Width, len(doc.G))
	}
	if last := doc.G[1].Texts[len(doc.G[1].Texts)-1]; last != "ISBN 978-1-913588-65-6" {
		t.Errorf("last text %q", last)
	}
}

// The embedded Go Mono is named as the subset it is ("ABCDEF+GoMono"), with
// a tag that depends on the text drawn, and the file's offsets still hold
// (the name is replaced at the same length; pdfcpu-free check: qpdf where
// installed).
func TestPDFSubsetName(t *testing.T) {
	s := symbol(t)
	var buf bytes.Buffer
	if err := s.WritePDF(&buf); err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile(`/(?:BaseFont|FontName) ?/([A-Z]{6})\+GoMono\b`).FindAllSubmatch(buf.Bytes(), -1)
	if len(names) < 2 || bytes.Contains(buf.Bytes(), []byte("utf8")) {
		t.Fatalf("font names %q, want the tagged subset name for the font and its descriptor", names)
	}
	if _, err := exec.LookPath("qpdf"); err == nil {
		path := filepath.Join(t.TempDir(), "b.pdf")
		os.WriteFile(path, buf.Bytes(), 0o644)
		if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	}
}
