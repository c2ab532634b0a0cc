package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/coverkit/coverkit/isbn"
)

// benchManifest writes a CSV manifest of n books, each on KDP and
// IngramSpark with its own ISBN, a price and a page count from 100 to 699.
func benchManifest(tb testing.TB, dir string, n int) string {
	tb.Helper()
	var sb strings.Builder
	sb.WriteString("id,title,author,isbn,price,printers,binding,paper,trim,pages\n")
	for i := 0; i < n; i++ {
		twelve := fmt.Sprintf("9791%08d", i)
		code := twelve + string(isbn.Check13(twelve))
		fmt.Fprintf(&sb, "book-%05d,Book %d,Author %d,%s,19.95 USD,kdp;ingramspark,paperback,cream,6x9,%d\n", i, i, i%97, code, 100+(i*7)%600)
	}
	path := filepath.Join(dir, fmt.Sprintf("books-%d.csv", n))
	writeFile(tb, path, sb.String())
	return path
}

// peakHeap samples the live heap until stop is closed and returns its peak.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak {
				peak = ms.HeapInuse
			}
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

// BenchmarkRun: a full (forced) run of n books x 2 printers, PDF only, with
// runtime.NumCPU() workers. "text" uses a trivial renderer, to measure
// batch's own cost (manifest, layouts, barcodes, hashing, atomic writes,
// state); "pdf" uses render.PDF. peak-heap-MB is the largest live heap seen.
//
//	go test ./batch -run '^$' -bench Run -benchtime 1x
func BenchmarkRun(b *testing.B) {
	for _, tc := range []struct {
		name     string
		n        int
		renderer Renderer
	}{
		{"text/1000", 1000, textTemplate},
		{"text/4000", 4000, textTemplate},
		{"pdf/1000", 1000, nil}, // nil: the real renderer
	} {
		b.Run(tc.name, func(b *testing.B) {
			dir := b.TempDir()
			path := benchManifest(b, dir, tc.n)
			m, err := ParseFile(path)
			if err != nil {
				b.Fatal(err)
			}
			tools := testTools()
			tools.Render = tc.renderer
			runtime.GC()
			stop := make(chan struct{})
			peak := peakHeap(stop)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rep, err := Run(m, tools, Options{Out: filepath.Join(dir, "out"), Force: true})
				if err != nil || rep.Failed() || rep.Summary.FilesWritten != 2*tc.n {
					b.Fatalf("%v %+v", err, rep.Summary)
				}
			}
			b.StopTimer()
			close(stop)
			b.ReportMetric(float64(<-peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/run")
			os.RemoveAll(dir)
		})
	}
}

// BenchmarkRerun: an unchanged re-run of n books x 2 printers (every state
// read and every file's size and time checked; nothing written), with the
// manifest parsed inside the loop as the command does.
//
//	go test ./batch -run '^$' -bench Rerun
func BenchmarkRerun(b *testing.B) {
	dir := b.TempDir()
	path := benchManifest(b, dir, 1000)
	out := filepath.Join(dir, "out")
	tools := testTools()
	m, err := ParseFile(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Run(m, tools, Options{Out: out}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, err := ParseFile(path)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := Run(m, tools, Options{Out: out})
		if err != nil || rep.Summary.Unchanged != 1000 || rep.Summary.StatesWritten != 0 {
			b.Fatalf("%v %+v", err, rep.Summary)
		}
	}
}
