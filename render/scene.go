package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// The display list: every backend draws the same scene, built once from the
// Layout, so the PDF, the SVG and the PNG cannot disagree. Coordinates are
// points (1/72 in) from the sheet's top-left corner, y downwards.

// col is an opaque RGB colour 0xRRGGBB; none means "not painted".
type col int32

const none col = -1

func (c col) rgb() (r, g, b uint8) { return uint8(c >> 16), uint8(c >> 8), uint8(c) }

// The palette designers know from KDP's templates.
const (
	colBleed   col = 0xF4A3AE // out of the trim: bleed or wrap
	colMargin  col = 0xFAD4DA // inside the trim, out of the live area
	colLive    col = 0xFFFFFF // live (safe) area
	colTrim    col = 0x000000 // trim line / board edge
	colFold    col = 0x1A4FD6 // spine folds (dashed) and hinges (dash-dot)
	colFlap    col = 0x8A2BB8 // jacket flap folds
	colBarcode col = 0xFFE41A // barcode box
	colInk     col = 0x1E1E1E // labels
	colSoft    col = 0x5A5A5A // secondary labels
	colDim     col = 0x2B3A55 // dimension callouts
	colPreview col = 0xB4B4B4 // title/author preview
	colWarn    col = 0xC4001D // estimate warning, no spine text
	colWarnBg  col = 0xFFF1F1
	colBlack   col = 0x000000
	colWhite   col = 0xFFFFFF
)

type kind uint8

const (
	kRect kind = iota // filled and/or stroked rectangle
	kLine             // straight line from (X,Y) to (X+W,Y+H)
	kPoly             // filled polygon
	kText             // one line of text
)

type align uint8

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

type pt struct{ X, Y float64 }

// item is one drawing instruction.
type item struct {
	Kind   kind
	X, Y   float64 // rect: top-left; line: start; text: anchor on the baseline
	W, H   float64 // rect: size; line: end - start
	Pts    []pt    // polygon
	Fill   col
	Stroke col
	LW     float64   // stroke width in points
	Dash   []float64 // dash pattern in points; nil = solid
	Text   string
	Font   face
	Size   float64 // font size in points
	Align  align   // where X sits along the text's run
	Rot    bool    // text turned 90° clockwise about (X,Y): reads top to bottom
	K      bool    // PDF: paint as 100% K (barcode)
}

// layer is a group the designer can hide: a PDF optional-content group, an
// SVG <g> with an id, a stacking order in the PNG.
type layer struct {
	ID    string // SVG id
	Name  string // PDF / Inkscape layer name
	Items []item
}

type box struct{ X, Y, W, H float64 }

func (b box) R() float64  { return b.X + b.W }
func (b box) B() float64  { return b.Y + b.H }
func (b box) CX() float64 { return b.X + b.W/2 }
func (b box) CY() float64 { return b.Y + b.H/2 }

// scene is the display list of one template.
type scene struct {
	W, H    float64 // sheet size in points
	Trim    box
	Title   string
	Subject string
	Layers  []*layer
}

const ptIn = 72.0

func f64(d decimal.Decimal) float64 { v, _ := d.Float64(); return v }

// toBox converts a layout rectangle (inches) to points: render's only
// conversion, at the edge as STYLE.md asks.
func toBox(r spine.Rect) box {
	return box{f64(r.X) * ptIn, f64(r.Y) * ptIn, f64(r.W) * ptIn, f64(r.H) * ptIn}
}

type builder struct {
	l                               *spine.Layout
	o                               Options
	s                               *scene
	areas, guides, labels, barcodeL *layer
	base                            float64 // body font size
	// omitted names preview texts (title, author) left out because the
	// template fonts have no glyphs for their script.
	omitted []string
}

func (b *builder) zone(name string) (box, bool) {
	r, ok := b.l.Zone(name)
	if !ok || r.Empty() {
		return box{}, false
	}
	return toBox(r), true
}

func (b *builder) must(name string) box {
	z, _ := b.zone(name)
	return z
}

