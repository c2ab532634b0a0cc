package cover

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// ErrRefit reports a finished cover that cannot be re-fitted as asked.
var ErrRefit = errors.New("cannot re-fit")

// SpineFill says how a re-fitted cover's spine is rebuilt.
type SpineFill string

// Spine fills.
const (
	FillStretch SpineFill = "stretch" // the source's spine scaled across to the new width
	FillMirror  SpineFill = "mirror"  // the source's spine unscaled, centred, its edges reflected into any extra width
	FillColor   SpineFill = "color"   // a flat colour (Request.SpineColor), lettered anew
)

// ParseSpineFill reads --spine-fill.
func ParseSpineFill(s string) (SpineFill, error) {
	switch f := SpineFill(strings.ToLower(strings.TrimSpace(s))); f {
	case FillStretch, FillMirror, FillColor:
		return f, nil
	case "":
		return FillStretch, nil
	}
	return "", fmt.Errorf("unknown spine fill %q (want stretch, mirror or color)", s)
}

// RefitOptions control [Refit].
type RefitOptions struct {
	SpineFill SpineFill
}

// Source is a finished full-wrap cover and the layout it was made for, found
// from its size.
type Source struct {
	Art    *Art
	Layout *spine.Layout // the source's geometry, its spine as measured
	// W, H are the sheet in inches; DPI the raster's resolution (0 for PDF).
	W, H, DPI float64
	// Spine is the measured spine in inches.
	Spine decimal.Decimal
}

// DefaultTolerance is how far a source's height may be from the printer's
// sheet height: 1 pt, as coverkit check allows.
const DefaultTolerance = 1.0 / 72

// OpenSource finds the spine of a finished cover made for printer p and the
// book req describes (binding, paper, trim, direction; the page count is
// not needed). A PDF's sheet is its BleedBox (else its MediaBox cut to the
// CropBox); a raster's resolution is its pixel height over the sheet height,
// which does not depend on the spine. The spine is what the sheet width
// leaves after the panels, bleed or wrap and flaps. A size that fits no
// spine of p is refused with ErrRefit.
func OpenSource(a *Art, p *paper.Printer, req spine.Request, tol float64) (*Source, error) {
	if tol <= 0 {
		tol = DefaultTolerance
	}
	// The sheet less its spine, and the range of sheets the printer binds,
	// come from spine's sheets for other page counts.
	sheets, err := spine.SheetsFor(p, req)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrRefit, p.Name, err)
	}
	base := sheets.Layout
	sheetH := base.Sheet.H.InexactFloat64()
	fixed := base.Sheet.W.Sub(base.Spine).InexactFloat64()
	s := &Source{Art: a}
	if a.Raster() {
		s.H = sheetH
		s.DPI = float64(a.PxH) / sheetH
		s.W = float64(a.PxW) / s.DPI
	} else {
		pg := *a.page
		pg.Box = pg.Sheet
		s.Art = &Art{Name: a.Name, Format: a.Format, Model: a.Model, PtW: pg.Box.W(), PtH: pg.Box.H(), Notes: a.Notes, page: &pg}
		s.W, s.H = pg.Box.W()/72, pg.Box.H()/72
		if math.Abs(s.H-sheetH) > tol {
			return nil, fmt.Errorf("%w: %s is %.4f in high, but a %s %s cover for this trim is %.4f in high (sheet %s); it was made for another trim, printer or binding",
				ErrRefit, a.Name, s.H, p.Name, req.Binding, sheetH, sheetBoxName(a.page))
		}
	}
	S := s.W - fixed
	if !(S > 0) || math.IsInf(S, 0) {
		return nil, fmt.Errorf("%w: %s is %.4f x %.4f in: narrower than %s's %s panels, bleed and flaps (%.4f in) with any spine",
			ErrRefit, a.Name, s.W, s.H, p.Name, req.Binding, fixed)
	}
	if S > 10 {
		return nil, fmt.Errorf("%w: %s is %.4f in wide: that leaves a %.2f in spine, wider than any book", ErrRefit, a.Name, s.W, S)
	}
	lo, hi, _ := sheets.Pages()
	slo, err1 := sheets.Sheet(lo)
	shi, err2 := sheets.Sheet(hi)
	if err1 == nil && err2 == nil {
		wlo, whi := slo.W.InexactFloat64(), shi.W.InexactFloat64()
		if s.W < wlo-tol || s.W > whi+tol {
			return nil, fmt.Errorf("%w: %s is %.4f in wide, which fits no spine of %s %s on this paper: its %s covers run from %.4f in (%d pages) to %.4f in (%d pages)",
				ErrRefit, a.Name, s.W, p.Name, req.Binding, base.TrimName, wlo, lo, whi, hi)
		}
	}
	s.Spine = decimal.NewFromFloat(S).Round(4)
	lreq := req
	lreq.Spine = &s.Spine
	lreq.Pages = base.Pages
	l, err := spine.Compute(p, lreq)
	if err != nil {
		return nil, fmt.Errorf("%w: %s with a %s in spine: %w", ErrRefit, p.Name, s.Spine, err)
	}
	s.Layout = l
	return s, nil
}

