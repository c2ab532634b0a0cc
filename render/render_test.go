package render

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"hash/adler32"
	"hash/crc32"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// book is one template case.
type book struct {
	name    string
	printer string
	binding paper.BindingKind
	paper   string
	trim    string
	pages   int
	opts    Options
}

func (b book) layout(t testing.TB) *spine.Layout {
	t.Helper()
	p := paper.Default().Printer(b.printer)
	if p == nil {
		t.Fatalf("no printer %q", b.printer)
	}
	tr, err := paper.ParseTrim(b.trim)
	if err != nil {
		t.Fatal(err)
	}
	l, err := spine.Compute(p, spine.Request{Binding: b.binding, Paper: b.paper, Trim: tr, Pages: b.pages})
	if err != nil {
		t.Fatalf("%s: %v", b.name, err)
	}
	return l
}

// goldenBooks: a paperback, a hardcover and a jacket, as issue 3 asks.
var goldenBooks = []book{
	{"kdp_paperback", "kdp", paper.Paperback, "cream", "6x9", 300, Options{Version: "test"}},
	{"kdp_hardcover", "kdp", paper.Hardcover, "white", "6x9", 300, Options{Title: "The Long Road Home", Author: "Jane Q. Writer", Version: "test"}},
	{"ingramspark_jacket", "ingramspark", paper.Jacket, "white", "6x9", 300, Options{Version: "test"}},
}

const goldenDPI = 30

type format struct {
	ext  string
	draw func(io.Writer, *spine.Layout, Options) error
}

var formats = []format{{"pdf", PDF}, {"svg", SVG}, {"png", PNG}}

