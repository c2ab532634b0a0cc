package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
)

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
		gap := 0.0
		if i == 0 {
			gap = 0.8
		}
		add(gap, regular, 0.85, colSoft, "%s", g)
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

func (b *builder) drawSpec() {
	safe := b.must(spine.ZoneSafeFront)
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
	warn := b.warnLines()
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
}

// warnLines are the layout's warnings when it is an estimate.
func (b *builder) warnLines() []string {
	if !b.l.Estimate() {
		return nil
	}
	return b.l.Warnings
}

// specLayout places (or measures) the spec block centred on cx from y.
func (b *builder) specLayout(ls []specLine, warn []string, cx, y, maxW, scale float64, ly *layer) float64 {
	y0 := y
	for _, s := range ls {
		size := s.size * scale
		y += s.gap * b.base * scale
		for _, ln := range wrap(s.f, size, s.s, maxW) {
			y += size * 1.25
			if ly != nil {
				ly.text(cx, y, ln, s.f, fitSize(s.f, size, ln, maxW), s.c, alignCenter)
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
	if ly != nil {
		ly.rect(box{cx - maxW/2, top, maxW, h}, colWarnBg, colWarn, 1)
		for i, p := range out {
			if i == 0 {
				ly.text(cx, p.y, p.s, p.f, fitSize(p.f, p.size, p.s, iw), p.c, alignCenter)
				continue
			}
			ly.text(cx-maxW/2+pad, p.y, p.s, p.f, p.size, p.c, alignLeft)
		}
	}
	return top + h - y0
}
