package render

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/spine"
)

// TestGuidesStyle: the guides-only overlay fills nothing, outlines every
// guide line of [Guides], and writes a PNG with an alpha channel (a
// transparent ground) at the sheet's size and resolution; the PDF and SVG
// paint the same fill-free display list.
func TestGuidesStyle(t *testing.T) {
	eachLayout(t, func(name string, l *spine.Layout) {
		g, err := NewGuides(l, Options{DPI: 20})
		if err != nil {
			t.Fatal(err)
		}
		var xs, ys []float64 // edges drawn on the guides layer
		for _, ly := range g.s.Layers {
			for _, it := range ly.Items {
				if (it.Kind == kRect || it.Kind == kPoly) && it.Fill != none {
					t.Fatalf("%s: layer %s fills a %v shape", name, ly.ID, it.Kind)
				}
				if ly.ID == "guides" {
					xs = append(xs, it.X, it.X+it.W)
					ys = append(ys, it.Y, it.Y+it.H)
				}
			}
		}
		has := func(vs []float64, v float64) bool {
			for _, x := range vs {
				if math.Abs(x-v) < 1e-6 {
					return true
				}
			}
			return false
		}
		for _, gd := range Guides(l) {
			if (gd.Vertical && !has(xs, gd.Points())) || (!gd.Vertical && !has(ys, gd.Points())) {
				t.Errorf("%s: guide %s at %.3f pt is not drawn", name, gd.Name, gd.Points())
			}
		}
	})
	l := computeBook(t, "ingramspark", "jacket", "white", "6x9", 300)
	g, err := NewGuides(l, Options{DPI: 50})
	if err != nil {
		t.Fatal(err)
	}
	var pngb, svgb, pdfb bytes.Buffer
	for f, b := range map[string]*bytes.Buffer{"png": &pngb, "svg": &svgb, "pdf": &pdfb} {
		if err := g.Write(b, f); err != nil {
			t.Fatal(err)
		}
	}
	img, err := png.Decode(bytes.NewReader(pngb.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	pw, ph := pixelSize(l, 50)
	if img.Bounds() != image.Rect(0, 0, pw, ph) {
		t.Errorf("guides PNG is %v, want %d x %d at 50 dpi", img.Bounds(), pw, ph)
	}
	if x, y, unit, ok := readPHYs(t, pngb.Bytes()); !ok || unit != 1 || x != y || math.Abs(float64(x)*0.0254-50) > 0.05 {
		t.Errorf("guides PNG pHYs %d x %d unit %d ok %v, want 50 dpi", x, y, unit, ok)
	}
	if _, ok := img.(*image.NRGBA); !ok {
		t.Errorf("guides PNG decodes as %T, want NRGBA (8-bit with alpha)", img)
	}
	clear, n := 0, 0
	for y := 0; y < ph; y += 3 {
		for x := 0; x < pw; x += 3 {
			n++
			if _, _, _, a := img.At(x, y).RGBA(); a == 0 {
				clear++
			}
		}
	}
	if _, _, _, a := img.At(pw/3, ph/2).RGBA(); a != 0 || clear < n*9/10 {
		t.Errorf("guides PNG: %d of %d sampled pixels transparent, want nearly all", clear, n)
	}
	for _, line := range strings.Split(svgb.String(), "\n") {
		if (strings.HasPrefix(line, "<rect") || strings.HasPrefix(line, "<polygon")) && !strings.Contains(line, `fill="none"`) {
			t.Errorf("guides SVG fills a shape: %s", line)
		}
	}
	if !bytes.HasPrefix(pdfb.Bytes(), []byte("%PDF-")) {
		t.Errorf("guides PDF is not a PDF")
	}
}

func TestStyleFileName(t *testing.T) {
	l := computeBook(t, "kdp", "paperback", "cream", "6x9", 300)
	if got := StyleFileName(l, StyleGuides, "png"); got != "kdp_paperback_6x9_300pp_cream_guides.png" {
		t.Errorf("StyleFileName guides = %s", got)
	}
	if got := StyleFileName(l, StyleTemplate, "pdf"); got != FileName(l, "pdf") {
		t.Errorf("StyleFileName template = %s", got)
	}
	if st, ok := ParseStyle(" Guides"); !ok || st != StyleGuides {
		t.Errorf("ParseStyle(Guides) = %v %v", st, ok)
	}
}
