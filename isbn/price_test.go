package isbn

import (
	"errors"
	"strings"
	"testing"
)

// Expected codes follow the Bookland convention documented in price.go:
// 51995 = US$19.95 is the example given by Lightning Source/IngramSpark;
// the other currencies use their leading digit the same way.
func TestPriceAddon(t *testing.T) {
	tests := []struct{ price, currency, want, describe string }{
		{"19.95", "USD", "51995", "US$19.95"},
		{"19.95", "usd", "51995", "US$19.95"},
		{"7.99", "USD", "50799", "US$7.99"},
		{"3", "USD", "50300", "US$3.00"},
		{"10.9", "USD", "51090", "US$10.90"},
		{"0.01", "USD", "50001", "US$0.01"},
		{"99.98", "USD", "59998", "US$99.98"},
		{"24.99", "CAD", "62499", "CA$24.99"},
		{"12.99", "GBP", "01299", "£12.99"},
		{"29.99", "AUD", "32999", "A$29.99"},
		{"34.99", "NZD", "43499", "NZ$34.99"},
		{"19.950", "USD", "51995", "US$19.95"},
	}
	for _, tt := range tests {
		a, err := PriceAddon(tt.price, tt.currency)
		if err != nil {
			t.Errorf("PriceAddon(%s, %s): %v", tt.price, tt.currency, err)
			continue
		}
		if a.String() != tt.want {
			t.Errorf("PriceAddon(%s, %s) = %s, want %s", tt.price, tt.currency, a, tt.want)
		}
		if d := a.Describe(); d != tt.describe {
			t.Errorf("%s.Describe() = %q, want %q", a, d, tt.describe)
		}
	}
}

func TestPriceAddonErrors(t *testing.T) {
	tests := []struct {
		price, currency string
		sentinel        error
		msg             string
	}{
		{"100", "USD", ErrPrice, "at most 99.98; for 99.99 or more the convention is --addon 59999"},
		{"99.99", "USD", ErrPrice, "at most 99.98"},
		{"150", "GBP", ErrPrice, "--addon 09999"},
		{"0", "USD", ErrPrice, "at least 0.01; use --addon 90000"},
		{"-5", "USD", ErrPrice, "not a number"},
		// Plain decimals only, like every other number coverkit reads (issue 9 item 21).
		{"1e1", "USD", ErrPrice, "no sign or exponent"},
		{"1E1", "USD", ErrPrice, "not a number"},
		{"+5", "USD", ErrPrice, "not a number"},
		{"1,99", "USD", ErrPrice, "not a number"},
		{".", "USD", ErrPrice, "not a number"},
		{"1.2.3", "USD", ErrPrice, "not a number"},
		{"19.999", "USD", ErrPrice, "more than 2 decimal places"},
		{"$19.95", "USD", ErrPrice, "not a number"},
		{"19.95", "EUR", ErrCurrency, "encodes USD, CAD, GBP, AUD, NZD"},
		{"19.95", "", ErrCurrency, "currency \"\""},
	}
	for _, tt := range tests {
		_, err := PriceAddon(tt.price, tt.currency)
		if !errors.Is(err, tt.sentinel) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("PriceAddon(%q, %q) = %v, want %v saying %q", tt.price, tt.currency, err, tt.sentinel, tt.msg)
		}
	}
}

func TestParseAddon(t *testing.T) {
	for _, tt := range []struct{ in, want, describe string }{
		{"51995", "51995", "US$19.95"},
		{" 90000 ", "90000", "no suggested retail price"},
		{"59999", "59999", "US$99.99 or more"},
		{"90123", "90123", "publisher's internal code"},
		{"99991", "99991", "reserved for college stores (NACS)"},
		{"99500", "99500", "reserved for the book industry"},
		{"71995", "71995", "no currency is assigned to leading digit 7"},
	} {
		a, err := ParseAddon(tt.in)
		if err != nil || a.String() != tt.want || a.Describe() != tt.describe {
			t.Errorf("ParseAddon(%q) = %v (%q), %v; want %s (%q)", tt.in, a, a.Describe(), err, tt.want, tt.describe)
		}
	}
	for _, tt := range []struct{ in, msg string }{
		{"5199", "4 characters: the add-on is exactly 5 digits"},
		{"519950", "6 characters"},
		{"5199a", "character 5 is not a digit"},
		{"", "0 characters"},
		{"５１９９５", "character 1 is not a digit"},
	} {
		_, err := ParseAddon(tt.in)
		if !errors.Is(err, ErrAddon) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ParseAddon(%q) = %v, want ErrAddon saying %q", tt.in, err, tt.msg)
		}
	}
}

func FuzzAddon(f *testing.F) {
	f.Add("19.95", "USD", "51995")
	f.Add("99.99", "GBP", "9000")
	f.Add("1e2", "cad", "x1995")
	f.Fuzz(func(t *testing.T, price, currency, raw string) {
		if a, err := PriceAddon(price, currency); err == nil {
			s := a.String()
			if len(s) != 5 {
				t.Fatalf("PriceAddon(%q, %q) = %q", price, currency, s)
			}
			if b, err := ParseAddon(s); err != nil || b != a {
				t.Fatalf("ParseAddon(%q) = %v, %v", s, b, err)
			}
			if a.Describe() == "" {
				t.Fatalf("no description for %s", s)
			}
		}
		if a, err := ParseAddon(raw); err == nil {
			if len(a.String()) != 5 || a.Describe() == "" {
				t.Fatalf("ParseAddon(%q) = %q", raw, a)
			}
		}
	})
}
