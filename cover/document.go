package cover

import (
	"fmt"
	"image"
	"sort"
	"strings"
	"time"

	"github.com/coverkit/coverkit/internal/uniq"
	"github.com/coverkit/coverkit/spine"
)

// PDF/X-1a:2001 declaration: CMYK and grey only, no transparency, PDF 1.3,
// TrimBox and BleedBox, Trapped, an output intent. The output condition is a
// characterisation registered with the ICC (CGATS TR 001, SWOP), so
// ISO 15930-1 lets the file name it without embedding a profile.
const (
	pdfxVersion     = "PDF/X-1:2001"
	pdfxConformance = "PDF/X-1a:2001"
	outputCondition = "CGATS TR 001"
	outputInfo      = "U.S. Web Coated (SWOP) v2, CGATS TR 001"
)

func (b *builder) finish() (*Cover, error) {
	l := b.l
	c := b.c
	for _, m := range []string{ModelCMYK, ModelGray, ModelRGB} {
		if len(b.models[m]) > 0 {
			c.Models = append(c.Models, m)
		}
	}
	declare := b.pdfxDecision()
	b.inkCheck()

	W, H := l.Sheet.W.InexactFloat64()*72, b.H
	trim, _ := b.zone(spine.ZoneTrim)
	catalog := b.w.reserve()
	pages := b.w.reserve()
	page := b.w.reserve()
	content := b.w.addStream("<</Filter /FlateDecode", deflate(b.cs.Bytes(), 6))
	var xo strings.Builder
	for _, n := range b.xobjs {
		fmt.Fprintf(&xo, "/%s %d 0 R ", n, b.xnum[n])
	}
	b.w.set(page, []byte(fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /BleedBox [0 0 %s %s] /TrimBox [%s %s %s %s] /Resources <</ProcSet [/PDF /ImageB /ImageC] /XObject <<%s>>>> /Contents %d 0 R>>",
		pages, num(W), num(H), num(W), num(H), num(trim.LLX), num(trim.LLY), num(trim.URX), num(trim.URY), xo.String(), content)))
	b.w.set(pages, []byte(fmt.Sprintf("<</Type /Pages /Kids [%d 0 R] /Count 1>>", page)))
	date := "D:20000101000000Z"
	if t, err := time.Parse("2006-01-02", l.CatalogDate); err == nil {
		date = "D:" + t.Format("20060102150405") + "Z"
	}
	creator := "coverkit"
	if b.r.Version != "" {
		creator += " " + b.r.Version
	}
	title := fmt.Sprintf("%s %s cover, %s, %d pages", l.PrinterName, l.Binding, l.TrimName, l.Pages)
	if b.r.Title != "" {
		title = b.r.Title + " (" + title + ")"
	}
	info := fmt.Sprintf("<</Title %s /Creator %s /Producer %s /CreationDate (%s) /ModDate (%s) /Trapped /False",
		textString(title), textString(creator), textString(creator), date, date)
	cat := fmt.Sprintf("<</Type /Catalog /Pages %d 0 R", pages)
	version := "1.4"
	if declare {
		info += fmt.Sprintf(" /GTS_PDFXVersion (%s) /GTS_PDFXConformance (%s)", pdfxVersion, pdfxConformance)
		cat += fmt.Sprintf(" /OutputIntents [<</Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (%s) /RegistryName (http://www.color.org) /Info (%s)>>]", outputCondition, outputInfo)
		version = "1.3"
		c.PDFX = pdfxConformance
	}
	infoN := b.w.add(info + ">>")
	b.w.set(catalog, []byte(cat+">>"))
	c.PDF = b.w.bytes(version, catalog, infoN)
	c.Notes = b.notes
	return c, nil
}

