package pngdpi

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/png"
	"testing"
)

func TestInsert(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	out, err := Insert(buf.Bytes(), 300)
	if err != nil {
		t.Fatal(err)
	}
	// Still a valid PNG (image/png checks every CRC) of the same size.
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil || img.Bounds().Dx() != 3 {
		t.Fatalf("decode: %v", err)
	}
	i := bytes.Index(out, []byte("pHYs"))
	if i != 37 {
		t.Fatalf("pHYs at %d, want right after IHDR (37)", i)
	}
	if ppm := binary.BigEndian.Uint32(out[i+4:]); ppm != 11811 { // 300 / 0.0254
		t.Errorf("pixels per metre = %d, want 11811", ppm)
	}
	if _, err := Insert([]byte("not a png"), 300); err == nil {
		t.Error("no error for a non-PNG")
	}
}
