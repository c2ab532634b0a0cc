package web

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/coverkit/coverkit/paper"
)

// DefaultMaxUpload bounds one request's uploads: 1 GiB, room for a 650 MB
// cover (KDP's limit, the largest any catalogued printer accepts) and its
// interior, and the same bound preflight puts on what it reads.
const DefaultMaxUpload int64 = 1 << 30

// Timeouts of the HTTP server. Reading a 650 MB upload over loopback takes
// seconds; the long read and write timeouts are for slow disks, not networks.
const (
	ReadHeaderTimeout = 10 * time.Second
	ReadTimeout       = 10 * time.Minute
	WriteTimeout      = 10 * time.Minute
	IdleTimeout       = 2 * time.Minute
	// ShutdownGrace is how long in-flight requests may run after Ctrl-C.
	ShutdownGrace = 30 * time.Second
)

//go:embed static
var staticFiles embed.FS

// Options configure a [Server]. The zero value serves the built-in catalogue
// on a loopback address.
type Options struct {
	// Addr is the address the server is bound to (host:port). Requests whose
	// Host header names neither it nor localhost are refused.
	Addr string
	// MaxUpload bounds the bytes of one request's uploads (DefaultMaxUpload when 0).
	MaxUpload int64
	// Catalog is the printer catalogue (paper.Default() when nil).
	Catalog *paper.Catalog
	// Version is coverkit's version, printed in templates.
	Version string
	// TempDir receives uploads while a request runs (os.TempDir() when empty).
	TempDir string
	// Workers bounds requests that read PDFs or draw PNGs at once, so that a
	// flood of uploads queues instead of exhausting memory (default: the
	// number of CPUs, at least 2).
	Workers int
	// Uploads bounds requests whose uploads are on disk at once, so that a
	// flood cannot fill the disk: at most Uploads x MaxUpload bytes (default
	// 4 x Workers, at least 8). Further uploads wait for a slot.
	Uploads int
	// Log receives one line per internal error (os.Stderr when nil).
	Log io.Writer
}

// Server is the web page and its API. It is safe for concurrent use.
type Server struct {
	o       Options
	cat     *paper.Catalog
	log     *log.Logger
	work    chan struct{}
	uploads chan struct{}
	handler http.Handler
	host    string // bound host, lower case, without brackets
}

// New returns a server for o.
func New(o Options) *Server {
	if o.MaxUpload <= 0 {
		o.MaxUpload = DefaultMaxUpload
	}
	if o.Workers <= 0 {
		o.Workers = max(2, runtime.NumCPU())
	}
	if o.Uploads <= 0 {
		o.Uploads = max(8, 4*o.Workers)
	}
	if o.Log == nil {
		o.Log = os.Stderr
	}
	s := &Server{o: o, cat: o.Catalog, log: log.New(o.Log, "coverkit: serve: ", 0), work: make(chan struct{}, o.Workers), uploads: make(chan struct{}, o.Uploads)}
	if s.cat == nil {
		s.cat = paper.Default()
	}
	if h, _, err := net.SplitHostPort(o.Addr); err == nil {
		s.host = strings.ToLower(strings.Trim(h, "[]"))
	}
	mux := http.NewServeMux()
	s.routes(mux)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, &apiError{Status: http.StatusForbidden, Msg: "cross-origin request refused: coverkit serve only answers its own page"})
	}))
	s.handler = s.recoverPanics(s.checkHost(cop.Handler(mux)))
	return s
}

// ServeHTTP serves the page and the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

func (s *Server) routes(mux *http.ServeMux) {
	static, _ := fs.Sub(staticFiles, "static")
	files := http.FileServerFS(static)
	mux.Handle("GET /{$}", noStore(files))
	mux.Handle("GET /{file}", noStore(files))
	mux.HandleFunc("GET /api/catalog", s.handleCatalog)
	mux.HandleFunc("GET /api/spine", s.handleSpine)
	mux.HandleFunc("POST /api/spine", s.handleSpine)
	mux.HandleFunc("GET /api/template", s.handleTemplate)
	mux.HandleFunc("POST /api/template", s.handleTemplate)
	mux.HandleFunc("GET /api/templates.zip", s.handleZip)
	mux.HandleFunc("POST /api/templates.zip", s.handleZip)
	mux.HandleFunc("POST /api/check", s.handleCheck)
	mux.HandleFunc("POST /api/proof", s.handleProof)
	mux.HandleFunc("GET /api/barcode", s.handleBarcode)
	mux.HandleFunc("POST /api/cover", s.handleCover)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, &apiError{Status: http.StatusNotFound, Msg: fmt.Sprintf("no API endpoint %s %s (see README.md, \"The web page\")", r.Method, r.URL.Path)})
	})
}

