package render

import (
	"io"
	"syscall"
	"testing"
	"time"
)

// go test ./render -run '^$' -bench . -benchmem -cpu 1
//
// Besides wall time, each benchmark reports cpu-ms/op: the process's user and
// system CPU time per template (garbage collection included), which a busy
// machine does not inflate the way it inflates wall time.

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchTemplate(b *testing.B, write func(*Template, io.Writer) error, o Options) {
	l := goldenBooks[0].layout(b)
	o.Title, o.Author = "The Long Road Home", "Jane Q. Writer"
	b.ReportAllocs()
	var size int
	start := cpuTime()
	for b.Loop() {
		t, err := NewTemplate(l, o)
		if err != nil {
			b.Fatal(err)
		}
		var n countWriter
		if err := write(t, &n); err != nil {
			b.Fatal(err)
		}
		size = int(n)
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(size), "bytes")
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

func BenchmarkPDF(b *testing.B) { benchTemplate(b, (*Template).WritePDF, Options{}) }
func BenchmarkSVG(b *testing.B) { benchTemplate(b, (*Template).WriteSVG, Options{}) }
func BenchmarkPNG300(b *testing.B) {
	benchTemplate(b, func(t *Template, w io.Writer) error { return t.WritePNG(w, 300) }, Options{})
}

// BenchmarkPDFThenPNG is what a template command asking for both pays: one
// layout, two formats.
func BenchmarkPDFThenPNG(b *testing.B) {
	benchTemplate(b, func(t *Template, w io.Writer) error {
		if err := t.WritePDF(w); err != nil {
			return err
		}
		return t.WritePNG(w, 300)
	}, Options{})
}
