package preflight

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// DefaultTolerance is the default size tolerance: 1 point (1/72 in, about
// 0.35 mm). No printer publishes a tolerance for an uploaded cover's size, so
// coverkit chooses one (docs/check.md explains it):
//   - it must accept KDP's own template PDFs, which write the page size
//     rounded down to whole points (948 pt for a 948.479 pt sheet), so a
//     correct file can be up to 1 pt smaller than the exact sheet;
//   - it stays well inside the 1/16 in (4.5 pt) fold drift that KDP
//     (https://kdp.amazon.com/en_US/help/topic/G201953020) and IngramSpark
//     (https://help.ingramspark.com/hc/en-us/articles/6443509108365) allow in
//     production, so a cover that passes places its spine folds where the
//     printer's own variance would.
//
// One point is the smallest value meeting the first and a quarter of the
// second. On KDP white paper it equals about 6 pages of spine.
var DefaultTolerance = decimal.NewFromInt(1).DivRound(decimal.NewFromInt(72), 6)

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
		PDFVersion: f.Version, PDFX: f.PDFXVersion, Notes: f.Notes}
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
	add := func(res Result) {
		pr.Results = append(pr.Results, res)
		pr.Status = worse(pr.Status, res.Status)
	}
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
	rules := RulesFor(t.Printer)
	book := fmt.Sprintf("%s %s %s %d pages", l.PrinterName, l.Binding, l.Paper, l.Pages)
	if l.Binding == paper.Paperback {
		book = fmt.Sprintf("%s %s %d pages", l.PrinterName, l.Paper, l.Pages)
	}
	sheetSrc, sheetConf := layoutSource(l)

	// One page.
	if f.PageCount != 1 {
		add(Result{Check: CheckPages, Status: Fail,
			Message:    fmt.Sprintf("the cover has %d pages; a cover is one page holding back, spine and front (only page 1 was measured)", f.PageCount),
			Rule:       "the full cover is one flat sheet: back, spine and front side by side",
			Source:     sheetSrc,
			Confidence: sheetConf})
	} else {
		add(Result{Check: CheckPages, Status: Pass, Message: "one page", Source: sheetSrc, Confidence: sheetConf,
			Rule: "the full cover is one flat sheet: back, spine and front side by side"})
	}

	// Size.
	ew, eh := f64(l.Sheet.W), f64(l.Sheet.H)
	dw, dh := w-ew, h-eh
	sizeOK := math.Abs(dw) <= tol+1e-9 && math.Abs(dh) <= tol+1e-9
	edge := "bleed"
	edgeV := l.Bleed
	if l.Binding == paper.Hardcover {
		edge, edgeV = "wrap", l.Wrap
	}
	rule := fmt.Sprintf("full sheet = 2 x trim width + spine + 2 x %s (+ panel and flap extras) by trim height + 2 x %s; tolerance %s in (%s pt)",
		edge, edge, fmtIn(tol), fmtIn(tol*PointsPerInch))
	if sizeOK {
		add(Result{Check: CheckSize, Status: Pass, Rule: rule, Source: sheetSrc, Confidence: sheetConf,
			Message: fmt.Sprintf("cover is %s x %s in (%s), expected %s x %s in for %s (spine %s in)",
				fmtIn(w), fmtIn(h), sheetBoxName(f), fmtIn(ew), fmtIn(eh), book, fmtIn(f64(l.Spine)))})
	} else {
		var why []string
		if math.Abs(dw) > tol+1e-9 {
			why = append(why, fmt.Sprintf("%s in too %s", fmtIn(math.Abs(dw)), pick(dw < 0, "narrow", "wide")))
		}
		if math.Abs(dh) > tol+1e-9 {
			why = append(why, fmt.Sprintf("%s in too %s", fmtIn(math.Abs(dh)), pick(dh < 0, "short", "tall")))
		}
		msg := fmt.Sprintf("cover is %s for %s (expected %s x %s in, found %s x %s in)",
			strings.Join(why, " and "), book, fmtIn(ew), fmtIn(eh), fmtIn(w), fmtIn(h))
		var reasons []string
		if math.Abs(dh) <= tol+1e-9 && math.Abs(dw) > tol+1e-9 {
			reasons = append(reasons, fmt.Sprintf("the spine for %d pages on %s is %s in; the width found leaves %s in for it",
				l.Pages, l.Paper, fmtIn(f64(l.Spine)), fmtIn(f64(l.Spine)+dw)))
		}
		tz, _ := l.Zone(spine.ZoneTrim)
		if l.Binding == paper.Paperback && math.Abs(w-f64(tz.W)) <= tol+1e-9 && math.Abs(h-f64(tz.H)) <= tol+1e-9 {
			reasons = append(reasons, fmt.Sprintf("the file is the trim size without %s: add %s in %s on every outer edge", edge, fmtIn(f64(edgeV)), edge))
		}
		if o.Catalog != nil {
			pr.Fits = Solve(o.Catalog, t.Trim, decimal.NewFromFloat(w), decimal.NewFromFloat(h), o.Tolerance, l)
			if s := fitsText(pr.Fits, string(l.Binding)); s != "" {
				reasons = append(reasons, "this size fits "+s)
			} else {
				reasons = append(reasons, fmt.Sprintf("no catalogued printer, paper and page count gives this size for a %s x %s in trim", fmtIn(f64(l.Trim.W)), fmtIn(f64(l.Trim.H))))
			}
		}
		if len(reasons) > 0 {
			msg += "; " + strings.Join(reasons, "; ")
		}
		add(Result{Check: CheckSize, Status: Fail, Message: msg, Rule: rule, Source: sheetSrc, Confidence: sheetConf})
	}

	p := f.Pages[0]
	if p.TrimBox != nil {
		tz, _ := l.Zone(spine.ZoneTrim)
		tw, th := p.Size(*p.TrimBox)
		tw, th = tw/PointsPerInch, th/PointsPerInch
		zw, zh := f64(tz.W), f64(tz.H)
		if math.Abs(tw-zw) <= tol+1e-9 && math.Abs(th-zh) <= tol+1e-9 {
			add(Result{Check: CheckTrimBox, Status: Pass, Message: fmt.Sprintf("TrimBox %s x %s in equals the layout's trim", fmtIn(tw), fmtIn(th)),
				Rule: "TrimBox = the sheet less bleed or wrap", Source: sheetSrc, Confidence: sheetConf})
		} else {
			add(Result{Check: CheckTrimBox, Status: Warn,
				Message: fmt.Sprintf("TrimBox is %s x %s in; the layout's trim (sheet less %s) is %s x %s in", fmtIn(tw), fmtIn(th), edge, fmtIn(zw), fmtIn(zh)),
				Rule:    "TrimBox = the sheet less bleed or wrap", Source: sheetSrc, Confidence: sheetConf})
		}
	}

	checkFonts(f, t.Printer, rules, add)
	checkImages(f, t.Printer, rules, add)
	checkColor(f, t.Printer, rules, add)
	checkPDFX(f, t.Printer, rules, add)
	if r := rules.InkLimit; r != nil {
		add(Result{Check: CheckInk, Status: Skip, Message: "total ink coverage is not measured by coverkit; check it in your layout program's separations preview",
			Rule: r.Rule, Source: r.sourceURL(t.Printer), Confidence: r.Confidence.String()})
	}
	checkEncryption(f, t.Printer, rules, add)
	checkZones(f, l, sb, sizeOK, add)
	checkGuides(f, add)
	checkFileSize(f, t.Printer, rules, add)
	if len(f.Incomplete) > 0 {
		for i := range pr.Results {
			pr.Results[i] = uncheckable(pr.Results[i], f.Incomplete)
			pr.Status = worse(pr.Status, pr.Results[i].Status)
		}
	}
	return pr
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

