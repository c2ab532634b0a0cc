// Package pngdpi records a PNG's resolution in its pHYs chunk, which Go's
// image/png encoder does not write, so that raster editors open templates and
// barcodes at their real physical size.
package pngdpi

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
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
	chunk := make([]byte, 0, 21)
	chunk = binary.BigEndian.AppendUint32(chunk, 9)
	chunk = append(chunk, "pHYs"...)
	chunk = append(chunk, Data(dpi)...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	at := sigLen + ihdrLen
	out := make([]byte, 0, len(p)+len(chunk))
	out = append(out, p[:at]...)
	out = append(out, chunk...)
	return append(out, p[at:]...), nil
}