// pdfxDecision reports whether the cover can declare PDF/X-1a for a printer
// that asks for PDF/X, and notes the rule it cannot meet where it cannot.
func (b *builder) pdfxDecision() bool {
	if b.p == nil || b.p.CoverFile.PDFX == nil {
		return false
	}
	rule := b.p.CoverFile.PDFX
	ok := false
	for _, v := range rule.List() {
		if strings.HasPrefix(strings.ToUpper(strings.ReplaceAll(v, " ", "")), "PDF/X-1A") {
			ok = true
		}
	}
	if !ok {
		b.notes = append(b.notes, Note{Kind: Unmet, Rule: "pdfx", Text: fmt.Sprintf("%s asks for %s; coverkit writes PDF/X-1a:2001 only", b.l.PrinterName, rule.Rule)})
		return false
	}
	var transparent []string
	for a := range b.names {
		if !a.Raster() && a.page.Transparency {
			transparent = append(transparent, a.Name)
		}
	}
	if len(transparent) > 0 {
		sort.Strings(transparent)
		b.notes = append(b.notes, Note{Kind: Unmet, Rule: "pdfx", Text: fmt.Sprintf(
			"%s requires %s, which allows no transparency, but %s %s transparency (soft masks, alpha or blend modes): flatten it in your design program (export as PDF/X-1a) and run again; the cover was written without a PDF/X declaration",
			b.l.PrinterName, rule.Rule, strings.Join(transparent, ", "), useWord(len(transparent)))})
	}
	if rgb := b.models[ModelRGB]; len(rgb) > 0 {
		sort.Strings(rgb)
		b.notes = append(b.notes, Note{Kind: Unmet, Rule: "color", Text: fmt.Sprintf(
			"%s requires CMYK or grey (%s), but %s %s RGB; coverkit does not convert colour: convert the art to CMYK with your printer's profile in your design program (or e.g. 'magick in.jpg -profile sRGB.icc -profile USWebCoatedSWOP.icc out.jpg'), give colours as cmyk(...), and run again; the cover was written without a PDF/X declaration",
			b.l.PrinterName, rule.Rule, strings.Join(uniq.Strings(rgb), ", "), isAre(len(uniq.Strings(rgb))))})
		return false
	}
	return len(transparent) == 0
}

// inkCheck measures total ink where the printer limits it: flat CMYK colours
// exactly, CMYK raster art pixel by pixel (decoding JPEG for the measurement
// only). Vector art is not measured.
func (b *builder) inkCheck() {
	if b.p == nil || b.p.CoverFile.InkLimit == nil {
		return
	}
	limit := b.p.CoverFile.InkLimit.Number()
	maxInk, where := 0.0, ""
	var unmeasured []string
	seen := map[*Art]bool{}
	for _, a := range []*Art{b.r.Front, b.r.Back, b.r.SpineArt, b.r.FrontFlap, b.r.BackFlap} {
		if a == nil || seen[a] || a.Model != ModelCMYK {
			continue
		}
		seen[a] = true
		if !a.Raster() {
			unmeasured = append(unmeasured, a.Name)
			continue
		}
		img, err := a.image()
		if err != nil {
			unmeasured = append(unmeasured, a.Name)
			continue
		}
		if v := maxInkOf(img); v > maxInk {
			maxInk, where = v, a.Name
		}
	}
	for _, c := range []*Color{b.r.SpineColor, b.r.FlapColor, b.r.ExtendColor, b.r.TextColor} {
		if c != nil && c.inkPercent() > maxInk {
			maxInk, where = c.inkPercent(), "colour "+c.String()
		}
	}
	b.c.MaxInk = maxInk
	if maxInk > limit+0.5 {
		b.notes = append(b.notes, Note{Kind: Unmet, Rule: "ink", Text: fmt.Sprintf("%s: total ink reaches %.0f%% in %s, above the %.0f%% limit; reduce it in your design program (separations preview) and run again", b.l.PrinterName, maxInk, where, limit)})
	} else if maxInk > 0 {
		b.note(Info, fmt.Sprintf("total ink at most %.0f%% (%s's limit %.0f%%)", maxInk, b.l.PrinterName, limit))
	}
	if len(unmeasured) > 0 {
		b.note(Warning, fmt.Sprintf("total ink not measured in %s (vector art): check it against the %.0f%% limit in your design program", strings.Join(unmeasured, ", "), limit))
	}
}

func maxInkOf(img image.Image) float64 {
	m, ok := img.(*image.CMYK)
	if !ok {
		return 0
	}
	best := 0
	for i := 0; i+3 < len(m.Pix); i += 4 {
		if s := int(m.Pix[i]) + int(m.Pix[i+1]) + int(m.Pix[i+2]) + int(m.Pix[i+3]); s > best {
			best = s
		}
	}
	return float64(best) / 255 * 100
}

func useWord(n int) string {
	if n == 1 {
		return "uses"
	}
	return "use"
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
