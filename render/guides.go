package render

import (
	"fmt"
	"math"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
)

func (b *builder) drawAreas() {
	ly := b.areas
	ly.rect(box{0, 0, b.s.W, b.s.H}, colBleed, none, 0)
	ly.rect(b.s.Trim, colMargin, none, 0)
	live := []string{spine.ZoneSafeBack, spine.ZoneSafeFront, spine.ZoneSafeFlapBack, spine.ZoneSafeFlapFront}
	if b.l.SpineText.Allowed {
		live = append(live, spine.ZoneSafeSpine)
	}
	for _, n := range live {
		if z, ok := b.zone(n); ok {
			ly.rect(z, colLive, none, 0)
		}
	}
	for _, n := range []string{spine.ZoneHingeBack, spine.ZoneHingeFront} {
		if z, ok := b.zone(n); ok {
			ly.rect(z, colMargin, none, 0)
		}
	}
}

var (
	dashFold  = []float64{4, 3}
	dashHinge = []float64{6, 2, 1, 2}
	dashFlap  = []float64{2.5, 2.5}
)

func (b *builder) drawGuides() {
	ly := b.guides
	t := b.s.Trim
	for _, ln := range b.l.Lines {
		x := f64(ln.X) * ptIn
		y0, y1 := f64(ln.Y0)*ptIn, f64(ln.Y1)*ptIn
		switch ln.Kind {
		case spine.LineHinge:
			ly.line(x, y0, x, y1, colFold, 0.75, dashHinge)
		case spine.LineFlapFold:
			ly.line(x, y0, x, y1, colFlap, 0.75, dashFlap)
		default:
			ly.line(x, y0, x, y1, colFold, 0.75, dashFold)
		}
	}
	ly.rect(t, none, colTrim, 0.75)
}

// drawSymbol draws the barcode symbol centred in its box z, at its own size
// (NewTemplate has checked that it fits), in 100 % K.
func (b *builder) drawSymbol(z box) {
	sym, ly := b.o.Barcode, b.barcodeL
	sw, sh := sym.Width*ptIn, sym.Height*ptIn
	ox, oy := z.CX()-sw/2, z.CY()-sh/2
	ly.rect(box{ox, oy, sw, sh}, colWhite, none, 0)
	for _, bar := range sym.Bars {
		ly.Items = append(ly.Items, item{Kind: kRect, X: ox + bar.X*ptIn, Y: oy + bar.Y*ptIn, W: bar.W * ptIn, H: bar.H * ptIn, Fill: colBlack, Stroke: none, K: true})
	}
	for _, t := range sym.Texts {
		if t.Value == "" || t.Size <= 0 {
			continue
		}
		f := regular
		if t.Mono {
			f = mono
		}
		a := map[string]align{"center": alignCenter, "right": alignRight}[t.Align]
		ly.Items = append(ly.Items, item{Kind: kText, X: ox + t.X*ptIn, Y: oy + t.Y*ptIn, Text: t.Value, Font: f, Size: t.Size, Fill: colBlack, Stroke: none, Align: a, K: true})
	}
}

// drawBarcode draws the barcode, or the yellow box that keeps its place.
func (b *builder) drawBarcode() {
	z, ok := b.zone(spine.ZoneBarcode)
	if !ok {
		return
	}
	ly := b.barcodeL
	if sym := b.o.Barcode; sym != nil && sym.Width > 0 && sym.Height > 0 {
		b.drawSymbol(z)
		return
	}
	ly.rect(z, colBarcode, none, 0)
	br, _ := b.l.Zone(spine.ZoneBarcode)
	type line struct {
		s    string
		f    face
		size float64
	}
	size := b.base * 0.85
	for _, t := range []string{sizeIn(br.W, br.H), "(" + sizeMM(br.W, br.H) + ")"} {
		size = math.Min(size, fitSize(regular, size, t, z.W*0.9))
	}
	size = math.Min(size, fitSize(bold, size, "BARCODE AREA", z.W*0.9))
	lines := []line{
		{"BARCODE AREA", bold, size},
		{sizeIn(br.W, br.H), regular, size},
		{"(" + sizeMM(br.W, br.H) + ")", regular, size},
	}
	if b.l.BarcodeByPrinter {
		ns := size * 0.8
		for _, t := range wrap(regular, ns, b.l.PrinterName+" prints one here if your cover has none", z.W*0.9) {
			lines = append(lines, line{t, regular, ns})
		}
	}
	h := 0.0
	for _, ln := range lines {
		h += ln.size * 1.3
	}
	y := z.CY() - h/2
	for _, ln := range lines {
		y += ln.size * 1.3
		ly.text(z.CX(), y-ln.size*0.35, ln.s, ln.f, fitSize(ln.f, ln.size, ln.s, z.W*0.95), colInk, alignCenter)
	}
}

