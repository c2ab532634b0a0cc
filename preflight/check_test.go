package preflight

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

var cat = paper.Default()

func layout(t testing.TB, printer, binding, stock, trim string, pages int) *spine.Layout {
	t.Helper()
	p := cat.Printer(printer)
	b, err := paper.ParseBinding(binding)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := paper.ParseTrim(trim)
	if err != nil {
		t.Fatal(err)
	}
	l, err := spine.Compute(p, spine.Request{Binding: b, Paper: stock, Trim: ts, Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func fl(d decimal.Decimal) float64 { v, _ := d.Float64(); return v }

// cover describes a generated cover PDF.
type cover struct {
	w, h       float64 // inches
	pages      int
	helvetica  bool // title in core Helvetica (not embedded)
	spineText  *spine.Layout
	barcodeArt *spine.Layout
	rgbImage   bool
	lowRes     bool
	pdfx       bool
	trimBox    *spine.Layout
	guideText  string // a template's guide text left in the file
	userPW     string
	ownerPW    string
}

func (c cover) pdf(t testing.TB) []byte {
	t.Helper()
	pdf := newDoc(c.w, c.h)
	cmykRect(pdf, c.h, 0, 0, c.w, c.h) // background, full bleed
	if c.helvetica {
		pdf.SetFont("Helvetica", "", 24)
	} else {
		embedFont(pdf)
		pdf.SetFont("goregular", "", 24)
	}
	textAt(pdf, c.w-4, 2, "Title", 0)
	if c.guideText != "" {
		pdf.SetFontSize(8)
		textAt(pdf, 1, 1, c.guideText, 0)
	}
	if c.rgbImage || c.lowRes {
		px := 1800
		if c.lowRes {
			px = 300
		}
		placeImage(t, pdf, "art", px, px*2/3, false, c.w-5, 3, 3, 2)
	}
	if l := c.spineText; l != nil {
		z, _ := l.Zone(spine.ZoneSpine)
		pdf.SetFontSize(10)
		textAt(pdf, fl(z.X)+fl(z.W)/2-0.3*10/72, 3, "SPINE", -90) // box centre on the spine's centre line
	}
	if l := c.barcodeArt; l != nil {
		z, _ := l.Zone(spine.ZoneBarcode)
		cmykRect(pdf, c.h, fl(z.X)+0.2, fl(z.Y)+0.2, 0.5, 0.5)
	}
	if l := c.trimBox; l != nil {
		z, _ := l.Zone(spine.ZoneTrim)
		pdf.SetPageBox("trim", fl(z.X), c.h-fl(z.Y)-fl(z.H), fl(z.W), fl(z.H))
	}
	if c.pdfx {
		pdf.AddOutputIntent(fpdf.OutputIntentType{SubtypeIdent: fpdf.OutputIntent_GTS_PDFX, OutputConditionIdentifier: "FOGRA39", Info: "Coated FOGRA39"})
		pdf.SetXmpMetadata([]byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"><pdfxid:GTS_PDFXVersion>PDF/X-3:2002</pdfxid:GTS_PDFXVersion></rdf:Description></rdf:RDF></x:xmpmeta>`))
	}
	for i := 1; i < c.pages; i++ {
		pdf.AddPage()
	}
	if c.userPW != "" || c.ownerPW != "" {
		pdf.SetProtection(fpdf.CnProtectPrint, c.userPW, c.ownerPW)
	}
	return output(t, pdf)
}

func coverFor(l *spine.Layout) cover {
	return cover{w: fl(l.Sheet.W), h: fl(l.Sheet.H), pages: 1}
}

func check(t testing.TB, b []byte, ls ...*spine.Layout) *Report {
	t.Helper()
	f, err := readBytes(t, b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var targets []Target
	for _, l := range ls {
		ts, _ := paper.ParseTrim(fmtIn(fl(l.Trim.W)) + "x" + fmtIn(fl(l.Trim.H)))
		targets = append(targets, Target{Printer: cat.Printer(l.Printer), Layout: l, Trim: ts})
	}
	return CheckCover(f, targets, CheckOptions{Catalog: cat})
}

func result(t testing.TB, r *Report, printer int, name string) Result {
	t.Helper()
	for _, res := range r.Printers[printer].Results {
		if res.Check == name {
			return res
		}
	}
	t.Fatalf("no %s result in %+v", name, r.Printers[printer].Results)
	return Result{}
}

func want(t testing.TB, r *Report, printer int, name string, st Status, substrings ...string) Result {
	t.Helper()
	res := result(t, r, printer, name)
	if res.Status != st {
		t.Errorf("%s: status %s, want %s (%s)", name, res.Status, st, res.Message)
	}
	for _, s := range substrings {
		if !strings.Contains(res.Message, s) {
			t.Errorf("%s: message %q lacks %q", name, res.Message, s)
		}
	}
	return res
}

// kdp.md §5: KDP 6 x 9 in, 300 pp white: sheet 12.9256 x 9.25 in.
func TestCoverRightSize(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	r := check(t, coverFor(l).pdf(t), l)
	want(t, r, 0, CheckSize, Pass, "12.9256 x 9.25 in")
	want(t, r, 0, CheckPages, Pass)
	want(t, r, 0, CheckFonts, Pass)
	want(t, r, 0, CheckSpineText, Pass)
	want(t, r, 0, CheckBarcode, Pass, "clear")
	want(t, r, 0, CheckFileSize, Pass)
	want(t, r, 0, CheckGuides, Pass)
	if r.Status != Pass {
		t.Errorf("status %s: %+v", r.Status, r.Printers[0].Results)
	}
}

// KDP writes sizes rounded down to whole points (kdp.md §6); the default
// tolerance accepts that, a tolerance under the rounding loss does not.
func TestCoverKDPWholePointRounding(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	c := coverFor(l)
	c.w = math.Floor(c.w*72) / 72 // 930 pt for 930.6432 pt
	b := c.pdf(t)
	want(t, check(t, b, l), 0, CheckSize, Pass)
	f, _ := readBytes(t, b, Options{})
	r := CheckCover(f, []Target{{Printer: cat.Printer("kdp"), Layout: l}}, CheckOptions{Tolerance: decimal.RequireFromString("0.005")})
	want(t, r, 0, CheckSize, Fail, "too narrow")
}

func TestCoverTooNarrowReverseSolves(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	made := layout(t, "kdp", "paperback", "white", "6x9", 266)
	r := check(t, coverFor(made).pdf(t), l)
	// (300 - 266) x 0.002252 = 0.0766 in
	want(t, r, 0, CheckSize, Fail, "0.0766 in too narrow for Amazon KDP white 300 pages",
		"expected 12.9256 x 9.25 in, found 12.849 x 9.25 in", "this size fits Amazon KDP white", "(closest 266)")
	found := false
	for _, f := range r.Printers[0].Fits {
		if f.Printer == "kdp" && f.Paper == "white" && f.PagesFrom <= 266 && f.PagesTo >= 266 {
			found = true
		}
	}
	if !found {
		t.Errorf("fits %+v lack KDP white 266", r.Printers[0].Fits)
	}
	if r.Status != Fail {
		t.Errorf("status %s", r.Status)
	}
}

func TestCoverTooWide(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	made := layout(t, "kdp", "paperback", "white", "6x9", 340)
	want(t, check(t, coverFor(made).pdf(t), l), 0, CheckSize, Fail, "0.0901 in too wide")
}

func TestCoverWrongHeight(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	c := coverFor(l)
	c.h += 0.1
	res := want(t, check(t, c.pdf(t), l), 0, CheckSize, Fail, "0.1 in too tall")
	if strings.Contains(res.Message, "too narrow") || strings.Contains(res.Message, "too wide") {
		t.Errorf("width reported wrong: %s", res.Message)
	}
}

func TestCoverNoBleed(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	c := coverFor(l)
	c.w, c.h = c.w-0.25, c.h-0.25
	want(t, check(t, c.pdf(t), l), 0, CheckSize, Fail, "trim size without bleed")
}

// A cover made for cream is checked as white: it fits cream 300 pages and
// white at about 333 pages (0.75 / 0.002252).
func TestCoverWrongPaper(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	made := layout(t, "kdp", "paperback", "cream", "6x9", 300)
	r := check(t, coverFor(made).pdf(t), l)
	res := want(t, r, 0, CheckSize, Fail, "too wide")
	var cream, white bool
	for _, f := range r.Printers[0].Fits {
		cream = cream || (f.Printer == "kdp" && f.Paper == "cream" && f.PagesFrom <= 300 && f.PagesTo >= 300)
		white = white || (f.Printer == "kdp" && f.Paper == "white" && f.PagesFrom <= 332 && f.PagesTo >= 334)
	}
	if !cream || !white {
		t.Errorf("fits lack KDP cream 300 or white 332-334: %s", res.Message)
	}
}

// A cover made from IngramSpark's layout and checked for KDP.
func TestCoverOtherPrinter(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	made := layout(t, "ingramspark", "paperback", "white", "6x9", 300) // spine 0.606 in (ingramspark.md §3)
	r := check(t, coverFor(made).pdf(t), l)
	want(t, r, 0, CheckSize, Fail, "0.0696 in too narrow", "IngramSpark white/color-standard 294-306 pages (closest 300)")
}

func TestCoverMultiPage(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	c := coverFor(l)
	c.pages = 3
	want(t, check(t, c.pdf(t), l), 0, CheckPages, Fail, "3 pages")
}

func TestCoverFontsNotEmbedded(t *testing.T) {
	kdp := layout(t, "kdp", "paperback", "white", "6x9", 300)
	is := layout(t, "ingramspark", "paperback", "white", "6x9", 300)
	c := coverFor(kdp)
	c.helvetica = true
	r := check(t, c.pdf(t), kdp, is)
	want(t, r, 0, CheckFonts, Warn, "Helvetica")
	want(t, r, 1, CheckFonts, Fail, "Helvetica")
}

func TestCoverRGBImage(t *testing.T) {
	kdp := layout(t, "kdp", "paperback", "white", "6x9", 300)
	is := layout(t, "ingramspark", "paperback", "white", "6x9", 300)
	c := coverFor(kdp)
	c.rgbImage = true
	r := check(t, c.pdf(t), kdp, is)
	want(t, r, 0, CheckColor, Pass)
	want(t, r, 1, CheckColor, Fail, "DeviceRGB", "in image ")
	want(t, r, 0, CheckImages, Pass, "600 ppi")
}

func TestCoverLowResImage(t *testing.T) {
	kdp := layout(t, "kdp", "paperback", "white", "6x9", 300)
	lulu := layout(t, "lulu", "paperback", "white", "6x9", 300)
	c := coverFor(kdp)
	c.lowRes = true
	r := check(t, c.pdf(t), kdp, lulu)
	want(t, r, 0, CheckImages, Fail, "(300 x 200 px, DeviceRGB) is 100 ppi where placed")
	want(t, r, 1, CheckImages, Warn, "100 ppi")
}

// kdp.md §3: spine text from 80 pages; a 60-page cover with spine text fails.
func TestCoverSpineTextBelowMinimum(t *testing.T) {
	thin := layout(t, "kdp", "paperback", "white", "6x9", 60)
	c := coverFor(thin)
	c.spineText = thin
	want(t, check(t, c.pdf(t), thin), 0, CheckSpineText, Fail, `"SPINE"`, "below")

	thick := layout(t, "kdp", "paperback", "white", "6x9", 300)
	c = coverFor(thick)
	c.spineText = thick
	want(t, check(t, c.pdf(t), thick), 0, CheckSpineText, Pass, "allowed")
}

// Guide text from KDP's template (kdp.md §6, reference/kdp-paperback-
// template-look.png) or coverkit's own left in an upload file fails.
func TestCoverTemplateGuidesLeft(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	for _, text := range []string{"REMOVE THIS TEMPLATE LAYER FROM FINAL ARTWORK.", "Red Area = Out of Live/Bleed", "Barcode Location & Size", "HIDE THE TEMPLATE LAYERS BEFORE EXPORT"} {
		c := coverFor(l)
		c.guideText = text
		want(t, check(t, c.pdf(t), l), 0, CheckGuides, Fail, "template guide text is still in the file", text)
	}
	c := coverFor(l)
	c.guideText = "A novel of the sea, out of print since 1952"
	want(t, check(t, c.pdf(t), l), 0, CheckGuides, Pass)
}

func TestCoverBarcodeBox(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	c := coverFor(l)
	c.barcodeArt = l
	want(t, check(t, c.pdf(t), l), 0, CheckBarcode, Warn, "barcode box", "1 path")
}

func TestCoverTrimBox(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	c := coverFor(l)
	c.trimBox = l
	want(t, check(t, c.pdf(t), l), 0, CheckTrimBox, Pass)
	other := layout(t, "kdp", "paperback", "white", "6x9", 200)
	c.trimBox = other
	want(t, check(t, c.pdf(t), l), 0, CheckTrimBox, Warn)
}

func TestCoverPDFX(t *testing.T) {
	is := layout(t, "ingramspark", "paperback", "white", "6x9", 300)
	c := coverFor(is)
	r := check(t, c.pdf(t), is)
	want(t, r, 0, CheckPDFX, Fail, "no PDF/X declaration")
	want(t, r, 0, CheckInk, Skip)
	c.pdfx = true
	r = check(t, c.pdf(t), is)
	want(t, r, 0, CheckPDFX, Pass, "PDF/X-3:2002")
	want(t, r, 0, CheckColor, Pass)
	if r.Status != Pass {
		t.Errorf("status %s: %+v", r.Status, r.Printers[0].Results)
	}
}

func TestCoverEncrypted(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	is := layout(t, "ingramspark", "paperback", "white", "6x9", 300)
	c := coverFor(l)
	c.userPW, c.ownerPW = "secret", "owner"
	b := c.pdf(t)
	if _, err := readBytes(t, b, Options{}); !errors.Is(err, ErrEncrypted) || !Unusable(err) {
		t.Fatalf("err = %v, want ErrEncrypted", err)
	}
	f, err := readBytes(t, b, Options{Password: "secret"})
	if err != nil {
		t.Fatalf("with password: %v", err)
	}
	if !f.Encrypted {
		t.Error("not reported as encrypted")
	}
	// Owner password only: opens, but carries restrictions.
	c.userPW = ""
	r := check(t, c.pdf(t), l, is)
	want(t, r, 0, CheckEncryption, Warn, "encrypted")
	want(t, r, 1, CheckEncryption, Fail, "encrypted")
}

func TestCoverFileSizeLimit(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	f, err := readBytes(t, coverFor(l).pdf(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.FileSize = 651_000_000
	r := CheckCover(f, []Target{{Printer: cat.Printer("kdp"), Layout: l}}, CheckOptions{})
	res := want(t, r, 0, CheckFileSize, Fail, "651.0 MB, above the 650 MB limit")
	if !strings.Contains(res.Source, "G201857950") {
		t.Errorf("source %q", res.Source)
	}
}

func TestUnusableInputs(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	good := coverFor(l).pdf(t)
	for _, tc := range []struct {
		name string
		b    []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"text", []byte("this is not a PDF\n"), ErrNotPDF},
		{"png", []byte("\x89PNG\r\n\x1a\n...."), ErrNotPDF},
		{"header only", []byte("%PDF-1.7\n"), ErrDamaged},
		{"garbage body", append([]byte("%PDF-1.4\n"), []byte(strings.Repeat("obj << /Type /Page >> endobj ", 50))...), ErrDamaged},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readBytes(t, tc.b, Options{})
			if !errors.Is(err, tc.want) || !Unusable(err) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	// Truncations of a good file: each either reads or is unusable; none panics.
	for _, n := range []int{10, 100, len(good) / 3, len(good) / 2, len(good) - 20} {
		if _, err := readBytes(t, good[:n], Options{}); err != nil && !Unusable(err) {
			t.Errorf("truncated at %d: %v is not an unusable-input error", n, err)
		}
	}
	if _, err := ReadFile(context.Background(), "testdata/does-not-exist.pdf", Options{}); !Unusable(err) {
		t.Errorf("missing file: %v", err)
	}
}

func TestReadLimits(t *testing.T) {
	l := layout(t, "kdp", "paperback", "white", "6x9", 300)
	c := coverFor(l)
	c.pages = 5
	b := c.pdf(t)
	if _, err := readBytes(t, b, Options{MaxBytes: 100}); !errors.Is(err, ErrLimit) {
		t.Errorf("MaxBytes: %v", err)
	}
	if _, err := readBytes(t, b, Options{MaxPages: 2}); !errors.Is(err, ErrLimit) {
		t.Errorf("MaxPages: %v", err)
	}
	f, err := readBytes(t, b, Options{MaxOps: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Incomplete) != 1 || !strings.Contains(f.Incomplete[0], "more than 3 content operators") {
		t.Errorf("MaxOps: incomplete %v", f.Incomplete)
	}
}
