package cover_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/isbn"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/preflight"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
	"github.com/hhrutter/tiff"
)

// Art colours, in CMYK for printers that want CMYK and as the RGB a
// renderer shows for them. classify reduces a rendered pixel to which of
// R, G and B are above half, so red, green, blue, yellow, magenta, white and
// black are told apart whatever colour management the rasteriser applies.
var (
	red     = paint{color.RGBA{230, 20, 30, 255}, color.CMYK{0, 255, 255, 0}, "100"}
	blue    = paint{color.RGBA{30, 40, 200, 255}, color.CMYK{255, 200, 0, 0}, "001"}
	green   = paint{color.RGBA{20, 180, 60, 255}, color.CMYK{255, 0, 255, 0}, "010"}
	yellow  = paint{color.RGBA{240, 230, 20, 255}, color.CMYK{0, 0, 255, 0}, "110"}
	magenta = "101"
	white   = "111"
)

type paint struct {
	rgb  color.RGBA
	cmyk color.CMYK
	code string
}

func classify(c color.Color) string {
	r, g, b, _ := c.RGBA()
	bit := func(v uint32) string {
		if v > 0x8000 {
			return "1"
		}
		return "0"
	}
	return bit(r) + bit(g) + bit(b)
}

func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (poppler-utils / zbar-tools): pixel checks skipped", name)
	}
	return p
}

