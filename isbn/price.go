package isbn

import (
	"errors"
	"fmt"
	"strings"

	"github.com/coverkit/coverkit/internal/plaindec"
	"github.com/shopspring/decimal"
)

// The 5-digit add-on (EAN-5) printed to the right of a book's EAN-13. In the
// Bookland convention its first digit names the currency and the other four
// are the price in hundredths:
//
//	5  US dollar         51995 = US$19.95
//	6  Canadian dollar   61995 = CA$19.95
//	0  British pound     01995 = £19.95 (1 is also assigned to sterling)
//	3  Australian dollar 31995 = A$19.95
//	4  New Zealand dollar 41995 = NZ$19.95
//	90000                no suggested retail price (BISG's recommended null code)
//	90001-98999          publishers' internal use
//	99000-99989          reserved for the book industry
//	99990-99999          reserved for the US National Association of College
//	                     Stores (99990 used book, 99991 desk copy)
//
// X9999 (59999 for dollars) marks a price of 99.99 or more that the add-on
// cannot hold, so the largest encodable price is 99.98. Sources: BISG,
// "Machine-Readable Coding Guidelines for the U.S. Book Industry" as summarised
// by Lightning Source/IngramSpark's help article "Cover Barcode Price
// Extension" (5 = US$, 51995 = $19.95, 90000 = no price) and by
// barcode-us.com's "ISBN Bookland EAN Supplemental Data" (currency digits
// 5/6/4/3/0-1, 59999 for $100 or more, 90000-98999 internal, 99000-99999
// reserved, NACS 99990/99991); retrieved 2026. [PriceAddon] writes only
// prices 0.01-99.98 with the currency's digit; anything else (59999,
// sterling's 1xxxx, internal codes) is given raw with [ParseAddon].

// Sentinel errors for add-ons.
var (
	ErrAddon    = errors.New("invalid add-on")
	ErrCurrency = errors.New("unknown currency")
	ErrPrice    = errors.New("invalid price")
)

// Currencies the price add-on can encode, with their leading digit.
var currencyDigit = map[string]byte{
	"USD": '5',
	"CAD": '6',
	"GBP": '0',
	"AUD": '3',
	"NZD": '4',
}

var currencyName = map[byte]string{
	'5': "US$", '6': "CA$", '0': "£", '1': "£", '3': "A$", '4': "NZ$",
}

// Currencies lists the currency codes [PriceAddon] accepts.
func Currencies() []string { return []string{"USD", "CAD", "GBP", "AUD", "NZD"} }

// Addon is a 5-digit EAN-5 add-on.
type Addon struct {
	code string
}

// NoPrice is the add-on 90000: no suggested retail price.
var NoPrice = Addon{code: "90000"}

// String returns the five digits.
func (a Addon) String() string { return a.code }

// IsZero reports whether a is the zero value (no add-on at all).
func (a Addon) IsZero() bool { return a.code == "" }

// ParseAddon accepts exactly five digits (surrounding spaces ignored).
func ParseAddon(s string) (Addon, error) {
	t := strings.TrimSpace(s)
	runes := []rune(t)
	for k, r := range runes {
		if k < 5 && (r < '0' || r > '9') {
			return Addon{}, fmt.Errorf("add-on %q: %w: character %d is not a digit: the add-on is exactly 5 digits (e.g. 51995 for US$19.95, 90000 for no price)", s, ErrAddon, k+1)
		}
	}
	if len(runes) != 5 {
		return Addon{}, fmt.Errorf("add-on %q: %w: %d characters: the add-on is exactly 5 digits (e.g. 51995 for US$19.95, 90000 for no price)", s, ErrAddon, len(runes))
	}
	return Addon{code: t}, nil
}

// PriceAddon encodes a price in one of [Currencies] (case-insensitive), e.g.
// ("19.95", "USD") -> 51995. The price has at most two decimal places and
// lies in 0.01-99.98, the range the four price digits can hold.
func PriceAddon(price, currency string) (Addon, error) {
	cur := strings.ToUpper(strings.TrimSpace(currency))
	d, ok := currencyDigit[cur]
	if !ok {
		return Addon{}, fmt.Errorf("currency %q: %w: the price add-on encodes %s; for another currency use --addon 90000 (no price)", currency, ErrCurrency, strings.Join(Currencies(), ", "))
	}
	t := strings.TrimSpace(price)
	p, err := plaindec.Parse(t)
	if err != nil || len(t) > 20 {
		return Addon{}, fmt.Errorf("price %q: %w: not a number (write it like 19.95: digits and one decimal point, no sign or exponent)", price, ErrPrice)
	}
	if p.Exponent() < -2 && !p.Equal(p.Round(2)) {
		return Addon{}, fmt.Errorf("price %q: %w: more than 2 decimal places", price, ErrPrice)
	}
	min, max := decimal.New(1, -2), decimal.New(9998, -2)
	if p.LessThan(min) {
		return Addon{}, fmt.Errorf("price %q: %w: must be at least 0.01; use --addon 90000 for no price", price, ErrPrice)
	}
	if p.GreaterThan(max) {
		return Addon{}, fmt.Errorf("price %q %s: %w: the add-on holds at most 99.98; for 99.99 or more the convention is --addon %c9999, or --addon 90000 for no price", price, cur, ErrPrice, d)
	}
	cents := p.Shift(2).IntPart()
	return Addon{code: fmt.Sprintf("%c%04d", d, cents)}, nil
}

// Describe says what the add-on means under the Bookland convention, e.g.
// "US$19.95", "no price", "US$99.99 or more".
func (a Addon) Describe() string {
	c := a.code
	if len(c) != 5 {
		return ""
	}
	switch {
	case c == "90000":
		return "no suggested retail price"
	case c >= "90001" && c <= "98999":
		return "publisher's internal code"
	case c >= "99990":
		return "reserved for college stores (NACS)"
	case c >= "99000":
		return "reserved for the book industry"
	}
	name, ok := currencyName[c[0]]
	if !ok {
		return "no currency is assigned to leading digit " + c[:1]
	}
	if c[1:] == "9999" {
		return name + "99.99 or more"
	}
	whole := strings.TrimLeft(c[1:3], "0")
	if whole == "" {
		whole = "0"
	}
	if c[0] == '1' {
		return "£ price code " + c + " (sterling, leading 1)"
	}
	return name + whole + "." + c[3:]
}