// build turns a Layout into the display list. It places labels; every
// geometric position comes from the Layout's zones and lines.
func build(l *spine.Layout, o Options) *scene {
	s := &scene{W: f64(l.Sheet.W) * ptIn, H: f64(l.Sheet.H) * ptIn}
	b := &builder{l: l, o: o, s: s}
	// A preview in a script the Go fonts lack (Arabic, Hebrew, CJK...) would
	// draw empty boxes: leave it out and say so in the specification block.
	if b.o.Title != "" && !covered(bold, b.o.Title) {
		b.o.Title, b.omitted = "", append(b.omitted, "title")
	}
	if b.o.Author != "" && !covered(regular, b.o.Author) {
		b.o.Author, b.omitted = "", append(b.omitted, "author")
	}
	b.areas = &layer{ID: "safe-areas", Name: "Safe areas"}
	b.guides = &layer{ID: "guides", Name: "Guides"}
	b.barcodeL = &layer{ID: "barcode", Name: "Barcode"}
	b.labels = &layer{ID: "labels", Name: "Labels"}
	s.Layers = []*layer{b.areas, b.guides, b.barcodeL, b.labels}
	s.Trim = b.must(spine.ZoneTrim)
	s.Title = fmt.Sprintf("%s %s cover template, %s, %d pages", l.PrinterName, l.Binding, trimText(l), l.Pages)
	s.Subject = fmt.Sprintf("full sheet %s (%s), spine %s", sizeIn(l.Sheet.W, l.Sheet.H), sizeMM(l.Sheet.W, l.Sheet.H), inmm(l.Spine))

	front := b.must(spine.ZoneFront)
	b.base = clamp(front.W/ptIn*1.55, 6.5, 11)

	b.drawAreas()
	b.drawGuides()
	b.drawBarcode()
	b.drawCallouts()
	b.drawLegend()
	b.drawSpec()
	b.drawSpine()
	b.drawCaptions()
	return s
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// --- primitives -----------------------------------------------------------

func (L *layer) rect(r box, fill, stroke col, lw float64) {
	L.Items = append(L.Items, item{Kind: kRect, X: r.X, Y: r.Y, W: r.W, H: r.H, Fill: fill, Stroke: stroke, LW: lw})
}

func (L *layer) line(x0, y0, x1, y1 float64, c col, lw float64, dash []float64) {
	L.Items = append(L.Items, item{Kind: kLine, X: x0, Y: y0, W: x1 - x0, H: y1 - y0, Fill: none, Stroke: c, LW: lw, Dash: dash})
}

func (L *layer) poly(c col, p ...pt) {
	L.Items = append(L.Items, item{Kind: kPoly, Pts: p, Fill: c, Stroke: none})
}

func (L *layer) text(x, y float64, s string, f face, size float64, c col, a align) {
	if s == "" || size <= 0 {
		return
	}
	L.Items = append(L.Items, item{Kind: kText, X: x, Y: y, Text: s, Font: f, Size: size, Fill: c, Stroke: none, Align: a})
}

// rtext adds text turned 90° clockwise, centred on the vertical line x=cx
// (glyph tops towards +x), with its run anchored at y by a.
func (L *layer) rtext(cx, y float64, s string, f face, size float64, c col, a align) {
	if s == "" || size <= 0 {
		return
	}
	x := cx - fonts()[f].capHeight*size/2
	L.Items = append(L.Items, item{Kind: kText, X: x, Y: y, Text: s, Font: f, Size: size, Fill: c, Stroke: none, Align: a, Rot: true})
}

// label draws one line on a white plate so it reads over tints and lines.
func (L *layer) label(cx, cy float64, s string, f face, size float64, c col) box {
	w := width(f, size, s)
	pad := size * 0.35
	ff := fonts()[f]
	h := (ff.capHeight)*size + 2*pad
	r := box{cx - w/2 - pad, cy - h/2, w + 2*pad, h}
	L.rect(r, colWhite, none, 0)
	L.text(cx, cy+ff.capHeight*size/2, s, f, size, c, alignCenter)
	return r
}

// rlabel is label turned 90° clockwise.
func (L *layer) rlabel(cx, cy float64, s string, f face, size float64, c col) {
	w := width(f, size, s)
	pad := size * 0.35
	h := fonts()[f].capHeight*size + 2*pad
	L.rect(box{cx - h/2, cy - w/2 - pad, h, w + 2*pad}, colWhite, none, 0)
	L.rtext(cx, cy, s, f, size, c, alignCenter)
}

// arrowH draws a horizontal dimension line from x0 to x1 with arrowheads.
func (L *layer) arrowH(x0, x1, y float64, c col, size float64) {
	a := clamp(size, 2, 7)
	L.line(x0+a*0.5, y, x1-a*0.5, y, c, 0.6, nil)
	L.poly(c, pt{x0, y}, pt{x0 + a, y - a*0.4}, pt{x0 + a, y + a*0.4})
	L.poly(c, pt{x1, y}, pt{x1 - a, y - a*0.4}, pt{x1 - a, y + a*0.4})
	// end ticks
	L.line(x0, y-a, x0, y+a, c, 0.5, nil)
	L.line(x1, y-a, x1, y+a, c, 0.5, nil)
}

// arrowV draws a vertical dimension line.
func (L *layer) arrowV(x, y0, y1 float64, c col, size float64) {
	a := clamp(size, 2, 7)
	L.line(x, y0+a*0.5, x, y1-a*0.5, c, 0.6, nil)
	L.poly(c, pt{x, y0}, pt{x - a*0.4, y0 + a}, pt{x + a*0.4, y0 + a})
	L.poly(c, pt{x, y1}, pt{x - a*0.4, y1 - a}, pt{x + a*0.4, y1 - a})
	L.line(x-a, y0, x+a, y0, c, 0.5, nil)
	L.line(x-a, y1, x+a, y1, c, 0.5, nil)
}

// --- zones and guides -----------------------------------------------------

func (b *builder) drawAreas() {
	A := b.areas
	A.rect(box{0, 0, b.s.W, b.s.H}, colBleed, none, 0)
	A.rect(b.s.Trim, colMargin, none, 0)
	live := []string{spine.ZoneSafeBack, spine.ZoneSafeFront, spine.ZoneSafeFlapBack, spine.ZoneSafeFlapFront}
	if b.l.SpineText.Allowed {
		live = append(live, spine.ZoneSafeSpine)
	}
	for _, n := range live {
		if z, ok := b.zone(n); ok {
			A.rect(z, colLive, none, 0)
		}
	}
	for _, n := range []string{spine.ZoneHingeBack, spine.ZoneHingeFront} {
		if z, ok := b.zone(n); ok {
			A.rect(z, colMargin, none, 0)
		}
	}
}

var (
	dashFold  = []float64{4, 3}
	dashHinge = []float64{6, 2, 1, 2}
	dashFlap  = []float64{2.5, 2.5}
)

func (b *builder) drawGuides() {
	G := b.guides
	t := b.s.Trim
	for _, ln := range b.l.Lines {
		x := f64(ln.X) * ptIn
		y0, y1 := f64(ln.Y0)*ptIn, f64(ln.Y1)*ptIn
		switch ln.Kind {
		case spine.LineHinge:
			G.line(x, y0, x, y1, colFold, 0.75, dashHinge)
		case spine.LineFlapFold:
			G.line(x, y0, x, y1, colFlap, 0.75, dashFlap)
		default:
			G.line(x, y0, x, y1, colFold, 0.75, dashFold)
		}
	}
	G.rect(t, none, colTrim, 0.75)
}

func (b *builder) drawBarcode() {
	z, ok := b.zone(spine.ZoneBarcode)
	if !ok {
		return
	}
	B := b.barcodeL
	if sym := b.o.Barcode; sym != nil && sym.Width > 0 && sym.Height > 0 {
		sw, sh := sym.Width*ptIn, sym.Height*ptIn
		k := math.Min(1, math.Min(z.W/sw, z.H/sh))
		ox, oy := z.CX()-sw*k/2, z.CY()-sh*k/2
		B.rect(box{ox, oy, sw * k, sh * k}, colWhite, none, 0)
		for _, bar := range sym.Bars {
			B.Items = append(B.Items, item{Kind: kRect, X: ox + bar.X*ptIn*k, Y: oy + bar.Y*ptIn*k, W: bar.W * ptIn * k, H: bar.H * ptIn * k, Fill: colBlack, Stroke: none, K: true})
		}
		for _, t := range sym.Texts {
			f := regular
			if t.Mono {
				f = mono
			}
			a := alignLeft
			switch t.Align {
			case "center":
				a = alignCenter
			case "right":
				a = alignRight
			}
			if t.Value != "" && t.Size > 0 {
				B.Items = append(B.Items, item{Kind: kText, X: ox + t.X*ptIn*k, Y: oy + t.Y*ptIn*k, Text: t.Value, Font: f, Size: t.Size * k, Fill: colBlack, Stroke: none, Align: a, K: true})
			}
		}
		return
	}
	B.rect(z, colBarcode, none, 0)
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
		B.text(z.CX(), y-ln.size*0.35, ln.s, ln.f, fitSize(ln.f, ln.size, ln.s, z.W*0.95), colInk, alignCenter)
	}
}

