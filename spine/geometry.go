package spine

import (
	"fmt"

	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

// geometry places every panel, line and zone on the sheet.
func (c *computer) geometry() error {
	l, g, b := c.l, c.b.Geometry, c.b
	S := toFx(l.Spine)
	l.Spine = S.dec() // the spine the zones use, to 10^-12 in
	var outer fx
	if b.Kind == paper.Hardcover {
		l.Wrap = c.length("wrap", g.Wrap, true)
		outer = toFx(l.Wrap)
	} else {
		l.Bleed = c.length("bleed", g.Bleed, true)
		outer = toFx(l.Bleed)
	}
	pw := toFx(l.Trim.W) + toFx(c.length("panel_extra_width", g.PanelExtraWidth, true))
	ph := toFx(l.Trim.H) + toFx(c.length("panel_extra_height", g.PanelExtraHeight, true))
	l.Panel = Size{pw.dec(), ph.dec()}
	l.Flap = c.length("flap", g.Flap, true)
	l.FlapFold = c.length("flap_fold", g.FlapFold, true)
	l.Hinge = c.length("hinge", g.Hinge, false)
	l.SafeMargin = c.length("safe_margin", g.SafeMargin, false)
	l.SpineMargin = c.length("spine_margin", g.SpineMargin, false)
	if g.ThinSpineBelow != nil && l.Spine.LessThan(g.ThinSpineBelow.Inches()) {
		c.length("thin_spine_below", g.ThinSpineBelow, false)
		l.SpineMargin = c.length("spine_margin_thin", g.SpineMarginThin, false)
	}
	ends := toFx(c.length("spine_margin_ends", g.SpineMarginEnds, false))
	l.FoldVariance = c.length("fold_variance", g.FoldVariance, false)
	flap, flapFold, hinge := toFx(l.Flap), toFx(l.FlapFold), toFx(l.Hinge)
	m, sm := toFx(l.SafeMargin), toFx(l.SpineMargin)

	side := flap + flapFold // flap + fold band on each side (jacket only)
	sheetW, sheetH := 2*outer+2*side+2*pw+S, 2*outer+ph
	l.Sheet = Size{sheetW.dec(), sheetH.dec()}
	top, x := outer, outer
	l.Zones = make([]Zone, 0, 18)
	z := func(name string, r frect) { l.Zones = append(l.Zones, Zone{name, r.rect()}) }
	z(ZoneSheet, frect{0, 0, sheetW, sheetH})
	z(ZoneTrim, frect{outer, top, sheetW - 2*outer, ph})
	var flapBack, flapFront frect
	if b.Kind == paper.Jacket {
		flapBack = frect{x, top, flap, ph}
		z(ZoneFlapBack, flapBack)
		z(ZoneFoldBack, frect{x + flap, top, flapFold, ph})
		x += side
	}
	back := frect{x, top, pw, ph}
	spine := frect{back.right(), top, S, ph}
	front := frect{spine.right(), top, pw, ph}
	z(ZoneBack, back)
	z(ZoneSpine, spine)
	z(ZoneFront, front)
	if b.Kind == paper.Jacket {
		z(ZoneFoldFront, frect{front.right(), top, flapFold, ph})
		flapFront = frect{front.right() + flapFold, top, flap, ph}
		z(ZoneFlapFront, flapFront)
	}
	safeBack, safeFront := back.inset(m), front.inset(m)
	if g.SafeToHinge && hinge > 0 {
		// The live area runs from the margin at the outer edges to the hinge line.
		safeBack.w = max(spine.x-hinge-safeBack.x, 0)
		safeFront.x = spine.right() + hinge
		safeFront.w = max(front.right()-m-safeFront.x, 0)
	}
	z(ZoneSafeBack, safeBack)
	z(ZoneSafeFront, safeFront)
	safeSpine := frect{spine.x + sm, top + ends, S - 2*sm, max(ph-2*ends, 0)}
	if safeSpine.w <= 0 {
		// The margins meet or cross: no room for text; keep the zone on the spine's centre line.
		safeSpine.x, safeSpine.w = spine.x+S/2, 0
	}
	z(ZoneSafeSpine, safeSpine)
	if b.Kind == paper.Jacket {
		z(ZoneSafeFlapBack, flapBack.inset(m))
		z(ZoneSafeFlapFront, flapFront.inset(m))
	}
	if hinge > 0 {
		z(ZoneHingeBack, frect{spine.x - hinge, top, hinge, ph})
		z(ZoneHingeFront, frect{spine.right(), top, hinge, ph})
	}
	if err := c.barcode(back, spine, hinge); err != nil {
		return err
	}

	// Vertical guide lines run the full sheet height.
	l.Lines = make([]Line, 0, 8)
	h := sheetH.dec()
	line := func(name, kind string, x fx) {
		l.Lines = append(l.Lines, Line{Name: name, Kind: kind, X: x.dec(), Y0: decimal.Zero, Y1: h})
	}
	if b.Kind == paper.Jacket {
		line("flap_fold_back_outer", LineFlapFold, flapBack.right())
		line("flap_fold_back_inner", LineFlapFold, back.x)
	}
	if hinge > 0 {
		line("hinge_back", LineHinge, spine.x-hinge)
	}
	line("fold_back", LineFold, spine.x)
	line("fold_front", LineFold, spine.right())
	if hinge > 0 {
		line("hinge_front", LineHinge, spine.right()+hinge)
	}
	if b.Kind == paper.Jacket {
		line("flap_fold_front_inner", LineFlapFold, front.right())
		line("flap_fold_front_outer", LineFlapFold, flapFront.x)
	}
	return nil
}

func (c *computer) barcode(back, spine frect, hinge fx) error {
	l, bc := c.l, c.b.Barcode
	w := toFx(c.length("barcode.width", bc.Width, false))
	h := toFx(c.length("barcode.height", bc.Height, false))
	ox := toFx(c.length("barcode.offset_x", bc.OffsetX, false))
	oy := toFx(c.length("barcode.offset_y", bc.OffsetY, false))
	right := spine.x
	if bc.From == "hinge" {
		right -= hinge
	}
	r := frect{right - ox - w, back.bottom() - oy - h, w, h}
	if r.x < back.x || r.y < back.y {
		return &Error{Printer: c.p.ID, Field: "trim", Input: l.TrimName,
			Rule:    fmt.Sprintf("leaves no room for the printer's %s x %s in barcode box on the %s x %s in back panel", w.dec().Round(4), h.dec().Round(4), back.w.dec().Round(4), back.h.dec().Round(4)),
			Allowed: "a larger trim, or a profile with a smaller barcode box", Source: c.sourceURL(bc.Width.Source)}
	}
	l.Zones = append(l.Zones, Zone{ZoneBarcode, r.rect()})
	l.BarcodeByPrinter = bc.PrinterPlaces
	return nil
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
			l.note(NoteSpineTextTight, fmt.Sprintf("spine text is allowed from %d pages, but the %s in spine leaves no room inside the %s in spine margins: keep spine text minimal", st.MinPages, l.Spine.Round(4), l.SpineMargin.Round(4)))
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
			l.note(NoteSpineTextAdvice, fmt.Sprintf("spine text is allowed, but some of %s's retail printers want %d pages or more before printing it", c.p.Name, adv.Value))
		}
	}
	l.SpineText = st
}

