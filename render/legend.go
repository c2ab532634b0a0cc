package render

import (
	"fmt"
	"math"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
)

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

// legendLayout places (or, with ly nil, only measures) the legend and returns
// its height.
func (b *builder) legendLayout(es []legendEntry, x, y, w, scale float64, ly *layer) float64 {
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
		if ly != nil {
			mid := y + capH/2
			switch {
			case e.kind == swLine:
				ly.line(x, mid, x+sw, mid, e.stroke, 1.2*scale, scaleDash(e.dash, scale))
			case e.fill != none:
				r := box{x, mid - sw*0.22, sw, sw * 0.44}
				ly.rect(r, e.fill, pick(e.fill == colLive, colSoft, none), 0.5)
			}
			ly.text(ix, y+capH, e.head, bold, fitSize(bold, hs, e.head, iw), colInk, alignLeft)
		}
		y += hs * 1.3
		for _, ln := range wrap(regular, ds, e.desc, iw) {
			if ly != nil {
				ly.text(ix, y+fonts()[regular].capHeight*ds, ln, regular, ds, colSoft, alignLeft)
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

func (b *builder) drawCaptions() {
	l, ly := b.l, b.labels
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
	ly.text(bx, y, panel, regular, fitSize(regular, ds, panel, maxW), colSoft, alignLeft)
	ly.text(bx, y-ds*1.5, name[0], bold, fitSize(bold, hs, name[0], maxW), colInk, alignLeft)

	sf := b.must(spine.ZoneSafeFront)
	fx := math.Min(sf.R()-0.1*ptIn, b.rightArrowX()-0.2*ptIn)
	maxW = fx - sf.X
	ly.text(fx, y, panel, regular, fitSize(regular, ds, panel, maxW), colSoft, alignRight)
	ly.text(fx, y-ds*1.5, name[1], bold, fitSize(bold, hs, name[1], maxW), colInk, alignRight)
}
