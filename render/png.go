package render

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"io"
	"math"

	"github.com/coverkit/coverkit/internal/pngdpi"
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
	for _, ly := range s.Layers {
		for _, it := range ly.Items {
			r.draw(it)
		}
	}
	for _, f := range r.faces {
		f.Close()
	}
	return encodePNG(w, r.img, dpi)
}

// encodePNG writes img as an 8-bit RGB PNG with a pHYs chunk (image/png
// writes none, and raster editors need it to open the file at its real size).
// Templates are mostly flat colour with vertical edges, so instead of
// image/png's per-row filter search every row but the first uses Up, which
// leaves zeros wherever a row repeats the one above: several times faster,
// and the files are as small.
func encodePNG(w io.Writer, img *image.RGBA, dpi int) error {
	b := img.Bounds()
	pw, ph := b.Dx(), b.Dy()
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(pw))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(ph))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits, truecolour
	writeChunk(bw, "IHDR", ihdr)
	writeChunk(bw, "pHYs", pngdpi.Data(dpi))

	// zlib framing by hand around raw deflate, so that the Adler-32 of the
	// many all-zero rows is computed in one step (see adler).
	idat := &chunkWriter{w: bw}
	idat.Write([]byte{0x78, 0x01})
	zw, err := flate.NewWriter(idat, flate.BestSpeed)
	if err != nil {
		return err
	}
	sum := adler{a: 1}
	row := make([]byte, 1+3*pw)
	prevRGBA := []byte(nil)
	for y := 0; y < ph; y++ {
		cur := img.Pix[y*img.Stride : y*img.Stride+4*pw]
		switch {
		case prevRGBA != nil && bytes.Equal(cur, prevRGBA):
			row[0] = 2 // Up: identical to the previous row
			clear(row[1:])
			sum.update(row[:1])
			sum.zeros(len(row) - 1)
		case prevRGBA != nil:
			// Up, two pixels at a time, skipping the (many) unchanged pairs.
			row[0] = 2
			clear(row[1:])
			x := 0
			for ; x+2 <= pw; x += 2 {
				i := 4 * x
				if binary.LittleEndian.Uint64(cur[i:]) == binary.LittleEndian.Uint64(prevRGBA[i:]) {
					continue
				}
				j := 1 + 3*x
				row[j], row[j+1], row[j+2] = cur[i]-prevRGBA[i], cur[i+1]-prevRGBA[i+1], cur[i+2]-prevRGBA[i+2]
				row[j+3], row[j+4], row[j+5] = cur[i+4]-prevRGBA[i+4], cur[i+5]-prevRGBA[i+5], cur[i+6]-prevRGBA[i+6]
			}
			if x < pw {
				i, j := 4*x, 1+3*x
				row[j], row[j+1], row[j+2] = cur[i]-prevRGBA[i], cur[i+1]-prevRGBA[i+1], cur[i+2]-prevRGBA[i+2]
			}
			sum.update(row)
		default:
			row[0] = 1 // Sub, for the first row
			var pr, pg, pb byte
			for x, j := 0, 1; x < pw; x, j = x+1, j+3 {
				r, g, bl := cur[4*x], cur[4*x+1], cur[4*x+2]
				row[j], row[j+1], row[j+2] = r-pr, g-pg, bl-pb
				pr, pg, pb = r, g, bl
			}
			sum.update(row)
		}
		if _, err := zw.Write(row); err != nil {
			return err
		}
		prevRGBA = cur
	}
	if err := zw.Close(); err != nil {
		return err
	}
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], sum.a|sum.b<<16)
	idat.Write(tail[:])
	if err := idat.flush(); err != nil {
		return err
	}
	writeChunk(bw, "IEND", nil)
	return bw.Flush()
}

// adler is Adler-32 (RFC 1950) with a fast path for runs of zero bytes.
type adler struct{ a, b uint32 }

const adlerMod = 65521

func (s *adler) update(p []byte) {
	for len(p) > 0 {
		n := min(len(p), 5552) // the largest run without uint32 overflow
		q := p[:n]
		a, b := s.a, s.b
		// Filtered template rows are mostly zero: skip zero words whole.
		for len(q) >= 8 {
			if binary.LittleEndian.Uint64(q) == 0 {
				b += 8 * a
			} else {
				for _, c := range q[:8] {
					a += uint32(c)
					b += a
				}
			}
			q = q[8:]
		}
		for _, c := range q {
			a += uint32(c)
			b += a
		}
		s.a, s.b = a%adlerMod, b%adlerMod
		p = p[n:]
	}
}

// zeros adds n zero bytes: a is unchanged and b grows by n*a.
func (s *adler) zeros(n int) {
	s.b = uint32((uint64(s.b) + uint64(n)%adlerMod*uint64(s.a)) % adlerMod)
}

func writeChunk(w *bufio.Writer, typ string, data []byte) {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(data)))
	copy(hdr[4:], typ)
	w.Write(hdr[:])
	w.Write(data)
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:])
	crc.Write(data)
	var c [4]byte
	binary.BigEndian.PutUint32(c[:], crc.Sum32())
	w.Write(c[:])
}

// chunkWriter cuts the zlib stream into IDAT chunks of up to 256 KiB.
type chunkWriter struct {
	w   *bufio.Writer
	buf []byte
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), 1<<18-len(c.buf))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
		if len(c.buf) == 1<<18 {
			if err := c.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

func (c *chunkWriter) flush() error {
	if len(c.buf) > 0 {
		writeChunk(c.w, "IDAT", c.buf)
		c.buf = c.buf[:0]
	}
	return nil
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
	cr, cg, cb := it.Fill.rgb()
	b := r.img.Bounds()
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(dotX * 64)), Y: fixed.Int26_6(math.Round(dotY * 64))}
	for _, ch := range it.Text {
		dr, gm, mp, adv, ok := fc.Glyph(dot, ch)
		dot.X += adv
		if !ok || dr.Empty() {
			continue
		}
		am, isAlpha := gm.(*image.Alpha)
		for my := dr.Min.Y; my < dr.Max.Y; my++ {
			for mx := dr.Min.X; mx < dr.Max.X; mx++ {
				gx, gy := mx-dr.Min.X+mp.X, my-dr.Min.Y+mp.Y
				var a uint8
				if isAlpha {
					a = am.Pix[(gy-am.Rect.Min.Y)*am.Stride+gx-am.Rect.Min.X]
				} else {
					_, _, _, A := gm.At(gx, gy).RGBA()
					a = uint8(A >> 8)
				}
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
}
