package earnings

import (
	"fmt"

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
			rows, notes, err := printerRows(in, lp, req)
			if err != nil {
				return nil, err
			}
			m.Rows = append(m.Rows, rows...)
			for _, n := range notes {
				r.Notes = appendOnce(r.Notes, n)
			}
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
	if req.Date != "" {
		for _, in := range inputs {
			r.Notes = append(r.Notes, fmt.Sprintf("%s: royalty rules in force on %s; printing costs and every other value are the catalogue's (read %s)", in.Layout.PrinterName, req.Date, in.Pricing.CatalogDate))
		}
	}
	r.Verdict = verdict(r)
	return r, nil
}

// printerRows computes one printer's rows for one list price: every channel
// that offers the binding, in every market of the list's currency.
func printerRows(in Input, lp Price, req Request) (rows []*Row, notes []string, err error) {
	pr, l := in.Pricing, in.Layout
	for _, ch := range pr.Channels {
		if !ch.Offers(l.Binding) {
			n := fmt.Sprintf("%s %s does not take a %s", l.PrinterName, ch.Label, l.Binding)
			if p := ch.BindingsSource; p != nil {
				n += " (" + p.Source + ", " + p.Confidence.String()
				if p.Note != "" {
					n += ": " + p.Note
				}
				n += ")"
			}
			notes = append(notes, n)
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
			switch ch.Kind {
			case paper.ChannelRoyalty:
				c.royalty()
			case paper.ChannelWholesale:
				err = c.wholesale()
			}
			if err != nil {
				return nil, nil, err
			}
			c.row.Estimate = len(c.row.Warnings) > 0
			rows = append(rows, c.row)
		}
	}
	return rows, notes, nil
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

// withVATExact is a VAT-exclusive price with the market's VAT added, unrounded.
func (c *calc) withVATExact(ex decimal.Decimal) decimal.Decimal {
	if c.m.VAT == nil {
		return ex
	}
	return ex.Mul(hundred.Add(c.m.VAT.Value)).Div(hundred)
}

// withVAT converts a VAT-exclusive price to the list's basis, rounding up so
// that the converted price is never below the original.
func (c *calc) withVAT(ex decimal.Decimal) decimal.Decimal {
	if c.m.VAT == nil || c.req.ExVAT {
		return ex
	}
	return c.ceil(c.withVATExact(ex))
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
		desc = fmt.Sprintf("%s + %s per page", fixed.StringFixed(c.places), pp)
	}
	pages := fmt.Sprintf("%d-%d pages", band.From, band.To)
	if band.From == band.To {
		pages = fmt.Sprintf("%d pages", band.From)
	}
	c.use("printing cost, "+pages+", "+size, desc, band.Provenance)
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
