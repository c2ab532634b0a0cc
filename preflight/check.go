package preflight

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// Status is a check's verdict.
type Status string

// Verdicts, in increasing severity. Skip means the check could not run or
// does not apply; it never fails a cover.
const (
	Pass Status = "pass"
	Skip Status = "skip"
	Warn Status = "warn"
	Fail Status = "fail"
)

func (s Status) rank() int {
	switch s {
	case Warn:
		return 2
	case Fail:
		return 3
	case Skip:
		return 1
	}
	return 0
}

func worse(a, b Status) Status {
	if b.rank() > a.rank() {
		return b
	}
	return a
}

// Check names.
const (
	CheckPages        = "pages"      // the cover has one page
	CheckSize         = "size"       // full sheet size
	CheckTrimBox      = "trim-box"   // TrimBox equals the layout's trim
	CheckFonts        = "fonts"      // fonts embedded
	CheckImages       = "images"     // image resolution
	CheckColor        = "color"      // CMYK where required
	CheckPDFX         = "pdfx"       // PDF/X declaration where required
	CheckInk          = "ink"        // total ink (not measured)
	CheckEncryption   = "encryption" // encrypted files
	CheckSpineText    = "spine-text" // text on a spine too thin for it
	CheckBarcode      = "barcode"    // content where the printer prints its barcode
	CheckFileSize     = "file-size"  // file size limit
	CheckGuides       = "guides"     // template guides left in the upload file
	CheckInteriorSize = "interior"   // interior pages all one size
	CheckInteriorTr   = "interior-trim"
)

// Result is one check's verdict with the rule it applied.
type Result struct {
	Check      string `json:"check"`
	Status     Status `json:"status"`
	Message    string `json:"message"`
	Rule       string `json:"rule,omitempty"`
	Source     string `json:"source,omitempty"`
	Confidence string `json:"confidence,omitempty"`
}

// Target is one printer to check against: its layout, or why it refused.
type Target struct {
	Printer *paper.Printer
	Layout  *spine.Layout
	Err     error
	Trim    paper.TrimSpec // the trim asked for, for reverse solving
}

// CheckOptions configure [CheckCover].
type CheckOptions struct {
	// Tolerance for sizes, in inches (DefaultTolerance when zero).
	Tolerance decimal.Decimal
	// Catalog is searched for what a wrong-sized cover fits (no search when nil).
	Catalog *paper.Catalog
}

// SheetBox returns the box of page p that holds the full sheet, bleed
// included, and its name: the BleedBox, else the CropBox, else the MediaBox
// (the defaults ISO 32000-1 §14.11.2 gives).
func SheetBox(p Page) (Box, string) {
	switch {
	case p.BleedBox != nil:
		return *p.BleedBox, "BleedBox"
	case p.CropBox != nil && (p.CropBox.W() < p.MediaBox.W()-0.01 || p.CropBox.H() < p.MediaBox.H()-0.01):
		return *p.CropBox, "CropBox"
	}
	return p.MediaBox, "MediaBox"
}

// CheckCover checks a cover's facts against each target's layout.
func CheckCover(f *Facts, targets []Target, o CheckOptions) *Report {
	tolD := o.Tolerance
	if !tolD.IsPositive() {
		tolD = DefaultTolerance
	}
	tol := f64(tolD)
	o.Tolerance = tolD
	r := &Report{Tolerance: json.Number(tolD.Round(6).String()), CoverPages: f.PageCount, FileSize: f.FileSize,
		PDFVersion: f.Version, PDFX: f.PDFXVersion}
	p := f.Pages[0]
	sb, sbName := SheetBox(p)
	w, h := p.Size(sb)
	w, h = w/PointsPerInch, h/PointsPerInch
	r.Found, r.FoundBox = foundSize(w, h), sbName
	for _, t := range targets {
		pr := checkOne(f, t, sb, w, h, tol, o)
		r.Status = worse(r.Status, pr.Status)
		r.Printers = append(r.Printers, pr)
	}
	if r.Status == "" || r.Status == Skip {
		r.Status = Pass
	}
	return r
}

