package cover_test

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/hhrutter/tiff"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// TestGenerateArtFixtures rewrites fixtures/art (run with
// COVERKIT_GEN_ART=1): sample art for a 5x8 in book at 300 ppi with its
// bleed (1538 x 2475 px), a CMYK copy of each (ImageMagick's plain
// conversion, for testing only: it is not colour-managed), a one-page vector
// PDF, a two-page PDF and an encrypted PDF for the error tests.
func TestGenerateArtFixtures(t *testing.T) {
	if os.Getenv("COVERKIT_GEN_ART") == "" {
		t.Skip("set COVERKIT_GEN_ART=1 to rewrite fixtures/art")
	}
	dir := filepath.Join("..", "fixtures", "art")
	const w, h = 1538, 2475
	front := gradient(w, h, color.RGBA{16, 30, 60, 255}, color.RGBA{200, 90, 60, 255})
	// A moon and a horizon.
	disc(front, w/2, h*2/5, w/5, color.RGBA{250, 235, 200, 255})
	for x := 0; x < w; x++ {
		top := h*3/4 + int(40*math.Sin(float64(x)/90)+25*math.Sin(float64(x)/37))
		for y := top; y < h; y++ {
			front.Set(x, y, color.RGBA{12, 18, 30, 255})
		}
	}
	text(front, "THE LONG", gobold.TTF, 190, w/2, h/6, color.RGBA{250, 235, 200, 255})
	text(front, "WATCH", gobold.TTF, 190, w/2, h/6+210, color.RGBA{250, 235, 200, 255})
	text(front, "A. WRITER", goregular.TTF, 90, w/2, h-200, color.RGBA{250, 235, 200, 255})
	back := gradient(w, h, color.RGBA{20, 34, 66, 255}, color.RGBA{12, 18, 30, 255})
	lines := []string{"Nine nights on the lighthouse.", "One keeper who will not sleep.", "And a light that answers back."}
	for i, s := range lines {
		text(back, s, goregular.TTF, 60, w/2, 500+i*110, color.RGBA{230, 220, 200, 255})
	}
	write := func(name string, img image.Image) {
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 70}); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("front.jpg", front)
	write("back.jpg", back)
	// CMYK copies: a plain separation with the CMY scaled down where the
	// total passes 240 % (IngramSpark's limit), written as TIFF and turned
	// into a CMYK JPEG by ImageMagick, which keeps the values.
	for n, img := range map[string]*image.RGBA{"front": front, "back": back} {
		tmp := filepath.Join(t.TempDir(), n+".tif")
		var b bytes.Buffer
		if err := tiff.Encode(&b, separate(img, 1.8), nil); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(tmp, b.Bytes(), 0o644)
		if out, err := exec.Command("convert", tmp, "-quality", "85", filepath.Join(dir, n+"-cmyk.jpg")).CombinedOutput(); err != nil {
			t.Fatalf("convert: %v %s", err, out)
		}
	}
	if out, err := exec.Command("convert", "-size", "64x48", "gradient:#1d3557-#e63946", "-interlace", "PNG", filepath.Join(dir, "interlaced.png")).CombinedOutput(); err != nil {
		t.Fatalf("convert: %v %s", err, out)
	}
	// Vector art: a 5.125 x 8.25 in page of shapes.
	vec := func(pages int) []byte {
		f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "in", Size: fpdf.SizeType{Wd: 5.125, Ht: 8.25}})
		f.SetCreationDate(fixedTime)
		f.SetModificationDate(fixedTime)
		f.SetCatalogSort(true)
		for i := 0; i < pages; i++ {
			f.AddPage()
			f.SetFillColor(29, 53, 87)
			f.Rect(0, 0, 5.125, 8.25, "F")
			f.SetFillColor(230, 57, 70)
			f.Circle(2.5625, 3.2, 1.3, "F")
			f.SetFillColor(241, 250, 238)
			f.Rect(0, 6.2, 5.125, 2.05, "F")
		}
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	os.WriteFile(filepath.Join(dir, "vector.pdf"), vec(1), 0o644)
	os.WriteFile(filepath.Join(dir, "two-pages.pdf"), vec(2), 0o644)
	if out, err := exec.Command("qpdf", "--encrypt", "", "owner", "256", "--modify=none", "--", filepath.Join(dir, "vector.pdf"), filepath.Join(dir, "encrypted.pdf")).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, out)
	}
}

// separate is a naive RGB to CMYK separation for test art, total ink capped.
func separate(m *image.RGBA, limit float64) *image.CMYK {
	out := image.NewCMYK(m.Bounds())
	for i := 0; i+3 < len(m.Pix); i += 4 {
		r, g, b := float64(m.Pix[i])/255, float64(m.Pix[i+1])/255, float64(m.Pix[i+2])/255
		k := 1 - max(r, g, b)
		var c, mg, y float64
		if k < 1 {
			c, mg, y = (1-r-k)/(1-k), (1-g-k)/(1-k), (1-b-k)/(1-k)
		}
		if tot := c + mg + y + k; tot > limit {
			f := (limit - k) / (c + mg + y)
			c, mg, y = c*f, mg*f, y*f
		}
		out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = uint8(c*255), uint8(mg*255), uint8(y*255), uint8(k*255)
	}
	return out
}

func gradient(w, h int, a, b color.RGBA) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		t := float64(y) / float64(h-1)
		c := color.RGBA{lerp(a.R, b.R, t), lerp(a.G, b.G, t), lerp(a.B, b.B, t), 255}
		draw.Draw(m, image.Rect(0, y, w, y+1), &image.Uniform{c}, image.Point{}, draw.Src)
	}
	return m
}

func lerp(a, b uint8, t float64) uint8 { return uint8(float64(a) + (float64(b)-float64(a))*t) }

func disc(m *image.RGBA, cx, cy, r int, c color.RGBA) {
	for y := cy - r; y <= cy+r; y++ {
		for x := cx - r; x <= cx+r; x++ {
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r {
				m.Set(x, y, c)
			}
		}
	}
}

func text(m *image.RGBA, s string, ttf []byte, size float64, cx, baseline int, c color.RGBA) {
	f, _ := opentype.Parse(ttf)
	face, _ := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	d := &font.Drawer{Dst: m, Src: &image.Uniform{c}, Face: face}
	w := d.MeasureString(s)
	d.Dot = fixed.P(cx-w.Round()/2, baseline)
	d.DrawString(s)
}

var fixedTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
