package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/coverkit/coverkit/earnings"
	"github.com/shopspring/decimal"
)

// writeEarnings prints the report: a table per list price, then the verdict,
// thresholds, returns, notes and estimates.
func writeEarnings(w io.Writer, r *earnings.Report, skipped []string) {
	b := r.Book
	trim := inches(b.TrimW.Value) + " x " + inches(b.TrimH.Value) + " in"
	if b.TrimName != "" && b.TrimName != "custom" && !strings.ContainsAny(b.TrimName[:1], "0123456789") {
		trim += " (" + b.TrimName + ")"
	}
	fmt.Fprintf(w, "%s %s, %s paper, %d pages\n", trim, b.Binding, b.Paper, b.Pages)
	if r.Date != "" {
		fmt.Fprintf(w, "royalty rules in force on %s\n", r.Date)
	}
	var ls earningsLines
	for _, m := range r.Markets {
		writeMarket(w, r, m, &ls)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "verdict: "+r.Verdict)
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, title)
		for _, l := range lines {
			fmt.Fprintln(w, "  "+l)
		}
	}
	section("royalty thresholds:", ls.thresholds)
	section("returns:", ls.returns)
	sort.Strings(skipped)
	for _, s := range skipped {
		ls.notes = append(ls.notes, "not shown: "+s)
	}
	ls.notes = append(ls.notes, r.Notes...)
	section("notes:", ls.notes)
	section("values used (confidence, source key, read on):", valueLines(r))
	if r.Estimate {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "* ESTIMATE: some values are UNCONFIRMED; check them against the printer's own calculator:")
		for _, s := range r.Warnings {
			fmt.Fprintln(w, "  - "+s)
		}
	}
}

// earningsLines gathers, across the tables, the lines printed after them.
type earningsLines struct {
	thresholds, returns, notes []string
}

// writeMarket prints one list price's table and gathers its rows' lines.
func writeMarket(w io.Writer, r *earnings.Report, m *earnings.Market, ls *earningsLines) {
	fmt.Fprintln(w)
	basis := ""
	if r.ExVAT {
		basis = " (without VAT)"
	}
	fmt.Fprintf(w, "list price %s %s%s\n", m.List, m.Currency, basis)
	if len(m.Rows) == 0 {
		fmt.Fprintf(w, "  no printer compared sells in %s\n", m.Currency)
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "printer\tchannel\tmarket\tVAT\tprint cost\trate or discount\tearnings\tmin list\tconfidence")
	for _, x := range m.Rows {
		vat := "-"
		if x.VATRate != nil {
			vat = x.VATRate.String() + " %"
		}
		if x.Unavailable != "" {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t-\t-\t-\t-\tunavailable\n", x.PrinterName, x.ChannelLabel, x.MarketLabel, vat)
			ls.notes = append(ls.notes, fmt.Sprintf("%s %s %s: %s", x.PrinterName, x.ChannelLabel, x.Market, x.Unavailable))
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", x.PrinterName, x.ChannelLabel, x.MarketLabel, vat, strings.Join(rowCells(x), "\t"))
		ls.add(x)
	}
	tw.Flush()
}

// rowCells are a row's print cost, rate or discount, earnings, minimum list
// price and confidence cells.
func rowCells(x *earnings.Row) []string {
	conf := x.Confidence.String()
	if x.Estimate {
		conf += " *"
	}
	cost := "not given"
	if x.PrintCost != nil {
		cost = x.PrintCost.String()
		if x.PrintCostFrom == "input" {
			cost += " (yours)"
		}
	}
	rate := "-"
	switch {
	case x.Rate != nil:
		rate = x.Rate.String() + " %"
	case x.Discount != nil:
		rate = x.Discount.String() + " % discount"
	}
	earn := "-"
	switch {
	case x.Earnings != nil:
		earn = x.Earnings.String()
	case x.BeforePrintCost != nil:
		earn = x.BeforePrintCost.String() + " - print cost"
	}
	minList := "-"
	if x.MinList != nil {
		minList = x.MinList.String()
		if x.BelowMinimum {
			minList += " (list below)"
		}
	}
	if x.AboveMaximum {
		earn += " (list above max " + x.MaxList.String() + ")"
	}
	return []string{cost, rate, earn, minList, conf}
}

// add gathers a row's royalty threshold, returns setting and notes.
func (ls *earningsLines) add(x *earnings.Row) {
	if t := x.Threshold; t != nil {
		s := fmt.Sprintf("%s %s: %s %% from %s %s", x.PrinterName, x.Market, t.RateAtOr, t.Value, x.Currency)
		if x.VATRate != nil {
			s += " without VAT"
		}
		if t.EarningsAt != nil {
			s += fmt.Sprintf(", %s %% below: at %s a copy would earn %s", t.RateBelow, t.Value, t.EarningsAt)
		} else {
			s += fmt.Sprintf("; below it %s %%", t.RateBelow)
		}
		ls.thresholds = appendUnique(ls.thresholds, s)
	}
	if rt := x.Returns; rt != nil {
		s := fmt.Sprintf("%s %s: returns %s", x.PrinterName, x.Market, rt.Option)
		if rt.Charge.Value.IsZero() {
			s += ", a return costs nothing (no returns accepted)"
		} else {
			s += fmt.Sprintf(", a returned copy costs %s %s", rt.Charge, x.Currency)
			if rt.Shipping != nil {
				s += fmt.Sprintf(" (wholesale %s + shipping %s)", rt.Wholesale, rt.Shipping)
			} else {
				s += " (the wholesale price)"
			}
		}
		ls.returns = append(ls.returns, s)
	}
	if x.PrintCostNote != "" && x.Printer == "ingramspark" {
		ls.notes = appendUnique(ls.notes, "IngramSpark publishes no print-cost formula: the earnings are shown before the print cost; give it from IngramSpark's own calculator with --ingram-print-cost AMOUNT "+x.Currency)
	} else if x.PrintCostNote != "" {
		ls.notes = appendUnique(ls.notes, x.PrinterName+" "+x.Market+": "+x.PrintCostNote)
	}
	for _, n := range x.Notes {
		ls.notes = appendUnique(ls.notes, x.PrinterName+" "+x.Market+": "+n)
	}
}

// valueLines lists every catalogue value the report used, once per printer,
// with the markets that used it.
func valueLines(r *earnings.Report) []string {
	type key struct{ printer, name, value, conf, src, read string }
	var order []key
	markets := map[key][]string{}
	for _, m := range r.Markets {
		for _, x := range m.Rows {
			for _, v := range x.Values {
				k := key{x.PrinterName, v.Name, v.Value, v.Confidence.String(), v.Source, v.Retrieved}
				if _, ok := markets[k]; !ok {
					order = append(order, k)
				}
				if ms := markets[k]; len(ms) == 0 || ms[len(ms)-1] != x.Market {
					markets[k] = appendUnique(ms, x.Market)
				}
			}
		}
	}
	out := make([]string, len(order))
	for i, k := range order {
		out[i] = fmt.Sprintf("%s %s: %s: %s (%s, %s, %s)", k.printer, strings.Join(markets[k], ", "), k.name, k.value, k.conf, k.src, k.read)
	}
	return out
}

// inches shows a trim side exactly when it has at most 4 places (6, 8.5),
// else to 4 places (a trim given in mm).
func inches(d decimal.Decimal) string {
	if d.Exponent() >= -4 {
		return d.String()
	}
	return d.StringFixed(4)
}

func appendUnique(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}
