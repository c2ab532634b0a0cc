package paper

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/shopspring/decimal"
)

var (
	hundred     = decimal.NewFromInt(100)
	maxMoney    = decimal.NewFromInt(1000000)
	isoDate     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	moneyPlaces = int32(6) // per-page costs such as 0.0255 need four; six is plenty
)

// validate checks a pricing section against its printer: every provenance key
// is in the pricing's sources, amounts are non-negative and plausible, rates
// and discounts are percentages, cost bands rise without overlapping and name
// stocks the printer offers, and channels name known markets.
func (pr *Pricing) validate(p *Printer) error {
	if pr == nil {
		return nil
	}
	v := &priceValidator{pr: pr, p: p}
	v.run()
	return errors.Join(v.errs...)
}

type priceValidator struct {
	pr   *Pricing
	p    *Printer
	errs []error
}

func (v *priceValidator) fail(format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf("pricing: "+format, args...))
}

func (v *priceValidator) prov(where string, pr Provenance) {
	if pr.Source == "" {
		v.fail("%s: source is missing", where)
		return
	}
	if v.pr.Source(pr.Source) == nil {
		v.fail("%s: source %q is not in the pricing's sources", where, pr.Source)
	}
}

// money checks a non-negative amount of at most six decimal places.
func (v *priceValidator) money(where string, d decimal.Decimal) {
	if d.IsNegative() {
		v.fail("%s: %s is negative", where, d)
	}
	if d.GreaterThan(maxMoney) {
		v.fail("%s: %s is more than %s", where, d, maxMoney)
	}
	if d.Exponent() < -moneyPlaces {
		v.fail("%s: %s has more than %d decimal places", where, d, moneyPlaces)
	}
}

// percent checks an amount between 0 and 100.
func (v *priceValidator) percent(where string, a *Amount, required bool) {
	if a == nil {
		if required {
			v.fail("%s is missing", where)
		}
		return
	}
	if a.Value.IsNegative() || a.Value.GreaterThan(hundred) || a.Value.Exponent() < -moneyPlaces {
		v.fail("%s: %s is not a percentage from 0 to 100", where, a.Value)
	}
	v.prov(where, a.Provenance)
}

func (v *priceValidator) markets(where string, ids []string) {
	if len(ids) == 0 {
		v.fail("%s: no markets", where)
	}
	for _, id := range ids {
		if v.pr.Market(id) == nil {
			v.fail("%s: market %q is not in the pricing's markets", where, id)
		}
	}
}

func (v *priceValidator) run() {
	pr := v.pr
	if pr.CatalogDate == "" {
		v.fail("catalog_date is missing")
	}
	checkSources(pr.Sources, v.fail)
	switch pr.Rounding.Mode {
	case RoundHalfUp, RoundUp, RoundDown:
		v.prov("rounding", pr.Rounding.Provenance)
	default:
		v.fail("rounding.mode %q must be half-up, up or down", pr.Rounding.Mode)
	}
	if t := pr.LargeTrim; t != nil {
		if t.Unit != Inch && t.Unit != Millimetre {
			v.fail("large_trim: unit must be in or mm")
		}
		if !t.MaxWidth.IsPositive() || !t.MaxHeight.IsPositive() {
			v.fail("large_trim: max_width and max_height must be positive")
		}
		v.prov("large_trim", t.Provenance)
	}
	if len(pr.Markets) == 0 {
		v.fail("no markets")
	}
	ids := map[string]bool{}
	for _, m := range pr.Markets {
		w := "market " + m.ID
		if m.ID == "" {
			v.fail("a market has no id")
		}
		if ids[m.ID] {
			v.fail("%s is listed twice", w)
		}
		ids[m.ID] = true
		if _, ok := CurrencyPlaces(m.Currency); !ok {
			v.fail("%s: currency %q is not an ISO 4217 code coverkit knows", w, m.Currency)
		}
		v.percent(w+": vat", m.VAT, false)
		if m.MaxList != nil {
			v.money(w+": max_list", m.MaxList.Value)
			v.prov(w+": max_list", m.MaxList.Provenance)
		}
	}
	for i, c := range pr.PrintCosts {
		v.printCost(fmt.Sprintf("print_costs[%d] (%s)", i, c.Binding), c)
	}
	if len(pr.Channels) == 0 {
		v.fail("no channels")
	}
	chans := map[string]bool{}
	for _, c := range pr.Channels {
		if c.ID == "" || chans[c.ID] {
			v.fail("channel %q: ids must be present and distinct", c.ID)
		}
		chans[c.ID] = true
		v.channel("channel "+c.ID, c)
	}
}

