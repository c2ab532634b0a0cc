package render

import (
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Labels as outlines (Options.TextOutline, coverkit template --text
// outline): every line of text in the PDF is drawn as filled glyph outlines
// of the Go fonts instead of text in an embedded font, for designers whose
// programs substitute fonts they do not have (Inkscape re-sets PDF text in
// its own fonts) or who must hand on a file without fonts. The outlines are
// the same glyphs at the same advances (the layout's), so nothing moves.

// outlineText writes it as filled outlines, in its fill colour.
func (p *pdfPainter) outlineText(it item) {
	if it.Text == "" || it.Size <= 0 {
		return
	}
	ff := fonts()[it.Font]
	p.setFill(it.Fill, it.K)
	dx := alignOffset(it)
	p.b = append(p.b, "q "...)
	if it.Rot {
		p.b = append(p.b, "0 -1 1 0 "...)
		p.nums(it.X, p.h-it.Y+dx)
	} else {
		p.b = append(p.b, "1 0 0 1 "...)
		p.nums(it.X-dx, p.h-it.Y)
	}
	p.b = append(p.b, "cm\n"...)
	var buf sfnt.Buffer
	k := it.Size / ff.upem // font units to points
	ppem := fixed.Int26_6(ff.upem * 64)
	x := 0.0
	for _, r := range it.Text {
		gi, err := ff.sf.GlyphIndex(&buf, r)
		adv, ok := ff.adv[r]
		if err != nil || gi == 0 || !ok {
			adv = ff.notdef
		}
		if err == nil {
			if segs, err := ff.sf.LoadGlyph(&buf, gi, ppem, nil); err == nil && len(segs) > 0 {
				p.glyphPath(segs, x, k)
			}
		}
		x += adv * it.Size
	}
	p.b = append(p.b, "Q\n"...)
}

// glyphPath appends one glyph's outline at x (points along the run) and
// fills it (nonzero winding, as TrueType glyphs are drawn). sfnt's y grows
// downwards; the text space's upwards. Quadratic segments become cubic.
func (p *pdfPainter) glyphPath(segs sfnt.Segments, x, k float64) {
	pt := func(q fixed.Point26_6) (float64, float64) {
		return x + float64(q.X)/64*k, -float64(q.Y) / 64 * k
	}
	var cx, cy float64
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			cx, cy = pt(s.Args[0])
			p.nums(cx, cy)
			p.b = append(p.b, "m\n"...)
		case sfnt.SegmentOpLineTo:
			cx, cy = pt(s.Args[0])
			p.nums(cx, cy)
			p.b = append(p.b, "l\n"...)
		case sfnt.SegmentOpQuadTo:
			qx, qy := pt(s.Args[0])
			ex, ey := pt(s.Args[1])
			p.nums(cx+2*(qx-cx)/3, cy+2*(qy-cy)/3, ex+2*(qx-ex)/3, ey+2*(qy-ey)/3, ex, ey)
			p.b = append(p.b, "c\n"...)
			cx, cy = ex, ey
		case sfnt.SegmentOpCubeTo:
			ax, ay := pt(s.Args[0])
			bx, by := pt(s.Args[1])
			cx, cy = pt(s.Args[2])
			p.nums(ax, ay, bx, by, cx, cy)
			p.b = append(p.b, "c\n"...)
		}
	}
	p.b = append(p.b, "f\n"...)
}
