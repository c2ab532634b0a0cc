package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coverkit/coverkit/preflight"
)

// floodBody is a multipart check request around a shared cover, without
// copying it (the client side of the test must not dominate the memory).
func floodBody(cover []byte) (io.Reader, string) {
	var head, tail bytes.Buffer
	mw := multipart.NewWriter(&head)
	for _, kv := range [][2]string{{"p", "kdp"}, {"paper", "cream"}, {"trim", "6x9"}, {"pages", "300"}} {
		mw.WriteField(kv[0], kv[1])
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="cover"; filename="cover.pdf"`)
	h.Set("Content-Type", "application/pdf")
	mw.CreatePart(h)
	fmt.Fprintf(&tail, "\r\n--%s--\r\n", mw.Boundary())
	return io.MultiReader(bytes.NewReader(head.Bytes()), bytes.NewReader(cover), &tail), mw.FormDataContentType()
}

// TestFloodOfChecks sends 50 concurrent checks of a 10 MB cover to a real
// loopback server: every one is answered, the heap stays bounded (the
// workers limit how many PDFs are read at once) and no upload is left on disk.
func TestFloodOfChecks(t *testing.T) {
	if testing.Short() {
		t.Skip("flood test skipped in -short mode")
	}
	const clients = 50
	cover := coverPDF(t, 13, 9.25, 10<<20)
	s, dir := testServer(t, Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()

	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	var peakDisk atomic.Int64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			if ents, err := os.ReadDir(dir); err == nil && int64(len(ents)) > peakDisk.Load() {
				peakDisk.Store(int64(len(ents)))
			}
		}
	}()

	start := time.Now()
	var wg sync.WaitGroup
	var ok, failed atomic.Int32
	errs := make(chan string, clients)
	for range clients {
		wg.Go(func() {
			body, ct := floodBody(cover)
			req, _ := http.NewRequest("POST", ts.URL+"/api/check", body)
			req.Header.Set("Content-Type", ct)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				failed.Add(1)
				errs <- err.Error()
				return
			}
			defer res.Body.Close()
			var rep preflight.Report
			if err := json.NewDecoder(res.Body).Decode(&rep); err != nil || res.StatusCode != 200 || rep.Status != preflight.Pass {
				failed.Add(1)
				errs <- fmt.Sprintf("status %d, report %s, %v", res.StatusCode, rep.Status, err)
				return
			}
			ok.Add(1)
		})
	}
	wg.Wait()
	close(stop)
	<-sampled
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	elapsed := time.Since(start)
	p := peak.Load()
	t.Logf("%d checks of a %.1f MB cover: %d answered with a report in %v; peak heap in use %.0f MB (%.0f MB before)",
		clients, float64(len(cover))/1e6, ok.Load(), elapsed.Round(time.Millisecond), float64(p)/1e6, float64(base.HeapInuse)/1e6)
	if ok.Load() != clients {
		t.Errorf("%d of %d checks answered", ok.Load(), clients)
	}
	// Uploads stream to disk and at most Workers covers are read at once:
	// the heap must not hold the 50 covers (500 MB).
	if limit := uint64(256 << 20); p > limit {
		t.Errorf("peak heap %d MB, want under %d MB", p>>20, limit>>20)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
	if n := len(s.uploads); n != 0 {
		t.Errorf("%d upload slots still taken", n)
	}
	if n := peakDisk.Load(); n > int64(s.o.Uploads) {
		t.Errorf("%d uploads on disk at once, want at most %d", n, s.o.Uploads)
	} else {
		t.Logf("at most %d uploads on disk at once (limit %d)", n, s.o.Uploads)
	}
}

// BenchmarkPreviewUpdate is the server's side of a form change: the book is
// parsed, laid out and drawn as the SVG preview.
func BenchmarkPreviewUpdate(b *testing.B) {
	s, _ := testServer(b, Options{})
	pages := []string{"300", "301", "120", "640"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		r := httptest.NewRequest("GET", "/api/template?p=kdp&binding=paperback&paper=cream&trim=6x9&format=svg&pages="+pages[i%len(pages)], nil)
		r.Host = "127.0.0.1:7777"
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
}

// TestPreviewUpdateFast keeps the preview under 20 ms of server time (the
// median of 21, so a busy machine does not fail it by one slow run).
func TestPreviewUpdateFast(t *testing.T) {
	s, _ := testServer(t, Options{})
	var times []time.Duration
	for i := range 21 {
		r := httptest.NewRequest("GET", fmt.Sprintf("/api/template?p=ingramspark&paper=cream&trim=6x9&format=svg&pages=%d", 200+i), nil)
		r.Host = "127.0.0.1:7777"
		w := httptest.NewRecorder()
		start := time.Now()
		s.ServeHTTP(w, r)
		times = append(times, time.Since(start))
		if w.Code != 200 {
			t.Fatalf("%d %s", w.Code, w.Body)
		}
	}
	for i := range times {
		for j := i + 1; j < len(times); j++ {
			if times[j] < times[i] {
				times[i], times[j] = times[j], times[i]
			}
		}
	}
	if med := times[len(times)/2]; med > 20*time.Millisecond {
		t.Errorf("preview update median %v, want under 20 ms", med)
	} else {
		t.Logf("preview update median %v (min %v, max %v)", med, times[0], times[len(times)-1])
	}
}