func (v *priceValidator) printCost(w string, c *PrintCost) {
	b := v.p.Binding(c.Binding)
	if b == nil {
		v.fail("%s: the printer offers no %s binding", w, c.Binding)
		return
	}
	if len(c.Stocks) == 0 {
		v.fail("%s: no stocks", w)
	}
	for _, s := range c.Stocks {
		if b.Stock(s) == nil {
			v.fail("%s: stock %q is not offered for %s (offered: %v)", w, s, c.Binding, b.StockIDs())
		}
	}
	v.markets(w, c.Markets)
	if len(c.Bands) == 0 {
		v.fail("%s: no bands", w)
	}
	for i, band := range c.Bands {
		bw := fmt.Sprintf("%s band %d-%d", w, band.From, band.To)
		if band.From < 1 || band.To < band.From {
			v.fail("%s: need 1 <= from <= to", bw)
		}
		if i > 0 && band.From <= c.Bands[i-1].To {
			v.fail("%s: overlaps or precedes band %d-%d; bands must rise", bw, c.Bands[i-1].From, c.Bands[i-1].To)
		}
		v.money(bw+": fixed", band.Fixed)
		v.money(bw+": per_page", band.PerPage)
		large := band.LargeFixed != nil || band.LargePerPage != nil
		switch {
		case v.pr.LargeTrim != nil && (band.LargeFixed == nil || band.LargePerPage == nil):
			v.fail("%s: large_fixed and large_per_page are required because the pricing has a large_trim", bw)
		case v.pr.LargeTrim == nil && large:
			v.fail("%s: large_fixed and large_per_page need a large_trim definition", bw)
		}
		if band.LargeFixed != nil {
			v.money(bw+": large_fixed", *band.LargeFixed)
		}
		if band.LargePerPage != nil {
			v.money(bw+": large_per_page", *band.LargePerPage)
		}
		v.prov(bw, band.Provenance)
	}
}

func (v *priceValidator) channel(w string, c *Channel) {
	if c.Label == "" {
		v.fail("%s: label is missing", w)
	}
	for _, k := range c.Bindings {
		if v.p.Binding(k) == nil {
			v.fail("%s: the printer offers no %s binding", w, k)
		}
	}
	if len(c.Bindings) > 0 {
		if c.BindingsSource == nil {
			v.fail("%s: bindings restriction needs bindings_source", w)
		} else {
			v.prov(w+": bindings_source", *c.BindingsSource)
		}
	}
	v.markets(w, c.Markets)
	switch c.Kind {
	case ChannelRoyalty:
		v.royaltyChannel(w, c)
	case ChannelWholesale:
		v.wholesaleChannel(w, c)
	default:
		v.fail("%s: kind must be royalty or wholesale", w)
	}
}

// royaltyChannel checks what only a royalty channel holds: its dated rates.
func (v *priceValidator) royaltyChannel(w string, c *Channel) {
	if len(c.Rates) == 0 {
		v.fail("%s: a royalty channel needs rates", w)
	}
	if len(c.Discounts)+len(c.Fees)+len(c.Returns) > 0 {
		v.fail("%s: discounts, fees and returns belong to wholesale channels", w)
	}
	for i, r := range c.Rates {
		v.rate(fmt.Sprintf("%s rates[%d]", w, i), c, r)
		if i > 0 && r.From <= c.Rates[i-1].From {
			v.fail("%s rates[%d]: from %q must be later than the rule before", w, i, r.From)
		}
	}
}

