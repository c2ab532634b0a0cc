package render

import (
	"fmt"
	"image"
	"io"
	"math"

	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// DefaultDPI is the PNG resolution when Options.DPI is 0.
const DefaultDPI = 300

// MaxDPI bounds the PNG resolution: 1200 dpi already makes a 20-inch jacket
// 24,000 pixels wide.
const MaxDPI = 1200

// pixelSize is round(sheet size x dpi), from the exact decimal sheet size.
func pixelSize(l *spine.Layout, dpi int) (int, int) {
	d := decimal.NewFromInt(int64(dpi))
	return int(l.Sheet.W.Mul(d).Round(0).IntPart()), int(l.Sheet.H.Mul(d).Round(0).IntPart())
}

// bandRows is how many pixel rows are drawn at a time: a 20-inch jacket at
// 300 dpi is then 3 MB of canvas, not 66 MB.
const bandRows = 32

func writePNG(w io.Writer, l *spine.Layout, s *scene, dpi int) error {
	pw, ph := pixelSize(l, dpi)
	if pw <= 0 || ph <= 0 {
		return fmt.Errorf("render png: empty sheet")
	}
	if s.Transparent {
		return writeAlphaPNG(w, s, pw, ph, dpi)
	}
	e := newPNGEncoder(w, pw, ph, dpi)
	r := &raster{sx: float64(pw) / s.W, sy: float64(ph) / s.H, faces: map[faceKey]font.Face{}}
	defer r.close()
	pix := make([]byte, 4*pw*min(bandRows, ph))
	for y0 := 0; y0 < ph && e.err == nil; y0 += bandRows {
		y1 := min(y0+bandRows, ph)
		r.img = &image.RGBA{Pix: pix[:4*pw*(y1-y0)], Stride: 4 * pw, Rect: image.Rect(0, y0, pw, y1)}
		fill(r.img.Pix, 255) // white: the ground where nothing is drawn
		for _, ly := range s.Layers {
			for _, it := range ly.Items {
				if r.inBand(it) {
					r.draw(it)
				}
			}
		}
		e.writeRows(r.img)
	}
	if err := e.close(); err != nil {
		return fmt.Errorf("render png: %w", err)
	}
	return nil
}

type faceKey struct {
	f    face
	size float64
}

// raster paints the scene's items onto the current band of rows, img,
// whose Rect is in the whole image's pixel coordinates.
type raster struct {
	img    *image.RGBA
	sx, sy float64 // pixels per point
	faces  map[faceKey]font.Face
	glyphs map[glyphKey]*glyphMask
	vr     vector.Rasterizer
	mask   *image.Alpha // a polygon's coverage
}

func (r *raster) close() {
	for _, f := range r.faces {
		f.Close()
	}
}

// inBand reports whether it may paint a row of the band: its extent in
// points, with a margin for line widths and glyphs beyond the font's
// ascent and descent.
func (r *raster) inBand(it item) bool {
	var top, bottom float64
	switch it.Kind {
	case kRect, kLine:
		top, bottom = math.Min(it.Y, it.Y+it.H), math.Max(it.Y, it.Y+it.H)
		m := it.LW + 2/r.sy
		top, bottom = top-m, bottom+m
	case kPoly:
		top, bottom = math.Inf(1), math.Inf(-1)
		for _, q := range it.Pts {
			top, bottom = math.Min(top, q.Y), math.Max(bottom, q.Y)
		}
		top, bottom = top-2/r.sy, bottom+2/r.sy
	case kText:
		top, bottom = it.Y-it.Size, it.Y+it.Size
		if it.Rot {
			w := width(it.Font, it.Size, it.Text)
			top, bottom = it.Y-w-it.Size, it.Y+w+it.Size
		}
	}
	b := r.img.Rect
	return bottom*r.sy >= float64(b.Min.Y) && top*r.sy < float64(b.Max.Y)
}

// fill sets every byte of p to v.
func fill(p []byte, v byte) {
	if len(p) == 0 {
		return
	}
	p[0] = v
	for n := 1; n < len(p); n *= 2 {
		copy(p[n:], p[:n])
	}
}

// blendRow paints c over pixels x0 to x1 of row y with coverage a in [0, 1].
func (r *raster) blendRow(y, x0, x1 int, c col, a float64) {
	if a <= 0 {
		return
	}
	cr, cg, cb := c.rgb()
	i := r.img.PixOffset(x0, y)
	pix := r.img.Pix[i : i+(x1-x0)*4 : i+(x1-x0)*4]
	if a >= 1 {
		pix[0], pix[1], pix[2], pix[3] = cr, cg, cb, 255
		for n := 4; n < len(pix); n *= 2 {
			copy(pix[n:], pix[:n])
		}
		return
	}
	k := uint32(a*256 + 0.5)
	for j := 0; j < len(pix); j += 4 {
		pix[j] = uint8((uint32(pix[j])*(256-k) + uint32(cr)*k) >> 8)
		pix[j+1] = uint8((uint32(pix[j+1])*(256-k) + uint32(cg)*k) >> 8)
		pix[j+2] = uint8((uint32(pix[j+2])*(256-k) + uint32(cb)*k) >> 8)
		pix[j+3] = uint8((uint32(pix[j+3])*(256-k) + 255*k) >> 8) // 255 on an opaque ground
	}
}

// fillRect fills a rectangle given in pixels, anti-aliased at its edges.
func (r *raster) fillRect(x0, y0, x1, y1 float64, c col) {
	b := r.img.Rect
	x0, x1 = math.Max(x0, float64(b.Min.X)), math.Min(x1, float64(b.Max.X))
	y0, y1 = math.Max(y0, float64(b.Min.Y)), math.Min(y1, float64(b.Max.Y))
	if x1 <= x0 || y1 <= y0 {
		return
	}
	ix0, ix1 := int(math.Floor(x0)), int(math.Ceil(x1))
	iy0, iy1 := int(math.Floor(y0)), int(math.Ceil(y1))
	cover := func(i int, lo, hi float64) float64 {
		return math.Min(float64(i+1), hi) - math.Max(float64(i), lo)
	}
	for y := iy0; y < iy1; y++ {
		cy := cover(y, y0, y1)
		// left edge, interior run, right edge
		if ix1-ix0 == 1 {
			r.blendRow(y, ix0, ix1, c, cy*(x1-x0))
			continue
		}
		r.blendRow(y, ix0, ix0+1, c, cy*cover(ix0, x0, x1))
		if ix1-1 > ix0+1 {
			r.blendRow(y, ix0+1, ix1-1, c, cy)
		}
		r.blendRow(y, ix1-1, ix1, c, cy*cover(ix1-1, x0, x1))
	}
}

func (r *raster) draw(it item) {
	switch it.Kind {
	case kRect:
		x0, y0, x1, y1 := it.X*r.sx, it.Y*r.sy, (it.X+it.W)*r.sx, (it.Y+it.H)*r.sy
		if it.Fill != none {
			r.fillRect(x0, y0, x1, y1, it.Fill)
		}
		if it.Stroke != none && it.LW > 0 {
			r.hline(it.X, it.X+it.W, it.Y, it.LW, it.Stroke, it.Dash)
			r.hline(it.X, it.X+it.W, it.Y+it.H, it.LW, it.Stroke, it.Dash)
			r.vline(it.X, it.Y, it.Y+it.H, it.LW, it.Stroke, it.Dash)
			r.vline(it.X+it.W, it.Y, it.Y+it.H, it.LW, it.Stroke, it.Dash)
		}
	case kLine:
		switch {
		case it.H == 0:
			r.hline(it.X, it.X+it.W, it.Y, it.LW, it.Stroke, it.Dash)
		case it.W == 0:
			r.vline(it.X, it.Y, it.Y+it.H, it.LW, it.Stroke, it.Dash)
		}
	case kPoly:
		r.poly(it.Pts, it.Fill)
	case kText:
		r.text(it)
	}
}

// minLine keeps hairlines visible at low resolution: at least 1 pixel.
func (r *raster) lineW(lw, scale float64) float64 { return math.Max(lw*scale, 1) }

// dashes calls f for each painted segment of a dashed run from a to b.
func dashes(a, b float64, dash []float64, f func(a, b float64)) {
	if len(dash) == 0 {
		f(a, b)
		return
	}
	pos, i, on := a, 0, true
	for pos < b {
		end := math.Min(pos+dash[i%len(dash)], b)
		if on {
			f(pos, end)
		}
		pos, on, i = end, !on, i+1
	}
}

func (r *raster) hline(x0, x1, y, lw float64, c col, dash []float64) {
	h := r.lineW(lw, r.sy)
	py := y * r.sy
	dashes(x0, x1, dash, func(a, b float64) {
		r.fillRect(a*r.sx, py-h/2, b*r.sx, py+h/2, c)
	})
}

func (r *raster) vline(x, y0, y1, lw float64, c col, dash []float64) {
	w := r.lineW(lw, r.sx)
	px := x * r.sx
	dashes(y0, y1, dash, func(a, b float64) {
		r.fillRect(px-w/2, a*r.sy, px+w/2, b*r.sy, c)
	})
}

func (r *raster) poly(p []pt, c col) {
	if len(p) < 3 {
		return
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range p {
		minX, maxX = math.Min(minX, q.X*r.sx), math.Max(maxX, q.X*r.sx)
		minY, maxY = math.Min(minY, q.Y*r.sy), math.Max(maxY, q.Y*r.sy)
	}
	bb := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY)))
	clip := bb.Intersect(r.img.Rect)
	if clip.Empty() {
		return
	}
	// The whole polygon's coverage, then the rows of it in this band.
	r.vr.Reset(bb.Dx(), bb.Dy())
	ox, oy := float64(bb.Min.X), float64(bb.Min.Y)
	r.vr.MoveTo(float32(p[0].X*r.sx-ox), float32(p[0].Y*r.sy-oy))
	for _, q := range p[1:] {
		r.vr.LineTo(float32(q.X*r.sx-ox), float32(q.Y*r.sy-oy))
	}
	r.vr.ClosePath()
	if r.mask == nil || r.mask.Rect.Dx() < bb.Dx() || r.mask.Rect.Dy() < bb.Dy() {
		r.mask = image.NewAlpha(image.Rect(0, 0, max(bb.Dx(), 64), max(bb.Dy(), 64)))
	}
	m := r.mask.SubImage(image.Rect(0, 0, bb.Dx(), bb.Dy())).(*image.Alpha)
	clear(r.mask.Pix)
	r.vr.Draw(m, m.Rect, image.Opaque, image.Point{})
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		for x := clip.Min.X; x < clip.Max.X; x++ {
			r.blend(x, y, c, m.Pix[(y-bb.Min.Y)*m.Stride+x-bb.Min.X])
		}
	}
}

