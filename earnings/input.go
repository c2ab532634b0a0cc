package earnings

import (
	"errors"
	"fmt"
	"strings"

	"github.com/coverkit/coverkit/internal/plaindec"
	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

// ErrBadInput is wrapped by every error about malformed input (a price, a
// currency, a percentage).
var ErrBadInput = errors.New("malformed input")

// maxPrice bounds any price: no book lists for a million in any currency the
// catalogue knows, and the bound keeps the arithmetic far inside its range.
var maxPrice = decimal.NewFromInt(1000000)

// Price is an amount of money in a currency.
type Price struct {
	Amount   decimal.Decimal
	Currency string // ISO 4217, upper case
}

func (p Price) String() string {
	places, _ := paper.CurrencyPlaces(p.Currency)
	return p.Amount.StringFixed(places) + " " + p.Currency
}

// ParsePrice reads an amount ("14.99") and a currency ("USD", "usd"): a
// positive plain decimal with no more places than the currency's minor unit.
func ParsePrice(amount, currency string) (Price, error) {
	p, err := parseMoney(amount, currency)
	if err != nil {
		return Price{}, err
	}
	d, cur := p.Amount, p.Currency
	if !d.IsPositive() {
		return Price{}, fmt.Errorf("%w: %q is not a positive amount", ErrBadInput, amount)
	}
	places, _ := paper.CurrencyPlaces(cur)
	if d.Exponent() < -places {
		return Price{}, fmt.Errorf("%w: %s has more decimal places than %s has (%d)", ErrBadInput, amount, cur, places)
	}
	return Price{Amount: d, Currency: cur}, nil
}

// parseMoney reads a currency and a non-negative plain amount, unchecked
// against the currency's places.
func parseMoney(amount, currency string) (Price, error) {
	cur, err := paper.ParseCurrency(currency)
	if err != nil {
		return Price{}, fmt.Errorf("%w: %w", ErrBadInput, err)
	}
	d, err := parseAmount(amount)
	if err != nil {
		return Price{}, err
	}
	return Price{Amount: d, Currency: cur}, nil
}

// ParseMoney reads a non-negative amount in a currency with up to four decimal
// places (a print cost quoted to the tenth of a cent is accepted).
func ParseMoney(amount, currency string) (Price, error) {
	p, err := parseMoney(amount, currency)
	if err != nil {
		return Price{}, err
	}
	d, cur := p.Amount, p.Currency
	if d.Exponent() < -4 {
		return Price{}, fmt.Errorf("%w: %s has more than 4 decimal places", ErrBadInput, amount)
	}
	return Price{Amount: d, Currency: cur}, nil
}

// ParsePercent reads a percentage from 0 to 100 ("40", "42.5", "40%").
func ParsePercent(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	d, err := parseAmount(t)
	if err != nil {
		return decimal.Zero, err
	}
	if d.GreaterThan(decimal.NewFromInt(100)) {
		return decimal.Zero, fmt.Errorf("%w: %s %% is more than 100 %%", ErrBadInput, t)
	}
	if d.Exponent() < -4 {
		return decimal.Zero, fmt.Errorf("%w: %s has more than 4 decimal places", ErrBadInput, t)
	}
	return d, nil
}

// parseAmount reads a plain non-negative decimal: digits and at most one dot,
// no sign, exponent, separators or spaces inside.
func parseAmount(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	if t == "" || len(t) > 24 {
		return decimal.Zero, fmt.Errorf("%w: %q is not an amount (want digits such as 14.99)", ErrBadInput, s)
	}
	d, err := plaindec.Parse(t)
	if errors.Is(err, plaindec.ErrChar) {
		return decimal.Zero, fmt.Errorf("%w: %q is not an amount (want digits such as 14.99, no sign, comma or symbol)", ErrBadInput, s)
	}
	if err != nil {
		return decimal.Zero, fmt.Errorf("%w: %q is not an amount (want digits such as 14.99)", ErrBadInput, s)
	}
	if d.GreaterThan(maxPrice) {
		return decimal.Zero, fmt.Errorf("%w: %s is more than %s", ErrBadInput, t, maxPrice)
	}
	return d, nil
}
