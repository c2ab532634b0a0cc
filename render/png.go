package render

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
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

func writePNG(w io.Writer, l *spine.Layout, s *scene, dpi int) error {
	pw, ph := pixelSize(l, dpi)
	if pw <= 0 || ph <= 0 {
		return fmt.Errorf("render png: empty sheet")
	}
	r := &raster{img: image.NewRGBA(image.Rect(0, 0, pw, ph)), sx: float64(pw) / s.W, sy: float64(ph) / s.H}
	r.faces = map[faceKey]font.Face{}
	for _, L := range s.Layers {
		for _, it := range L.Items {
			r.draw(it)
		}
	}
	for _, f := range r.faces {
		f.Close()
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, opaque{r.img}); err != nil {
		return fmt.Errorf("render png: %w", err)
	}
	out, err := withPHYs(buf.Bytes(), dpi)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// opaque tells image/png the canvas has no transparency, so it writes RGB.
type opaque struct{ *image.RGBA }

func (opaque) Opaque() bool { return true }

// withPHYs inserts a pHYs chunk (pixels per metre) after IHDR: image/png does
// not write one, and raster editors need it to open the PNG at its real size.
func withPHYs(p []byte, dpi int) ([]byte, error) {
	const sigLen, ihdrLen = 8, 8 + 13 + 4
	if len(p) < sigLen+ihdrLen || string(p[12:16]) != "IHDR" {
		return nil, fmt.Errorf("render png: unexpected encoder output")
	}
	ppm := uint32(math.Round(float64(dpi) / 0.0254))
	chunk := make([]byte, 4+4+9+4)
	binary.BigEndian.PutUint32(chunk[0:], 9)
	copy(chunk[4:], "pHYs")
	binary.BigEndian.PutUint32(chunk[8:], ppm)
	binary.BigEndian.PutUint32(chunk[12:], ppm)
	chunk[16] = 1 // unit: metre
	binary.BigEndian.PutUint32(chunk[17:], crc32.ChecksumIEEE(chunk[4:17]))
	at := sigLen + ihdrLen
	out := make([]byte, 0, len(p)+len(chunk))
	out = append(out, p[:at]...)
	out = append(out, chunk...)
	return append(out, p[at:]...), nil
}

type faceKey struct {
	f    face
	size float64
}

type raster struct {
	img    *image.RGBA
	sx, sy float64 // pixels per point
	faces  map[faceKey]font.Face
	vr     vector.Rasterizer
}

// blend paints c over pixel (x, y) with coverage a in [0, 1].
func (r *raster) blendRow(y, x0, x1 int, c col, a float64) {
	if a <= 0 {
		return
	}
	cr, cg, cb := c.rgb()
	i := r.img.PixOffset(x0, y)
	pix := r.img.Pix[i : i+(x1-x0)*4 : i+(x1-x0)*4]
	if a >= 1 {
		for j := 0; j < len(pix); j += 4 {
			pix[j], pix[j+1], pix[j+2], pix[j+3] = cr, cg, cb, 255
		}
		return
	}
	k := uint32(a*256 + 0.5)
	for j := 0; j < len(pix); j += 4 {
		pix[j] = uint8((uint32(pix[j])*(256-k) + uint32(cr)*k) >> 8)
		pix[j+1] = uint8((uint32(pix[j+1])*(256-k) + uint32(cg)*k) >> 8)
		pix[j+2] = uint8((uint32(pix[j+2])*(256-k) + uint32(cb)*k) >> 8)
		pix[j+3] = 255
	}
}

// fillRect fills a rectangle given in pixels, anti-aliased at its edges.
func (r *raster) fillRect(x0, y0, x1, y1 float64, c col) {
	b := r.img.Bounds()
	x0, x1 = math.Max(x0, 0), math.Min(x1, float64(b.Dx()))
	y0, y1 = math.Max(y0, 0), math.Min(y1, float64(b.Dy()))
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
	bb := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY))).Intersect(r.img.Bounds())
	if bb.Empty() {
		return
	}
	r.vr.Reset(bb.Dx(), bb.Dy())
	ox, oy := float64(bb.Min.X), float64(bb.Min.Y)
	r.vr.MoveTo(float32(p[0].X*r.sx-ox), float32(p[0].Y*r.sy-oy))
	for _, q := range p[1:] {
		r.vr.LineTo(float32(q.X*r.sx-ox), float32(q.Y*r.sy-oy))
	}
	r.vr.ClosePath()
	cr, cg, cb := c.rgb()
	r.vr.Draw(r.img, bb, image.NewUniform(color.RGBA{cr, cg, cb, 255}), image.Point{})
}

func (r *raster) face(f face, px float64) font.Face {
	k := faceKey{f, px}
	if fc, ok := r.faces[k]; ok {
		return fc
	}
	of, err := opentype.Parse(fonts()[f].ttf)
	if err != nil {
		return nil
	}
	fc, err := opentype.NewFace(of, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
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
	asc, desc := ff.ascent*px, ff.descent*px
	run := width(it.Font, it.Size, it.Text) * r.sx
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
	mw := int(math.Ceil(dotX+run)) + 2
	mh := int(math.Ceil(dotY+desc)) + 2
	mask := image.NewAlpha(image.Rect(0, 0, mw, mh))
	d := font.Drawer{Dst: mask, Src: image.Opaque, Face: fc,
		Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round(dotX * 64)), Y: fixed.Int26_6(math.Round(dotY * 64))}}
	d.DrawString(it.Text)
	cr, cg, cb := it.Fill.rgb()
	b := r.img.Bounds()
	for my := 0; my < mh; my++ {
		for mx := 0; mx < mw; mx++ {
			a := mask.Pix[my*mask.Stride+mx]
			if a == 0 {
				continue
			}
			x, y := px0+mx, py0+my
			if it.Rot {
				x, y = px0-1-my, py0+mx
			}
			if x < b.Min.X || y < b.Min.Y || x >= b.Max.X || y >= b.Max.Y {
				continue
			}
			i := r.img.PixOffset(x, y)
			k := uint32(a) + uint32(a>>7) // 0..256
			p := r.img.Pix[i : i+4 : i+4]
			p[0] = uint8((uint32(p[0])*(256-k) + uint32(cr)*k) >> 8)
			p[1] = uint8((uint32(p[1])*(256-k) + uint32(cg)*k) >> 8)
			p[2] = uint8((uint32(p[2])*(256-k) + uint32(cb)*k) >> 8)
			p[3] = 255
		}
	}
}
