package batch

import (
	"testing"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// A manifest price gives each edition what a copy earns, as `coverkit
// earnings` computes it: 19.95 USD, 312 cream pages on KDP (pricing.md 1a:
// 1.00 + 312 x 0.012 = 4.744 -> 4.74): 60 % -> 7.23, Expanded Distribution 40 % -> 3.24.
func TestEditionEarnings(t *testing.T) {
	kdp := paper.Default().Printer("kdp")
	trim, _ := paper.ParseTrim("6x9")
	l, err := spine.Compute(kdp, spine.Request{Binding: paper.Paperback, Paper: "cream", Trim: trim, Pages: 312})
	if err != nil {
		t.Fatal(err)
	}
	price := &Price{Amount: decimal.RequireFromString("19.95"), Currency: "USD"}
	got := earningsText(editionEarnings(l, kdp.Pricing, price))
	if want := "earns 7.23 USD Amazon, 3.24 USD Expanded Distribution"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if editionEarnings(l, kdp.Pricing, nil) != nil || editionEarnings(l, nil, price) != nil {
		t.Fatal("earnings without a price or pricing")
	}
	// A currency the printer does not sell in gives nothing, not an error.
	if e := editionEarnings(l, kdp.Pricing, &Price{Amount: decimal.NewFromInt(20), Currency: "NZD"}); e != nil {
		t.Fatalf("NZD: %+v", e)
	}
}
