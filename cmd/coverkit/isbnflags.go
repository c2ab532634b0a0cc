package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/isbn"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
	"github.com/spf13/cobra"
)

// isbnFlags are the ISBN and price add-on flags shared by barcode and template.
type isbnFlags struct {
	isbn      string
	price     string
	currency  string
	addon     string
	noBarcode bool // template only
}

func (f *isbnFlags) register(c *cobra.Command, withNoBarcode bool) {
	fl := c.Flags()
	fl.StringVar(&f.isbn, "isbn", "", "ISBN-13 or ISBN-10, hyphens and an \"ISBN\" label allowed (e.g. 978-1-913588-65-6)")
	fl.StringVar(&f.price, "price", "", "retail price for the add-on, e.g. 19.95 (0.01-99.98)")
	fl.StringVar(&f.currency, "currency", "", "currency of --price: "+strings.Join(isbn.Currencies(), ", ")+" (default USD)")
	fl.StringVar(&f.addon, "addon", "", "raw 5-digit add-on (90000 = no price, 59999 = US$99.99 or more), or none for no add-on (default 90000)")
	if withNoBarcode {
		fl.BoolVar(&f.noBarcode, "no-barcode", false, "draw no barcode (the box stays clear, e.g. for KDP, which prints its own); --isbn is still checked")
	}
}

// bookCode is a validated ISBN with its add-on, ready to lay out.
type bookCode struct{ isbn.Code }

// parse validates the flags; it returns nil when --isbn is not given.
// Malformed input is a usage error (exit 2). The rules are isbn.ParseCode's,
// which the web form shares.
func (f *isbnFlags) parse() (*bookCode, error) {
	if f.currency != "" && f.price == "" {
		return nil, usageErr("--currency %s: needs --price", f.currency)
	}
	if f.noBarcode && (f.price != "" || f.addon != "") {
		return nil, usageErr("--no-barcode: --price and --addon have no effect without a barcode")
	}
	c, err := isbn.ParseCode(isbn.CodeInput{ISBN: f.isbn, Price: f.price, Currency: f.currency, Addon: f.addon})
	if err != nil {
		return nil, usageErr("%w", err)
	}
	if c == nil {
		return nil, nil
	}
	return &bookCode{*c}, nil
}

// symbolFor lays the barcode out at the largest magnification (at most 100 %)
// that fits the layout's barcode box. A box too small even at 80 % is an
// error the printer's request cannot meet (exit 1).
func (b *bookCode) symbolFor(l *spine.Layout) (*barcode.Symbol, error) {
	s, _, err := render.FitBarcode(l, b.ISBN, b.Addon)
	if err != nil {
		return nil, failErr(fmt.Errorf("%s: %w", l.PrinterName, err), "try --addon none to drop the add-on, or place the barcode yourself with 'coverkit barcode'")
	}
	return s, nil
}

// forTemplate is the barcode for l's template, with a line saying what was
// drawn; nil when there is no ISBN or with --no-barcode.
func (b *bookCode) forTemplate(w io.Writer, noBarcode bool, l *spine.Layout) (*barcode.Symbol, error) {
	if b == nil {
		return nil, nil
	}
	if noBarcode {
		fmt.Fprintf(w, "  no barcode (--no-barcode): %s\n", b.Line)
		return nil, nil
	}
	s, err := b.symbolFor(l)
	if err != nil || s == nil {
		return s, err
	}
	fmt.Fprintf(w, "  barcode %s at %.0f%% (%.3f x %.3f in)\n", b.String(), s.Magnification*100, s.Width, s.Height)
	if b.Note != "" {
		fmt.Fprintf(w, "  note: %s\n", b.Note)
	}
	return s, nil
}

var errNoISBN = errors.New("--isbn is required (e.g. --isbn 978-1-913588-65-6)")
