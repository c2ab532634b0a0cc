package preflight

import (
	"fmt"
	"sort"
	"strings"

	"github.com/coverkit/coverkit/paper"
	"github.com/coverkit/coverkit/spine"
	"github.com/shopspring/decimal"
)

// Fit is a book that a found cover size fits: a printer, binding, paper and
// a run of page counts whose full sheet matches within the tolerance.
type Fit struct {
	Printer     string `json:"printer"`
	PrinterName string `json:"printer_name"`
	Binding     string `json:"binding"`
	Paper       string `json:"paper"`
	PagesFrom   int    `json:"pages_from"`
	PagesTo     int    `json:"pages_to"`
	// Best is the page count whose sheet width is closest to the found width.
	Best int `json:"best"`
}

func (f Fit) pages() string {
	if f.PagesFrom == f.PagesTo {
		return fmt.Sprintf("%d pages", f.PagesFrom)
	}
	return fmt.Sprintf("%d-%d pages", f.PagesFrom, f.PagesTo)
}

// maxFits bounds the reverse-solve answer.
const maxFits = 8

// Solve finds every catalogued printer, binding and paper whose full sheet for
// the given trim is w x h inches within tol, and the page counts that give it.
// The sheets come from spine ([spine.SheetsFor]): one layout per paper, then
// the paper's spine rule once per page count.
//
// Fits are ordered by what most likely went wrong with the book being
// checked (like): the same printer and paper at another page count first,
// then any paper or printer at the same page count (a file made for another
// printer or paper), then the printer's other papers, then the rest.
func Solve(cat *paper.Catalog, trim paper.TrimSpec, w, h, tol decimal.Decimal, like *spine.Layout) []Fit {
	type ranked struct {
		Fit
		rank, order int
	}
	var all []ranked
	for _, p := range cat.Printers {
		for _, b := range p.Bindings {
			for _, st := range b.Stocks {
				for _, f := range solveStock(p, b, st, trim, w, h, tol) {
					all = append(all, ranked{f, likeRank(f, like), len(all)})
				}
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].rank < all[j].rank })
	var out []Fit
	for i, r := range all {
		if i == maxFits {
			break
		}
		out = append(out, r.Fit)
	}
	return out
}

// likeRank orders a fit by how likely it is the book like was meant to be.
func likeRank(f Fit, like *spine.Layout) int {
	if like == nil {
		return 0
	}
	same := f.Printer == like.Printer && f.Binding == string(like.Binding)
	switch {
	case same && f.Paper == like.Paper:
		return 0 // the same book at another page count
	case f.PagesFrom <= like.Pages && like.Pages <= f.PagesTo:
		return 1 // the same page count on another paper or printer
	case same:
		return 2
	}
	return 3
}

// solveStock lists the runs of page counts whose sheet on one paper is w x h
// within tol.
func solveStock(p *paper.Printer, b *paper.Binding, st *paper.Stock, trim paper.TrimSpec, w, h, tol decimal.Decimal) []Fit {
	sheets, err := spine.SheetsFor(p, spine.Request{Binding: b.Kind, Paper: st.ID, Trim: trim})
	if err != nil || sheets.Layout.Sheet.H.Sub(h).Abs().GreaterThan(tol) {
		return nil
	}
	lo, hi, step := sheets.Pages()
	var out []Fit
	cur := Fit{}
	var bestD decimal.Decimal
	for n := lo; n <= hi; n += step {
		s, err := sheets.Sheet(n)
		if err != nil {
			continue
		}
		d := s.W.Sub(w)
		if d.GreaterThan(tol) {
			break // spines only grow with the page count
		}
		if d.Abs().LessThanOrEqual(tol) {
			if cur.PagesFrom == 0 {
				cur = Fit{Printer: p.ID, PrinterName: p.Name, Binding: string(b.Kind), Paper: st.ID, PagesFrom: n, Best: n}
				bestD = d.Abs()
			}
			cur.PagesTo = n
			if d.Abs().LessThan(bestD) {
				cur.Best, bestD = n, d.Abs()
			}
		} else if cur.PagesFrom != 0 {
			out = append(out, cur)
			cur = Fit{}
		}
	}
	if cur.PagesFrom != 0 {
		out = append(out, cur)
	}
	return out
}

func f64(d decimal.Decimal) float64 {
	v, _ := d.Float64()
	return v
}

// fitsText says what a size fits: "KDP white 262-274 pages (closest 268) or
// IngramSpark cream 300 pages".
func fitsText(fits []Fit, binding string) string {
	if len(fits) == 0 {
		return ""
	}
	// Papers that share a spine rule (all of Lulu's) fit the same pages:
	// say so once, "Lulu white/cream 301-312 pages".
	type key struct {
		printer, binding string
		from, to, best   int
	}
	var merged []Fit
	at := map[key]int{}
	for _, f := range fits {
		k := key{f.Printer, f.Binding, f.PagesFrom, f.PagesTo, f.Best}
		if i, ok := at[k]; ok {
			merged[i].Paper += "/" + f.Paper
			continue
		}
		at[k] = len(merged)
		merged = append(merged, f)
	}
	fits = merged
	const shown = 4
	extra := 0
	if len(fits) > shown {
		extra, fits = len(fits)-shown, fits[:shown]
	}
	parts := make([]string, len(fits))
	for i, f := range fits {
		s := f.PrinterName
		if f.Binding != binding {
			s += " " + f.Binding
		}
		s += " " + f.Paper + " " + f.pages()
		if f.PagesFrom != f.PagesTo {
			s += fmt.Sprintf(" (closest %d)", f.Best)
		}
		parts[i] = s
	}
	if extra > 0 {
		return strings.Join(parts, ", ") + fmt.Sprintf(" (and %d more)", extra)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}
