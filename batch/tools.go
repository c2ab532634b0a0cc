package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

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

// Tools are the pieces batch plugs together. Catalog and at least one
// renderer are required; the others have defaults.
type Tools struct {
	Catalog *paper.Catalog
	// Version is the coverkit version, part of every book's input hash.
	Version string
	// Render lays out a template; nil means [render.NewTemplate].
	Render Renderer
	// Interior reads an interior PDF; nil means [ReadInterior] with Catalog.
	Interior func(path string) (Interior, error)
	// ISBN validates an ISBN as written and returns its ISBN-13 digits; nil
	// means [CheckISBN].
	ISBN func(raw string) (string, error)
	// Barcode lays out the barcode of an ISBN-13 with the price add-on
	// (price "19.95 USD", or "" for 90000, no price) to fit the layout's
	// barcode box; nil means [Bookland].
	Barcode func(isbn13, price string, l *spine.Layout) (*barcode.Symbol, error)
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

// CheckISBN validates an ISBN with [isbn.Parse] and returns its ISBN-13
// digits.
func CheckISBN(raw string) (string, error) {
	i, err := isbn.Parse(raw)
	if err != nil {
		return "", err
	}
	return i.String(), nil
}

// errPrice marks barcode errors caused by the price.
var errPrice = errors.New("price add-on")

// Bookland lays out the Bookland EAN-13 of isbn13 with its EAN-5 price
// add-on (90000, "no price", when price is empty) and the "ISBN 978-..." line,
// at the largest magnification up to 100 % that fits l's barcode box, as the
// template command does. A price the add-on cannot encode (a currency other
// than USD, CAD, GBP, AUD or NZD, or 99.99 and over) is an error: drop the
// price to print 90000.
func Bookland(isbn13, price string, l *spine.Layout) (*barcode.Symbol, error) {
	i, err := isbn.Parse(isbn13)
	if err != nil {
		return nil, err
	}
	addon := isbn.NoPrice
	if price != "" {
		amount, cur, _ := strings.Cut(price, " ")
		if addon, err = isbn.PriceAddon(amount, cur); err != nil {
			return nil, fmt.Errorf("%w: %v", errPrice, err)
		}
	}
	s, _, err := render.FitBarcode(l, i, addon)
	return s, err
}