// --- callouts -------------------------------------------------------------

// topArrowY is where the full-width callout runs: below the top edge, above
// the legend and the spec block.
func (b *builder) topArrowY() float64 { return b.s.Trim.Y + 0.35*ptIn }

// rightArrowX is where the full-height callout runs.
func (b *builder) rightArrowX() float64 { return b.s.Trim.R() - 0.35*ptIn }

func (b *builder) drawCallouts() {
	L, l, s := b.labels, b.l, b.s
	sz := b.base * 0.75
	back := b.must(spine.ZoneBack)

	// Full width, sheet edge to sheet edge.
	y := b.topArrowY()
	L.arrowH(0, s.W, y, colDim, sz*0.8)
	L.label(back.CX(), y, fmt.Sprintf("full width %s (%s)", inch(l.Sheet.W), mm(l.Sheet.W)), regular, sz, colDim)

	// Full height.
	x := b.rightArrowX()
	L.arrowV(x, 0, s.H, colDim, sz*0.8)
	L.rlabel(x, s.H/2, fmt.Sprintf("full height %s (%s)", inch(l.Sheet.H), mm(l.Sheet.H)), regular, sz, colDim)

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
		L.text(back.X+0.1*ptIn, t.Y/2+fonts()[regular].capHeight*es/2, txt, regular, es, colInk, alignLeft)
	}

	// Hinges.
	for _, n := range []string{spine.ZoneHingeBack, spine.ZoneHingeFront} {
		if z, ok := b.zone(n); ok {
			txt := "HINGE " + inmm(l.Hinge) + ": keep text out"
			hs := math.Min(sz, z.W*0.5)
			hs = fitSize(regular, hs, txt, z.H*0.5)
			L.rtext(z.CX(), z.CY(), txt, regular, hs, colFold, alignCenter)
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
		L.text(z.CX(), cy+fonts()[bold].capHeight*cs, f.caption, bold, cs, colInk, alignCenter)
		ay := cy + cs*2.4
		L.arrowH(z.X, z.R(), ay, colDim, sz*0.8)
		L.label(z.CX(), ay, inmm(l.Flap), regular, fitSize(regular, sz, inmm(l.Flap), z.W*0.8), colDim)
		if fz, ok := b.zone(f.fold); ok {
			txt := "FLAP FOLD " + inmm(l.FlapFold)
			fs := math.Min(sz, fz.W*0.5)
			fs = fitSize(regular, fs, txt, fz.H*0.5)
			L.rtext(fz.CX(), fz.CY(), txt, regular, fs, colFlap, alignCenter)
		}
	}
}