// wholesaleChannel checks what only a wholesale channel holds: discounts,
// fees and returns options.
func (v *priceValidator) wholesaleChannel(w string, c *Channel) {
	if len(c.Rates) > 0 {
		v.fail("%s: rates belong to royalty channels", w)
	}
	for _, m := range c.Markets {
		if c.DiscountFor(m) == nil {
			v.fail("%s: market %s has no discount range", w, m)
		}
	}
	for i, d := range c.Discounts {
		dw := fmt.Sprintf("%s discounts[%d]", w, i)
		v.markets(dw, d.Markets)
		v.percent(dw+": min", d.Min, false)
		v.percent(dw+": max", d.Max, false)
		v.percent(dw+": recommended", d.Recommended, false)
		if d.Min != nil && d.Max != nil && d.Max.Value.LessThan(d.Min.Value) {
			v.fail("%s: max %s is below min %s", dw, d.Max.Value, d.Min.Value)
		}
		if d.Max != nil && d.Max.Value.Equal(hundred) {
			v.fail("%s: a 100 %% discount leaves no list price to pay from", dw)
		}
	}
	for i, f := range c.Fees {
		fw := fmt.Sprintf("%s fees[%d]", w, i)
		if f.Label == "" {
			v.fail("%s: label is missing", fw)
		}
		v.markets(fw, f.Markets)
		v.percent(fw+": percent", f.Percent, true)
	}
	v.returns(w, c.Returns)
}

func (v *priceValidator) returns(w string, returns []*ReturnOption) {
	rids := map[string]bool{}
	for _, r := range returns {
		rw := w + " returns " + r.ID
		switch r.ID {
		case ReturnsNo, ReturnsDeliver, ReturnsDestroy:
		default:
			v.fail("%s: id must be no, deliver or destroy", rw)
		}
		if rids[r.ID] {
			v.fail("%s is listed twice", rw)
		}
		rids[r.ID] = true
		v.markets(rw, r.Markets)
		for _, s := range r.Shipping {
			if !contains(r.Markets, s.Market) {
				v.fail("%s: shipping names market %q, which the option does not list", rw, s.Market)
			}
			v.money(rw+": shipping", s.Value)
			v.prov(rw+": shipping", s.Provenance)
		}
		v.prov(rw, r.Provenance)
	}
}

func (v *priceValidator) rate(w string, c *Channel, r *RateRule) {
	if r.From != "" && !isoDate.MatchString(r.From) {
		v.fail("%s: from %q is not a YYYY-MM-DD date", w, r.From)
	}
	switch {
	case r.Rate != nil:
		if r.Below != nil || r.AtOrAbove != nil || len(r.Thresholds) > 0 {
			v.fail("%s: give either rate, or below, at_or_above and thresholds", w)
		}
		v.percent(w+": rate", r.Rate, true)
	default:
		v.percent(w+": below", r.Below, true)
		v.percent(w+": at_or_above", r.AtOrAbove, true)
		if len(r.Thresholds) == 0 {
			v.fail("%s: a tiered rate needs thresholds", w)
		}
		cur := map[string]bool{}
		for _, t := range r.Thresholds {
			if _, ok := CurrencyPlaces(t.Currency); !ok {
				v.fail("%s: threshold currency %q is not an ISO 4217 code coverkit knows", w, t.Currency)
			}
			if cur[t.Currency] {
				v.fail("%s: threshold for %s is listed twice", w, t.Currency)
			}
			cur[t.Currency] = true
			v.money(w+": threshold "+t.Currency, t.Value)
			v.prov(w+": threshold "+t.Currency, t.Provenance)
		}
		for _, id := range c.Markets {
			if m := v.pr.Market(id); m != nil && !cur[m.Currency] {
				v.fail("%s: no threshold for %s (market %s)", w, m.Currency, id)
			}
		}
	}
}
