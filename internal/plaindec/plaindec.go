// Package plaindec reads the plain decimals coverkit takes from users:
// digits with at most one decimal point, no sign, no exponent ("1e1"), no
// thousands separators and no spaces. Callers trim, bound the length and
// word the error for their own flag or field.
package plaindec

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
)

var (
	// ErrChar is returned for a character other than a digit or a dot.
	ErrChar = errors.New("not a digit or a decimal point")
	// ErrShape is returned for a string with no digit or more than one dot.
	ErrShape = errors.New("no digits or more than one decimal point")
)

// Parse reads s as a plain decimal. Its errors wrap [ErrChar] or [ErrShape].
func Parse(s string) (decimal.Decimal, error) {
	digits, dots := 0, 0
	for _, r := range s {
		switch {
		case r == '.':
			dots++
		case r >= '0' && r <= '9':
			digits++
		default:
			return decimal.Zero, fmt.Errorf("%q: %w", r, ErrChar)
		}
	}
	if digits == 0 || dots > 1 {
		return decimal.Zero, ErrShape
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, fmt.Errorf("%q: %w", s, err)
	}
	return d, nil
}