// blend paints c over pixel (x, y) with coverage a/255.
func (r *raster) blend(x, y int, c col, a uint8) {
	if a == 0 {
		return
	}
	cr, cg, cb := c.rgb()
	i := r.img.PixOffset(x, y)
	k := uint32(a) + uint32(a>>7) // 0..256
	p := r.img.Pix[i : i+4 : i+4]
	p[0] = uint8((uint32(p[0])*(256-k) + uint32(cr)*k) >> 8)
	p[1] = uint8((uint32(p[1])*(256-k) + uint32(cg)*k) >> 8)
	p[2] = uint8((uint32(p[2])*(256-k) + uint32(cb)*k) >> 8)
	p[3] = uint8((uint32(p[3])*(256-k) + 255*k) >> 8) // 255 on an opaque ground
}

// face is font f at px pixels, made once per size in a render.
func (r *raster) face(f face, px float64) font.Face {
	k := faceKey{f, px}
	if fc, ok := r.faces[k]; ok {
		return fc
	}
	// The font parsed once for the process (sfnt.Font is safe to share: its
	// methods take their scratch space from the caller).
	fc, err := opentype.NewFace(fonts()[f].sf, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	r.faces[k] = fc
	return fc
}

// text draws one line: into an alpha mask, then (turned if need be) onto the
// canvas in its colour. The glyphs land where the PDF and the SVG put them.
func (r *raster) text(it item) {
	px := it.Size * r.sy
	if px < 0.5 {
		return
	}
	fc := r.face(it.Font, px)
	if fc == nil {
		return
	}
	ff := fonts()[it.Font]
	asc := ff.ascent * px
	ax, ay := it.X*r.sx, it.Y*r.sy
	off := alignOffset(it) * r.sx
	var px0, py0 int
	var dotX, dotY float64
	if it.Rot {
		startY := ay - off
		px0 = int(math.Floor(ax+asc)) + 1
		py0 = int(math.Floor(startY)) - 1
		dotX, dotY = startY-float64(py0), float64(px0)-ax
	} else {
		startX := ax - off
		px0 = int(math.Floor(startX)) - 1
		py0 = int(math.Floor(ay-asc)) - 1
		dotX, dotY = startX-float64(px0), ay-float64(py0)
	}
	// Glyph masks go straight onto the canvas (no kerning: the PDF and the
	// layout measure without it too).
	b := r.img.Rect
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(dotX * 64)), Y: fixed.Int26_6(math.Round(dotY * 64))}
	em := int(px) + 2
	for _, ch := range it.Text {
		if it.Rot { // a turned line crosses many bands: draw only its glyphs in this one
			if y := py0 + int(dot.X>>6); y+2*em < b.Min.Y || y-em >= b.Max.Y {
				adv, _ := fc.GlyphAdvance(ch)
				dot.X += adv
				continue
			}
		}
		dr, m := r.glyphAt(fc, faceKey{it.Font, px}, dot, ch)
		adv, _ := fc.GlyphAdvance(ch)
		dot.X += adv
		if m == nil {
			continue
		}
		r.glyph(it, px0, py0, dr, m, m.Rect.Min)
	}
}

