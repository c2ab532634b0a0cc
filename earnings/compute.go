package earnings

import (
	"fmt"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// Request is what the author chooses: list prices, and for wholesale channels
// the discount, the print cost and the returns setting.
type Request struct {
	// Lists are the list prices, one per currency, in the order to report.
	Lists []Price
	// ExVAT is true when Lists exclude VAT; by default a list price in a
	// market with VAT is what the shopper pays, VAT included.
	ExVAT bool
	// Discount is the wholesale discount in percent by printer and market id;
	// market "" applies to every market of the printer not named. Absent: the
	// printer's recommended discount for the market.
	Discount map[MarketKey]decimal.Decimal
	// PrintCost is a printer's print cost per copy in a currency, read from
	// the printer's own calculator, for wholesale channels whose printing cost
	// the catalogue does not hold (IngramSpark publishes no formula).
	PrintCost map[CostKey]decimal.Decimal
	// Returns is the returns option for wholesale channels ("" = no returns).
	Returns string
	// Date (YYYY-MM-DD) picks the royalty rules in force that day; "" = the
	// newest rules in the catalogue.
	Date string
}

// MarketKey names a printer (catalogue id) and one of its markets.
type MarketKey struct {
	Printer string
	Market  string
}

// CostKey names a printer (catalogue id) and a currency.
type CostKey struct {
	Printer  string
	Currency string
}

// Input is one printer's book: its layout and its pricing.
type Input struct {
	Layout  *spine.Layout
	Pricing *paper.Pricing
}

var hundred = decimal.NewFromInt(100)

// Compute builds the report for every input and list price. It returns an
// [*Error] (wrapping [ErrRefused]) when a printer refuses the request, and an
// error wrapping [ErrBadInput] when the request is malformed.
func Compute(inputs []Input, req Request) (*Report, error) {
	if len(inputs) == 0 {
		return nil, fmt.Errorf("%w: no printer to compare", ErrBadInput)
	}
	if len(req.Lists) == 0 {
		return nil, fmt.Errorf("%w: no list price", ErrBadInput)
	}
	seen := map[string]bool{}
	for _, l := range req.Lists {
		if seen[l.Currency] {
			return nil, fmt.Errorf("%w: two list prices in %s; give one per currency", ErrBadInput, l.Currency)
		}
		seen[l.Currency] = true
		if _, ok := paper.CurrencyPlaces(l.Currency); !ok || !l.Amount.IsPositive() {
			return nil, fmt.Errorf("%w: list price %s is not a positive amount in a known currency", ErrBadInput, l)
		}
	}
	switch req.Returns {
	case "", paper.ReturnsNo, paper.ReturnsDeliver, paper.ReturnsDestroy:
	default:
		return nil, fmt.Errorf("%w: returns %q (want no, deliver or destroy)", ErrBadInput, req.Returns)
	}
	for k, d := range req.Discount {
		if d.IsNegative() || d.GreaterThanOrEqual(hundred) {
			return nil, fmt.Errorf("%w: discount %s %% for %s %q is not from 0 to below 100 %%", ErrBadInput, d, k.Printer, k.Market)
		}
	}
	for k, c := range req.PrintCost {
		if c.IsNegative() {
			return nil, fmt.Errorf("%w: print cost %s %s for %s is negative", ErrBadInput, c, k.Currency, k.Printer)
		}
	}
	l0 := inputs[0].Layout
	r := &Report{
		Book: Book{Binding: string(l0.Binding), Paper: l0.Paper, TrimName: l0.TrimName, TrimW: pct(l0.Trim.W), TrimH: pct(l0.Trim.H), Pages: l0.PagesRequested},
		Date: req.Date, ExVAT: req.ExVAT,
	}
	for _, lp := range req.Lists {
		places, _ := paper.CurrencyPlaces(lp.Currency)
		m := &Market{List: money(lp.Amount, places), Currency: lp.Currency}
		for _, in := range inputs {
			rows, err := printerRows(in, lp, req)
			if err != nil {
				return nil, err
			}
			m.Rows = append(m.Rows, rows...)
		}
		if len(m.Rows) == 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("no printer compared sells in %s", lp.Currency))
		}
		r.Markets = append(r.Markets, m)
	}
	for _, m := range r.Markets {
		for _, row := range m.Rows {
			if row.Estimate {
				r.Estimate = true
				for _, w := range row.Warnings {
					r.Warnings = appendOnce(r.Warnings, w)
				}
			}
		}
	}
	r.Verdict = verdict(r)
	return r, nil
}

