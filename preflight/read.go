package preflight

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/coverkit/coverkit/internal/userfile"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// Options bound the work [Read] does. The zero value means the defaults.
type Options struct {
	// MaxBytes refuses larger inputs (default 1 GiB, above every printer's
	// cover limit so that the file-size check still sees oversize covers).
	MaxBytes int64
	// MaxPages refuses documents with more pages (default 5000; the largest
	// interior any catalogued printer binds is 1200 pages).
	MaxPages int
	// MaxObjects refuses documents with more objects (default 60,000: the
	// PDF library holds about 3 kB per object, and a tagged 1,200-page
	// interior has a few tens of thousands).
	MaxObjects int
	// ContentPages is how many leading pages have their content analysed
	// (fonts, images, colour spaces, marks). Default 1: a cover has one page;
	// an interior needs only its boxes. -1 analyses every page.
	ContentPages int
	// SkipContent reads boxes only (an interior needs no more).
	SkipContent bool
	// MaxOps bounds content-stream operators per page, forms included
	// (default 2,000,000).
	MaxOps int
	// MaxMarks bounds the painted-content marks recorded (default 200,000).
	MaxMarks int
	// Timeout bounds the whole read (default 60 s).
	Timeout time.Duration
	// Password opens an encrypted PDF (user or owner password).
	Password string
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = 1 << 30
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 5000
	}
	if o.MaxObjects <= 0 {
		o.MaxObjects = 60_000
	}
	if o.ContentPages == 0 {
		o.ContentPages = 1
	}
	if o.MaxOps <= 0 {
		o.MaxOps = 2_000_000
	}
	if o.MaxMarks <= 0 {
		o.MaxMarks = 200_000
	}
	if o.Timeout <= 0 {
		o.Timeout = 60 * time.Second
	}
	return o
}

// Bounds of decoding, so that a small file cannot expand to fill the memory
// (a 1 MB Flate stream can hold 1 GB): one decoded stream, and all the
// content streams and forms decoded for one read together.
const (
	maxDecodeBytes = 32 << 20
	maxDecodeTotal = 128 << 20
)

var disableConfigDir sync.Once

// ReadFile reads the PDF at name. See [Read].
//
// Only regular files are read (a named pipe, directory or device is refused
// with an error wrapping [userfile.ErrNotRegular]), up to o.MaxBytes.
func ReadFile(ctx context.Context, name string, o Options) (*Facts, error) {
	f, _, err := userfile.Open(name, o.withDefaults().MaxBytes)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(ctx, f, o)
}

// Read reads a PDF's facts: boxes, fonts, images, colour spaces, PDF/X
// declarations and painted content. It never panics: a panic inside the PDF
// library is recovered and reported as [ErrDamaged]. Work is bounded by o and
// by ctx; when the time runs out Read returns an error wrapping [ErrLimit]
// (the abandoned reader goroutine stops at its next context check or when r
// fails).
func Read(ctx context.Context, r io.ReadSeeker, o Options) (*Facts, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: no input", ErrEmpty)
	}
	o = o.withDefaults()
	size, err := r.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, fmt.Errorf("size: %w", err)
	}
	if size == 0 {
		return nil, fmt.Errorf("%w: the file has no bytes", ErrEmpty)
	}
	if size > o.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes is more than the %d-byte reading limit", ErrLimit, size, o.MaxBytes)
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("seek: %w", err)
	}
	head := make([]byte, 1024)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("header: %w", err)
	}
	if !bytes.Contains(head[:n], []byte("%PDF-")) {
		return nil, fmt.Errorf("%w: no %%PDF- header in the first %d bytes", ErrNotPDF, n)
	}
	if err := countObjects(r, o.MaxObjects); err != nil {
		return nil, err
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("seek: %w", err)
	}

	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	type result struct {
		f   *Facts
		err error
	}
	done := make(chan result, 1)
	go func() {
		var res result
		defer func() {
			if p := recover(); p != nil {
				res = result{nil, damagedPanic(p)}
			}
			done <- res
		}()
		res.f, res.err = read(ctx, r, size, o)
	}()
	select {
	case res := <-done:
		return res.f, res.err
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: reading took longer than %s", ErrLimit, o.Timeout)
	}
}

func read(ctx context.Context, r io.ReadSeeker, size int64, o Options) (*Facts, error) {
	xt, err := parse(ctx, r, o)
	if err != nil {
		return nil, err
	}
	f := &Facts{FileSize: size, PageCount: xt.PageCount, Encrypted: xt.Encrypt != nil}
	if xt.HeaderVersion != nil {
		f.Version = xt.VersionString()
	}
	if err := readPages(xt, f); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLimit, err)
	}
	readDocInfo(xt, f)
	if err := analyse(ctx, xt, f, o); err != nil {
		return nil, err
	}
	return f, nil
}

