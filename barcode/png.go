package barcode

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// PNG resolution limits: below 150 dpi a 0.33 mm module is under 2 pixels.
const (
	MinDPI = 150
	MaxDPI = 2400
)

// WritePNG rasterises the symbol at dpi as an 8-bit grey PNG with the
// resolution recorded in a pHYs chunk. Bar edges are snapped to whole pixels,
// so bars are pure black on pure white with no grey fringe; each edge is off
// by at most half a pixel, which never accumulates. Text is anti-aliased.
func (s *Symbol) WritePNG(w io.Writer, dpi int) error {
	if s == nil || s.Width <= 0 || s.Height <= 0 {
		return fmt.Errorf("barcode: png: empty symbol")
	}
	if dpi < MinDPI || dpi > MaxDPI {
		return fmt.Errorf("barcode: png: resolution %d dpi: must be %d-%d", dpi, MinDPI, MaxDPI)
	}
	r := float64(dpi)
	px := func(in float64) int { return int(math.Round(in * r)) }
	img := image.NewGray(image.Rect(0, 0, int(math.Ceil(s.Width*r)), int(math.Ceil(s.Height*r))))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	for _, b := range s.Bars {
		rect := image.Rect(px(b.X), px(b.Y), px(b.X+b.W), px(b.Y+b.H))
		draw.Draw(img, rect, image.Black, image.Point{}, draw.Src)
	}
	fnt, err := opentype.Parse(gomono.TTF)
	if err != nil {
		return fmt.Errorf("barcode: png: font: %w", err)
	}
	faces := map[float64]font.Face{}
	for _, t := range s.Texts {
		face, ok := faces[t.Size]
		if !ok {
			face, err = opentype.NewFace(fnt, &opentype.FaceOptions{Size: t.Size, DPI: r, Hinting: font.HintingNone})
			if err != nil {
				return fmt.Errorf("barcode: png: font: %w", err)
			}
			faces[t.Size] = face
		}
		d := &font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face}
		x := fixed.Int26_6(math.Round(t.X * r * 64))
		switch t.Align {
		case "center":
			x -= d.MeasureString(t.Value) / 2
		case "right":
			x -= d.MeasureString(t.Value)
		}
		d.Dot = fixed.Point26_6{X: x, Y: fixed.Int26_6(math.Round(t.Y * r * 64))}
		d.DrawString(t.Value)
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img); err != nil {
		return fmt.Errorf("barcode: png: %w", err)
	}
	out, err := withPHYs(buf.Bytes(), dpi)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// withPHYs inserts a pHYs chunk (pixels per metre) after IHDR, which Go's
// encoder does not write.
func withPHYs(p []byte, dpi int) ([]byte, error) {
	const sigLen, ihdrLen = 8, 8 + 13 + 4 // signature; IHDR length+type, data, CRC
	if len(p) < sigLen+ihdrLen || string(p[12:16]) != "IHDR" {
		return nil, fmt.Errorf("barcode: png: unexpected encoder output")
	}
	ppm := uint32(math.Round(float64(dpi) / 0.0254))
	chunk := make([]byte, 0, 21)
	chunk = binary.BigEndian.AppendUint32(chunk, 9)
	chunk = append(chunk, "pHYs"...)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = append(chunk, 1) // unit: metre
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	at := sigLen + ihdrLen
	out := make([]byte, 0, len(p)+len(chunk))
	out = append(out, p[:at]...)
	out = append(out, chunk...)
	return append(out, p[at:]...), nil
}