// rasterise renders page 1 of pdf at dpi with pdftoppm; crop, when not nil,
// is x, y, w, h in pixels.
func rasterise(t testing.TB, pdf []byte, dpi int, crop []int) image.Image {
	t.Helper()
	tool := needTool(t, "pdftoppm")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-png", "-r", fmt.Sprint(dpi), "-singlefile"}
	if crop != nil {
		args = append(args, "-x", fmt.Sprint(crop[0]), "-y", fmt.Sprint(crop[1]), "-W", fmt.Sprint(crop[2]), "-H", fmt.Sprint(crop[3]))
	}
	args = append(args, in, filepath.Join(dir, "out"))
	if out, err := exec.Command(tool, args...).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "out.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

var artCache sync.Map

// art returns cached test art: an RGB JPEG or PNG, or a CMYK TIFF.
func art(t testing.TB, kind string, p paint, w, h int) *cover.Art {
	t.Helper()
	key := fmt.Sprint(kind, p.code, w, h)
	if a, ok := artCache.Load(key); ok {
		return a.(*cover.Art)
	}
	var buf bytes.Buffer
	var err error
	switch kind {
	case "jpeg", "png":
		m := image.NewRGBA(image.Rect(0, 0, w, h))
		for i := 0; i < len(m.Pix); i += 4 {
			m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = p.rgb.R, p.rgb.G, p.rgb.B, 255
		}
		if kind == "jpeg" {
			err = jpeg.Encode(&buf, m, &jpeg.Options{Quality: 90})
		} else {
			err = png.Encode(&buf, m)
		}
	case "tiff":
		m := image.NewCMYK(image.Rect(0, 0, w, h))
		for i := 0; i < len(m.Pix); i += 4 {
			m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = p.cmyk.C, p.cmyk.M, p.cmyk.Y, p.cmyk.K
		}
		err = tiff.Encode(&buf, m, &tiff.Options{Compression: tiff.Deflate})
	}
	if err != nil {
		t.Fatal(err)
	}
	a, err := cover.ReadArt(key+"."+kind, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	artCache.Store(key, a)
	return a
}

func layout(t testing.TB, p *paper.Printer, b paper.BindingKind, pages int) *spine.Layout {
	t.Helper()
	trim, _ := paper.ParseTrim("6x9")
	l, err := spine.Compute(p, spine.Request{Binding: b, Paper: "white", Trim: trim, Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func symbol(t testing.TB, l *spine.Layout) *barcode.Symbol {
	t.Helper()
	i, err := isbn.Parse("978-1-913588-65-6")
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := render.FitBarcode(l, i, isbn.NoPrice)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// request is the art for a printer: CMYK TIFF where the printer wants CMYK,
// RGB JPEG and PNG elsewhere; 2100 x 3150 px is at least 300 ppi on every
// panel, board or jacket panel of a 6x9 book.
func request(t testing.TB, p *paper.Printer) *cover.Request {
	cmyk := p.CoverFile.Color != nil
	r := &cover.Request{Title: "The Long Watch", Author: "A. Writer"}
	mg, _ := cover.ParseColor("cmyk(0,100,0,0)")
	r.FlapColor = &mg
	if cmyk {
		r.Front, r.Back = art(t, "tiff", red, 2100, 3150), art(t, "tiff", blue, 2100, 3150)
		r.SpineArt = art(t, "tiff", green, 330, 3150)
		r.FrontFlap = art(t, "tiff", yellow, 1200, 3150)
	} else {
		r.Front, r.Back = art(t, "jpeg", red, 2100, 3150), art(t, "png", blue, 2100, 3150)
		r.SpineArt = art(t, "png", green, 330, 3150)
		r.FrontFlap = art(t, "jpeg", yellow, 1200, 3150)
	}
	return r
}

type combo struct {
	p *paper.Printer
	b paper.BindingKind
}

func combos() []combo {
	var out []combo
	for _, p := range paper.Default().Printers {
		for _, b := range []paper.BindingKind{paper.Paperback, paper.Hardcover, paper.Jacket} {
			if p.Binding(b) != nil {
				out = append(out, combo{p, b})
			}
		}
	}
	return out
}

// TestPlacementByPixels builds a cover for every printer and binding,
// rasterises it and looks at the pixels: each panel's centre, the spine, the
// flaps, a point in the bleed (or wrap) at every outer edge; the barcode is
// decoded with zbarimg; and the cover passes coverkit check for its printer.
func TestPlacementByPixels(t *testing.T) {
	needTool(t, "pdftoppm")
	for _, c := range combos() {
		t.Run(c.p.ID+"_"+string(c.b), func(t *testing.T) {
			l := layout(t, c.p, c.b, 300)
			r := request(t, c.p)
			r.Barcode = symbol(t, l)
			cv, err := cover.Build(l, c.p, r)
			if err != nil {
				t.Fatal(err)
			}
			const dpi = 36
			img := rasterise(t, cv.PDF, dpi, nil)
			W, H := l.Sheet.W.InexactFloat64(), l.Sheet.H.InexactFloat64()
			at := func(x, y float64) string { return classify(img.At(int(x*dpi), int(y*dpi))) }
			centre := func(zone string) (float64, float64) {
				z, ok := l.Zone(zone)
				if !ok {
					t.Fatalf("no zone %s", zone)
				}
				return z.X.InexactFloat64() + z.W.InexactFloat64()/2, z.Y.InexactFloat64() + z.H.InexactFloat64()*0.4
			}
			want := func(what, got, code string) {
				t.Helper()
				if got != code {
					t.Errorf("%s: colour class %s, want %s", what, got, code)
				}
			}
			fx, fy := centre(spine.ZoneFront)
			bx, by := centre(spine.ZoneBack)
			sx, sy := centre(spine.ZoneSpine)
			want("front centre", at(fx, fy), red.code)
			want("back centre", at(bx, by), blue.code)
			// The spine's middle carries the title: look between it and the trim.
			want("spine above its text", at(sx, l.Bleed.Add(l.Wrap).InexactFloat64()+0.06), green.code)
			_ = sy
			edge := 0.04 // inches from the sheet edge: inside every bleed and wrap
			want("front top bleed", at(fx, edge), red.code)
			want("front bottom bleed", at(fx, H-edge), red.code)
			want("back top bleed", at(bx, edge), blue.code)
			want("spine top bleed", at(sx, edge), green.code)
			left, right := blue.code, red.code
			if c.b == paper.Jacket {
				left, right = magenta, yellow.code
				fl, fly := centre(spine.ZoneFlapFront)
				bl, bly := centre(spine.ZoneFlapBack)
				want("front flap centre", at(fl, fly), yellow.code)
				want("back flap centre", at(bl, bly), magenta)
			}
			want("left bleed", at(edge, H/2), left)
			want("right bleed", at(W-edge, H/2), right)

			// The barcode: a white box, decoded.
			z, _ := l.Zone(spine.ZoneBarcode)
			want("barcode box corner", at(z.X.InexactFloat64()+0.03, z.Y.InexactFloat64()+0.03), white)
			needTool(t, "zbarimg")
			const bdpi = 300
			crop := []int{int(z.X.InexactFloat64()*bdpi) - 30, int(z.Y.InexactFloat64()*bdpi) - 30, int(z.W.InexactFloat64()*bdpi) + 60, int(z.H.InexactFloat64()*bdpi) + 60}
			bimg := rasterise(t, cv.PDF, bdpi, crop)
			if got := zbar(t, bimg); !strings.Contains(got, "9781913588656") {
				t.Errorf("zbarimg read %q, want the ISBN 9781913588656", got)
			}

			// coverkit check, for the cover's own printer.
			rep := check(t, cv.PDF, l, c.p)
			if rep.Status == preflight.Fail {
				t.Errorf("check fails:\n%s", results(rep))
			}
			if c.p.CoverFile.PDFX != nil && cv.PDFX == "" {
				t.Errorf("%s wants PDF/X and the art is CMYK, but no PDF/X was declared: %v", c.p.ID, cv.Notes)
			}
		})
	}
}

func zbar(t testing.TB, img image.Image) string {
	t.Helper()
	tool := needTool(t, "zbarimg")
	f := filepath.Join(t.TempDir(), "bc.png")
	var b bytes.Buffer
	png.Encode(&b, img)
	os.WriteFile(f, b.Bytes(), 0o644)
	out, _ := exec.Command(tool, "-q", f).Output()
	return string(out)
}

func check(t testing.TB, pdf []byte, l *spine.Layout, p *paper.Printer) *preflight.PrinterReport {
	t.Helper()
	f, err := preflight.Read(context.Background(), bytes.NewReader(pdf), preflight.Options{})
	if err != nil {
		t.Fatal(err)
	}
	trim, _ := paper.ParseTrim("6x9")
	rep := preflight.CheckCover(f, []preflight.Target{{Printer: p, Layout: l, Trim: trim}}, preflight.CheckOptions{})
	return &rep.Printers[0]
}

func results(pr *preflight.PrinterReport) string {
	var b strings.Builder
	for _, r := range pr.Results {
		fmt.Fprintf(&b, "  %s %s: %s\n", r.Status, r.Check, r.Message)
	}
	return b.String()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