// glyphKey is one glyph at one size and quarter-pixel offset.
type glyphKey struct {
	face   faceKey
	r      rune
	fx, fy fixed.Int26_6 // the offset within the pixel, a multiple of 1/4
}

// glyphMask is a rasterised glyph: its coverage, Rect relative to the pixel
// its origin is in; nil Mask for a blank glyph.
type glyphMask struct{ mask *image.Alpha }

// glyphAt is glyph ch of face fc with its origin at dot rounded to the
// nearest quarter pixel, and the pixels it covers. Each glyph is rasterised
// once per size and offset in a render: a template draws the same letters
// hundreds of times, and rasterising them was most of a PNG's time.
func (r *raster) glyphAt(fc font.Face, fk faceKey, dot fixed.Point26_6, ch rune) (image.Rectangle, *image.Alpha) {
	q := fixed.Point26_6{X: (dot.X + 8) &^ 15, Y: (dot.Y + 8) &^ 15}
	base := image.Pt(q.X.Floor(), q.Y.Floor())
	k := glyphKey{fk, ch, q.X & 63, q.Y & 63}
	g, ok := r.glyphs[k]
	if !ok {
		if r.glyphs == nil {
			r.glyphs = map[glyphKey]*glyphMask{}
		}
		g = &glyphMask{}
		dr, gm, mp, _, ok := fc.Glyph(fixed.Point26_6{X: k.fx, Y: k.fy}, ch)
		if ok && !dr.Empty() {
			g.mask = image.NewAlpha(dr)
			for y := dr.Min.Y; y < dr.Max.Y; y++ {
				for x := dr.Min.X; x < dr.Max.X; x++ {
					_, _, _, a := gm.At(x-dr.Min.X+mp.X, y-dr.Min.Y+mp.Y).RGBA()
					g.mask.Pix[g.mask.PixOffset(x, y)] = uint8(a >> 8)
				}
			}
		}
		r.glyphs[k] = g
	}
	if g.mask == nil {
		return image.Rectangle{}, nil
	}
	return g.mask.Rect.Add(base), g.mask
}

// glyph paints one glyph's mask gm (its pixels dr, read from mp) at the
// line's origin (px0, py0), turned when the line is.
func (r *raster) glyph(it item, px0, py0 int, dr image.Rectangle, gm image.Image, mp image.Point) {
	b := r.img.Rect
	am, isAlpha := gm.(*image.Alpha)
	for my := dr.Min.Y; my < dr.Max.Y; my++ {
		for mx := dr.Min.X; mx < dr.Max.X; mx++ {
			x, y := px0+mx, py0+my
			if it.Rot {
				x, y = px0-1-my, py0+mx
			}
			if x < b.Min.X || y < b.Min.Y || x >= b.Max.X || y >= b.Max.Y {
				continue
			}
			gx, gy := mx-dr.Min.X+mp.X, my-dr.Min.Y+mp.Y
			var a uint8
			if isAlpha {
				a = am.Pix[(gy-am.Rect.Min.Y)*am.Stride+gx-am.Rect.Min.X]
			} else {
				_, _, _, A := gm.At(gx, gy).RGBA()
				a = uint8(A >> 8)
			}
			r.blend(x, y, it.Fill, a)
		}
	}
}