// guidePhrases are words that only a cover template prints: KDP's ("REMOVE
// THIS TEMPLATE LAYER FROM FINAL ARTWORK", "Out of Live/Bleed", "Barcode
// Location & Size") and coverkit's own ("HIDE THE TEMPLATE LAYERS BEFORE
// EXPORT", "out of live area", "BARCODE AREA", "cover template", and the key of
// a proof made with --overlay).
var guidePhrases = []string{"template layer", "out of live", "barcode location", "barcode area", "cover template", "proof overlay"}

// guidesSource is KDP's template, whose legend says "Whatever is visible in
// your digital artwork will also be visible in your printed artwork".
const guidesSource = "https://github.com/TrueBlocks/trueblocks-works/blob/main/design/kdp-cover-specs.md"

// checkGuides fails a cover that still carries a template's guide text: the
// printer prints whatever is visible. It reads text drawn with simple fonts;
// text in two-byte (CID) fonts or outlined text is not seen.
func checkGuides(f *Facts, add adder) {
	res := Result{Check: CheckGuides, Rule: "remove or hide the template layer before export: the printer prints whatever is visible",
		Source: guidesSource, Confidence: paper.Calculator.String()}
	var found []string
	for _, m := range f.Marks {
		if m.Kind != "text" || m.Text == "" {
			continue
		}
		low := strings.ToLower(strings.Join(strings.Fields(m.Text), " "))
		for _, ph := range guidePhrases {
			if strings.Contains(low, ph) {
				found = append(found, fmt.Sprintf("%q", strings.TrimSpace(m.Text)))
				break
			}
		}
	}
	if len(found) == 0 {
		res.Status, res.Message = Pass, "no template guide text found"
		add(res)
		return
	}
	res.Status = Fail
	res.Message = fmt.Sprintf("template guide text is still in the file (%s): hide or delete the template layer and export again", strings.Join(limit(dedupe(found), 3), ", "))
	add(res)
}

