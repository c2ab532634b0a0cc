package earnings

import (
	"fmt"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

// wholesale: compensation = list − discount − fees − print cost.
func (c *calc) wholesale() error {
	list := c.list // wholesale prices in the catalogue carry no VAT rule
	rng := c.ch.DiscountFor(c.m.ID)
	d, given := c.req.Discount[MarketKey{c.l.Printer, c.m.ID}]
	if !given {
		d, given = c.req.Discount[MarketKey{c.l.Printer, ""}]
	}
	if !given {
		if rng == nil || rng.Recommended == nil {
			return &Error{Printer: c.l.Printer, Field: "discount", Input: "for market " + c.m.ID, Rule: "is required: the catalogue gives no recommended discount"}
		}
		d = rng.Recommended.Value
		c.use("wholesale discount (recommended; none given)", d.String()+" %", rng.Recommended.Provenance)
	}
	if err := c.checkDiscount(rng, d); err != nil {
		return err
	}
	c.row.Discount = pct(d)
	fees := decimal.Zero
	for _, f := range c.ch.Fees {
		if !containsString(f.Markets, c.m.ID) {
			continue
		}
		c.use(f.Label, f.Percent.Value.String()+" % of the list price", f.Percent.Provenance)
		fees = fees.Add(list.Mul(f.Percent.Value).Div(hundred))
	}
	if !fees.IsZero() {
		c.row.Fees = money(c.round(fees), c.places)
	}
	wholesalePrice := list.Sub(list.Mul(d).Div(hundred))
	gross := wholesalePrice.Sub(fees)
	c.row.BeforePrintCost = money(c.round(gross), c.places)
	pc, ok, why := c.printCost()
	if !ok {
		pc, ok = c.req.PrintCost[CostKey{c.l.Printer, c.m.Currency}]
		if ok {
			c.row.PrintCost = money(pc, max(c.places, -pc.Exponent()))
			c.row.PrintCostFrom = "input"
		}
	}
	if ok {
		exact := gross.Sub(pc)
		c.row.exact = exact
		c.row.Earnings = money(c.round(exact), c.places)
		if !exact.Equal(c.round(exact)) {
			c.row.Notes = append(c.row.Notes, fmt.Sprintf("earnings %s rounded %s to %s (%s)", exact, c.pr.Rounding.Mode, c.fmt(c.round(exact)), roundingNote(c.pr.Rounding)))
		}
		share := hundred.Sub(d)
		for _, f := range c.ch.Fees {
			if containsString(f.Markets, c.m.ID) {
				share = share.Sub(f.Percent.Value)
			}
		}
		if share.IsPositive() {
			minList := c.ceil(pc.Mul(hundred).DivRound(share, 12))
			c.row.MinList = money(minList, c.places)
			c.row.BelowMinimum = list.LessThan(minList)
		}
	} else {
		c.row.PrintCostNote = why + ", and none was given: the earnings are shown before the print cost"
	}
	return c.returns(wholesalePrice)
}

// checkDiscount refuses a discount outside the market's range.
func (c *calc) checkDiscount(rng *paper.DiscountRange, d decimal.Decimal) error {
	if rng == nil {
		return nil
	}
	lo, hi := "?", "?"
	var srcs []string
	if rng.Min != nil {
		lo = rng.Min.Value.String()
		srcs = append(srcs, c.sourceText(rng.Min.Provenance))
	} else {
		c.row.Notes = append(c.row.Notes, fmt.Sprintf("%s's minimum wholesale discount for %s was not found; it may refuse %s %%", c.l.PrinterName, c.m.ID, d))
	}
	if rng.Max != nil {
		hi = rng.Max.Value.String()
		srcs = appendOnce(srcs, c.sourceText(rng.Max.Provenance))
	}
	if (rng.Min != nil && d.LessThan(rng.Min.Value)) || (rng.Max != nil && d.GreaterThan(rng.Max.Value)) {
		return &Error{Printer: c.l.Printer, Field: "discount", Input: d.String() + " % in market " + c.m.ID,
			Rule: "is outside " + c.l.PrinterName + "'s wholesale discount range", Allowed: lo + "-" + hi + " %", Source: strings.Join(srcs, "; ")}
	}
	return nil
}

func (c *calc) sourceText(p paper.Provenance) string {
	s := p.Source
	if src := c.pr.Source(p.Source); src != nil {
		s = src.URL
	}
	return s + ", " + p.Confidence.String()
}

// returns records the returns setting and what a returned copy costs.
func (c *calc) returns(wholesalePrice decimal.Decimal) error {
	if len(c.ch.Returns) == 0 {
		return nil
	}
	id := c.req.Returns
	if id == "" {
		id = paper.ReturnsNo
	}
	o := c.ch.ReturnOption(id)
	if o == nil || !containsString(o.Markets, c.m.ID) {
		var allowed []string
		src := ""
		if o != nil {
			allowed = o.Markets
			src = c.sourceText(o.Provenance)
		}
		return &Error{Printer: c.l.Printer, Field: "returns", Input: id + " in market " + c.m.ID, Rule: "is not offered",
			Allowed: "markets " + strings.Join(allowed, ", "), Source: src}
	}
	c.use("returns "+id, returnsText(o), o.Provenance)
	ret := &Returns{Option: id}
	charge := decimal.Zero
	if o.ChargeWholesale {
		w := c.round(wholesalePrice)
		ret.Wholesale = money(w, c.places)
		charge = charge.Add(w)
	}
	if s := o.ShippingFor(c.m.ID); s != nil {
		c.use("returns shipping per copy", c.fmt(s.Value), s.Provenance)
		ret.Shipping = money(s.Value, c.places)
		charge = charge.Add(s.Value)
	}
	ret.Charge = money(charge, c.places)
	c.row.Returns = ret
	return nil
}

func returnsText(o *paper.ReturnOption) string {
	if o.ChargeWholesale {
		return "charged the wholesale price per returned copy"
	}
	return "no returns accepted, no charge"
}
