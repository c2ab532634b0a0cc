package web

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/coverkit/coverkit/preflight"
)

func TestHostCheck(t *testing.T) {
	tests := []struct {
		bound, host string
		ok          bool
	}{
		{"127.0.0.1:7777", "127.0.0.1:7777", true},
		{"127.0.0.1:7777", "localhost:7777", true},
		{"127.0.0.1:7777", "LOCALHOST.:7777", true},
		{"127.0.0.1:7777", "[::1]:7777", true},
		{"127.0.0.1:7777", "evil.example:7777", false}, // DNS rebinding
		{"127.0.0.1:7777", "evil.example", false},
		{"127.0.0.1:7777", "", false},
		{"127.0.0.1:7777", "192.168.1.5:7777", false},
		{"[::1]:7777", "[::1]:7777", true},
		{"0.0.0.0:7777", "192.168.1.5:7777", true}, // every interface: any IP literal
		{"0.0.0.0:7777", "evil.example:7777", false},
		{"192.168.1.5:7777", "192.168.1.5:7777", true},
		{"192.168.1.5:7777", "10.0.0.1:7777", false},
	}
	for _, tt := range tests {
		s, _ := testServer(t, Options{Addr: tt.bound})
		r := httptest.NewRequest("GET", "/api/catalog", nil)
		r.Host = tt.host
		w := do(t, s, r)
		if got := w.Code == http.StatusOK; got != tt.ok {
			t.Errorf("bound %s, Host %q: status %d, want ok=%v\n%s", tt.bound, tt.host, w.Code, tt.ok, w.Body)
		}
		if !tt.ok {
			contains(t, w.Body.String(), "DNS rebinding")
		}
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	s, dir := testServer(t, Options{})
	for _, h := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site"},
		{"Origin": "http://evil.example"},
	} {
		body, ct := multipartBody(t, map[string]string{"p": "kdp", "pages": "300", "trim": "6x9"}, map[string][]byte{"cover": coverPDF(t, 13, 9.25, 0)})
		r := httptest.NewRequest("POST", "/api/check", body)
		r.Host = "127.0.0.1:7777"
		r.Header.Set("Content-Type", ct)
		for k, v := range h {
			r.Header.Set(k, v)
		}
		w := do(t, s, r)
		if w.Code != http.StatusForbidden {
			t.Errorf("%v: status %d, want 403", h, w.Code)
		}
		contains(t, w.Body.String(), "cross-origin request refused")
	}
	// The page's own posts pass.
	body, ct := multipartBody(t, map[string]string{"p": "kdp", "pages": "300", "trim": "6x9", "paper": "cream"}, map[string][]byte{"cover": coverPDF(t, 13, 9.25, 0)})
	r := httptest.NewRequest("POST", "/api/check", body)
	r.Host = "127.0.0.1:7777"
	r.Header.Set("Content-Type", ct)
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	r.Header.Set("Origin", "http://127.0.0.1:7777")
	if w := do(t, s, r); w.Code != http.StatusOK {
		t.Errorf("same-origin check: status %d\n%s", w.Code, w.Body)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestPanicIs500AndServerGoesOn(t *testing.T) {
	s, _ := testServer(t, Options{})
	h := s.recoverPanics(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/boom" {
			panic("boom")
		}
		io.WriteString(w, "ok")
	}))
	ts := httptest.NewServer(h)
	defer ts.Close()
	res, err := http.Get(ts.URL + "/boom")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 500 || !strings.Contains(string(b), "internal error: boom") {
		t.Errorf("panic: %d %s", res.StatusCode, b)
	}
	res, err = http.Get(ts.URL + "/fine")
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if string(b) != "ok" {
		t.Errorf("after a panic: %q", b)
	}
}