// topArrowY is where the full-width callout runs: below the top edge, above
// the legend and the spec block.
func (b *builder) topArrowY() float64 { return b.s.Trim.Y + 0.35*ptIn }

// rightArrowX is where the full-height callout runs.
func (b *builder) rightArrowX() float64 { return b.s.Trim.R() - 0.35*ptIn }

func (b *builder) drawCallouts() {
	ly, l, s := b.labels, b.l, b.s
	sz := b.base * 0.75
	back := b.must(spine.ZoneBack)

	// Full width, sheet edge to sheet edge.
	y := b.topArrowY()
	ly.arrowH(0, s.W, y, colDim, sz*0.8)
	ly.label(back.CX(), y, fmt.Sprintf("full width %s (%s)", inch(l.Sheet.W), mm(l.Sheet.W)), regular, sz, colDim)

	// Full height.
	x := b.rightArrowX()
	ly.arrowV(x, 0, s.H, colDim, sz*0.8)
	ly.rlabel(x, s.H/2, fmt.Sprintf("full height %s (%s)", inch(l.Sheet.H), mm(l.Sheet.H)), regular, sz, colDim)

	// Bleed or wrap, in the top strip over the back panel.
	t := s.Trim
	edge, what := l.Bleed, "BLEED %s: extend background art to the sheet edge; it is trimmed off"
	if l.Binding == paper.Hardcover {
		edge, what = l.Wrap, "WRAP %s: folds round the board edge; background art only"
	}
	if t.Y > 0 {
		txt := fmt.Sprintf(what, inmm(edge))
		es := math.Min(sz, t.Y*0.55)
		es = fitSize(regular, es, txt, back.W*0.9)
		ly.text(back.X+0.1*ptIn, t.Y/2+fonts()[regular].capHeight*es/2, txt, regular, es, colInk, alignLeft)
	}

	// Hinges.
	for _, n := range []string{spine.ZoneHingeBack, spine.ZoneHingeFront} {
		if z, ok := b.zone(n); ok {
			txt := "HINGE " + inmm(l.Hinge) + ": keep text out"
			hs := math.Min(sz, z.W*0.5)
			hs = fitSize(regular, hs, txt, z.H*0.5)
			ly.rtext(z.CX(), z.CY(), txt, regular, hs, colFold, alignCenter)
		}
	}

	// Jacket flaps and their fold bands.
	for _, f := range []struct{ flap, fold, caption string }{
		{spine.ZoneFlapBack, spine.ZoneFoldBack, "BACK FLAP"},
		{spine.ZoneFlapFront, spine.ZoneFoldFront, "FRONT FLAP"},
	} {
		z, ok := b.zone(f.flap)
		if !ok {
			continue
		}
		safe, ok := b.zone("safe_" + f.flap)
		if !ok {
			safe = z
		}
		cs := fitSize(bold, b.base*1.1, f.caption, safe.W*0.9)
		cy := y + 0.45*ptIn
		ly.text(z.CX(), cy+fonts()[bold].capHeight*cs, f.caption, bold, cs, colInk, alignCenter)
		ay := cy + cs*2.4
		ly.arrowH(z.X, z.R(), ay, colDim, sz*0.8)
		ly.label(z.CX(), ay, inmm(l.Flap), regular, fitSize(regular, sz, inmm(l.Flap), z.W*0.8), colDim)
		if fz, ok := b.zone(f.fold); ok {
			txt := "FLAP FOLD " + inmm(l.FlapFold)
			fs := math.Min(sz, fz.W*0.5)
			fs = fitSize(regular, fs, txt, fz.H*0.5)
			ly.rtext(fz.CX(), fz.CY(), txt, regular, fs, colFlap, alignCenter)
		}
	}
}
