package render

import (
	"io"
	"testing"
)

// go test ./render -run '^$' -bench . -benchmem -cpu 1

func benchFormat(b *testing.B, f format, o Options) {
	l := goldenBooks[0].layout(b)
	o.Title, o.Author = "The Long Road Home", "Jane Q. Writer"
	b.ReportAllocs()
	for b.Loop() {
		if err := f.draw(io.Discard, l, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPDF(b *testing.B)    { benchFormat(b, format{"pdf", PDF}, Options{}) }
func BenchmarkSVG(b *testing.B)    { benchFormat(b, format{"svg", SVG}, Options{}) }
func BenchmarkPNG300(b *testing.B) { benchFormat(b, format{"png", PNG}, Options{DPI: 300}) }