// printerRows computes one printer's rows for one list price: every channel
// that offers the binding, in every market of the list's currency.
func printerRows(in Input, lp Price, req Request) ([]*Row, error) {
	pr, l := in.Pricing, in.Layout
	var rows []*Row
	for _, ch := range pr.Channels {
		if !ch.Offers(l.Binding) {
			continue
		}
		for _, id := range ch.Markets {
			m := pr.Market(id)
			if m == nil || m.Currency != lp.Currency {
				continue
			}
			c := &calc{pr: pr, l: l, ch: ch, m: m, req: req, list: lp.Amount}
			c.places, _ = paper.CurrencyPlaces(m.Currency)
			c.row = &Row{
				Printer: l.Printer, PrinterName: l.PrinterName, Channel: ch.ID, ChannelLabel: ch.Label, Kind: ch.Kind,
				Market: m.ID, MarketLabel: m.Label, Currency: m.Currency, Pages: l.Pages,
				List: money(lp.Amount, c.places), Confidence: paper.Official, Values: []Value{},
			}
			c.row.Notes = append(c.row.Notes, m.Notes...)
			var err error
			switch ch.Kind {
			case paper.ChannelRoyalty:
				c.royalty()
			case paper.ChannelWholesale:
				err = c.wholesale()
			}
			if err != nil {
				return nil, err
			}
			c.row.Estimate = len(c.row.Warnings) > 0
			rows = append(rows, c.row)
		}
	}
	return rows, nil
}

// calc computes one row.
type calc struct {
	pr     *paper.Pricing
	l      *spine.Layout
	ch     *paper.Channel
	m      *paper.Market
	req    Request
	list   decimal.Decimal
	places int32
	row    *Row
}

// use records a catalogue value and lowers the row's confidence to it.
func (c *calc) use(name, value string, p paper.Provenance) {
	v := Value{Name: name, Value: value, Source: p.Source, Confidence: p.Confidence, Note: p.Note}
	if s := c.pr.Source(p.Source); s != nil {
		v.URL, v.Retrieved = s.URL, s.Retrieved
	}
	c.row.Values = append(c.row.Values, v)
	c.lower(p.Confidence, fmt.Sprintf("%s %s %s: %s %s is UNCONFIRMED", c.l.PrinterName, c.ch.Label, c.m.ID, name, value))
}

func (c *calc) lower(conf paper.Confidence, warning string) {
	if conf < c.row.Confidence {
		c.row.Confidence = conf
	}
	if conf == paper.Unconfirmed {
		c.row.Warnings = appendOnce(c.row.Warnings, warning)
	}
}

func (c *calc) round(d decimal.Decimal) decimal.Decimal { return c.pr.Rounding.Round(d, c.places) }

func (c *calc) ceil(d decimal.Decimal) decimal.Decimal { return d.RoundCeil(c.places) }

func (c *calc) fmt(d decimal.Decimal) string { return d.StringFixed(c.places) + " " + c.m.Currency }

// net returns the price the earnings are computed on (VAT-exclusive where the
// market has VAT) and records the VAT used.
func (c *calc) net() decimal.Decimal {
	if c.m.VAT == nil {
		return c.list
	}
	v := c.m.VAT
	c.row.VATRate = pct(v.Value)
	c.use("VAT on books", v.Value.String()+" %", v.Provenance)
	factor := hundred.Add(v.Value).Div(hundred)
	if c.req.ExVAT {
		c.row.ListExVAT = money(c.list, c.places)
		return c.list
	}
	ex := c.round(c.list.DivRound(factor, 12))
	c.row.ListExVAT = money(ex, c.places)
	if !v.Value.IsZero() {
		c.row.Notes = append(c.row.Notes, fmt.Sprintf("%s includes %s %% VAT: the list price to enter is %s without VAT", c.fmt(c.list), v.Value, c.fmt(ex)))
	}
	return ex
}

// withVAT converts a VAT-exclusive price to the list's basis, rounding up so
// that the converted price is never below the original.
func (c *calc) withVAT(ex decimal.Decimal) decimal.Decimal {
	if c.m.VAT == nil || c.req.ExVAT {
		return ex
	}
	return c.ceil(ex.Mul(hundred.Add(c.m.VAT.Value)).Div(hundred))
}