func sheetBoxName(pg *pdfPage) string {
	if pg.Sheet != pg.Box {
		return "BleedBox"
	}
	return "MediaBox"
}

// Refit builds the cover for layout l from the finished cover src: the back
// and front panels (with flaps on a jacket) keep their size and content,
// moved to the new spine edges; the spine is rebuilt at its new width.
func Refit(src *Source, l *spine.Layout, p *paper.Printer, r *Request, o RefitOptions) (*Cover, error) {
	b, err := newBuilder(l, p, r)
	if err != nil {
		return nil, err
	}
	fill := o.SpineFill
	if fill == "" {
		fill = FillStretch
	}
	short, err := checkRefit(src, l, r, fill)
	if err != nil {
		return nil, err
	}
	name, err := b.xobject(src.Art)
	if err != nil {
		return nil, err
	}
	b.models[src.Art.Model] = append(b.models[src.Art.Model], src.Art.Name)
	Hs := src.H * 72
	tsp, _ := b.zone(spine.ZoneSpine)
	rf := &refitter{b: b, src: src, name: name,
		ssp: srcZone(src.Layout, spine.ZoneSpine, Hs), tsp: tsp,
		y0: (b.H - Hs) / 2, Ws: src.W * 72, Hs: Hs}
	ext := white(r.ExtendColor)
	rf.sides(short, ext)
	rf.panelNotes(short)
	if err := rf.spine(fill, ext); err != nil {
		return nil, err
	}
	if fill != FillColor && !l.SpineText.Allowed {
		b.note(Warning, fmt.Sprintf("the source's spine is carried over as it is; %s: if it is lettered, use --spine-fill color", l.SpineText.Reason))
	}
	b.barcode()
	return b.finish()
}

// refitTol is how far, in inches, panels may differ and still print the same.
const refitTol = 0.002

// checkRefit refuses a re-fit that cannot keep the panels unchanged, and
// returns how much more bleed or wrap, in inches, the target needs than the
// source has (negative when the source has more).
func checkRefit(src *Source, l *spine.Layout, r *Request, fill SpineFill) (short float64, err error) {
	if _, err := ParseSpineFill(string(fill)); err != nil {
		return 0, fmt.Errorf("%w: %w", ErrRefit, err)
	}
	if fill == FillColor && r.SpineColor == nil {
		return 0, fmt.Errorf("%w: --spine-fill color needs --spine-color", ErrRefit)
	}
	sl := src.Layout
	if sl.RightToLeft != l.RightToLeft {
		return 0, fmt.Errorf("%w: the source reads %s, the target %s", ErrRefit, direction(sl), direction(l))
	}
	same := func(a, b decimal.Decimal) bool { return math.Abs(a.Sub(b).InexactFloat64()) <= refitTol }
	if !same(sl.Panel.W, l.Panel.W) || !same(sl.Panel.H, l.Panel.H) {
		return 0, fmt.Errorf("%w: %s's panels are %s x %s in, but %s %s needs %s x %s in: a panel cannot be kept unchanged",
			ErrRefit, src.Art.Name, sl.Panel.W.Round(4), sl.Panel.H.Round(4), l.PrinterName, l.Binding, l.Panel.W.Round(4), l.Panel.H.Round(4))
	}
	if !same(sl.Flap, l.Flap) || !same(sl.FlapFold, l.FlapFold) {
		return 0, fmt.Errorf("%w: %s's flaps (%s in, fold %s in) differ from %s's (%s in, fold %s in)",
			ErrRefit, src.Art.Name, sl.Flap.Round(4), sl.FlapFold.Round(4), l.PrinterName, l.Flap.Round(4), l.FlapFold.Round(4))
	}
	srcOuter := sl.Bleed.Add(sl.Wrap)
	dstOuter := l.Bleed.Add(l.Wrap)
	short = dstOuter.Sub(srcOuter).InexactFloat64()
	if short > refitTol && r.Extend == ExtendNone {
		return 0, fmt.Errorf("%w: %s needs %s in of %s, but %s has %s in; give --extend mirror, edge or color to fill the difference",
			ErrRefit, l.PrinterName, dstOuter.Round(4), outerWord(l), src.Art.Name, srcOuter.Round(4))
	}
	if r.Extend == ExtendEdge && !src.Art.Raster() {
		return 0, fmt.Errorf("%w: --extend edge stretches edge pixels and needs a raster source; use mirror or color", ErrRefit)
	}
	return short, nil
}

