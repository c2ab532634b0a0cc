package cover

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"path/filepath"
	"sync"

	"github.com/coverkit/coverkit/internal/userfile"
	"github.com/hhrutter/tiff"
)

// Art file formats.
const (
	FormatJPEG = "jpeg"
	FormatPNG  = "png"
	FormatTIFF = "tiff"
	FormatPDF  = "pdf"
)

// Colour models of art and colours.
const (
	ModelGray = "gray"
	ModelRGB  = "rgb"
	ModelCMYK = "cmyk"
)

// Limits on art. A side over MaxSide pixels is refused from the file header,
// before any pixel is decoded; decoded (PNG, TIFF) art is also bounded by
// MaxDecodedPixels, so a hostile header cannot exhaust memory.
const (
	MaxSide          = 30000
	MaxDecodedPixels = 200_000_000
	MaxDecodedBytes  = 1 << 30 // memory for one decoded image and its samples
	MaxArtBytes      = 1 << 30
)

// Sentinel errors for art that cannot be used. Every error [ReadArt] returns
// wraps one of them, inside an [*ArtError] naming the file.
var (
	ErrFormat    = errors.New("not a supported art format (want PNG, JPEG, TIFF or a one-page PDF)")
	ErrTooLarge  = errors.New("art too large")
	ErrDamaged   = errors.New("damaged or truncated file")
	ErrPages     = errors.New("art PDF must have exactly one page")
	ErrEncrypted = errors.New("encrypted PDF")
)

// ArtError is a problem with one art file.
type ArtError struct {
	File string // the file as given
	Err  error
}

func (e *ArtError) Error() string { return e.File + ": " + e.Err.Error() }
func (e *ArtError) Unwrap() error { return e.Err }

func artErr(name string, sentinel error, format string, args ...any) error {
	return &ArtError{File: name, Err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}

// Art is one piece of the designer's art, read and checked but not yet
// placed. Raster art keeps its pixels as they came (JPEG data is never
// decoded for placement); PDF art keeps its page as a form to draw as vector.
type Art struct {
	Name   string // the file name, for messages
	Format string // FormatJPEG, FormatPNG, FormatTIFF or FormatPDF
	Model  string // ModelGray, ModelRGB or ModelCMYK (PDF art: the strongest model its page uses)
	// PxW, PxH are the raster's pixel size (0 for PDF art).
	PxW, PxH int
	// PtW, PtH are PDF art's page size in points (0 for raster art).
	PtW, PtH float64
	// Notes say what was done to read it (alpha flattened, 16 bits reduced).
	Notes []string

	jpeg       []byte
	jpegInvert bool // Adobe CMYK JPEG: stored inverted
	raw        []byte
	comps      int
	img        image.Image // decoded pixels (PNG, TIFF), or lazily decoded JPEG
	imgOnce    sync.Once
	imgErr     error
	page       *pdfPage
	flate      []byte
}

// Raster reports whether the art is an image (not a PDF page).
func (a *Art) Raster() bool { return a.Format != FormatPDF }

// Aspect is width over height.
func (a *Art) Aspect() float64 {
	if a.Raster() {
		return float64(a.PxW) / float64(a.PxH)
	}
	return a.PtW / a.PtH
}

// ReadArtFile reads art from a regular file (not a directory, FIFO or
// device) of at most MaxArtBytes.
func ReadArtFile(name string) (*Art, error) {
	data, err := userfile.ReadFile(name, MaxArtBytes)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &ArtError{File: name, Err: fmt.Errorf("no such file")}
		}
		if errors.Is(err, fs.ErrPermission) {
			return nil, &ArtError{File: name, Err: fmt.Errorf("cannot read it: permission denied")}
		}
		return nil, err // userfile's errors name the file
	}
	return ReadArt(name, data)
}

// ReadArt reads art from its bytes; name is used in messages. The format is
// found from the content, not the name.
func ReadArt(name string, data []byte) (a *Art, err error) {
	defer func() {
		// The image decoders should never panic; if one does, the file is
		// damaged, not coverkit broken beyond use.
		if p := recover(); p != nil {
			a, err = nil, artErr(name, ErrDamaged, "the decoder failed (%v)", p)
		}
	}()
	if len(data) == 0 {
		return nil, artErr(name, ErrDamaged, "the file is empty")
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return readJPEG(name, data)
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return readDecoded(name, FormatPNG, data)
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return readDecoded(name, FormatTIFF, data)
	case bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")):
		return readPDFArt(name, data)
	}
	ext := filepath.Ext(name)
	if ext == "" {
		ext = "this file"
	}
	return nil, &ArtError{File: name, Err: fmt.Errorf("%w; %s is not one of them", ErrFormat, ext)}
}

func checkSide(name string, w, h int) error {
	if w <= 0 || h <= 0 {
		return artErr(name, ErrDamaged, "the header gives an image of %d x %d px", w, h)
	}
	if w > MaxSide || h > MaxSide {
		return artErr(name, ErrTooLarge, "%d x %d px is over the %d px limit on a side (a 6x9 in cover panel needs about 2,000 x 2,800 px at 300 ppi)", w, h, MaxSide)
	}
	return nil
}

