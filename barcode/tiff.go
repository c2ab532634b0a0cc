package barcode

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"image"
	"io"

	"github.com/coverkit/coverkit/internal/pngdpi"
)

// Raster barcodes are greyscale, never RGB: a grey image converts to the K
// plate alone, while RGB black becomes four-colour rich black in a CMYK
// conversion, which printers reject for barcodes. Depth 8 keeps the text
// anti-aliased; depth 1 is pure black and white (a "bitmap" image), which
// some printers prefer for barcodes.

// ErrDepth is returned for a bit depth other than 1 or 8.
var ErrDepth = fmt.Errorf("barcode: bit depth must be 1 or 8")

// packRow packs one row of a bilevel image, 8 pixels a byte, most
// significant bit first; white is 1 when whiteIsOne.
func packRow(row []byte, dst []byte, whiteIsOne bool) {
	clear(dst)
	for x, v := range row {
		if (v >= 128) == whiteIsOne {
			dst[x/8] |= 0x80 >> (x % 8)
		}
	}
}

// WritePNGDepth writes the symbol as a greyscale PNG of the given bit depth
// (8, as [Symbol.WritePNG], or 1) with the resolution recorded (pHYs).
func (s *Symbol) WritePNGDepth(w io.Writer, dpi, depth int) error {
	switch depth {
	case 8:
		return s.WritePNG(w, dpi)
	case 1:
	default:
		return ErrDepth
	}
	img, err := s.Gray(dpi)
	if err != nil {
		return fmt.Errorf("barcode: png: %w", err)
	}
	b := img.Rect
	var idat bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&idat, zlib.BestCompression)
	row := make([]byte, 1+(b.Dx()+7)/8)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		packRow(img.Pix[img.PixOffset(b.Min.X, y):][:b.Dx()], row[1:], true) // grey 1-bit: 1 is white
		zw.Write(row)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("barcode: png: %w", err)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(pngdpi.Signature)
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(b.Dx()))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(b.Dy()))
	ihdr[8], ihdr[9] = 1, 0 // 1 bit, greyscale
	pngdpi.WriteChunk(bw, "IHDR", ihdr)
	pngdpi.WriteChunk(bw, "pHYs", pngdpi.Data(dpi))
	pngdpi.WriteChunk(bw, "IDAT", idat.Bytes())
	pngdpi.WriteChunk(bw, "IEND", nil)
	return bw.Flush()
}

// WriteTIFF writes the symbol as a baseline TIFF at dpi, greyscale of the
// given bit depth (8, anti-aliased text; or 1, black and white), black is
// zero, uncompressed, with its resolution recorded (XResolution,
// YResolution, ResolutionUnit inch).
func (s *Symbol) WriteTIFF(w io.Writer, dpi, depth int) error {
	if depth != 1 && depth != 8 {
		return ErrDepth
	}
	img, err := s.Gray(dpi)
	if err != nil {
		return fmt.Errorf("barcode: tiff: %w", err)
	}
	data := tiffStrip(img, depth)
	out := tiffFile(img.Rect.Dx(), img.Rect.Dy(), dpi, depth, data)
	_, err = w.Write(out)
	return err
}

// tiffStrip returns the image's rows as one uncompressed strip: a byte per
// pixel at depth 8, or eight pixels a byte, white as 1, at depth 1.
func tiffStrip(img *image.Gray, depth int) []byte {
	b := img.Rect
	var data []byte
	if depth == 8 {
		for y := b.Min.Y; y < b.Max.Y; y++ {
			data = append(data, img.Pix[img.PixOffset(b.Min.X, y):][:b.Dx()]...)
		}
	} else {
		row := make([]byte, (b.Dx()+7)/8)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			packRow(img.Pix[img.PixOffset(b.Min.X, y):][:b.Dx()], row, true) // BlackIsZero: white is 1
			data = append(data, row...)
		}
	}
	return data
}

// tiffFile returns a little-endian baseline TIFF holding data as one strip:
// header, one IFD, the resolution rationals, the Software string, the strip.
func tiffFile(width, height, dpi, depth int, data []byte) []byte {
	software := []byte("coverkit\x00")
	type entry struct {
		tag, typ uint16
		count    uint32
		value    uint32 // the value, or the offset of the values
	}
	const (
		tShort    = 3
		tLong     = 4
		tRational = 5
		tASCII    = 2
	)
	const nTags = 13
	// Layout: header (8), IFD (2 + 12*nTags + 4), resolution rationals (16),
	// software string, then the image data.
	ifdOff := uint32(8)
	resOff := ifdOff + 2 + 12*nTags + 4
	swOff := resOff + 16
	dataOff := swOff + uint32(len(software))
	if dataOff%2 == 1 {
		dataOff++
	}
	entries := []entry{
		{256, tLong, 1, uint32(width)},              // ImageWidth
		{257, tLong, 1, uint32(height)},             // ImageLength
		{258, tShort, 1, uint32(depth)},             // BitsPerSample
		{259, tShort, 1, 1},                         // Compression: none
		{262, tShort, 1, 1},                         // PhotometricInterpretation: BlackIsZero
		{273, tLong, 1, dataOff},                    // StripOffsets
		{277, tShort, 1, 1},                         // SamplesPerPixel
		{278, tLong, 1, uint32(height)},             // RowsPerStrip: one strip
		{279, tLong, 1, uint32(len(data))},          // StripByteCounts
		{282, tRational, 1, resOff},                 // XResolution
		{283, tRational, 1, resOff + 8},             // YResolution
		{296, tShort, 1, 2},                         // ResolutionUnit: inch
		{305, tASCII, uint32(len(software)), swOff}, // Software
	}
	if len(entries) != nTags {
		panic("barcode: tiff: tag count")
	}
	var out bytes.Buffer
	le := binary.LittleEndian
	out.WriteString("II*\x00")
	binary.Write(&out, le, ifdOff)
	binary.Write(&out, le, uint16(nTags))
	for _, e := range entries {
		binary.Write(&out, le, e.tag)
		binary.Write(&out, le, e.typ)
		binary.Write(&out, le, e.count)
		if e.typ == tShort {
			binary.Write(&out, le, uint16(e.value))
			binary.Write(&out, le, uint16(0))
		} else {
			binary.Write(&out, le, e.value)
		}
	}
	binary.Write(&out, le, uint32(0)) // no next IFD
	for range 2 {
		binary.Write(&out, le, uint32(dpi))
		binary.Write(&out, le, uint32(1))
	}
	out.Write(software)
	for uint32(out.Len()) < dataOff {
		out.WriteByte(0)
	}
	out.Write(data)
	return out.Bytes()
}
