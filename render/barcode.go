package render

import (
	"fmt"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/isbn"
	"github.com/coverkit/coverkit/spine"
)

// FitBarcode lays out the Bookland barcode of i with its add-on a (the zero
// Addon for none) for l's barcode box, at the largest magnification up to
// 100 % at which it fits: above 100 % only takes more of the back cover. It
// is the one fitting rule for every template: the template command, batch and
// the web page call it. It returns a nil symbol when l has no barcode box and
// fails with [barcode.ErrDoesNotFit] when even 80 % is too large. note is
// non-empty when the ISBN line could not be hyphenated.
func FitBarcode(l *spine.Layout, i isbn.ISBN, a isbn.Addon) (s *barcode.Symbol, note string, err error) {
	z, ok := l.Zone(spine.ZoneBarcode)
	if !ok {
		return nil, "", nil
	}
	line, _ := i.HumanReadable()
	mag, err := barcode.FitMagnification(z.W.InexactFloat64(), z.H.InexactFloat64(), line, !a.IsZero())
	if err != nil {
		return nil, "", err
	}
	return barcode.Bookland(i, a, min(mag, 1))
}

// checkBarcode refuses a symbol larger than l's barcode box: the template
// draws it at its size, centred, never scaled (scaling would change the
// magnification the caller chose).
func checkBarcode(l *spine.Layout, s *barcode.Symbol) error {
	if s == nil {
		return nil
	}
	z, ok := l.Zone(spine.ZoneBarcode)
	if !ok {
		return nil
	}
	const eps = 1e-9
	if w, h := z.W.InexactFloat64(), z.H.InexactFloat64(); s.Width > w+eps || s.Height > h+eps {
		return fmt.Errorf("%w: %.3f x %.3f in in a %.3f x %.3f in box", ErrBarcodeSize, s.Width, s.Height, w, h)
	}
	return nil
}
