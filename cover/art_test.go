package cover_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coverkit/coverkit/cover"
	"github.com/coverkit/coverkit/internal/userfile"
)

const fixtures = "../fixtures/art"

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pngHeader is a PNG whose IHDR claims w x h, with a valid CRC and no data.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	binary.Write(&b, binary.BigEndian, uint32(13))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// jpegHeader is the start of a baseline JPEG claiming w x h.
func jpegHeader(w, h uint16) []byte {
	sof := []byte{0xFF, 0xC0, 0, 17, 8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1}
	return append([]byte{0xFF, 0xD8}, sof...)
}

func TestReadArtErrors(t *testing.T) {
	full := readFixture(t, "front.jpg")
	pngFull := encodePNG(t, image.NewRGBA(image.Rect(0, 0, 40, 30)))
	for _, tc := range []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"empty.jpg", nil, cover.ErrDamaged, "the file is empty"},
		{"notes.txt", []byte("hello"), cover.ErrFormat, "want PNG, JPEG, TIFF or a one-page PDF"},
		{"cut.jpg", full[:len(full)/2], cover.ErrDamaged, "truncated"},
		{"head.jpg", full[:300], cover.ErrDamaged, ""},
		{"cut.png", pngFull[:len(pngFull)-20], cover.ErrDamaged, "cannot decode the png"},
		{"huge.png", pngHeader(40000, 100), cover.ErrTooLarge, "40000 x 100 px is over the 30000 px limit"},
		{"huge.jpg", append(jpegHeader(100, 65000), 0xFF, 0xDA, 0, 2, 0xFF, 0xD9), cover.ErrTooLarge, "over the 30000 px limit"},
		{"megapixels.png", pngHeader(20000, 20000), cover.ErrTooLarge, "megapixel limit"},
		{"memory.png", pngHeader(14000, 13000), cover.ErrTooLarge, "MB of memory to decode"},
		{"two-pages.pdf", readFixture(t, "two-pages.pdf"), cover.ErrPages, "it has 2 pages"},
		{"encrypted.pdf", readFixture(t, "encrypted.pdf"), cover.ErrEncrypted, "save it without security"},
		{"broken.pdf", []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"), cover.ErrDamaged, ""},
		{"cut.tif", []byte("II*\x00\x08\x00\x00\x00\x01\x00"), cover.ErrDamaged, "tiff"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cover.ReadArt(tc.name, tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), tc.name+": ") || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("message %q: want the file named first and %q", err, tc.msg)
			}
		})
	}
}

func TestReadArtFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := cover.ReadArtFile(filepath.Join(dir, "missing.jpg")); err == nil || !strings.Contains(err.Error(), "missing.jpg: no such file") {
		t.Errorf("missing: %v", err)
	}
	if _, err := cover.ReadArtFile(dir); !errors.Is(err, userfile.ErrNotRegular) {
		t.Errorf("directory: %v", err)
	}
}

func TestReadArtKinds(t *testing.T) {
	// 16-bit and interlaced PNG (the fixture is both), alpha flattened.
	a, err := cover.ReadArt("interlaced.png", readFixture(t, "interlaced.png"))
	if err != nil {
		t.Fatal(err)
	}
	if a.PxW != 64 || a.PxH != 48 || a.Model != cover.ModelRGB {
		t.Errorf("interlaced 16-bit PNG read as %d x %d %s", a.PxW, a.PxH, a.Model)
	}
	if !strings.Contains(strings.Join(a.Notes, ";"), "16-bit") {
		t.Errorf("notes %v do not say the 16 bits were reduced", a.Notes)
	}
	m := image.NewNRGBA64(image.Rect(0, 0, 8, 8))
	m.Set(1, 1, color.NRGBA64{0xffff, 0, 0, 0x8000})
	var b bytes.Buffer
	png.Encode(&b, m)
	a, err = cover.ReadArt("alpha16.png", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(a.Notes, ";"), "flattened onto white") {
		t.Errorf("notes %v do not say transparency was flattened", a.Notes)
	}
	g := image.NewGray(image.Rect(0, 0, 4, 4))
	if a = mustRead(t, "grey.png", encodePNG(t, g)); a.Model != cover.ModelGray {
		t.Errorf("grey PNG is %s", a.Model)
	}
	var gj bytes.Buffer
	jpeg.Encode(&gj, image.NewGray(image.Rect(0, 0, 16, 16)), nil)
	if a = mustRead(t, "grey.jpg", gj.Bytes()); a.Model != cover.ModelGray {
		t.Errorf("grey JPEG is %s", a.Model)
	}
	for name, model := range map[string]string{"front.jpg": cover.ModelRGB, "front-cmyk.jpg": cover.ModelCMYK, "vector.pdf": cover.ModelRGB} {
		if a := mustRead(t, name, readFixture(t, name)); a.Model != model {
			t.Errorf("%s is %s, want %s", name, a.Model, model)
		}
	}
	if a := mustRead(t, "vector.pdf", readFixture(t, "vector.pdf")); a.Raster() || a.PtW < 368 || a.PtW > 370 {
		t.Errorf("vector.pdf: raster %v, %.1f pt wide (want 369)", a.Raster(), a.PtW)
	}
}

func mustRead(t testing.TB, name string, b []byte) *cover.Art {
	t.Helper()
	a, err := cover.ReadArt(name, b)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestParseColor(t *testing.T) {
	for in, want := range map[string]string{"#1d3557": "#1d3557", "#FFF": "#ffffff", "cmyk(0,20,100,0)": "cmyk(0,20,100,0)", "CMYK(0%, 20%, 100%, 0%)": "cmyk(0,20,100,0)", "gray(80)": "gray(80)", "white": "cmyk(0,0,0,0)", "black": "cmyk(0,0,0,100)"} {
		c, err := cover.ParseColor(in)
		if err != nil || c.String() != want {
			t.Errorf("ParseColor(%q) = %v, %v; want %s", in, c, err, want)
		}
	}
	for _, in := range []string{"", "red", "#12345", "#gggggg", "cmyk(0,0,0)", "cmyk(0,0,0,101)", "rgb(1,2,3)", "cmyk(a,b,c,d)", "gray(-1)"} {
		if _, err := cover.ParseColor(in); !errors.Is(err, cover.ErrColor) {
			t.Errorf("ParseColor(%q): %v, want ErrColor", in, err)
		}
	}
}

// FuzzReadArt: no input makes the art readers panic or return art without a size.
func FuzzReadArt(f *testing.F) {
	f.Add(pngHeader(10, 10))
	f.Add(jpegHeader(10, 10))
	for _, n := range []string{"interlaced.png", "vector.pdf", "two-pages.pdf"} {
		b, err := os.ReadFile(filepath.Join(fixtures, n))
		if err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("II*\x00\x08\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := cover.ReadArt("fuzz", data)
		if err != nil {
			return
		}
		if a.Raster() && (a.PxW <= 0 || a.PxH <= 0 || a.PxW > cover.MaxSide || a.PxH > cover.MaxSide) {
			t.Fatalf("art of %d x %d px accepted", a.PxW, a.PxH)
		}
		if !a.Raster() && !(a.PtW >= 1 && a.PtH >= 1) {
			t.Fatalf("PDF art of %.1f x %.1f pt accepted", a.PtW, a.PtH)
		}
	})
}