// refitter draws a source cover onto a builder's sheet: ssp and tsp are the
// source's and the target's spine in points, y0 the source's bottom and Ws,
// Hs its size.
type refitter struct {
	b          *builder
	src        *Source
	name       string // the source's XObject
	ssp, tsp   rect
	y0, Ws, Hs float64
}

// sides draws the source on each side of the new spine, its panels moved to
// the new spine edges, and extends it where the target needs more bleed.
func (rf *refitter) sides(short float64, ext Color) {
	b, a, ssp, tsp := rf.b, rf.src.Art, rf.ssp, rf.tsp
	Wt := b.l.Sheet.W.InexactFloat64() * 72
	sides := []struct {
		name   string
		region rect
		dx     float64
	}{
		{"left", rect{0, 0, tsp.LLX, b.H}, tsp.LLX - ssp.LLX},
		{"right", rect{tsp.URX, 0, Wt, b.H}, tsp.URX - ssp.URX},
	}
	for _, sd := range sides {
		artBox := rect{sd.dx, rf.y0, sd.dx + rf.Ws, rf.y0 + rf.Hs}
		// The source's own sheet on this side, less its spine: what may be shown.
		var own rect
		if sd.name == "left" {
			own = rect{artBox.LLX, artBox.LLY, artBox.LLX + ssp.LLX, artBox.URY}
		} else {
			own = rect{artBox.LLX + ssp.URX, artBox.LLY, artBox.URX, artBox.URY}
		}
		b.clip(sd.region)
		b.drawArt(rf.name, a, artBox, false, false)
		if short > refitTol {
			b.extendSide(rf.name, a, artBox, own, sd.region, b.r.Extend, ext)
		}
		b.unclip()
	}
}

// panelNotes records the back and front placements and notes on the bleed
// or wrap cut or filled and on the source's resolution.
func (rf *refitter) panelNotes(short float64) {
	b, a, src, l, sl := rf.b, rf.src.Art, rf.src, rf.b.l, rf.src.Layout
	panel := func(zone string) Placement {
		p := Placement{Panel: zone, Art: a.Name, Fit: "re-fit", Width: rf.Ws / 72, Height: rf.Hs / 72}
		if a.Raster() {
			p.PPI = src.DPI
		}
		return p
	}
	b.c.Placements = append(b.c.Placements, panel(spine.ZoneBack), panel(spine.ZoneFront))
	srcOuter := sl.Bleed.Add(sl.Wrap)
	dstOuter := l.Bleed.Add(l.Wrap)
	if short < -refitTol {
		b.note(Info, fmt.Sprintf("the source's %s in of %s is cut to %s's %s in", srcOuter.Round(4), outerWord(sl), l.PrinterName, dstOuter.Round(4)))
	} else if short > refitTol {
		b.note(Info, fmt.Sprintf("%s needs %s in of %s, the source has %s in: the rest is filled by --extend %s", l.PrinterName, dstOuter.Round(4), outerWord(l), srcOuter.Round(4), b.r.Extend))
	}
	if b.minPPI > 0 && src.DPI > 0 && src.DPI < b.minPPI-0.5 {
		b.note(Warning, fmt.Sprintf("%s is %.0f ppi, below %s's %.0f ppi minimum", a.Name, src.DPI, l.PrinterName, b.minPPI))
	}
}

// spine rebuilds the spine at its new width as fill says.
func (rf *refitter) spine(fill SpineFill, ext Color) error {
	switch fill {
	case FillColor:
		if err := rf.b.spine(FitCover, ext); err != nil {
			return err
		}
		return rf.b.spineText()
	case FillStretch:
		rf.stretchSpine()
	case FillMirror:
		rf.mirrorSpine()
	}
	return nil
}