// --- legend (back panel) --------------------------------------------------

type swatch uint8

const (
	swLine swatch = iota
	swArea
)

type legendEntry struct {
	kind   swatch
	fill   col
	stroke col
	dash   []float64
	head   string
	desc   string
}

func (b *builder) legendEntries() []legendEntry {
	l := b.l
	hard := l.Binding == paper.Hardcover
	var es []legendEntry
	trim := legendEntry{swLine, none, colTrim, nil, "Black solid line = trim", "Where the cover is cut to its finished size."}
	if hard {
		trim.head = "Black solid line = board edge"
		trim.desc = "The edge of the board; the sheet beyond it wraps round the board."
	}
	es = append(es, trim)
	fold := "Where the cover folds round the spine."
	if l.FoldVariance.IsPositive() {
		fold += " Fold placement may vary by " + inmm(l.FoldVariance) + "."
	} else {
		fold += " Fold placement may vary slightly."
	}
	es = append(es, legendEntry{swLine, none, colFold, dashFold, "Blue dashed line = spine fold", fold})
	if l.Hinge.IsPositive() {
		es = append(es, legendEntry{swLine, none, colFold, dashHinge, "Blue dash-dot line = hinge", "The hinge flexes when the book opens: keep text and logos out of the hinge area."})
	}
	if l.Binding == paper.Jacket {
		es = append(es, legendEntry{swLine, none, colFlap, dashFlap, "Purple dashed line = flap fold", "Where the jacket folds round the board edge onto the flaps."})
	}
	es = append(es, legendEntry{swArea, colLive, colSoft, nil, "White area = live area", "Place text, logos and essential images here."})
	out := "Darker pink is bleed: extend background art to the sheet edge; it is trimmed off."
	if hard {
		out = "Darker pink is the wrap: it folds round the board; background art only."
	}
	es = append(es, legendEntry{swArea, colBleed, none, nil, "Pink area = out of live area", out + " Keep text and logos out of all pink areas."})
	if _, ok := b.zone(spine.ZoneBarcode); ok && b.o.Barcode == nil {
		d := "Keep this area clear for the ISBN barcode."
		if l.BarcodeByPrinter {
			d = l.PrinterName + " prints a barcode here if your cover has none; keep it clear."
		}
		es = append(es, legendEntry{swArea, colBarcode, none, nil, "Yellow area = barcode", d})
	}
	es = append(es, legendEntry{swArea, none, none, nil, "HIDE THE TEMPLATE LAYERS BEFORE EXPORT", "Guides, Labels, Barcode and Safe areas are separate layers. Nothing on them belongs in your final artwork."})
	return es
}