func noStore(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; object-src 'self' blob:; frame-src 'self' blob:; style-src 'self'; script-src 'self'; connect-src 'self' blob:; frame-ancestors 'none'")
		h.ServeHTTP(w, r)
	})
}

// checkHost refuses requests for another host name: a web page on another
// site whose name was re-pointed at 127.0.0.1 (DNS rebinding) sends its own
// name in Host. IP literals cannot be rebound; localhost is always ours.
func (s *Server) checkHost(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r.Host) {
			writeError(w, &apiError{Status: http.StatusMisdirectedRequest,
				Msg: fmt.Sprintf("host %q is not this server: open http://%s/ (coverkit serve refuses other host names to protect against DNS rebinding)", r.Host, s.displayAddr())})
			return
		}
		h.ServeHTTP(w, r)
	})
}

func (s *Server) hostAllowed(hostport string) bool {
	h := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.ToLower(strings.Trim(h, "[]")), ".")
	if h == "" {
		return false
	}
	if h == "localhost" || strings.HasSuffix(h, ".localhost") || h == s.host {
		return true
	}
	ip := net.ParseIP(h)
	if ip == nil {
		return false
	}
	if ip.IsLoopback() {
		return true
	}
	// Bound to every interface (0.0.0.0, ::): any address of this machine.
	bound := net.ParseIP(s.host)
	return bound != nil && bound.IsUnspecified()
}

func (s *Server) displayAddr() string {
	if s.o.Addr == "" {
		return "localhost"
	}
	return s.o.Addr
}

// recoverPanics turns a panic in a handler into a 500 with a message; the
// server goes on serving other requests.
func (s *Server) recoverPanics(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.log.Printf("internal error in %s %s: %v\n%s", r.Method, r.URL.Path, p, debug.Stack())
			if !tw.wrote {
				writeError(tw, &apiError{Status: http.StatusInternalServerError,
					Msg:   fmt.Sprintf("internal error: %v", p),
					Hints: []string{"this is a bug in coverkit; please report it with what you did"}})
			}
		}()
		h.ServeHTTP(tw, r)
	})
}

type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (t *trackingWriter) WriteHeader(code int) { t.wrote = true; t.ResponseWriter.WriteHeader(code) }
func (t *trackingWriter) Write(b []byte) (int, error) {
	t.wrote = true
	return t.ResponseWriter.Write(b)
}
func (t *trackingWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }

// acquire waits for a worker slot for a heavy job (reading a PDF, drawing a
// PNG or a ZIP); release with the returned function.
func (s *Server) acquire(ctx context.Context) (func(), error) {
	select {
	case s.work <- struct{}{}:
		return func() { <-s.work }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// slot waits for a work slot and returns its release; when the request ends
// first it answers the error and returns nil.
func (s *Server) slot(w http.ResponseWriter, r *http.Request) func() {
	release, err := s.acquire(r.Context())
	if err != nil {
		writeError(w, err)
		return nil
	}
	return release
}

// Serve serves h on ln until ctx is done, then shuts down gracefully: it stops
// accepting, lets in-flight requests finish (up to ShutdownGrace) and returns.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, errLog io.Writer) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
	if errLog != nil {
		srv.ErrorLog = log.New(errLog, "coverkit: serve: ", 0)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownGrace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if e := <-errc; e != nil && !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// apiError is an error answered as JSON: the CLI's message, the form field
// it is about (shown next to that field on the page) and hints.
type apiError struct {
	Status int      `json:"-"`
	Msg    string   `json:"error"`
	Field  string   `json:"field,omitempty"`
	Hints  []string `json:"hints,omitempty"`
}

func (e *apiError) Error() string { return e.Msg }

// badField is malformed input in one field (400), with the CLI's message.
func badField(field, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Field: field, Msg: fmt.Sprintf(format, args...)}
}

func writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = &apiError{Status: http.StatusBadRequest, Msg: err.Error()}
	}
	if ae.Status == 0 {
		ae.Status = http.StatusBadRequest
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(ae.Status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(ae)
}

// writeJSON writes v exactly as the CLI's --json does (two-space indent, a
// final newline), so that the bytes are the same.
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
