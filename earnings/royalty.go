package earnings

import (
	"fmt"

	"github.com/coverkit/coverkit/paper"
	"github.com/shopspring/decimal"
)

// royalty: earnings = rate × net list − printing cost.
func (c *calc) royalty() {
	net := c.net()
	cost, ok, why := c.printCost()
	rule := c.ch.RuleOn(c.req.Date)
	if rule == nil {
		c.row.Unavailable = fmt.Sprintf("no royalty rule of %s is in force on %s", c.ch.Label, c.req.Date)
		return
	}
	if !ok {
		c.row.Unavailable = why
		return
	}
	c.row.RuleFrom = rule.From
	var rate decimal.Decimal
	var th *paper.Amount
	if rule.Rate != nil {
		rate = rule.Rate.Value
		c.use("royalty rate", rate.String()+" %", rule.Rate.Provenance)
	} else {
		th = rule.Threshold(c.m.Currency)
		c.use("royalty threshold", c.fmt(th.Value), th.Provenance)
		c.use("royalty rate below the threshold", rule.Below.Value.String()+" %", rule.Below.Provenance)
		c.use("royalty rate at or above it", rule.AtOrAbove.Value.String()+" %", rule.AtOrAbove.Provenance)
		rate = rule.Below.Value
		if net.GreaterThanOrEqual(th.Value) {
			rate = rule.AtOrAbove.Value
		}
		if c.row.VATRate != nil {
			gross := c.list // the shopper's price, VAT included
			if c.req.ExVAT {
				gross = c.withVATExact(net)
			}
			if net.LessThan(th.Value) != gross.LessThan(th.Value) {
				c.lower(paper.Unconfirmed, fmt.Sprintf("%s %s %s: the %s threshold falls between the price with VAT (%s) and without (%s); whether KDP compares the price without VAT is unstated, so the %s %% rate is an estimate",
					c.l.PrinterName, c.ch.Label, c.m.ID, c.fmt(th.Value), c.fmt(gross), c.fmt(net), rate))
			}
		}
	}
	c.row.Rate = pct(rate)
	exact := rate.Mul(net).Div(hundred).Sub(cost)
	c.row.exact = exact
	c.row.Earnings = money(c.round(exact), c.places)

	// Minimum list price: the least price (in minor units) whose royalty
	// covers the printing cost. With a threshold T: 2 × cost when that is
	// below T at 50 %, else the larger of T and cost ÷ 60 %.
	var minEx decimal.Decimal
	if th == nil {
		minEx = c.ceil(safeDiv(cost.Mul(hundred), rate))
	} else {
		minEx = c.ceil(safeDiv(cost.Mul(hundred), rule.Below.Value))
		if minEx.GreaterThanOrEqual(th.Value) {
			minEx = decimal.Max(th.Value, c.ceil(safeDiv(cost.Mul(hundred), rule.AtOrAbove.Value)))
		}
		c.row.Threshold = &Threshold{Value: money(th.Value, c.places), RateBelow: pct(rule.Below.Value), RateAtOr: pct(rule.AtOrAbove.Value)}
		if net.LessThan(th.Value) {
			at := c.round(rule.AtOrAbove.Value.Mul(th.Value).Div(hundred).Sub(cost))
			c.row.Threshold.EarningsAt = money(at, c.places)
		}
	}
	c.row.MinList = money(c.withVAT(minEx), c.places)
	if c.row.VATRate != nil {
		c.row.MinListExVAT = money(minEx, c.places)
	}
	c.row.BelowMinimum = net.LessThan(minEx)
	if mx := c.m.MaxList; mx != nil {
		c.row.MaxList = money(mx.Value, c.places)
		c.row.AboveMaximum = net.GreaterThan(mx.Value)
		if c.row.AboveMaximum {
			c.use("maximum list price", c.fmt(mx.Value), mx.Provenance)
		}
	}
}

// safeDiv divides to 12 places; a zero divisor (a 0 % rate) gives a huge
// value rather than a panic, so the minimum list price is out of reach.
func safeDiv(a, b decimal.Decimal) decimal.Decimal {
	if b.IsZero() {
		return maxPrice.Mul(maxPrice)
	}
	return a.DivRound(b, 12)
}
