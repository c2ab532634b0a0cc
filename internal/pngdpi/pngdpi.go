// Package pngdpi records a PNG's resolution in its pHYs chunk, which Go's
// image/png encoder does not write, so that raster editors open templates and
// barcodes at their real physical size. It also writes the chunks of the
// PNG encoders coverkit has of its own (render's, barcode's), in one place.
package pngdpi

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math"
)

// Data returns the 9 bytes of a pHYs chunk for dpi: pixels per metre in x
// and y, and the unit byte (1 = metre).
func Data(dpi int) []byte {
	ppm := uint32(math.Round(float64(dpi) / 0.0254))
	d := make([]byte, 9)
	binary.BigEndian.PutUint32(d[0:], ppm)
	binary.BigEndian.PutUint32(d[4:], ppm)
	d[8] = 1
	return d
}

// Insert returns p, a PNG whose first chunk is IHDR, with a pHYs chunk for
// dpi inserted after IHDR.
func Insert(p []byte, dpi int) ([]byte, error) {
	const sigLen, ihdrLen = 8, 8 + 13 + 4 // signature; IHDR length+type, data, CRC
	if len(p) < sigLen+ihdrLen || string(p[12:16]) != "IHDR" {
		return nil, errors.New("pngdpi: not a PNG starting with IHDR")
	}
	chunk := AppendChunk(make([]byte, 0, 21), "pHYs", Data(dpi))
	at := sigLen + ihdrLen
	out := make([]byte, 0, len(p)+len(chunk))
	out = append(out, p[:at]...)
	out = append(out, chunk...)
	return append(out, p[at:]...), nil
}

// Signature is the eight bytes every PNG starts with.
const Signature = "\x89PNG\r\n\x1a\n"

// AppendChunk appends a PNG chunk: the data's length, the type, the data and
// the CRC of type and data.
func AppendChunk(b []byte, typ string, data []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	n := len(b)
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[n:]))
}

// WriteChunk writes a PNG chunk to w without copying data; a buffered
// writer keeps the first error for its Flush.
func WriteChunk(w io.Writer, typ string, data []byte) error {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(data)))
	copy(hdr[4:], typ)
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:])
	crc.Write(data)
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], crc.Sum32())
	for _, p := range [][]byte{hdr[:], data, sum[:]} {
		if _, err := w.Write(p); err != nil {
			return err
		}
	}
	return nil
}
