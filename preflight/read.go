package preflight

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/coverkit/coverkit/internal/userfile"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
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
		return nil, fmt.Errorf("%w: page count: %v", ErrDamaged, err)
	}
	if xt.PageCount <= 0 {
		return nil, fmt.Errorf("%w: the document has no pages", ErrEmpty)
	}
	if xt.PageCount > o.MaxPages {
		return nil, fmt.Errorf("%w: %d pages is more than the %d-page limit", ErrLimit, xt.PageCount, o.MaxPages)
	}
	f := &Facts{FileSize: size, PageCount: xt.PageCount, Encrypted: xt.Encrypt != nil}
	if xt.HeaderVersion != nil {
		f.Version = xt.VersionString()
	}
	pbs, err := xt.PageBoundaries(nil)
	if err != nil {
		return nil, fmt.Errorf("%w: page boxes: %v", ErrDamaged, err)
	}
	if len(pbs) != xt.PageCount {
		return nil, fmt.Errorf("%w: page tree lists %d pages, found %d", ErrDamaged, xt.PageCount, len(pbs))
	}
	units, err := userUnits(xt)
	if err != nil {
		return nil, err
	}
	for i, pb := range pbs {
		p := Page{Number: i + 1, Rotate: ((pb.Rot % 360) + 360) % 360}
		if len(units) == len(pbs) {
			p.UserUnit = units[i]
		}
		if pb.Media == nil || pb.Media.Rect == nil {
			return nil, fmt.Errorf("%w: page %d has no MediaBox", ErrDamaged, i+1)
		}
		p.MediaBox = box(pb.Media.Rect)
		p.CropBox = optBox(pb.Crop)
		p.TrimBox = optBox(pb.Trim)
		p.BleedBox = optBox(pb.Bleed)
		if err := checkBoxes(p); err != nil {
			return nil, err
		}
		f.Pages = append(f.Pages, p)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrLimit, err)
	}
	readDocInfo(xt, f)
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
			return nil, err
		}
		f.ContentPages = i
	}
	a.finish()
	return f, nil
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
		return fmt.Errorf("%w (%v)", ErrEncrypted, err)
	case ctx.Err() != nil:
		return fmt.Errorf("%w: %v", ErrLimit, ctx.Err())
	case strings.Contains(strings.ToLower(err.Error()), "limit"):
		return fmt.Errorf("%w: %v", ErrLimit, err)
	case strings.Contains(strings.ToLower(err.Error()), "password"), strings.Contains(strings.ToLower(err.Error()), "encrypt"):
		return fmt.Errorf("%w (%v)", ErrEncrypted, err)
	}
	return fmt.Errorf("%w: %v", ErrDamaged, err)
}

// maxUserUnit bounds /UserUnit: Acrobat's limit, a unit of about 26 m.
const maxUserUnit = 75000

