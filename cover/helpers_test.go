package cover

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
)

// solid makes a w x h image of one colour with a darker 8-px frame, so
// tests can see both the fill and where the art's edge went.
func solid(w, h int, c color.Color) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, c)
		}
	}
	return m
}

func jpegBytes(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngBytes(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func mustArt(t testing.TB, name string, data []byte) *Art {
	t.Helper()
	a, err := ReadArt(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func layoutFor(t testing.TB, printer string, binding paper.BindingKind, paperName, trim string, pages int) (*spine.Layout, *paper.Printer) {
	t.Helper()
	p := paper.Default().Printer(printer)
	if p == nil {
		t.Fatalf("no printer %s", printer)
	}
	ts, err := paper.ParseTrim(trim)
	if err != nil {
		t.Fatal(err)
	}
	l, err := spine.Compute(p, spine.Request{Binding: binding, Paper: paperName, Trim: ts, Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	return l, p
}