func (b *builder) drawLegend() {
	safe := b.must(spine.ZoneSafeBack)
	top := math.Max(safe.Y+0.15*ptIn, b.topArrowY()+0.3*ptIn)
	bottom := safe.B() - 0.2*ptIn
	if z, ok := b.zone(spine.ZoneBarcode); ok && z.Y < bottom {
		bottom = z.Y - 0.15*ptIn
	}
	left := safe.X + 0.15*ptIn
	w := math.Min(safe.W-0.3*ptIn, 4.2*ptIn)
	if w <= 0 || bottom <= top {
		return
	}
	es := b.legendEntries()
	scale := 1.0
	for range 8 {
		h := b.legendLayout(es, left, top, w, scale, nil)
		if h <= bottom-top || scale < 0.5 {
			break
		}
		scale *= math.Max(0.6, (bottom-top)/h)
	}
	b.legendLayout(es, left, top, w, scale, b.labels)
}

// legendLayout places (or, with L nil, only measures) the legend and returns
// its height.
func (b *builder) legendLayout(es []legendEntry, x, y, w, scale float64, L *layer) float64 {
	hs := b.base * 0.95 * scale
	ds := b.base * 0.8 * scale
	sw := 0.34 * ptIn * scale
	gap := sw * 0.35
	tx := x + sw + gap
	tw := w - sw - gap
	y0 := y
	for i, e := range es {
		if i > 0 {
			y += hs * 0.9
		}
		ix := x
		iw := tw
		if e.kind == swArea && e.fill == none {
			ix, iw = x, w // the closing note spans the legend's width
		} else {
			ix = tx
		}
		capH := fonts()[bold].capHeight * hs
		if L != nil {
			mid := y + capH/2
			switch {
			case e.kind == swLine:
				L.line(x, mid, x+sw, mid, e.stroke, 1.2*scale, scaleDash(e.dash, scale))
			case e.fill != none:
				r := box{x, mid - sw*0.22, sw, sw * 0.44}
				L.rect(r, e.fill, pick(e.fill == colLive, colSoft, none), 0.5)
			}
			L.text(ix, y+capH, e.head, bold, fitSize(bold, hs, e.head, iw), colInk, alignLeft)
		}
		y += hs * 1.3
		for _, ln := range wrap(regular, ds, e.desc, iw) {
			if L != nil {
				L.text(ix, y+fonts()[regular].capHeight*ds, ln, regular, ds, colSoft, alignLeft)
			}
			y += ds * 1.3
		}
	}
	return y - y0
}

func scaleDash(d []float64, k float64) []float64 {
	if d == nil {
		return nil
	}
	out := make([]float64, len(d))
	for i, v := range d {
		out[i] = v * k
	}
	return out
}

func pick(c bool, a, b col) col {
	if c {
		return a
	}
	return b
}

// --- spec block (front panel) ----------------------------------------------

type specLine struct {
	s    string
	f    face
	size float64
	c    col
	gap  float64 // extra space before, in multiples of the body size
}

func trimText(l *spine.Layout) string {
	return l.Trim.W.String() + " x " + l.Trim.H.String() + " in"
}