// userUnits walks the page tree once and returns each page's /UserUnit (0
// when absent), in page order; nil when the tree cannot be walked (the page
// boxes are read by pdfcpu, which reports a damaged tree). A /UserUnit that is
// not a positive number up to maxUserUnit is an error.
func userUnits(xt *model.XRefTable) ([]float64, error) {
	root, err := xt.Pages()
	if err != nil || root == nil {
		return nil, nil
	}
	out := make([]float64, 0, xt.PageCount)
	seen := map[int]bool{}
	var walk func(o types.Object, depth int) error
	walk = func(o types.Object, depth int) error {
		if depth > 64 || len(out) > xt.PageCount {
			return nil
		}
		if ir, ok := o.(types.IndirectRef); ok {
			if seen[ir.ObjectNumber.Value()] {
				return nil
			}
			seen[ir.ObjectNumber.Value()] = true
		}
		d, err := xt.DereferenceDict(o)
		if err != nil || d == nil {
			return nil
		}
		if kids, ok := d.Find("Kids"); ok {
			arr, err := xt.DereferenceArray(kids)
			if err != nil {
				return nil
			}
			for _, k := range arr {
				if err := walk(k, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		u := 0.0
		if v, ok := d.Find("UserUnit"); ok {
			n, isNum := number(xt, v)
			if !isNum || math.IsNaN(n) || n <= 0 || n > maxUserUnit {
				return fmt.Errorf("%w: page %d's /UserUnit %v is not a positive number up to %d", ErrDamaged, len(out)+1, v, maxUserUnit)
			}
			u = n
		}
		out = append(out, u)
		return nil
	}
	if err := walk(*root, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// number reads a PDF number object.
func number(xt *model.XRefTable, o types.Object) (float64, bool) {
	o, err := xt.Dereference(o)
	if err != nil {
		return 0, false
	}
	switch v := o.(type) {
	case types.Integer:
		return float64(v), true
	case types.Float:
		return float64(v), true
	}
	return 0, false
}

// checkBoxes refuses a page whose boxes are not finite, in-range sizes, so
// that every number read from the file can become a decimal.
func checkBoxes(p Page) error {
	for _, b := range []struct {
		name string
		box  *Box
	}{{"MediaBox", &p.MediaBox}, {"CropBox", p.CropBox}, {"TrimBox", p.TrimBox}, {"BleedBox", p.BleedBox}} {
		if b.box == nil {
			continue
		}
		x := *b.box
		for _, v := range []float64{x.LLX, x.LLY, x.URX, x.URY} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("%w: page %d's %s holds a number that is not finite (NaN or infinity)", ErrDamaged, p.Number, b.name)
			}
			if math.Abs(v) > maxCoord {
				return fmt.Errorf("%w: page %d's %s [%g %g %g %g] reaches beyond %g units", ErrDamaged, p.Number, b.name, x.LLX, x.LLY, x.URX, x.URY, float64(maxCoord))
			}
		}
		w, h := x.W()*p.unit(), x.H()*p.unit()
		if b.name != "MediaBox" {
			continue
		}
		if w <= 0 || h <= 0 {
			return fmt.Errorf("%w: page %d has an empty MediaBox (%g x %g pt)", ErrDamaged, p.Number, w, h)
		}
		if w < minPagePoints || h < minPagePoints {
			return fmt.Errorf("%w: page %d's MediaBox is %g x %g pt, smaller than any page (PDF's minimum is %d units a side)", ErrDamaged, p.Number, w, h, minPagePoints)
		}
		if w > maxPagePoints || h > maxPagePoints {
			return fmt.Errorf("%w: page %d's MediaBox is %s x %s in, larger than any printable page (at most %d in a side)", ErrDamaged, p.Number, fmtIn(w/PointsPerInch), fmtIn(h/PointsPerInch), int(maxPagePoints/PointsPerInch))
		}
	}
	return nil
}

// minPagePoints is PDF's smallest page side (ISO 32000-1 Annex C: 3 units).
const minPagePoints = 3

// maxCoord bounds a box coordinate (PDF's own implementation limit for reals
// is about 3.4e38; no page reaches a thousandth of this).
const maxCoord = 1e7

func box(r *types.Rectangle) Box {
	return Box{r.LL.X, r.LL.Y, r.UR.X, r.UR.Y}.Norm()
}

func optBox(b *model.Box) *Box {
	if b == nil || b.Rect == nil {
		return nil
	}
	x := box(b.Rect)
	return &x
}

// readDocInfo reads the PDF/X declaration: GTS_PDFXVersion from the Info
// dictionary or XMP metadata, and the catalogue's OutputIntents.
func readDocInfo(xt *model.XRefTable, f *Facts) {
	if xt.Info != nil {
		if d, err := xt.DereferenceDict(*xt.Info); err == nil && d != nil {
			if o, ok := d.Find("GTS_PDFXVersion"); ok {
				if s, err := xt.DereferenceText(o); err == nil {
					f.PDFXVersion = strings.TrimSpace(s)
				}
			}
			// PDF/X-1a:2001 declares GTS_PDFXVersion (PDF/X-1:2001) and its
			// level in GTS_PDFXConformance (PDF/X-1a:2001), ISO 15930-1: the
			// level is what printers name.
			if strings.HasPrefix(f.PDFXVersion, "PDF/X-1:") {
				if o, ok := d.Find("GTS_PDFXConformance"); ok {
					if s, err := xt.DereferenceText(o); err == nil && strings.TrimSpace(s) != "" {
						f.PDFXVersion = strings.TrimSpace(s)
					}
				}
			}
		}
	}
	cat, err := xt.Catalog()
	if err != nil || cat == nil {
		return
	}
	if o, ok := cat.Find("OutputIntents"); ok {
		if arr, err := xt.DereferenceArray(o); err == nil {
			for i, e := range arr {
				if i >= 16 {
					break
				}
				d, err := xt.DereferenceDict(e)
				if err != nil || d == nil {
					continue
				}
				oi := OutputIntent{}
				if s := d.NameEntry("S"); s != nil {
					oi.Subtype = *s
				}
				if o, ok := d.Find("OutputConditionIdentifier"); ok {
					if s, err := xt.DereferenceText(o); err == nil {
						oi.Identifier = s
					}
				}
				_, oi.HasProfile = d.Find("DestOutputProfile")
				f.OutputIntents = append(f.OutputIntents, oi)
			}
		}
	}
	if f.PDFXVersion == "" {
		if o, ok := cat.Find("Metadata"); ok {
			if sd, _, err := xt.DereferenceStreamDict(o); err == nil && sd != nil {
				if err := sd.DecodeWithLimit(16 << 20); err == nil {
					f.PDFXVersion = xmpPDFX(sd.Content)
				}
			}
		}
	}
}

// xmpPDFX finds pdfxid:GTS_PDFXVersion (element or attribute form) in XMP.
func xmpPDFX(b []byte) string {
	s := string(b)
	i := strings.Index(s, "GTS_PDFXVersion")
	if i < 0 {
		return ""
	}
	rest := s[i+len("GTS_PDFXVersion"):]
	switch {
	case strings.HasPrefix(rest, ">"):
		if j := strings.Index(rest, "<"); j > 0 {
			return strings.TrimSpace(rest[1:j])
		}
	case strings.HasPrefix(strings.TrimLeft(rest, " "), "="):
		rest = strings.TrimLeft(strings.TrimLeft(rest, " ")[1:], " ")
		if len(rest) > 1 {
			q := rest[0]
			if j := strings.IndexByte(rest[1:], q); j >= 0 {
				return strings.TrimSpace(rest[1 : j+1])
			}
		}
	}
	return ""
}