// readDecoded reads a PNG or TIFF: the size from the header first, then the
// pixels, reduced to 8 bits per channel (PDF/X-1a:2001 is PDF 1.3, which has
// no 16-bit images) and flattened onto white where transparent (PDF/X-1a
// allows no transparency).
func readDecoded(name, format string, data []byte) (*Art, error) {
	var cfg image.Config
	var err error
	if format == FormatPNG {
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	} else {
		cfg, err = tiff.DecodeConfig(bytes.NewReader(data))
	}
	if err != nil {
		return nil, artErr(name, ErrDamaged, "cannot read the %s header: %v", format, err)
	}
	if err := checkSide(name, cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	px := int64(cfg.Width) * int64(cfg.Height)
	if px > MaxDecodedPixels {
		return nil, artErr(name, ErrTooLarge, "%d x %d px is over the %d-megapixel limit for decoded art; save it as JPEG (passed through without decoding) or reduce it", cfg.Width, cfg.Height, MaxDecodedPixels/1_000_000)
	}
	// The decoded image plus the 8-bit samples made from it.
	if need := px * int64(bytesPerPixel(cfg.ColorModel)+4); need > MaxDecodedBytes {
		return nil, artErr(name, ErrTooLarge, "%d x %d px would take %d MB of memory to decode (limit %d MB); save it as JPEG (passed through without decoding), at 8 bits per channel, or smaller", cfg.Width, cfg.Height, need>>20, MaxDecodedBytes>>20)
	}
	var img image.Image
	if format == FormatPNG {
		img, err = png.Decode(bytes.NewReader(data))
	} else {
		img, err = tiff.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, artErr(name, ErrDamaged, "cannot decode the %s: %v", format, err)
	}
	a := &Art{Name: name, Format: format, PxW: img.Bounds().Dx(), PxH: img.Bounds().Dy()}
	if err := checkSide(name, a.PxW, a.PxH); err != nil {
		return nil, err
	}
	a.raw, a.comps, a.Model, a.Notes = samples(img)
	a.img = img
	a.imgOnce.Do(func() {})
	return a, nil
}

// samples returns the image's pixels as 8-bit samples in its own colour
// model: grey stays grey, CMYK stays CMYK, everything else is RGB.
func samples(img image.Image) (raw []byte, comps int, model string, notes []string) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	switch m := img.(type) {
	case *image.Gray:
		raw = make([]byte, 0, w*h)
		for y := 0; y < h; y++ {
			o := m.PixOffset(b.Min.X, b.Min.Y+y)
			raw = append(raw, m.Pix[o:o+w]...)
		}
		return raw, 1, ModelGray, nil
	case *image.Gray16:
		raw = make([]byte, 0, w*h)
		for y := 0; y < h; y++ {
			o := m.PixOffset(b.Min.X, b.Min.Y+y)
			for x := 0; x < w; x++ {
				raw = append(raw, m.Pix[o+2*x])
			}
		}
		return raw, 1, ModelGray, []string{"16-bit grey reduced to 8 bits per channel"}
	case *image.CMYK:
		raw = make([]byte, 0, w*h*4)
		for y := 0; y < h; y++ {
			o := m.PixOffset(b.Min.X, b.Min.Y+y)
			raw = append(raw, m.Pix[o:o+4*w]...)
		}
		return raw, 4, ModelCMYK, nil
	}
	// RGB, with alpha flattened onto white.
	raw = make([]byte, w*h*3)
	transparent, deep := false, false
	switch img.ColorModel() {
	case color.RGBA64Model, color.NRGBA64Model, color.Gray16Model, color.Alpha16Model:
		deep = true
	}
	i := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, al := img.At(x, y).RGBA() // premultiplied, 16-bit
			if al != 0xffff {
				transparent = true
				// over white: c + (1 - a)
				r += 0xffff - al
				g += 0xffff - al
				bl += 0xffff - al
			}
			raw[i], raw[i+1], raw[i+2] = byte(r>>8), byte(g>>8), byte(bl>>8)
			i += 3
		}
	}
	if deep {
		notes = append(notes, "16-bit channels reduced to 8 bits")
	}
	if transparent {
		notes = append(notes, "transparent pixels flattened onto white (PDF/X-1a allows no transparency)")
	}
	return raw, 3, ModelRGB, notes
}

// bytesPerPixel is what Go's decoders allocate per pixel for a colour model.
func bytesPerPixel(m color.Model) int {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

// image returns the art's pixels, decoding JPEG art on first use (only for
// sampling a colour or measuring ink: placement never decodes it).
func (a *Art) image() (image.Image, error) {
	a.imgOnce.Do(func() {
		if a.Format == FormatJPEG {
			a.img, a.imgErr = jpeg.Decode(bytes.NewReader(a.jpeg))
			if a.imgErr != nil {
				a.imgErr = artErr(a.Name, ErrDamaged, "cannot decode the JPEG: %v", a.imgErr)
			}
		}
	})
	if a.img == nil && a.imgErr == nil {
		return nil, fmt.Errorf("%s: %s art has no pixels to sample", a.Name, a.Format)
	}
	return a.img, a.imgErr
}
