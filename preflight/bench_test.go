package preflight

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"codeberg.org/go-pdf/fpdf"
	"github.com/coverkit/coverkit/paper"
)

// bigCover is a KDP 6 x 9 in, 300-page cover carrying one full-bleed RGB
// image of random noise (which does not compress), about 10 MB in all.
func bigCover(b *testing.B) []byte {
	l := layout(b, "kdp", "paperback", "white", "6x9", 300)
	c := coverFor(l)
	pdf := newDoc(c.w, c.h)
	embedFont(pdf)
	pdf.SetFont("goregular", "", 24)
	textAt(pdf, c.w-4, 2, "Title", 0)
	const side = 1830 // 1830 x 1830 x 3 bytes = 10.0 MB of pixels
	img := image.NewNRGBA(image.Rect(0, 0, side, side))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = byte(r.Uint32())
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.NoCompression}
	if err := enc.Encode(&buf, img); err != nil {
		b.Fatal(err)
	}
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	pdf.RegisterImageOptionsReader("noise", opt, &buf)
	pdf.ImageOptions("noise", 0, 0, c.w, c.h, false, opt, 0, "")
	return output(b, pdf)
}

// BenchmarkCheckCover10MB times what `coverkit check` does with a cover:
// read the PDF and run every check (reverse solving is not needed: the size
// is right).
func BenchmarkCheckCover10MB(b *testing.B) {
	doc := bigCover(b)
	l := layout(b, "kdp", "paperback", "white", "6x9", 300)
	ts, _ := paper.ParseTrim("6x9")
	targets := []Target{{Printer: cat.Printer("kdp"), Layout: l, Trim: ts}}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f, err := Read(context.Background(), bytes.NewReader(doc), Options{})
		if err != nil {
			b.Fatal(err)
		}
		r := CheckCover(f, targets, CheckOptions{Catalog: cat})
		if res := r.Printers[0].Results; res[1].Status != Pass || len(f.Images) != 1 {
			b.Fatalf("%+v", res) // the size passes; the 142 ppi image fails KDP's 300 DPI rule
		}
	}
	b.ReportMetric(float64(len(doc))/1e6, "MB/file")
}

// BenchmarkSolve times the reverse solve of a wrong-sized cover over the
// whole catalogue.
func BenchmarkSolve(b *testing.B) {
	l := layout(b, "kdp", "paperback", "white", "6x9", 300)
	ts, _ := paper.ParseTrim("6x9")
	for b.Loop() {
		Solve(cat, ts, decimal.RequireFromString("12.849"), decimal.RequireFromString("9.25"), DefaultTolerance, l)
	}
}

// BenchmarkInterpret times the content-stream interpreter on a page of
// 100,000 painted paths and text runs (about 700,000 operators).
func BenchmarkInterpret(b *testing.B) {
	var sb bytes.Buffer
	for i := range 50000 {
		fmt.Fprintf(&sb, "q 1 0 0 1 %d %d cm 0 0 10 10 re f Q\n", i%500, i%700)
		fmt.Fprintf(&sb, "BT /F1 12 Tf 1 0 0 1 %d 50 Tm (abc) Tj [(a) -120 (b)] TJ ET\n", i%400)
	}
	content := sb.Bytes()
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		f := &Facts{Pages: []Page{{Number: 1, MediaBox: Box{0, 0, 612, 792}}}}
		a := &analyser{ctx: context.Background(), f: f, o: Options{}.withDefaults(), fonts: map[string]*Font{}, page: 1}
		if err := a.interpret(content, nil, 0); err != nil {
			b.Fatal(err)
		}
	}
}
