package spine

import (
	"fmt"

	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

// sheetDims are the lengths the sheet is built from, in fx.
type sheetDims struct {
	spine, outer              fx // spine width; bleed or wrap
	pw, ph                    fx // panel width and height
	flap, flapFold            fx // jacket flap and the fold band beside it
	hinge                     fx // hardcover no-art zone beside the spine
	margin, spineMargin, ends fx // live-area margins
}

// sheetPanels are the panels placed on the sheet.
type sheetPanels struct {
	back, spine, front, flapBack, flapFront frect
}

// geometry places every panel, line and zone on the sheet: the catalogue's
// lengths, then the zones, the barcode box and the guide lines.
func (c *computer) geometry() error {
	d := c.dims()
	p := c.zones(d)
	if err := c.barcode(p.back, p.spine, d.hinge); err != nil {
		return err
	}
	c.lines(d, p)
	return nil
}

// dims reads (and traces) the catalogue lengths the sheet is built from and
// records them in the layout.
func (c *computer) dims() sheetDims {
	l, g, b := c.l, c.b.Geometry, c.b
	d := sheetDims{spine: toFx(l.Spine)}
	l.Spine = d.spine.dec() // the spine the zones use, to 10^-12 in
	if b.Kind == paper.Hardcover {
		l.Wrap = c.length("wrap", g.Wrap, true)
		d.outer = toFx(l.Wrap)
	} else {
		l.Bleed = c.length("bleed", g.Bleed, true)
		d.outer = toFx(l.Bleed)
	}
	d.pw = toFx(l.Trim.W) + toFx(c.length("panel_extra_width", g.PanelExtraWidth, true))
	d.ph = toFx(l.Trim.H) + toFx(c.length("panel_extra_height", g.PanelExtraHeight, true))
	l.Panel = Size{d.pw.dec(), d.ph.dec()}
	l.Flap = c.length("flap", g.Flap, true)
	l.FlapFold = c.length("flap_fold", g.FlapFold, true)
	l.Hinge = c.length("hinge", g.Hinge, false)
	l.SafeMargin = c.length("safe_margin", g.SafeMargin, false)
	l.SpineMargin = c.length("spine_margin", g.SpineMargin, false)
	if g.ThinSpineBelow != nil && l.Spine.LessThan(g.ThinSpineBelow.Inches()) {
		c.length("thin_spine_below", g.ThinSpineBelow, false)
		l.SpineMargin = c.length("spine_margin_thin", g.SpineMarginThin, false)
	}
	d.ends = toFx(c.length("spine_margin_ends", g.SpineMarginEnds, false))
	l.FoldVariance = c.length("fold_variance", g.FoldVariance, false)
	d.flap, d.flapFold, d.hinge = toFx(l.Flap), toFx(l.FlapFold), toFx(l.Hinge)
	d.margin, d.spineMargin = toFx(l.SafeMargin), toFx(l.SpineMargin)
	return d
}

// zones sizes the sheet and places the panels and their live areas.
func (c *computer) zones(d sheetDims) sheetPanels {
	l, b := c.l, c.b
	jacket := b.Kind == paper.Jacket
	side := d.flap + d.flapFold // flap + fold band on each side (jacket only)
	sheetW, sheetH := 2*d.outer+2*side+2*d.pw+d.spine, 2*d.outer+d.ph
	l.Sheet = Size{sheetW.dec(), sheetH.dec()}
	top, x, ph := d.outer, d.outer, d.ph
	l.Zones = make([]Zone, 0, 18)
	z := func(name string, r frect) { l.Zones = append(l.Zones, Zone{name, r.rect()}) }
	z(ZoneSheet, frect{0, 0, sheetW, sheetH})
	z(ZoneTrim, frect{d.outer, top, sheetW - 2*d.outer, ph})
	var p sheetPanels
	if jacket {
		p.flapBack = frect{x, top, d.flap, ph}
		z(ZoneFlapBack, p.flapBack)
		z(ZoneFoldBack, frect{x + d.flap, top, d.flapFold, ph})
		x += side
	}
	p.back = frect{x, top, d.pw, ph}
	p.spine = frect{p.back.right(), top, d.spine, ph}
	p.front = frect{p.spine.right(), top, d.pw, ph}
	z(ZoneBack, p.back)
	z(ZoneSpine, p.spine)
	z(ZoneFront, p.front)
	if jacket {
		z(ZoneFoldFront, frect{p.front.right(), top, d.flapFold, ph})
		p.flapFront = frect{p.front.right() + d.flapFold, top, d.flap, ph}
		z(ZoneFlapFront, p.flapFront)
	}
	safeBack, safeFront := c.safeAreas(d, p)
	z(ZoneSafeBack, safeBack)
	z(ZoneSafeFront, safeFront)
	safeSpine := frect{p.spine.x + d.spineMargin, top + d.ends, d.spine - 2*d.spineMargin, max(ph-2*d.ends, 0)}
	if safeSpine.w <= 0 {
		// The margins meet or cross: no room for text; keep the zone on the spine's centre line.
		safeSpine.x, safeSpine.w = p.spine.x+d.spine/2, 0
	}
	z(ZoneSafeSpine, safeSpine)
	if jacket {
		z(ZoneSafeFlapBack, p.flapBack.inset(d.margin))
		z(ZoneSafeFlapFront, p.flapFront.inset(d.margin))
	}
	if d.hinge > 0 {
		z(ZoneHingeBack, frect{p.spine.x - d.hinge, top, d.hinge, ph})
		z(ZoneHingeFront, frect{p.spine.right(), top, d.hinge, ph})
	}
	return p
}

// safeAreas are the live areas of the back and front: the panels less the
// margin, or, where the printer says so, from the margin to the hinge line.
func (c *computer) safeAreas(d sheetDims, p sheetPanels) (back, front frect) {
	back, front = p.back.inset(d.margin), p.front.inset(d.margin)
	if c.b.Geometry.SafeToHinge && d.hinge > 0 {
		back.w = max(p.spine.x-d.hinge-back.x, 0)
		front.x = p.spine.right() + d.hinge
		front.w = max(p.front.right()-d.margin-front.x, 0)
	}
	return back, front
}

// lines adds the vertical guide lines, which run the full sheet height, in
// left-to-right order.
func (c *computer) lines(d sheetDims, p sheetPanels) {
	l := c.l
	jacket := c.b.Kind == paper.Jacket
	l.Lines = make([]Line, 0, 8)
	h := l.Sheet.H
	line := func(name, kind string, x fx) {
		l.Lines = append(l.Lines, Line{Name: name, Kind: kind, X: x.dec(), Y0: decimal.Zero, Y1: h})
	}
	if jacket {
		line("flap_fold_back_outer", LineFlapFold, p.flapBack.right())
		line("flap_fold_back_inner", LineFlapFold, p.back.x)
	}
	if d.hinge > 0 {
		line("hinge_back", LineHinge, p.spine.x-d.hinge)
	}
	line("fold_back", LineFold, p.spine.x)
	line("fold_front", LineFold, p.spine.right())
	if d.hinge > 0 {
		line("hinge_front", LineHinge, p.spine.right()+d.hinge)
	}
	if jacket {
		line("flap_fold_front_inner", LineFlapFold, p.front.right())
		line("flap_fold_front_outer", LineFlapFold, p.flapFront.x)
	}
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