func (b *builder) specLines() []specLine {
	l, base := b.l, b.base
	var ls []specLine
	add := func(gap float64, f face, k float64, c col, format string, a ...any) {
		ls = append(ls, specLine{fmt.Sprintf(format, a...), f, base * k, c, gap})
	}
	add(0, bold, 1.7, colInk, "%s", l.PrinterName)
	direction := "left to right"
	if l.RightToLeft {
		direction = "right to left (front cover on the left)"
	}
	add(0.2, regular, 1.05, colInk, "%s cover template, %s", l.BindingLabel, direction)
	add(1, bold, 1.3, colInk, "%s trim", trimText(l))
	add(0, regular, 1, colInk, "(%s)", sizeMM(l.Trim.W, l.Trim.H))
	if l.Binding == paper.Hardcover || l.Binding == paper.Jacket {
		name := "board"
		if l.Binding == paper.Jacket {
			name = "jacket panel"
		}
		add(0.4, regular, 0.9, colInk, "%s %s (%s)", name, sizeIn(l.Panel.W, l.Panel.H), sizeMM(l.Panel.W, l.Panel.H))
	}
	add(1, bold, 1.3, colInk, "%s full cover", sizeIn(l.Sheet.W, l.Sheet.H))
	add(0, regular, 1, colInk, "(%s)", sizeMM(l.Sheet.W, l.Sheet.H))
	sp := ""
	if l.SpineOverridden {
		sp = " (from --spine)"
	}
	add(1, bold, 1.3, colInk, "%s spine%s", inch(l.Spine), sp)
	add(0, regular, 1, colInk, "(%s)", mm(l.Spine))
	pages := fmt.Sprintf("%d pages", l.Pages)
	if l.Pages != l.PagesRequested {
		pages += fmt.Sprintf(" (rounded up from %d)", l.PagesRequested)
	}
	add(1, regular, 1.05, colInk, "%s", pages)
	add(0, regular, 1.05, colInk, "%s", l.PaperLabel)
	var geo []string
	if l.Binding == paper.Hardcover {
		geo = append(geo, "wrap "+inmm(l.Wrap))
		if l.Hinge.IsPositive() {
			geo = append(geo, "hinge "+inmm(l.Hinge))
		}
	} else {
		geo = append(geo, "bleed "+inmm(l.Bleed))
	}
	if l.Binding == paper.Jacket {
		geo = append(geo, "flaps "+inmm(l.Flap), "flap folds "+inmm(l.FlapFold))
	}
	geo = append(geo, "safe margin "+inmm(l.SafeMargin))
	if l.SpineMargin.IsPositive() {
		geo = append(geo, "spine margin "+inmm(l.SpineMargin))
	}
	for i, g := range geo {
		add(pick01(i == 0, 0.8, 0), regular, 0.85, colSoft, "%s", g)
	}
	st := "Spine text: allowed"
	if !l.SpineText.Allowed {
		st = "Spine text: NOT allowed"
	}
	add(0.8, bold, 0.9, pick(l.SpineText.Allowed, colInk, colWarn), "%s (%d pages and up)", st, l.SpineText.MinPages)
	if len(b.omitted) > 0 {
		add(0.8, regular, 0.85, colSoft, "%s preview left out: the template fonts have no glyphs for its script", strings.Join(b.omitted, " and "))
	}
	add(0.8, regular, 0.85, colSoft, "Catalogue %s, confidence: %s", l.CatalogDate, l.Confidence)
	v := "coverkit"
	if b.o.Version != "" {
		v += " " + b.o.Version
	}
	add(0, regular, 0.85, colSoft, "%s; check against %s's own template before you print", v, l.PrinterName)
	return ls
}

func pick01(c bool, a, b float64) float64 {
	if c {
		return a
	}
	return b
}