func TestUploadLimit(t *testing.T) {
	s, dir := testServer(t, Options{MaxUpload: 1 << 20})
	w := post(t, s, "/api/check", map[string]string{"p": "kdp", "pages": "300", "trim": "6x9"}, map[string][]byte{"cover": coverPDF(t, 13, 9.25, 2<<20)})
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413\n%s", w.Code, w.Body)
	}
	contains(t, w.Body.String(), "upload too large: this server accepts at most 1.0 MB per request")
	contains(t, w.Body.String(), "--max-upload")
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestUploadFieldsAreNotPaths(t *testing.T) {
	s, dir := testServer(t, Options{})
	// A file in a field that takes none, and a path in the cover's file name.
	w := post(t, s, "/api/check", map[string]string{"p": "kdp", "pages": "300", "trim": "6x9"}, map[string][]byte{"../../etc/passwd": []byte("x")})
	if w.Code != http.StatusBadRequest {
		t.Errorf("status %d", w.Code)
	}
	contains(t, w.Body.String(), "this request takes no file here")
	if displayName("../../etc/passwd") != "passwd" || displayName(`C:\x\cover.pdf`) != "cover.pdf" {
		t.Error("displayName keeps directories")
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestFieldErrors(t *testing.T) {
	s, _ := testServer(t, Options{})
	tests := []struct{ query, field, msg string }{
		{"p=kdp&trim=6x9&pages=abc", "pages", `--pages: "abc" is not a whole number of pages`},
		{"p=kdp&trim=6x9", "pages", "--pages is required"},
		{"p=nope&trim=6x9&pages=300", "p", `--printer: unknown printer "nope"`},
		{"p=kdp&trim=6by9&pages=300", "trim", "--trim: "},
		{"p=kdp&trim=6x9&pages=300&unit=furlong", "unit", "--unit: "},
		{"p=kdp&trim=6x9&pages=300&binding=spiral", "binding", "--binding: "},
	}
	for _, tt := range tests {
		w := get(t, s, "/api/spine?"+tt.query)
		var e apiError
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || w.Code != 400 {
			t.Errorf("%s: %d %s", tt.query, w.Code, w.Body)
			continue
		}
		if e.Field != tt.field || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("%s: got field %q msg %q, want %q %q", tt.query, e.Field, e.Msg, tt.field, tt.msg)
		}
	}
}

func TestCheckPassAndFail(t *testing.T) {
	s, dir := testServer(t, Options{})
	vals := map[string]string{"p": "kdp", "pages": "300", "trim": "6x9", "paper": "cream"}
	for _, tt := range []struct {
		w    float64
		want preflight.Status
		fix  string
	}{
		{13, preflight.Pass, ""},
		{12.9256, preflight.Fail, "this size fits"},
	} {
		w := post(t, s, "/api/check", vals, map[string][]byte{"cover": coverPDF(t, tt.w, 9.25, 0)})
		var rep preflight.Report
		if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil {
			t.Fatalf("%d %s", w.Code, w.Body)
		}
		if rep.Status != tt.want || rep.Cover != "cover.pdf" {
			t.Errorf("width %g: status %s cover %q, want %s\n%s", tt.w, rep.Status, rep.Cover, tt.want, w.Body)
		}
		contains(t, w.Body.String(), tt.fix)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestTemplateAndZip(t *testing.T) {
	s, _ := testServer(t, Options{})
	w := get(t, s, "/api/template?p=kdp&trim=6x9&pages=300&paper=cream&format=svg")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "image/svg+xml") {
		t.Fatalf("svg: %d %s", w.Code, w.Body)
	}
	contains(t, w.Body.String(), "<svg")
	w = get(t, s, "/api/template?p=kdp&trim=6x9&pages=300&paper=cream&format=pdf&download=1")
	if w.Code != 200 || !strings.HasPrefix(w.Body.String(), "%PDF-") {
		t.Fatalf("pdf: %d", w.Code)
	}
	contains(t, w.Header().Get("Content-Disposition"), `attachment; filename=kdp_paperback_6x9_300pp_cream.pdf`)
	w = get(t, s, "/api/template?p=kdp,ingramspark&trim=6x9&pages=300")
	contains(t, w.Body.String(), "name one printer")
	w = get(t, s, "/api/template?p=kdp&trim=6x9&pages=3000")
	if w.Code != http.StatusUnprocessableEntity {
		t.Errorf("refusal: %d %s", w.Code, w.Body)
	}
	w = get(t, s, "/api/templates.zip?p=kdp,ingramspark&trim=6x9&pages=300&paper=cream&dpi=20")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/zip" {
		t.Fatalf("zip: %d %s", w.Code, w.Body)
	}
}

func TestBarcode(t *testing.T) {
	s, _ := testServer(t, Options{})
	w := get(t, s, "/api/barcode?isbn=978-1-913588-65-6&price=19.95&currency=USD")
	if w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	contains(t, w.Body.String(), "<svg")
	contains(t, w.Header().Get("X-Coverkit-Barcode"), "51995")
	w = get(t, s, "/api/barcode?isbn=978-1-913588-65-7")
	var e apiError
	json.Unmarshal(w.Body.Bytes(), &e)
	if w.Code != 400 || e.Field != "isbn" || !strings.HasPrefix(e.Msg, "--isbn: ") {
		t.Errorf("bad check digit: %d %+v", w.Code, e)
	}
}

func TestStaticPage(t *testing.T) {
	s, _ := testServer(t, Options{})
	w := get(t, s, "/")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "coverkit") {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if w := get(t, s, "/../go.mod"); w.Code == 200 {
		t.Errorf("path escape served: %s", w.Body)
	}
}

func TestCoverErrors(t *testing.T) {
	s, dir := testServer(t, Options{})
	book := map[string]string{"p": "kdp", "trim": "6x9", "pages": "300"}
	jpg, err := os.ReadFile("../fixtures/art/front.jpg")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		extra map[string]string
		files map[string][]byte
		field string
		msg   string
	}{
		{nil, map[string][]byte{"front": jpg}, "back", "--front and --back are required"},
		{nil, map[string][]byte{"front": []byte("not art"), "back": jpg}, "front", "--front front.pdf: "},
		{map[string]string{"spine_color": "mauve-ish"}, map[string][]byte{"front": jpg, "back": jpg}, "spine_color", "--spine-color: "},
		{nil, map[string][]byte{"from": jpg}, "from_printer", "--from needs --from-printer"},
		{map[string]string{"p": "kdp,ingramspark"}, map[string][]byte{"front": jpg, "back": jpg}, "p", "name one printer"},
	}
	for _, tt := range tests {
		vals := map[string]string{}
		for k, v := range book {
			vals[k] = v
		}
		for k, v := range tt.extra {
			vals[k] = v
		}
		w := post(t, s, "/api/cover", vals, tt.files)
		var e apiError
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || w.Code != 400 || e.Field != tt.field || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("%v %v: %d %s; want field %q, %q", tt.extra, len(tt.files), w.Code, w.Body, tt.field, tt.msg)
		}
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// Ctrl-C stops accepting but lets the request in flight finish.
func TestServeGracefulShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started, finish := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-finish
		io.WriteString(w, "finished")
	})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, ln, h, io.Discard) }()
	got := make(chan string, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got <- string(b)
	}()
	<-started
	cancel()
	time.Sleep(50 * time.Millisecond)
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Error("still accepting after shutdown began")
	}
	close(finish)
	if b := <-got; b != "finished" {
		t.Errorf("in-flight request got %q", b)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

func TestProofPicture(t *testing.T) {
	s, dir := testServer(t, Options{})
	vals := map[string]string{"p": "kdp", "pages": "300", "trim": "6x9", "paper": "cream"}
	w := post(t, s, "/api/proof", vals, map[string][]byte{"cover": coverPDF(t, 13, 9.25, 0)})
	if w.Code != 200 || !strings.HasPrefix(w.Body.String(), "%PDF-") {
		t.Fatalf("proof PDF: %d %.200s", w.Code, w.Body)
	}
	vals["format"] = "png"
	w = post(t, s, "/api/proof", vals, map[string][]byte{"cover": coverPDF(t, 13, 9.25, 0)})
	if pdftoppm() == "" {
		if w.Code != http.StatusNotImplemented {
			t.Errorf("without pdftoppm: %d %s", w.Code, w.Body)
		}
		t.Skip("pdftoppm missing (Debian: poppler-utils): the proof picture is not drawn")
	}
	if w.Code != 200 || !strings.HasPrefix(w.Body.String(), "\x89PNG") {
		t.Errorf("proof PNG: %d %.200s", w.Code, w.Body)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}