func pick(c bool, a, b string) string {
	if c {
		return a
	}
	return b
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

func checkFonts(f *Facts, p *paper.Printer, rules FileRules, add adder) {
	var missing []string
	for _, fo := range f.Fonts {
		if !fo.Embedded {
			missing = append(missing, fo.Name)
		}
	}
	res := Result{Check: CheckFonts, Rule: "every font must be embedded"}
	if rules.PDFX != nil {
		res.Rule += " (PDF/X requires it: " + rules.PDFX.Rule + ")"
		res.Source, res.Confidence = rules.PDFX.sourceURL(p), rules.PDFX.Confidence.String()
	} else {
		res.Rule += " (coverkit's rule: an unembedded font is replaced by the printer's RIP; no printer publishes a rule for it)"
		res.Confidence = paper.Unconfirmed.String()
	}
	switch {
	case len(missing) > 0:
		res.Status = pick2(rules.PDFX != nil, Fail, Warn)
		res.Message = fmt.Sprintf("%d font(s) not embedded: %s", len(missing), strings.Join(missing, ", "))
	case len(f.Fonts) == 0:
		res.Status, res.Message = Pass, "no fonts used (text, if any, is outlines or images)"
	default:
		res.Status, res.Message = Pass, fmt.Sprintf("all %d font(s) embedded", len(f.Fonts))
	}
	add(res)
}

func pick2(c bool, a, b Status) Status {
	if c {
		return a
	}
	return b
}

func checkImages(f *Facts, p *paper.Printer, rules FileRules, add adder) {
	res := Result{Check: CheckImages}
	var lowest *Image
	for i := range f.Images {
		im := &f.Images[i]
		if im.Mask || im.PPI() <= 0 {
			continue
		}
		if lowest == nil || im.PPI() < lowest.PPI() {
			lowest = im
		}
	}
	describe := func(im *Image) string {
		s := fmt.Sprintf("%s (%d x %d px, %s) is %.0f ppi where placed", im.Name, im.Width, im.Height, im.ColorSpace, im.PPI())
		if im.Method != PlacedByCTM {
			s += " (" + im.Method + ")"
		}
		return s
	}
	r := rules.MinImagePPI
	if r == nil {
		res.Status, res.Rule = Pass, "no minimum resolution published for this printer's covers"
		if lowest != nil {
			res.Message = "lowest: " + describe(lowest)
		} else {
			res.Message = "no images"
		}
		add(res)
		return
	}
	res.Rule, res.Source, res.Confidence = r.Rule, r.sourceURL(p), r.Confidence.String()
	var low []string
	for i := range f.Images {
		im := &f.Images[i]
		if im.Mask || im.PPI() <= 0 {
			continue
		}
		if im.PPI() < r.Number-0.5 {
			low = append(low, describe(im))
		}
	}
	switch {
	case len(low) > 0:
		res.Status = pick2(r.Level == Required, Fail, Warn)
		if len(low) > 5 {
			low = append(low[:5], fmt.Sprintf("and %d more", len(low)-5))
		}
		res.Message = fmt.Sprintf("%d image(s) below %.0f ppi: %s", len(low), r.Number, strings.Join(low, "; "))
	case lowest == nil:
		res.Status, res.Message = Pass, "no images"
	default:
		res.Status, res.Message = Pass, "every image is at least "+fmt.Sprintf("%.0f", r.Number)+" ppi; lowest: "+describe(lowest)
	}
	add(res)
}

func checkColor(f *Facts, p *paper.Printer, rules FileRules, add adder) {
	r := rules.CMYK
	res := Result{Check: CheckColor}
	if r == nil {
		res.Status, res.Rule = Pass, "no colour-space requirement published for this printer's covers"
		res.Message = "colour spaces used: " + orNone(f.ColorSpaces)
		add(res)
		return
	}
	res.Rule, res.Source, res.Confidence = r.Rule, r.sourceURL(p), r.Confidence.String()
	rgb := f.RGB()
	if len(rgb) == 0 {
		res.Status, res.Message = Pass, "no RGB colour; colour spaces used: "+orNone(f.ColorSpaces)
		add(res)
		return
	}
	var where []string
	for _, im := range f.Images {
		if IsRGB(im.ColorSpace) && len(where) < 5 {
			where = append(where, "image "+im.Name)
		}
	}
	res.Status = pick2(r.Level == Required, Fail, Warn)
	res.Message = fmt.Sprintf("RGB colour used (%s)", strings.Join(rgb, ", "))
	if len(where) > 0 {
		res.Message += " in " + strings.Join(where, ", ")
	}
	res.Message += "; convert to CMYK"
	add(res)
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

func checkPDFX(f *Facts, p *paper.Printer, rules FileRules, add adder) {
	r := rules.PDFX
	if r == nil {
		return
	}
	res := Result{Check: CheckPDFX, Rule: r.Rule, Source: r.sourceURL(p), Confidence: r.Confidence.String()}
	ok := false
	for _, v := range r.Values {
		if strings.HasPrefix(f.PDFXVersion, v) {
			ok = true
		}
	}
	hasIntent := false
	for _, oi := range f.OutputIntents {
		if oi.Subtype == "GTS_PDFX" {
			hasIntent = true
		}
	}
	switch {
	case ok && hasIntent:
		res.Status, res.Message = Pass, fmt.Sprintf("declares %s with a GTS_PDFX output intent (coverkit checks the declaration, fonts, colour and encryption, not full ISO 15930 conformance)", f.PDFXVersion)
	case f.PDFXVersion == "":
		res.Status, res.Message = pick2(r.Level == Required, Fail, Warn), fmt.Sprintf("no PDF/X declaration (GTS_PDFXVersion); export as %s", strings.Join(r.Values, " or "))
	case !ok:
		res.Status, res.Message = pick2(r.Level == Required, Fail, Warn), fmt.Sprintf("declares %s; accepted: %s", f.PDFXVersion, strings.Join(r.Values, ", "))
	default:
		res.Status, res.Message = pick2(r.Level == Required, Fail, Warn), fmt.Sprintf("declares %s but has no GTS_PDFX output intent", f.PDFXVersion)
	}
	add(res)
}

func checkEncryption(f *Facts, p *paper.Printer, rules FileRules, add adder) {
	res := Result{Check: CheckEncryption}
	if rules.PDFX != nil {
		res.Rule = "PDF/X forbids encryption (" + rules.PDFX.Rule + ")"
		res.Source, res.Confidence = rules.PDFX.sourceURL(p), rules.PDFX.Confidence.String()
	} else {
		res.Rule = "coverkit's rule: a print file should open without restrictions; no printer publishes a rule for it"
		res.Confidence = paper.Unconfirmed.String()
	}
	if !f.Encrypted {
		res.Status, res.Message = Pass, "not encrypted"
	} else {
		res.Status = pick2(rules.PDFX != nil, Fail, Warn)
		res.Message = "the file is encrypted (it opens without a password, but carries permission restrictions); save it without security"
	}
	add(res)
}

func checkFileSize(f *Facts, p *paper.Printer, rules FileRules, add adder) {
	r := rules.MaxFileMB
	if r == nil {
		return
	}
	res := Result{Check: CheckFileSize, Rule: r.Rule, Source: r.sourceURL(p), Confidence: r.Confidence.String()}
	limit := int64(r.Number * 1e6)
	if f.FileSize > limit {
		res.Status = pick2(r.Level == Required, Fail, Warn)
		res.Message = fmt.Sprintf("the file is %s, above the %.0f MB limit", HumanBytes(f.FileSize), r.Number)
	} else {
		res.Status, res.Message = Pass, fmt.Sprintf("%s (limit %.0f MB)", HumanBytes(f.FileSize), r.Number)
	}
	add(res)
}

// zoneBox converts a layout zone (inches from the sheet's top-left) into the
// user space of page p, on its sheet box sb.
func zoneBox(z spine.Rect, sb Box, p Page) Box {
	k := PointsPerInch / p.unit()
	x0 := sb.LLX + f64(z.X)*k
	top := sb.URY - f64(z.Y)*k
	return Box{x0, top - f64(z.H)*k, x0 + f64(z.W)*k, top}
}

func checkZones(f *Facts, l *spine.Layout, sb Box, sizeOK bool, add adder) {
	st := l.SpineText
	stRes := Result{Check: CheckSpineText, Source: st.Source.URL, Confidence: st.Confidence.String(),
		Rule: fmt.Sprintf("spine text from %d pages", st.MinPages)}
	bcRes := Result{Check: CheckBarcode, Rule: "the printer prints its barcode in this box unless the cover has one"}
	for _, v := range l.Values {
		if strings.HasPrefix(v.Name, "barcode.") && bcRes.Source == "" {
			bcRes.Source, bcRes.Confidence = v.Source.URL, v.Confidence.String()
		}
	}
	if f.ContentPages == 0 || f.Pages[0].Rotate != 0 {
		why := "the content was not analysed"
		if f.ContentPages > 0 {
			why = "the page is rotated"
		}
		stRes.Status, stRes.Message = Skip, why
		add(stRes)
		if l.BarcodeByPrinter {
			bcRes.Status, bcRes.Message = Skip, why
			add(bcRes)
		}
		return
	}
	if !sizeOK {
		stRes.Status, stRes.Message = Skip, "not checked: the cover is the wrong size, so its spine is not where the layout puts it"
		add(stRes)
		if l.BarcodeByPrinter {
			bcRes.Status, bcRes.Message = Skip, "not checked: the cover is the wrong size"
			add(bcRes)
		}
		return
	}
	sz, _ := l.Zone(spine.ZoneSpine)
	texts := f.MarksIn(1, zoneBox(sz, sb, f.Pages[0]), false)
	var words []string
	for _, m := range texts {
		if m.Kind == MarkText {
			words = append(words, fmt.Sprintf("%q", m.Text))
		}
	}
	words = dedupe(words)
	switch {
	case len(words) > 0 && !st.Allowed:
		stRes.Status = Fail
		stRes.Message = fmt.Sprintf("text drawn in the spine (%s), but %s", strings.Join(limit(words, 3), ", "), st.Reason)
	case len(words) > 0:
		stRes.Status, stRes.Message = Pass, fmt.Sprintf("spine text (%s) allowed: %s", strings.Join(limit(words, 3), ", "), st.Reason)
	case !st.Allowed:
		stRes.Status, stRes.Message = Pass, "no text in the spine, as required: "+st.Reason
	default:
		stRes.Status, stRes.Message = Pass, "no text in the spine ("+st.Reason+")"
	}
	add(stRes)

	if !l.BarcodeByPrinter {
		return
	}
	bz, _ := l.Zone(spine.ZoneBarcode)
	marks := f.MarksIn(1, zoneBox(bz, sb, f.Pages[0]), true)
	if len(marks) == 0 {
		bcRes.Status = Pass
		bcRes.Message = fmt.Sprintf("the %s x %s in barcode box is clear", fmtIn(f64(bz.W)), fmtIn(f64(bz.H)))
	} else {
		kinds := map[string]int{}
		for _, m := range marks {
			kinds[m.Kind]++
		}
		var parts []string
		for _, k := range sortedKeys(kinds) {
			parts = append(parts, fmt.Sprintf("%d %s", kinds[k], k))
		}
		bcRes.Status = Warn
		bcRes.Message = fmt.Sprintf("content drawn in the %s x %s in barcode box (%s); %s prints its barcode there unless you say your cover has one",
			fmtIn(f64(bz.W)), fmtIn(f64(bz.H)), strings.Join(parts, ", "), l.PrinterName)
	}
	add(bcRes)
}

func limit(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("and %d more", len(s)-n))
	}
	return s
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// CheckInterior turns interior facts into results: every page one size, and
// the trim agreeing with the one asked for (when asked).
func CheckInterior(in InteriorInfo, asked *TrimSize, tol decimal.Decimal) []Result {
	var out []Result
	if in.MixedCount > 0 {
		out = append(out, Result{Check: CheckInteriorSize, Status: Fail, Message: in.MixedText(),
			Rule: "every interior page must have the same size"})
	} else {
		out = append(out, Result{Check: CheckInteriorSize, Status: Pass,
			Message: fmt.Sprintf("%d pages, all %s (trim from the %s)", in.Pages, in.Trim, in.From),
			Rule:    "every interior page must have the same size"})
	}
	if asked != nil {
		if asked.near(in.Trim, tol) {
			out = append(out, Result{Check: CheckInteriorTr, Status: Pass, Message: "interior trim matches --trim " + asked.String()})
		} else {
			out = append(out, Result{Check: CheckInteriorTr, Status: Fail,
				Message: fmt.Sprintf("interior trim is %s (from the %s) but --trim is %s", in.Trim, in.From, asked.String())})
		}
	}
	return out
}

// HumanBytes writes a byte count in kB or MB (powers of ten, as printers
// state their limits).
func HumanBytes(n int64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d bytes", n)
}
