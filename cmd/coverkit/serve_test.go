package main

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coverkit/coverkit/web"
)

// The API answers exactly the bytes of the CLI's --json for the same input.
func TestServeAPIMatchesCLIJSON(t *testing.T) {
	srv := web.New(web.Options{Addr: "127.0.0.1:7777", Version: version, Log: io.Discard, TempDir: t.TempDir()})
	spineCases := []struct{ args, query string }{
		{"spine -p kdp,ingramspark --paper cream -t 6x9 -n 300 --json", "p=kdp,ingramspark&paper=cream&trim=6x9&pages=300"},
		{"spine -p kdp,ingramspark,lulu -b hardcover -t 6x9 -n 300 --unit mm --json", "p=kdp,ingramspark,lulu&binding=hardcover&trim=6x9&pages=300&unit=mm"},
		{"spine -t 6x9 -n 300 --json", "trim=6x9&pages=300"},
		{"spine -p kdp -t 6x9 -n 3000 --json", "p=kdp&trim=6x9&pages=3000"},
		{"spine -p kdp,ingramspark -t 152.4x228.6mm -n 120 --unit pt --direction rtl --json", "p=kdp,ingramspark&trim=152.4x228.6mm&pages=120&unit=pt&direction=rtl"},
	}
	for _, tt := range spineCases {
		var out, errb bytes.Buffer
		run(strings.Fields(tt.args), nil, &out, &errb)
		r := httptest.NewRequest("GET", "/api/spine?"+tt.query, nil)
		r.Host = "127.0.0.1:7777"
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if !bytes.Equal(w.Body.Bytes(), out.Bytes()) {
			t.Errorf("%s: API and CLI differ\nAPI:\n%s\nCLI:\n%s%s", tt.args, w.Body, &out, &errb)
		}
	}

	// Uploads: the same files, named cover.pdf and interior.pdf on both sides.
	dir := t.TempDir()
	fixtures, _ := filepath.Abs(filepath.Join("..", "..", "fixtures", "preflight"))
	t.Chdir(dir)
	copyFixture := func(from, to string) {
		b, err := os.ReadFile(filepath.Join(fixtures, from))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(to, b, 0o644)
	}
	copyFixture("interior-6x9-300-bleed.pdf", "interior.pdf")
	uploadCases := []struct {
		cover, args, path string
		values            map[string]string
	}{
		{"cover-kdp-6x9-white-300.pdf", "check cover.pdf -p kdp,ingramspark --paper white -t 6x9 -n 300 --json", "/api/check",
			map[string]string{"p": "kdp,ingramspark", "paper": "white", "trim": "6x9", "pages": "300"}},
		{"cover-kdp-6x9-white-266.pdf", "check cover.pdf -p kdp --paper white -t 6x9 -n 300 --tolerance 0.5mm --json", "/api/check",
			map[string]string{"p": "kdp", "paper": "white", "trim": "6x9", "pages": "300", "tolerance": "0.5mm"}},
		{"cover-kdp-6x9-white-300.pdf", "check cover.pdf --interior interior.pdf -p kdp --paper white --json", "/api/check",
			map[string]string{"p": "kdp", "paper": "white"}},
		{"", "spine --interior interior.pdf -p kdp,ingramspark --paper cream --unit mm --json", "/api/spine",
			map[string]string{"p": "kdp,ingramspark", "paper": "cream", "unit": "mm"}},
	}
	for _, tt := range uploadCases {
		if tt.cover != "" {
			copyFixture(tt.cover, "cover.pdf")
		}
		var out, errb bytes.Buffer
		run(strings.Fields(tt.args), nil, &out, &errb)
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		for k, v := range tt.values {
			mw.WriteField(k, v)
		}
		for _, name := range []string{"cover", "interior"} {
			if (name == "cover" && tt.cover == "") || (name == "interior" && !strings.Contains(tt.args, "--interior")) {
				continue
			}
			b, _ := os.ReadFile(name + ".pdf")
			fw, _ := mw.CreateFormFile(name, name+".pdf")
			fw.Write(b)
		}
		mw.Close()
		r := httptest.NewRequest("POST", tt.path, &body)
		r.Host = "127.0.0.1:7777"
		r.Header.Set("Content-Type", mw.FormDataContentType())
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if !bytes.Equal(w.Body.Bytes(), out.Bytes()) || out.Len() == 0 {
			t.Errorf("%s: API and CLI differ\nAPI:\n%s\nCLI:\n%s%s", tt.args, w.Body, &out, &errb)
		}
	}
}

// A template from the API is the file `coverkit template` writes.
func TestServeTemplateMatchesCLI(t *testing.T) {
	srv := web.New(web.Options{Addr: "127.0.0.1:7777", Version: version, Log: io.Discard, TempDir: t.TempDir()})
	dir := t.TempDir()
	var out, errb bytes.Buffer
	args := []string{"template", "-p", "kdp", "--paper", "cream", "-t", "6x9", "-n", "300", "--format", "pdf,svg", "--title", "My Book",
		"--isbn", "978-1-913588-65-6", "--price", "19.95", "--out", dir}
	if code := run(args, nil, &out, &errb); code != 0 {
		t.Fatalf("template: exit %d %s", code, &errb)
	}
	for _, f := range []string{"pdf", "svg"} {
		want, err := os.ReadFile(filepath.Join(dir, "kdp_paperback_6x9_300pp_cream."+f))
		if err != nil {
			t.Fatal(err)
		}
		r := httptest.NewRequest("GET", "/api/template?p=kdp&paper=cream&trim=6x9&pages=300&title=My+Book&isbn=978-1-913588-65-6&price=19.95&format="+f, nil)
		r.Host = "127.0.0.1:7777"
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if !bytes.Equal(w.Body.Bytes(), want) {
			t.Errorf("%s: API (%d bytes, %d) differs from the CLI's file (%d bytes)\n%.300s", f, w.Body.Len(), w.Code, len(want), w.Body)
		}
	}
}

func TestServeCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb bytes.Buffer
	o := &serveOptions{env: &env{stdout: &out, stderr: &errb}, addr: "127.0.0.1:0", maxUpload: "1GiB", ctx: ctx}
	urls := make(chan string, 1)
	o.ready = func(u string) { urls <- u }
	done := make(chan error, 1)
	go func() { done <- runServe(o) }()
	var url string
	select {
	case url = <-urls:
	case err := <-done:
		t.Fatalf("serve ended: %v %s", err, &errb)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	res, err := http.Get(url + "api/spine?p=kdp&trim=6x9&pages=300")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("status %d", res.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "coverkit: serving http://127.0.0.1:") || errb.Len() > 0 {
		t.Errorf("stdout %q stderr %q", &out, &errb)
	}
}

func TestServeFlags(t *testing.T) {
	tests := []struct{ args, want string }{
		{"serve --max-upload 10", "--max-upload: 10 bytes is too small"},
		{"serve --max-upload lots", `--max-upload: "lots" is not a size`},
		{"serve --addr 7777", `--addr "7777": want host:port`},
		{"serve --addr 127.0.0.1:99999", `port "99999" is not a number`},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		if code := run(strings.Fields(tt.args), nil, &out, &errb); code != exitUsage || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("%s: exit %d, stderr %q, want %q", tt.args, code, &errb, tt.want)
		}
	}
	for _, tt := range []struct {
		in   string
		want int64
	}{{"1GiB", 1 << 30}, {"700MB", 700e6}, {"650M", 650 << 20}, {"2gb", 2e9}} {
		if got, err := parseByteSize(tt.in); err != nil || got != tt.want {
			t.Errorf("parseByteSize(%q) = %d, %v", tt.in, got, err)
		}
	}
}

// A cover from the API is the file `coverkit cover` writes.
func TestServeCoverMatchesCLI(t *testing.T) {
	srv := web.New(web.Options{Addr: "127.0.0.1:7777", Version: version, Log: io.Discard, TempDir: t.TempDir()})
	art, _ := filepath.Abs(filepath.Join("..", "..", "fixtures", "art"))
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{"front.jpg", "back.jpg"} {
		b, err := os.ReadFile(filepath.Join(art, f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(f, b, 0o644)
	}
	var out, errb bytes.Buffer
	args := []string{"cover", "-p", "ingramspark", "--paper", "cream", "-t", "6x9", "-n", "300", "--front", "front.jpg", "--back", "back.jpg",
		"--spine-color", "#1d3557", "--title", "The Long Watch", "--author", "A. Writer", "--isbn", "978-1-913588-65-6", "--price", "19.95", "--out", "covers"}
	run(args, nil, &out, &errb)
	want, err := os.ReadFile(filepath.Join("covers", "ingramspark_paperback_6x9_300pp_cream_cover.pdf"))
	if err != nil {
		t.Fatalf("cover: %v\n%s%s", err, &out, &errb)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range map[string]string{"p": "ingramspark", "paper": "cream", "trim": "6x9", "pages": "300", "spine_color": "#1d3557",
		"title": "The Long Watch", "author": "A. Writer", "isbn": "978-1-913588-65-6", "price": "19.95"} {
		mw.WriteField(k, v)
	}
	for _, f := range []string{"front", "back"} {
		b, _ := os.ReadFile(f + ".jpg")
		fw, _ := mw.CreateFormFile(f, f+".jpg")
		fw.Write(b)
	}
	mw.Close()
	r := httptest.NewRequest("POST", "/api/cover", &body)
	r.Host = "127.0.0.1:7777"
	r.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), want) {
		t.Errorf("API cover (%d, %d bytes) differs from the CLI's (%d bytes)\n%.300s", w.Code, w.Body.Len(), len(want), w.Body)
	}
}

func TestServeAddresses(t *testing.T) {
	for _, tt := range []struct {
		host, bound string
		loopback    bool
		shown       string
	}{
		{"127.0.0.1", "127.0.0.1:7777", true, "127.0.0.1:7777"},
		{"localhost", "127.0.0.1:7777", true, "localhost:7777"},
		{"::1", "[::1]:7777", true, "[::1]:7777"},
		{"0.0.0.0", "0.0.0.0:7777", false, "localhost:7777"},
		{"", "[::]:7777", false, "localhost:7777"},
		{"192.168.1.5", "192.168.1.5:8080", false, "192.168.1.5:8080"},
	} {
		if got := isLoopback(tt.host); got != tt.loopback {
			t.Errorf("isLoopback(%q) = %v", tt.host, got)
		}
		if got := displayHost(tt.host, tt.bound); got != tt.shown {
			t.Errorf("displayHost(%q, %q) = %q, want %q", tt.host, tt.bound, got, tt.shown)
		}
	}
}