// mirror turns a left-to-right layout into a right-to-left one: every zone and
// line is reflected about the sheet's vertical centre line, so the front cover
// lies on the left and the back on the right, flaps and hinges with them.
// KDP's calculator offers both reading directions; where printers put the
// barcode box on a right-to-left back cover is not in the specs, so the
// mirrored box (beside the spine, at the bottom) is flagged as unconfirmed.
func (c *computer) mirror() {
	l := c.l
	l.RightToLeft = true
	w := toFx(l.Sheet.W)
	for i, z := range l.Zones {
		x := w - toFx(z.X) - toFx(z.W)
		l.Zones[i].X = x.dec()
	}
	for i, ln := range l.Lines {
		l.Lines[i].X = (w - toFx(ln.X)).dec()
	}
	// Keep lines in left-to-right order, as the renderers read them.
	for i, j := 0, len(l.Lines)-1; i < j; i, j = i+1, j-1 {
		l.Lines[i], l.Lines[j] = l.Lines[j], l.Lines[i]
	}
	l.note(NoteRightToLeft, "right-to-left book: the front cover is on the left of the sheet, the back on the right")
	l.Warnings = append(l.Warnings, "barcode position on a right-to-left back cover is UNCONFIRMED (mirrored from the left-to-right box)")
}