func render(t testing.TB, f format, l *spine.Layout, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.draw(&buf, l, o); err != nil {
		t.Fatalf("%s: %v", f.ext, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, b := range goldenBooks {
		for _, f := range formats {
			t.Run(b.name+"."+f.ext, func(t *testing.T) {
				o := b.opts
				o.DPI = goldenDPI
				got := render(t, f, b.layout(t), o)
				path := filepath.Join("testdata", "golden", b.name+"."+f.ext)
				if *update {
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run 'go test ./render -update' to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the golden file: %s\n(if the change is intended, run 'go test ./render -update' and look at the result)", path, firstDiff(got, want, f.ext == "svg"))
				}
			})
		}
	}
}

// firstDiff describes where two outputs first differ: the line for text, the
// byte offset for binary files.
func firstDiff(got, want []byte, text bool) string {
	if text {
		g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(g) || i < len(w); i++ {
			var gl, wl string
			if i < len(g) {
				gl = g[i]
			}
			if i < len(w) {
				wl = w[i]
			}
			if gl != wl {
				return fmt.Sprintf("line %d:\n  got:  %s\n  want: %s", i+1, gl, wl)
			}
		}
	}
	n := min(len(got), len(want))
	for i := 0; i < n; i++ {
		if got[i] != want[i] {
			return fmt.Sprintf("first difference at byte %d of %d (want %d bytes)", i, len(got), len(want))
		}
	}
	return fmt.Sprintf("got %d bytes, want %d", len(got), len(want))
}

func TestDeterministic(t *testing.T) {
	for _, b := range determinismBooks() {
		l := b.layout(t)
		for _, f := range formats {
			o := b.opts
			o.DPI = 40
			first := render(t, f, l, o)
			for i := range 12 {
				// A fresh Layout each time too: nothing may depend on pointers or maps.
				if got := render(t, f, b.layout(t), o); !bytes.Equal(got, first) {
					t.Fatalf("%s %s: run %d differs: %s", b.name, f.ext, i+2, firstDiff(got, first, false))
				}
			}
		}
	}
}

// determinismBooks are the golden books plus one whose Cyrillic title takes
// the PDF's UTF-8 font path.
func determinismBooks() []book {
	return append(goldenBooks, book{"kdp_paperback_cyrillic", "kdp", paper.Paperback, "cream", "6x9", 300,
		Options{Title: "Война и мир", Author: "Лев Толстой", Version: "test"}})
}

// childEnv names the directory a re-executed test binary writes its first
// renders to.
const childEnv = "COVERKIT_RENDER_FIRST_RENDER_DIR"

// The first template rendered in a fresh process equals one rendered after
// others (fpdf once wrote into the font bytes it was given, so the first PDF
// of a process differed from every later one). The test binary is run again
// with only this test, so its renders are the process's first.
func TestDeterministicAcrossProcesses(t *testing.T) {
	child := os.Getenv(childEnv)
	dir := child
	if child == "" {
		dir = t.TempDir()
		cmd := exec.Command(os.Args[0], "-test.run=^TestDeterministicAcrossProcesses$", "-test.count=1")
		cmd.Env = append(os.Environ(), childEnv+"="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("re-running the test binary: %v\n%s", err, out)
		}
	}
	for _, b := range determinismBooks() {
		for _, f := range formats {
			o := b.opts
			o.DPI = goldenDPI
			got := render(t, f, b.layout(t), o)
			path := filepath.Join(dir, b.name+"."+f.ext)
			if child != "" {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			first, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, first) {
				t.Errorf("%s.%s: the first render of a fresh process differs from a later one: %s", b.name, f.ext, firstDiff(got, first, false))
			}
		}
	}
}

// TestPDFBoxes reads the PDF back with pdfcpu: MediaBox = the sheet,
// TrimBox = the layout's trim zone, within 0.01 pt.
func TestPDFBoxes(t *testing.T) {
	for _, b := range append(goldenBooks,
		book{"lulu_hardcover", "lulu", paper.Hardcover, "white", "6x9", 300, Options{}},
		book{"ingramspark_paperback_thin", "ingramspark", paper.Paperback, "white", "5x8", 24, Options{}},
		book{"kdp_paperback_custom", "kdp", paper.Paperback, "white", "6.14x9.21", 151, Options{}},
	) {
		t.Run(b.name, func(t *testing.T) {
			l := b.layout(t)
			data := render(t, format{"pdf", PDF}, l, b.opts)
			conf := model.NewDefaultConfiguration()
			conf.ValidationMode = model.ValidationRelaxed
			if err := api.Validate(bytes.NewReader(data), conf); err != nil {
				t.Fatalf("pdfcpu validate: %v", err)
			}
			ctx, err := api.ReadContext(bytes.NewReader(data), conf)
			if err != nil {
				t.Fatalf("pdfcpu read: %v", err)
			}
			if err := ctx.EnsurePageCount(); err != nil {
				t.Fatal(err)
			}
			pbs, err := ctx.PageBoundaries(nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(pbs) != 1 {
				t.Fatalf("%d pages, want 1", len(pbs))
			}
			pb := pbs[0]
			H := f64(l.Sheet.H) * 72
			wantMedia := types.NewRectangle(0, 0, f64(l.Sheet.W)*72, H)
			tz, _ := l.Zone(spine.ZoneTrim)
			// PDF y grows upwards: the trim's top edge is H - Y.
			wantTrim := types.NewRectangle(f64(tz.X)*72, H-f64(tz.Bottom())*72, f64(tz.Right())*72, H-f64(tz.Y)*72)
			near := func(what string, got, want *types.Rectangle) {
				if got == nil {
					t.Fatalf("%s missing", what)
				}
				d := math.Max(math.Max(math.Abs(got.LL.X-want.LL.X), math.Abs(got.LL.Y-want.LL.Y)),
					math.Max(math.Abs(got.UR.X-want.UR.X), math.Abs(got.UR.Y-want.UR.Y)))
				if d > 0.01 {
					t.Errorf("%s = %v, want %v (off by %.4f pt)", what, got, want, d)
				}
			}
			near("MediaBox", pb.MediaBox(), wantMedia)
			if pb.Trim == nil || pb.Trim.Rect == nil {
				t.Fatal("no TrimBox")
			}
			near("TrimBox", pb.Trim.Rect, wantTrim)
			// Fonts are embedded.
			if !bytes.Contains(data, []byte("/FontFile2")) {
				t.Error("no embedded TrueType font (/FontFile2)")
			}
			// The optional-content layers designers hide.
			for _, name := range []string{"Guides", "Labels", "Barcode", "Safe areas"} {
				if !bytes.Contains(data, []byte("/Type/OCG/Name("+name+")")) {
					t.Errorf("no optional-content layer %q", name)
				}
			}
		})
	}
}

func TestPNGSizeAndDPI(t *testing.T) {
	b := goldenBooks[0]
	l := b.layout(t)
	for _, dpi := range []int{0, 72, 96, 150} {
		data := render(t, format{"png", PNG}, l, Options{DPI: dpi})
		want := dpi
		if want == 0 {
			want = DefaultDPI
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		// 13 x 9.25 in: round(13*dpi) x round(9.25*dpi).
		ww, wh := int(math.Round(13*float64(want))), int(math.Round(9.25*float64(want)))
		if got := img.Bounds().Size(); got.X != ww || got.Y != wh {
			t.Errorf("dpi %d: %dx%d pixels, want %dx%d", dpi, got.X, got.Y, ww, wh)
		}
		ppmX, ppmY, unit, ok := readPHYs(t, data)
		if !ok {
			t.Fatalf("dpi %d: no pHYs chunk before IDAT", dpi)
		}
		wantPPM := uint32(math.Round(float64(want) / 0.0254))
		if ppmX != wantPPM || ppmY != wantPPM || unit != 1 {
			t.Errorf("dpi %d: pHYs %d x %d unit %d, want %d per metre", dpi, ppmX, ppmY, unit, wantPPM)
		}
		if got := math.Round(float64(ppmX) * 0.0254); int(got) != want {
			t.Errorf("dpi %d: pHYs reads back as %v dpi", dpi, got)
		}
	}
}

// readPHYs walks the PNG chunks, checking every CRC, and returns pHYs if it
// comes before the first IDAT.
func readPHYs(t *testing.T, p []byte) (x, y uint32, unit byte, ok bool) {
	t.Helper()
	if !bytes.HasPrefix(p, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatal("not a PNG")
	}
	for i := 8; i+12 <= len(p); {
		n := int(binary.BigEndian.Uint32(p[i:]))
		typ := string(p[i+4 : i+8])
		body := p[i+8 : i+8+n]
		crc := binary.BigEndian.Uint32(p[i+8+n:])
		if crc32.ChecksumIEEE(p[i+4:i+8+n]) != crc {
			t.Fatalf("chunk %s: bad CRC", typ)
		}
		switch typ {
		case "pHYs":
			return binary.BigEndian.Uint32(body), binary.BigEndian.Uint32(body[4:]), body[8], true
		case "IDAT":
			return 0, 0, 0, false
		}
		i += 12 + n
	}
	return 0, 0, 0, false
}

func TestSVGWellFormed(t *testing.T) {
	for _, b := range goldenBooks {
		l := b.layout(t)
		data := render(t, format{"svg", SVG}, l, b.opts)
		d := xml.NewDecoder(bytes.NewReader(data))
		ids := map[string]bool{}
		var root xml.StartElement
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed XML: %v", b.name, err)
			}
			if se, ok := tok.(xml.StartElement); ok {
				if root.Name.Local == "" {
					root = se
				}
				if se.Name.Local == "g" {
					for _, a := range se.Attr {
						if a.Name.Local == "id" {
							ids[a.Value] = true
						}
					}
				}
			}
		}
		attr := func(n string) string {
			for _, a := range root.Attr {
				if a.Name.Local == n {
					return a.Value
				}
			}
			return ""
		}
		if root.Name.Local != "svg" || root.Name.Space != "http://www.w3.org/2000/svg" {
			t.Errorf("%s: root element %v", b.name, root.Name)
		}
		if w, h := attr("width"), attr("height"); w != l.Sheet.W.Round(6).String()+"in" || h != l.Sheet.H.Round(6).String()+"in" {
			t.Errorf("%s: size %s x %s, want %sin x %sin", b.name, w, h, l.Sheet.W, l.Sheet.H)
		}
		wantVB := fmt.Sprintf("0 0 %s %s", num(f64(l.Sheet.W)*72), num(f64(l.Sheet.H)*72))
		if vb := attr("viewBox"); vb != wantVB {
			t.Errorf("%s: viewBox %q, want %q", b.name, vb, wantVB)
		}
		for _, id := range []string{"safe-areas", "guides", "labels", "barcode"} {
			if !ids[id] {
				t.Errorf("%s: no <g id=%q>", b.name, id)
			}
		}
	}
}

func TestFileName(t *testing.T) {
	for _, tc := range []struct {
		b    book
		ext  string
		want string
	}{
		{goldenBooks[0], "pdf", "kdp_paperback_6x9_300pp_cream.pdf"},
		{goldenBooks[1], ".png", "kdp_hardcover_6x9_300pp_white.png"},
		{goldenBooks[2], "svg", "ingramspark_jacket_6x9_300pp_white.svg"},
		{book{"odd", "kdp", paper.Paperback, "white", "5.5x8.5", 301, Options{}}, "pdf", "kdp_paperback_5.5x8.5_302pp_white.pdf"},
		{book{"lulu", "lulu", paper.Paperback, "color-standard", "6x9", 100, Options{}}, "pdf", "lulu_paperback_6x9_100pp_color-standard.pdf"},
	} {
		if got := FileName(tc.b.layout(t), tc.ext); got != tc.want {
			t.Errorf("FileName(%s) = %q, want %q", tc.b.name, got, tc.want)
		}
	}
	l := goldenBooks[0].layout(t)
	l.SpineOverridden = true
	if got, want := FileName(l, "pdf"), "kdp_paperback_6x9_300pp_cream_spine0.75in.pdf"; got != want {
		t.Errorf("with --spine: %q, want %q", got, want)
	}
}

func TestErrors(t *testing.T) {
	for _, f := range formats {
		if err := f.draw(io.Discard, nil, Options{}); !errors.Is(err, ErrNoLayout) {
			t.Errorf("%s(nil) = %v, want ErrNoLayout", f.ext, err)
		}
	}
	l := goldenBooks[0].layout(t)
	for _, dpi := range []int{-1, MaxDPI + 1} {
		if err := PNG(io.Discard, l, Options{DPI: dpi}); !errors.Is(err, ErrBadDPI) {
			t.Errorf("PNG dpi %d = %v, want ErrBadDPI", dpi, err)
		}
	}
}

// testSymbol is a stand-in barcode: 3 bars and a digit line.
func testSymbol(w, h float64) *barcode.Symbol {
	return &barcode.Symbol{Width: w, Height: h,
		Bars:  []barcode.Bar{{X: 0.1, Y: 0.1, W: 0.02, H: h - 0.3}, {X: 0.2, Y: 0.1, W: 0.03, H: h - 0.3}, {X: w - 0.12, Y: 0.1, W: 0.02, H: h - 0.3}},
		Texts: []barcode.Text{{X: w / 2, Y: h - 0.05, Size: 9, Align: "center", Value: "9 781234 567897", Mono: true}},
	}
}

func TestBarcodeSymbol(t *testing.T) {
	l := goldenBooks[0].layout(t)
	z, _ := l.Zone(spine.ZoneBarcode)
	zb := toBox(z)
	// A symbol that fits is drawn at its size, centred; a larger one is
	// refused (FitBarcode makes one that fits), never scaled.
	if _, err := NewTemplate(l, Options{Barcode: testSymbol(4, 1.6)}); !errors.Is(err, ErrBarcodeSize) {
		t.Errorf("too big: %v, want ErrBarcodeSize", err)
	}
	sym := testSymbol(1.5, 1.0)
	s := build(l, Options{Barcode: sym})
	var bars []item
	var texts int
	for _, it := range s.layer("barcode").Items {
		if it.Kind == kRect && it.K {
			bars = append(bars, it)
		}
		if it.Kind == kText && it.K {
			texts++
		}
		if it.Kind == kRect && it.Fill == colBarcode {
			t.Errorf("yellow box drawn under a real barcode")
		}
	}
	if len(bars) != 3 || texts != 1 {
		t.Fatalf("%d K bars and %d K texts, want 3 and 1", len(bars), texts)
	}
	// The first bar, translated so that the symbol is centred in the box.
	ox, oy := zb.CX()-sym.Width*72/2, zb.CY()-sym.Height*72/2
	if got, want := bars[0].X, ox+0.1*72; math.Abs(got-want) > 1e-9 {
		t.Errorf("first bar at x %v, want %v", got, want)
	}
	if got, want := bars[0].Y, oy+0.1*72; math.Abs(got-want) > 1e-9 {
		t.Errorf("first bar at y %v, want %v", got, want)
	}
	for _, b := range bars {
		if b.X < zb.X-1e-9 || b.Y < zb.Y-1e-9 || b.X+b.W > zb.R()+1e-9 || b.Y+b.H > zb.B()+1e-9 {
			t.Errorf("bar %+v outside the barcode box %+v", b, zb)
		}
	}
	pdf := render(t, format{"pdf", PDF}, l, Options{Barcode: sym})
	if !bytes.Contains(inflatedStreams(t, pdf), []byte("0 0 0 1 k")) {
		t.Errorf("bars not painted K-only")
	}
}

func (s *scene) layer(id string) *layer {
	for _, L := range s.Layers {
		if L.ID == id {
			return L
		}
	}
	return nil
}

// pdfContent inflates every Flate stream of a PDF and joins them, so tests can
// look at the drawing operators.
func inflatedStreams(t *testing.T, pdf []byte) []byte {
	t.Helper()
	var out []byte
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			return out
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("\nendstream"))
		if j < 0 {
			return out
		}
		if r, err := zlib.NewReader(bytes.NewReader(rest[:j])); err == nil {
			b, err := io.ReadAll(r)
			if err == nil {
				out = append(out, b...)
			}
		}
		rest = rest[j:]
	}
}

