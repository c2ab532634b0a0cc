//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// signalAfter is a stderr that sends sig to this process when the first
// book's progress line is written (the batch has its handler by then).
type signalAfter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	sig  syscall.Signal
	sent bool
}

func (w *signalAfter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.sent && bytes.Contains(p, []byte("[1/")) {
		w.sent = true
		syscall.Kill(os.Getpid(), w.sig)
	}
	return w.buf.Write(p)
}

// TestBatchSignals: SIGINT and SIGTERM stop a batch after the books in
// progress, with the summary and exit status 130 or 143; the next run
// finishes the job.
func TestBatchSignals(t *testing.T) {
	dir := t.TempDir()
	var sb strings.Builder
	sb.WriteString("id,pages,trim,printers,barcode\n")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&sb, "b%03d,%d,6x9,kdp,no\n", i, 100+i)
	}
	manifest := filepath.Join(dir, "books.csv")
	os.WriteFile(manifest, []byte(sb.String()), 0o644)
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGINT, 130, "SIGINT"}, {syscall.SIGTERM, 143, "SIGTERM"}} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+tc.name)
			stderr := &signalAfter{sig: tc.sig}
			var stdout bytes.Buffer
			e := &env{stdout: &stdout, stderr: stderr}
			err := runBatch(&batchOptions{env: e, manifest: manifest, out: out, formats: []string{"pdf"}, jobs: 1, dpi: 72})
			var ce *cliError
			if !errors.As(err, &ce) || ce.code != tc.code || !strings.Contains(err.Error(), "batch interrupted by "+tc.name) {
				t.Fatalf("err = %v (%+v), want exit %d", err, ce, tc.code)
			}
			if !strings.Contains(stderr.buf.String(), "; interrupted before the other books") {
				t.Fatalf("no summary:\n%s", stderr.buf.String())
			}
			var rest bytes.Buffer
			e = &env{stdout: &rest, stderr: &bytes.Buffer{}}
			if err := runBatch(&batchOptions{env: e, manifest: manifest, out: out, formats: []string{"pdf"}, jobs: 2, dpi: 72}); err != nil {
				t.Fatalf("next run: %v", err)
			}
			done := strings.Count(stdout.String(), ": new")
			if got := strings.Count(rest.String(), ": new"); done == 0 || done+got != 300 {
				t.Fatalf("%d books before the signal, %d after", done, got)
			}
		})
	}
}
