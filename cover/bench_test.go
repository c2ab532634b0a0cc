//go:build unix

package cover_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"syscall"
	"testing"

	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/paper"
)

func photo(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x ^ y) & 0xff), 255})
		}
	}
	return m
}

// BenchmarkBuildJPEG is a 6x9 KDP cover from two 300-ppi JPEGs (1838 x 2775
// px, passed through undecoded) with a spine colour and spine text.
func BenchmarkBuildJPEG(b *testing.B) {
	p := paper.Default().Printer("kdp")
	l := layout(b, p, paper.Paperback, 300)
	img := photo(1838, 2775)
	front, err := cover.ReadArt("front.jpg", jpegOf(b, img))
	if err != nil {
		b.Fatal(err)
	}
	back, _ := cover.ReadArt("back.jpg", jpegOf(b, img))
	c, _ := cover.ParseColor("#1d3557")
	r := &cover.Request{Front: front, Back: back, SpineColor: &c, Title: "The Long Watch", Author: "A. Writer"}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := cover.Build(l, p, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRefitPDF re-fits a KDP cover made from vector art (a PDF) to 312
// pages; the source is read once, as a batch would.
func BenchmarkRefitPDF(b *testing.B) {
	p := paper.Default().Printer("kdp")
	l := layout(b, p, paper.Paperback, 300)
	vec, err := cover.ReadArt("vector.pdf", readFixture(b, "vector.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	c, _ := cover.ParseColor("#1d3557")
	src, err := cover.Build(l, p, &cover.Request{Front: vec, Back: vec, SpineColor: &c})
	if err != nil {
		b.Fatal(err)
	}
	a, err := cover.ReadArt("kdp-cover.pdf", src.PDF)
	if err != nil {
		b.Fatal(err)
	}
	s, err := cover.OpenSource(a, p, specFor(paper.Paperback), 0)
	if err != nil {
		b.Fatal(err)
	}
	target := layout(b, p, paper.Paperback, 312)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := cover.Refit(s, target, p, &cover.Request{}, cover.RefitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRefitPDFWithRead includes reading the source PDF and finding its spine.
func BenchmarkRefitPDFWithRead(b *testing.B) {
	p := paper.Default().Printer("kdp")
	l := layout(b, p, paper.Paperback, 300)
	vec, _ := cover.ReadArt("vector.pdf", readFixture(b, "vector.pdf"))
	c, _ := cover.ParseColor("#1d3557")
	src, err := cover.Build(l, p, &cover.Request{Front: vec, Back: vec, SpineColor: &c})
	if err != nil {
		b.Fatal(err)
	}
	target := layout(b, p, paper.Paperback, 312)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		a, err := cover.ReadArt("kdp-cover.pdf", src.PDF)
		if err != nil {
			b.Fatal(err)
		}
		s, err := cover.OpenSource(a, p, specFor(paper.Paperback), 0)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := cover.Refit(s, target, p, &cover.Request{}, cover.RefitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func jpegOf(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// reportCPU adds cpu-ms/op: the process's user and system CPU time per
// operation, which a loaded machine does not inflate as it does wall time.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
