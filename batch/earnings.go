package batch

import (
	"fmt"
	"strings"

	"github.com/coverkit/coverkit/earnings"
	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
)

// ChannelEarnings is what one copy of an edition earns through one sales
// channel at the manifest's price, in the first market of its currency, as
// `coverkit earnings` computes it (wholesale channels at the printer's
// recommended discount, without returns; IngramSpark's print cost is not in
// the catalogue, so its earnings are before print cost).
type ChannelEarnings struct {
	Channel         string           `json:"channel"`
	Market          string           `json:"market"`
	Currency        string           `json:"currency"`
	Earnings        *earnings.Number `json:"earnings"` // null when the print cost is unknown
	BeforePrintCost *earnings.Number `json:"before_print_cost,omitempty"`
	Discount        *earnings.Number `json:"discount,omitempty"`
	Estimate        bool             `json:"estimate,omitempty"`
}

// editionEarnings is nil when the book has no price, the printer no pricing,
// or the printer sells nothing in the price's currency.
func editionEarnings(l *spine.Layout, pr *paper.Pricing, price *Price) []ChannelEarnings {
	if price == nil || pr == nil {
		return nil
	}
	lp, err := earnings.ParsePrice(price.Amount.String(), price.Currency)
	if err != nil {
		return nil
	}
	rep, err := earnings.Compute([]earnings.Input{{Layout: l, Pricing: pr}}, earnings.Request{Lists: []earnings.Price{lp}})
	if err != nil {
		return nil
	}
	var out []ChannelEarnings
	seen := map[string]bool{}
	for _, m := range rep.Markets {
		for _, r := range m.Rows {
			if seen[r.Channel] || r.Unavailable != "" {
				continue
			}
			seen[r.Channel] = true
			out = append(out, ChannelEarnings{Channel: r.ChannelLabel, Market: r.Market, Currency: r.Currency,
				Earnings: r.Earnings, BeforePrintCost: r.BeforePrintCost, Discount: r.Discount, Estimate: r.Estimate})
		}
	}
	return out
}

// earningsText is "earns 5.28 USD Amazon, 2.03 USD Expanded Distribution".
func earningsText(es []ChannelEarnings) string {
	var parts []string
	for _, e := range es {
		s := ""
		switch {
		case e.Earnings != nil:
			s = fmt.Sprintf("%s %s %s", e.Earnings, e.Currency, e.Channel)
		case e.BeforePrintCost != nil:
			s = fmt.Sprintf("%s %s %s before print cost", e.BeforePrintCost, e.Currency, e.Channel)
		default:
			continue
		}
		if e.Discount != nil {
			s += " at " + e.Discount.String() + " %"
		}
		if e.Estimate {
			s += " (estimate)"
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return ""
	}
	return "earns " + strings.Join(parts, ", ")
}
