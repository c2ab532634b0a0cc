package web

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// coverPDF is a blank one-page PDF of w x h inches (a cover with no art),
// padded with an incompressible attachment of pad bytes.
func coverPDF(t testing.TB, w, h float64, pad int) []byte {
	t.Helper()
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "in", Size: fpdf.SizeType{Wd: w, Ht: h}})
	fixed := time.Date(2026, 8, 26, 12, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(fixed)
	pdf.SetModificationDate(fixed)
	pdf.SetCompression(false)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddPage()
	if pad > 0 {
		data := make([]byte, pad)
		x := uint32(2463534242)
		for i := range data {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			data[i] = byte(x)
		}
		pdf.SetAttachments([]fpdf.Attachment{{Content: data, Filename: "pad.bin"}})
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// multipartBody builds a multipart form of values and files (field -> bytes).
func multipartBody(t testing.TB, values map[string]string, files map[string][]byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range values {
		mw.WriteField(k, v)
	}
	for k, b := range files {
		fw, err := mw.CreateFormFile(k, k+".pdf")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(b)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// testServer is a server whose uploads go to a fresh directory.
func testServer(t testing.TB, o Options) (*Server, string) {
	t.Helper()
	dir := t.TempDir()
	o.TempDir = dir
	if o.Addr == "" {
		o.Addr = "127.0.0.1:7777"
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	return New(o), dir
}

func do(t testing.TB, h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func get(t testing.TB, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("GET", target, nil)
	r.Host = "127.0.0.1:7777"
	return do(t, h, r)
}

func post(t testing.TB, h http.Handler, target string, values map[string]string, files map[string][]byte) *httptest.ResponseRecorder {
	t.Helper()
	body, ct := multipartBody(t, values, files)
	r := httptest.NewRequest("POST", target, body)
	r.Host = "127.0.0.1:7777"
	r.Header.Set("Content-Type", ct)
	return do(t, h, r)
}

// leftovers lists the files left in dir.
func leftovers(t testing.TB, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, filepath.Join(dir, e.Name()))
	}
	return out
}

func contains(t testing.TB, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Errorf("want %q in:\n%s", want, got)
	}
}
