package spine

import (
	"fmt"

	"github.com/coverkit/coverkit/paper"
)

// pageLimits is the page range a stock binds for a trim: the per-trim limits
// when the stock has them for trimName, else its general range. rule names the
// range in words and src is its source key.
func pageLimits(stock *paper.Stock, trimName string) (lo, hi paper.Count, rule, src string) {
	lo, hi = stock.Pages.Min, stock.Pages.Max
	rule, src = "general page range", lo.Source
	if stock.TrimLimits != nil {
		if r, ok := stock.TrimLimits.Limits[trimName]; ok {
			lo.Value, hi.Value = r.Min, r.Max
			lo.Provenance, hi.Provenance = stock.TrimLimits.Provenance, stock.TrimLimits.Provenance
			rule, src = "page range for the "+trimName+" trim", stock.TrimLimits.Source
		}
	}
	return lo, hi, rule, src
}

// roundPages rounds a page count as the binding's printer does (odd counts up
// to even when the binding says so).
func roundPages(b *paper.Binding, n int) int {
	if b.PageRounding.Value == "even" && n%2 == 1 {
		return n + 1
	}
	return n
}

// Sheets gives the flat sheet of one book at other page counts: the printer,
// binding, paper and trim of a layout, with the printer's page rounding, its
// page limits for that trim and the paper's spine rule. Preflight uses it to
// say which page counts a cover of a given size was made for.
type Sheets struct {
	// Layout is the book at its lowest page count.
	Layout *Layout
	b      *paper.Binding
	rule   paper.SpineRule
	lo, hi int
	rest   fx // the sheet's width less the spine
}

// SheetsFor lays out req at the lowest page count its printer binds for its
// binding, paper and trim (req.Pages and req.Spine are ignored), and returns
// the sheets of that book at other page counts.
func SheetsFor(p *paper.Printer, req Request) (*Sheets, error) {
	b := p.Binding(req.Binding)
	if b != nil && b.Stock(req.Paper) != nil {
		stock := b.Stock(req.Paper)
		name := "custom"
		if t, ok := b.MatchTrim(req.Trim); ok && t != nil {
			name = t.Name
		}
		lo, _, _, _ := pageLimits(stock, name)
		req.Pages = max(roundPages(b, lo.Value), 1)
	}
	req.Spine = nil
	l, err := Compute(p, req)
	if err != nil {
		return nil, err
	}
	stock := b.Stock(l.Paper)
	lo, hi, _, _ := pageLimits(stock, l.TrimName)
	return &Sheets{Layout: l, b: b, rule: stock.Spine, lo: lo.Value, hi: hi.Value,
		rest: toFx(l.Sheet.W) - toFx(l.Spine)}, nil
}

// Pages returns the page counts the printer binds for this book: from lo to
// hi in steps of step (2 when odd counts are rounded up to even).
func (s *Sheets) Pages() (lo, hi, step int) {
	lo, step = s.lo, 1
	if s.b.PageRounding.Value == "even" {
		lo, step = roundPages(s.b, lo), 2
	}
	return lo, s.hi, step
}

// Sheet returns the flat sheet for n pages, n rounded as the printer rounds
// it: the sheet [Compute] gives for n pages.
func (s *Sheets) Sheet(n int) (Size, error) {
	n = roundPages(s.b, n)
	if n < s.lo || n > s.hi {
		return Size{}, fmt.Errorf("%d pages is outside the %d-%d page range", n, s.lo, s.hi)
	}
	w, err := Width(s.rule, n)
	if err != nil {
		return Size{}, err
	}
	return Size{(s.rest + toFx(w)).dec(), s.Layout.Sheet.H}, nil
}
