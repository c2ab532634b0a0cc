package isbn

import (
	"fmt"
	"strings"

	"github.com/coverkit/coverkit/internal/fielderr"
)

// CodeInput is an ISBN and its add-on as a user writes them: the command
// line's --isbn, --price, --currency and --addon, or the web form's fields of
// the same names.
type CodeInput struct {
	ISBN     string
	Price    string // builds the add-on with Currency (default USD)
	Currency string
	Addon    string // the raw 5 digits, or "none" for no add-on
}

// Code is a validated ISBN with its add-on, ready to lay out as a barcode.
type Code struct {
	ISBN  ISBN
	Addon Addon  // zero: no add-on
	Line  string // the human-readable line, "ISBN 978-..."
	Note  string // why Line is not hyphenated, or empty
}

// FieldError is a problem with one input of a [CodeInput]: Field is "isbn",
// "price", "currency" or "addon"; the message names the flag as the
// command line spells it, which the web form shows too.
type FieldError = fielderr.Error

// ParseCode validates in. It returns nil (and no error) when no ISBN and
// nothing that needs one is given; the add-on defaults to [NoPrice]. A
// currency without a price is ignored here (a form may carry one); the
// command line refuses it.
func ParseCode(in CodeInput) (*Code, error) {
	if in.Price != "" && in.Addon != "" {
		return nil, fielderr.New("addon", nil, "--price and --addon: give one or the other (--addon is the raw 5 digits, --price builds them)")
	}
	if strings.TrimSpace(in.ISBN) == "" {
		if in.Price != "" || in.Addon != "" {
			return nil, fielderr.New("isbn", nil, "--isbn is required with --price or --addon")
		}
		if in.ISBN != "" {
			return nil, fielderr.New("isbn", nil, "--isbn: empty ISBN")
		}
		return nil, nil
	}
	i, err := Parse(in.ISBN)
	if err != nil {
		return nil, fielderr.New("isbn", err, "--isbn: %v", err)
	}
	c := &Code{ISBN: i}
	c.Line, c.Note = i.HumanReadable()
	switch {
	case in.Price != "":
		cur := in.Currency
		if cur == "" {
			cur = "USD"
		}
		if c.Addon, err = PriceAddon(in.Price, cur); err != nil {
			return nil, fielderr.New("price", err, "--price: %v", err)
		}
	case strings.EqualFold(strings.TrimSpace(in.Addon), "none"):
	case in.Addon != "":
		if c.Addon, err = ParseAddon(in.Addon); err != nil {
			return nil, fielderr.New("addon", err, "--addon: %v", err)
		}
	default:
		c.Addon = NoPrice
	}
	return c, nil
}

// String is e.g. "ISBN 978-1-913588-65-6 + add-on 51995 (US$19.95)".
func (c *Code) String() string {
	s := c.Line
	if !c.Addon.IsZero() {
		s += fmt.Sprintf(" + add-on %s (%s)", c.Addon, c.Addon.Describe())
	}
	return s
}
