package earnings

import (
	"os"
	"testing"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// FuzzProfileEarnings: any loadable profile with pricing computes earnings
// for any page count and price without panicking, and every row's minimum
// list price earns at least zero.
func FuzzProfileEarnings(f *testing.F) {
	b, err := os.ReadFile("../fixtures/catalog/example-pricing.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b, 200, "9.99")
	f.Add(b, 32, "0.01")
	f.Fuzz(func(t *testing.T, profile []byte, pages int, list string) {
		p, err := paper.Parse(profile, "fuzz.yaml")
		if err != nil || p.Pricing == nil {
			return
		}
		for _, m := range p.Pricing.Markets {
			price, err := ParsePrice(list, m.Currency)
			if err != nil {
				return
			}
			for _, bd := range p.Bindings {
				for _, s := range bd.Stocks {
					l := &spine.Layout{Printer: p.ID, PrinterName: p.Name, Binding: bd.Kind, Paper: s.ID,
						Trim: spine.Size{W: decimal.NewFromInt(6), H: decimal.NewFromInt(9)}, Pages: pages, PagesRequested: pages}
					r, err := Compute([]Input{{Layout: l, Pricing: p.Pricing}}, Request{Lists: []Price{price},
						PrintCost: map[CostKey]decimal.Decimal{{p.ID, m.Currency}: decimal.NewFromInt(3)}})
					if err != nil {
						continue
					}
					for _, x := range r.Markets[0].Rows {
						if x.Earnings != nil && !x.BelowMinimum && x.exact.IsNegative() && x.Kind == paper.ChannelRoyalty {
							t.Fatalf("%s %s: not below the minimum %s, yet earns %s", x.Channel, x.Market, x.MinList, x.exact)
						}
					}
				}
			}
		}
	})
}
