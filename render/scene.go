package render

import (
	"fmt"
	"math"

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
	// NoPrint marks a template layer: shown on screen, never printed nor
	// exported (PDF optional-content usage; see pdflayers.go).
	NoPrint bool
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
	// Transparent scenes paint no ground: the PNG keeps its alpha channel.
	Transparent bool
	// OutlineText draws the PDF's text as glyph outlines (Options.TextOutline).
	OutlineText bool
}

const ptIn = 72.0

func f64(d decimal.Decimal) float64 { v, _ := d.Float64(); return v }

// toBox converts a layout rectangle (exact inches) to the scene's float
// points: geometry becomes float only here, at the renderer's edge.
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
	handoffOptions(s, o)
	s.Trim = b.must(spine.ZoneTrim)
	s.Title = fmt.Sprintf("%s %s cover template, %s, %d pages", l.PrinterName, l.Binding, trimText(l), l.Pages)
	s.Subject = fmt.Sprintf("full sheet %s (%s), spine %s", sizeIn(l.Sheet.W, l.Sheet.H), sizeMM(l.Sheet.W, l.Sheet.H), inmm(l.Spine))

	front := b.must(spine.ZoneFront)
	b.base = clamp(front.W/ptIn*1.55, 6.5, 11)

	b.drawAreas()
	b.drawGuides()
	b.drawLiveOutlines()
	b.drawBarcode()
	b.drawCallouts()
	b.drawLegend()
	b.drawSpec()
	b.drawSpine()
	b.drawCaptions()
	return s
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

func (ly *layer) rect(r box, fill, stroke col, lw float64) {
	ly.Items = append(ly.Items, item{Kind: kRect, X: r.X, Y: r.Y, W: r.W, H: r.H, Fill: fill, Stroke: stroke, LW: lw})
}

func (ly *layer) line(x0, y0, x1, y1 float64, c col, lw float64, dash []float64) {
	ly.Items = append(ly.Items, item{Kind: kLine, X: x0, Y: y0, W: x1 - x0, H: y1 - y0, Fill: none, Stroke: c, LW: lw, Dash: dash})
}

func (ly *layer) poly(c col, p ...pt) {
	ly.Items = append(ly.Items, item{Kind: kPoly, Pts: p, Fill: c, Stroke: none})
}

func (ly *layer) text(x, y float64, s string, f face, size float64, c col, a align) {
	if s == "" || size <= 0 {
		return
	}
	ly.Items = append(ly.Items, item{Kind: kText, X: x, Y: y, Text: s, Font: f, Size: size, Fill: c, Stroke: none, Align: a})
}

// rtext adds text turned 90° clockwise, centred on the vertical line x=cx
// (glyph tops towards +x), with its run anchored at y by a.
func (ly *layer) rtext(cx, y float64, s string, f face, size float64, c col, a align) {
	if s == "" || size <= 0 {
		return
	}
	x := cx - fonts()[f].capHeight*size/2
	ly.Items = append(ly.Items, item{Kind: kText, X: x, Y: y, Text: s, Font: f, Size: size, Fill: c, Stroke: none, Align: a, Rot: true})
}

// label draws one line on a white plate so it reads over tints and lines.
func (ly *layer) label(cx, cy float64, s string, f face, size float64, c col) box {
	w := width(f, size, s)
	pad := size * 0.35
	ff := fonts()[f]
	h := (ff.capHeight)*size + 2*pad
	r := box{cx - w/2 - pad, cy - h/2, w + 2*pad, h}
	ly.rect(r, colWhite, none, 0)
	ly.text(cx, cy+ff.capHeight*size/2, s, f, size, c, alignCenter)
	return r
}

// rlabel is label turned 90° clockwise.
func (ly *layer) rlabel(cx, cy float64, s string, f face, size float64, c col) {
	w := width(f, size, s)
	pad := size * 0.35
	h := fonts()[f].capHeight*size + 2*pad
	ly.rect(box{cx - h/2, cy - w/2 - pad, h, w + 2*pad}, colWhite, none, 0)
	ly.rtext(cx, cy, s, f, size, c, alignCenter)
}

// arrowH draws a horizontal dimension line from x0 to x1 with arrowheads.
func (ly *layer) arrowH(x0, x1, y float64, c col, size float64) {
	a := clamp(size, 2, 7)
	ly.line(x0+a*0.5, y, x1-a*0.5, y, c, 0.6, nil)
	ly.poly(c, pt{x0, y}, pt{x0 + a, y - a*0.4}, pt{x0 + a, y + a*0.4})
	ly.poly(c, pt{x1, y}, pt{x1 - a, y - a*0.4}, pt{x1 - a, y + a*0.4})
	// end ticks
	ly.line(x0, y-a, x0, y+a, c, 0.5, nil)
	ly.line(x1, y-a, x1, y+a, c, 0.5, nil)
}

// arrowV draws a vertical dimension line.
func (ly *layer) arrowV(x, y0, y1 float64, c col, size float64) {
	a := clamp(size, 2, 7)
	ly.line(x, y0+a*0.5, x, y1-a*0.5, c, 0.6, nil)
	ly.poly(c, pt{x, y0}, pt{x - a*0.4, y0 + a}, pt{x + a*0.4, y0 + a})
	ly.poly(c, pt{x, y1}, pt{x - a*0.4, y1 - a}, pt{x + a*0.4, y1 - a})
	ly.line(x-a, y0, x+a, y0, c, 0.5, nil)
	ly.line(x-a, y1, x+a, y1, c, 0.5, nil)
}