func (b *builder) drawSpec() {
	safe := b.must(spine.ZoneSafeFront)
	front := b.must(spine.ZoneFront)
	right := math.Min(safe.R(), b.rightArrowX()-0.25*ptIn)
	left := safe.X + 0.25*ptIn
	if right-left < safe.W*0.5 {
		left, right = safe.X, safe.R()
	}
	cx := (left + right) / 2
	maxW := right - left
	top := math.Max(safe.Y+0.15*ptIn, b.topArrowY()+0.3*ptIn)
	bottom := safe.B() - b.base*3.2 // room for the caption

	// Title and author preview, light, at the top of the live area.
	if b.o.Title != "" || b.o.Author != "" {
		ts := b.base * 2.6
		tl := wrap(bold, ts, b.o.Title, maxW)
		if len(tl) > 3 {
			ts *= 0.7
			tl = wrap(bold, ts, b.o.Title, maxW)
		}
		y := top
		for _, ln := range tl {
			if ln == "" {
				continue
			}
			s := fitSize(bold, ts, ln, maxW)
			y += ts * 1.1
			b.labels.text(cx, y, ln, bold, s, colPreview, alignCenter)
		}
		if b.o.Author != "" {
			as := fitSize(regular, b.base*1.6, b.o.Author, maxW)
			y += as * 1.6
			b.labels.text(cx, y, b.o.Author, regular, as, colPreview, alignCenter)
		}
		top = y + b.base*1.5
	}

	ls := b.specLines()
	warn := b.warnLines(maxW)
	scale := 1.0
	for range 8 {
		h := b.specLayout(ls, warn, cx, 0, maxW, scale, nil)
		if h <= bottom-top || scale < 0.45 {
			// centre in the space left, but not above top
			y := math.Max(top, top+(bottom-top-h)/2)
			if b.o.Title != "" || b.o.Author != "" {
				y = top
			}
			b.specLayout(ls, warn, cx, y, maxW, scale, b.labels)
			break
		}
		scale *= math.Max(0.6, (bottom-top)/h)
	}
	_ = front
}

func (b *builder) warnLines(maxW float64) []string {
	if !b.l.Estimate() {
		return nil
	}
	return b.l.Warnings
}

// specLayout places (or measures) the spec block centred on cx from y.
func (b *builder) specLayout(ls []specLine, warn []string, cx, y, maxW, scale float64, L *layer) float64 {
	y0 := y
	for _, s := range ls {
		size := s.size * scale
		y += s.gap * b.base * scale
		for _, ln := range wrap(s.f, size, s.s, maxW) {
			y += size * 1.25
			if L != nil {
				L.text(cx, y, ln, s.f, fitSize(s.f, size, ln, maxW), s.c, alignCenter)
			}
		}
	}
	if len(warn) == 0 {
		return y - y0 + b.base*0.4*scale
	}
	// The estimate warning: a red-ruled box.
	hs := b.base * 1.0 * scale
	ds := b.base * 0.8 * scale
	pad := ds * 0.8
	iw := maxW - 2*pad
	y += b.base * 1.0 * scale
	top := y
	var rows []specLine
	rows = append(rows, specLine{"ESTIMATE: UNCONFIRMED VALUES", bold, hs, colWarn, 0})
	for _, w := range warn {
		rows = append(rows, specLine{"- " + w, regular, ds, colInk, 0})
	}
	rows = append(rows, specLine{"Check them against " + b.l.PrinterName + "'s own template; pass its spine with --spine.", regular, ds, colSoft, 0})
	h := pad
	type placed struct {
		s    string
		f    face
		size float64
		c    col
		y    float64
	}
	var out []placed
	for i, r := range rows {
		if i == 1 || i == len(rows)-1 {
			h += ds * 0.4
		}
		for _, ln := range wrap(r.f, r.size, r.s, iw) {
			h += r.size * 1.25
			out = append(out, placed{ln, r.f, r.size, r.c, top + h - r.size*0.25})
		}
	}
	h += pad
	if L != nil {
		L.rect(box{cx - maxW/2, top, maxW, h}, colWarnBg, colWarn, 1)
		for i, p := range out {
			if i == 0 {
				L.text(cx, p.y, p.s, p.f, fitSize(p.f, p.size, p.s, iw), p.c, alignCenter)
				continue
			}
			L.text(cx-maxW/2+pad, p.y, p.s, p.f, p.size, p.c, alignLeft)
		}
	}
	return top + h - y0
}

// --- spine ----------------------------------------------------------------

// minSpineText is the smallest spine label: on a spine too thin for it the
// label sits on a white plate across the folds (the Labels layer hides it).
const minSpineText = 4.0