// parse reads the PDF's structure with pdfcpu under o's limits.
func parse(ctx context.Context, r io.ReadSeeker, o Options) (*model.XRefTable, error) {
	disableConfigDir.Do(func() {
		// pdfcpu would otherwise create a configuration directory in the
		// user's home on first use; preflight needs none of it.
		model.ConfigPath = "disable"
	})
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.UserPW, conf.OwnerPW = o.Password, o.Password
	conf.Limits.MaxObjectCount = o.MaxObjects
	conf.Limits.MaxXRefEntries = o.MaxObjects
	conf.Limits.MaxObjectStreamCount = o.MaxObjects
	if conf.Limits.MaxStreamBytes > o.MaxBytes {
		conf.Limits.MaxStreamBytes = o.MaxBytes
	}
	conf.Limits.MaxDecodeBytes = maxDecodeBytes

	pc, err := pdfcpu.ReadWithContext(ctx, r, conf)
	if err != nil {
		return nil, classify(ctx, err)
	}
	xt := pc.XRefTable
	if xt == nil {
		return nil, fmt.Errorf("%w: no cross-reference table", ErrDamaged)
	}
	if len(xt.Table) > o.MaxObjects {
		return nil, fmt.Errorf("%w: %d objects is more than the %d-object limit", ErrLimit, len(xt.Table), o.MaxObjects)
	}
	if err := xt.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("%w: page count: %w", ErrDamaged, err)
	}
	if xt.PageCount <= 0 {
		return nil, fmt.Errorf("%w: the document has no pages", ErrEmpty)
	}
	if xt.PageCount > o.MaxPages {
		return nil, fmt.Errorf("%w: %d pages is more than the %d-page limit", ErrLimit, xt.PageCount, o.MaxPages)
	}
	return xt, nil
}

// analyse reads the painted content of the first o.ContentPages pages.
func analyse(ctx context.Context, xt *model.XRefTable, f *Facts, o Options) error {
	n := o.ContentPages
	if n < 0 || n > f.PageCount {
		n = f.PageCount
	}
	if o.SkipContent {
		n = 0
	}
	a := &analyser{ctx: ctx, xt: xt, f: f, o: o, fonts: map[string]*Font{}}
	for i := 1; i <= n; i++ {
		if err := a.analysePage(i); err != nil {
			return err
		}
		f.ContentPages = i
	}
	a.finish()
	return nil
}

// countObjects refuses a file with more than max "endobj" keywords before the
// PDF library parses it: parsing costs time and memory per object (1.35
// million tiny objects in 91 MB took over a minute and 2.7 GB). Objects inside
// object streams are bounded by the library's own limits.
func countObjects(r io.ReadSeeker, max int) error {
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("seek: %w", err)
	}
	key := []byte("endobj")
	buf := make([]byte, 1<<20+len(key))
	n, keep := 0, 0
	for {
		m, err := io.ReadFull(r, buf[keep:])
		chunk := buf[:keep+m]
		n += bytes.Count(chunk, key)
		if n > max {
			return fmt.Errorf("%w: more than %d objects (the object limit)", ErrLimit, max)
		}
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return nil
			}
			return fmt.Errorf("read: %w", err)
		}
		// Keep the tail that may hold the start of a keyword cut in two.
		keep = copy(buf, chunk[len(chunk)-(len(key)-1):])
	}
}

// damagedPanic turns a panic inside the PDF library into ErrDamaged. The Go
// runtime's words ("index out of range [3] with length 3") mean nothing to a
// user: they are printed, with the stack, only when COVERKIT_DEBUG is set.
func damagedPanic(p any) error {
	if os.Getenv("COVERKIT_DEBUG") != "" {
		fmt.Fprintf(os.Stderr, "preflight: recovered panic: %v\n%s", p, debug.Stack())
		return fmt.Errorf("%w: its structure could not be parsed (%v)", ErrDamaged, p)
	}
	return fmt.Errorf("%w: its structure could not be parsed", ErrDamaged)
}

// classify maps a pdfcpu read error onto the package's sentinels.
func classify(ctx context.Context, err error) error {
	switch {
	case errors.Is(err, pdfcpu.ErrWrongPassword):
		return fmt.Errorf("%w (%w)", ErrEncrypted, err)
	case ctx.Err() != nil:
		return fmt.Errorf("%w: %w", ErrLimit, ctx.Err())
	case strings.Contains(strings.ToLower(err.Error()), "limit"):
		return fmt.Errorf("%w: %w", ErrLimit, err)
	case strings.Contains(strings.ToLower(err.Error()), "password"), strings.Contains(strings.ToLower(err.Error()), "encrypt"):
		return fmt.Errorf("%w (%w)", ErrEncrypted, err)
	}
	return fmt.Errorf("%w: %w", ErrDamaged, err)
}
