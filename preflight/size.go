package preflight

import (
	"fmt"
	"math"
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

// geometry checks a cover's page count and size against one layout.
type geometry struct {
	f          *Facts
	t          Target
	l          *spine.Layout
	w, h, tol  float64 // the sheet found and the tolerance, inches
	book       string  // "Amazon KDP white 300 pages"
	src, conf  string  // source and confidence of the layout's spine rule
	edge       string  // "bleed", or "wrap" on a hardcover
	edgeLength decimal.Decimal
}

func newGeometry(f *Facts, t Target, w, h, tol float64) *geometry {
	l := t.Layout
	g := &geometry{f: f, t: t, l: l, w: w, h: h, tol: tol, edge: "bleed", edgeLength: l.Bleed}
	if l.Binding == paper.Hardcover {
		g.edge, g.edgeLength = "wrap", l.Wrap
	}
	g.book = fmt.Sprintf("%s %s %s %d pages", l.PrinterName, l.Binding, l.Paper, l.Pages)
	if l.Binding == paper.Paperback {
		g.book = fmt.Sprintf("%s %s %d pages", l.PrinterName, l.Paper, l.Pages)
	}
	g.src, g.conf = layoutSource(l)
	return g
}

// within reports whether |d| is inside the tolerance.
func (g *geometry) within(d float64) bool { return math.Abs(d) <= g.tol+1e-9 }

// pages: a cover is one page.
func (g *geometry) pages() Result {
	r := Result{Check: CheckPages, Status: Pass, Message: "one page", Source: g.src, Confidence: g.conf,
		Rule: "the full cover is one flat sheet: back, spine and front side by side"}
	if g.f.PageCount != 1 {
		r.Status = Fail
		r.Message = fmt.Sprintf("the cover has %d pages; a cover is one page holding back, spine and front (only page 1 was measured)", g.f.PageCount)
	}
	return r
}

// size compares the sheet found with the layout's; a wrong size says why it
// may be wrong and which books it fits (into fits).
func (g *geometry) size(o CheckOptions, fits *[]Fit) (Result, bool) {
	l := g.l
	ew, eh := f64(l.Sheet.W), f64(l.Sheet.H)
	dw, dh := g.w-ew, g.h-eh
	r := Result{Check: CheckSize, Source: g.src, Confidence: g.conf,
		Rule: fmt.Sprintf("full sheet = 2 x trim width + spine + 2 x %s (+ panel and flap extras) by trim height + 2 x %s; tolerance %s in (%s pt)",
			g.edge, g.edge, fmtIn(g.tol), fmtIn(g.tol*PointsPerInch))}
	if g.within(dw) && g.within(dh) {
		r.Status = Pass
		r.Message = fmt.Sprintf("cover is %s x %s in (%s), expected %s x %s in for %s (spine %s in)",
			fmtIn(g.w), fmtIn(g.h), sheetBoxName(g.f), fmtIn(ew), fmtIn(eh), g.book, fmtIn(f64(l.Spine)))
		return r, true
	}
	var why []string
	if !g.within(dw) {
		why = append(why, fmt.Sprintf("%s in too %s", fmtIn(math.Abs(dw)), pick(dw < 0, "narrow", "wide")))
	}
	if !g.within(dh) {
		why = append(why, fmt.Sprintf("%s in too %s", fmtIn(math.Abs(dh)), pick(dh < 0, "short", "tall")))
	}
	r.Status = Fail
	r.Message = fmt.Sprintf("cover is %s for %s (expected %s x %s in, found %s x %s in)",
		strings.Join(why, " and "), g.book, fmtIn(ew), fmtIn(eh), fmtIn(g.w), fmtIn(g.h))
	if reasons := g.sizeReasons(dw, dh, o, fits); len(reasons) > 0 {
		r.Message += "; " + strings.Join(reasons, "; ")
	}
	return r, false
}

// sizeReasons says what a wrong size may mean: a spine for another page
// count, a file without bleed, or another printer's or paper's book.
func (g *geometry) sizeReasons(dw, dh float64, o CheckOptions, fits *[]Fit) []string {
	l := g.l
	var reasons []string
	if g.within(dh) && !g.within(dw) {
		reasons = append(reasons, fmt.Sprintf("the spine for %d pages on %s is %s in; the width found leaves %s in for it",
			l.Pages, l.Paper, fmtIn(f64(l.Spine)), fmtIn(f64(l.Spine)+dw)))
	}
	tz, _ := l.Zone(spine.ZoneTrim)
	if l.Binding == paper.Paperback && g.within(g.w-f64(tz.W)) && g.within(g.h-f64(tz.H)) {
		reasons = append(reasons, fmt.Sprintf("the file is the trim size without %s: add %s in %s on every outer edge", g.edge, fmtIn(f64(g.edgeLength)), g.edge))
	}
	if o.Catalog == nil {
		return reasons
	}
	*fits = Solve(o.Catalog, g.t.Trim, decimal.NewFromFloat(g.w), decimal.NewFromFloat(g.h), o.Tolerance, l)
	if s := fitsText(*fits, string(l.Binding)); s != "" {
		return append(reasons, "this size fits "+s)
	}
	return append(reasons, fmt.Sprintf("no catalogued printer, paper and page count gives this size for a %s x %s in trim", fmtIn(f64(l.Trim.W)), fmtIn(f64(l.Trim.H))))
}

// trimBox compares a declared TrimBox with the layout's trim zone.
func (g *geometry) trimBox() (Result, bool) {
	p := g.f.Pages[0]
	if p.TrimBox == nil {
		return Result{}, false
	}
	tz, _ := g.l.Zone(spine.ZoneTrim)
	tw, th := p.Size(*p.TrimBox)
	tw, th = tw/PointsPerInch, th/PointsPerInch
	zw, zh := f64(tz.W), f64(tz.H)
	r := Result{Check: CheckTrimBox, Rule: "TrimBox = the sheet less bleed or wrap", Source: g.src, Confidence: g.conf}
	if g.within(tw-zw) && g.within(th-zh) {
		r.Status, r.Message = Pass, fmt.Sprintf("TrimBox %s x %s in equals the layout's trim", fmtIn(tw), fmtIn(th))
	} else {
		r.Status, r.Message = Warn, fmt.Sprintf("TrimBox is %s x %s in; the layout's trim (sheet less %s) is %s x %s in", fmtIn(tw), fmtIn(th), g.edge, fmtIn(zw), fmtIn(zh))
	}
	return r, true
}
