package render

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"image"
	"io"

	"github.com/coverkit/coverkit/internal/pngdpi"
)

// pngEncoder writes an 8-bit RGB PNG with a pHYs chunk (image/png writes
// none, and raster editors need it to open the file at its real size), a
// band of rows at a time, so that no full canvas is ever held. Like
// image/png's encoder it is small write steps with a sticky error.
//
// Templates are mostly flat colour with vertical edges, so instead of
// image/png's per-row filter search every row but the first uses Up, which
// leaves zeros wherever a row repeats the one above: several times faster,
// and the files are as small.
type pngEncoder struct {
	bw   *bufio.Writer
	idat chunkWriter
	zw   *flate.Writer
	sum  adler
	w, h int
	row  []byte // the filtered row: filter type, then RGB
	prev []byte // the previous row, RGBA
	has  bool   // prev holds a row
	err  error
}

func newPNGEncoder(w io.Writer, pw, ph, dpi int) *pngEncoder {
	e := &pngEncoder{bw: bufio.NewWriterSize(w, 1<<16), w: pw, h: ph,
		row: make([]byte, 1+3*pw), prev: make([]byte, 4*pw), sum: adler{a: 1}}
	e.idat.w = e.bw
	e.bw.WriteString(pngdpi.Signature)
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(pw))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(ph))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits, truecolour
	pngdpi.WriteChunk(e.bw, "IHDR", ihdr)
	pngdpi.WriteChunk(e.bw, "pHYs", pngdpi.Data(dpi))
	// zlib framing by hand around raw deflate, so that the Adler-32 of the
	// many all-zero rows is computed in one step (see adler).
	e.idat.Write([]byte{0x78, 0x01})
	e.zw, e.err = flate.NewWriter(&e.idat, flate.BestSpeed)
	return e
}

// writeRows filters and compresses the rows of img, the next band.
func (e *pngEncoder) writeRows(img *image.RGBA) {
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y && e.err == nil; y++ {
		cur := img.Pix[img.PixOffset(0, y):][:4*e.w]
		switch {
		case e.has && bytes.Equal(cur, e.prev):
			e.row[0] = 2 // Up: identical to the previous row
			clear(e.row[1:])
			e.sum.update(e.row[:1])
			e.sum.zeros(len(e.row) - 1)
		case e.has:
			e.filterUp(cur)
			e.sum.update(e.row)
		default:
			e.filterSub(cur)
			e.sum.update(e.row)
		}
		_, e.err = e.zw.Write(e.row)
		copy(e.prev, cur)
		e.has = true
	}
}

// filterUp is the Up filter, two pixels at a time, skipping the (many)
// unchanged pairs.
func (e *pngEncoder) filterUp(cur []byte) {
	row, prev, pw := e.row, e.prev, e.w
	row[0] = 2
	clear(row[1:])
	x := 0
	for ; x+2 <= pw; x += 2 {
		i := 4 * x
		if binary.LittleEndian.Uint64(cur[i:]) == binary.LittleEndian.Uint64(prev[i:]) {
			continue
		}
		j := 1 + 3*x
		row[j], row[j+1], row[j+2] = cur[i]-prev[i], cur[i+1]-prev[i+1], cur[i+2]-prev[i+2]
		row[j+3], row[j+4], row[j+5] = cur[i+4]-prev[i+4], cur[i+5]-prev[i+5], cur[i+6]-prev[i+6]
	}
	if x < pw {
		i, j := 4*x, 1+3*x
		row[j], row[j+1], row[j+2] = cur[i]-prev[i], cur[i+1]-prev[i+1], cur[i+2]-prev[i+2]
	}
}

// filterSub is the Sub filter, for the first row.
func (e *pngEncoder) filterSub(cur []byte) {
	row := e.row
	row[0] = 1
	var pr, pg, pb byte
	for x, j := 0, 1; x < e.w; x, j = x+1, j+3 {
		r, g, b := cur[4*x], cur[4*x+1], cur[4*x+2]
		row[j], row[j+1], row[j+2] = r-pr, g-pg, b-pb
		pr, pg, pb = r, g, b
	}
}

// close ends the image data and the file.
func (e *pngEncoder) close() error {
	if e.err == nil {
		e.err = e.zw.Close()
	}
	if e.err != nil {
		return e.err
	}
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], e.sum.a|e.sum.b<<16)
	e.idat.Write(tail[:])
	e.idat.flush()
	pngdpi.WriteChunk(e.bw, "IEND", nil)
	return e.bw.Flush()
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
		pngdpi.WriteChunk(c.w, "IDAT", c.buf)
		c.buf = c.buf[:0]
	}
	return nil
}
