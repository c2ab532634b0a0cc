package earnings

import (
	"strings"
	"testing"
)

func TestParsePrice(t *testing.T) {
	for _, tc := range []struct{ amount, cur, want, err string }{
		{"14.99", "usd", "14.99 USD", ""},
		{" 7 ", "GBP", "7.00 GBP", ""},
		{"1000", "JPY", "1000 JPY", ""},
		{"10.5", "JPY", "", "more decimal places than JPY has (0)"},
		{"14.999", "USD", "", "more decimal places than USD has (2)"},
		{"0", "USD", "", "not a positive amount"},
		{"-1", "USD", "", "not an amount"},
		{"1,99", "EUR", "", "not an amount"},
		{"1e3", "EUR", "", "not an amount"},
		{".", "EUR", "", "not an amount"},
		{"2000000", "USD", "", "more than 1000000"},
		{"10", "XYZ", "", "unknown currency"},
	} {
		p, err := ParsePrice(tc.amount, tc.cur)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s %s: %v", tc.amount, tc.cur, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s %s: err %v, want %q", tc.amount, tc.cur, err, tc.err)
		case tc.err == "" && p.String() != tc.want:
			t.Errorf("%s %s = %s, want %s", tc.amount, tc.cur, p, tc.want)
		}
	}
}

// FuzzMoney: parsing never panics, and what parses is within its rules.
func FuzzMoney(f *testing.F) {
	for _, s := range []string{"14.99", "0", "1.", ".5", "1e9", "-3", "99999999999999999999999", "40%", "１２"} {
		f.Add(s, "USD")
	}
	f.Fuzz(func(t *testing.T, amount, cur string) {
		if p, err := ParsePrice(amount, cur); err == nil {
			if !p.Amount.IsPositive() || p.Amount.GreaterThan(maxPrice) {
				t.Fatalf("ParsePrice(%q) = %s", amount, p)
			}
		}
		if p, err := ParseMoney(amount, cur); err == nil && p.Amount.IsNegative() {
			t.Fatalf("ParseMoney(%q) = %s", amount, p)
		}
		if d, err := ParsePercent(amount); err == nil && (d.IsNegative() || d.GreaterThan(hundred)) {
			t.Fatalf("ParsePercent(%q) = %s", amount, d)
		}
	})
}
