package preflight

import (
	"fmt"
	"strings"

	"github.com/coverkit/coverkit/paper"
)

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
		res.Status = pickStatus(rules.PDFX != nil, Fail, Warn)
		res.Message = fmt.Sprintf("%d font(s) not embedded: %s", len(missing), strings.Join(missing, ", "))
	case len(f.Fonts) == 0:
		res.Status, res.Message = Pass, "no fonts used (text, if any, is outlines or images)"
	default:
		res.Status, res.Message = Pass, fmt.Sprintf("all %d font(s) embedded", len(f.Fonts))
	}
	add(res)
}

func pickStatus(c bool, a, b Status) Status {
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
		res.Status = pickStatus(r.Level == Required, Fail, Warn)
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
	res.Status = pickStatus(r.Level == Required, Fail, Warn)
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
		res.Status, res.Message = pickStatus(r.Level == Required, Fail, Warn), fmt.Sprintf("no PDF/X declaration (GTS_PDFXVersion); export as %s", strings.Join(r.Values, " or "))
	case !ok:
		res.Status, res.Message = pickStatus(r.Level == Required, Fail, Warn), fmt.Sprintf("declares %s; accepted: %s", f.PDFXVersion, strings.Join(r.Values, ", "))
	default:
		res.Status, res.Message = pickStatus(r.Level == Required, Fail, Warn), fmt.Sprintf("declares %s but has no GTS_PDFX output intent", f.PDFXVersion)
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
		res.Status = pickStatus(rules.PDFX != nil, Fail, Warn)
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
		res.Status = pickStatus(r.Level == Required, Fail, Warn)
		res.Message = fmt.Sprintf("the file is %s, above the %.0f MB limit", HumanBytes(f.FileSize), r.Number)
	} else {
		res.Status, res.Message = Pass, fmt.Sprintf("%s (limit %.0f MB)", HumanBytes(f.FileSize), r.Number)
	}
	add(res)
}

// checkInk reports the printer's ink limit, which coverkit does not measure.
func checkInk(p *paper.Printer, rules FileRules, add adder) {
	if r := rules.InkLimit; r != nil {
		add(Result{Check: CheckInk, Status: Skip, Message: "total ink coverage is not measured by coverkit; check it in your layout program's separations preview",
			Rule: r.Rule, Source: r.sourceURL(p), Confidence: r.Confidence.String()})
	}
}