// ellipsize shortens s with "..." until it is at most maxW points wide.
func ellipsize(f face, size float64, s string, maxW float64) string {
	if width(f, size, s) <= maxW {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && width(f, size, string(r)+"...") > maxW {
		r = r[:len(r)-1]
	}
	if len(r) == 0 {
		return ""
	}
	return strings.TrimRight(string(r), " ") + "..."
}

// spineLabel draws rotated text centred on the spine axis at cy: inside the
// spine when it fits, else on a plate.
func (b *builder) spineLabel(sp box, cy float64, txt string, f face, size float64, c col, a align, maxLen float64) float64 {
	size = math.Max(size, minSpineText)
	txt = ellipsize(f, size, txt, maxLen)
	w := width(f, size, txt)
	if fonts()[f].capHeight*size > sp.W*0.7 {
		// Centre the plate on the run.
		mid := cy
		switch a {
		case alignLeft:
			mid = cy + w/2
		case alignRight:
			mid = cy - w/2
		}
		b.labels.rlabel(sp.CX(), mid, txt, f, size, c)
		return w
	}
	b.labels.rtext(sp.CX(), cy, txt, f, size, c, a)
	return w
}

func (b *builder) drawSpine() {
	l := b.l
	sp := b.must(spine.ZoneSpine)
	area := sp
	if ss, ok := b.zone(spine.ZoneSafeSpine); ok {
		area = box{sp.X, ss.Y, sp.W, ss.H}
	}
	// The spine width callout, at the bottom like KDP's.
	ws := math.Min(b.base*0.8, sp.W*0.42)
	wtxt := "SPINE " + inmm(l.Spine)
	ws = fitSize(bold, ws, wtxt, area.H*0.3)
	wEnd := area.B() - 0.1*ptIn
	wl := b.spineLabel(sp, wEnd, wtxt, bold, ws, colInk, alignRight, area.H*0.4)
	room := box{area.X, area.Y + 0.1*ptIn, area.W, wEnd - wl - 0.25*ptIn - area.Y - 0.1*ptIn}
	if room.H <= 0 {
		return
	}
	if !l.SpineText.Allowed {
		txt := "NO SPINE TEXT (" + l.SpineText.Reason + ")"
		s := math.Min(b.base*0.85, sp.W*0.42)
		s = fitSize(bold, s, txt, room.H*0.95)
		b.spineLabel(sp, room.CY(), txt, bold, s, colWarn, alignCenter, room.H*0.95)
		return
	}
	var parts []string
	if b.o.Title != "" {
		parts = append(parts, strings.ToUpper(b.o.Title))
	}
	if b.o.Author != "" {
		parts = append(parts, b.o.Author)
	}
	if len(parts) == 0 {
		return
	}
	txt := strings.Join(parts, "   ")
	ss, _ := b.zone(spine.ZoneSafeSpine)
	s := math.Min(b.base*2, ss.W*0.6)
	s = fitSize(bold, s, txt, room.H*0.9)
	b.spineLabel(sp, room.CY(), txt, bold, s, colPreview, alignCenter, room.H*0.9)
}

// --- captions ---------------------------------------------------------------

func (b *builder) drawCaptions() {
	l, L := b.l, b.labels
	name := map[bool][2]string{false: {"BACK COVER", "FRONT COVER"}, true: {"BACK BOARD", "FRONT BOARD"}}[l.Binding == paper.Hardcover]
	panel := fmt.Sprintf("%s (%s)", sizeIn(l.Panel.W, l.Panel.H), sizeMM(l.Panel.W, l.Panel.H))
	hs, ds := b.base*1.05, b.base*0.75
	sb := b.must(spine.ZoneSafeBack)
	bx := sb.X + 0.1*ptIn
	maxW := sb.W * 0.55
	if z, ok := b.zone(spine.ZoneBarcode); ok && z.X > bx {
		maxW = math.Min(sb.W-0.2*ptIn, z.X-bx-0.15*ptIn)
	}
	y := sb.B() - 0.12*ptIn
	L.text(bx, y, panel, regular, fitSize(regular, ds, panel, maxW), colSoft, alignLeft)
	L.text(bx, y-ds*1.5, name[0], bold, fitSize(bold, hs, name[0], maxW), colInk, alignLeft)

	sf := b.must(spine.ZoneSafeFront)
	fx := math.Min(sf.R()-0.1*ptIn, b.rightArrowX()-0.2*ptIn)
	maxW = fx - sf.X
	L.text(fx, y, panel, regular, fitSize(regular, ds, panel, maxW), colSoft, alignRight)
	L.text(fx, y-ds*1.5, name[1], bold, fitSize(bold, hs, name[1], maxW), colInk, alignRight)
}
