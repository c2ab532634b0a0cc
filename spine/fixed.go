package spine

import "github.com/shopspring/decimal"

// fx is a length in units of 10^-12 inch. The geometry adds and subtracts
// lengths in fx: exact for every length with up to 12 decimal places (every
// inch value in the catalogue has at most 6), and within 10^-12 in for
// millimetre values, whose conversion to inches does not terminate anyway.
// Sheets are at most a few hundred inches, far inside int64's range.
// Using integers here instead of big decimals makes a layout several times
// faster; the results are handed out as exact decimals.
type fx int64

const fxPlaces = 12

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12}

func toFx(d decimal.Decimal) fx {
	// Fast path: a coefficient that fits int64 with at most 12 decimal places.
	if e := int(d.Exponent()); e <= 0 && e >= -fxPlaces && d.Coefficient().IsInt64() {
		c := d.CoefficientInt64()
		p := pow10[fxPlaces+e]
		if c < 1<<62/p && c > -(1<<62)/p {
			return fx(c * p)
		}
	}
	return fx(d.Shift(fxPlaces).Round(0).IntPart())
}

func (v fx) dec() decimal.Decimal { return decimal.New(int64(v), -fxPlaces) }

// frect is a Rect in fx.
type frect struct{ x, y, w, h fx }

func (r frect) right() fx  { return r.x + r.w }
func (r frect) bottom() fx { return r.y + r.h }

func (r frect) inset(d fx) frect {
	return frect{r.x + d, r.y + d, max(r.w-2*d, 0), max(r.h-2*d, 0)}
}

func (r frect) rect() Rect { return Rect{r.x.dec(), r.y.dec(), r.w.dec(), r.h.dec()} }
