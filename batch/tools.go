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
)

// Interior is what batch needs from an interior PDF.
type Interior struct {
	Pages int
	// Trim is the first page's trim (see [ReadInterior]), in inches; nil
	// when unknown.
	Trim *paper.TrimSpec
}

// Renderer lays out one template, to be written once per format asked for;
// nil in [Tools] means [render.NewTemplate].
type Renderer func(l *spine.Layout, o render.Options) (Template, error)

// Template writes a laid-out template in one format ("pdf", "svg", "png");
// *render.Template is one.
type Template interface {
	Write(w io.Writer, format string) error
}

// Tools are the pieces batch plugs together. Catalog is required; the
// others have defaults.
type Tools struct {
	Catalog *paper.Catalog
	// Version is the coverkit version, part of every book's input hash.
	Version string
	// Render lays out a template; nil means [render.NewTemplate].
	Render Renderer
	// Interior reads an interior PDF; nil means [ReadInterior] with Catalog.
	Interior func(path string) (Interior, error)
	// ISBN validates an ISBN as written; nil means [isbn.Parse].
	ISBN func(raw string) (isbn.ISBN, error)
	// Barcode lays out the barcode of an ISBN with a price add-on to fit the
	// layout's barcode box; nil means [Bookland].
	Barcode func(id isbn.ISBN, addon isbn.Addon, l *spine.Layout) (*barcode.Symbol, error)
	// DPI is passed to raster renderers; 0 means the renderer's default.
	DPI int
}

// ReadInterior reads an interior PDF's page count and trim with
// [preflight.ReadInteriorFile], the reader every command uses: the first
// page's TrimBox, else its MediaBox less the bleed detected against cat's
// trims.
func ReadInterior(path string, cat *paper.Catalog) (Interior, error) {
	ro := preflight.InteriorOptions{Known: preflight.KnownTrims(cat)}
	info, err := preflight.ReadInteriorFile(context.Background(), path, ro)
	if err != nil {
		return Interior{}, fmt.Errorf("%s: %w", path, err)
	}
	in := Interior{Pages: info.Pages}
	if info.Trim.W.Sign() > 0 && info.Trim.H.Sign() > 0 {
		t := info.Trim.Spec()
		in.Trim = &t
	}
	return in, nil
}

// Bookland lays out the Bookland EAN-13 of an ISBN with its EAN-5 price
// add-on (isbn.NoPrice, 90000, when the book has no price) and the
// "ISBN 978-..." line, fitted to l's barcode box by [render.FitBarcode], as
// the template command does.
func Bookland(id isbn.ISBN, addon isbn.Addon, l *spine.Layout) (*barcode.Symbol, error) {
	s, _, err := render.FitBarcode(l, id, addon)
	return s, err
}
