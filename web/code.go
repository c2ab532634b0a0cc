package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/isbn"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
)

// bookCode is a validated ISBN with its add-on: the form's equivalent of the
// CLI's --isbn, --price, --currency and --addon, with the CLI's messages.
type bookCode struct {
	isbn  isbn.ISBN
	addon isbn.Addon // zero: no add-on
	line  string     // "ISBN 978-..."
	note  string
}

// parseCode returns nil when no ISBN is given.
func parseCode(f *form) (*bookCode, error) {
	price, currency, addon := f.get("price"), f.get("currency"), f.get("addon")
	if price != "" && addon != "" {
		return nil, badField("addon", "--price and --addon: give one or the other (--addon is the raw 5 digits, --price builds them)")
	}
	if strings.TrimSpace(f.get("isbn")) == "" {
		if price != "" || addon != "" {
			return nil, badField("isbn", "--isbn is required with --price or --addon")
		}
		return nil, nil
	}
	i, err := isbn.Parse(f.get("isbn"))
	if err != nil {
		return nil, badField("isbn", "--isbn: %v", err)
	}
	b := &bookCode{isbn: i}
	b.line, b.note = i.HumanReadable()
	switch {
	case price != "":
		if currency == "" {
			currency = "USD"
		}
		a, err := isbn.PriceAddon(price, currency)
		if err != nil {
			return nil, badField("price", "--price: %v", err)
		}
		b.addon = a
	case strings.EqualFold(addon, "none"):
	case addon != "":
		a, err := isbn.ParseAddon(addon)
		if err != nil {
			return nil, badField("addon", "--addon: %v", err)
		}
		b.addon = a
	default:
		b.addon = isbn.NoPrice
	}
	return b, nil
}

// describe is e.g. "ISBN 978-1-913588-65-6 + add-on 51995 (US$19.95)".
func (b *bookCode) describe() string {
	s := b.line
	if !b.addon.IsZero() {
		s += fmt.Sprintf(" + add-on %s (%s)", b.addon, b.addon.Describe())
	}
	return s
}

func (b *bookCode) symbol(mag float64) (*barcode.Symbol, error) {
	return barcode.New(b.isbn.String(), b.addon.String(), barcode.Options{Magnification: mag, Line: b.line})
}

// symbolFor is the barcode at the largest size up to 100% that fits l's
// barcode box: render.FitBarcode, the rule the CLI's template --isbn uses.
func (b *bookCode) symbolFor(l *spine.Layout) (*barcode.Symbol, error) {
	sym, _, err := render.FitBarcode(l, b.isbn, b.addon)
	if err != nil {
		return nil, &apiError{Status: http.StatusUnprocessableEntity, Field: "isbn", Msg: fmt.Sprintf("%s: %v", l.PrinterName, err),
			Hints: []string{"try add-on none to drop the add-on, or place the barcode yourself"}}
	}
	return sym, nil
}
