package earnings_test

import (
	"fmt"

	"github.com/coverkit/coverkit/earnings"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
)

// What a 6x9, 300-page cream paperback earns on KDP at 14.99 USD.
func ExampleCompute() {
	kdp := paper.Default().Printer("kdp")
	trim, _ := paper.ParseTrim("6x9")
	l, err := spine.Compute(kdp, spine.Request{Binding: paper.Paperback, Paper: "cream", Trim: trim, Pages: 300})
	if err != nil {
		panic(err)
	}
	list, _ := earnings.ParsePrice("14.99", "USD")
	r, err := earnings.Compute([]earnings.Input{{Layout: l, Pricing: kdp.Pricing}}, earnings.Request{Lists: []earnings.Price{list}})
	if err != nil {
		panic(err)
	}
	for _, row := range r.Markets[0].Rows {
		fmt.Printf("%s %s: cost %s, %s %%, earns %s, minimum list %s (%s)\n",
			row.ChannelLabel, row.Market, row.PrintCost, row.Rate, row.Earnings, row.MinList, row.Confidence)
	}
	// Output:
	// Amazon amazon.com: cost 4.60, 60 %, earns 4.39, minimum list 9.20 (third-party)
	// Expanded Distribution amazon.com: cost 4.60, 40 %, earns 1.40, minimum list 11.50 (third-party)
}
