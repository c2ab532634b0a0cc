package batch

import (
	"context"
	"fmt"
	"io"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/isbn"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/preflight"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// Interior is what batch needs from an interior PDF.
type Interior struct {
	Pages int
	// Trim is the first page's trim box (or media box when the PDF has no
	// trim box), in inches; nil when unknown.
	Trim *paper.TrimSpec
}

// Renderer draws one template; render.PDF, render.SVG and render.PNG fit.
type Renderer func(w io.Writer, l *spine.Layout, o render.Options) error

// Tools are the pieces batch plugs together. Catalog and at least one
// renderer are required; the others have defaults.
type Tools struct {
	Catalog *paper.Catalog
	// Version is the coverkit version, part of every book's input hash.
	Version string
	// Renderers maps an output format ("pdf", "svg", "png") to its renderer.
	Renderers map[string]Renderer
	// Interior reads an interior PDF; nil means [ReadInterior].
	Interior func(path string) (Interior, error)
	// ISBN validates an ISBN as written and returns its ISBN-13 digits; nil
	// means [CheckISBN].
	ISBN func(raw string) (string, error)
	// Barcode lays out the EAN-13 (and EAN-5 price add-on when price is not
	// empty) for a canonical ISBN-13; nil means no barcode is drawn, although
	// the ISBN rules are still enforced.
	Barcode func(isbn13, price string) (*barcode.Symbol, error)
	// DPI is passed to raster renderers; 0 means the renderer's default.
	DPI int
}

// ReadInterior reads an interior PDF's page count and first-page trim with
// [preflight.ReadFile]. The trim is the first page's TrimBox, or its MediaBox
// when the PDF declares no TrimBox (an interior exported with bleed and no
// TrimBox then reads as trim plus bleed: give trim in the manifest for those).
func ReadInterior(path string) (Interior, error) {
	f, err := preflight.ReadFile(context.Background(), path, preflight.Options{})
	if err != nil {
		return Interior{}, fmt.Errorf("%s: %w", path, err)
	}
	in := Interior{Pages: f.PageCount}
	if len(f.Pages) > 0 {
		p := f.Pages[0]
		box := p.MediaBox
		if p.TrimBox != nil {
			box = *p.TrimBox
		}
		w, h := p.Size(box)
		if w > 0 && h > 0 {
			pt := decimal.NewFromFloat(preflight.PointsPerInch)
			wi := decimal.NewFromFloat(w).Div(pt).Round(3)
			hi := decimal.NewFromFloat(h).Div(pt).Round(3)
			in.Trim = &paper.TrimSpec{Raw: wi.String() + "x" + hi.String() + "in", Width: wi, Height: hi, Unit: paper.Inch}
		}
	}
	return in, nil
}

// CheckISBN validates an ISBN with [isbn.Parse] and returns its ISBN-13
// digits.
func CheckISBN(raw string) (string, error) {
	i, err := isbn.Parse(raw)
	if err != nil {
		return "", err
	}
	return i.String(), nil
}
