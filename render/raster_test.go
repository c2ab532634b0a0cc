package render

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/coverkit/coverkit/spine"
)

// probe is a point on the sheet (inches) and the colour expected there.
type probe struct {
	what string
	x, y float64
	want col
}

// probes for the KDP 6x9 paperback (bleed and safe margin 0.125 in), at
// spots no label covers.
func kdpProbes(t *testing.T, l *spine.Layout) []probe {
	t.Helper()
	sb, _ := l.Zone(spine.ZoneSafeBack)
	sf, _ := l.Zone(spine.ZoneSafeFront)
	midY := f64(l.Sheet.H) / 2
	return []probe{
		{"left bleed", 0.06, midY, colBleed},
		{"bottom bleed", 3, f64(l.Sheet.H) - 0.06, colBleed},
		{"back margin (inside trim, outside live area)", 0.19, midY, colMargin},
		{"live area of the back", f64(sb.X) + 0.5, f64(sb.Y) + 6.0, colLive},
		{"live area of the front", f64(sf.X) + 0.3, f64(sf.Bottom()) - 1.2, colLive},
		{"barcode box", 3.875 + 0.1, 7.675 + 0.08, colBarcode},
	}
}

func colourAt(img image.Image, x, y float64, dpi int) (r, g, b uint8) {
	px, py := int(x*float64(dpi)), int(y*float64(dpi))
	c := img.At(px, py)
	R, G, B, _ := c.RGBA()
	return uint8(R >> 8), uint8(G >> 8), uint8(B >> 8)
}

func near(r, g, b uint8, want col) bool {
	wr, wg, wb := want.rgb()
	d := math.Abs(float64(r)-float64(wr)) + math.Abs(float64(g)-float64(wg)) + math.Abs(float64(b)-float64(wb))
	return d <= 12
}

// TestPDFRasterized rasterizes the PDF with poppler's pdftoppm and checks the
// colours of bleed, margin, live area and barcode box; then checks the same
// spots in coverkit's own PNG, so the two drawings agree.
func TestPDFRasterized(t *testing.T) {
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm not on PATH: install poppler-utils (make tools) to run this test")
	}
	const dpi = 100
	l := goldenBooks[0].layout(t)
	dir := t.TempDir()
	pdfPath := filepath.Join(dir, "t.pdf")
	if err := os.WriteFile(pdfPath, render(t, format{"pdf", PDF}, l, Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "t")
	if b, err := exec.Command(tool, "-png", "-r", "100", "-singlefile", pdfPath, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, b)
	}
	f, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	popp, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	w, h := pixelSize(l, dpi)
	if got := popp.Bounds().Size(); got.X != w || got.Y != h {
		t.Errorf("pdftoppm page %dx%d px at %d dpi, want %dx%d", got.X, got.Y, dpi, w, h)
	}
	ours, err := png.Decode(bytes.NewReader(render(t, format{"png", PNG}, l, Options{DPI: dpi})))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range kdpProbes(t, l) {
		for name, img := range map[string]image.Image{"pdftoppm": popp, "png": ours} {
			if r, g, b := colourAt(img, p.x, p.y, dpi); !near(r, g, b, p.want) {
				t.Errorf("%s: %s at (%.2f, %.2f) in is #%02x%02x%02x, want %s", name, p.what, p.x, p.y, r, g, b, hex(p.want))
			}
		}
	}
	// The trim line: a dark pixel where the left trim edge crosses mid-height.
	for name, img := range map[string]image.Image{"pdftoppm": popp, "png": ours} {
		darkest := 255
		y := int(f64(l.Sheet.H) / 2 * dpi)
		for x := 10; x <= 15; x++ { // trim at 0.125 in = 12.5 px
			r, _, _, _ := img.At(x, y).RGBA()
			darkest = min(darkest, int(r>>8))
		}
		if darkest > 140 {
			t.Errorf("%s: no trim line near x=12.5 px (darkest red %d)", name, darkest)
		}
	}
}
