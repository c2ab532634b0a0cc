package spine

import (
	"fmt"

	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

// geometry places every panel, line and zone on the sheet.
func (c *computer) geometry() {
	l, g, b := c.l, c.b.Geometry, c.b
	S := l.Spine
	var outer decimal.Decimal
	if b.Kind == paper.Hardcover {
		l.Wrap = c.length("wrap", g.Wrap, true)
		outer = l.Wrap
	} else {
		l.Bleed = c.length("bleed", g.Bleed, true)
		outer = l.Bleed
	}
	pw := l.Trim.W.Add(c.length("panel_extra_width", g.PanelExtraWidth, true))
	ph := l.Trim.H.Add(c.length("panel_extra_height", g.PanelExtraHeight, true))
	l.Panel = Size{pw, ph}
	l.Flap = c.length("flap", g.Flap, true)
	l.FlapFold = c.length("flap_fold", g.FlapFold, true)
	l.Hinge = c.length("hinge", g.Hinge, false)
	l.SafeMargin = c.length("safe_margin", g.SafeMargin, false)
	l.SpineMargin = c.length("spine_margin", g.SpineMargin, false)
	if g.ThinSpineBelow != nil && S.LessThan(g.ThinSpineBelow.Inches()) {
		c.length("thin_spine_below", g.ThinSpineBelow, false)
		l.SpineMargin = c.length("spine_margin_thin", g.SpineMarginThin, false)
	}
	ends := c.length("spine_margin_ends", g.SpineMarginEnds, false)
	l.FoldVariance = c.length("fold_variance", g.FoldVariance, false)

	side := l.Flap.Add(l.FlapFold) // flap + fold band on each side (jacket only)
	l.Sheet = Size{
		W: outer.Mul(two).Add(side.Mul(two)).Add(pw.Mul(two)).Add(S),
		H: outer.Mul(two).Add(ph),
	}
	top := outer
	x := outer
	z := func(name string, r Rect) { l.Zones = append(l.Zones, Zone{name, clampRect(r)}) }
	z(ZoneSheet, Rect{decimal.Zero, decimal.Zero, l.Sheet.W, l.Sheet.H})
	z(ZoneTrim, Rect{outer, top, l.Sheet.W.Sub(outer.Mul(two)), ph})
	var flapBack, flapFront Rect
	if b.Kind == paper.Jacket {
		flapBack = Rect{x, top, l.Flap, ph}
		z(ZoneFlapBack, flapBack)
		z(ZoneFoldBack, Rect{x.Add(l.Flap), top, l.FlapFold, ph})
		x = x.Add(side)
	}
	back := Rect{x, top, pw, ph}
	spine := Rect{back.Right(), top, S, ph}
	front := Rect{spine.Right(), top, pw, ph}
	z(ZoneBack, back)
	z(ZoneSpine, spine)
	z(ZoneFront, front)
	if b.Kind == paper.Jacket {
		z(ZoneFoldFront, Rect{front.Right(), top, l.FlapFold, ph})
		flapFront = Rect{front.Right().Add(l.FlapFold), top, l.Flap, ph}
		z(ZoneFlapFront, flapFront)
	}
	m := l.SafeMargin
	safeBack, safeFront := back.Inset(m), front.Inset(m)
	if g.SafeToHinge && l.Hinge.IsPositive() {
		// The live area runs from the margin at the outer edges to the hinge line.
		safeBack.W = spine.X.Sub(l.Hinge).Sub(safeBack.X)
		safeFront.X = spine.Right().Add(l.Hinge)
		safeFront.W = front.Right().Sub(m).Sub(safeFront.X)
	}
	z(ZoneSafeBack, safeBack)
	z(ZoneSafeFront, safeFront)
	safeSpine := Rect{spine.X.Add(l.SpineMargin), top.Add(ends), S.Sub(l.SpineMargin.Mul(two)), ph.Sub(ends.Mul(two))}
	if !safeSpine.W.IsPositive() {
		// The margins meet or cross: no room for text; keep the zone on the spine's centre line.
		safeSpine.X, safeSpine.W = spine.X.Add(S.Div(two)), decimal.Zero
	}
	z(ZoneSafeSpine, safeSpine)
	if b.Kind == paper.Jacket {
		z(ZoneSafeFlapBack, flapBack.Inset(m))
		z(ZoneSafeFlapFront, flapFront.Inset(m))
	}
	if l.Hinge.IsPositive() {
		z(ZoneHingeBack, Rect{spine.X.Sub(l.Hinge), top, l.Hinge, ph})
		z(ZoneHingeFront, Rect{spine.Right(), top, l.Hinge, ph})
	}
	c.barcode(back, spine)

	// Vertical guide lines run the full sheet height.
	line := func(name, kind string, x decimal.Decimal) {
		l.Lines = append(l.Lines, Line{Name: name, Kind: kind, X: x, Y0: decimal.Zero, Y1: l.Sheet.H})
	}
	if b.Kind == paper.Jacket {
		line("flap_fold_back_outer", LineFlapFold, flapBack.Right())
		line("flap_fold_back_inner", LineFlapFold, back.X)
	}
	if l.Hinge.IsPositive() {
		line("hinge_back", LineHinge, spine.X.Sub(l.Hinge))
	}
	line("fold_back", LineFold, spine.X)
	line("fold_front", LineFold, spine.Right())
	if l.Hinge.IsPositive() {
		line("hinge_front", LineHinge, spine.Right().Add(l.Hinge))
	}
	if b.Kind == paper.Jacket {
		line("flap_fold_front_inner", LineFlapFold, front.Right())
		line("flap_fold_front_outer", LineFlapFold, flapFront.X)
	}
}

func (c *computer) barcode(back, spine Rect) {
	l, bc := c.l, c.b.Barcode
	w := c.length("barcode.width", bc.Width, false)
	h := c.length("barcode.height", bc.Height, false)
	ox := c.length("barcode.offset_x", bc.OffsetX, false)
	oy := c.length("barcode.offset_y", bc.OffsetY, false)
	right := spine.X
	if bc.From == "hinge" {
		right = right.Sub(l.Hinge)
	}
	r := Rect{right.Sub(ox).Sub(w), back.Bottom().Sub(oy).Sub(h), w, h}
	if r.X.LessThan(back.X) {
		l.Warnings = append(l.Warnings, fmt.Sprintf("the %s x %s in barcode box does not fit on the back panel", w, h))
	}
	l.Zones = append(l.Zones, Zone{ZoneBarcode, r})
	l.BarcodeByPrinter = bc.PrinterPlaces
}

func (c *computer) spineText() {
	l, b := c.l, c.b
	st := SpineText{MinPages: b.SpineTextMin.Value, Confidence: b.SpineTextMin.Confidence}
	if s := c.p.Source(b.SpineTextMin.Source); s != nil {
		st.Source = *s
	}
	c.use(Value{Name: "spine_text_min_pages", count: b.SpineTextMin.Value}, b.SpineTextMin.Provenance, false)
	safe, _ := l.Zone(ZoneSafeSpine)
	// The verdict follows the printer's page rule; the margins only advise.
	if l.Pages < st.MinPages {
		st.Reason = fmt.Sprintf("%d pages is below %s's %d-page minimum for spine text", l.Pages, c.p.Name, st.MinPages)
	} else {
		st.Allowed = true
		st.Reason = fmt.Sprintf("%d pages meets %s's %d-page minimum for spine text", l.Pages, c.p.Name, st.MinPages)
		if safe.Empty() {
			l.Notes = append(l.Notes, fmt.Sprintf("spine text is allowed from %d pages, but the %s in spine leaves no room inside the %s in spine margins: keep spine text minimal", st.MinPages, l.Spine.Round(4), l.SpineMargin.Round(4)))
		}
	}
	if mn := b.Geometry.MinSpineForText; mn != nil && st.Allowed {
		in := c.length("min_spine_for_text", mn, false)
		if l.Spine.LessThan(in) {
			st.Allowed = false
			st.Reason = fmt.Sprintf("the %s in spine is narrower than the %s in minimum for spine text", l.Spine.Round(4), in.Round(4))
		}
	}
	if adv := b.SpineTextAdv; adv != nil {
		st.AdvisedPages = adv.Value
		c.use(Value{Name: "spine_text_advised_pages", count: adv.Value}, adv.Provenance, false)
		if st.Allowed && l.Pages < adv.Value {
			l.Notes = append(l.Notes, fmt.Sprintf("spine text is allowed, but some of %s's retail printers want %d pages or more before printing it", c.p.Name, adv.Value))
		}
	}
	l.SpineText = st
}
