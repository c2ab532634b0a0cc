package paper

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// MaxPages is the largest page count coverkit accepts anywhere (flags,
// manifests, interiors, profiles), before any printer's own limits: no
// printer binds more than a few thousand pages.
const MaxPages = 100000

// MaxSpine is the widest spine, in inches, coverkit accepts (a user-given
// spine, a profile's rule): no printer binds a book thicker than 10 in.
var MaxSpine = decimal.NewFromInt(10)

// CheckPages reports whether n is a page count coverkit accepts (1 to
// [MaxPages]); the error says the range.
func CheckPages(n int) error {
	if n < 1 || n > MaxPages {
		return fmt.Errorf("%d is not a page count (want 1 to %d)", n, MaxPages)
	}
	return nil
}

// ParsePages reads a page count as a user writes it (surrounding spaces
// ignored) and checks it with [CheckPages].
func ParsePages(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number of pages", s)
	}
	return n, CheckPages(n)
}

// CheckSpine reports whether a spine width in inches is plausible: more than
// zero and at most [MaxSpine].
func CheckSpine(in decimal.Decimal) error {
	if !in.IsPositive() || in.GreaterThan(MaxSpine) {
		return fmt.Errorf("%s in is not a plausible spine width (want more than 0 and at most %s in)", in, MaxSpine)
	}
	return nil
}