func checkOne(f *Facts, t Target, sb Box, w, h, tol float64, o CheckOptions) PrinterReport {
	pr := PrinterReport{Printer: t.Printer.ID, PrinterName: t.Printer.Name, Status: Pass}
	if t.Err != nil {
		pr.Error = t.Err.Error()
		pr.Status = Fail
		return pr
	}
	l := t.Layout
	pr.Binding, pr.Paper, pr.Pages = string(l.Binding), l.Paper, l.Pages
	pr.Trim = &Size{l.Trim.W, l.Trim.H}
	pr.Spine = &Length{l.Spine}
	pr.Expected = &Size{l.Sheet.W, l.Sheet.H}
	pr.Estimate, pr.Warnings = l.Estimate(), l.Warnings

	// The geometry: one page, the sheet's size, the TrimBox.
	g := newGeometry(f, t, w, h, tol)
	pr.add(g.pages())
	size, sizeOK := g.size(o, &pr.Fits)
	pr.add(size)
	if r, ok := g.trimBox(); ok {
		pr.add(r)
	}
	// The file: fonts, images, colour, PDF/X, ink, encryption.
	rules := RulesFor(t.Printer)
	checkFonts(f, t.Printer, rules, pr.add)
	checkImages(f, t.Printer, rules, pr.add)
	checkColor(f, t.Printer, rules, pr.add)
	checkPDFX(f, t.Printer, rules, pr.add)
	checkInk(t.Printer, rules, pr.add)
	checkEncryption(f, t.Printer, rules, pr.add)
	// What is painted where: spine text, barcode box, template guides.
	checkZones(f, l, sb, sizeOK, pr.add)
	checkGuides(f, pr.add)
	checkFileSize(f, t.Printer, rules, pr.add)
	pr.uncheckable(f.Incomplete)
	return pr
}

// add records one result and the verdict it makes.
func (pr *PrinterReport) add(res Result) {
	pr.Results = append(pr.Results, res)
	pr.Status = worse(pr.Status, res.Status)
}

// uncheckable applies [uncheckable] to every result when the painted content
// could not be followed to the end (why lists the reasons).
func (pr *PrinterReport) uncheckable(why []string) {
	if len(why) == 0 {
		return
	}
	for i := range pr.Results {
		pr.Results[i] = uncheckable(pr.Results[i], why)
		pr.Status = worse(pr.Status, pr.Results[i].Status)
	}
}

// contentChecks names what each check that reads painted content looks for.
var contentChecks = map[string]string{
	CheckFonts:     "every font",
	CheckImages:    "every image's resolution",
	CheckColor:     "every colour",
	CheckSpineText: "the spine for text",
	CheckBarcode:   "that the barcode box is clear",
	CheckGuides:    "for template guide text",
}

// uncheckable turns the pass of a check that reads painted content into a
// warning when the content could not be followed to the end: a check that
// could not be carried out never passes. Failures and warnings found in the
// part read stay as they are.
func uncheckable(r Result, why []string) Result {
	what, ok := contentChecks[r.Check]
	if !ok || r.Status != Pass {
		return r
	}
	r.Status = Warn
	r.Message = fmt.Sprintf("could not check %s because %s; in the part read: %s", what, strings.Join(why, "; "), r.Message)
	return r
}

func sheetBoxName(f *Facts) string {
	_, name := SheetBox(f.Pages[0])
	return name
}

// layoutSource returns the source and confidence of the layout's spine rule,
// the value that most often makes a cover the wrong size.
func layoutSource(l *spine.Layout) (string, string) {
	for _, v := range l.Values {
		if v.Name == "spine.rule" || v.Name == "spine" {
			return v.Source.URL, v.Confidence.String()
		}
	}
	return "", l.Confidence.String()
}

type adder func(Result)
