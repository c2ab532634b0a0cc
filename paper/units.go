package paper

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Unit is a length unit: inches, millimetres or PostScript points.
type Unit string

// Units coverkit reads and writes.
const (
	Inch       Unit = "in"
	Millimetre Unit = "mm"
	Point      Unit = "pt"
)

// Precision is the number of decimal places (10^-12 in) kept when a length is divided
// (mm to inches, knot interpolation). It is far below any printer's tolerance.
const Precision = 12

var (
	mmPerInch = decimal.RequireFromString("25.4")
	ptPerInch = decimal.NewFromInt(72)
)

// ParseUnit reads "in", "mm" or "pt" (also "inch", "inches", "\"", "points").
func ParseUnit(s string) (Unit, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "in", "inch", "inches", `"`:
		return Inch, nil
	case "mm", "millimetre", "millimeter", "millimetres", "millimeters":
		return Millimetre, nil
	case "pt", "point", "points":
		return Point, nil
	}
	return "", fmt.Errorf("unknown unit %q (want in, mm or pt)", s)
}

// UnmarshalText reads a unit name.
func (u *Unit) UnmarshalText(b []byte) error {
	v, err := ParseUnit(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// ToInches converts v in unit u to inches.
func ToInches(v decimal.Decimal, u Unit) decimal.Decimal {
	switch u {
	case Millimetre:
		return v.DivRound(mmPerInch, Precision)
	case Point:
		return v.DivRound(ptPerInch, Precision)
	}
	return v
}

// FromInches converts inches to unit u.
func FromInches(v decimal.Decimal, u Unit) decimal.Decimal {
	switch u {
	case Millimetre:
		return v.Mul(mmPerInch)
	case Point:
		return v.Mul(ptPerInch)
	}
	return v
}

// DisplayPlaces is the number of decimal places coverkit prints for a unit:
// 4 for inches (as KDP's calculator prints), 2 for mm and points.
func DisplayPlaces(u Unit) int32 {
	if u == Inch {
		return 4
	}
	return 2
}
