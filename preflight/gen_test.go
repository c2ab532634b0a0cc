package preflight

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/goregular"
)

// Test PDFs are generated with fpdf, in inches from the page's top-left
// corner (fpdf's convention); page boxes are given in PDF space (points from
// the bottom-left).

var fixedTime = time.Date(2026, 8, 26, 12, 0, 0, 0, time.UTC)

// newDoc starts a deterministic document whose first page is w x h inches.
func newDoc(w, h float64) *fpdf.Fpdf {
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "in", Size: fpdf.SizeType{Wd: w, Ht: h}})
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetCatalogSort(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.AddPage()
	return pdf
}

func output(t testing.TB, pdf *fpdf.Fpdf) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	return buf.Bytes()
}

// embedFont adds Go Regular as an embedded TrueType font named "goregular".
func embedFont(pdf *fpdf.Fpdf) {
	pdf.AddUTF8FontFromBytes("goregular", "", goregular.TTF)
}

// textAt writes s with its baseline at (x, y) inches from the top-left,
// rotated by deg degrees anticlockwise (90 for spine text read bottom-up).
func textAt(pdf *fpdf.Fpdf, x, y float64, s string, deg float64) {
	if deg != 0 {
		pdf.TransformBegin()
		pdf.TransformRotate(deg, x, y)
	}
	pdf.Text(x, y, s)
	if deg != 0 {
		pdf.TransformEnd()
	}
}

// cmykRect fills a rectangle (inches from the top-left) in DeviceCMYK, which
// fpdf cannot do itself, by writing the operators into the page.
func cmykRect(pdf *fpdf.Fpdf, pageH, x, y, w, h float64) {
	pdf.RawWriteStr(fmtf("q 0.1 0.2 0.3 0.4 k %.4f %.4f %.4f %.4f re f Q\n", x*72, (pageH-y-h)*72, w*72, h*72))
}

// placeImage registers a w x h pixel image (RGB JPEG, or grey PNG when gray)
// and places it at (x, y) inches from the top-left, wIn x hIn inches large.
func placeImage(t testing.TB, pdf *fpdf.Fpdf, name string, w, h int, gray bool, x, y, wIn, hIn float64) {
	t.Helper()
	var buf bytes.Buffer
	typ := "JPG"
	if gray {
		img := image.NewGray(image.Rect(0, 0, w, h))
		for i := range img.Pix {
			img.Pix[i] = byte(i * 7)
		}
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		typ = "PNG"
	} else {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for yy := 0; yy < h; yy++ {
			for xx := 0; xx < w; xx++ {
				img.Set(xx, yy, color.RGBA{byte(xx), byte(yy), byte(xx ^ yy), 255})
			}
		}
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
			t.Fatal(err)
		}
	}
	opt := fpdf.ImageOptions{ImageType: typ}
	pdf.RegisterImageOptionsReader(name, opt, &buf)
	pdf.ImageOptions(name, x, y, wIn, hIn, false, opt, 0, "")
}
