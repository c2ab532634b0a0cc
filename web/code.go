package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/coverkit/coverkit/barcode"
	"github.com/coverkit/coverkit/isbn"
	"github.com/coverkit/coverkit/render"
	"github.com/coverkit/coverkit/spine"
)

// bookCode is a validated ISBN with its add-on: the form's equivalent of the
// CLI's --isbn, --price, --currency and --addon, with the CLI's messages.
type bookCode struct{ isbn.Code }

// parseCode returns nil when no ISBN is given; the rules and messages are
// isbn.ParseCode's, which the CLI's flags share.
func parseCode(f *form) (*bookCode, error) {
	c, err := isbn.ParseCode(isbn.CodeInput{ISBN: f.get("isbn"), Price: f.get("price"), Currency: f.get("currency"), Addon: f.get("addon")})
	var fe *isbn.FieldError
	if errors.As(err, &fe) {
		return nil, badField(fe.Field, "%s", fe.Msg)
	}
	if err != nil || c == nil {
		return nil, err
	}
	return &bookCode{*c}, nil
}

// symbolFor is the barcode at the largest size up to 100% that fits l's
// barcode box: render.FitBarcode, the rule the CLI's template --isbn uses.
func (b *bookCode) symbolFor(l *spine.Layout) (*barcode.Symbol, error) {
	sym, _, err := render.FitBarcode(l, b.ISBN, b.Addon)
	if err != nil {
		return nil, &apiError{Status: http.StatusUnprocessableEntity, Field: "isbn", Msg: fmt.Sprintf("%s: %v", l.PrinterName, err),
			Hints: []string{"try add-on none to drop the add-on, or place the barcode yourself"}}
	}
	return sym, nil
}