// stretchSpine scales the source's spine to the new width.
func (rf *refitter) stretchSpine() {
	b, a, ssp, tsp := rf.b, rf.src.Art, rf.ssp, rf.tsp
	sS, tS := ssp.W(), tsp.W()
	region := rect{tsp.LLX, 0, tsp.URX, b.H}
	k := tS / sS
	if sS <= 0 {
		k = 1
	}
	artBox := rect{tsp.LLX - ssp.LLX*k, rf.y0, tsp.LLX + (rf.Ws-ssp.LLX)*k, rf.y0 + rf.Hs}
	b.clip(region)
	b.drawArt(rf.name, a, artBox, false, false)
	b.unclip()
	if d := math.Abs(k - 1); d > 0.05 {
		b.note(Warning, fmt.Sprintf("the spine is stretched %.1f%% (from %.4f to %.4f in): lettering on it is distorted; --spine-fill color re-sets it", d*100, sS/72, tS/72))
	} else if d > 0.0005 {
		b.note(Info, fmt.Sprintf("the spine is stretched %.1f%% (from %.4f to %.4f in)", d*100, sS/72, tS/72))
	}
}

// mirrorSpine centres the source's spine on the new one and, when the spine
// grew, reflects its edges into the extra width.
func (rf *refitter) mirrorSpine() {
	b, a, ssp, tsp := rf.b, rf.src.Art, rf.ssp, rf.tsp
	sS, tS := ssp.W(), tsp.W()
	region := rect{tsp.LLX, 0, tsp.URX, b.H}
	dx := (tsp.LLX + tsp.URX - ssp.LLX - ssp.URX) / 2
	artBox := rect{dx, rf.y0, dx + rf.Ws, rf.y0 + rf.Hs}
	own := rect{artBox.LLX + ssp.LLX, artBox.LLY, artBox.LLX + ssp.URX, artBox.URY}
	b.clip(region)
	b.clip(own)
	b.drawArt(rf.name, a, artBox, false, false)
	b.unclip()
	if tS > sS {
		// Reflect the source spine's edges into the extra width.
		for _, left := range []bool{true, false} {
			m := artBox
			var piece rect
			if left {
				m.LLX, m.URX = 2*own.LLX-artBox.URX, 2*own.LLX-artBox.LLX
				piece = rect{region.LLX, region.LLY, own.LLX, region.URY}
			} else {
				m.LLX, m.URX = 2*own.URX-artBox.URX, 2*own.URX-artBox.LLX
				piece = rect{own.URX, region.LLY, region.URX, region.URY}
			}
			b.clip(piece)
			b.drawArt(rf.name, a, m, true, false)
			b.unclip()
		}
		b.note(Info, fmt.Sprintf("the spine grew from %.4f to %.4f in: the source's spine is centred and its edges mirrored into the extra", sS/72, tS/72))
	} else if tS < sS {
		b.note(Info, fmt.Sprintf("the spine shrank from %.4f to %.4f in: the source's spine is centred and %.4f in cut from each side", sS/72, tS/72, (sS-tS)/144))
	}
	b.unclip()
}

// extendSide fills what the source does not cover on one side of the spine.
func (b *builder) extendSide(name string, a *Art, artBox, own, region rect, mode Extend, c Color) {
	// Treat the source's own part of the sheet as the art's extent for the
	// extension; the rest of the side region beyond it is filled.
	pieceRect := rect{max(own.LLX, region.LLX), own.LLY, min(own.URX, region.URX), own.URY}
	if mode == ExtendColor || mode == ExtendNone {
		b.extend(name, a, pieceRect, region, ExtendColor, c)
		return
	}
	// mirror or edge reflect or stretch the source's outer edges; the art is
	// the whole sheet, so draw it as it lies on this side.
	b.extend(name, a, artBox, region, mode, c)
}

// srcZone is a source layout zone in points, lower-left origin.
func srcZone(l *spine.Layout, name string, H float64) rect {
	z, _ := l.Zone(name)
	x, y := z.X.InexactFloat64()*72, z.Y.InexactFloat64()*72
	w, h := z.W.InexactFloat64()*72, z.H.InexactFloat64()*72
	return rect{x, H - y - h, x + w, H - y}
}

func outerWord(l *spine.Layout) string {
	if l.Binding == paper.Hardcover {
		return "wrap"
	}
	return "bleed"
}

func direction(l *spine.Layout) string {
	if l.RightToLeft {
		return "right to left"
	}
	return "left to right"
}