// TestAdler: the zero-run fast path gives hash/adler32's answer.
func TestAdler(t *testing.T) {
	data := make([]byte, 0, 3<<20)
	var s adler = adler{a: 1}
	for i := range 900 {
		row := make([]byte, 1+i*7)
		row[0] = byte(i)
		if i%3 == 0 {
			for j := range row {
				row[j] = byte(j*31 + i)
			}
			s.update(row)
		} else if i%3 == 1 {
			// Sparse: zero words with a few set bytes, through update.
			for j := 0; j < len(row); j += 13 {
				row[j] = 255
			}
			s.update(row)
		} else {
			s.update(row[:1])
			s.zeros(len(row) - 1)
		}
		data = append(data, row...)
	}
	if got, want := s.a|s.b<<16, adler32.Checksum(data); got != want {
		t.Errorf("adler %08x, want %08x", got, want)
	}
}

func TestPNGTooLarge(t *testing.T) {
	// No built-in sheet reaches the limit even at 1200 dpi; a user profile's
	// 40 x 20 in sheet does (48,000 x 24,000 pixels).
	l := book{name: "big", printer: "kdp", binding: paper.Paperback, paper: "white", trim: "6x9", pages: 300}.layout(t)
	l.Sheet = spine.Size{W: decimal.NewFromInt(40), H: decimal.NewFromInt(20)}
	err := PNG(io.Discard, l, Options{DPI: 1200})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "use a lower --dpi") {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

// The proof overlay has the template's geometry and guides but no tint: two
// layers (Guides, Labels), the same page size, the same bytes every time.
func TestOverlay(t *testing.T) {
	l := book{name: "kdp", printer: "kdp", binding: paper.Hardcover, paper: "white", trim: "6x9", pages: 300}.layout(t)
	var a, b bytes.Buffer
	if err := Overlay(&a, l, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Overlay(&b, l, Options{}); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("overlay not deterministic (err %v)", err)
	}
	s := buildOverlay(l, Options{})
	if len(s.Layers) != 2 || s.Layers[0].Name != "Guides" || s.Layers[1].Name != "Labels" {
		t.Fatalf("layers %v", s.Layers)
	}
	for _, it := range s.Layers[0].Items {
		if it.Fill != none {
			t.Fatalf("overlay guide item %+v has a fill: it would hide the art", it)
		}
	}
	full := build(l, Options{})
	if s.W != full.W || s.H != full.H || s.Trim != full.Trim {
		t.Errorf("overlay page %vx%v trim %v, template %vx%v trim %v", s.W, s.H, s.Trim, full.W, full.H, full.Trim)
	}
}

// A title in a script the Go fonts lack is left out of the preview (no empty
// boxes on the template), and the specification block says why; Cyrillic,
// which the fonts cover, is kept.
func TestPreviewScriptCoverage(t *testing.T) {
	l := book{name: "kdp", printer: "kdp", binding: paper.Paperback, paper: "white", trim: "6x9", pages: 300}.layout(t)
	texts := func(s *scene) string {
		var out []string
		for _, L := range s.Layers {
			for _, it := range L.Items {
				if it.Kind == kText {
					out = append(out, it.Text)
				}
			}
		}
		return strings.Join(out, "|")
	}
	got := texts(build(l, Options{Title: "كتاب الليل", Author: "A. Writer"}))
	if strings.Contains(got, "كتاب") || !strings.Contains(got, "title preview left out") || !strings.Contains(got, "A. Writer") {
		t.Errorf("arabic title: %q", got)
	}
	got = texts(build(l, Options{Title: "Война и мир", Author: "Лев Толстой"}))
	if !strings.Contains(got, "Война и мир") || strings.Contains(got, "preview left out") {
		t.Errorf("cyrillic title: %q", got)
	}
}