// printCost looks the printing cost up in the catalogue; when the catalogue
// has none it returns false and why.
func (c *calc) printCost() (decimal.Decimal, bool, string) {
	l := c.l
	pc := c.pr.PrintCostFor(l.Binding, l.Paper, c.m.ID)
	if pc == nil {
		return decimal.Zero, false, fmt.Sprintf("the catalogue has no %s printing cost for %s paper on %s", l.Binding, l.Paper, c.m.ID)
	}
	band := pc.Band(l.Pages)
	if band == nil {
		return decimal.Zero, false, fmt.Sprintf("the catalogue's %s printing costs on %s have no band for %d pages", l.Binding, c.m.ID, l.Pages)
	}
	large := false
	if t := c.pr.LargeTrim; t != nil {
		large = t.IsLarge(l.Trim.W, l.Trim.H)
		c.use("large trim", fmt.Sprintf("wider than %s or taller than %s %s", t.MaxWidth, t.MaxHeight, t.Unit), t.Provenance)
	}
	c.row.LargeTrim = large
	fixed, pp := band.Fixed, band.PerPage
	if large {
		fixed, pp = *band.LargeFixed, *band.LargePerPage
	}
	size := "regular trim"
	if large {
		size = "large trim"
	}
	desc := c.fmt(fixed)
	if !pp.IsZero() {
		desc = fmt.Sprintf("%s + %s per page", fixed, pp)
	}
	c.use(fmt.Sprintf("printing cost, %d-%d pages, %s", band.From, band.To, size), desc, band.Provenance)
	exact := band.Cost(l.Pages, large)
	cost := c.round(exact)
	if !cost.Equal(exact) {
		c.row.Notes = append(c.row.Notes, fmt.Sprintf("printing cost %s rounded %s to %s (%s)", exact, c.pr.Rounding.Mode, c.fmt(cost), roundingNote(c.pr.Rounding)))
	}
	c.row.PrintCost = money(cost, c.places)
	c.row.PrintCostFrom = "catalogue"
	return cost, true, ""
}

func roundingNote(r paper.MoneyRounding) string {
	if r.Note != "" {
		return r.Note
	}
	return "confidence " + r.Confidence.String()
}

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
		if c.row.VATRate != nil && !c.req.ExVAT && net.LessThan(th.Value) != c.list.LessThan(th.Value) {
			c.lower(paper.Unconfirmed, fmt.Sprintf("%s %s %s: the %s threshold falls between the price with VAT (%s) and without (%s); whether KDP compares the price without VAT is unstated (pricing.md 6.6), so the %s %% rate is an estimate",
				c.l.PrinterName, c.ch.Label, c.m.ID, c.fmt(th.Value), c.fmt(c.list), c.fmt(net), rate))
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
	c.row.gross = gross
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
		c.row.Notes = append(c.row.Notes, fmt.Sprintf("%s's minimum wholesale discount for %s was not found (pricing.md 4); it may refuse %s %%", c.l.PrinterName, c.m.ID, d))
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

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func appendOnce(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

// verdict is one line: what a sale through each printer's first channel
// earns in the first market of the first list price.
func verdict(r *Report) string {
	if len(r.Markets) == 0 {
		return ""
	}
	m := r.Markets[0]
	var parts []string
	done := map[string]bool{}
	for _, row := range m.Rows {
		if done[row.Printer] || row.Unavailable != "" {
			continue
		}
		done[row.Printer] = true
		how := "a " + row.ChannelLabel
		if strings.ContainsAny(strings.ToLower(row.ChannelLabel[:1]), "aeiou") {
			how = "an " + row.ChannelLabel
		}
		how += " sale through " + row.PrinterName
		if row.Discount != nil {
			how += " at " + row.Discount.String() + " % discount"
		}
		switch {
		case row.Earnings == nil && row.BeforePrintCost != nil:
			parts = append(parts, fmt.Sprintf("%s earns %s %s before its print cost", how, row.BeforePrintCost, row.Currency))
		case row.Earnings != nil:
			s := fmt.Sprintf("%s earns %s %s", how, row.Earnings, row.Currency)
			if row.BelowMinimum {
				s += " (below its minimum list price " + row.MinList.String() + ")"
			}
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return "no printer compared can price this book in " + m.Currency
	}
	return "at " + m.List.String() + " " + m.Currency + ": " + strings.Join(parts, "; ")
}
